//===- DecompositionTest.cpp - Signed gadget decomposition ----------------===//

#include "shade/runtime/Decomposition.h"
#include "shade/runtime/Testing.h"

#include "gtest/gtest.h"

#include <vector>

using namespace shade::runtime;

namespace {

void checkRecomposition(DecompositionParams params, Torus value) {
  SignedDecomposer decomposer(params);
  std::vector<int64_t> digits(params.level);
  decomposer.decompose(value, digits.data());
  Torus sum = 0;
  int64_t half = int64_t(1) << (params.baseLog - 1);
  for (uint32_t j = 0; j < params.level; ++j) {
    EXPECT_GE(digits[j], -half);
    EXPECT_LE(digits[j], half);
    sum += static_cast<Torus>(digits[j]) * decomposer.gadgetFactor(j);
  }
  EXPECT_EQ(sum, decomposer.closestRepresentable(value));
}

} // namespace

TEST(Decomposition, RecomposesToTheClosestRepresentable) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(11);
  for (DecompositionParams params :
       {DecompositionParams{1, 1}, DecompositionParams{5, 3},
        DecompositionParams{7, 2}, DecompositionParams{23, 1},
        DecompositionParams{15, 2}, DecompositionParams{4, 16},
        DecompositionParams{63, 1}}) {
    for (Torus edge :
         {Torus(0), ~Torus(0), Torus(1) << 63, (Torus(1) << 63) - 1, Torus(1)})
      checkRecomposition(params, edge);
    for (int i = 0; i < 2000; ++i)
      checkRecomposition(params, rng.nextU64());
  }
}

TEST(Decomposition, RoundsToNearest) {
  SignedDecomposer decomposer({4, 2}); // 8 bits kept, 56 dropped
  Torus step = Torus(1) << 56;
  EXPECT_EQ(decomposer.closestRepresentable(3 * step + step / 2 - 1), 3 * step);
  EXPECT_EQ(decomposer.closestRepresentable(3 * step + step / 2), 4 * step);
  EXPECT_EQ(decomposer.closestRepresentable(~Torus(0)), Torus(0));
}

TEST(Decomposition, SliceMatchesScalarDecomposition) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(12);
  DecompositionParams params{6, 3};
  SignedDecomposer decomposer(params);
  std::vector<Torus> values(100);
  rng.fillUniform(values.data(), values.size());
  std::vector<int64_t> slice(values.size() * params.level);
  decomposer.decomposeSlice(values.data(), values.size(), slice.data());
  for (size_t i = 0; i < values.size(); ++i) {
    int64_t digits[3];
    decomposer.decompose(values[i], digits);
    for (uint32_t j = 0; j < params.level; ++j)
      EXPECT_EQ(slice[j * values.size() + i], digits[j]);
  }
}

TEST(Decomposition, DigitsAreBalanced) {
  // For uniform inputs (B = 8, 4 levels): every digit below the top one has
  // mean 0; the least significant digit has E[d^2] = (B^2 + 2) / 12 = 5.5
  // exactly (+-B/2 equally likely), the others slightly less (5.25 to
  // 5.28); the top digit keeps +B/2 (its carry would leave the torus), so
  // its mean is about +1/2. The noise model's (B^2 + 2) / 12 is thus an
  // upper bound.
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(13);
  SignedDecomposer decomposer({3, 4});
  double sum[4] = {}, sumSquares[4] = {};
  const int count = 200000;
  for (int i = 0; i < count; ++i) {
    int64_t digits[4];
    decomposer.decompose(rng.nextU64(), digits);
    for (int j = 0; j < 4; ++j) {
      sum[j] += digits[j];
      sumSquares[j] += double(digits[j]) * digits[j];
    }
  }
  // Standard errors: 0.005 for the means, 0.01 for the second moments.
  EXPECT_NEAR(sum[0] / count, 0.444, 0.03);
  for (int j = 1; j < 4; ++j)
    EXPECT_NEAR(sum[j] / count, 0.0, 0.03) << "level " << j;
  EXPECT_NEAR(sumSquares[3] / count, 5.5, 0.06);
  for (int j = 0; j < 3; ++j) {
    EXPECT_GT(sumSquares[j] / count, 5.25 - 0.06) << "level " << j;
    EXPECT_LT(sumSquares[j] / count, 5.28 + 0.06) << "level " << j;
  }
}

//===- CsprngTest.cpp - ChaCha20 generator --------------------------------===//

#include "shade/runtime/Csprng.h"
#include "shade/runtime/Testing.h"

#include "gtest/gtest.h"

#include <cmath>
#include <vector>

using namespace shade::runtime;

// RFC 8439, section 2.3.2.
TEST(Csprng, ChaCha20BlockMatchesRfc8439) {
  std::array<uint32_t, 8> key;
  for (uint32_t i = 0; i < 8; ++i)
    key[i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (4 * i + 3) << 24;
  std::array<uint32_t, 16> block =
      chacha20Block(key, {1, 0x09000000, 0x4a000000, 0});
  std::array<uint32_t, 16> expected = {
      0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3, 0xc7f4d1c7, 0x0368c033,
      0x9aaa2204, 0x4e6cd4c3, 0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
      0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2};
  EXPECT_EQ(block, expected);
}

TEST(Csprng, FixedSeedIsReproducibleAndSeedsDiffer) {
  Csprng a = shade::runtime::testing::seededCsprngForTesting(7);
  Csprng b = shade::runtime::testing::seededCsprngForTesting(7);
  Csprng c = shade::runtime::testing::seededCsprngForTesting(8);
  bool anyDifferent = false;
  for (int i = 0; i < 1000; ++i) {
    uint64_t x = a.nextU64();
    EXPECT_EQ(x, b.nextU64());
    anyDifferent |= x != c.nextU64();
  }
  EXPECT_TRUE(anyDifferent);
}

TEST(Csprng, KernelSeededGeneratorsDiffer) {
  Csprng a, b;
  EXPECT_NE(a.nextU64(), b.nextU64());
}

TEST(Csprng, BinaryIsBalanced) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(1);
  std::vector<uint64_t> bits(100000);
  rng.fillBinary(bits.data(), bits.size());
  uint64_t ones = 0;
  for (uint64_t bit : bits) {
    ASSERT_LE(bit, 1u);
    ones += bit;
  }
  // 5 standard deviations of a binomial(100000, 1/2): 791.
  EXPECT_NEAR(static_cast<double>(ones), 50000.0, 791.0);
}

TEST(Csprng, GaussianHasTheRequestedDeviation) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(2);
  const double stdDev = 0x1p-20;
  const size_t count = 200000;
  std::vector<Torus> samples(count);
  rng.fillGaussian(samples.data(), count, stdDev);
  double sum = 0, sumSquares = 0;
  size_t beyondThree = 0;
  for (Torus t : samples) {
    double x = torusToSignedReal(t);
    sum += x;
    sumSquares += x * x;
    beyondThree += std::fabs(x) > 3 * stdDev;
  }
  double mean = sum / count;
  double variance = sumSquares / count - mean * mean;
  // The mean's standard error is stdDev / sqrt(count); the variance's
  // relative standard error is sqrt(2 / count) = 0.32%.
  EXPECT_LT(std::fabs(mean), 5 * stdDev / std::sqrt(double(count)));
  EXPECT_NEAR(variance / (stdDev * stdDev), 1.0, 0.016);
  // P(|X| > 3 sigma) = 0.0027.
  EXPECT_NEAR(beyondThree / double(count), 0.0027, 0.0006);
}

TEST(Csprng, GaussianIsRoundedToIntegers) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(3);
  // sigma = 4 integer units: a rounded Gaussian has variance 16 + 1/12.
  const size_t count = 200000;
  double sumSquares = 0;
  for (size_t i = 0; i < count; ++i) {
    double x =
        static_cast<double>(static_cast<int64_t>(rng.nextGaussian(0x1p-62)));
    sumSquares += x * x;
  }
  EXPECT_NEAR(sumSquares / count, 16.0 + 1.0 / 12.0, 16.0 * 0.016);
}

//===- FftTest.cpp - Negacyclic products ----------------------------------===//

#include "shade/runtime/Fft.h"
#include "shade/runtime/Polynomial.h"
#include "shade/runtime/Testing.h"

#include "NaiveProduct.h"

#include "gtest/gtest.h"

#include <cmath>
#include <vector>

using namespace shade::runtime;
using shade::runtime::testing::naiveProduct;
using shade::runtime::testing::smallIntegerProduct;
using shade::runtime::testing::SmallIntegerProduct;

TEST(Fft, SmallIntegerProductsAreExact) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(21);
  for (uint32_t n : {8u, 64u, 1024u}) {
    const NegacyclicFft &fft = NegacyclicFft::forSize(n);
    SmallIntegerProduct product = smallIntegerProduct(fft, rng);
    std::vector<Torus> out(n);
    fft.backwardTorus(product.fourier.data(), out.data());
    EXPECT_EQ(out, naiveProduct(product.a, product.b)) << "N = " << n;
  }
}

TEST(Fft, MultiplyAddAccumulatesProducts) {
  const uint32_t n = 64;
  const NegacyclicFft &fft = NegacyclicFft::forSize(n);
  std::vector<int64_t> a(n), b(n), c(n);
  std::vector<Torus> ta(n), tb(n), tc(n);
  for (uint32_t i = 0; i < n; ++i) {
    a[i] = int64_t(i % 7) - 3;
    b[i] = int64_t(i % 5) - 2;
    c[i] = int64_t(i % 3) - 1;
    ta[i] = static_cast<Torus>(a[i]);
    tb[i] = static_cast<Torus>(b[i]);
    tc[i] = static_cast<Torus>(c[i]);
  }
  AlignedVector<double> fa(n), fb(n), fc(n), acc(n);
  fft.forwardInteger(a.data(), fa.data());
  fft.forwardInteger(b.data(), fb.data());
  fft.forwardInteger(c.data(), fc.data());
  fft.multiply(acc.data(), fa.data(), fb.data());
  fft.multiplyAdd(acc.data(), fb.data(), fc.data());
  std::vector<Torus> out(n);
  fft.backwardTorus(acc.data(), out.data());
  std::vector<Torus> expected = naiveProduct(ta, tb);
  std::vector<Torus> second = naiveProduct(tb, tc);
  for (uint32_t i = 0; i < n; ++i)
    expected[i] += second[i];
  EXPECT_EQ(out, expected);
}

TEST(Fft, ExactProductWithBinaryMatchesSchoolbook) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(22);
  for (uint32_t n : {8u, 2048u}) {
    const NegacyclicFft &fft = NegacyclicFft::forSize(n);
    std::vector<Torus> a(n), s(n), out(n);
    rng.fillUniform(a.data(), n);
    rng.fillBinary(s.data(), n);
    exactProductWithBinary(fft, a.data(), s.data(), out.data());
    EXPECT_EQ(out, naiveProduct(a, s)) << "N = " << n;
  }
}

TEST(Fft, BackwardAddAccumulatesModulo2To64) {
  const uint32_t n = 16;
  const NegacyclicFft &fft = NegacyclicFft::forSize(n);
  std::vector<int64_t> x(n);
  for (uint32_t i = 0; i < n; ++i)
    x[i] = (i % 2 ? -1 : 1) * int64_t(i + 1);
  AlignedVector<double> fourier(n);
  fft.forwardInteger(x.data(), fourier.data());
  std::vector<Torus> acc(n, ~Torus(0));
  fft.backwardAddTorus(fourier.data(), acc.data());
  for (uint32_t i = 0; i < n; ++i)
    EXPECT_EQ(acc[i], static_cast<Torus>(x[i]) - 1) << "coefficient " << i;
}

TEST(Fft, BlocksHoldEightRealThenEightImaginaryParts) {
  // (re, im) pairs of values 0 .. 15 as re_j = 2 j, im_j = 2 j + 1.
  std::vector<double> values(32);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = double(i);
  interleavedToBlocked(values.data(), values.size(), 32);
  std::vector<double> blocked = {0,  2,  4,  6,  8,  10, 12, 14, 1,  3,  5,
                                 7,  9,  11, 13, 15, 16, 18, 20, 22, 24, 26,
                                 28, 30, 17, 19, 21, 23, 25, 27, 29, 31};
  EXPECT_EQ(values, blocked);
  blockedToInterleaved(values.data(), values.size(), 32);
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(values[i], double(i)) << "double " << i;

  // N = 8 has 4 values: one block of 4.
  std::vector<double> small = {0, 1, 2, 3, 4, 5, 6, 7};
  interleavedToBlocked(small.data(), small.size(), 8);
  EXPECT_EQ(small, (std::vector<double>{0, 2, 4, 6, 1, 3, 5, 7}));
}

TEST(Fft, FourierValueTIsTheEvaluationAtRootT) {
  // x = X: value t is zeta_t = exp(i pi (4t + 1) / N), at the real and
  // imaginary slots of its block, for both implementations.
  for (uint32_t n : {8u, 16u, 2048u}) {
    for (const NegacyclicFft *fft :
         {&NegacyclicFft::forSize(n), &NegacyclicFft::fftwForSize(n)}) {
      std::vector<int64_t> x(n, 0);
      x[1] = 1;
      AlignedVector<double> fourier(n);
      fft->forwardInteger(x.data(), fourier.data());
      size_t block = fourierBlock(n);
      for (size_t t = 0; t < n / 2; ++t) {
        size_t re = (t / block) * 2 * block + t % block;
        double angle = M_PI * double(4 * t + 1) / double(n);
        EXPECT_NEAR(fourier[re], std::cos(angle), 1e-12)
            << "N = " << n << ", value " << t;
        EXPECT_NEAR(fourier[re + block], std::sin(angle), 1e-12)
            << "N = " << n << ", value " << t;
      }
    }
  }
}

TEST(Polynomial, RotationIsNegacyclic) {
  std::vector<Torus> p = {1, 2, 3, 4};
  std::vector<Torus> out(4);
  negacyclicRotate(p.data(), 4, 1, out.data());
  EXPECT_EQ(out, (std::vector<Torus>{Torus(0) - 4, 1, 2, 3}));
  negacyclicRotate(p.data(), 4, 6, out.data());
  EXPECT_EQ(out, (std::vector<Torus>{3, 4, Torus(0) - 1, Torus(0) - 2}));
  negacyclicRotate(p.data(), 4, 0, out.data());
  EXPECT_EQ(out, p);
}

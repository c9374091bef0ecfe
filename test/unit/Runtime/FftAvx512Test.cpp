//===- FftAvx512Test.cpp - AVX-512 FFT kernels against FFTW ---------------===//
//
// On CPUs with AVX-512, NegacyclicFft runs its own kernels for N >= 128
// (FftAvx512.h); these tests compare them with the FFTW implementation of
// the same transform on seeded random inputs, at sizes whose last pass is of
// radix 4 (N/2 a power of four) or 2. They are skipped on other CPUs, where
// both are FFTW.
//
//===----------------------------------------------------------------------===//

#include "shade/runtime/Fft.h"
#include "shade/runtime/Testing.h"

#include "NaiveProduct.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace shade::runtime;
using shade::runtime::testing::naiveProduct;
using shade::runtime::testing::smallIntegerProduct;
using shade::runtime::testing::SmallIntegerProduct;

namespace {

const uint32_t kSizes[] = {128, 256, 1024, 2048, 4096, 8192};

/// Signed digits in [-2^22, 2^22], as the bootstrap's decomposition makes.
std::vector<int64_t> randomDigits(Csprng &rng, uint32_t n) {
  std::vector<int64_t> digits(n);
  for (int64_t &d : digits)
    d = static_cast<int64_t>(rng.nextU64() % ((uint64_t(1) << 23) + 1)) -
        (int64_t(1) << 22);
  return digits;
}

std::vector<Torus> randomTorus(Csprng &rng, uint32_t n) {
  std::vector<Torus> t(n);
  for (Torus &x : t)
    x = rng.nextU64();
  return t;
}

/// The largest |(got - want) mod 2^64| read as a signed integer.
uint64_t maxError(const std::vector<Torus> &got,
                  const std::vector<Torus> &want) {
  uint64_t worst = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    int64_t error = static_cast<int64_t>(got[i] - want[i]);
    worst = std::max(worst, error < 0 ? uint64_t(0) - uint64_t(error)
                                      : uint64_t(error));
  }
  return worst;
}

/// digits * key modulo X^N + 1 through `fft`, the way the bootstrap's
/// external product computes it.
std::vector<Torus> fourierProduct(const NegacyclicFft &fft,
                                  const std::vector<int64_t> &digits,
                                  const std::vector<Torus> &key) {
  uint32_t n = fft.polynomialSize();
  AlignedVector<double> folded(n), fd(n), fk(n), product(n);
  for (uint32_t j = 0; j < n; ++j)
    folded[j] = static_cast<double>(digits[j]);
  fft.forwardFolded(folded.data(), folded.data() + n / 2, fd.data());
  fft.forwardTorus(key.data(), fk.data());
  fft.multiply(product.data(), fd.data(), fk.data());
  std::vector<Torus> out(n);
  fft.backwardTorus(product.data(), out.data());
  return out;
}

} // namespace

TEST(FftAvx512, ForwardMatchesFftw) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(31);
  for (uint32_t n : kSizes) {
    const NegacyclicFft &fft = NegacyclicFft::forSize(n);
    if (!fft.usesAvx512())
      GTEST_SKIP() << "this CPU runs FFTW for every size";
    const NegacyclicFft &reference = NegacyclicFft::fftwForSize(n);
    std::vector<Torus> x = randomTorus(rng, n);
    AlignedVector<double> got(n), want(n);
    fft.forwardTorus(x.data(), got.data());
    reference.forwardTorus(x.data(), want.data());
    // Both are within a few ulps (of the largest value) of the exact
    // transform; |x_j| < 2^63, so every value is below N 2^63.
    double bound = n * 0x1p63 * 0x1p-47;
    for (uint32_t i = 0; i < n; ++i)
      ASSERT_LE(std::fabs(got[i] - want[i]), bound)
          << "N = " << n << ", value " << i;
  }
}

TEST(FftAvx512, SmallIntegerProductsAreExact) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(32);
  for (uint32_t n : kSizes) {
    const NegacyclicFft &fft = NegacyclicFft::forSize(n);
    if (!fft.usesAvx512())
      GTEST_SKIP() << "this CPU runs FFTW for every size";
    SmallIntegerProduct product = smallIntegerProduct(fft, rng);
    std::vector<Torus> out(n, 5);
    fft.backwardAddTorus(product.fourier.data(), out.data());
    std::vector<Torus> want = naiveProduct(product.a, product.b);
    for (Torus &w : want)
      w += 5;
    EXPECT_EQ(out, want) << "N = " << n;
  }
}

TEST(FftAvx512, TorusProductErrorIsNoLargerThanFftw) {
  // The bootstrap's products: digits below 2^22 times torus coefficients,
  // whose error is the FFT noise of docs/noise.md. Ours must not add noise.
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(33);
  for (uint32_t n : {1024u, 2048u, 4096u}) {
    const NegacyclicFft &fft = NegacyclicFft::forSize(n);
    if (!fft.usesAvx512())
      GTEST_SKIP() << "this CPU runs FFTW for every size";
    const NegacyclicFft &reference = NegacyclicFft::fftwForSize(n);
    uint64_t ours = 0, fftw = 0;
    for (int trial = 0; trial < 4; ++trial) {
      std::vector<int64_t> digits = randomDigits(rng, n);
      std::vector<Torus> key = randomTorus(rng, n);
      std::vector<Torus> tdigits(digits.begin(), digits.end());
      std::vector<Torus> exact = naiveProduct(tdigits, key);
      ours = std::max(ours, maxError(fourierProduct(fft, digits, key), exact));
      fftw = std::max(fftw,
                      maxError(fourierProduct(reference, digits, key), exact));
    }
    // Rounding errors differ in detail; the worst of 4 x N coefficients
    // stays within 1.5 times FFTW's, and both far below 2^64 / 2^10.
    EXPECT_LE(static_cast<double>(ours), 1.5 * static_cast<double>(fftw))
        << "N = " << n;
    EXPECT_LT(ours, uint64_t(1) << 54) << "N = " << n;
  }
}

//===- NaiveProduct.h - Reference negacyclic product for the FFT tests ----===//
//
// The schoolbook product the FFT tests compare against, and the random
// small-integer operands of their exactness tests.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_TEST_UNIT_RUNTIME_NAIVEPRODUCT_H
#define SHADE_TEST_UNIT_RUNTIME_NAIVEPRODUCT_H

#include "shade/runtime/Aligned.h"
#include "shade/runtime/Csprng.h"
#include "shade/runtime/Fft.h"
#include "shade/runtime/Torus.h"

#include <cstdint>
#include <vector>

namespace shade::runtime::testing {

/// a * b modulo X^N + 1 and 2^64, schoolbook.
inline std::vector<Torus> naiveProduct(const std::vector<Torus> &a,
                                       const std::vector<Torus> &b) {
  size_t n = a.size();
  std::vector<Torus> out(n, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      Torus product = a[i] * b[j];
      if (i + j < n)
        out[i + j] += product;
      else
        out[i + j - n] -= product;
    }
  return out;
}

/// Two random polynomials with coefficients in [-1000, 1000] as torus
/// polynomials, and the pointwise product of their transforms by `fft`.
struct SmallIntegerProduct {
  std::vector<Torus> a, b;
  AlignedVector<double> fourier;
};

inline SmallIntegerProduct smallIntegerProduct(const NegacyclicFft &fft,
                                               Csprng &rng) {
  uint32_t n = fft.polynomialSize();
  std::vector<int64_t> a(n), b(n);
  SmallIntegerProduct result{std::vector<Torus>(n), std::vector<Torus>(n),
                             AlignedVector<double>(n)};
  for (uint32_t i = 0; i < n; ++i) {
    a[i] = static_cast<int64_t>(rng.nextU64() % 2001) - 1000;
    b[i] = static_cast<int64_t>(rng.nextU64() % 2001) - 1000;
    result.a[i] = static_cast<Torus>(a[i]);
    result.b[i] = static_cast<Torus>(b[i]);
  }
  AlignedVector<double> fa(n), fb(n);
  fft.forwardInteger(a.data(), fa.data());
  fft.forwardInteger(b.data(), fb.data());
  fft.multiply(result.fourier.data(), fa.data(), fb.data());
  return result;
}

} // namespace shade::runtime::testing

#endif // SHADE_TEST_UNIT_RUNTIME_NAIVEPRODUCT_H

//===- Polynomial.cpp - Polynomials of Z_{2^64}[X] / (X^N + 1) ------------===//

#include "shade/runtime/Polynomial.h"

#include <vector>

namespace shade::runtime {

void negacyclicRotate(const Torus *in, uint32_t polynomialSize, uint64_t power,
                      Torus *out) {
  size_t n = polynomialSize;
  // X^N = -1: rotating by N + p is rotating by p and negating.
  bool negate = power >= n;
  size_t shift = negate ? power - n : power;
  Torus wrapSign = negate ? Torus(1) : ~Torus(0);
  Torus keepSign = negate ? ~Torus(0) : Torus(1);
  for (size_t j = 0; j < shift; ++j)
    out[j] = wrapSign * in[j + n - shift];
  for (size_t j = shift; j < n; ++j)
    out[j] = keepSign * in[j - shift];
}

void exactProductWithBinary(const NegacyclicFft &fft, const Torus *a,
                            const uint64_t *s, Torus *out) {
  constexpr unsigned kLimbBits = 22;
  constexpr Torus kLimbMask = (Torus(1) << kLimbBits) - 1;
  size_t n = fft.polynomialSize();
  AlignedVector<double> keyFourier(n), limbFourier(n);
  std::vector<int64_t> limb(n);
  std::vector<Torus> partial(n);
  fft.forwardInteger(reinterpret_cast<const int64_t *>(s), keyFourier.data());
  for (size_t j = 0; j < n; ++j)
    out[j] = 0;
  for (unsigned shift = 0; shift < 64; shift += kLimbBits) {
    for (size_t j = 0; j < n; ++j)
      limb[j] = static_cast<int64_t>((a[j] >> shift) & kLimbMask);
    fft.forwardInteger(limb.data(), limbFourier.data());
    fft.multiply(limbFourier.data(), limbFourier.data(), keyFourier.data());
    fft.backwardTorus(limbFourier.data(), partial.data());
    for (size_t j = 0; j < n; ++j)
      out[j] += partial[j] << shift;
  }
}

} // namespace shade::runtime

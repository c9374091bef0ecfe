//===- FftAvx512.h - AVX-512 negacyclic FFT kernels -------------*- C++ -*-===//
//
// The negacyclic transform of Fft.h for N/2 a power of four (N = 128, 512,
// 2048, 8192, 32768) written with AVX-512 intrinsics: a radix-4 Stockham
// transform (natural order in and out, so the Fourier polynomials are
// exactly FFTW's and the bootstrap key format does not depend on the
// machine) on split real / imaginary arrays, with the twist fused into its
// first pass and the untwist, scaling and rounding to the torus fused into
// the last pass of the inverse. Only called on CPUs with AVX-512 F and DQ
// (NegacyclicFft dispatches at run time); the rest of the runtime keeps the
// x86-64 baseline.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_LIB_FFTAVX512_H
#define SHADE_RUNTIME_LIB_FFTAVX512_H

#include "shade/runtime/Aligned.h"
#include "shade/runtime/Torus.h"

#include <cstddef>
#include <cstdint>

namespace shade::runtime::detail {

class Avx512NegacyclicFft {
public:
  /// True if this CPU runs AVX-512 F and DQ and N >= 128.
  static bool supports(uint32_t polynomialSize);

  explicit Avx512NegacyclicFft(uint32_t polynomialSize);

  /// Fourier polynomial (Fft.h) of the real polynomial x given
  /// folded and not twisted: low[j] = x_j, high[j] = x_{j+N/2}, j < N/2.
  /// The passes use `low` and `high` as scratch (unspecified on return).
  void forward(double *low, double *high, double *fourier) const;

  /// The inverse of forward(), each coefficient rounded to the nearest
  /// integer modulo 2^64 and added to out[0..N) (Accumulate) or stored.
  /// `fourier` is used as scratch (unspecified on return).
  template <bool Accumulate> void backward(double *fourier, Torus *out) const;

private:
  /// Per-thread scratch for two arrays of N/2 doubles.
  double *scratch() const;

  uint32_t half; // M = N/2 complex points
  /// M = 2 4^k: the last pass is of radix 2 (else M = 4^k, all of radix 4).
  bool radix2Last;
  /// The radix-4 passes with twiddles: all but the last pass of radix 4.
  unsigned twiddledPasses;
  /// exp(i pi r M / 4N), r = 1, 2, 3, and exp(i pi M / 2N): (cos, sin).
  double quarterTwist[3][2];
  double halfTwist[2];
  /// The first forward pass's twiddles times the twist, exp(i pi p / N +
  /// 2 pi i t p / M) for t < 4, p < M/4: re of t at 2 t M/4, im at
  /// (2 t + 1) M/4.
  AlignedVector<double> firstTwiddles;
  /// exp(-i pi q / N) / M for q below the last pass's stride (M/4, or M/2
  /// if it is of radix 2), split re / im.
  AlignedVector<double> untwistRe, untwistIm;
  /// Radix-4 twiddles exp(2 pi i t p / m) of the twiddled passes, for
  /// t = 1, 2, 3 (m the pass's sub-length): per pass, six arrays (re and im
  /// of each t) of `twiddleCount[pass]` entries from `twiddleOffset[pass]`.
  /// The first pass's (used by the inverse only) are per lane (p = lane
  /// index).
  AlignedVector<double> twiddles;
  size_t twiddleOffset[16];
  size_t twiddleCount[16];
};

} // namespace shade::runtime::detail

#endif // SHADE_RUNTIME_LIB_FFTAVX512_H

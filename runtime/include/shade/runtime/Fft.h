//===- Fft.h - Negacyclic FFT over FFTW3 ------------------------*- C++ -*-===//
//
// Products in R = Z[X] / (X^N + 1) through an N/2-point complex transform:
// a real polynomial x is folded to z_j = (x_j + i x_{j+N/2}) w^j with
// w = exp(i pi / N), and the DFT of z (exponent +2 pi i / (N/2)) gives
// x(zeta_t) at the N/2 roots zeta_t = exp(i pi (4t + 1) / N) of X^N = -1
// (the other N/2 roots are their conjugates). A product in R is then a
// pointwise product of these evaluations.
//
// A "Fourier polynomial" is N/2 complex values stored interleaved
// (re_0, im_0, re_1, im_1, ...): N doubles, 64-byte aligned.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_FFT_H
#define SHADE_RUNTIME_FFT_H

#include "shade/runtime/Aligned.h"
#include "shade/runtime/Torus.h"

#include <cstddef>
#include <cstdint>

namespace shade::runtime {

class NegacyclicFft {
public:
  /// The transform for polynomials of `polynomialSize` coefficients (a power
  /// of two >= 8). Plans are made once per size with FFTW_MEASURE, under a
  /// mutex, and then shared: every member function below is safe to call
  /// from any number of threads at once.
  static const NegacyclicFft &forSize(uint32_t polynomialSize);

  uint32_t polynomialSize() const { return size; }

  /// Fourier transform of integer coefficients (exact below 2^53).
  void forwardInteger(const int64_t *coefficients, double *fourier) const;

  /// Fourier transform of torus coefficients read as signed integers in
  /// [-2^63, 2^63) (rounded to the 53 bits of a double).
  void forwardTorus(const Torus *coefficients, double *fourier) const;

  /// Fourier transform of a polynomial already folded and twisted by the
  /// caller (z_j = (x_j + i x_{j+N/2}) twist_j, interleaved), for callers
  /// that fuse the twist with the computation of x. `twisted` is left with
  /// unspecified contents.
  void forwardTwisted(double *twisted, double *fourier) const;
  /// exp(i pi j / N) for j < N/2, interleaved (re, im).
  const double *twistFactors() const { return twist.data(); }

  /// Inverse transform; every coefficient is rounded to the nearest integer
  /// and added modulo 2^64 to out[0..N). `fourier` is used as scratch and
  /// left with unspecified contents.
  void backwardAddTorus(double *fourier, Torus *out) const;

  /// Like backwardAddTorus but overwrites out[0..N).
  void backwardTorus(double *fourier, Torus *out) const;

  /// acc += a * b, pointwise on Fourier polynomials.
  void multiplyAdd(double *acc, const double *a, const double *b) const;

  /// acc = a * b, pointwise on Fourier polynomials.
  void multiply(double *acc, const double *a, const double *b) const;

  NegacyclicFft(const NegacyclicFft &) = delete;
  NegacyclicFft &operator=(const NegacyclicFft &) = delete;
  ~NegacyclicFft();

private:
  explicit NegacyclicFft(uint32_t polynomialSize);
  /// A per-thread 64-byte aligned buffer of N doubles.
  double *scratch() const;
  template <bool Accumulate> void backward(double *fourier, Torus *out) const;

  uint32_t size;
  /// exp(i pi j / N), j < N/2, interleaved.
  AlignedVector<double> twist;
  /// exp(-i pi j / N) / (N/2), j < N/2, interleaved.
  AlignedVector<double> untwist;
  void *forwardPlan;
  void *backwardPlan;
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_FFT_H

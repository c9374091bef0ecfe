//===- Fft.h - Negacyclic FFT -----------------------------------*- C++ -*-===//
//
// Products in R = Z[X] / (X^N + 1) through an N/2-point complex transform:
// a real polynomial x is folded to z_j = (x_j + i x_{j+N/2}) w^j with
// w = exp(i pi / N), and the DFT of z (exponent +2 pi i / (N/2)) gives
// x(zeta_t) at the N/2 roots zeta_t = exp(i pi (4t + 1) / N) of X^N = -1
// (the other N/2 roots are their conjugates). A product in R is then a
// pointwise product of these evaluations.
//
// A "Fourier polynomial" is N/2 complex values (N doubles, 64-byte aligned)
// in blocks of fourierBlock(N) = 8 values (N/2 = 4 for N = 8): the real parts
// of values 8b .. 8b+7, then their imaginary parts. Vector code then loads
// eight real or eight imaginary parts at once, where FFTW's (re, im) pairs
// needed a shuffle per vector at each end of the transforms and in every
// multiply-accumulate. Files keep FFTW's pairs (docs/file-formats.md):
// interleavedToBlocked and blockedToInterleaved convert.
//
// Two implementations compute the same Fourier polynomials (up to rounding):
// FFTW, and on CPUs with AVX-512 F and DQ, for N >= 128, our own radix-4
// transform with the twist and the untwist fused into it (FftAvx512.h),
// chosen at run time.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_FFT_H
#define SHADE_RUNTIME_FFT_H

#include "shade/runtime/Aligned.h"
#include "shade/runtime/Torus.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace shade::runtime {
namespace detail {
class Avx512NegacyclicFft;
} // namespace detail

/// Complex values per block of a Fourier polynomial of size N.
constexpr size_t fourierBlock(uint32_t polynomialSize) {
  return polynomialSize >= 16 ? 8 : polynomialSize / 2;
}

/// Rewrites `count` doubles of Fourier polynomials of size N (count a
/// multiple of N) from (re, im) pairs to blocks, in place.
void interleavedToBlocked(double *values, size_t count,
                          uint32_t polynomialSize);

/// The inverse of interleavedToBlocked.
void blockedToInterleaved(double *values, size_t count,
                          uint32_t polynomialSize);

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

  /// Fourier transform of a real polynomial x given folded, for callers that
  /// compute x as doubles: low[j] = x_j and high[j] = x_{j+N/2}, j < N/2.
  /// `low` and `high` may be used as scratch (unspecified on return).
  void forwardFolded(double *low, double *high, double *fourier) const;

  /// True if the transforms run the AVX-512 kernels rather than FFTW.
  bool usesAvx512() const { return avx512 != nullptr; }

  /// The FFTW implementation of the same size, whatever the CPU (to check
  /// the AVX-512 kernels against).
  static const NegacyclicFft &fftwForSize(uint32_t polynomialSize);

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
  NegacyclicFft(uint32_t polynomialSize, bool allowAvx512);
  /// The transform of each size and kind, made on first use and kept.
  static const NegacyclicFft &cached(uint32_t polynomialSize, bool allowAvx512);
  /// A per-thread 64-byte aligned buffer of N doubles.
  double *scratch() const;
  template <bool Accumulate> void backward(double *fourier, Torus *out) const;
  template <typename Integer>
  void forwardSigned(const Integer *coefficients, double *fourier) const;

  uint32_t size;
  /// exp(i pi j / N), j < N/2, interleaved.
  AlignedVector<double> twist;
  /// exp(-i pi j / N) / (N/2), j < N/2, interleaved.
  AlignedVector<double> untwist;
  void *forwardPlan;
  void *backwardPlan;
  /// The AVX-512 kernels, if this CPU and size allow them.
  std::unique_ptr<detail::Avx512NegacyclicFft> avx512;
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_FFT_H

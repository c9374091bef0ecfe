//===- FftAvx512.cpp - AVX-512 negacyclic FFT kernels ---------------------===//
//
// Radix-4 Stockham passes (OTFFT's formulation): with M = N/2 points, pass k
// has sub-length m = M / 4^k and stride s = 4^k and maps
//   x[q + s (p + t m/4)], t < 4  ->  y[q + s (4 p + t)] = w^(t p) * y_t
// with y_t the radix-4 butterfly of the four inputs, w = exp(+-2 pi i / m),
// q < s, p < m/4. Every input and output address is contiguous in q, or in
// q + s p when s < 8: the first pass (s = 1) and the second (s = 4) are
// vectorized over q + s p (per-lane twiddles: a table for the first, two
// broadcast values per vector for the second) and interleave their outputs
// in registers. Only the inverse uses the first pass's plain twiddles: the
// forward one has them joined with the twist.
//
//===----------------------------------------------------------------------===//

#include "FftAvx512.h"

#include <immintrin.h>

#include <cmath>
#include <utility>

namespace shade::runtime::detail {

/// Doubles between the two scratch arrays (real and imaginary parts), so
/// that they are not a multiple of 4 KiB apart: loads would wait on
/// unrelated stores to the same address modulo 4 KiB.
constexpr size_t kPad = 24;

bool Avx512NegacyclicFft::supports(uint32_t polynomialSize) {
  uint32_t half = polynomialSize / 2;
  bool powerOfTwo = half >= 64 && (half & (half - 1)) == 0;
  return powerOfTwo && __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512dq");
}

namespace {

/// exp(i pi numerator / denominator), each part correctly rounded but in
/// rare cases: the angle is formed in long double (64-bit mantissa on
/// x86-64), so that the factors' errors are those of the final rounding.
void rootOfUnity(uint64_t numerator, uint64_t denominator, double &re,
                 double &im) {
  const long double pi = 3.141592653589793238462643383279502884L;
  long double angle = pi * static_cast<long double>(numerator) /
                      static_cast<long double>(denominator);
  re = static_cast<double>(std::cos(angle));
  im = static_cast<double>(std::sin(angle));
}

} // namespace

Avx512NegacyclicFft::Avx512NegacyclicFft(uint32_t polynomialSize)
    : half(polynomialSize / 2),
      radix2Last(__builtin_ctz(polynomialSize / 2) % 2 == 1),
      twiddledPasses(__builtin_ctz(polynomialSize / 2) / 2 -
                     (radix2Last ? 0 : 1)) {
  size_t quarter = half / 4;
  for (unsigned r = 1; r < 4; ++r)
    rootOfUnity(r * quarter, polynomialSize, quarterTwist[r - 1][0],
                quarterTwist[r - 1][1]);
  rootOfUnity(half / 2, polynomialSize, halfTwist[0], halfTwist[1]);
  firstTwiddles.resize(8 * quarter);
  for (size_t p = 0; p < quarter; ++p)
    // exp(i pi p / N) exp(2 pi i t p / M), with 2 N / M = 4.
    for (size_t t = 0; t < 4; ++t)
      rootOfUnity(p + 4 * ((t * p) % half), polynomialSize,
                  firstTwiddles[2 * t * quarter + p],
                  firstTwiddles[(2 * t + 1) * quarter + p]);
  size_t lastStride = radix2Last ? half / 2 : quarter;
  untwistRe.resize(lastStride);
  untwistIm.resize(lastStride);
  for (size_t q = 0; q < lastStride; ++q) {
    double re, im;
    rootOfUnity(q, polynomialSize, re, im);
    untwistRe[q] = re / half;
    untwistIm[q] = -im / half;
  }
  size_t total = 0;
  for (unsigned k = 0; k < twiddledPasses; ++k) {
    size_t m = half >> (2 * k);
    twiddleCount[k] = k == 0 ? half / 4 : m / 4;
    twiddleOffset[k] = total;
    total += 6 * twiddleCount[k];
  }
  twiddles.resize(total);
  for (unsigned k = 0; k < twiddledPasses; ++k) {
    size_t m = half >> (2 * k);
    double *table = twiddles.data() + twiddleOffset[k];
    for (size_t p = 0; p < twiddleCount[k]; ++p)
      for (size_t t = 1; t <= 3; ++t)
        rootOfUnity(2 * ((t * p) % m), m,
                    table[(2 * t - 2) * twiddleCount[k] + p],
                    table[(2 * t - 1) * twiddleCount[k] + p]);
  }
}

double *Avx512NegacyclicFft::scratch() const {
  thread_local AlignedVector<double> buffer;
  if (buffer.size() < 2 * (size_t(half) + kPad))
    buffer.resize(2 * (size_t(half) + kPad));
  return buffer.data();
}

} // namespace shade::runtime::detail

// Everything below runs only after supports() returned true.
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq")

namespace shade::runtime::detail {
namespace {

struct Complex8 {
  __m512d re, im;
};

inline Complex8 load(const double *re, const double *im) {
  return {_mm512_loadu_pd(re), _mm512_loadu_pd(im)};
}

inline void store(double *re, double *im, Complex8 v) {
  _mm512_storeu_pd(re, v.re);
  _mm512_storeu_pd(im, v.im);
}

/// v * w, or v * conj(w) if Conjugate.
template <bool Conjugate> inline Complex8 multiply(Complex8 v, Complex8 w) {
  if (Conjugate)
    return {_mm512_fmadd_pd(v.re, w.re, _mm512_mul_pd(v.im, w.im)),
            _mm512_fmsub_pd(v.im, w.re, _mm512_mul_pd(v.re, w.im))};
  return {_mm512_fmsub_pd(v.re, w.re, _mm512_mul_pd(v.im, w.im)),
          _mm512_fmadd_pd(v.re, w.im, _mm512_mul_pd(v.im, w.re))};
}

/// The radix-4 butterfly: y_t = sum_r x_r (+-i)^(r t), + for the forward
/// (exponent +2 pi i) transform.
template <bool Forward>
inline void butterfly(Complex8 a, Complex8 b, Complex8 c, Complex8 d,
                      Complex8 y[4]) {
  __m512d apcRe = _mm512_add_pd(a.re, c.re), apcIm = _mm512_add_pd(a.im, c.im);
  __m512d amcRe = _mm512_sub_pd(a.re, c.re), amcIm = _mm512_sub_pd(a.im, c.im);
  __m512d bpdRe = _mm512_add_pd(b.re, d.re), bpdIm = _mm512_add_pd(b.im, d.im);
  __m512d bmdRe = _mm512_sub_pd(b.re, d.re), bmdIm = _mm512_sub_pd(b.im, d.im);
  y[0] = {_mm512_add_pd(apcRe, bpdRe), _mm512_add_pd(apcIm, bpdIm)};
  y[2] = {_mm512_sub_pd(apcRe, bpdRe), _mm512_sub_pd(apcIm, bpdIm)};
  // amc +- i bmd.
  Complex8 plus = {_mm512_sub_pd(amcRe, bmdIm), _mm512_add_pd(amcIm, bmdRe)};
  Complex8 minus = {_mm512_add_pd(amcRe, bmdIm), _mm512_sub_pd(amcIm, bmdRe)};
  y[1] = Forward ? plus : minus;
  y[3] = Forward ? minus : plus;
}

/// The radix-4 butterfly of the values j, j + M/4, j + M/2 and j + 3M/4
/// of the split arrays (re, im), M/4 = quarter.
template <bool Forward>
inline void quarterButterfly(const double *re, const double *im, size_t j,
                             size_t quarter, Complex8 y[4]) {
  butterfly<Forward>(load(re + j, im + j),
                     load(re + j + quarter, im + j + quarter),
                     load(re + j + 2 * quarter, im + j + 2 * quarter),
                     load(re + j + 3 * quarter, im + j + 3 * quarter), y);
}

/// y[1..3] *= the twiddles (conjugated for the inverse) at `table` + e.
template <bool Forward>
inline void twiddle(Complex8 y[4], const double *table, size_t count,
                    size_t e) {
  for (size_t t = 1; t <= 3; ++t)
    y[t] = multiply<!Forward>(y[t], load(table + (2 * t - 2) * count + e,
                                         table + (2 * t - 1) * count + e));
}

/// Twiddle t (1 to 3) of index p of a general pass's table, in every lane.
inline Complex8 broadcastTwiddle(const double *table, size_t count, size_t t,
                                 size_t p) {
  return {_mm512_set1_pd(table[(2 * t - 2) * count + p]),
          _mm512_set1_pd(table[(2 * t - 1) * count + p])};
}

template <bool Forward>
inline void twiddleBroadcast(Complex8 y[4], const double *table, size_t count,
                             size_t p) {
  for (size_t t = 1; t <= 3; ++t)
    y[t] = multiply<!Forward>(y[t], broadcastTwiddle(table, count, t, p));
}

/// Stores y_t[lane] at out[4 lane + t] (32 values from out).
inline void storeInterleaved4(double *out, const __m512d y[4]) {
  const __m512i low = _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11);
  const __m512i high = _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15);
  __m512d a0 = _mm512_permutex2var_pd(y[0], low, y[2]);
  __m512d a1 = _mm512_permutex2var_pd(y[0], high, y[2]);
  __m512d b0 = _mm512_permutex2var_pd(y[1], low, y[3]);
  __m512d b1 = _mm512_permutex2var_pd(y[1], high, y[3]);
  _mm512_storeu_pd(out, _mm512_permutex2var_pd(a0, low, b0));
  _mm512_storeu_pd(out + 8, _mm512_permutex2var_pd(a0, high, b0));
  _mm512_storeu_pd(out + 16, _mm512_permutex2var_pd(a1, low, b1));
  _mm512_storeu_pd(out + 24, _mm512_permutex2var_pd(a1, high, b1));
}

/// Stores the 4-lane halves: (y0 lo, y1 lo, y2 lo, y3 lo, y0 hi, ...).
inline void storeInterleavedHalves(double *out, const __m512d y[4]) {
  const __m512i low = _mm512_setr_epi64(0, 1, 2, 3, 8, 9, 10, 11);
  const __m512i high = _mm512_setr_epi64(4, 5, 6, 7, 12, 13, 14, 15);
  _mm512_storeu_pd(out, _mm512_permutex2var_pd(y[0], low, y[1]));
  _mm512_storeu_pd(out + 8, _mm512_permutex2var_pd(y[2], low, y[3]));
  _mm512_storeu_pd(out + 16, _mm512_permutex2var_pd(y[0], high, y[1]));
  _mm512_storeu_pd(out + 24, _mm512_permutex2var_pd(y[2], high, y[3]));
}

/// Values j .. j+7 (j a multiple of 8) of a Fourier polynomial: one block.
inline Complex8 loadBlock(const double *fourier, size_t j) {
  return load(fourier + 2 * j, fourier + 2 * j + 8);
}

inline void storeBlock(double *fourier, size_t j, Complex8 v) {
  store(fourier + 2 * j, fourier + 2 * j + 8, v);
}

/// The integer closest to each value, modulo 2^64 (as roundToTorus in
/// Fft.cpp: value - wraps 2^64 is exact and lies in [-2^63, 2^63]; the
/// conversion of 2^63 gives 2^63 modulo 2^64).
inline __m512i roundToTorus(__m512d value) {
  // (The zero-masking forms with a full mask: GCC 12 warns about the
  // undefined source of the unmasked ones.)
  __m512d wraps = _mm512_maskz_roundscale_pd(
      0xFF, _mm512_mul_pd(value, _mm512_set1_pd(0x1p-64)),
      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512d reduced = _mm512_fnmadd_pd(wraps, _mm512_set1_pd(0x1p64), value);
  return _mm512_maskz_cvt_roundpd_epi64(
      0xFF, reduced, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

/// Rounds z to the torus and stores (or adds) its real parts at out[0..8)
/// and its imaginary parts at out[half .. half + 8).
template <bool Accumulate>
inline void storeRounded(Complex8 z, Torus *out, size_t half) {
  __m512i re = roundToTorus(z.re), im = roundToTorus(z.im);
  void *lowAddress = out, *highAddress = out + half;
  if (Accumulate) {
    re = _mm512_add_epi64(re, _mm512_loadu_si512(lowAddress));
    im = _mm512_add_epi64(im, _mm512_loadu_si512(highAddress));
  }
  _mm512_storeu_si512(lowAddress, re);
  _mm512_storeu_si512(highAddress, im);
}

// The intrinsics' stores may alias anything: the passes read the table
// sizes (and, where they do not change in the inner loop, the twiddles)
// into locals first, which GCC would otherwise load again after every store.

/// The radix-4 passes 1 .. generalEnd - 1 (the second, vectorized over
/// q + 4p with per-lane twiddles, then the general ones), ping-ponging
/// between x and y; x is left pointing at the result.
template <bool Forward>
inline void middlePasses(uint32_t half, unsigned generalEnd,
                         const double *twiddles, const size_t *offsets,
                         const size_t *counts, double *&xRe, double *&xIm,
                         double *&yRe, double *&yIm) {
  size_t quarter = half / 4;
  {
    const double *table = twiddles + offsets[1];
    size_t count = counts[1];
    for (size_t i = 0; i < quarter; i += 8) {
      Complex8 y[4];
      quarterButterfly<Forward>(xRe, xIm, i, quarter, y);
      // Lanes 0-3 have p = i / 4, lanes 4-7 p = i / 4 + 1.
      for (size_t t = 1; t <= 3; ++t) {
        const double *re = table + (2 * t - 2) * count + i / 4;
        const double *im = table + (2 * t - 1) * count + i / 4;
        Complex8 w = {_mm512_mask_mov_pd(_mm512_set1_pd(re[0]), 0xF0,
                                         _mm512_set1_pd(re[1])),
                      _mm512_mask_mov_pd(_mm512_set1_pd(im[0]), 0xF0,
                                         _mm512_set1_pd(im[1]))};
        y[t] = multiply<!Forward>(y[t], w);
      }
      __m512d re[4] = {y[0].re, y[1].re, y[2].re, y[3].re};
      __m512d im[4] = {y[0].im, y[1].im, y[2].im, y[3].im};
      storeInterleavedHalves(yRe + 4 * i, re);
      storeInterleavedHalves(yIm + 4 * i, im);
    }
    std::swap(xRe, yRe);
    std::swap(xIm, yIm);
  }
  for (unsigned k = 2; k < generalEnd; ++k) {
    size_t stride = size_t(1) << (2 * k);
    size_t m = half >> (2 * k);
    const double *table = twiddles + offsets[k];
    size_t count = counts[k];
    for (size_t p = 0; p < m / 4; ++p) {
      Complex8 w[3];
      for (size_t t = 1; t <= 3; ++t)
        w[t - 1] = broadcastTwiddle(table, count, t, p);
      for (size_t q = 0; q < stride; q += 8) {
        size_t in = q + stride * p;
        Complex8 y[4];
        quarterButterfly<Forward>(xRe, xIm, in, quarter, y);
        for (size_t t = 1; t <= 3; ++t)
          y[t] = multiply<!Forward>(y[t], w[t - 1]);
        size_t out = q + stride * 4 * p;
        for (size_t t = 0; t < 4; ++t)
          store(yRe + out + t * stride, yIm + out + t * stride, y[t]);
      }
    }
    std::swap(xRe, yRe);
    std::swap(xIm, yIm);
  }
}

/// The forward transform of (low + i high) twisted; sink(j, y) receives the
/// Fourier values j .. j+7.
template <typename Sink>
inline void
forwardPasses(uint32_t half, unsigned twiddledPasses, bool radix2Last,
              const double *firstTwiddles, const double (*quarterTwist)[2],
              const double *twiddles, const size_t *offsets,
              const size_t *counts, double *scratchRe, double *scratchIm,
              double *low, double *high, Sink sink) {
  size_t quarter = half / 4;
  // The first pass reads (low, high) and writes the scratch arrays; the
  // other passes ping-pong between the two pairs.
  double *xRe = scratchRe, *xIm = scratchIm, *yRe = low, *yIm = high;
  // First pass (s = 1), fused with the twist of its inputs z_j = (low_j +
  // i high_j) exp(i pi j / N): for j = p + r M/4, exp(i pi j / N) is the
  // constant exp(i pi r M / 4N) times exp(i pi p / N), which joins the
  // pass's twiddles (firstTwiddles, t = 0..3).
  Complex8 constants[3];
  for (size_t r = 0; r < 3; ++r)
    constants[r] = {_mm512_set1_pd(quarterTwist[r][0]),
                    _mm512_set1_pd(quarterTwist[r][1])};
  for (size_t p = 0; p < quarter; p += 8) {
    Complex8 z[4];
    z[0] = load(low + p, high + p);
    for (size_t r = 1; r < 4; ++r) {
      size_t j = p + r * quarter;
      z[r] = multiply<false>(load(low + j, high + j), constants[r - 1]);
    }
    Complex8 y[4];
    butterfly<true>(z[0], z[1], z[2], z[3], y);
    for (size_t t = 0; t < 4; ++t)
      y[t] = multiply<false>(y[t],
                             load(firstTwiddles + 2 * t * quarter + p,
                                  firstTwiddles + (2 * t + 1) * quarter + p));
    __m512d re[4] = {y[0].re, y[1].re, y[2].re, y[3].re};
    __m512d im[4] = {y[0].im, y[1].im, y[2].im, y[3].im};
    storeInterleaved4(xRe + 4 * p, re);
    storeInterleaved4(xIm + 4 * p, im);
  }
  // With M = 4^k >= 256, the last two passes (m = 16, stride M/16, and
  // m = 4) run as one: for each q < M/16, the 16 values x[q + i M/16] are
  // all the inputs and outputs of both, so they stay in registers. (Not in
  // the inverse, whose last pass also untwists and rounds: fused, it was
  // 6 % slower.)
  bool fuseLastTwo = !radix2Last && twiddledPasses >= 3;
  middlePasses<true>(half, fuseLastTwo ? twiddledPasses - 1 : twiddledPasses,
                     twiddles, offsets, counts, xRe, xIm, yRe, yIm);
  if (fuseLastTwo) {
    unsigned k = twiddledPasses - 1;
    size_t stride = half / 16;
    const double *table = twiddles + offsets[k];
    size_t count = counts[k];
    for (size_t q = 0; q < stride; q += 8) {
      Complex8 v[16];
      for (size_t i = 0; i < 16; ++i)
        v[i] = load(xRe + q + stride * i, xIm + q + stride * i);
      Complex8 u[16];
      for (size_t p = 0; p < 4; ++p) {
        Complex8 y[4];
        butterfly<true>(v[p], v[p + 4], v[p + 8], v[p + 12], y);
        twiddleBroadcast<true>(y, table, count, p);
        for (size_t t = 0; t < 4; ++t)
          u[4 * p + t] = y[t];
      }
      for (size_t j = 0; j < 4; ++j) {
        Complex8 z[4];
        butterfly<true>(u[j], u[j + 4], u[j + 8], u[j + 12], z);
        for (size_t t = 0; t < 4; ++t)
          sink(q + stride * j + quarter * t, z[t]);
      }
    }
    return;
  }
  if (radix2Last) {
    // Last pass of radix 2 (m = 2, no twiddles).
    size_t halfStride = half / 2;
    for (size_t q = 0; q < halfStride; q += 8) {
      Complex8 a = load(xRe + q, xIm + q);
      Complex8 b = load(xRe + q + halfStride, xIm + q + halfStride);
      sink(q, {_mm512_add_pd(a.re, b.re), _mm512_add_pd(a.im, b.im)});
      sink(q + halfStride,
           {_mm512_sub_pd(a.re, b.re), _mm512_sub_pd(a.im, b.im)});
    }
    return;
  }
  // Last pass (m = 4, no twiddles).
  for (size_t q = 0; q < quarter; q += 8) {
    Complex8 y[4];
    quarterButterfly<true>(xRe, xIm, q, quarter, y);
    for (size_t t = 0; t < 4; ++t)
      sink(q + t * quarter, y[t]);
  }
}

/// The inverse transform of `fourier` (clobbered), untwisted, rounded and
/// stored or added to out.
template <bool Accumulate>
inline void
backwardPasses(uint32_t half, unsigned twiddledPasses, bool radix2Last,
               const double *untwistRe, const double *untwistIm,
               const double (*quarterTwist)[2], const double *halfTwist,
               const double *twiddles, const size_t *offsets,
               const size_t *counts, double *scratchRe, double *scratchIm,
               double *fourier, Torus *out) {
  size_t quarter = half / 4;
  // The first pass reads `fourier` (blocks of 8 real then 8 imaginary
  // parts, Fft.h) and writes the scratch arrays; the other passes ping-pong
  // between them and `fourier` read as split arrays.
  double *xRe = scratchRe, *xIm = scratchIm;
  double *yRe = fourier, *yIm = fourier + half;
  const double *table = twiddles + offsets[0];
  size_t count = counts[0];
  for (size_t p = 0; p < quarter; p += 8) {
    Complex8 y[4];
    butterfly<false>(loadBlock(fourier, p), loadBlock(fourier, p + quarter),
                     loadBlock(fourier, p + 2 * quarter),
                     loadBlock(fourier, p + 3 * quarter), y);
    twiddle<false>(y, table, count, p);
    __m512d re[4] = {y[0].re, y[1].re, y[2].re, y[3].re};
    __m512d im[4] = {y[0].im, y[1].im, y[2].im, y[3].im};
    storeInterleaved4(xRe + 4 * p, re);
    storeInterleaved4(xIm + 4 * p, im);
  }
  middlePasses<false>(half, twiddledPasses, twiddles, offsets, counts, xRe, xIm,
                      yRe, yIm);
  // Last pass, fused with the untwist (and 1/M), the rounding and the
  // accumulation: x_j from the real part, x_{j+N/2} from the imaginary. For
  // j = q + t s (s the pass's stride), exp(-i pi j / N) / M is untwist_q
  // times the conjugate of the constant exp(i pi t s / N).
  if (radix2Last) {
    size_t halfStride = half / 2;
    Complex8 constant = {_mm512_set1_pd(halfTwist[0]),
                         _mm512_set1_pd(halfTwist[1])};
    for (size_t q = 0; q < halfStride; q += 8) {
      Complex8 a = load(xRe + q, xIm + q);
      Complex8 b = load(xRe + q + halfStride, xIm + q + halfStride);
      Complex8 untwist = load(untwistRe + q, untwistIm + q);
      storeRounded<Accumulate>(
          multiply<false>(
              {_mm512_add_pd(a.re, b.re), _mm512_add_pd(a.im, b.im)}, untwist),
          out + q, half);
      storeRounded<Accumulate>(
          multiply<true>(multiply<false>({_mm512_sub_pd(a.re, b.re),
                                          _mm512_sub_pd(a.im, b.im)},
                                         untwist),
                         constant),
          out + q + halfStride, half);
    }
    return;
  }
  Complex8 constants[3];
  for (size_t r = 0; r < 3; ++r)
    constants[r] = {_mm512_set1_pd(quarterTwist[r][0]),
                    _mm512_set1_pd(quarterTwist[r][1])};
  for (size_t q = 0; q < quarter; q += 8) {
    Complex8 y[4];
    quarterButterfly<false>(xRe, xIm, q, quarter, y);
    Complex8 untwist = load(untwistRe + q, untwistIm + q);
    for (size_t t = 0; t < 4; ++t) {
      Complex8 z = multiply<false>(y[t], untwist);
      if (t > 0)
        z = multiply<true>(z, constants[t - 1]);
      storeRounded<Accumulate>(z, out + q + t * quarter, half);
    }
  }
}

} // namespace

void Avx512NegacyclicFft::forward(double *low, double *high,
                                  double *fourier) const {
  double *buffer = scratch();
  forwardPasses(half, twiddledPasses, radix2Last, firstTwiddles.data(),
                quarterTwist, twiddles.data(), twiddleOffset, twiddleCount,
                buffer, buffer + half + kPad, low, high,
                // `fourier` by value, not reloaded through a reference after
                // each store.
                [fourier](size_t j, Complex8 y) { storeBlock(fourier, j, y); });
}

template <bool Accumulate>
void Avx512NegacyclicFft::backward(double *fourier, Torus *out) const {
  double *buffer = scratch();
  backwardPasses<Accumulate>(half, twiddledPasses, radix2Last, untwistRe.data(),
                             untwistIm.data(), quarterTwist, halfTwist,
                             twiddles.data(), twiddleOffset, twiddleCount,
                             buffer, buffer + half + kPad, fourier, out);
}

template void Avx512NegacyclicFft::backward<true>(double *, Torus *) const;
template void Avx512NegacyclicFft::backward<false>(double *, Torus *) const;

} // namespace shade::runtime::detail

#pragma GCC pop_options

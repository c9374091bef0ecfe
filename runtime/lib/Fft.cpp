//===- Fft.cpp - Negacyclic FFT: FFTW3 or the AVX-512 kernels -------------===//

#include "shade/runtime/Fft.h"
#include "FftAvx512.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

namespace shade::runtime {
namespace {

/// FFTW's planner is not thread-safe; executing a plan on new arrays is.
std::mutex &plannerMutex() {
  static std::mutex mutex;
  return mutex;
}

/// The integer closest to `value`, modulo 2^64. Exact: value - r * 2^64 is
/// representable and lies in [-2^63, 2^63].
inline Torus roundToTorus(double value) {
  double wraps = std::nearbyint(value * kTwoPowMinus64);
  double reduced = std::nearbyint(value - wraps * kTwoPow64);
  if (reduced >= 9223372036854775808.0)
    reduced -= kTwoPow64;
  return static_cast<Torus>(static_cast<int64_t>(reduced));
}

template <typename Integer>
inline void foldAndTwist(const Integer *x, const double *twist, size_t half,
                         double *z) {
  for (size_t j = 0; j < half; ++j) {
    double re = static_cast<double>(static_cast<int64_t>(x[j]));
    double im = static_cast<double>(static_cast<int64_t>(x[j + half]));
    double wr = twist[2 * j], wi = twist[2 * j + 1];
    z[2 * j] = re * wr - im * wi;
    z[2 * j + 1] = re * wi + im * wr;
  }
}

/// Rewrites each run of 2 * block doubles (one block of values in either
/// layout) through permute(run, block, scratch).
template <typename Permute>
void permuteBlocks(double *values, size_t count, uint32_t polynomialSize,
                   Permute permute) {
  size_t block = fourierBlock(polynomialSize);
  double scratch[16];
  for (size_t chunk = 0; chunk < count; chunk += 2 * block) {
    permute(values + chunk, block, scratch);
    std::copy(scratch, scratch + 2 * block, values + chunk);
  }
}

} // namespace

void interleavedToBlocked(double *values, size_t count,
                          uint32_t polynomialSize) {
  permuteBlocks(values, count, polynomialSize,
                [](const double *pairs, size_t block, double *blocked) {
                  for (size_t l = 0; l < block; ++l) {
                    blocked[l] = pairs[2 * l];
                    blocked[block + l] = pairs[2 * l + 1];
                  }
                });
}

void blockedToInterleaved(double *values, size_t count,
                          uint32_t polynomialSize) {
  permuteBlocks(values, count, polynomialSize,
                [](const double *blocked, size_t block, double *pairs) {
                  for (size_t l = 0; l < block; ++l) {
                    pairs[2 * l] = blocked[l];
                    pairs[2 * l + 1] = blocked[block + l];
                  }
                });
}

const NegacyclicFft &NegacyclicFft::cached(uint32_t polynomialSize,
                                           bool allowAvx512) {
  static std::map<std::pair<uint32_t, bool>, std::unique_ptr<NegacyclicFft>>
      transforms;
  std::lock_guard<std::mutex> lock(plannerMutex());
  auto &slot = transforms[{polynomialSize, allowAvx512}];
  if (!slot)
    slot.reset(new NegacyclicFft(polynomialSize, allowAvx512));
  return *slot;
}

const NegacyclicFft &NegacyclicFft::forSize(uint32_t polynomialSize) {
  return cached(polynomialSize, /*allowAvx512=*/true);
}

const NegacyclicFft &NegacyclicFft::fftwForSize(uint32_t polynomialSize) {
  return cached(polynomialSize, /*allowAvx512=*/false);
}

NegacyclicFft::NegacyclicFft(uint32_t polynomialSize, bool allowAvx512)
    : size(polynomialSize) {
  if (polynomialSize < 8 || (polynomialSize & (polynomialSize - 1)) != 0)
    throw std::invalid_argument("NegacyclicFft: polynomial size " +
                                std::to_string(polynomialSize) +
                                " must be a power of two >= 8");
  size_t half = size / 2;
  twist.resize(size);
  untwist.resize(size);
  for (size_t j = 0; j < half; ++j) {
    double angle = M_PI * static_cast<double>(j) / static_cast<double>(size);
    twist[2 * j] = std::cos(angle);
    twist[2 * j + 1] = std::sin(angle);
    untwist[2 * j] = std::cos(angle) / static_cast<double>(half);
    untwist[2 * j + 1] = -std::sin(angle) / static_cast<double>(half);
  }
  // Plans are made on 64-byte aligned arrays, like every array they run on.
  AlignedVector<double> in(size), out(size);
  auto *inData = reinterpret_cast<fftw_complex *>(in.data());
  auto *outData = reinterpret_cast<fftw_complex *>(out.data());
  forwardPlan = fftw_plan_dft_1d(static_cast<int>(half), inData, outData,
                                 FFTW_BACKWARD, FFTW_MEASURE);
  backwardPlan = fftw_plan_dft_1d(static_cast<int>(half), inData, outData,
                                  FFTW_FORWARD, FFTW_MEASURE);
  if (!forwardPlan || !backwardPlan)
    throw std::runtime_error("NegacyclicFft: FFTW could not plan a " +
                             std::to_string(half) + "-point transform");
  if (allowAvx512 && detail::Avx512NegacyclicFft::supports(polynomialSize))
    avx512 = std::make_unique<detail::Avx512NegacyclicFft>(polynomialSize);
}

NegacyclicFft::~NegacyclicFft() {
  fftw_destroy_plan(static_cast<fftw_plan>(forwardPlan));
  fftw_destroy_plan(static_cast<fftw_plan>(backwardPlan));
}

double *NegacyclicFft::scratch() const {
  thread_local AlignedVector<double> buffer;
  if (buffer.size() < size)
    buffer.resize(size);
  return buffer.data();
}

template <typename Integer>
void NegacyclicFft::forwardSigned(const Integer *coefficients,
                                  double *fourier) const {
  double *z = scratch();
  if (avx512) {
    size_t half = size / 2;
    for (size_t j = 0; j < size; ++j)
      z[j] = static_cast<double>(static_cast<int64_t>(coefficients[j]));
    avx512->forward(z, z + half, fourier);
    return;
  }
  foldAndTwist(coefficients, twist.data(), size / 2, z);
  fftw_execute_dft(static_cast<fftw_plan>(forwardPlan),
                   reinterpret_cast<fftw_complex *>(z),
                   reinterpret_cast<fftw_complex *>(fourier));
  interleavedToBlocked(fourier, size, size);
}

void NegacyclicFft::forwardInteger(const int64_t *coefficients,
                                   double *fourier) const {
  forwardSigned(coefficients, fourier);
}

void NegacyclicFft::forwardTorus(const Torus *coefficients,
                                 double *fourier) const {
  forwardSigned(coefficients, fourier);
}

void NegacyclicFft::forwardFolded(double *low, double *high,
                                  double *fourier) const {
  if (avx512) {
    avx512->forward(low, high, fourier);
    return;
  }
  double *z = scratch();
  const double *w = twist.data();
  for (size_t j = 0; j < size / 2; ++j) {
    z[2 * j] = low[j] * w[2 * j] - high[j] * w[2 * j + 1];
    z[2 * j + 1] = low[j] * w[2 * j + 1] + high[j] * w[2 * j];
  }
  fftw_execute_dft(static_cast<fftw_plan>(forwardPlan),
                   reinterpret_cast<fftw_complex *>(z),
                   reinterpret_cast<fftw_complex *>(fourier));
  interleavedToBlocked(fourier, size, size);
}

template <bool Accumulate>
void NegacyclicFft::backward(double *fourier, Torus *out) const {
  if (avx512) {
    avx512->backward<Accumulate>(fourier, out);
    return;
  }
  double *z = scratch();
  blockedToInterleaved(fourier, size, size);
  fftw_execute_dft(static_cast<fftw_plan>(backwardPlan),
                   reinterpret_cast<fftw_complex *>(fourier),
                   reinterpret_cast<fftw_complex *>(z));
  size_t half = size / 2;
  const double *u = untwist.data();
  for (size_t j = 0; j < half; ++j) {
    double zr = z[2 * j], zi = z[2 * j + 1];
    double re = zr * u[2 * j] - zi * u[2 * j + 1];
    double im = zr * u[2 * j + 1] + zi * u[2 * j];
    if (Accumulate) {
      out[j] += roundToTorus(re);
      out[j + half] += roundToTorus(im);
    } else {
      out[j] = roundToTorus(re);
      out[j + half] = roundToTorus(im);
    }
  }
}

void NegacyclicFft::backwardAddTorus(double *fourier, Torus *out) const {
  backward<true>(fourier, out);
}

void NegacyclicFft::backwardTorus(double *fourier, Torus *out) const {
  backward<false>(fourier, out);
}

namespace {

/// acc (+= if Accumulate, else =) a * b on Fourier polynomials of `doubles`
/// doubles in blocks of `block` values; acc may be a or b.
template <bool Accumulate>
void pointwiseProduct(double *acc, const double *a, const double *b,
                      size_t doubles, size_t block) {
  for (size_t chunk = 0; chunk < doubles; chunk += 2 * block)
    for (size_t l = 0; l < block; ++l) {
      size_t re = chunk + l, im = chunk + block + l;
      double productRe = a[re] * b[re] - a[im] * b[im];
      double productIm = a[re] * b[im] + a[im] * b[re];
      acc[re] = Accumulate ? acc[re] + productRe : productRe;
      acc[im] = Accumulate ? acc[im] + productIm : productIm;
    }
}

} // namespace

void NegacyclicFft::multiplyAdd(double *acc, const double *a,
                                const double *b) const {
  pointwiseProduct<true>(acc, a, b, size, fourierBlock(size));
}

void NegacyclicFft::multiply(double *acc, const double *a,
                             const double *b) const {
  pointwiseProduct<false>(acc, a, b, size, fourierBlock(size));
}

} // namespace shade::runtime

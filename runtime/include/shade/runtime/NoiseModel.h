//===- NoiseModel.h - Noise variances and failure probability --*- C++ -*-===//
//
// Pure functions giving the variance of the error of every operation of the
// atomic pattern, for uniform binary keys, as fractions of the torus squared.
// Derivations and sources: docs/noise.md. The compiler's parameter selection
// uses these same functions.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_NOISEMODEL_H
#define SHADE_RUNTIME_NOISEMODEL_H

#include "shade/runtime/Parameters.h"

#include <cstdint>

namespace shade::runtime::noise {

/// Fresh encryption: the Gaussian's variance, stdDev^2.
double freshVariance(double stdDev);

/// Variance of the error of rounding a uniform torus element to the closest
/// multiple of 2^-(baseLog * level): (2^(-2 baseLog level) - 2^-128) / 12.
double decompositionRoundingVariance(DecompositionParams decomposition);

/// E[d^2] of one balanced digit: (B^2 + 2) / 12.
double digitSquareMean(DecompositionParams decomposition);

/// Variance added by a key switch from a binary key of `inputDimension`:
///   m * l * sigma_ksk^2 * (B^2 + 2) / 12 + m / 2 * roundingVariance.
double keySwitchAddedVariance(uint32_t inputDimension,
                              DecompositionParams decomposition,
                              double keySwitchStdDev);

/// Variance added by the modulus switch of an LWE ciphertext of dimension n
/// to modulus 2N: (1 + n / 2) * ((1 / 2N)^2 - 2^-128) / 12.
double modulusSwitchVariance(uint32_t lweDimension, uint32_t polynomialSize);

/// Floating-point error of one external product computed with the f64 FFT
/// (empirical fit, see docs/noise.md):
///   kFftErrorConstant * 2^-106 * (k + 1) * l * N * log2(N) * E[d^2] / 12.
double fftErrorVariance(uint32_t glweDimension, uint32_t polynomialSize,
                        DecompositionParams decomposition);
/// Measured: 1.20 to 1.35 for N from 512 to 32768 (docs/noise.md); the
/// upper value is used.
inline constexpr double kFftErrorConstant = 1.35;

/// Variance added by one CMUX of the blind rotation, averaged over the
/// uniform key bit:
///   (k+1) l N sigma^2 (B^2+2)/12 + (1/2) roundingVariance (1 + k N / 2)
///   + fftErrorVariance.
double cmuxVariance(uint32_t glweDimension, uint32_t polynomialSize,
                    DecompositionParams decomposition, double glweStdDev);

/// Variance of a bootstrap's output (independent of its input's noise):
/// n * cmuxVariance (sample extraction adds nothing).
double bootstrapVariance(uint32_t lweDimension, uint32_t glweDimension,
                         uint32_t polynomialSize,
                         DecompositionParams decomposition, double glweStdDev);
double bootstrapVariance(const Parameters &parameters);

/// Variance of the phase seen by the blind rotation in the atomic pattern:
/// input + key switch + modulus switch.
double atomicPatternDecisionVariance(const Parameters &parameters,
                                     double inputVariance);

/// Variance of the phase seen by the blind rotation when bootstrapping a
/// fresh encryption under the small key: lweNoiseStdDev^2 + modulus switch.
double freshBootstrapDecisionVariance(const Parameters &parameters);

/// Probability that an error of variance `variance` (centered Gaussian)
/// reaches half a message slot, 2^-(width + 2), for a width-bit message with
/// one padding bit: erfc(2^-(width+2) / sqrt(2 variance)).
double failureProbability(double variance, unsigned messageWidth);

/// Approximate rounding: a W-bit message x (W = width + droppedBits) is
/// bootstrapped as if it were a width-bit message, i.e. its phase
/// (x / 2^d) * Delta_width + e (d = droppedBits) is decided by boxes centred
/// on the multiples of Delta_width. Returns the probability that the result
/// differs from the exact rounding floor(x / 2^d + 1/2) (ties up), for an
/// error e that is a centred Gaussian of `variance` (the decision variance,
/// e.g. atomicPatternDecisionVariance) and dropped bits j = x mod 2^d
/// uniform over [0, 2^d). With the step Delta = 2^-(width+1), sigma^2 =
/// variance and, for each j, the phase's offset u_j from the exact result
/// (u_j = j / 2^d if j < 2^(d-1), j / 2^d - 1 otherwise, in [-1/2, 1/2)
/// steps), the result is off when e crosses either boundary of that box:
///   P_off = 2^-d * sum_j [ erfc((1/2 - u_j) Delta / (sigma sqrt 2)) / 2
///                        + erfc((1/2 + u_j) Delta / (sigma sqrt 2)) / 2 ].
/// The tie j = 2^(d-1) (u = -1/2) sits exactly on the lower boundary: it
/// contributes 1/2 + erfc(Delta / (sigma sqrt 2)) / 2, hence 2^-d / 2 as
/// variance -> 0. The sum is exact for d <= 16; for d > 16 the continuous
/// limit (u uniform) is used: with a = Delta / sigma,
///   P_off = erfc(a / sqrt 2) + 2 (phi(0) - phi(a)) / a,
/// phi the standard normal density, which is at most and, for sigma << Delta,
/// equal to E|e| / Delta = sigma sqrt(2 / pi) / Delta (and never above 1).
/// d = 0 gives failureProbability(variance, width). Throws
/// std::invalid_argument unless variance >= 0, width >= 1 and
/// width + droppedBits <= 62 (a valid W-bit encoding). Derivation:
/// docs/noise.md, "Approximate rounding".
double approximateRoundingOffProbability(double variance, unsigned droppedBits,
                                         unsigned width);

/// The same probability for the runtime's own decision, exact up to the
/// Gaussian approximation of the error. The blind rotation decides on the
/// phase switched to modulus 2N (N = polynomialSize): round(phase * 2N + Y),
/// rounding half up, with Y the key-switched phase's error and the mask's
/// roundings, and it maps [r * box - box/2, r * box + box/2) to r
/// (box = N / 2^width). In the continuous model above, that is every box
/// shifted down by half a unit of 1/(2N), delta = 2^(width-1) / N steps, and
/// an error variance smaller by the body's rounding, (1/2N)^2 / 12, which is
/// that final round() rather than noise (it is taken out of `variance`, which
/// includes it when it comes from atomicPatternDecisionVariance; clamped at
/// 0). Each j then contributes
///   erfc((1/2 - delta - u_j) Delta / (sigma sqrt 2)) / 2
///   + erfc((1/2 + delta + u_j) Delta / (sigma sqrt 2)) / 2:
/// the tie, delta above its box's lower boundary, is off with probability
/// erfc(delta Delta / (sigma sqrt 2)) / 2 < 1/2 (0 as variance -> 0), while
/// a j less than delta below the midpoint (when 2^d > box: the modulus
/// switch rounds it up first) is off with probability above 1/2. For d > 16
/// the continuous limit of that sum. The three-argument form is the limit
/// N -> infinity: it overestimates the rate for few dropped bits (by about
/// 0.4 / (sigma * 2N) of it for d = 1, the tie's share) and underestimates
/// it slightly for many (by about phi(0) (Delta / sigma) delta^2 in
/// absolute terms, 0.7 % of the rate in the test's set); docs/noise.md. Throws
/// std::invalid_argument as above, and unless polynomialSize is a power of two
/// of at least 2^(width + 1).
double approximateRoundingOffProbability(double variance, unsigned droppedBits,
                                         unsigned width,
                                         uint32_t polynomialSize);

/// Probability that approximate rounding to `width` bits is off by two or
/// more steps, bounded by the probability that the error exceeds one full
/// step 2^-(width+1) (the closest second boundary is one step away, at the
/// tie): P(|e| >= 2^-(width+1)) = failureProbability(variance, width - 1),
/// which is how it is computed. It does not depend on the dropped bits.
/// Throws std::invalid_argument unless width >= 2.
double approximateRoundingFailureProbability(double variance, unsigned width);

} // namespace shade::runtime::noise

#endif // SHADE_RUNTIME_NOISEMODEL_H

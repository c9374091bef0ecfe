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

} // namespace shade::runtime::noise

#endif // SHADE_RUNTIME_NOISEMODEL_H

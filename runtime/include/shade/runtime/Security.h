//===- Security.h - The 128-bit security curve ------------------*- C++ -*-===//
//
// log2(sigma) = -0.025696778711484593 * d + 2.675931372549016 (sigma a
// fraction of the torus, d the LWE dimension; k * N for GLWE), the lattice
// estimator's 128-bit curve (MATZOV cost model) for uniform binary secrets on
// a 2^64 modulus, valid for d >= 450. See docs/security.md.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_SECURITY_H
#define SHADE_RUNTIME_SECURITY_H

#include "shade/runtime/Parameters.h"

#include <cstdint>

namespace shade::runtime::security {

inline constexpr double kCurveSlope = -0.025696778711484593;
inline constexpr double kCurveIntercept = 2.675931372549016;
inline constexpr uint32_t kMinCurveDimension = 450;
/// log2 of the smallest meaningful deviation on the 2^64 torus: 4 integer
/// units. Below it the rounded Gaussian degenerates (mostly zeros).
inline constexpr double kLog2NoiseFloor = -62.0;

/// The curve's log2(sigma) at `dimension`; throws ParameterError below
/// kMinCurveDimension.
double curveLog2StdDev(uint32_t dimension);

/// The smallest standard deviation (fraction of the torus) giving 128-bit
/// security at `dimension`: max(2^curve, 2^kLog2NoiseFloor).
double minimalStdDev(uint32_t dimension);

/// Throws ParameterError unless n >= 450, k * N >= 450, lweNoiseStdDev >=
/// minimalStdDev(n) and glweNoiseStdDev >= minimalStdDev(k * N).
void checkSecurity(const Parameters &parameters);

} // namespace shade::runtime::security

#endif // SHADE_RUNTIME_SECURITY_H

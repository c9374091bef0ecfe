//===- NoiseModel.cpp - Noise variances and failure probability -----------===//

#include "shade/runtime/NoiseModel.h"

#include <cmath>

namespace shade::runtime::noise {
namespace {

constexpr double kTwoPowMinus128 = 0x1p-128;

double base(DecompositionParams decomposition) {
  return std::ldexp(1.0, static_cast<int>(decomposition.baseLog));
}

} // namespace

double freshVariance(double stdDev) { return stdDev * stdDev; }

double decompositionRoundingVariance(DecompositionParams decomposition) {
  int precision = static_cast<int>(decomposition.baseLog * decomposition.level);
  return (std::ldexp(1.0, -2 * precision) - kTwoPowMinus128) / 12.0;
}

double digitSquareMean(DecompositionParams decomposition) {
  double b = base(decomposition);
  return (b * b + 2.0) / 12.0;
}

double keySwitchAddedVariance(uint32_t inputDimension,
                              DecompositionParams decomposition,
                              double keySwitchStdDev) {
  double m = inputDimension;
  return m * decomposition.level * keySwitchStdDev * keySwitchStdDev *
             digitSquareMean(decomposition) +
         m / 2.0 * decompositionRoundingVariance(decomposition);
}

double modulusSwitchVariance(uint32_t lweDimension, uint32_t polynomialSize) {
  double step = 1.0 / (2.0 * polynomialSize);
  return (1.0 + lweDimension / 2.0) * (step * step - kTwoPowMinus128) / 12.0;
}

double fftErrorVariance(uint32_t glweDimension, uint32_t polynomialSize,
                        DecompositionParams decomposition) {
  double n = polynomialSize;
  double perPolynomial = kFftErrorConstant * 0x1p-106 * (glweDimension + 1.0) *
                         decomposition.level * n * std::log2(n) *
                         digitSquareMean(decomposition) / 12.0;
  // The errors of the k mask polynomials reach the phase through the key.
  return perPolynomial * (1.0 + glweDimension * n / 2.0);
}

double cmuxVariance(uint32_t glweDimension, uint32_t polynomialSize,
                    DecompositionParams decomposition, double glweStdDev) {
  double k = glweDimension, n = polynomialSize;
  double keyTerm = (k + 1.0) * decomposition.level * n * glweStdDev *
                   glweStdDev * digitSquareMean(decomposition);
  double roundingTerm =
      0.5 * decompositionRoundingVariance(decomposition) * (1.0 + k * n / 2.0);
  return keyTerm + roundingTerm +
         fftErrorVariance(glweDimension, polynomialSize, decomposition);
}

double bootstrapVariance(uint32_t lweDimension, uint32_t glweDimension,
                         uint32_t polynomialSize,
                         DecompositionParams decomposition, double glweStdDev) {
  return lweDimension *
         cmuxVariance(glweDimension, polynomialSize, decomposition, glweStdDev);
}

double bootstrapVariance(const Parameters &parameters) {
  return bootstrapVariance(parameters.lweDimension, parameters.glweDimension,
                           parameters.polynomialSize, parameters.pbs,
                           parameters.glweNoiseStdDev);
}

double atomicPatternDecisionVariance(const Parameters &parameters,
                                     double inputVariance) {
  return inputVariance +
         keySwitchAddedVariance(parameters.bigLweDimension(),
                                parameters.keySwitch,
                                parameters.lweNoiseStdDev) +
         modulusSwitchVariance(parameters.lweDimension,
                               parameters.polynomialSize);
}

double freshBootstrapDecisionVariance(const Parameters &parameters) {
  return freshVariance(parameters.lweNoiseStdDev) +
         modulusSwitchVariance(parameters.lweDimension,
                               parameters.polynomialSize);
}

double failureProbability(double variance, unsigned messageWidth) {
  double halfSlot = std::ldexp(1.0, -static_cast<int>(messageWidth) - 2);
  return std::erfc(halfSlot / std::sqrt(2.0 * variance));
}

} // namespace shade::runtime::noise

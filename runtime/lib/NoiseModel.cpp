//===- NoiseModel.cpp - Noise variances and failure probability -----------===//

#include "shade/runtime/NoiseModel.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

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

namespace {

void checkRoundingArguments(const char *function, double variance,
                            unsigned droppedBits, unsigned width) {
  if (!(variance >= 0.0) || std::isinf(variance))
    throw std::invalid_argument(std::string(function) + ": variance " +
                                std::to_string(variance) +
                                " must be finite and non-negative");
  if (width < 1 || droppedBits > 62 || width > 62 - droppedBits)
    throw std::invalid_argument(
        std::string(function) + ": width " + std::to_string(width) + " plus " +
        std::to_string(droppedBits) + " dropped bits must be in [1, 62]");
}

/// P_off for boxes [r - 1/2 - shift, r + 1/2 - shift) (in steps) and a
/// centred Gaussian error of `variance`.
double offProbability(double variance, unsigned droppedBits, unsigned width,
                      double shift) {
  double step = std::ldexp(1.0, -static_cast<int>(width) - 1);
  // erfc(distance * step / (sigma sqrt 2)) is twice the probability that
  // the error crosses a boundary `distance` steps above (below) the phase
  // upwards (downwards); a negative distance (the phase is already beyond
  // it) gives more than 1. A zero distance, the tie with no shift, is 1.
  double scale = step / std::sqrt(2.0 * variance);
  auto tail = [scale](double distance) {
    return distance == 0.0 ? 1.0 : std::erfc(distance * scale);
  };
  constexpr unsigned kExactDroppedBits = 16;
  if (droppedBits <= kExactDroppedBits) {
    uint64_t count = uint64_t(1) << droppedBits;
    double sum = 0.0;
    for (uint64_t j = 0; j < count; ++j) {
      // Offset of the phase from the exact result, in steps: j / 2^d below
      // the midpoint rounds down, from the midpoint (the tie) up.
      double u = std::ldexp(double(j), -static_cast<int>(droppedBits));
      if (2 * j >= count)
        u -= 1.0;
      sum += 0.5 * (tail(0.5 - shift - u) + tail(0.5 + shift + u));
    }
    return sum / double(count);
  }
  // Continuous limit, u uniform over [-1/2, 1/2): the integral of the two
  // tails, (1/a) [G((1-s)a) - G(-sa) + G((1+s)a) - G(sa)] with a = Delta /
  // sigma, s the shift and G(z) = z Q(z) - phi(z) an antiderivative of Q.
  // With s = 0: erfc(a / sqrt 2) + 2 (phi(0) - phi(a)) / a.
  if (variance == 0.0)
    return std::min(1.0, std::max(0.0, shift));
  double a = step / std::sqrt(variance);
  auto antiderivative = [](double z) {
    constexpr double kInvSqrtTwoPi = 0.39894228040143267794;
    double q = 0.5 * std::erfc(z / std::sqrt(2.0));
    return z * q - kInvSqrtTwoPi * std::exp(-0.5 * z * z);
  };
  double sum = antiderivative((1.0 - shift) * a) - antiderivative(-shift * a) +
               antiderivative((1.0 + shift) * a) - antiderivative(shift * a);
  return std::min(1.0, std::max(0.0, sum / a));
}

} // namespace

double approximateRoundingOffProbability(double variance, unsigned droppedBits,
                                         unsigned width) {
  checkRoundingArguments("approximateRoundingOffProbability", variance,
                         droppedBits, width);
  return offProbability(variance, droppedBits, width, 0.0);
}

double approximateRoundingOffProbability(double variance, unsigned droppedBits,
                                         unsigned width,
                                         uint32_t polynomialSize) {
  checkRoundingArguments("approximateRoundingOffProbability", variance,
                         droppedBits, width);
  if (polynomialSize == 0 || (polynomialSize & (polynomialSize - 1)) ||
      width >= 31 || polynomialSize < (uint32_t(2) << width))
    throw std::invalid_argument(
        "approximateRoundingOffProbability: polynomial size " +
        std::to_string(polynomialSize) +
        " must be a power of two of at least 2^(width + 1) for width " +
        std::to_string(width));
  // The blind rotation decides on round(phase * 2N + Y), rounding half up,
  // and gives box r to [r * box - box/2, r * box + box/2) (Encoding.h): the
  // boxes sit half a unit of 1/(2N) low, 2^(width-1) / N steps, and the
  // body's own rounding, 1/12 of a unit squared, is that final round(), not
  // part of Y.
  double unit = 1.0 / (2.0 * polynomialSize);
  double shift = std::ldexp(0.5 / polynomialSize, static_cast<int>(width));
  double decision = std::max(0.0, variance - unit * unit / 12.0);
  return offProbability(decision, droppedBits, width, shift);
}

double approximateRoundingFailureProbability(double variance, unsigned width) {
  if (width < 2)
    throw std::invalid_argument(
        "approximateRoundingFailureProbability: width " +
        std::to_string(width) + " must be at least 2");
  return failureProbability(variance, width - 1);
}

} // namespace shade::runtime::noise

//===- Security.cpp - The 128-bit security curve --------------------------===//

#include "shade/runtime/Security.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace shade::runtime::security {
namespace {

void checkStdDev(const char *field, const char *dimensionName,
                 uint32_t dimension, double stdDev) {
  if (dimension < kMinCurveDimension) {
    std::ostringstream text;
    text << "insecure parameter " << dimensionName << " = " << dimension
         << ": the 128-bit security curve holds for dimensions >= "
         << kMinCurveDimension;
    throw ParameterError(text.str());
  }
  double minimum = minimalStdDev(dimension);
  if (stdDev < minimum) {
    std::ostringstream text;
    text << "insecure parameter " << field << " = 2^" << std::log2(stdDev)
         << ": below the 128-bit minimum 2^" << std::log2(minimum) << " for "
         << dimensionName << " = " << dimension;
    throw ParameterError(text.str());
  }
}

} // namespace

double curveLog2StdDev(uint32_t dimension) {
  if (dimension < kMinCurveDimension)
    throw ParameterError(
        "security curve: dimension " + std::to_string(dimension) +
        " is below its validity limit " + std::to_string(kMinCurveDimension));
  return kCurveSlope * dimension + kCurveIntercept;
}

double minimalStdDev(uint32_t dimension) {
  return std::exp2(std::max(curveLog2StdDev(dimension), kLog2NoiseFloor));
}

void checkSecurity(const Parameters &parameters) {
  checkStdDev("lweNoiseStdDev", "lweDimension", parameters.lweDimension,
              parameters.lweNoiseStdDev);
  checkStdDev("glweNoiseStdDev", "glweDimension * polynomialSize",
              parameters.bigLweDimension(), parameters.glweNoiseStdDev);
}

} // namespace shade::runtime::security

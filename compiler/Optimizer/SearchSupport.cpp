// The bounds and tables the parameter searches share (SearchSupport.h).

#include "compiler/Optimizer/SearchSupport.h"

#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/Parameters.h"
#include "shade/runtime/Security.h"

#include <cmath>

namespace shade::optimizer::detail {

using runtime::Parameters;
namespace noise = runtime::noise;
namespace security = runtime::security;

double maxDecisionVariance(unsigned width, double probability) {
  double low = 0;
  // At a standard deviation of half a slot the failure probability is 0.32.
  double high = std::ldexp(1.0, -2 * static_cast<int>(width) - 4);
  while (noise::failureProbability(high, width) <= probability)
    high *= 2;
  while (true) {
    double middle = low + (high - low) / 2;
    if (middle <= low || middle >= high)
      return low;
    if (noise::failureProbability(middle, width) <= probability)
      low = middle;
    else
      high = middle;
  }
}

KeySwitchTable::Row KeySwitchTable::computeRow(uint32_t dimension) {
  double stdDev = security::minimalStdDev(dimension);
  Row row;
  row.lowest = kInfinity;
  for (uint32_t levels = 1; levels <= kMaxLevels; ++levels) {
    Entry best{0, kInfinity};
    for (uint32_t baseLog = 1; baseLog * levels <= 64; ++baseLog) {
      double variance =
          noise::keySwitchAddedVariance(1, {baseLog, levels}, stdDev);
      if (variance < best.variancePerInput)
        best = {baseLog, variance};
    }
    row.byLevels[levels - 1] = best;
    row.lowest = std::min(row.lowest, best.variancePerInput);
  }
  return row;
}

std::pair<runtime::DecompositionParams, double>
bestBootstrapDecomposition(uint32_t glweDimension, uint32_t polynomialSize,
                           uint32_t levels, double glweStdDev) {
  runtime::DecompositionParams best{0, levels};
  double bestVariance = kInfinity;
  for (uint32_t baseLog = 1; baseLog * levels <= 64; ++baseLog) {
    double variance = noise::cmuxVariance(glweDimension, polynomialSize,
                                          {baseLog, levels}, glweStdDev);
    if (variance < bestVariance) {
      bestVariance = variance;
      best.baseLog = baseLog;
    }
  }
  return {best, bestVariance};
}

uint32_t noiseFloorDimension() {
  uint32_t dimension = security::kMinCurveDimension;
  while (dimension < Parameters::kMaxLweDimension &&
         security::curveLog2StdDev(dimension) > security::kLog2NoiseFloor)
    ++dimension;
  return dimension;
}

} // namespace shade::optimizer::detail

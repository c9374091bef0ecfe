//===- CostModel.cpp - Cost of the key switch and the bootstrap -----------===//

#include "compiler/Optimizer/CostModel.h"

#include <cmath>

namespace shade::optimizer {

OperationCounts &OperationCounts::operator+=(const OperationCounts &other) {
  ffts += other.ffts;
  if (other.ffts != 0)
    fftPoints = other.fftPoints;
  complexMultiplyAdds += other.complexMultiplyAdds;
  coefficientOperations += other.coefficientOperations;
  integerMultiplyAdds += other.integerMultiplyAdds;
  return *this;
}

OperationCounts keySwitchOperations(uint32_t inputDimension,
                                    uint32_t outputDimension, uint32_t levels) {
  uint64_t digits = uint64_t(inputDimension) * levels;
  OperationCounts counts;
  // Clearing the output, then one decomposition digit per level and input
  // coefficient, each multiplying a key row of outputDimension + 1 elements.
  counts.coefficientOperations = digits + outputDimension + 1;
  counts.integerMultiplyAdds = digits * (uint64_t(outputDimension) + 1);
  return counts;
}

OperationCounts bootstrapOperations(uint32_t lweDimension,
                                    uint32_t glweDimension,
                                    uint32_t polynomialSize, uint32_t levels) {
  uint64_t columns = uint64_t(glweDimension) + 1;
  uint64_t n = polynomialSize;
  OperationCounts cmux;
  cmux.fftPoints = polynomialSize / 2;
  // Forward: one transform per digit polynomial; backward: one per column.
  cmux.ffts = columns * levels + columns;
  // Every GGSW row times its digit polynomial, into every column.
  cmux.complexMultiplyAdds = columns * columns * levels * (n / 2);
  // Per column: the rotated difference and its rounded states (N), the
  // extraction and twist of each digit (l N), the untwist, rounding and
  // addition of the backward transform (N).
  cmux.coefficientOperations = columns * (levels + 2) * n;

  OperationCounts counts;
  counts.fftPoints = cmux.fftPoints;
  counts.ffts = cmux.ffts * lweDimension;
  counts.complexMultiplyAdds = cmux.complexMultiplyAdds * lweDimension;
  // The accumulator's initialization and rotation of the table ((k + 2) N)
  // and the sample extraction (k N + 1).
  counts.coefficientOperations = cmux.coefficientOperations * lweDimension +
                                 (columns + 1) * n + (columns - 1) * n + 1;
  return counts;
}

double estimateNanoseconds(const OperationCounts &counts,
                           const CostConstants &constants) {
  double points = counts.fftPoints;
  double fft = counts.ffts == 0 ? 0.0 : points * std::log2(points);
  return constants.fftPointStage * double(counts.ffts) * fft +
         constants.complexMultiplyAdd * double(counts.complexMultiplyAdds) +
         constants.coefficientOperation * double(counts.coefficientOperations) +
         constants.integerMultiplyAdd * double(counts.integerMultiplyAdds);
}

double atomicPatternCost(uint32_t lweDimension, uint32_t glweDimension,
                         uint32_t polynomialSize, uint32_t bootstrapLevels,
                         uint32_t keySwitchLevels) {
  OperationCounts counts = keySwitchOperations(glweDimension * polynomialSize,
                                               lweDimension, keySwitchLevels);
  counts += bootstrapOperations(lweDimension, glweDimension, polynomialSize,
                                bootstrapLevels);
  return estimateNanoseconds(counts);
}

double atomicPatternCost(const runtime::Parameters &parameters) {
  return atomicPatternCost(parameters.lweDimension, parameters.glweDimension,
                           parameters.polynomialSize, parameters.pbs.level,
                           parameters.keySwitch.level);
}

} // namespace shade::optimizer

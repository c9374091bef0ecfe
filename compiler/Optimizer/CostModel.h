//===- CostModel.h - Cost of the key switch and the bootstrap ---*- C++ -*-===//
//
// Counts the work of one key switch and one programmable bootstrap exactly as
// the runtime does it (runtime/lib/KeySwitch.cpp, runtime/lib/Bootstrap.cpp)
// and converts it to estimated single-thread nanoseconds with constants
// calibrated against the runtime. The parameter search minimizes this cost;
// docs/parameters.md derives the counts and gives the calibration.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_OPTIMIZER_COSTMODEL_H
#define SHADE_COMPILER_OPTIMIZER_COSTMODEL_H

#include "shade/runtime/Parameters.h"

#include <cstdint>

namespace shade::optimizer {

/// The work of one operation, by kind.
struct OperationCounts {
  /// Complex FFTs (forward and backward), all of `fftPoints` points.
  uint64_t ffts = 0;
  uint32_t fftPoints = 0;
  /// Complex multiply-adds of Fourier-domain products.
  uint64_t complexMultiplyAdds = 0;
  /// Per-coefficient work outside the FFTs and products: decomposition
  /// states, digit extraction, twisting, rounding, rotation, extraction.
  uint64_t coefficientOperations = 0;
  /// 64-bit integer multiply-adds of the key switch.
  uint64_t integerMultiplyAdds = 0;

  OperationCounts &operator+=(const OperationCounts &other);
};

/// Nanoseconds per unit of work, measured on the runtime (docs/parameters.md,
/// "Cost model").
struct CostConstants {
  /// Per point and per stage of a complex FFT: an M-point transform costs
  /// fftPointStage * M * log2(M).
  double fftPointStage;
  double complexMultiplyAdd;
  double coefficientOperation;
  double integerMultiplyAdd;
};

inline constexpr CostConstants kCalibratedCosts = {
    /*fftPointStage=*/0.145,
    /*complexMultiplyAdd=*/0.36,
    /*coefficientOperation=*/0.13,
    /*integerMultiplyAdd=*/0.23,
};

/// A key switch from dimension `inputDimension` (k * N) to `outputDimension`
/// (n) with `levels` digits per input coefficient: inputDimension * levels
/// digits and inputDimension * levels * (outputDimension + 1) multiply-adds.
OperationCounts keySwitchOperations(uint32_t inputDimension,
                                    uint32_t outputDimension, uint32_t levels);

/// A bootstrap of an LWE ciphertext of dimension `lweDimension` (n) through
/// GLWE ciphertexts of dimension `glweDimension` (k) over polynomials of
/// `polynomialSize` (N) coefficients, `levels` (l) digits per external
/// product. Each of the n CMUXes does (k+1) l forward and (k+1) backward
/// N/2-point FFTs and (k+1)^2 l N/2 complex multiply-adds.
OperationCounts bootstrapOperations(uint32_t lweDimension,
                                    uint32_t glweDimension,
                                    uint32_t polynomialSize, uint32_t levels);

/// The estimated nanoseconds of `counts`.
double estimateNanoseconds(const OperationCounts &counts,
                           const CostConstants &constants = kCalibratedCosts);

/// Estimated nanoseconds of one key switch followed by one bootstrap with
/// these parameters (the decomposition bases do not change the cost).
double atomicPatternCost(uint32_t lweDimension, uint32_t glweDimension,
                         uint32_t polynomialSize, uint32_t bootstrapLevels,
                         uint32_t keySwitchLevels);
double atomicPatternCost(const runtime::Parameters &parameters);

} // namespace shade::optimizer

#endif // SHADE_COMPILER_OPTIMIZER_COSTMODEL_H

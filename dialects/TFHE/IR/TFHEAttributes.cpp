#include "dialects/TFHE/IR/TFHEAttributes.h"
#include "dialects/TFHE/IR/TFHEDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace shade::tfhe;

#define GET_ATTRDEF_CLASSES
#include "dialects/TFHE/IR/TFHEAttributes.cpp.inc"

/// Checks that the key parameter `name` is positive.
static LogicalResult
verifyPositive(function_ref<InFlightDiagnostic()> emitError, StringRef key,
               StringRef name, unsigned value) {
  if (value == 0)
    return emitError() << key << " parameter " << name
                       << " must be positive, got 0";
  return success();
}

/// Checks that a gadget decomposition of `levels` digits of `baseLog` bits
/// fits in a 64-bit torus element.
static LogicalResult
verifyDecomposition(function_ref<InFlightDiagnostic()> emitError, StringRef key,
                    unsigned baseLog, unsigned levels) {
  if (failed(verifyPositive(emitError, key, "base_log", baseLog)) ||
      failed(verifyPositive(emitError, key, "levels", levels)))
    return failure();
  if (uint64_t(baseLog) * levels > 64)
    return emitError() << key << " decomposes " << levels << " levels of "
                       << baseLog << " bits = " << uint64_t(baseLog) * levels
                       << " bits, more than the 64 bits of a torus element";
  return success();
}

LogicalResult
KeySwitchKeyAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         unsigned inputDim, unsigned outputDim,
                         unsigned baseLog, unsigned levels, unsigned fromSet,
                         unsigned toSet) {
  StringRef key = "key-switching key";
  if (failed(verifyPositive(emitError, key, "input_dim", inputDim)) ||
      failed(verifyPositive(emitError, key, "output_dim", outputDim)))
    return failure();
  return verifyDecomposition(emitError, key, baseLog, levels);
}

LogicalResult
BootstrapKeyAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         unsigned inputDim, unsigned glweDim, unsigned polySize,
                         unsigned baseLog, unsigned levels, unsigned set) {
  StringRef key = "bootstrap key";
  if (failed(verifyPositive(emitError, key, "input_dim", inputDim)) ||
      failed(verifyPositive(emitError, key, "glwe_dim", glweDim)))
    return failure();
  if (!llvm::isPowerOf2_32(polySize))
    return emitError() << key << " parameter poly_size must be a power of two, "
                       << "got " << polySize;
  return verifyDecomposition(emitError, key, baseLog, levels);
}

/// Checks that a noise standard deviation is a fraction of the torus in
/// (0, 1), held as a double.
static LogicalResult verifyStdDev(function_ref<InFlightDiagnostic()> emitError,
                                  StringRef name, const APFloat &value) {
  if (&value.getSemantics() != &APFloat::IEEEdouble())
    return emitError() << "#tfhe.parameters parameter " << name
                       << " must be a double";
  double stdDev = value.convertToDouble();
  if (stdDev > 0 && stdDev < 1)
    return success();
  return emitError() << "#tfhe.parameters parameter " << name
                     << " must be in (0, 1), got " << stdDev;
}

LogicalResult
ParametersAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       unsigned lweDim, unsigned glweDim, unsigned polySize,
                       APFloat lweNoiseStd, APFloat glweNoiseStd,
                       unsigned pbsBaseLog, unsigned pbsLevels,
                       unsigned ksBaseLog, unsigned ksLevels) {
  StringRef key = "#tfhe.parameters";
  if (failed(verifyPositive(emitError, key, "lwe_dim", lweDim)) ||
      failed(verifyPositive(emitError, key, "glwe_dim", glweDim)))
    return failure();
  if (!llvm::isPowerOf2_32(polySize))
    return emitError() << key
                       << " parameter poly_size must be a power of two, got "
                       << polySize;
  if (failed(verifyStdDev(emitError, "lwe_noise_std", lweNoiseStd)) ||
      failed(verifyStdDev(emitError, "glwe_noise_std", glweNoiseStd)))
    return failure();
  if (failed(verifyPositive(emitError, key, "pbs_base_log", pbsBaseLog)) ||
      failed(verifyPositive(emitError, key, "pbs_levels", pbsLevels)) ||
      failed(verifyPositive(emitError, key, "ks_base_log", ksBaseLog)) ||
      failed(verifyPositive(emitError, key, "ks_levels", ksLevels)))
    return failure();
  if (failed(verifyDecomposition(emitError, "the bootstrap decomposition",
                                 pbsBaseLog, pbsLevels)))
    return failure();
  return verifyDecomposition(emitError, "the key-switch decomposition",
                             ksBaseLog, ksLevels);
}

void TFHEDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/TFHE/IR/TFHEAttributes.cpp.inc"
      >();
}

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
                         unsigned baseLog, unsigned levels) {
  StringRef key = "key-switching key";
  if (failed(verifyPositive(emitError, key, "input_dim", inputDim)) ||
      failed(verifyPositive(emitError, key, "output_dim", outputDim)))
    return failure();
  return verifyDecomposition(emitError, key, baseLog, levels);
}

LogicalResult
BootstrapKeyAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         unsigned inputDim, unsigned glweDim, unsigned polySize,
                         unsigned baseLog, unsigned levels) {
  StringRef key = "bootstrap key";
  if (failed(verifyPositive(emitError, key, "input_dim", inputDim)) ||
      failed(verifyPositive(emitError, key, "glwe_dim", glweDim)))
    return failure();
  if (!llvm::isPowerOf2_32(polySize))
    return emitError() << key << " parameter poly_size must be a power of two, "
                       << "got " << polySize;
  return verifyDecomposition(emitError, key, baseLog, levels);
}

void TFHEDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/TFHE/IR/TFHEAttributes.cpp.inc"
      >();
}

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHE/IR/FHETypes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace shade::fhe;

#include "dialects/FHE/IR/FHEDialect.cpp.inc"
#include "dialects/FHE/IR/FHETypeInterfaces.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/FHE/IR/FHETypes.cpp.inc"

void FHEDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/FHE/IR/FHETypes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/FHE/IR/FHEOps.cpp.inc"
      >();
}

static LogicalResult verifyWidth(function_ref<InFlightDiagnostic()> emitError,
                                 unsigned width) {
  if (width < 1 || width > 63)
    return emitError() << "width " << width
                       << " is out of range: an encrypted integer has 1 to 63 "
                          "bits (one more bit of the 64-bit torus is padding)";
  return success();
}

LogicalResult EncryptedUnsignedIntegerType::verify(
    function_ref<InFlightDiagnostic()> emitError, unsigned width) {
  return verifyWidth(emitError, width);
}

LogicalResult
EncryptedSignedIntegerType::verify(function_ref<InFlightDiagnostic()> emitError,
                                   unsigned width) {
  return verifyWidth(emitError, width);
}

bool EncryptedUnsignedIntegerType::isSigned() const { return false; }

bool EncryptedSignedIntegerType::isSigned() const { return true; }

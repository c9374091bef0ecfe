#include "dialects/FHE/IR/FHEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace shade::fhe;

#define GET_OP_CLASSES
#include "dialects/FHE/IR/FHEOps.cpp.inc"

/// A levelled op with a clear operand returns its encrypted operand's type.
static LogicalResult verifyResultHasEncryptedType(Operation *op,
                                                  Value encrypted) {
  Type resultType = op->getResult(0).getType();
  if (resultType == encrypted.getType())
    return success();
  return op->emitOpError() << "result type " << resultType
                           << " differs from the encrypted operand type "
                           << encrypted.getType();
}

LogicalResult AddEintIntOp::verify() {
  return verifyResultHasEncryptedType(*this, getLhs());
}

LogicalResult SubEintIntOp::verify() {
  return verifyResultHasEncryptedType(*this, getLhs());
}

LogicalResult SubIntEintOp::verify() {
  return verifyResultHasEncryptedType(*this, getRhs());
}

LogicalResult MulEintIntOp::verify() {
  return verifyResultHasEncryptedType(*this, getLhs());
}

LogicalResult ApplyLookupTableOp::verify() {
  unsigned width = getInput().getType().getWidth();
  RankedTensorType tableType = getTable().getType();
  // Widths go up to 63, so the entry count fits in 64 unsigned bits.
  uint64_t entries = uint64_t(1) << width;
  if (tableType.isDynamicDim(0) || uint64_t(tableType.getDimSize(0)) != entries)
    return emitOpError() << "table " << tableType << " must have 2^" << width
                         << " = " << entries
                         << " entries, one per bit pattern of the input type "
                         << getInput().getType();
  return success();
}

/// The signedness casts reinterpret a value at the same width.
static LogicalResult verifySameWidth(Operation *op, EncryptedIntegerType input,
                                     EncryptedIntegerType result) {
  if (input.getWidth() == result.getWidth())
    return success();
  return op->emitOpError() << "result type " << result
                           << " must have the width of the input type "
                           << input;
}

LogicalResult ToSignedOp::verify() {
  return verifySameWidth(*this, getInput().getType(), getType());
}

LogicalResult ToUnsignedOp::verify() {
  return verifySameWidth(*this, getInput().getType(), getType());
}

LogicalResult RoundOp::verify() {
  EncryptedIntegerType inputType = getInput().getType();
  EncryptedIntegerType resultType = getType();
  if (inputType.isSigned() != resultType.isSigned())
    return emitOpError() << "result type " << resultType
                         << " must have the signedness of the input type "
                         << inputType;
  if (resultType.getWidth() >= inputType.getWidth())
    return emitOpError() << "result type " << resultType
                         << " must be narrower than the input type "
                         << inputType;
  return success();
}

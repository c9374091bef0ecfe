#include "dialects/TFHE/IR/TFHEDialect.h"
#include "dialects/TFHE/IR/TFHEOps.h"

using namespace mlir;
using namespace shade::tfhe;

#include "dialects/TFHE/IR/TFHEDialect.cpp.inc"

void TFHEDialect::initialize() {
  registerTypes();
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "dialects/TFHE/IR/TFHEOps.cpp.inc"
      >();
}

// Folded encodings are i64 constants: arith.constant holds them.
Operation *TFHEDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  return arith::ConstantOp::materialize(builder, value, type, loc);
}

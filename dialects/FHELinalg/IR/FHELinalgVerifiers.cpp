#include "dialects/FHELinalg/IR/FHELinalgVerifiers.h"

#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgShapes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;

namespace shade::fhelinalg {

SmallVector<int64_t> getI64Values(ArrayAttr array) {
  return llvm::to_vector(
      llvm::map_range(array.getAsValueRange<IntegerAttr>(),
                      [](const APInt &value) { return value.getSExtValue(); }));
}

LogicalResult verifyResultShape(Operation *op, ArrayRef<int64_t> expected,
                                StringRef origin) {
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(op->getResult(0).getType()).getShape();
  if (shape == expected)
    return success();
  return op->emitOpError() << "result shape " << formatShape(shape)
                           << " differs from " << formatShape(expected) << ", "
                           << origin;
}

LogicalResult verifySameEncryptedElementType(Operation *op,
                                             ArrayRef<NamedValue> values) {
  const NamedValue *reference = nullptr;
  for (const NamedValue &named : values) {
    Type element = getElementTypeOrSelf(named.second.getType());
    if (!isa<fhe::EncryptedIntegerType>(element))
      continue;
    if (!reference) {
      reference = &named;
      continue;
    }
    Type referenceElement = getElementTypeOrSelf(reference->second.getType());
    if (element == referenceElement)
      continue;
    auto describe = [](Value value) {
      return isa<ShapedType>(value.getType()) ? "element type" : "type";
    };
    return op->emitOpError()
           << named.first << " " << describe(named.second) << " " << element
           << " differs from " << reference->first << " "
           << describe(reference->second) << " " << referenceElement
           << ": the encrypted operands and the result must have one width "
              "and signedness";
  }
  return success();
}

/// The operands and the result of an operation with operands `lhs`, `rhs`.
static SmallVector<NamedValue, 3> binaryOpValues(Operation *op) {
  return {{"lhs", op->getOperand(0)},
          {"rhs", op->getOperand(1)},
          {"result", op->getResult(0)}};
}

static ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

LogicalResult verifyBroadcastingBinaryOp(Operation *op) {
  FailureOr<SmallVector<int64_t>> shape = broadcastShapes(
      "lhs", shapeOf(op->getOperand(0)), "rhs", shapeOf(op->getOperand(1)),
      [op] { return op->emitOpError(); });
  if (failed(shape) || failed(verifyResultShape(
                           op, *shape, "the broadcast of the operand shapes")))
    return failure();
  return verifySameEncryptedElementType(op, binaryOpValues(op));
}

LogicalResult verifyDotOp(Operation *op) {
  ArrayRef<int64_t> lhs = shapeOf(op->getOperand(0));
  ArrayRef<int64_t> rhs = shapeOf(op->getOperand(1));
  if (lhs.size() != 1)
    return op->emitOpError()
           << "lhs must be 1-D, got shape " << formatShape(lhs);
  if (rhs.size() != 1)
    return op->emitOpError()
           << "rhs must be 1-D, got shape " << formatShape(rhs);
  if (lhs != rhs)
    return op->emitOpError()
           << "lhs shape " << formatShape(lhs) << " and rhs shape "
           << formatShape(rhs) << " differ: a dot product needs vectors of "
           << "the same length";
  return verifySameEncryptedElementType(op, binaryOpValues(op));
}

LogicalResult verifyMatmulOp(Operation *op) {
  FailureOr<SmallVector<int64_t>> shape =
      matmulShape(shapeOf(op->getOperand(0)), shapeOf(op->getOperand(1)),
                  [op] { return op->emitOpError(); });
  if (failed(shape) ||
      failed(verifyResultShape(op, *shape, "the matmul of the operand shapes")))
    return failure();
  return verifySameEncryptedElementType(op, binaryOpValues(op));
}

} // namespace shade::fhelinalg

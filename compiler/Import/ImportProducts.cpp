// dot, matmul, sum, conv2d and maxpool2d with an encrypted operand.

#include "compiler/Import/GraphImporter.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace shade::import {

llvm::Expected<Value> GraphImporter::wrapScalar(Value scalar, Location loc) {
  auto tensor = builder.create<tensor::FromElementsOp>(
      loc, RankedTensorType::get({}, scalar.getType()), scalar);
  if (llvm::Error error = setEncryptedTypes(tensor))
    return error;
  return tensor.getResult();
}

/// The products of two operands, one of them at least encrypted.
static Operation *createProduct(OpBuilder &builder, Location loc, OpKind op,
                                Type type, Value lhs, bool lhsEncrypted,
                                Value rhs, bool rhsEncrypted) {
  if (op == OpKind::Dot) {
    if (lhsEncrypted && rhsEncrypted)
      return builder.create<fhelinalg::DotEintEintOp>(loc, type, lhs, rhs);
    if (lhsEncrypted)
      return builder.create<fhelinalg::DotEintIntOp>(loc, type, lhs, rhs);
    return builder.create<fhelinalg::DotEintIntOp>(loc, type, rhs, lhs);
  }
  if (lhsEncrypted && rhsEncrypted)
    return builder.create<fhelinalg::MatmulEintEintOp>(loc, type, lhs, rhs);
  if (lhsEncrypted)
    return builder.create<fhelinalg::MatmulEintIntOp>(loc, type, lhs, rhs);
  return builder.create<fhelinalg::MatmulIntEintOp>(loc, type, lhs, rhs);
}

llvm::Error GraphImporter::importProduct(const GraphNode &node,
                                         ImportedValue &result) {
  Location loc = getLoc(node);
  const ImportedValue &input = getArg(node, 0);
  Value value = materialize(input, loc);
  Operation *op = nullptr;
  bool scalarResult = false;
  switch (node.op) {
  case OpKind::Dot:
  case OpKind::Matmul: {
    const ImportedValue &other = getArg(node, 1);
    bool lhsEncrypted = input.kind == ImportedValue::Kind::Encrypted;
    bool rhsEncrypted = other.kind == ImportedValue::Kind::Encrypted;
    // numpy's matmul of two vectors is their dot product.
    OpKind kind = input.shape.size() == 1 && other.shape.size() == 1
                      ? OpKind::Dot
                      : node.op;
    scalarResult = kind == OpKind::Dot;
    Type type = scalarResult ? getEncryptedType({}).getElementType()
                             : Type(getEncryptedType(result.shape));
    op = createProduct(builder, loc, kind, type, value, lhsEncrypted,
                       materialize(other, loc), rhsEncrypted);
    break;
  }
  case OpKind::Sum: {
    Shape axes;
    if (node.axes)
      axes = cantFail(normalizeAxes(*node.axes, input.shape.size()));
    else
      for (int64_t d = 0; d < int64_t(input.shape.size()); ++d)
        axes.push_back(d);
    // numpy sums over no axis, or a scalar, to the value itself.
    if (axes.empty()) {
      result.value = value;
      return llvm::Error::success();
    }
    llvm::sort(axes);
    scalarResult = result.shape.empty();
    Type type = scalarResult ? getEncryptedType({}).getElementType()
                             : Type(getEncryptedType(result.shape));
    op = builder.create<fhelinalg::SumOp>(
        loc, type, value, builder.getI64ArrayAttr(axes), node.keepDims);
    break;
  }
  case OpKind::Conv2d: {
    llvm::Expected<Value> image = materializeEncrypted(input, loc);
    if (!image)
      return image.takeError();
    Value bias =
        node.args.size() == 3 ? materialize(getArg(node, 2), loc) : Value();
    op = builder.create<fhelinalg::Conv2dOp>(
        loc, getEncryptedType(result.shape), *image,
        materialize(getArg(node, 1), loc), bias,
        builder.getI64ArrayAttr(node.window.strides),
        builder.getI64ArrayAttr(node.window.pads),
        builder.getI64ArrayAttr(node.window.dilations),
        builder.getI64IntegerAttr(node.group));
    break;
  }
  case OpKind::Maxpool2d:
    op = builder.create<fhelinalg::Maxpool2dOp>(
        loc, getEncryptedType(result.shape), value,
        builder.getI64ArrayAttr(node.kernel),
        builder.getI64ArrayAttr(node.window.strides),
        builder.getI64ArrayAttr(node.window.pads),
        builder.getI64ArrayAttr(node.window.dilations));
    break;
  default:
    llvm_unreachable("not a product or a reduction");
  }
  if (llvm::Error error = setEncryptedTypes(op))
    return error;
  if (!scalarResult) {
    result.value = op->getResult(0);
    return llvm::Error::success();
  }
  llvm::Expected<Value> wrapped = wrapScalar(op->getResult(0), loc);
  if (!wrapped)
    return wrapped.takeError();
  result.value = *wrapped;
  return llvm::Error::success();
}

} // namespace shade::import

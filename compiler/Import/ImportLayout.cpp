// Layout ops on clear and encrypted values: tensor reshapes and slices,
// fhelinalg transpose, concat and broadcast for encrypted values, their
// tensor and linalg counterparts for clear ones.

#include "compiler/Import/GraphImporter.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;

namespace shade::import {

llvm::Error GraphImporter::finishLayoutOp(Operation *op) {
  if (analysis::isEncrypted(op->getResult(0).getType()))
    return setEncryptedTypes(op);
  return visitClear(op);
}

llvm::Expected<Value> GraphImporter::reshapeValue(Value value,
                                                  llvm::ArrayRef<int64_t> shape,
                                                  Location loc) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  auto target = RankedTensorType::get(shape, type.getElementType());
  std::optional<SmallVector<ReassociationIndices>> reassociation;
  bool collapse = type.getRank() > target.getRank();
  if (type.getRank() == 0 || target.getRank() == 0)
    reassociation.emplace();
  else if (collapse)
    reassociation = getReassociationIndicesForCollapse(type.getShape(), shape);
  else if (type.getRank() < target.getRank())
    reassociation = getReassociationIndicesForCollapse(shape, type.getShape());
  if (!reassociation) {
    // No direct reshape: through the flat vector.
    llvm::Expected<Value> flat =
        reshapeValue(value, {type.getNumElements()}, loc);
    if (!flat)
      return flat;
    return reshapeValue(*flat, shape, loc);
  }
  Operation *op = collapse ? builder.create<tensor::CollapseShapeOp>(
                                 loc, target, value, *reassociation)
                           : builder.create<tensor::ExpandShapeOp>(
                                 loc, target, value, *reassociation);
  if (llvm::Error error = finishLayoutOp(op))
    return error;
  return op->getResult(0);
}

llvm::Expected<Value> GraphImporter::concatValues(llvm::ArrayRef<Value> inputs,
                                                  int64_t axis,
                                                  llvm::ArrayRef<int64_t> shape,
                                                  Location loc) {
  if (inputs.size() == 1)
    return inputs.front();
  Operation *op;
  if (analysis::isEncrypted(inputs.front().getType()))
    op = builder.create<fhelinalg::ConcatOp>(loc, getEncryptedType(shape),
                                             inputs, axis);
  else
    op = builder.create<tensor::ConcatOp>(loc, getClearType(shape), axis,
                                          inputs);
  if (llvm::Error error = finishLayoutOp(op))
    return error;
  return op->getResult(0);
}

llvm::Expected<Value> GraphImporter::sliceValue(Value value,
                                                llvm::ArrayRef<SliceDim> dims,
                                                Location loc) {
  auto type = cast<RankedTensorType>(value.getType());
  // The selected elements in increasing order along every axis; the axes
  // with a negative step are reversed afterwards.
  SmallVector<OpFoldResult> offsets, sizes, strides;
  Shape shape;
  bool identity = true;
  for (auto [dim, size] : llvm::zip_equal(dims, type.getShape())) {
    int64_t stride = dim.step > 0 ? dim.step : -dim.step;
    int64_t first =
        dim.step > 0 ? dim.start : dim.start + (dim.count - 1) * dim.step;
    offsets.push_back(builder.getIndexAttr(first));
    sizes.push_back(builder.getIndexAttr(dim.count));
    strides.push_back(builder.getIndexAttr(dim.count > 1 ? stride : 1));
    shape.push_back(dim.count);
    identity &= dim.count == size && (dim.count == 1 || stride == 1);
  }
  if (!identity) {
    auto slice = builder.create<tensor::ExtractSliceOp>(
        loc, RankedTensorType::get(shape, type.getElementType()), value,
        offsets, sizes, strides);
    if (llvm::Error error = finishLayoutOp(slice))
      return error;
    value = slice;
  }
  for (auto [axis, dim] : llvm::enumerate(dims)) {
    if (dim.step > 0 || dim.count == 1)
      continue;
    // Reversed along `axis`: its elements one by one, last first.
    auto current = cast<RankedTensorType>(value.getType());
    Shape pieceShape(current.getShape());
    pieceShape[axis] = 1;
    SmallVector<Value> pieces;
    for (int64_t i = dim.count - 1; i >= 0; --i) {
      SmallVector<OpFoldResult> pieceOffsets(current.getRank(),
                                             builder.getIndexAttr(0));
      pieceOffsets[axis] = builder.getIndexAttr(i);
      SmallVector<OpFoldResult> pieceSizes;
      for (int64_t size : pieceShape)
        pieceSizes.push_back(builder.getIndexAttr(size));
      SmallVector<OpFoldResult> unitStrides(current.getRank(),
                                            builder.getIndexAttr(1));
      auto piece = builder.create<tensor::ExtractSliceOp>(
          loc, RankedTensorType::get(pieceShape, current.getElementType()),
          value, pieceOffsets, pieceSizes, unitStrides);
      if (llvm::Error error = finishLayoutOp(piece))
        return error;
      pieces.push_back(piece);
    }
    llvm::Expected<Value> reversed =
        concatValues(pieces, axis, current.getShape(), loc);
    if (!reversed)
      return reversed;
    value = *reversed;
  }
  return value;
}

llvm::Error GraphImporter::importLayout(const GraphNode &node,
                                        ImportedValue &result) {
  Location loc = getLoc(node);
  const ImportedValue &input = getArg(node, 0);
  bool encrypted = result.kind == ImportedValue::Kind::Encrypted;
  llvm::Expected<Value> value = Value();
  switch (node.op) {
  case OpKind::Reshape:
  case OpKind::ExpandDims:
  case OpKind::Squeeze:
  case OpKind::Flatten:
    value = reshapeValue(materialize(input, loc), result.shape, loc);
    break;
  case OpKind::Transpose: {
    Shape permutation = cantFail(transposePermutation(
        input.shape.size(),
        node.axes ? std::optional<llvm::ArrayRef<int64_t>>(*node.axes)
                  : std::nullopt));
    Operation *op;
    if (encrypted) {
      op = builder.create<fhelinalg::TransposeOp>(
          loc, getEncryptedType(result.shape), materialize(input, loc),
          builder.getI64ArrayAttr(permutation));
    } else {
      auto init = builder.create<tensor::EmptyOp>(loc, result.shape,
                                                  builder.getI64Type());
      if (llvm::Error error = visitClear(init))
        return error;
      op = builder.create<linalg::TransposeOp>(loc, materialize(input, loc),
                                               init, permutation);
    }
    if (llvm::Error error = finishLayoutOp(op))
      return error;
    value = op->getResult(0);
    break;
  }
  case OpKind::Concatenate: {
    SmallVector<Value> inputs;
    for (size_t arg : node.args) {
      const ImportedValue &part = values[arg];
      llvm::Expected<Value> operand =
          encrypted ? materializeEncrypted(part, loc) : materialize(part, loc);
      if (operand && !node.axis)
        operand = reshapeValue(*operand, {numElements(part.shape)}, loc);
      if (!operand)
        return operand.takeError();
      inputs.push_back(*operand);
    }
    int64_t axis = node.axis ? *node.axis : 0;
    if (axis < 0)
      axis += result.shape.size();
    value = concatValues(inputs, axis, result.shape, loc);
    break;
  }
  case OpKind::BroadcastTo:
    if (!encrypted) {
      value = broadcastClear(materialize(input, loc), result.shape, loc);
      break;
    }
    if (input.shape == result.shape) {
      value = materialize(input, loc);
      break;
    }
    {
      auto op = builder.create<fhelinalg::BroadcastOp>(
          loc, getEncryptedType(result.shape), materialize(input, loc));
      if (llvm::Error error = finishLayoutOp(op))
        return error;
      value = op.getResult();
    }
    break;
  case OpKind::Slice: {
    auto dims = cantFail(
        normalizeSlice(input.shape, node.starts, node.stops, node.steps));
    value = sliceValue(materialize(input, loc), dims, loc);
    break;
  }
  default:
    llvm_unreachable("not a layout op");
  }
  if (!value)
    return value.takeError();
  result.value = *value;
  return llvm::Error::success();
}

} // namespace shade::import

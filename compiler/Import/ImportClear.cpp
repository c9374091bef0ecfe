// Ops on clear values given at run time (no encrypted operand): arith ops on
// i64 tensors for the element-wise ones (where: cmpi ne 0 and select),
// linalg.generic for lookup tables, products, sums and pooling. The range
// analysis models the arith, tensor and linalg.broadcast ops; the importer
// gives the ranges of the linalg.generic results itself.

#include "compiler/Import/GraphImporter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using shade::analysis::Interval;

namespace shade::import {

llvm::Expected<Value>
GraphImporter::broadcastClear(Value value, llvm::ArrayRef<int64_t> shape,
                              Location loc) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  // Drop the dimensions of size 1 that stretch, then add every broadcast
  // dimension back with linalg.broadcast.
  int64_t lead = shape.size() - type.getRank();
  Shape kept;
  SmallVector<int64_t> added;
  for (int64_t d = 0; d < lead; ++d)
    added.push_back(d);
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (type.getShape()[d] == 1 && shape[lead + d] != 1)
      added.push_back(lead + d);
    else
      kept.push_back(type.getShape()[d]);
  }
  llvm::Expected<Value> narrowed = reshapeValue(value, kept, loc);
  if (!narrowed)
    return narrowed;
  auto init = builder.create<tensor::EmptyOp>(loc, shape, builder.getI64Type());
  if (llvm::Error error = visitClear(init))
    return error;
  auto op = builder.create<linalg::BroadcastOp>(loc, *narrowed, init, added);
  if (llvm::Error error = visitClear(op))
    return error;
  return op->getResult(0);
}

namespace {
/// Builds the arith ops of the element-wise ops on clear i64 tensors of one
/// shape, computing each result's range.
class ClearElementwise {
public:
  ClearElementwise(OpBuilder &builder, Location loc,
                   llvm::ArrayRef<int64_t> shape,
                   llvm::function_ref<llvm::Error(Operation *)> visit,
                   llvm::function_ref<Value(int64_t)> splat)
      : builder(builder), loc(loc), shape(shape), visit(visit), splat(splat) {}

  template <typename OpTy, typename... Args>
  llvm::Expected<Value> create(Args &&...args) {
    auto op = builder.create<OpTy>(loc, std::forward<Args>(args)...);
    if (llvm::Error error = visit(op))
      return error;
    return op->getResult(0);
  }

  llvm::Expected<Value> binary(OpKind kind, Value lhs, Value rhs);
  llvm::Expected<Value> unary(const UnaryOp &op, Value input);

private:
  OpBuilder &builder;
  Location loc;
  llvm::ArrayRef<int64_t> shape;
  llvm::function_ref<llvm::Error(Operation *)> visit;
  llvm::function_ref<Value(int64_t)> splat;
};
} // namespace

static arith::CmpIPredicate getPredicate(OpKind kind) {
  switch (kind) {
  case OpKind::Less:
    return arith::CmpIPredicate::slt;
  case OpKind::LessEqual:
    return arith::CmpIPredicate::sle;
  case OpKind::Greater:
    return arith::CmpIPredicate::sgt;
  case OpKind::GreaterEqual:
    return arith::CmpIPredicate::sge;
  case OpKind::Equal:
    return arith::CmpIPredicate::eq;
  case OpKind::NotEqual:
    return arith::CmpIPredicate::ne;
  default:
    llvm_unreachable("not a comparison");
  }
}

llvm::Expected<Value> ClearElementwise::binary(OpKind kind, Value lhs,
                                               Value rhs) {
  switch (kind) {
  case OpKind::Add:
    return create<arith::AddIOp>(lhs, rhs);
  case OpKind::Subtract:
    return create<arith::SubIOp>(lhs, rhs);
  case OpKind::Multiply:
    return create<arith::MulIOp>(lhs, rhs);
  case OpKind::Maximum:
    return create<arith::MaxSIOp>(lhs, rhs);
  case OpKind::Minimum:
    return create<arith::MinSIOp>(lhs, rhs);
  case OpKind::BitwiseAnd:
    return create<arith::AndIOp>(lhs, rhs);
  case OpKind::BitwiseOr:
    return create<arith::OrIOp>(lhs, rhs);
  case OpKind::BitwiseXor:
    return create<arith::XOrIOp>(lhs, rhs);
  default: {
    llvm::Expected<Value> bit =
        create<arith::CmpIOp>(getPredicate(kind), lhs, rhs);
    if (!bit)
      return bit;
    return create<arith::ExtUIOp>(
        RankedTensorType::get(shape, builder.getI64Type()), *bit);
  }
  }
}

llvm::Expected<Value> ClearElementwise::unary(const UnaryOp &op, Value input) {
  switch (op.kind) {
  case OpKind::Negative:
    return create<arith::SubIOp>(splat(0), input);
  case OpKind::Abs: {
    llvm::Expected<Value> negated = create<arith::SubIOp>(splat(0), input);
    if (!negated)
      return negated;
    return create<arith::MaxSIOp>(input, *negated);
  }
  case OpKind::Square:
    return create<arith::MulIOp>(input, input);
  case OpKind::Relu:
    return create<arith::MaxSIOp>(input, splat(0));
  case OpKind::Clip: {
    llvm::Expected<Value> value = input;
    if (op.min)
      value = create<arith::MaxSIOp>(*value, splat(*op.min));
    if (value && op.max)
      value = create<arith::MinSIOp>(*value, splat(*op.max));
    return value;
  }
  case OpKind::FloorDivide:
    return create<arith::FloorDivSIOp>(input, splat(op.parameter));
  case OpKind::LeftShift:
    if (op.parameter >= 63)
      return makeError("shifting by " + llvm::Twine(op.parameter) +
                       " bits overflows int64");
    return create<arith::ShLIOp>(input, splat(op.parameter));
  case OpKind::RightShift:
    // Shifting by 63 bits already leaves only the sign.
    return create<arith::ShRSIOp>(input,
                                  splat(std::min<int64_t>(op.parameter, 63)));
  case OpKind::RoundBits: {
    // From 64 low bits up, every int64 rounds to 0.
    if (op.parameter >= 64)
      return create<arith::MulIOp>(input, splat(0));
    llvm::Expected<Value> value =
        create<arith::AddIOp>(input, splat(int64_t(1) << (op.parameter - 1)));
    if (value)
      value = create<arith::ShRSIOp>(*value, splat(op.parameter));
    if (value)
      value = create<arith::ShLIOp>(*value, splat(op.parameter));
    return value;
  }
  default:
    llvm_unreachable("lut is a linalg.generic");
  }
}

/// The maps of an element-wise linalg.generic.
static SmallVector<AffineMap> identityMaps(MLIRContext *context, int64_t rank,
                                           unsigned count) {
  return SmallVector<AffineMap>(
      count, AffineMap::getMultiDimIdentityMap(rank, context));
}

llvm::Error GraphImporter::importClear(const GraphNode &node,
                                       ImportedValue &result) {
  Location loc = getLoc(node);
  auto visit = [&](Operation *op) { return visitClear(op); };
  auto splat = [&](int64_t value) {
    return createConstant(ClearTensor::splat(result.shape, value), loc);
  };
  ClearElementwise elementwise(builder, loc, result.shape, visit, splat);
  // The operands of element-wise ops, broadcast to the result shape.
  auto operand = [&](unsigned i) -> llvm::Expected<Value> {
    const ImportedValue &arg = getArg(node, i);
    if (arg.kind == ImportedValue::Kind::Constant) {
      if (arg.shape == result.shape)
        return materialize(arg, loc);
      return createConstant(cantFail(broadcastTo(arg.constant, result.shape)),
                            loc);
    }
    return broadcastClear(materialize(arg, loc), result.shape, loc);
  };

  llvm::Expected<Value> value = Value();
  if (isElementwiseBinary(node.op)) {
    llvm::Expected<Value> lhs = operand(0);
    if (!lhs)
      return lhs.takeError();
    llvm::Expected<Value> rhs = operand(1);
    if (!rhs)
      return rhs.takeError();
    value = elementwise.binary(node.op, *lhs, *rhs);
  } else if (node.op == OpKind::Where) {
    llvm::Expected<Value> cond = operand(0);
    if (!cond)
      return cond.takeError();
    llvm::Expected<Value> lhs = operand(1);
    if (!lhs)
      return lhs.takeError();
    llvm::Expected<Value> rhs = operand(2);
    if (!rhs)
      return rhs.takeError();
    llvm::Expected<Value> nonZero = elementwise.create<arith::CmpIOp>(
        arith::CmpIPredicate::ne, *cond, splat(0));
    if (!nonZero)
      return nonZero.takeError();
    value = elementwise.create<arith::SelectOp>(*nonZero, *lhs, *rhs);
  } else if (node.op == OpKind::Lut) {
    value = emitClearLookup(node, materialize(getArg(node, 0), loc), loc);
  } else if (isElementwiseUnary(node.op)) {
    value = elementwise.unary(node.unary, materialize(getArg(node, 0), loc));
  } else {
    value = emitClearReduction(node, result.shape, loc);
  }
  if (!value)
    return value.takeError();
  result.value = *value;
  return llvm::Error::success();
}

llvm::Expected<Value> GraphImporter::emitClearLookup(const GraphNode &node,
                                                     Value input,
                                                     Location loc) {
  const UnaryOp &lut = node.unary;
  Interval reachable = ranges.getRange(input).getHull();
  int64_t size = lut.table.size();
  for (int64_t bound : {reachable.lo, reachable.hi}) {
    __int128 index = __int128(bound) - lut.parameter;
    if (index < 0 || index >= size)
      return applyUnary(lut, bound).takeError();
  }
  Interval range = Interval::point(lut.table[reachable.lo - lut.parameter]);
  for (int64_t i = reachable.lo - lut.parameter;
       i <= reachable.hi - lut.parameter; ++i)
    range = hull(range, Interval::point(lut.table[i]));

  Value table = createConstant(ClearTensor({size}, lut.table), loc);
  auto type = cast<RankedTensorType>(input.getType());
  auto init = builder.create<tensor::EmptyOp>(loc, type.getShape(),
                                              builder.getI64Type());
  if (llvm::Error error = visitClear(init))
    return error;
  int64_t offset = lut.parameter;
  auto generic = builder.create<linalg::GenericOp>(
      loc, TypeRange{type}, ValueRange{input}, ValueRange{init},
      identityMaps(&context, type.getRank(), 2),
      SmallVector<utils::IteratorType>(type.getRank(),
                                       utils::IteratorType::parallel),
      [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
        Value shifted = b.create<arith::SubIOp>(
            bodyLoc, args[0],
            b.create<arith::ConstantIntOp>(bodyLoc, offset, 64));
        Value index =
            b.create<arith::IndexCastOp>(bodyLoc, b.getIndexType(), shifted);
        Value entry = b.create<tensor::ExtractOp>(bodyLoc, table, index);
        b.create<linalg::YieldOp>(bodyLoc, entry);
      });
  setClearRange(generic.getResult(0), range);
  return generic.getResult(0);
}

} // namespace shade::import

// dot, matmul, sum, conv2d and maxpool2d on clear values given at run time:
// one linalg.generic each, whose result range the importer computes from its
// operands' ranges.

#include "compiler/Import/GraphImporter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using shade::analysis::Interval;

namespace shade::import {

static llvm::Error rangeOverflow() {
  return makeError("the range of the result overflows int64");
}

/// The range of a sum of `count` products of a value in `lhs` by a value in
/// `rhs`, plus a value in `bias`.
static std::optional<Interval> sumOfProducts(Interval lhs, Interval rhs,
                                             int64_t count, Interval bias) {
  std::optional<Interval> product = analysis::mul(lhs, rhs);
  if (!product)
    return std::nullopt;
  std::optional<int64_t> lo = analysis::checkedMul(product->lo, count);
  std::optional<int64_t> hi = analysis::checkedMul(product->hi, count);
  if (!lo || !hi)
    return std::nullopt;
  return analysis::add(Interval{*lo, *hi}, bias);
}

llvm::Expected<Value>
GraphImporter::emitClearReduction(const GraphNode &node,
                                  llvm::ArrayRef<int64_t> shape, Location loc) {
  switch (node.op) {
  case OpKind::Dot:
  case OpKind::Matmul:
    return emitClearMatmul(node, shape, loc);
  case OpKind::Sum:
    return emitClearSum(node, shape, loc);
  case OpKind::Conv2d:
    return emitClearConv2d(node, shape, loc);
  case OpKind::Maxpool2d:
    return emitClearMaxpool2d(node, shape, loc);
  default:
    llvm_unreachable("not a product or a reduction");
  }
}

/// The body of a sum of products: `acc + lhs * rhs`.
static void multiplyAccumulate(OpBuilder &b, Location loc, ValueRange args) {
  Value product = b.create<arith::MulIOp>(loc, args[0], args[1]);
  b.create<linalg::YieldOp>(
      loc, Value(b.create<arith::AddIOp>(loc, args[2], product)));
}

llvm::Expected<Value>
GraphImporter::emitClearMatmul(const GraphNode &node,
                               llvm::ArrayRef<int64_t> shape, Location loc) {
  Value lhs = materialize(getArg(node, 0), loc);
  Value rhs = materialize(getArg(node, 1), loc);
  Shape lhsShape = getArg(node, 0).shape, rhsShape = getArg(node, 1).shape;
  // Vectors become a row on the left and a column on the right.
  if (lhsShape.size() == 1) {
    lhsShape.insert(lhsShape.begin(), 1);
    llvm::Expected<Value> row = reshapeValue(lhs, lhsShape, loc);
    if (!row)
      return row;
    lhs = *row;
  }
  if (rhsShape.size() == 1) {
    rhsShape.push_back(1);
    llvm::Expected<Value> column = reshapeValue(rhs, rhsShape, loc);
    if (!column)
      return column;
    rhs = *column;
  }
  Shape batch =
      cantFail(broadcastShapes(llvm::ArrayRef(lhsShape).drop_back(2),
                               llvm::ArrayRef(rhsShape).drop_back(2)));
  int64_t rank = batch.size(), m = rank, n = rank + 1, k = rank + 2;
  // A batch dimension of size 1 repeats: it reads index 0.
  auto operandMap = [&](llvm::ArrayRef<int64_t> operandShape, int64_t row,
                        int64_t column) {
    SmallVector<AffineExpr> exprs;
    int64_t lead = rank - (int64_t(operandShape.size()) - 2);
    for (int64_t d = 0; d + 2 < int64_t(operandShape.size()); ++d)
      exprs.push_back(operandShape[d] == 1
                          ? builder.getAffineConstantExpr(0)
                          : builder.getAffineDimExpr(lead + d));
    exprs.push_back(builder.getAffineDimExpr(row));
    exprs.push_back(builder.getAffineDimExpr(column));
    return AffineMap::get(rank + 3, 0, exprs, &context);
  };
  SmallVector<AffineExpr> outExprs;
  for (int64_t d = 0; d < rank + 2; ++d)
    outExprs.push_back(builder.getAffineDimExpr(d));
  SmallVector<AffineMap> maps = {
      operandMap(lhsShape, m, k), operandMap(rhsShape, k, n),
      AffineMap::get(rank + 3, 0, outExprs, &context)};
  SmallVector<utils::IteratorType> iterators(rank + 2,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);

  Shape outShape = batch;
  outShape.push_back(lhsShape[lhsShape.size() - 2]);
  outShape.push_back(rhsShape.back());
  Value init = createConstant(ClearTensor::splat(outShape, 0), loc);
  auto generic = builder.create<linalg::GenericOp>(
      loc, TypeRange{getClearType(outShape)}, ValueRange{lhs, rhs},
      ValueRange{init}, maps, iterators, multiplyAccumulate);
  std::optional<Interval> range =
      sumOfProducts(ranges.getRange(lhs).getHull(),
                    ranges.getRange(rhs).getHull(), lhsShape.back(), {0, 0});
  if (!range)
    return rangeOverflow();
  setClearRange(generic.getResult(0), *range);
  return reshapeValue(generic.getResult(0), shape, loc);
}

llvm::Expected<Value> GraphImporter::emitClearSum(const GraphNode &node,
                                                  llvm::ArrayRef<int64_t> shape,
                                                  Location loc) {
  const ImportedValue &arg = getArg(node, 0);
  Value input = materialize(arg, loc);
  int64_t rank = arg.shape.size();
  Shape axes;
  if (node.axes)
    axes = cantFail(normalizeAxes(*node.axes, rank));
  else
    for (int64_t d = 0; d < rank; ++d)
      axes.push_back(d);
  // numpy sums over no axis, or a scalar, to the value itself.
  if (axes.empty())
    return input;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  Shape outShape;
  int64_t count = 1;
  for (int64_t d = 0; d < rank; ++d) {
    if (llvm::is_contained(axes, d)) {
      iterators.push_back(utils::IteratorType::reduction);
      count *= arg.shape[d];
      continue;
    }
    iterators.push_back(utils::IteratorType::parallel);
    outExprs.push_back(builder.getAffineDimExpr(d));
    outShape.push_back(arg.shape[d]);
  }
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, &context),
      AffineMap::get(rank, 0, outExprs, &context)};
  Value init = createConstant(ClearTensor::splat(outShape, 0), loc);
  auto generic = builder.create<linalg::GenericOp>(
      loc, TypeRange{getClearType(outShape)}, ValueRange{input},
      ValueRange{init}, maps, iterators,
      [](OpBuilder &b, Location bodyLoc, ValueRange args) {
        b.create<linalg::YieldOp>(
            bodyLoc, Value(b.create<arith::AddIOp>(bodyLoc, args[1], args[0])));
      });
  std::optional<Interval> range =
      sumOfProducts(ranges.getRange(input).getHull(), {1, 1}, count, {0, 0});
  if (!range)
    return rangeOverflow();
  setClearRange(generic.getResult(0), *range);
  return reshapeValue(generic.getResult(0), shape, loc);
}

llvm::Expected<Value> GraphImporter::padClear(Value value,
                                              llvm::ArrayRef<int64_t> pads,
                                              int64_t fill, Location loc) {
  if (llvm::all_of(pads, [](int64_t pad) { return pad == 0; }))
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  Shape padded(type.getShape());
  padded[2] += pads[0] + pads[2];
  padded[3] += pads[1] + pads[3];
  Value background = createConstant(ClearTensor::splat(padded, fill), loc);
  SmallVector<OpFoldResult> offsets = {
      builder.getIndexAttr(0), builder.getIndexAttr(0),
      builder.getIndexAttr(pads[0]), builder.getIndexAttr(pads[1])};
  SmallVector<OpFoldResult> sizes, strides(4, builder.getIndexAttr(1));
  for (int64_t size : type.getShape())
    sizes.push_back(builder.getIndexAttr(size));
  auto insert = builder.create<tensor::InsertSliceOp>(loc, value, background,
                                                      offsets, sizes, strides);
  if (llvm::Error error = visitClear(insert))
    return error;
  return insert.getResult();
}

llvm::Expected<Value>
GraphImporter::emitClearConv2d(const GraphNode &node,
                               llvm::ArrayRef<int64_t> shape, Location loc) {
  const ImportedValue &inputArg = getArg(node, 0), &weightArg = getArg(node, 1);
  Interval inputRange = ranges.getRange(materialize(inputArg, loc)).getHull();
  llvm::Expected<Value> input =
      padClear(materialize(inputArg, loc), node.window.pads, 0, loc);
  if (!input)
    return input;
  Value weight = materialize(weightArg, loc);
  int64_t perGroup = weightArg.shape[1];
  int64_t filtersPerGroup = weightArg.shape[0] / node.group;
  // Dimensions: n, f, oh, ow, c, kh, kw.
  AffineExpr n, f, oh, ow, c, kh, kw;
  bindDims(&context, n, f, oh, ow, c, kh, kw);
  const Window2d &window = node.window;
  SmallVector<AffineMap> maps = {
      AffineMap::get(7, 0,
                     {n, f.floorDiv(filtersPerGroup) * perGroup + c,
                      oh * window.strides[0] + kh * window.dilations[0],
                      ow * window.strides[1] + kw * window.dilations[1]},
                     &context),
      AffineMap::get(7, 0, {f, c, kh, kw}, &context),
      AffineMap::get(7, 0, {n, f, oh, ow}, &context)};
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  iterators.append(3, utils::IteratorType::reduction);

  // The sums start from the bias, or from 0.
  Interval biasRange{0, 0};
  Value init;
  if (node.args.size() < 3) {
    init = createConstant(ClearTensor::splat(shape, 0), loc);
  } else {
    Value bias = materialize(getArg(node, 2), loc);
    biasRange = ranges.getRange(bias).getHull();
    auto empty =
        builder.create<tensor::EmptyOp>(loc, shape, builder.getI64Type());
    if (llvm::Error error = visitClear(empty))
      return error;
    auto broadcast = builder.create<linalg::BroadcastOp>(
        loc, bias, empty, llvm::ArrayRef<int64_t>{0, 2, 3});
    if (llvm::Error error = visitClear(broadcast))
      return error;
    init = broadcast->getResult(0);
  }
  auto generic = builder.create<linalg::GenericOp>(
      loc, TypeRange{getClearType(shape)}, ValueRange{*input, weight},
      ValueRange{init}, maps, iterators, multiplyAccumulate);
  // Padding adds zeros to the values the input holds.
  bool padded = llvm::any_of(window.pads, [](int64_t pad) { return pad > 0; });
  if (padded)
    inputRange = hull(inputRange, Interval{0, 0});
  std::optional<Interval> range = sumOfProducts(
      inputRange, ranges.getRange(weight).getHull(),
      perGroup * weightArg.shape[2] * weightArg.shape[3], biasRange);
  if (!range)
    return rangeOverflow();
  setClearRange(generic.getResult(0), *range);
  return generic.getResult(0);
}

llvm::Expected<Value>
GraphImporter::emitClearMaxpool2d(const GraphNode &node,
                                  llvm::ArrayRef<int64_t> shape, Location loc) {
  Value input = materialize(getArg(node, 0), loc);
  Interval inputRange = ranges.getRange(input).getHull();
  // Padded cells hold the least int64, so that they never win: every window
  // holds a cell of the image.
  llvm::Expected<Value> padded =
      padClear(input, node.window.pads, INT64_MIN, loc);
  if (!padded)
    return padded;
  auto window =
      builder.create<tensor::EmptyOp>(loc, node.kernel, builder.getI64Type());
  if (llvm::Error error = visitClear(window))
    return error;
  AffineExpr n, c, oh, ow, kh, kw;
  bindDims(&context, n, c, oh, ow, kh, kw);
  SmallVector<AffineMap> maps = {
      AffineMap::get(6, 0,
                     {n, c, oh * node.window.strides[0] + kh,
                      ow * node.window.strides[1] + kw},
                     &context),
      AffineMap::get(6, 0, {kh, kw}, &context),
      AffineMap::get(6, 0, {n, c, oh, ow}, &context)};
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  iterators.append(2, utils::IteratorType::reduction);
  Value init = createConstant(ClearTensor::splat(shape, INT64_MIN), loc);
  auto generic = builder.create<linalg::GenericOp>(
      loc, TypeRange{getClearType(shape)}, ValueRange{*padded, window},
      ValueRange{init}, maps, iterators,
      [](OpBuilder &b, Location bodyLoc, ValueRange args) {
        b.create<linalg::YieldOp>(bodyLoc, Value(b.create<arith::MaxSIOp>(
                                               bodyLoc, args[2], args[0])));
      });
  setClearRange(generic.getResult(0), inputRange);
  return generic.getResult(0);
}

} // namespace shade::import

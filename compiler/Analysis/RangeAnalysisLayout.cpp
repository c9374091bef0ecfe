// Transfer functions of the ops that move elements without computing: the
// fhelinalg layout ops, the upstream tensor ops, and arith.constant.

#include "compiler/Analysis/RangeAnalysisTransfer.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace shade::analysis::detail {

/// The result of shape `shape` whose element at multi-index i is element
/// offsetOf(i, strides) of operand 0: per element when that one tracks its
/// elements and the result is small enough, else its hull.
static RangeInfo gather(const TransferContext &ctx, ArrayRef<int64_t> shape,
                        ArrayRef<int64_t> strides) {
  const RangeInfo &input = ctx.operand(0);
  if (!input.tracksElements() || !ctx.tracks(shape))
    return RangeInfo(shape, input.getHull());
  std::vector<Interval> elements;
  elements.reserve(numElements(shape));
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    elements.push_back(input.getElement(offsetOf(index, strides)));
  });
  return RangeInfo(shape, std::move(elements));
}

static TransferResult constant(const TransferContext &ctx,
                               arith::ConstantOp op) {
  auto asInt64 = [&](const APInt &value) -> std::optional<int64_t> {
    if (value.getBitWidth() > 64 && !value.isSignedIntN(64))
      return std::nullopt;
    return value.getSExtValue();
  };
  if (auto integer = dyn_cast<IntegerAttr>(op.getValue())) {
    std::optional<int64_t> value = isa<IndexType>(integer.getType())
                                       ? integer.getInt()
                                       : asInt64(integer.getValue());
    if (!value)
      return ctx.overflow();
    return RangeInfo({}, Interval::point(*value));
  }
  auto dense = dyn_cast<DenseIntElementsAttr>(op.getValue());
  if (!dense)
    return op.emitOpError()
           << "is not an integer constant, which the range analysis needs";
  ArrayRef<int64_t> shape = dense.getType().getShape();
  std::vector<Interval> elements;
  elements.reserve(dense.getNumElements());
  std::optional<Interval> hull;
  for (const APInt &value : dense.getValues<APInt>()) {
    std::optional<int64_t> element = isa<IndexType>(dense.getElementType())
                                         ? value.getSExtValue()
                                         : asInt64(value);
    if (!element)
      return ctx.overflow();
    Interval point = Interval::point(*element);
    hull = hull ? analysis::hull(*hull, point) : point;
    if (ctx.tracks(shape))
      elements.push_back(point);
  }
  if (!ctx.tracks(shape))
    return RangeInfo(shape, *hull);
  return RangeInfo(shape, std::move(elements));
}

/// numpy's transpose: result dimension d is input dimension axes[d] (all of
/// them in reverse order when `axes` is empty).
static TransferResult transpose(const TransferContext &ctx,
                                SmallVector<int64_t> axes) {
  const RangeInfo &input = ctx.operand(0);
  int64_t rank = input.getShape().size();
  if (axes.empty())
    for (int64_t dim = rank - 1; dim >= 0; --dim)
      axes.push_back(dim);
  SmallVector<int64_t> inputStrides = rowMajorStrides(input.getShape());
  SmallVector<int64_t> strides;
  for (int64_t axis : axes)
    strides.push_back(inputStrides[normalizeAxis(axis, rank)]);
  return gather(ctx, shapeOf(ctx.op->getResult(0)), strides);
}

/// linalg.broadcast: `dimensions` lists the result dimensions the input
/// lacks.
static TransferResult linalgBroadcast(const TransferContext &ctx,
                                      linalg::BroadcastOp op) {
  const RangeInfo &input = ctx.operand(0);
  SmallVector<int64_t> inputStrides = rowMajorStrides(input.getShape());
  ArrayRef<int64_t> shape = shapeOf(op->getResult(0));
  SmallVector<int64_t> strides;
  size_t inputDim = 0;
  for (int64_t dim = 0; dim < int64_t(shape.size()); ++dim)
    strides.push_back(llvm::is_contained(op.getDimensions(), dim)
                          ? 0
                          : inputStrides[inputDim++]);
  return gather(ctx, shape, strides);
}

/// The elements of `source` placed into `dest` (of shape `destShape`) at
/// `offsets` with `strides`, over the full-rank slice shape `sizes`.
static void placeSlice(std::vector<Interval> &dest, ArrayRef<int64_t> destShape,
                       const RangeInfo &source, ArrayRef<int64_t> sizes,
                       ArrayRef<int64_t> offsets, ArrayRef<int64_t> strides) {
  SmallVector<int64_t> destStrides = rowMajorStrides(destShape);
  int64_t flat = 0;
  forEachIndex(sizes, [&](ArrayRef<int64_t> index) {
    int64_t offset = 0;
    for (size_t dim = 0; dim < index.size(); ++dim)
      offset += (offsets[dim] + index[dim] * strides[dim]) * destStrides[dim];
    dest[offset] = source.getElement(flat++);
  });
}

/// The inputs joined along `axis`.
static TransferResult concat(const TransferContext &ctx, int64_t axis) {
  ArrayRef<int64_t> shape = shapeOf(ctx.op->getResult(0));
  Interval hull = ctx.operand(0).getHull();
  for (const RangeInfo *input : ctx.operands)
    hull = analysis::hull(hull, input->getHull());
  bool anyTracked = llvm::any_of(ctx.operands, [](const RangeInfo *input) {
    return input->tracksElements();
  });
  if (!anyTracked || !ctx.tracks(shape))
    return RangeInfo(shape, hull);
  axis = normalizeAxis(axis, shape.size());
  std::vector<Interval> elements(numElements(shape), hull);
  SmallVector<int64_t> offsets(shape.size(), 0), strides(shape.size(), 1);
  for (const RangeInfo *input : ctx.operands) {
    placeSlice(elements, shape, *input, input->getShape(), offsets, strides);
    offsets[axis] += input->getShape()[axis];
  }
  return RangeInfo(shape, std::move(elements));
}

/// The static offsets, sizes and strides of a slice op, if all are static.
static bool hasStaticSlice(OffsetSizeAndStrideOpInterface op) {
  return !ShapedType::isDynamicShape(op.getStaticOffsets()) &&
         !ShapedType::isDynamicShape(op.getStaticSizes()) &&
         !ShapedType::isDynamicShape(op.getStaticStrides());
}

static TransferResult extractSlice(const TransferContext &ctx,
                                   tensor::ExtractSliceOp op) {
  const RangeInfo &source = ctx.operand(0);
  if (!hasStaticSlice(op))
    return RangeInfo(shapeOf(op.getResult()), source.getHull());
  SmallVector<int64_t> sourceStrides = rowMajorStrides(source.getShape());
  ArrayRef<int64_t> offsets = op.getStaticOffsets();
  ArrayRef<int64_t> strides = op.getStaticStrides();
  SmallVector<int64_t> positions;
  ArrayRef<int64_t> shape = shapeOf(op.getResult());
  if (ctx.tracks(shape) && source.tracksElements())
    forEachIndex(op.getStaticSizes(), [&](ArrayRef<int64_t> index) {
      int64_t offset = 0;
      for (size_t dim = 0; dim < index.size(); ++dim)
        offset +=
            (offsets[dim] + index[dim] * strides[dim]) * sourceStrides[dim];
      positions.push_back(offset);
    });
  // The elements of the slice; the hull of the source is sound for all.
  if (positions.empty())
    return RangeInfo(shape, source.getHull());
  std::vector<Interval> elements;
  for (int64_t position : positions)
    elements.push_back(source.getElement(position));
  return RangeInfo(shape, std::move(elements));
}

static TransferResult insertSlice(const TransferContext &ctx,
                                  tensor::InsertSliceOp op) {
  const RangeInfo &source = ctx.operand(0), &dest = ctx.operand(1);
  ArrayRef<int64_t> shape = dest.getShape();
  Interval hull = analysis::hull(source.getHull(), dest.getHull());
  if (!hasStaticSlice(op) || !ctx.tracks(shape) ||
      !(source.tracksElements() || dest.tracksElements()))
    return RangeInfo(shape, hull);
  std::vector<Interval> elements;
  for (int64_t index = 0, count = numElements(shape); index < count; ++index)
    elements.push_back(dest.getElement(index));
  placeSlice(elements, shape, source, op.getStaticSizes(),
             op.getStaticOffsets(), op.getStaticStrides());
  return RangeInfo(shape, std::move(elements));
}

/// The row-major position of the element that `indices` (operands `first`
/// on) select in `tensor`, if they are all known exactly.
static std::optional<int64_t> knownPosition(const TransferContext &ctx,
                                            const RangeInfo &tensor,
                                            unsigned first) {
  SmallVector<int64_t> index;
  for (unsigned operand = first; operand < ctx.operands.size(); ++operand) {
    Interval position = ctx.operand(operand).getHull();
    if (position.lo != position.hi)
      return std::nullopt;
    index.push_back(position.lo);
  }
  return offsetOf(index, rowMajorStrides(tensor.getShape()));
}

static TransferResult extract(const TransferContext &ctx) {
  const RangeInfo &tensor = ctx.operand(0);
  std::optional<int64_t> position = knownPosition(ctx, tensor, 1);
  return RangeInfo({},
                   position ? tensor.getElement(*position) : tensor.getHull());
}

static TransferResult insert(const TransferContext &ctx) {
  const RangeInfo &scalar = ctx.operand(0), &dest = ctx.operand(1);
  ArrayRef<int64_t> shape = dest.getShape();
  std::optional<int64_t> position = knownPosition(ctx, dest, 2);
  Interval hull = analysis::hull(scalar.getHull(), dest.getHull());
  if (!position || !ctx.tracks(shape))
    return RangeInfo(shape, hull);
  std::vector<Interval> elements;
  for (int64_t index = 0, count = numElements(shape); index < count; ++index)
    elements.push_back(index == *position ? scalar.getHull()
                                          : dest.getElement(index));
  return RangeInfo(shape, std::move(elements));
}

static TransferResult fromElements(const TransferContext &ctx) {
  ArrayRef<int64_t> shape = shapeOf(ctx.op->getResult(0));
  if (!ctx.tracks(shape)) {
    Interval hull = ctx.operand(0).getHull();
    for (const RangeInfo *element : ctx.operands)
      hull = analysis::hull(hull, element->getHull());
    return RangeInfo(shape, hull);
  }
  std::vector<Interval> elements;
  for (const RangeInfo *element : ctx.operands)
    elements.push_back(element->getHull());
  return RangeInfo(shape, std::move(elements));
}

/// An empty tensor's elements are undefined: any value of the type. It
/// cannot be encrypted, since nothing would encrypt it.
static TransferResult empty(const TransferContext &ctx, tensor::EmptyOp op) {
  if (isEncrypted(op.getType()))
    return op.emitOpError()
           << "creates an encrypted tensor of undefined elements; use "
              "fhelinalg.zero";
  std::optional<Interval> range = typeRange(op.getType());
  if (!range)
    return op.emitOpError() << "has no integer elements";
  return RangeInfo(op.getType().getShape(), *range);
}

std::optional<TransferResult> inferLayout(const TransferContext &ctx) {
  auto sameElements = [&]() -> TransferResult {
    return ctx.operand(0).reshaped(shapeOf(ctx.op->getResult(0)));
  };
  return llvm::TypeSwitch<Operation *, std::optional<TransferResult>>(ctx.op)
      .Case<arith::ConstantOp>([&](auto op) { return constant(ctx, op); })
      .Case<fhelinalg::TransposeOp>(
          [&](auto op) { return transpose(ctx, integersOf(op.getAxes())); })
      .Case<linalg::TransposeOp>([&](auto op) {
        return transpose(ctx, llvm::to_vector(op.getPermutation()));
      })
      .Case<linalg::BroadcastOp>(
          [&](auto op) { return linalgBroadcast(ctx, op); })
      .Case<fhelinalg::ConcatOp>(
          [&](auto op) { return concat(ctx, op.getAxis()); })
      .Case<tensor::ConcatOp>([&](auto op) { return concat(ctx, op.getDim()); })
      .Case<fhelinalg::BroadcastOp, tensor::SplatOp>([&](auto op) {
        return mapElementwise(
            ctx, shapeOf(op.getResult()), {&ctx.operand(0)},
            [](ArrayRef<Interval> x) { return std::optional<Interval>(x[0]); });
      })
      .Case<tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::ReshapeOp,
            tensor::CastOp>([&](auto) { return sameElements(); })
      .Case<tensor::ExtractSliceOp>(
          [&](auto op) { return extractSlice(ctx, op); })
      .Case<tensor::InsertSliceOp>(
          [&](auto op) { return insertSlice(ctx, op); })
      .Case<tensor::ExtractOp>([&](auto) { return extract(ctx); })
      .Case<tensor::InsertOp>([&](auto) { return insert(ctx); })
      .Case<tensor::FromElementsOp>([&](auto) { return fromElements(ctx); })
      .Case<tensor::EmptyOp>([&](auto op) { return empty(ctx, op); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace shade::analysis::detail

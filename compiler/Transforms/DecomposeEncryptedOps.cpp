// --shade-decompose-encrypted-ops: products of encrypted values, maxima and
// roundings become levelled ops and lookup tables built for the final widths.
// See docs/analyses.md, "Decomposition".

#include "compiler/Analysis/Decomposition.h"
#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/FHELinalg/IR/FHELinalgShapes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"

namespace shade {
#define GEN_PASS_DEF_DECOMPOSEENCRYPTEDOPS
#include "compiler/Transforms/Passes.h.inc"
} // namespace shade

using namespace mlir;
using namespace shade::analysis;

namespace shade {
namespace {

/// The integers of an array attribute of integers.
SmallVector<int64_t> integersOf(ArrayAttr array) {
  return llvm::to_vector(
      llvm::map_range(array.getAsValueRange<IntegerAttr>(),
                      [](const APInt &value) { return value.getSExtValue(); }));
}

/// A tensor type of this shape and element type.
RankedTensorType tensorOf(ArrayRef<int64_t> shape, Type element) {
  return RankedTensorType::get(shape, element);
}

/// Builds the replacement of one op, right before it, annotating every value
/// it creates with its range.
class Decomposer {
public:
  explicit Decomposer(Operation *op) : builder(op), loc(op->getLoc()), op(op) {}

  /// `value` with `range` recorded on its producer.
  Value ranged(Value value, Interval range) {
    value.getDefiningOp()->setAttr(kRangeAttrName,
                                   makeRangeAttr(builder.getContext(), range));
    return value;
  }

  /// `value`, whose recorded range is exact although the intervals of its
  /// operands do not show it (b + relu(a - b) is at least max(a, b)'s lower
  /// bound; floor((a+b)^2/4) - floor((a-b)^2/4) is a product), with that
  /// range recorded as proven for the range analysis to run again on.
  Value proven(Value value) {
    Operation *producer = value.getDefiningOp();
    producer->setAttr(kProvenRangeAttrName, producer->getAttr(kRangeAttrName));
    return value;
  }

  /// A table of 2^w entries for inputs of encrypted element type
  /// `inputType`: `entry(v)` for the reachable values v, 0 elsewhere.
  FailureOr<Value> table(Type inputType, Interval reachable,
                         function_ref<std::optional<int64_t>(int64_t)> entry) {
    if (failed(checkHolds(inputType, reachable, "table inputs")))
      return failure();
    std::optional<SmallVector<int64_t>> entries =
        buildLookupTable(inputType, reachable, entry);
    if (!entries)
      return op->emitOpError() << "has a table entry that overflows 64-bit "
                                  "integers";
    return createTableConstant(builder, loc, *entries);
  }

  /// The table x -> floor(x^2/4) for `input` (of range `reachable`).
  FailureOr<Value> quarterSquareTable(Value input, Interval reachable) {
    return table(getElementTypeOrSelf(input), reachable,
                 [](int64_t x) { return quarterSquare(x); });
  }

  FailureOr<Value> lookup(Value input, Value table, Type resultType,
                          Interval range) {
    if (failed(checkHolds(getElementTypeOrSelf(resultType), range,
                          "table results")))
      return failure();
    if (isa<ShapedType>(input.getType()))
      return ranged(builder.create<fhelinalg::ApplyLookupTableOp>(
                        loc, resultType, input, table),
                    range);
    return ranged(
        builder.create<fhe::ApplyLookupTableOp>(loc, resultType, input, table),
        range);
  }

  /// Elementwise encrypted sum or difference, broadcast to `resultType`.
  Value add(Value a, Value b, Type resultType, Interval range) {
    if (isa<ShapedType>(resultType))
      return ranged(builder.create<fhelinalg::AddEintOp>(loc, resultType, a, b),
                    range);
    return ranged(builder.create<fhe::AddEintOp>(loc, a, b), range);
  }
  Value sub(Value a, Value b, Type resultType, Interval range) {
    if (isa<ShapedType>(resultType))
      return ranged(builder.create<fhelinalg::SubEintOp>(loc, resultType, a, b),
                    range);
    return ranged(builder.create<fhe::SubEintOp>(loc, a, b), range);
  }

  /// The products a * b, broadcast to `shape` (ignored for scalars), as
  /// floor((a+b)^2/4) - floor((a-b)^2/4) with results of element type
  /// `resultElement`.
  FailureOr<Value> products(Value a, Value b, ArrayRef<int64_t> shape,
                            Type resultElement) {
    Interval aRange = *getRecordedRange(a), bRange = *getRecordedRange(b);
    std::optional<DecompositionHeadroom> headroom =
        productHeadroom(aRange, bRange);
    if (!headroom)
      return op->emitOpError() << "range overflows 64-bit integers";
    Interval sumRange = headroom->operandClass[0];
    Interval differenceRange = headroom->operandClass[1];
    bool isTensor = isa<ShapedType>(a.getType());
    Type operandElement = getElementTypeOrSelf(a);
    Type gridType =
        isTensor ? Type(tensorOf(shape, operandElement)) : operandElement;
    Type resultType =
        isTensor ? Type(tensorOf(shape, resultElement)) : resultElement;
    Value sum = add(a, b, gridType, sumRange);
    Value difference = sub(a, b, gridType, differenceRange);
    FailureOr<Value> squares =
        quarterSquareTable(sum, hull(sumRange, differenceRange));
    if (failed(squares))
      return failure();
    FailureOr<Value> sumSquares =
        lookup(sum, *squares, resultType, headroom->resultClass[0]);
    if (failed(sumSquares))
      return failure();
    FailureOr<Value> differenceSquares =
        lookup(difference, *squares, resultType, headroom->resultClass[1]);
    if (failed(differenceSquares))
      return failure();
    return proven(sub(*sumSquares, *differenceSquares, resultType,
                      headroom->resultClass[2]));
  }

  /// max(a, b) = b + relu(a - b), broadcast to `type`.
  FailureOr<Value> maximum(Value a, Value b, Type type, Interval aRange,
                           Interval bRange, Interval resultRange) {
    std::optional<Interval> differenceRange = analysis::sub(aRange, bRange);
    if (!differenceRange)
      return op->emitOpError() << "range overflows 64-bit integers";
    Value difference = sub(a, b, type, *differenceRange);
    FailureOr<Value> relus =
        table(getElementTypeOrSelf(type), *differenceRange,
              [](int64_t x) { return std::optional<int64_t>(x > 0 ? x : 0); });
    if (failed(relus))
      return failure();
    FailureOr<Value> positive =
        lookup(difference, *relus, type, relu(*differenceRange));
    if (failed(positive))
      return failure();
    return proven(add(b, *positive, type, resultRange));
  }

  /// Inserts unit dimensions: `source` reshaped to `shape` with
  /// `reassociation`.
  Value expand(Value source, ArrayRef<int64_t> shape,
               ArrayRef<ReassociationIndices> reassociation) {
    auto type = tensorOf(shape, getElementTypeOrSelf(source));
    return ranged(
        builder.create<tensor::ExpandShapeOp>(loc, type, source, reassociation),
        *getRecordedRange(source));
  }

  Value sum(Value input, ArrayRef<int64_t> axes, Type resultType,
            Interval range) {
    return ranged(builder.create<fhelinalg::SumOp>(
                      loc, resultType, input, builder.getI64ArrayAttr(axes),
                      builder.getBoolAttr(false)),
                  range);
  }

  /// Fails with an error naming the decomposed op when `type` cannot hold
  /// the `range` of the values that `what` describes.
  LogicalResult checkHolds(Type type, Interval range, StringRef what) {
    Interval holds = *typeRange(type);
    if (holds.contains(range))
      return success();
    return op->emitOpError()
           << "decomposes into " << what << " in " << range.str()
           << ", which its type " << type << " " << holds.str()
           << " cannot hold; run --shade-assign-bit-widths first";
  }

  OpBuilder builder;
  Location loc;
  Operation *op;
};

/// The range of `op`'s result.
Interval resultRange(Operation *op) {
  return *getRecordedRange(op->getResult(0));
}

LogicalResult replace(Operation *op, FailureOr<Value> replacement) {
  if (failed(replacement))
    return failure();
  op->getResult(0).replaceAllUsesWith(*replacement);
  op->erase();
  return success();
}

LogicalResult decomposeMul(Operation *op) {
  Decomposer d(op);
  Value a = op->getOperand(0), b = op->getOperand(1);
  Type resultType = op->getResult(0).getType();
  ArrayRef<int64_t> shape;
  if (auto tensor = dyn_cast<RankedTensorType>(resultType))
    shape = tensor.getShape();
  FailureOr<Value> product =
      d.products(a, b, shape, getElementTypeOrSelf(resultType));
  if (succeeded(product))
    d.ranged(*product, resultRange(op));
  return replace(op, product);
}

LogicalResult decomposeMax(Operation *op) {
  Decomposer d(op);
  Value a = op->getOperand(0), b = op->getOperand(1);
  return replace(op, d.maximum(a, b, op->getResult(0).getType(),
                               *getRecordedRange(a), *getRecordedRange(b),
                               resultRange(op)));
}

/// floor(x / 2^d + 1/2), d the input width minus the result width unless
/// `roundingShift` says otherwise: one table on x when a table can read x's
/// class; otherwise x + 2^(d-1) with its low d bits cleared
/// (fhelinalg.clear_low_bits, whose chunks --shade-decompose-rounding
/// chooses), rescaled to the result's encoding. A scalar goes through a
/// tensor of one element.
LogicalResult decomposeRound(Operation *op,
                             std::optional<unsigned> roundingShift) {
  Decomposer d(op);
  Value input = op->getOperand(0);
  auto inputType = cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(input));
  auto resultType =
      cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(op->getResult(0)));
  unsigned shift =
      roundingShift.value_or(inputType.getWidth() - resultType.getWidth());
  Interval inputRange = *getRecordedRange(input);
  if (inputType.getWidth() <= optimizer::maxMessageWidth()) {
    FailureOr<Value> table = d.table(inputType, inputRange, [&](int64_t x) {
      return std::optional<int64_t>(roundShift(Interval::point(x), shift).lo);
    });
    if (failed(table))
      return failure();
    return replace(op, d.lookup(input, *table, op->getResult(0).getType(),
                                resultRange(op)));
  }

  bool isScalar = !isa<ShapedType>(input.getType());
  Value tensor = input;
  if (isScalar)
    tensor = d.ranged(d.builder.create<tensor::FromElementsOp>(
                          d.loc, tensorOf({}, inputType), input),
                      inputRange);
  auto tensorType = cast<RankedTensorType>(tensor.getType());
  int64_t half = int64_t(1) << (shift - 1);
  std::optional<Interval> offsetRange = add(inputRange, Interval::point(half));
  if (!offsetRange ||
      failed(d.checkHolds(inputType, *offsetRange, "rounding offsets")))
    return failure();
  Value halfConstant = d.ranged(
      d.builder.create<arith::ConstantOp>(
          d.loc, DenseIntElementsAttr::get(tensorOf({}, d.builder.getI64Type()),
                                           ArrayRef{half})),
      Interval::point(half));
  Value offset = d.ranged(d.builder.create<fhelinalg::AddEintIntOp>(
                              d.loc, tensorType, tensor, halfConstant),
                          *offsetRange);
  Value cleared =
      d.ranged(d.builder.create<fhelinalg::ClearLowBitsOp>(
                   d.loc, offset, shift, /*chunks=*/nullptr),
               {(offsetRange->lo >> shift) << shift, (offsetRange->hi >> shift)
                                                         << shift});
  Value rounded = d.ranged(d.builder.create<fhelinalg::RescaleOp>(
                               d.loc, tensorType.clone(resultType), cleared,
                               shift, /*offset=*/0,
                               /*approximate=*/false),
                           resultRange(op));
  if (isScalar)
    rounded = d.ranged(
        d.builder.create<tensor::ExtractOp>(d.loc, rounded, ValueRange()),
        resultRange(op));
  return replace(op, rounded);
}

/// The sum over k of a[k] * b[k].
LogicalResult decomposeDot(fhelinalg::DotEintEintOp op) {
  Decomposer d(op);
  ArrayRef<int64_t> shape = op.getLhs().getType().getShape();
  Type resultType = op.getResult().getType();
  FailureOr<Value> products =
      d.products(op.getLhs(), op.getRhs(), shape, resultType);
  if (failed(products))
    return failure();
  return replace(op, d.sum(*products, {}, resultType, resultRange(op)));
}

/// [..., M, K] x [..., K, N]: the operands become [..., M, K, 1] and
/// [..., 1, K, N], their products fill the grid [..., M, K, N], which is
/// summed over K. A 1-D lhs [K] becomes [K, 1]; a 1-D rhs [K] stays, its
/// grid being [..., M, K].
LogicalResult decomposeMatmul(fhelinalg::MatmulEintEintOp op) {
  Decomposer d(op);
  Value lhs = op.getLhs(), rhs = op.getRhs();
  ArrayRef<int64_t> lhsShape = op.getLhs().getType().getShape();
  ArrayRef<int64_t> rhsShape = op.getRhs().getType().getShape();
  auto unitGroups = [](int64_t rank, int64_t unitAt) {
    // Reassociation inserting a unit dimension at `unitAt` of a result of
    // rank `rank + 1`.
    SmallVector<ReassociationIndices> groups;
    for (int64_t dim = 0, out = 0; dim < rank; ++dim) {
      ReassociationIndices group;
      if (out == unitAt)
        group.push_back(out++);
      group.push_back(out++);
      if (dim == rank - 1 && out == unitAt)
        group.push_back(out++);
      groups.push_back(group);
    }
    return groups;
  };
  int64_t lhsRank = lhsShape.size(), rhsRank = rhsShape.size();
  if (rhsRank >= 2) {
    SmallVector<int64_t> lhsExpanded(lhsShape);
    lhsExpanded.push_back(1);
    lhs = d.expand(lhs, lhsExpanded, unitGroups(lhsRank, lhsRank));
    if (lhsRank >= 2) {
      SmallVector<int64_t> rhsExpanded(rhsShape);
      rhsExpanded.insert(rhsExpanded.end() - 2, 1);
      rhs = d.expand(rhs, rhsExpanded, unitGroups(rhsRank, rhsRank - 2));
    }
  }
  ArrayRef<int64_t> lhsGrid = cast<RankedTensorType>(lhs.getType()).getShape();
  ArrayRef<int64_t> rhsGrid = cast<RankedTensorType>(rhs.getType()).getShape();
  FailureOr<SmallVector<int64_t>> grid = fhelinalg::broadcastShapes(
      "lhs", lhsGrid, "rhs", rhsGrid, [&] { return op.emitOpError(); });
  if (failed(grid))
    return failure();
  Type resultElement = getElementTypeOrSelf(op.getResult());
  FailureOr<Value> products = d.products(lhs, rhs, *grid, resultElement);
  if (failed(products))
    return failure();
  int64_t contracted =
      rhsRank >= 2 ? int64_t(grid->size()) - 2 : int64_t(grid->size()) - 1;
  return replace(op, d.sum(*products, {contracted}, op.getResult().getType(),
                           resultRange(op)));
}

/// The geometry of a 2-D sliding window over N x C x H x W images.
struct Window {
  SmallVector<int64_t> strides, pads, dilations;

  bool hasPadding() const {
    return llvm::any_of(pads, [](int64_t pad) { return pad != 0; });
  }
};

/// `input` surrounded by the padding, every padded cell holding `fill`
/// (an encryption of zero plus `fill`).
Value pad(Decomposer &d, Value input, const Window &window, int64_t fill,
          Interval range) {
  auto type = cast<RankedTensorType>(input.getType());
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<int64_t> padded = {shape[0], shape[1],
                                 shape[2] + window.pads[0] + window.pads[2],
                                 shape[3] + window.pads[1] + window.pads[3]};
  auto paddedType = tensorOf(padded, type.getElementType());
  Value filled =
      d.ranged(d.builder.create<fhelinalg::ZeroOp>(d.loc, paddedType),
               Interval::point(0));
  if (fill != 0) {
    Value constant =
        d.ranged(d.builder.create<arith::ConstantOp>(
                     d.loc, DenseIntElementsAttr::get(
                                tensorOf({1}, d.builder.getI64Type()), {fill})),
                 Interval::point(fill));
    filled = d.ranged(d.builder.create<fhelinalg::AddEintIntOp>(
                          d.loc, paddedType, filled, constant),
                      Interval::point(fill));
  }
  SmallVector<int64_t> offsets = {0, 0, window.pads[0], window.pads[1]};
  SmallVector<int64_t> strides(4, 1);
  return d.ranged(d.builder.create<tensor::InsertSliceOp>(
                      d.loc, input, filled, ValueRange(), ValueRange(),
                      ValueRange(), offsets, shape, strides),
                  range);
}

/// The cells that kernel position (ki, kj) sees for every output position:
/// a strided slice of the padded images, of `sizes`.
Value windowSlice(Decomposer &d, Value padded, const Window &window,
                  int64_t firstChannel, int64_t ki, int64_t kj,
                  ArrayRef<int64_t> sizes) {
  SmallVector<int64_t> offsets = {0, firstChannel, ki * window.dilations[0],
                                  kj * window.dilations[1]};
  SmallVector<int64_t> strides = {1, 1, window.strides[0], window.strides[1]};
  auto type = tensorOf(sizes, getElementTypeOrSelf(padded.getType()));
  return d.ranged(d.builder.create<tensor::ExtractSliceOp>(
                      d.loc, type, padded, ValueRange(), ValueRange(),
                      ValueRange(), offsets, sizes, strides),
                  *getRecordedRange(padded));
}

/// The maximum of each window: a chain b + relu(a - b) over the kernel
/// positions, the padding filled with the input's least value so that it
/// never wins.
LogicalResult decomposeMaxpool(fhelinalg::Maxpool2dOp op) {
  Decomposer d(op);
  Value input = op.getInput();
  Interval range = *getRecordedRange(input);
  Window window{integersOf(op.getStrides()), integersOf(op.getPads()),
                integersOf(op.getDilations())};
  SmallVector<int64_t> kernel = integersOf(op.getKernelShape());
  Value padded =
      window.hasPadding() ? pad(d, input, window, range.lo, range) : input;
  ArrayRef<int64_t> outShape = op.getResult().getType().getShape();
  Type type = op.getResult().getType();
  Value maximum;
  for (int64_t ki = 0; ki < kernel[0]; ++ki) {
    for (int64_t kj = 0; kj < kernel[1]; ++kj) {
      Value cells = windowSlice(d, padded, window, 0, ki, kj, outShape);
      if (!maximum) {
        maximum = cells;
        continue;
      }
      FailureOr<Value> next =
          d.maximum(cells, maximum, type, range, range, range);
      if (failed(next))
        return failure();
      maximum = *next;
    }
  }
  d.ranged(maximum, resultRange(op));
  return replace(op, maximum);
}

/// `parts` joined along the channel axis (one part stays as it is).
Value concatChannels(Decomposer &d, ArrayRef<Value> parts, Type type,
                     Interval range) {
  if (parts.size() == 1)
    return parts[0];
  return d.ranged(d.builder.create<fhelinalg::ConcatOp>(
                      d.loc, type, parts, d.builder.getI64IntegerAttr(1)),
                  range);
}

/// A convolution by an encrypted weight: per group, the cells every kernel
/// position sees are joined into a [N, 1, KH*KW*cpg, OH, OW] grid, the
/// weight reordered to [fpg, KH*KW*cpg, 1, 1], and their products summed over
/// the joined axis; the groups are concatenated and the bias added.
LogicalResult decomposeConv2d(fhelinalg::Conv2dOp op) {
  Decomposer d(op);
  Value input = op.getInput(), weight = op.getWeight();
  auto inputType = cast<RankedTensorType>(input.getType());
  ArrayRef<int64_t> w = cast<RankedTensorType>(weight.getType()).getShape();
  ArrayRef<int64_t> out = op.getResult().getType().getShape();
  Type element = inputType.getElementType();
  Type resultElement = op.getResult().getType().getElementType();
  Window window{integersOf(op.getStrides()), integersOf(op.getPads()),
                integersOf(op.getDilations())};
  int64_t groups = op.getGroup(), channels = w[1], filters = out[1] / groups;
  int64_t terms = w[2] * w[3] * channels;

  Interval inputRange = *getRecordedRange(input);
  Value padded = input;
  if (window.hasPadding()) {
    inputRange = hull(inputRange, Interval::point(0));
    padded = pad(d, input, window, 0, inputRange);
  }
  Interval weightRange = *getRecordedRange(weight);
  Value reordered =
      d.ranged(d.builder.create<fhelinalg::TransposeOp>(
                   d.loc, tensorOf({w[0], w[2], w[3], w[1]}, element), weight,
                   d.builder.getI64ArrayAttr({0, 2, 3, 1})),
               weightRange);
  reordered = d.ranged(d.builder.create<tensor::CollapseShapeOp>(
                           d.loc, tensorOf({w[0], terms}, element), reordered,
                           ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}}),
                       weightRange);
  reordered = d.expand(reordered, {w[0], terms, 1, 1}, {{0}, {1, 2, 3}});

  Interval sumRange = resultRange(op);
  Value bias = op.getBias();
  if (bias) {
    std::optional<Interval> withoutBias =
        analysis::sub(sumRange, *getRecordedRange(bias));
    if (!withoutBias)
      return op.emitOpError() << "range overflows 64-bit integers";
    sumRange = *withoutBias;
  }
  SmallVector<Value> groupSums;
  for (int64_t group = 0; group < groups; ++group) {
    SmallVector<Value> pieces;
    for (int64_t ki = 0; ki < w[2]; ++ki)
      for (int64_t kj = 0; kj < w[3]; ++kj)
        pieces.push_back(windowSlice(d, padded, window, group * channels, ki,
                                     kj, {out[0], channels, out[2], out[3]}));
    Value cells = concatChannels(
        d, pieces, tensorOf({out[0], terms, out[2], out[3]}, element),
        inputRange);
    cells = d.expand(cells, {out[0], 1, terms, out[2], out[3]},
                     {{0}, {1, 2}, {3}, {4}});
    Value groupWeight = reordered;
    if (groups > 1)
      groupWeight =
          d.ranged(d.builder.create<tensor::ExtractSliceOp>(
                       d.loc, tensorOf({filters, terms, 1, 1}, element),
                       reordered, ValueRange(), ValueRange(), ValueRange(),
                       ArrayRef<int64_t>{group * filters, 0, 0, 0},
                       ArrayRef<int64_t>{filters, terms, 1, 1},
                       ArrayRef<int64_t>{1, 1, 1, 1}),
                   weightRange);
    FailureOr<Value> products =
        d.products(cells, groupWeight, {out[0], filters, terms, out[2], out[3]},
                   resultElement);
    if (failed(products))
      return failure();
    groupSums.push_back(d.sum(
        *products, {2},
        tensorOf({out[0], filters, out[2], out[3]}, resultElement), sumRange));
  }
  Value result =
      concatChannels(d, groupSums, op.getResult().getType(), sumRange);
  if (bias) {
    Value column = d.expand(bias, {out[1], 1, 1}, {{0, 1, 2}});
    Type type = op.getResult().getType();
    result =
        isEncrypted(bias.getType())
            ? d.builder
                  .create<fhelinalg::AddEintOp>(d.loc, type, result, column)
                  .getResult()
            : d.builder
                  .create<fhelinalg::AddEintIntOp>(d.loc, type, result, column)
                  .getResult();
    d.ranged(result, resultRange(op));
  }
  return replace(op, result);
}

} // namespace

LogicalResult decomposeEncryptedOp(Operation *op,
                                   std::optional<unsigned> roundingShift) {
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case<fhe::MulEintOp, fhelinalg::MulEintOp>(
          [](Operation *op) { return decomposeMul(op); })
      .Case<fhe::MaxEintOp, fhelinalg::MaxEintOp>(
          [](Operation *op) { return decomposeMax(op); })
      .Case<fhe::RoundOp, fhelinalg::RoundOp>(
          [&](Operation *op) { return decomposeRound(op, roundingShift); })
      .Case<fhelinalg::DotEintEintOp>([](auto op) { return decomposeDot(op); })
      .Case<fhelinalg::MatmulEintEintOp>(
          [](auto op) { return decomposeMatmul(op); })
      .Case<fhelinalg::Maxpool2dOp>(
          [](auto op) { return decomposeMaxpool(op); })
      .Case<fhelinalg::Conv2dOp>([](auto op) {
        return isEncrypted(op.getWeight().getType()) ? decomposeConv2d(op)
                                                     : success();
      })
      .Default([](Operation *) { return success(); });
}

namespace {

struct DecomposeEncryptedOpsPass
    : impl::DecomposeEncryptedOpsBase<DecomposeEncryptedOpsPass> {
  using DecomposeEncryptedOpsBase::DecomposeEncryptedOpsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    SmallVector<Operation *> candidates;
    func.walk([&](Operation *op) {
      if (isa<fhe::MulEintOp, fhelinalg::MulEintOp, fhe::MaxEintOp,
              fhelinalg::MaxEintOp, fhe::RoundOp, fhelinalg::RoundOp,
              fhelinalg::DotEintEintOp, fhelinalg::MatmulEintEintOp,
              fhelinalg::Maxpool2dOp, fhelinalg::Conv2dOp>(op))
        candidates.push_back(op);
    });
    // Every range the decomposition reads must be recorded before anything
    // changes.
    auto isRecorded = [](Value value) {
      return !hasIntegerElements(value.getType()) ||
             succeeded(getRecordedRange(value));
    };
    for (Operation *op : candidates)
      if (!llvm::all_of(op->getOperands(), isRecorded) ||
          !llvm::all_of(op->getResults(), isRecorded))
        return signalPassFailure();
    for (Operation *op : candidates)
      if (failed(decomposeEncryptedOp(op)))
        return signalPassFailure();
  }
};

} // namespace
} // namespace shade

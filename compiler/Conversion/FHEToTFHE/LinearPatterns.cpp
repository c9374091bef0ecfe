// The linear fhelinalg ops (dot, matmul, sum, conv2d with clear weights): one
// linalg.generic each on tensors of ciphertexts, accumulating
// `tfhe.mul_int` products with `tfhe.add` into an accumulator that starts
// as `tfhe.zero` (or the bias).

#include "compiler/Conversion/FHEToTFHE/Patterns.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/FHELinalg/IR/FHELinalgShapes.h"
#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace shade::fhe_to_tfhe {
namespace {

/// The loops, iterators and maps of one contraction `out += enc * clear`.
struct Contraction {
  unsigned numLoops = 0;
  SmallVector<utils::IteratorType> iterators;
  AffineMap encryptedMap;
  AffineMap clearMap;
  AffineMap resultMap;
};

/// `linalg.generic` accumulating `encrypted * clear` into `init` as
/// `contraction` says.
Value buildContraction(OpBuilder &builder, Location loc, Value encrypted,
                       Value clear, Value init,
                       const Contraction &contraction) {
  auto generic = builder.create<linalg::GenericOp>(
      loc, init.getType(), ValueRange{encrypted, clear}, init,
      ArrayRef<AffineMap>{contraction.encryptedMap, contraction.clearMap,
                          contraction.resultMap},
      contraction.iterators,
      [](OpBuilder &nested, Location nestedLoc, ValueRange arguments) {
        Value sum = buildMultiplyAccumulate(nested, nestedLoc, arguments[0],
                                            arguments[1], arguments[2]);
        nested.create<linalg::YieldOp>(nestedLoc, sum);
      });
  return generic.getResult(0);
}

/// The accumulator of a contraction producing `resultType`: a tensor of
/// `tfhe.zero`, 0-d for a scalar result.
Value buildZeroAccumulator(OpBuilder &builder, Location loc, Type resultType) {
  auto tensorType = dyn_cast<RankedTensorType>(resultType);
  if (!tensorType)
    tensorType = RankedTensorType::get({}, resultType);
  return builder.create<tfhe::ZeroOp>(loc, tensorType);
}

/// The element of a 0-d accumulator when the op's result is a scalar.
Value extractIfScalar(OpBuilder &builder, Location loc, Value accumulated,
                      Type resultType) {
  if (isa<RankedTensorType>(resultType))
    return accumulated;
  return builder.create<tensor::ExtractOp>(loc, accumulated, ValueRange{});
}

struct DotEintIntPattern : OpConversionPattern<fhelinalg::DotEintIntOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::DotEintIntOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    Type resultType = getTypeConverter()->convertType(op.getType());
    Contraction contraction;
    contraction.numLoops = 1;
    contraction.iterators = {utils::IteratorType::reduction};
    contraction.encryptedMap = AffineMap::getMultiDimIdentityMap(1, context);
    contraction.clearMap = contraction.encryptedMap;
    contraction.resultMap = AffineMap::get(1, 0, {}, context);
    Value init = buildZeroAccumulator(rewriter, loc, resultType);
    Value sum = buildContraction(rewriter, loc, adaptor.getLhs(),
                                 adaptor.getRhs(), init, contraction);
    rewriter.replaceOp(op, extractIfScalar(rewriter, loc, sum, resultType));
    return success();
  }
};

/// The maps of numpy's matmul of shapes `lhs` and `rhs` into `result`. Loops:
/// the result's batch dimensions, then m (if lhs is not 1-D), n (if rhs is
/// not 1-D), then k.
struct MatmulMaps {
  unsigned numLoops;
  AffineMap lhs;
  AffineMap rhs;
  AffineMap result;
};

MatmulMaps getMatmulMaps(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs,
                         ArrayRef<int64_t> result, MLIRContext *context) {
  bool hasM = lhs.size() >= 2;
  bool hasN = rhs.size() >= 2;
  unsigned batchRank = result.size() - unsigned(hasM) - unsigned(hasN);
  unsigned numLoops = batchRank + unsigned(hasM) + unsigned(hasN) + 1;
  AffineExpr m = getAffineDimExpr(batchRank, context);
  AffineExpr n = getAffineDimExpr(batchRank + unsigned(hasM), context);
  AffineExpr k = getAffineDimExpr(numLoops - 1, context);

  // The batch dimensions of an operand, aligned on the result's last batch
  // dimension; a size-1 dimension broadcasts.
  auto batchExprs = [&](ArrayRef<int64_t> shape) {
    SmallVector<AffineExpr> exprs;
    unsigned operandBatch = shape.size() - 2;
    for (unsigned i = 0; i < operandBatch; ++i) {
      unsigned resultDim = batchRank - operandBatch + i;
      if (shape[i] == 1 && result[resultDim] != 1)
        exprs.push_back(getAffineConstantExpr(0, context));
      else
        exprs.push_back(getAffineDimExpr(resultDim, context));
    }
    return exprs;
  };
  SmallVector<AffineExpr> lhsExprs, rhsExprs, resultExprs;
  if (hasM) {
    lhsExprs = batchExprs(lhs);
    lhsExprs.append({m, k});
  } else {
    lhsExprs = {k};
  }
  if (hasN) {
    rhsExprs = batchExprs(rhs);
    rhsExprs.append({k, n});
  } else {
    rhsExprs = {k};
  }
  for (unsigned i = 0; i < batchRank; ++i)
    resultExprs.push_back(getAffineDimExpr(i, context));
  if (hasM)
    resultExprs.push_back(m);
  if (hasN)
    resultExprs.push_back(n);
  return {numLoops, AffineMap::get(numLoops, 0, lhsExprs, context),
          AffineMap::get(numLoops, 0, rhsExprs, context),
          AffineMap::get(numLoops, 0, resultExprs, context)};
}

/// matmul_eint_int and matmul_int_eint; `EncryptedIsLhs` says which operand
/// is encrypted.
template <typename SourceOp, bool EncryptedIsLhs>
struct MatmulPattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getType()));
    MatmulMaps maps =
        getMatmulMaps(cast<RankedTensorType>(op.getLhs().getType()).getShape(),
                      cast<RankedTensorType>(op.getRhs().getType()).getShape(),
                      resultType.getShape(), this->getContext());
    Contraction contraction;
    contraction.numLoops = maps.numLoops;
    contraction.iterators.assign(maps.numLoops - 1,
                                 utils::IteratorType::parallel);
    contraction.iterators.push_back(utils::IteratorType::reduction);
    contraction.encryptedMap = EncryptedIsLhs ? maps.lhs : maps.rhs;
    contraction.clearMap = EncryptedIsLhs ? maps.rhs : maps.lhs;
    contraction.resultMap = maps.result;
    Value encrypted = EncryptedIsLhs ? adaptor.getLhs() : adaptor.getRhs();
    Value clear = EncryptedIsLhs ? adaptor.getRhs() : adaptor.getLhs();
    Value init = buildZeroAccumulator(rewriter, loc, resultType);
    rewriter.replaceOp(op, buildContraction(rewriter, loc, encrypted, clear,
                                            init, contraction));
    return success();
  }
};

struct SumPattern : OpConversionPattern<fhelinalg::SumOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::SumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    int64_t rank = inputType.getRank();
    SmallVector<int64_t> axes;
    for (Attribute axis : op.getAxes())
      axes.push_back(cast<IntegerAttr>(axis).getInt());
    FailureOr<SmallVector<int64_t>> normalized =
        fhelinalg::normalizeAxes(axes, rank, [&] { return op.emitOpError(); });
    if (failed(normalized))
      return failure();
    // No axis sums over every dimension.
    SmallVector<bool> summed(rank, normalized->empty());
    for (int64_t axis : *normalized)
      summed[axis] = true;

    SmallVector<utils::IteratorType> iterators;
    SmallVector<AffineExpr> resultExprs;
    for (int64_t dim = 0; dim < rank; ++dim) {
      bool reduced = summed[dim];
      iterators.push_back(reduced ? utils::IteratorType::reduction
                                  : utils::IteratorType::parallel);
      if (!reduced)
        resultExprs.push_back(getAffineDimExpr(dim, context));
      else if (op.getKeepDims())
        resultExprs.push_back(getAffineConstantExpr(0, context));
    }
    Type resultType = getTypeConverter()->convertType(op.getType());
    Value init = buildZeroAccumulator(rewriter, loc, resultType);
    AffineMap inputMap = AffineMap::getMultiDimIdentityMap(rank, context);
    AffineMap resultMap = AffineMap::get(rank, 0, resultExprs, context);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, init.getType(), adaptor.getInput(), init,
        ArrayRef<AffineMap>{inputMap, resultMap}, iterators,
        [](OpBuilder &nested, Location nestedLoc, ValueRange arguments) {
          Value sum =
              nested.create<tfhe::AddOp>(nestedLoc, arguments[1], arguments[0]);
          nested.create<linalg::YieldOp>(nestedLoc, sum);
        });
    rewriter.replaceOp(
        op, extractIfScalar(rewriter, loc, generic.getResult(0), resultType));
    return success();
  }
};

SmallVector<int64_t> getIntegers(ArrayAttr array) {
  return llvm::to_vector(llvm::map_range(array, [](Attribute attribute) {
    return cast<IntegerAttr>(attribute).getInt();
  }));
}

/// conv2d with clear weights. The channels and filters are split into their
/// groups by reshapes, so every loop is a plain dimension of some operand:
/// loops (n, g, f, oh, ow, c, kh, kw) over input N x G x C/G x H x W, weight
/// G x F/G x C/G x KH x KW and result N x G x F/G x OH x OW.
struct Conv2dPattern : OpConversionPattern<fhelinalg::Conv2dOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::Conv2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    auto weightType = cast<RankedTensorType>(adaptor.getWeight().getType());
    SmallVector<int64_t> strides = getIntegers(op.getStrides());
    SmallVector<int64_t> pads = getIntegers(op.getPads());
    SmallVector<int64_t> dilations = getIntegers(op.getDilations());
    int64_t groups = op.getGroup();
    ArrayRef<int64_t> resultShape = resultType.getShape();
    ArrayRef<int64_t> weightShape = weightType.getShape();
    int64_t channelsPerGroup = weightShape[1];
    int64_t filtersPerGroup = weightShape[0] / groups;

    Value input = padInput(rewriter, loc, adaptor.getInput(), pads);
    auto paddedType = cast<RankedTensorType>(input.getType());
    ArrayRef<int64_t> paddedShape = paddedType.getShape();
    Value groupedInput = rewriter.create<tensor::ExpandShapeOp>(
        loc,
        RankedTensorType::get({paddedShape[0], groups, channelsPerGroup,
                               paddedShape[2], paddedShape[3]},
                              paddedType.getElementType()),
        input, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    Value groupedWeight = rewriter.create<tensor::ExpandShapeOp>(
        loc,
        RankedTensorType::get({groups, filtersPerGroup, channelsPerGroup,
                               weightShape[2], weightShape[3]},
                              weightType.getElementType()),
        adaptor.getWeight(),
        ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}, {4}});
    auto groupedResultType =
        RankedTensorType::get({resultShape[0], groups, filtersPerGroup,
                               resultShape[2], resultShape[3]},
                              resultType.getElementType());
    Value init = buildInit(rewriter, loc, adaptor.getBias(), groupedResultType);

    auto d = [&](unsigned i) { return getAffineDimExpr(i, context); };
    // (n, g, f, oh, ow, c, kh, kw)
    Contraction contraction;
    contraction.numLoops = 8;
    contraction.iterators.assign(5, utils::IteratorType::parallel);
    contraction.iterators.append(3, utils::IteratorType::reduction);
    contraction.encryptedMap = AffineMap::get(
        8, 0,
        {d(0), d(1), d(5), d(3) * strides[0] + d(6) * dilations[0],
         d(4) * strides[1] + d(7) * dilations[1]},
        context);
    contraction.clearMap =
        AffineMap::get(8, 0, {d(1), d(2), d(5), d(6), d(7)}, context);
    contraction.resultMap =
        AffineMap::get(8, 0, {d(0), d(1), d(2), d(3), d(4)}, context);
    Value grouped = buildContraction(rewriter, loc, groupedInput, groupedWeight,
                                     init, contraction);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, resultType, grouped,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    return success();
  }

  /// The input with `pads` = [top, left, bottom, right] zero rows and
  /// columns: trivial encryptions of 0.
  static Value padInput(OpBuilder &builder, Location loc, Value input,
                        ArrayRef<int64_t> pads) {
    if (llvm::all_of(pads, [](int64_t pad) { return pad == 0; }))
      return input;
    auto type = cast<RankedTensorType>(input.getType());
    SmallVector<int64_t> shape(type.getShape());
    shape[2] += pads[0] + pads[2];
    shape[3] += pads[1] + pads[3];
    auto paddedType = RankedTensorType::get(shape, type.getElementType());
    SmallVector<OpFoldResult> low = {
        builder.getIndexAttr(0), builder.getIndexAttr(0),
        builder.getIndexAttr(pads[0]), builder.getIndexAttr(pads[1])};
    SmallVector<OpFoldResult> high = {
        builder.getIndexAttr(0), builder.getIndexAttr(0),
        builder.getIndexAttr(pads[2]), builder.getIndexAttr(pads[3])};
    auto pad = builder.create<tensor::PadOp>(loc, paddedType, input, low, high);
    SmallVector<Type> indexTypes(4, builder.getIndexType());
    SmallVector<Location> locs(4, loc);
    OpBuilder::InsertionGuard guard(builder);
    builder.createBlock(&pad.getRegion(), {}, indexTypes, locs);
    Value zero =
        builder.create<tfhe::ZeroOp>(loc, type.getElementType()).getResult();
    builder.create<tensor::YieldOp>(loc, zero);
    return pad;
  }

  /// The accumulator: zeros, or the bias of each filter (F elements, read as
  /// G x F/G).
  static Value buildInit(OpBuilder &builder, Location loc, Value bias,
                         RankedTensorType groupedResultType) {
    if (!bias)
      return builder.create<tfhe::ZeroOp>(loc, groupedResultType);
    MLIRContext *context = builder.getContext();
    auto encoding =
        cast<tfhe::LweCiphertextType>(groupedResultType.getElementType());
    auto biasType = cast<RankedTensorType>(bias.getType());
    int64_t groups = groupedResultType.getDimSize(1);
    int64_t filtersPerGroup = groupedResultType.getDimSize(2);
    Value groupedBias = builder.create<tensor::ExpandShapeOp>(
        loc,
        RankedTensorType::get({groups, filtersPerGroup},
                              biasType.getElementType()),
        bias, ArrayRef<ReassociationIndices>{{0, 1}});
    auto d = [&](unsigned i) { return getAffineDimExpr(i, context); };
    AffineMap biasMap = AffineMap::get(5, 0, {d(1), d(2)}, context);
    AffineMap resultMap = AffineMap::getMultiDimIdentityMap(5, context);
    Value empty = builder.create<tensor::EmptyOp>(
        loc, groupedResultType.getShape(), encoding);
    bool encryptedBias =
        isa<tfhe::LweCiphertextType>(biasType.getElementType());
    auto generic = builder.create<linalg::GenericOp>(
        loc, groupedResultType, groupedBias, empty,
        ArrayRef<AffineMap>{biasMap, resultMap},
        SmallVector<utils::IteratorType>(5, utils::IteratorType::parallel),
        [&](OpBuilder &nested, Location nestedLoc, ValueRange arguments) {
          Value element = arguments[0];
          if (!encryptedBias) {
            Value zero = nested.create<tfhe::ZeroOp>(nestedLoc, encoding);
            element = nested.create<tfhe::AddPlaintextOp>(
                nestedLoc, zero,
                encodeClear(nested, nestedLoc, element, encoding));
          }
          nested.create<linalg::YieldOp>(nestedLoc, element);
        });
    return generic.getResult(0);
  }
};

} // namespace

void populateLinearPatterns(const CiphertextTypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns
      .add<DotEintIntPattern, MatmulPattern<fhelinalg::MatmulEintIntOp, true>,
           MatmulPattern<fhelinalg::MatmulIntEintOp, false>, SumPattern,
           Conv2dPattern>(converter, patterns.getContext());
}

} // namespace shade::fhe_to_tfhe

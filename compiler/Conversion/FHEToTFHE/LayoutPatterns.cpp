// Data movement: fhelinalg's transpose, broadcast and concat, and every other
// op (tensor ops, control flow) on encrypted values, which keeps its form
// with the converted types.

#include "compiler/Conversion/FHEToTFHE/Patterns.h"

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

using namespace mlir;

namespace shade::fhe_to_tfhe {
namespace {

struct TransposePattern : OpConversionPattern<fhelinalg::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    int64_t rank = resultType.getRank();
    SmallVector<int64_t> permutation;
    for (Attribute axis : op.getAxes()) {
      int64_t value = cast<IntegerAttr>(axis).getInt();
      permutation.push_back(value < 0 ? value + rank : value);
    }
    if (permutation.empty())
      for (int64_t dim = rank - 1; dim >= 0; --dim)
        permutation.push_back(dim);
    Value init = rewriter.create<tensor::EmptyOp>(
        op.getLoc(), resultType.getShape(), resultType.getElementType());
    auto transpose = rewriter.create<linalg::TransposeOp>(
        op.getLoc(), adaptor.getInput(), init, permutation);
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

struct BroadcastPattern : OpConversionPattern<fhelinalg::BroadcastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::BroadcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOp(op, buildBroadcastingGeneric(
                               rewriter, op.getLoc(), adaptor.getInput(),
                               resultType,
                               [](OpBuilder &, Location, ValueRange elements) {
                                 return elements[0];
                               }));
    return success();
  }
};

struct ConcatPattern : OpConversionPattern<fhelinalg::ConcatOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    int64_t axis = op.getAxis();
    if (axis < 0)
      axis += resultType.getRank();
    rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, resultType, axis,
                                                  adaptor.getInputs());
    return success();
  }
};

/// Any op outside fhe and fhelinalg with encrypted types in its results,
/// operands or region arguments: the same op on the converted types.
struct KeepFormPattern : ConversionPattern {
  KeepFormPattern(const TypeConverter &converter, MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), /*benefit=*/1,
                          context) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (isa<fhe::FHEDialect, fhelinalg::FHELinalgDialect>(op->getDialect()) ||
        isa<FunctionOpInterface>(op))
      return failure();
    SmallVector<Type> resultTypes;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(),
                                                resultTypes)))
      return failure();
    OperationState state(op->getLoc(), op->getName());
    state.addOperands(operands);
    state.addTypes(resultTypes);
    state.addAttributes(op->getAttrs());
    state.addSuccessors(op->getSuccessors());
    for (Region &region : op->getRegions()) {
      Region *converted = state.addRegion();
      rewriter.inlineRegionBefore(region, *converted, converted->end());
      if (failed(rewriter.convertRegionTypes(converted, *getTypeConverter())))
        return failure();
    }
    rewriter.replaceOp(op, rewriter.create(state)->getResults());
    return success();
  }
};

} // namespace

void populateLayoutPatterns(const CiphertextTypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns
      .add<TransposePattern, BroadcastPattern, ConcatPattern, KeepFormPattern>(
          converter, patterns.getContext());
}

} // namespace shade::fhe_to_tfhe

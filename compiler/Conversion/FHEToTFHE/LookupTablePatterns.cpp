// Lookup tables, and the signedness casts that may need one: a key switch
// and a bootstrap on the whole tensor at once, which the runtime runs as one
// batch.

#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Conversion/FHEToTFHE/Patterns.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace shade::fhe_to_tfhe {

namespace {

/// fhe.apply_lookup_table and fhelinalg.apply_lookup_table: one table for
/// every element.
template <typename SourceOp>
struct LookupTablePattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type resultType = this->getTypeConverter()->convertType(op.getType());
    Value tables = encodeTables(rewriter, op.getLoc(), adaptor.getOperands()[1],
                                getCiphertextElementType(resultType));
    rewriter.replaceOp(
        op, buildLookup(
                rewriter, op.getLoc(), adaptor.getInput(), tables, resultType,
                *this->template getTypeConverter<CiphertextTypeConverter>(),
                tfhe::getKeyPattern(op)));
    return success();
  }
};

/// One table per element: the tables (L x 2^w) are encoded, then broadcast to
/// the input's shape S as numpy broadcasts L to S (S x 2^w).
struct MultiLookupTablePattern
    : OpConversionPattern<fhelinalg::ApplyMultiLookupTableOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::ApplyMultiLookupTableOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    Value encoded = encodeTables(rewriter, loc, adaptor.getTables(),
                                 getCiphertextElementType(resultType));
    ArrayRef<int64_t> tablesShape =
        cast<RankedTensorType>(encoded.getType()).getShape();
    SmallVector<int64_t> shape(resultType.getShape());
    shape.push_back(tablesShape.back());
    auto perElementType = RankedTensorType::get(shape, rewriter.getI64Type());
    Value perElement = encoded;
    if (ArrayRef<int64_t>(shape) != tablesShape)
      perElement = buildBroadcastingGeneric(
          rewriter, loc, encoded, perElementType,
          [](OpBuilder &, Location, ValueRange elements) {
            return elements[0];
          });
    rewriter.replaceOp(op,
                       buildLookup(rewriter, loc, adaptor.getInput(),
                                   perElement, resultType,
                                   *getTypeConverter<CiphertextTypeConverter>(),
                                   tfhe::getKeyPattern(op)));
    return success();
  }
};

/// to_signed / to_unsigned. The ciphertext is kept when the value lies in
/// [0, 2^(w-1)), where both encodings agree; otherwise (fhelinalg's
/// reinterpretation of the other half) the padding bit differs between the
/// two encodings, so the value goes through a bootstrap whose table maps
/// every w-bit pattern to itself under the new signedness.
template <typename SourceOp>
struct SignednessCastPattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type resultType = this->getTypeConverter()->convertType(op.getType());
    tfhe::LweCiphertextType result = getCiphertextElementType(resultType);
    unsigned width = result.getWidth();
    if (analysis::isFreeSignednessCast(op, width)) {
      rewriter.replaceOpWithNewOp<UnrealizedConversionCastOp>(
          op, resultType, adaptor.getInput());
      return success();
    }
    SmallVector<int64_t> entries;
    uint64_t count = uint64_t(1) << width;
    uint64_t sign = count >> 1;
    for (uint64_t pattern = 0; pattern < count; ++pattern)
      entries.push_back(result.getIsSigned() ? int64_t((pattern ^ sign) - sign)
                                             : int64_t(pattern));
    auto tableType =
        RankedTensorType::get({int64_t(count)}, rewriter.getI64Type());
    Value table = rewriter.create<arith::ConstantOp>(
        loc, DenseIntElementsAttr::get(tableType, entries));
    Value encoded = encodeTables(rewriter, loc, table, result);
    rewriter.replaceOp(
        op,
        buildLookup(rewriter, loc, adaptor.getInput(), encoded, resultType,
                    *this->template getTypeConverter<CiphertextTypeConverter>(),
                    tfhe::getKeyPattern(op)));
    return success();
  }
};

} // namespace

void populateLookupTablePatterns(const CiphertextTypeConverter &converter,
                                 RewritePatternSet &patterns) {
  patterns.add<LookupTablePattern<fhe::ApplyLookupTableOp>,
               LookupTablePattern<fhelinalg::ApplyLookupTableOp>,
               MultiLookupTablePattern, SignednessCastPattern<fhe::ToSignedOp>,
               SignednessCastPattern<fhe::ToUnsignedOp>,
               SignednessCastPattern<fhelinalg::ToSignedOp>,
               SignednessCastPattern<fhelinalg::ToUnsignedOp>>(
      converter, patterns.getContext());
}

} // namespace shade::fhe_to_tfhe

// Tensor ops on tensors of ciphertexts: the same data movement on the torus
// elements, each ciphertext being one more, trailing, dimension.

#include "compiler/Conversion/TFHEToRuntime/Patterns.h"

#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

using namespace mlir;

namespace shade::tfhe_to_runtime {
namespace {

/// The offsets, sizes and strides of a slice of ciphertexts, extended to
/// whole ciphertexts: offset 0, size d + 1 and stride 1 in the trailing
/// dimension.
struct TorusSlice {
  SmallVector<OpFoldResult> offsets;
  SmallVector<OpFoldResult> sizes;
  SmallVector<OpFoldResult> strides;

  TorusSlice(OpBuilder &builder, ArrayRef<OpFoldResult> offsets,
             ArrayRef<OpFoldResult> sizes, ArrayRef<OpFoldResult> strides,
             int64_t ciphertextSize)
      : offsets(offsets), sizes(sizes), strides(strides) {
    this->offsets.push_back(builder.getIndexAttr(0));
    this->sizes.push_back(builder.getIndexAttr(ciphertextSize));
    this->strides.push_back(builder.getIndexAttr(1));
  }
};

/// The torus slice of the single ciphertext at `indices`.
TorusSlice getElementSlice(OpBuilder &builder, ValueRange indices,
                           int64_t ciphertextSize) {
  SmallVector<OpFoldResult> offsets(indices.begin(), indices.end());
  SmallVector<OpFoldResult> ones(indices.size(), builder.getIndexAttr(1));
  return TorusSlice(builder, offsets, ones, ones, ciphertextSize);
}

int64_t getCiphertextSizeOf(Type convertedTensorType) {
  return cast<RankedTensorType>(convertedTensorType).getShape().back();
}

struct EmptyPattern : OpConversionPattern<tensor::EmptyOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::EmptyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type.getShape(),
                                                 type.getElementType());
    return success();
  }
};

struct ExtractSlicePattern : OpConversionPattern<tensor::ExtractSliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::ExtractSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    TorusSlice slice(rewriter, op.getMixedOffsets(), op.getMixedSizes(),
                     op.getMixedStrides(), getCiphertextSizeOf(type));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, type, adaptor.getSource(), slice.offsets, slice.sizes,
        slice.strides);
    return success();
  }
};

struct InsertSlicePattern : OpConversionPattern<tensor::InsertSliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::InsertSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    TorusSlice slice(rewriter, op.getMixedOffsets(), op.getMixedSizes(),
                     op.getMixedStrides(),
                     getCiphertextSizeOf(adaptor.getDest().getType()));
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getSource(), adaptor.getDest(), slice.offsets, slice.sizes,
        slice.strides);
    return success();
  }
};

struct ExtractPattern : OpConversionPattern<tensor::ExtractOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::ExtractOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    TorusSlice slice =
        getElementSlice(rewriter, adaptor.getIndices(), type.getShape().back());
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, type, adaptor.getTensor(), slice.offsets, slice.sizes,
        slice.strides);
    return success();
  }
};

struct InsertPattern : OpConversionPattern<tensor::InsertOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::InsertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    TorusSlice slice =
        getElementSlice(rewriter, adaptor.getIndices(),
                        getCiphertextSizeOf(adaptor.getDest().getType()));
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getScalar(), adaptor.getDest(), slice.offsets, slice.sizes,
        slice.strides);
    return success();
  }
};

/// Inserts each of `ciphertexts` (tensors of d + 1 torus elements) at its
/// row-major position in `dest`.
Value insertCiphertexts(OpBuilder &builder, Location loc,
                        ValueRange ciphertexts, Value dest) {
  auto type = cast<RankedTensorType>(dest.getType());
  ArrayRef<int64_t> shape = type.getShape().drop_back();
  SmallVector<int64_t> strides = computeSuffixProduct(shape);
  for (auto [position, ciphertext] : llvm::enumerate(ciphertexts)) {
    SmallVector<int64_t> indices = delinearize(int64_t(position), strides);
    SmallVector<Value> indexValues;
    for (int64_t index : indices)
      indexValues.push_back(builder.create<arith::ConstantIndexOp>(loc, index));
    TorusSlice slice =
        getElementSlice(builder, indexValues, type.getShape().back());
    dest = builder.create<tensor::InsertSliceOp>(
        loc, ciphertext, dest, slice.offsets, slice.sizes, slice.strides);
  }
  return dest;
}

struct FromElementsPattern : OpConversionPattern<tensor::FromElementsOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::FromElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    Value empty = rewriter.create<tensor::EmptyOp>(op.getLoc(), type.getShape(),
                                                   type.getElementType());
    rewriter.replaceOp(op, insertCiphertexts(rewriter, op.getLoc(),
                                             adaptor.getElements(), empty));
    return success();
  }
};

/// The reassociation of a reshape of ciphertexts extended to the torus
/// dimension, `rank` being that of the higher-rank operand once extended: the
/// torus dimension (the last one) forms a group of its own, except when the
/// other operand is a single ciphertext (an empty reassociation: every
/// dimension is 1), whose torus dimension then takes them all.
SmallVector<ReassociationIndices>
extendReassociation(ArrayRef<ReassociationIndices> reassociation,
                    int64_t rank) {
  SmallVector<ReassociationIndices> extended(reassociation);
  if (reassociation.empty()) {
    extended.emplace_back();
    for (int64_t dim = 0; dim < rank; ++dim)
      extended.back().push_back(dim);
    return extended;
  }
  extended.push_back({rank - 1});
  return extended;
}

struct ExpandShapePattern : OpConversionPattern<tensor::ExpandShapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::ExpandShapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(
        op, type, adaptor.getSrc(),
        extendReassociation(op.getReassociationIndices(), type.getRank()));
    return success();
  }
};

struct CollapseShapePattern : OpConversionPattern<tensor::CollapseShapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::CollapseShapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto sourceType = cast<RankedTensorType>(adaptor.getSrc().getType());
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, type, adaptor.getSrc(),
        extendReassociation(op.getReassociationIndices(),
                            sourceType.getRank()));
    return success();
  }
};

struct ReshapePattern : OpConversionPattern<tensor::ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    auto shapeType =
        RankedTensorType::get({type.getRank()}, rewriter.getIndexType());
    Value shape = rewriter.create<arith::ConstantOp>(
        op.getLoc(), DenseIntElementsAttr::get(shapeType, type.getShape()));
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, type,
                                                   adaptor.getSource(), shape);
    return success();
  }
};

/// Padding with trivial encryptions of zero, whose torus elements are all 0.
struct PadPattern : OpConversionPattern<tensor::PadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto yield = cast<tensor::YieldOp>(op.getRegion().front().getTerminator());
    if (!yield.getValue().getDefiningOp<tfhe::ZeroOp>())
      return op.emitOpError()
             << "pads ciphertexts with a value other than tfhe.zero, which "
                "has no lowering";
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    SmallVector<OpFoldResult> low = op.getMixedLowPad();
    SmallVector<OpFoldResult> high = op.getMixedHighPad();
    low.push_back(rewriter.getIndexAttr(0));
    high.push_back(rewriter.getIndexAttr(0));
    Value zero = rewriter.create<arith::ConstantIntOp>(op.getLoc(), 0, 64);
    rewriter.replaceOpWithNewOp<tensor::PadOp>(op, type, adaptor.getSource(),
                                               low, high, zero);
    return success();
  }
};

/// tensor.concat (of ciphertexts or not) as copies of its inputs into the
/// slices of one new buffer, returned as a tensor. Insertions into a tensor
/// would each copy the whole tensor once bufferized (every write copies),
/// time quadratic in the number of inputs.
struct ConcatPattern : OpConversionPattern<tensor::ConcatOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    int64_t dim = op.getDim();
    Value buffer = rewriter.create<memref::AllocOp>(
        loc, MemRefType::get(type.getShape(), type.getElementType()));
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      auto inputType = cast<RankedTensorType>(input.getType());
      Value source = rewriter.create<bufferization::ToMemrefOp>(
          loc,
          MemRefType::get(inputType.getShape(), inputType.getElementType()),
          input, /*read_only=*/true);
      SmallVector<OpFoldResult> offsets(type.getRank(),
                                        rewriter.getIndexAttr(0));
      offsets[dim] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes;
      for (int64_t size : inputType.getShape())
        sizes.push_back(rewriter.getIndexAttr(size));
      SmallVector<OpFoldResult> strides(type.getRank(),
                                        rewriter.getIndexAttr(1));
      Value slice = rewriter.create<memref::SubViewOp>(loc, buffer, offsets,
                                                       sizes, strides);
      rewriter.create<linalg::CopyOp>(loc, source, slice);
      offset += inputType.getDimSize(dim);
    }
    rewriter.replaceOpWithNewOp<bufferization::ToTensorOp>(
        op, type, buffer, /*restrict=*/true, /*writable=*/true);
    return success();
  }
};

struct CastPattern : OpConversionPattern<tensor::CastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tensor::CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = getTypeConverter()->convertType(op.getType());
    rewriter.replaceOpWithNewOp<tensor::CastOp>(op, type, adaptor.getSource());
    return success();
  }
};

/// A change of encoding (signedness) of the same ciphertexts: the torus
/// elements are the same.
struct EncodingCastPattern : OpConversionPattern<UnrealizedConversionCastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(UnrealizedConversionCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getNumOperands() != 1 || op.getNumResults() != 1)
      return failure();
    Type type = getTypeConverter()->convertType(op.getResult(0).getType());
    Value input = adaptor.getInputs()[0];
    if (type != input.getType())
      return failure();
    rewriter.replaceOp(op, input);
    return success();
  }
};

} // namespace

void populateTensorPatterns(const TorusTypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns.add<EmptyPattern, ExtractSlicePattern, InsertSlicePattern,
               ExtractPattern, InsertPattern, FromElementsPattern,
               ExpandShapePattern, CollapseShapePattern, ReshapePattern,
               PadPattern, ConcatPattern, CastPattern, EncodingCastPattern>(
      converter, patterns.getContext());
}

} // namespace shade::tfhe_to_runtime

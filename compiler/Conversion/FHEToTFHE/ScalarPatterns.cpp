// The levelled fhe ops on one encrypted integer become tfhe ops on one
// ciphertext; fhelinalg's zero and negation, which need no broadcasting, the
// tensor forms of the same tfhe ops.

#include "compiler/Conversion/FHEToTFHE/Patterns.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace shade::fhe_to_tfhe {
namespace {

/// An op whose operands all are encrypted, one to one with a tfhe op.
template <typename SourceOp, typename TargetOp>
struct OneToOnePattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;
  using OpAdaptor = typename SourceOp::Adaptor;

  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type resultType =
        this->getTypeConverter()->convertType(op->getResult(0).getType());
    rewriter.replaceOpWithNewOp<TargetOp>(op, resultType,
                                          adaptor.getOperands());
    return success();
  }
};

struct AddEintIntPattern : OpConversionPattern<fhe::AddEintIntOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhe::AddEintIntOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto encoding = cast<tfhe::LweCiphertextType>(adaptor.getLhs().getType());
    Value plaintext =
        encodeClear(rewriter, op.getLoc(), adaptor.getRhs(), encoding);
    rewriter.replaceOpWithNewOp<tfhe::AddPlaintextOp>(op, adaptor.getLhs(),
                                                      plaintext);
    return success();
  }
};

struct SubEintIntPattern : OpConversionPattern<fhe::SubEintIntOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhe::SubEintIntOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto encoding = cast<tfhe::LweCiphertextType>(adaptor.getLhs().getType());
    Value zero = rewriter.create<arith::ConstantIntOp>(loc, 0, 64);
    Value negated = rewriter.create<arith::SubIOp>(
        loc, zero, signExtendToI64(rewriter, loc, adaptor.getRhs()));
    Value plaintext = encodeClear(rewriter, loc, negated, encoding);
    rewriter.replaceOpWithNewOp<tfhe::AddPlaintextOp>(op, adaptor.getLhs(),
                                                      plaintext);
    return success();
  }
};

struct SubIntEintPattern : OpConversionPattern<fhe::SubIntEintOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhe::SubIntEintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto encoding = cast<tfhe::LweCiphertextType>(adaptor.getRhs().getType());
    Value negated = rewriter.create<tfhe::NegOp>(loc, adaptor.getRhs());
    Value plaintext = encodeClear(rewriter, loc, adaptor.getLhs(), encoding);
    rewriter.replaceOpWithNewOp<tfhe::AddPlaintextOp>(op, negated, plaintext);
    return success();
  }
};

struct MulEintIntPattern : OpConversionPattern<fhe::MulEintIntOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhe::MulEintIntOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value multiplier = signExtendToI64(rewriter, op.getLoc(), adaptor.getRhs());
    rewriter.replaceOpWithNewOp<tfhe::MulIntOp>(op, adaptor.getLhs(),
                                                multiplier);
    return success();
  }
};

} // namespace

void populateScalarPatterns(const CiphertextTypeConverter &converter,
                            RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<OneToOnePattern<fhe::ZeroOp, tfhe::ZeroOp>,
               OneToOnePattern<fhe::AddEintOp, tfhe::AddOp>,
               OneToOnePattern<fhe::SubEintOp, tfhe::SubOp>,
               OneToOnePattern<fhe::NegEintOp, tfhe::NegOp>,
               OneToOnePattern<fhelinalg::ZeroOp, tfhe::ZeroOp>,
               OneToOnePattern<fhelinalg::NegEintOp, tfhe::NegOp>,
               AddEintIntPattern, SubEintIntPattern, SubIntEintPattern,
               MulEintIntPattern>(converter, context);
}

} // namespace shade::fhe_to_tfhe

// Folders and canonicalization patterns of the fhe ops.

#include "dialects/FHE/IR/FHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace shade::fhe;

/// Whether `clear` is the constant 1. Clear integers are two's complement, so
/// an i1 `true` is -1, not 1.
static bool isClearOne(Value clear) {
  return !clear.getType().isInteger(1) && matchPattern(clear, m_One());
}

OpFoldResult AddEintOp::fold(FoldAdaptor) {
  if (getRhs().getDefiningOp<ZeroOp>())
    return getLhs();
  if (getLhs().getDefiningOp<ZeroOp>())
    return getRhs();
  return {};
}

OpFoldResult AddEintIntOp::fold(FoldAdaptor) {
  if (matchPattern(getRhs(), m_Zero()))
    return getLhs();
  return {};
}

OpFoldResult SubEintOp::fold(FoldAdaptor) {
  if (getRhs().getDefiningOp<ZeroOp>())
    return getLhs();
  return {};
}

OpFoldResult SubEintIntOp::fold(FoldAdaptor) {
  if (matchPattern(getRhs(), m_Zero()))
    return getLhs();
  return {};
}

OpFoldResult NegEintOp::fold(FoldAdaptor) {
  if (auto inner = getOperand().getDefiningOp<NegEintOp>())
    return inner.getOperand();
  return {};
}

OpFoldResult MulEintIntOp::fold(FoldAdaptor) {
  if (isClearOne(getRhs()))
    return getLhs();
  return {};
}

OpFoldResult MaxEintOp::fold(FoldAdaptor) {
  if (getLhs() == getRhs())
    return getLhs();
  return {};
}

OpFoldResult ToSignedOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<ToUnsignedOp>())
    return inner.getInput();
  return {};
}

OpFoldResult ToUnsignedOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<ToSignedOp>())
    return inner.getInput();
  return {};
}

/// A constant identity table on a result of the input's type leaves the
/// input unchanged: this saves a bootstrap.
OpFoldResult ApplyLookupTableOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() != getType())
    return {};
  auto table = dyn_cast_if_present<DenseIntElementsAttr>(adaptor.getTable());
  if (!table)
    return {};
  EncryptedIntegerType type = getType();
  uint64_t pattern = 0;
  for (const APInt &entry : table.getValues<APInt>()) {
    APInt bits(type.getWidth(), pattern++);
    int64_t value =
        type.isSigned() ? bits.getSExtValue() : int64_t(bits.getZExtValue());
    if (entry.getSignificantBits() > 64 || entry.getSExtValue() != value)
      return {};
  }
  return getInput();
}

namespace {

/// (x + c1) + c2 -> x + (c1 + c2), for clear constants c1 and c2. The sum is
/// exact: it has the wider of the two clear types, or one more bit when it
/// does not fit there.
struct CombineConstantAdditions : OpRewritePattern<AddEintIntOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddEintIntOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getLhs().getDefiningOp<AddEintIntOp>();
    APInt outerValue, innerValue;
    if (!inner || !matchPattern(op.getRhs(), m_ConstantInt(&outerValue)) ||
        !matchPattern(inner.getRhs(), m_ConstantInt(&innerValue)))
      return failure();
    unsigned width =
        std::max(outerValue.getBitWidth(), innerValue.getBitWidth());
    APInt sum = outerValue.sext(width + 1) + innerValue.sext(width + 1);
    if (sum.getSignificantBits() <= width)
      sum = sum.trunc(width);
    Value sumConstant = rewriter.create<arith::ConstantOp>(
        op.getLoc(), rewriter.getIntegerAttr(
                         rewriter.getIntegerType(sum.getBitWidth()), sum));
    rewriter.replaceOpWithNewOp<AddEintIntOp>(op, inner.getLhs(), sumConstant);
    return success();
  }
};

/// x * 0 -> fhe.zero.
struct MulByZeroIsZero : OpRewritePattern<MulEintIntOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulEintIntOp op,
                                PatternRewriter &rewriter) const override {
    if (!matchPattern(op.getRhs(), m_Zero()))
      return failure();
    rewriter.replaceOpWithNewOp<ZeroOp>(op, op.getType());
    return success();
  }
};

/// 0 - x -> fhe.neg_eint x.
struct SubFromZeroIsNeg : OpRewritePattern<SubIntEintOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SubIntEintOp op,
                                PatternRewriter &rewriter) const override {
    if (!matchPattern(op.getLhs(), m_Zero()))
      return failure();
    rewriter.replaceOpWithNewOp<NegEintOp>(op, op.getRhs());
    return success();
  }
};

} // namespace

void AddEintIntOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                               MLIRContext *context) {
  patterns.add<CombineConstantAdditions>(context);
}

void MulEintIntOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                               MLIRContext *context) {
  patterns.add<MulByZeroIsZero>(context);
}

void SubIntEintOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                               MLIRContext *context) {
  patterns.add<SubFromZeroIsNeg>(context);
}

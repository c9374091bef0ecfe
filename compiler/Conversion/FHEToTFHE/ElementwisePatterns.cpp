// The element-wise levelled fhelinalg ops, which broadcast as numpy does:
// one linalg.generic each, the broadcasting in its indexing maps (no operand
// is copied to the result shape), the scalar tfhe op in its body.

#include "compiler/Conversion/FHEToTFHE/Patterns.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace shade::fhe_to_tfhe {
namespace {

/// The body of a broadcasting op: its result element from its operands'
/// elements, `encoding` being the result's.
using ElementBuilder = Value (*)(OpBuilder &builder, Location loc, Value lhs,
                                 Value rhs, tfhe::LweCiphertextType encoding);

template <typename SourceOp>
struct BroadcastingBinaryPattern : OpConversionPattern<SourceOp> {
  BroadcastingBinaryPattern(const TypeConverter &converter,
                            MLIRContext *context, ElementBuilder buildElement)
      : OpConversionPattern<SourceOp>(converter, context),
        buildElement(buildElement) {}

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getType()));
    auto encoding = cast<tfhe::LweCiphertextType>(resultType.getElementType());
    Value result = buildBroadcastingGeneric(
        rewriter, op.getLoc(), adaptor.getOperands(), resultType,
        [&](OpBuilder &builder, Location loc, ValueRange elements) {
          return buildElement(builder, loc, elements[0], elements[1], encoding);
        });
    rewriter.replaceOp(op, result);
    return success();
  }

  ElementBuilder buildElement;
};

Value buildAdd(OpBuilder &builder, Location loc, Value lhs, Value rhs,
               tfhe::LweCiphertextType) {
  return builder.create<tfhe::AddOp>(loc, lhs, rhs);
}

Value buildSub(OpBuilder &builder, Location loc, Value lhs, Value rhs,
               tfhe::LweCiphertextType) {
  return builder.create<tfhe::SubOp>(loc, lhs, rhs);
}

Value buildAddClear(OpBuilder &builder, Location loc, Value lhs, Value rhs,
                    tfhe::LweCiphertextType encoding) {
  return builder.create<tfhe::AddPlaintextOp>(
      loc, lhs, encodeClear(builder, loc, rhs, encoding));
}

Value buildSubClear(OpBuilder &builder, Location loc, Value lhs, Value rhs,
                    tfhe::LweCiphertextType encoding) {
  Value zero = builder.create<arith::ConstantIntOp>(loc, 0, 64);
  Value negated = builder.create<arith::SubIOp>(
      loc, zero, signExtendToI64(builder, loc, rhs));
  return builder.create<tfhe::AddPlaintextOp>(
      loc, lhs, encodeClear(builder, loc, negated, encoding));
}

Value buildClearSub(OpBuilder &builder, Location loc, Value lhs, Value rhs,
                    tfhe::LweCiphertextType encoding) {
  Value negated = builder.create<tfhe::NegOp>(loc, rhs);
  return builder.create<tfhe::AddPlaintextOp>(
      loc, negated, encodeClear(builder, loc, lhs, encoding));
}

Value buildMulClear(OpBuilder &builder, Location loc, Value lhs, Value rhs,
                    tfhe::LweCiphertextType) {
  return builder.create<tfhe::MulIntOp>(loc, lhs,
                                        signExtendToI64(builder, loc, rhs));
}

} // namespace

void populateElementwisePatterns(const CiphertextTypeConverter &converter,
                                 RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<BroadcastingBinaryPattern<fhelinalg::AddEintOp>>(
      converter, context, buildAdd);
  patterns.add<BroadcastingBinaryPattern<fhelinalg::SubEintOp>>(
      converter, context, buildSub);
  patterns.add<BroadcastingBinaryPattern<fhelinalg::AddEintIntOp>>(
      converter, context, buildAddClear);
  patterns.add<BroadcastingBinaryPattern<fhelinalg::SubEintIntOp>>(
      converter, context, buildSubClear);
  patterns.add<BroadcastingBinaryPattern<fhelinalg::SubIntEintOp>>(
      converter, context, buildClearSub);
  patterns.add<BroadcastingBinaryPattern<fhelinalg::MulEintIntOp>>(
      converter, context, buildMulClear);
}

} // namespace shade::fhe_to_tfhe

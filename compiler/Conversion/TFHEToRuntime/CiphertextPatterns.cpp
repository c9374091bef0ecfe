// The linear tfhe ops become wrapping i64 arithmetic on the d + 1 torus
// elements of each ciphertext; linalg ops on tensors of ciphertexts get an
// innermost loop over those elements.

#include "compiler/Conversion/TFHEToRuntime/Patterns.h"

#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace shade::tfhe_to_runtime {
namespace {

/// The torus value of the clear integer `message`: zero- (unsigned) or
/// sign-extended (signed) to 64 bits, shifted left by 63 - width.
Value encodeScalar(OpBuilder &builder, Location loc, Value message,
                   unsigned width, bool isSigned) {
  Type i64 = builder.getI64Type();
  unsigned bits = message.getType().getIntOrFloatBitWidth();
  Value extended = message;
  if (bits < 64 && isSigned)
    extended = builder.create<arith::ExtSIOp>(loc, i64, message);
  else if (bits < 64)
    extended = builder.create<arith::ExtUIOp>(loc, i64, message);
  else if (bits > 64)
    extended = builder.create<arith::TruncIOp>(loc, i64, message);
  Value shift = builder.create<arith::ConstantIntOp>(loc, 63 - width, 64);
  return builder.create<arith::ShLIOp>(loc, extended, shift);
}

/// tfhe.encode and tfhe.encode_table on a tensor: element-wise.
Value encodeTensor(OpBuilder &builder, Location loc, Value messages,
                   unsigned width, bool isSigned) {
  auto type = cast<RankedTensorType>(messages.getType());
  auto resultType =
      RankedTensorType::get(type.getShape(), builder.getI64Type());
  return buildElementwise(
      builder, loc, messages, resultType,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange elements) {
        return encodeScalar(nested, nestedLoc, elements[0], width, isSigned);
      });
}

struct ZeroPattern : OpConversionPattern<tfhe::ZeroOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tfhe::ZeroOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOp(op, buildZeros(rewriter, op.getLoc(), type));
    return success();
  }
};

/// tfhe.add, tfhe.sub and tfhe.neg: the same operation on every torus
/// element.
template <typename SourceOp>
struct TorusArithmeticPattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOp(
        op, buildElementwise(
                rewriter, op.getLoc(), adaptor.getOperands(), type,
                [](OpBuilder &builder, Location loc, ValueRange elements) {
                  return buildElement(builder, loc, elements);
                }));
    return success();
  }

  static Value buildElement(OpBuilder &builder, Location loc,
                            ValueRange elements);
};

template <>
Value TorusArithmeticPattern<tfhe::AddOp>::buildElement(OpBuilder &builder,
                                                        Location loc,
                                                        ValueRange elements) {
  return builder.create<arith::AddIOp>(loc, elements[0], elements[1]);
}

template <>
Value TorusArithmeticPattern<tfhe::SubOp>::buildElement(OpBuilder &builder,
                                                        Location loc,
                                                        ValueRange elements) {
  return builder.create<arith::SubIOp>(loc, elements[0], elements[1]);
}

template <>
Value TorusArithmeticPattern<tfhe::NegOp>::buildElement(OpBuilder &builder,
                                                        Location loc,
                                                        ValueRange elements) {
  Value zero = builder.create<arith::ConstantIntOp>(loc, 0, 64);
  return builder.create<arith::SubIOp>(loc, zero, elements[0]);
}

/// Every torus element times the multiplier of its ciphertext.
struct MulIntPattern : OpConversionPattern<tfhe::MulIntOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tfhe::MulIntOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = getContext();
    auto type =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    unsigned rank = type.getRank();
    Value multiplier = adaptor.getMultiplier();
    // A 0-d tensor multiplies its one ciphertext: read it as a scalar.
    if (auto tensor = dyn_cast<RankedTensorType>(multiplier.getType());
        tensor && tensor.getRank() == 0)
      multiplier = rewriter.create<tensor::ExtractOp>(loc, multiplier);
    bool perCiphertext = isa<RankedTensorType>(multiplier.getType());
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    SmallVector<Value> inputs = {adaptor.getCiphertext()};
    SmallVector<AffineMap> maps = {identity};
    if (perCiphertext) {
      inputs.push_back(multiplier);
      maps.push_back(identity.getMajorSubMap(rank - 1));
    }
    maps.push_back(identity);
    Value init = rewriter.create<tensor::EmptyOp>(loc, type.getShape(),
                                                  type.getElementType());
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, inputs, init, maps,
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &nested, Location nestedLoc, ValueRange arguments) {
          Value factor = perCiphertext ? arguments[1] : multiplier;
          Value product =
              nested.create<arith::MulIOp>(nestedLoc, arguments[0], factor);
          nested.create<linalg::YieldOp>(nestedLoc, product);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// Adds the plaintexts to the bodies (torus element d) only.
struct AddPlaintextPattern : OpConversionPattern<tfhe::AddPlaintextOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tfhe::AddPlaintextOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value ciphertexts = adaptor.getCiphertext();
    auto type = cast<RankedTensorType>(ciphertexts.getType());
    int64_t rank = type.getRank();
    int64_t body = type.getShape().back() - 1;
    if (rank == 1) {
      Value index = rewriter.create<arith::ConstantIndexOp>(loc, body);
      Value element =
          rewriter.create<tensor::ExtractOp>(loc, ciphertexts, index);
      // One ciphertext, whose plaintext may come as a 0-d tensor.
      Value plaintext = adaptor.getPlaintext();
      if (isa<RankedTensorType>(plaintext.getType()))
        plaintext = rewriter.create<tensor::ExtractOp>(loc, plaintext);
      Value sum = rewriter.create<arith::AddIOp>(loc, element, plaintext);
      rewriter.replaceOpWithNewOp<tensor::InsertOp>(op, sum, ciphertexts,
                                                    index);
      return success();
    }
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    offsets.back() = rewriter.getIndexAttr(body);
    SmallVector<OpFoldResult> sizes;
    for (int64_t size : type.getShape().drop_back())
      sizes.push_back(rewriter.getIndexAttr(size));
    sizes.push_back(rewriter.getIndexAttr(1));
    SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    auto bodiesType = RankedTensorType::get(type.getShape().drop_back(),
                                            rewriter.getI64Type());
    Value bodies = rewriter.create<tensor::ExtractSliceOp>(
        loc, bodiesType, ciphertexts, offsets, sizes, strides);
    Value sums = buildElementwise(
        rewriter, loc, ValueRange{bodies, adaptor.getPlaintext()}, bodiesType,
        [](OpBuilder &builder, Location nestedLoc, ValueRange elements) {
          return builder.create<arith::AddIOp>(nestedLoc, elements[0],
                                               elements[1]);
        });
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(op, sums, ciphertexts,
                                                       offsets, sizes, strides);
    return success();
  }
};

template <typename SourceOp>
struct EncodePattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SourceOp op, typename SourceOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value messages = adaptor.getOperands()[0];
    unsigned width = op.getWidth();
    bool isSigned = op.getIsSigned();
    if (isa<RankedTensorType>(messages.getType()))
      rewriter.replaceOp(
          op, encodeTensor(rewriter, op.getLoc(), messages, width, isSigned));
    else
      rewriter.replaceOp(
          op, encodeScalar(rewriter, op.getLoc(), messages, width, isSigned));
    return success();
  }
};

/// The body of a linalg.generic on ciphertexts, one torus element at a time:
/// tfhe ops on one ciphertext become arith ops on one i64, every other op is
/// copied. Loop `coefficientLoop` runs over the torus elements (d is the body).
class TorusBodyTranslator {
public:
  TorusBodyTranslator(OpBuilder &builder, IRMapping &mapping,
                      unsigned coefficientLoop)
      : builder(builder), mapping(mapping), coefficientLoop(coefficientLoop) {}

  LogicalResult translate(Block &body) {
    for (Operation &op : body)
      if (failed(translate(op)))
        return failure();
    return success();
  }

private:
  LogicalResult translate(Operation &op) {
    Location loc = op.getLoc();
    auto lookup = [&](Value value) { return mapping.lookupOrDefault(value); };
    Value result;
    if (auto add = dyn_cast<tfhe::AddOp>(op)) {
      result = builder.create<arith::AddIOp>(loc, lookup(add.getLhs()),
                                             lookup(add.getRhs()));
    } else if (auto sub = dyn_cast<tfhe::SubOp>(op)) {
      result = builder.create<arith::SubIOp>(loc, lookup(sub.getLhs()),
                                             lookup(sub.getRhs()));
    } else if (auto neg = dyn_cast<tfhe::NegOp>(op)) {
      Value zero = builder.create<arith::ConstantIntOp>(loc, 0, 64);
      result = builder.create<arith::SubIOp>(loc, zero, lookup(neg.getInput()));
    } else if (auto mul = dyn_cast<tfhe::MulIntOp>(op)) {
      result = builder.create<arith::MulIOp>(loc, lookup(mul.getCiphertext()),
                                             lookup(mul.getMultiplier()));
    } else if (auto addPlaintext = dyn_cast<tfhe::AddPlaintextOp>(op)) {
      Value element = lookup(addPlaintext.getCiphertext());
      Value sum = builder.create<arith::AddIOp>(
          loc, element, lookup(addPlaintext.getPlaintext()));
      int64_t body =
          getCiphertextSize(getCiphertextElementType(addPlaintext.getType())) -
          1;
      Value index = builder.create<linalg::IndexOp>(loc, coefficientLoop);
      Value bodyIndex = builder.create<arith::ConstantIndexOp>(loc, body);
      Value isBody = builder.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq, index, bodyIndex);
      result = builder.create<arith::SelectOp>(loc, isBody, sum, element);
    } else if (isa<tfhe::ZeroOp>(op)) {
      result = builder.create<arith::ConstantIntOp>(loc, 0, 64);
    } else if (auto encode = dyn_cast<tfhe::EncodeOp>(op)) {
      result = encodeScalar(builder, loc, lookup(encode.getMessage()),
                            encode.getWidth(), encode.getIsSigned());
    } else {
      auto isCiphertext = [](Type type) {
        return bool(getCiphertextElementType(type));
      };
      if (llvm::any_of(op.getOperandTypes(), isCiphertext) &&
          !isa<linalg::YieldOp>(op))
        return op.emitOpError()
               << "on ciphertexts inside a linalg.generic has no lowering to "
                  "torus elements";
      if (llvm::any_of(op.getResultTypes(), isCiphertext))
        return op.emitOpError()
               << "producing ciphertexts inside a linalg.generic has no "
                  "lowering to torus elements";
      builder.clone(op, mapping);
      return success();
    }
    mapping.map(op.getResult(0), result);
    return success();
  }

  OpBuilder &builder;
  IRMapping &mapping;
  unsigned coefficientLoop;
};

/// A linalg.generic on ciphertexts: the ciphertext operands gain an
/// innermost parallel loop over their torus elements; the body computes one
/// element.
struct GenericPattern : OpConversionPattern<linalg::GenericOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(linalg::GenericOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *context = getContext();
    unsigned numLoops = op.getNumLoops();
    AffineExpr coefficient = getAffineDimExpr(numLoops, context);
    SmallVector<AffineMap> maps;
    for (auto [operand, map] :
         llvm::zip(op->getOperands(), op.getIndexingMapsArray())) {
      SmallVector<AffineExpr> results(map.getResults());
      if (getCiphertextElementType(operand.getType()))
        results.push_back(coefficient);
      maps.push_back(AffineMap::get(numLoops + 1, 0, results, context));
    }
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    iterators.push_back(utils::IteratorType::parallel);
    SmallVector<Type> resultTypes;
    if (failed(
            getTypeConverter()->convertTypes(op.getResultTypes(), resultTypes)))
      return failure();

    unsigned numInputs = op.getNumDpsInputs();
    auto generic = rewriter.create<linalg::GenericOp>(
        op.getLoc(), resultTypes, adaptor.getOperands().take_front(numInputs),
        adaptor.getOperands().drop_front(numInputs), maps, iterators);
    Block &oldBody = op.getRegion().front();
    SmallVector<Type> argumentTypes;
    SmallVector<Location> argumentLocs;
    for (BlockArgument argument : oldBody.getArguments()) {
      argumentTypes.push_back(getCiphertextElementType(argument.getType())
                                  ? rewriter.getI64Type()
                                  : argument.getType());
      argumentLocs.push_back(argument.getLoc());
    }
    OpBuilder::InsertionGuard guard(rewriter);
    Block *body = rewriter.createBlock(&generic.getRegion(), {}, argumentTypes,
                                       argumentLocs);
    IRMapping mapping;
    mapping.map(oldBody.getArguments(), body->getArguments());
    TorusBodyTranslator translator(rewriter, mapping, numLoops);
    if (failed(translator.translate(oldBody)))
      return failure();
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct TransposePattern : OpConversionPattern<linalg::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(linalg::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<int64_t> permutation(op.getPermutation());
    permutation.push_back(permutation.size());
    auto transpose = rewriter.create<linalg::TransposeOp>(
        op.getLoc(), adaptor.getInput(), adaptor.getInit(), permutation);
    rewriter.replaceOp(op, transpose.getResults());
    return success();
  }
};

} // namespace

void populateCiphertextPatterns(const TorusTypeConverter &converter,
                                RewritePatternSet &patterns) {
  patterns.add<
      ZeroPattern, TorusArithmeticPattern<tfhe::AddOp>,
      TorusArithmeticPattern<tfhe::SubOp>, TorusArithmeticPattern<tfhe::NegOp>,
      MulIntPattern, AddPlaintextPattern, EncodePattern<tfhe::EncodeOp>,
      EncodePattern<tfhe::EncodeTableOp>, GenericPattern, TransposePattern>(
      converter, patterns.getContext());
}

} // namespace shade::tfhe_to_runtime

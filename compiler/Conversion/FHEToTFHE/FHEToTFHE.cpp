// --shade-fhe-to-tfhe: the pass, its type converter, its legality and the
// builders its pattern files share.

#include "compiler/Analysis/BitExtraction.h"
#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Conversion/FHEToTFHE/Patterns.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/TypeConversion.h"

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/TypeSwitch.h"

namespace shade {
#define GEN_PASS_DEF_FHETOTFHE
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace shade::fhe_to_tfhe {

CiphertextTypeConverter::CiphertextTypeConverter(tfhe::KeyLayout layout)
    : layout(std::move(layout)) {
  addConversion([](Type type) { return type; });
  addConversion([this](fhe::EncryptedIntegerType type) -> Type {
    return getCiphertextType(type);
  });
  addConversion([this](RankedTensorType type) -> Type {
    auto element = dyn_cast<fhe::EncryptedIntegerType>(type.getElementType());
    if (!element)
      return type;
    return RankedTensorType::get(type.getShape(), getCiphertextType(element));
  });
}

tfhe::LweCiphertextType CiphertextTypeConverter::getCiphertextType(
    fhe::EncryptedIntegerType type) const {
  return tfhe::LweCiphertextType::get(type.getContext(), type.getWidth(),
                                      type.isSigned(), std::nullopt);
}

Value signExtendToI64(OpBuilder &builder, Location loc, Value clear) {
  Type i64 = builder.getI64Type();
  unsigned width = clear.getType().getIntOrFloatBitWidth();
  if (width == 64)
    return clear;
  if (width < 64)
    return builder.create<arith::ExtSIOp>(loc, i64, clear);
  return builder.create<arith::TruncIOp>(loc, i64, clear);
}

Value encodeClear(OpBuilder &builder, Location loc, Value clear,
                  tfhe::LweCiphertextType encoding) {
  Value message = signExtendToI64(builder, loc, clear);
  return builder.create<tfhe::EncodeOp>(loc, builder.getI64Type(), message,
                                        encoding.getWidth(),
                                        encoding.getIsSigned());
}

AffineMap getBroadcastMap(ArrayRef<int64_t> operandShape,
                          ArrayRef<int64_t> resultShape, MLIRContext *context) {
  size_t offset = resultShape.size() - operandShape.size();
  SmallVector<AffineExpr> results;
  for (auto [index, size] : llvm::enumerate(operandShape)) {
    size_t resultDim = offset + index;
    if (size == 1 && resultShape[resultDim] != 1)
      results.push_back(getAffineConstantExpr(0, context));
    else
      results.push_back(getAffineDimExpr(resultDim, context));
  }
  return AffineMap::get(resultShape.size(), 0, results, context);
}

Value buildBroadcastingGeneric(
    OpBuilder &builder, Location loc, ValueRange operands,
    RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *context = builder.getContext();
  ArrayRef<int64_t> shape = resultType.getShape();
  SmallVector<AffineMap> maps;
  for (Value operand : operands)
    maps.push_back(getBroadcastMap(
        cast<RankedTensorType>(operand.getType()).getShape(), shape, context));
  maps.push_back(AffineMap::getMultiDimIdentityMap(shape.size(), context));
  SmallVector<utils::IteratorType> iterators(shape.size(),
                                             utils::IteratorType::parallel);
  Value init =
      builder.create<tensor::EmptyOp>(loc, shape, resultType.getElementType());
  auto generic = builder.create<linalg::GenericOp>(
      loc, resultType, operands, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange arguments) {
        Value result = body(nested, nestedLoc, arguments.drop_back());
        nested.create<linalg::YieldOp>(nestedLoc, result);
      });
  return generic.getResult(0);
}

Value buildMultiplyAccumulate(OpBuilder &builder, Location loc,
                              Value ciphertext, Value clear,
                              Value accumulator) {
  Value product = builder.create<tfhe::MulIntOp>(
      loc, ciphertext, signExtendToI64(builder, loc, clear));
  return builder.create<tfhe::AddOp>(loc, accumulator, product);
}

Value encodeTables(OpBuilder &builder, Location loc, Value tables,
                   tfhe::LweCiphertextType result) {
  auto type = cast<RankedTensorType>(tables.getType());
  return builder.create<tfhe::EncodeTableOp>(
      loc, RankedTensorType::get(type.getShape(), builder.getI64Type()), tables,
      result.getWidth(), result.getIsSigned());
}

Value buildLookup(OpBuilder &builder, Location loc, Value input,
                  Value encodedTables, Type resultType,
                  const CiphertextTypeConverter &converter, unsigned pattern) {
  const tfhe::KeyLayout &layout = converter.getLayout();
  Value switched = builder.create<tfhe::KeySwitchOp>(
      loc, input.getType(), input, layout.getKeySwitchKey(pattern));
  return builder.create<tfhe::BootstrapOp>(loc, resultType, switched,
                                           encodedTables,
                                           layout.getBootstrapKey(pattern));
}

} // namespace shade::fhe_to_tfhe

namespace {

using namespace shade;
using namespace shade::fhe_to_tfhe;

/// The width of the encrypted input of a lookup-table op.
unsigned getLookupInputWidth(Value input) {
  Type element = getElementTypeOrSelf(input.getType());
  return cast<fhe::EncryptedIntegerType>(element).getWidth();
}

/// Emits an error on every op the lowering does not handle at this stage
/// (ops `--shade-decompose-encrypted-ops` removes, tables too wide for the
/// polynomial size) so that the user reads why rather than a generic
/// legalization failure.
LogicalResult checkLowerable(ModuleOp module, const tfhe::KeyLayout &layout) {
  // The polynomial size of the set that bootstraps for `op`.
  auto polySizeOf = [&](Operation *op) -> FailureOr<uint64_t> {
    unsigned pattern = tfhe::getKeyPattern(op);
    if (pattern >= layout.patterns.size())
      return op->emitOpError()
             << "names key pattern " << pattern << ", but the module has "
             << layout.patterns.size();
    return uint64_t(layout.sets[layout.patterns[pattern].target].getPolySize());
  };
  auto needsDecomposition = [](Operation *op) {
    return op->emitOpError()
           << "must be decomposed by --shade-decompose-encrypted-ops before "
              "--shade-fhe-to-tfhe";
  };
  auto checkTableWidth = [&](Operation *op, Value input) -> LogicalResult {
    FailureOr<uint64_t> polySize = polySizeOf(op);
    if (failed(polySize))
      return failure();
    unsigned width = getLookupInputWidth(input);
    if (width < 63 && (uint64_t(2) << width) <= *polySize)
      return success();
    return op->emitOpError()
           << "has a " << width
           << "-bit input, whose table needs a polynomial size of at least "
              "2^"
           << width + 1 << "; the parameters have " << *polySize;
  };
  WalkResult result = module.walk([&](Operation *op) -> WalkResult {
    return llvm::TypeSwitch<Operation *, LogicalResult>(op)
        .Case<fhe::MulEintOp, fhe::MaxEintOp, fhe::RoundOp,
              fhelinalg::MulEintOp, fhelinalg::MaxEintOp, fhelinalg::RoundOp,
              fhelinalg::DotEintEintOp, fhelinalg::MatmulEintEintOp,
              fhelinalg::Maxpool2dOp>(needsDecomposition)
        .Case([&](fhelinalg::Conv2dOp conv) -> LogicalResult {
          if (isa<fhe::EncryptedIntegerType>(
                  getElementTypeOrSelf(conv.getWeight().getType())))
            return conv.emitOpError()
                   << "with encrypted weights is not supported: only clear "
                      "weights are lowered";
          return success();
        })
        .Case([&](fhe::ApplyLookupTableOp lut) {
          return checkTableWidth(lut, lut.getInput());
        })
        .Case([&](fhelinalg::ApplyLookupTableOp lut) {
          return checkTableWidth(lut, lut.getInput());
        })
        .Case([&](fhelinalg::ApplyMultiLookupTableOp lut) {
          return checkTableWidth(lut, lut.getInput());
        })
        .Case([&](fhelinalg::ClearLowBitsOp clear) -> LogicalResult {
          std::optional<ArrayRef<int64_t>> chunks = clear.getChunks();
          if (!chunks)
            return clear.emitOpError()
                   << "has no chunks: run --shade-decompose-rounding before "
                      "--shade-fhe-to-tfhe";
          FailureOr<uint64_t> polySize = polySizeOf(clear);
          if (failed(polySize))
            return failure();
          for (const analysis::ExtractionStep &step :
               analysis::extractionSteps(getLookupInputWidth(clear.getInput()),
                                         *chunks, clear.getFrom()))
            if ((uint64_t(2) << step.lookupWidth) > *polySize)
              return clear.emitOpError()
                     << "clears a chunk of " << step.chunkBits
                     << " bits, whose tables need a polynomial size of at "
                        "least 2^"
                     << step.lookupWidth + 1 << "; the parameters have "
                     << *polySize;
          return success();
        })
        .Case<fhelinalg::ToSignedOp, fhelinalg::ToUnsignedOp>(
            [&](Operation *cast) -> LogicalResult {
              Value input = cast->getOperand(0);
              if (analysis::isFreeSignednessCast(cast,
                                                 getLookupInputWidth(input)))
                return success();
              return checkTableWidth(cast, input);
            })
        .Default([](Operation *) { return success(); });
  });
  return failure(result.wasInterrupted());
}

struct FHEToTFHEPass : shade::impl::FHEToTFHEBase<FHEToTFHEPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<tfhe::KeyLayout> layout = tfhe::readKeyLayout(module);
    if (failed(layout))
      return signalPassFailure();
    if (failed(checkLowerable(module, *layout)))
      return signalPassFailure();

    MLIRContext *context = &getContext();
    CiphertextTypeConverter converter(*layout);
    ConversionTarget target(*context);
    target.addIllegalDialect<fhe::FHEDialect, fhelinalg::FHELinalgDialect>();
    target.addLegalDialect<tfhe::TFHEDialect>();
    // Every other op is legal once no encrypted type remains in its
    // operands, results and region arguments.
    addTypeLegality(target, converter);

    RewritePatternSet patterns(context);
    populateFunctionTypeConversionPatterns(converter, patterns);
    populateScalarPatterns(converter, patterns);
    populateElementwisePatterns(converter, patterns);
    populateLinearPatterns(converter, patterns);
    populateLookupTablePatterns(converter, patterns);
    populateLayoutPatterns(converter, patterns);
    populateRoundingPatterns(converter, patterns);
    if (failed(applyPartialConversion(module, target, std::move(patterns))) ||
        failed(assignKeyDimensions(module, *layout)))
      signalPassFailure();
  }
};

} // namespace

// --shade-fhe-to-tfhe: the pass, its type converter, its legality and the
// builders its pattern files share.

#include "compiler/Analysis/BitExtraction.h"
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

CiphertextTypeConverter::CiphertextTypeConverter(
    tfhe::ParametersAttr parameters)
    : parameters(parameters) {
  addConversion([](Type type) { return type; });
  addConversion([this](fhe::EncryptedIntegerType type) -> Type {
    return getCiphertextType(type, getBigDimension());
  });
  addConversion([this](RankedTensorType type) -> Type {
    auto element = dyn_cast<fhe::EncryptedIntegerType>(type.getElementType());
    if (!element)
      return type;
    return RankedTensorType::get(type.getShape(),
                                 getCiphertextType(element, getBigDimension()));
  });
}

unsigned CiphertextTypeConverter::getBigDimension() const {
  return parameters.getGlweDim() * parameters.getPolySize();
}

tfhe::KeySwitchKeyAttr CiphertextTypeConverter::getKeySwitchKey() const {
  return tfhe::KeySwitchKeyAttr::get(
      parameters.getContext(), getBigDimension(), parameters.getLweDim(),
      parameters.getKsBaseLog(), parameters.getKsLevels());
}

tfhe::BootstrapKeyAttr CiphertextTypeConverter::getBootstrapKey() const {
  return tfhe::BootstrapKeyAttr::get(
      parameters.getContext(), parameters.getLweDim(), parameters.getGlweDim(),
      parameters.getPolySize(), parameters.getPbsBaseLog(),
      parameters.getPbsLevels());
}

tfhe::LweCiphertextType
CiphertextTypeConverter::getCiphertextType(fhe::EncryptedIntegerType type,
                                           unsigned dimension) const {
  return tfhe::LweCiphertextType::get(parameters.getContext(), type.getWidth(),
                                      type.isSigned(), dimension);
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
                  const CiphertextTypeConverter &converter) {
  tfhe::LweCiphertextType inputElement =
      getCiphertextElementType(input.getType());
  Type switchedElement = tfhe::LweCiphertextType::get(
      builder.getContext(), inputElement.getWidth(), inputElement.getIsSigned(),
      converter.getParameters().getLweDim());
  Type switchedType = switchedElement;
  if (auto tensor = dyn_cast<RankedTensorType>(input.getType()))
    switchedType = RankedTensorType::get(tensor.getShape(), switchedElement);
  Value switched = builder.create<tfhe::KeySwitchOp>(
      loc, switchedType, input, converter.getKeySwitchKey());
  return builder.create<tfhe::BootstrapOp>(
      loc, resultType, switched, encodedTables, converter.getBootstrapKey());
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
LogicalResult checkLowerable(ModuleOp module, tfhe::ParametersAttr parameters) {
  uint64_t polySize = parameters.getPolySize();
  auto needsDecomposition = [](Operation *op) {
    return op->emitOpError()
           << "must be decomposed by --shade-decompose-encrypted-ops before "
              "--shade-fhe-to-tfhe";
  };
  auto checkTableWidth = [&](Operation *op, Value input) -> LogicalResult {
    unsigned width = getLookupInputWidth(input);
    if (width < 63 && (uint64_t(2) << width) <= polySize)
      return success();
    return op->emitOpError()
           << "has a " << width
           << "-bit input, whose table needs a polynomial size of at least "
              "2^"
           << width + 1 << "; the parameters have " << polySize;
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
          for (const analysis::ExtractionStep &step : analysis::extractionSteps(
                   getLookupInputWidth(clear.getInput()), *chunks))
            if ((uint64_t(2) << step.lookupWidth) > polySize)
              return clear.emitOpError()
                     << "clears a chunk of " << step.chunkBits
                     << " bits, whose tables need a polynomial size of at "
                        "least 2^"
                     << step.lookupWidth + 1 << "; the parameters have "
                     << polySize;
          return success();
        })
        .Case<fhelinalg::ToSignedOp, fhelinalg::ToUnsignedOp>(
            [&](Operation *cast) -> LogicalResult {
              Value input = cast->getOperand(0);
              if (isFreeSignednessCast(cast, getLookupInputWidth(input)))
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
    auto parameters = dyn_cast_or_null<tfhe::ParametersAttr>(
        module->getAttr("fhe.parameters"));
    if (!parameters) {
      module.emitError()
          << "needs the module attribute fhe.parameters = "
             "#tfhe.parameters<...> (run --shade-select-parameters first)";
      return signalPassFailure();
    }
    if (failed(checkLowerable(module, parameters)))
      return signalPassFailure();

    MLIRContext *context = &getContext();
    CiphertextTypeConverter converter(parameters);
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
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

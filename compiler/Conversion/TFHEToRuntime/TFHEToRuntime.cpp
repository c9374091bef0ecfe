// --shade-tfhe-to-runtime: the pass, its type converter and the runtime
// context and status every function gets.

#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/TFHEToRuntime/Patterns.h"
#include "compiler/Conversion/TypeConversion.h"

#include "dialects/TFHE/IR/TFHEDialect.h"
#include "dialects/TFHE/IR/TFHEKeyLayout.h"
#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace shade {
#define GEN_PASS_DEF_TFHETORUNTIME
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace shade::tfhe_to_runtime {

TorusTypeConverter::TorusTypeConverter() {
  addConversion([](Type type) { return type; });
  // A ciphertext without a dimension has no size: the conversion fails.
  addConversion([](tfhe::LweCiphertextType type) -> Type {
    if (!type.isParametrized())
      return Type();
    return RankedTensorType::get({getCiphertextSize(type)},
                                 IntegerType::get(type.getContext(), 64));
  });
  addConversion([](RankedTensorType type) -> Type {
    auto element = dyn_cast<tfhe::LweCiphertextType>(type.getElementType());
    if (!element)
      return type;
    if (!element.isParametrized())
      return Type();
    SmallVector<int64_t> shape(type.getShape());
    shape.push_back(getCiphertextSize(element));
    return RankedTensorType::get(shape,
                                 IntegerType::get(type.getContext(), 64));
  });
}

int64_t getCiphertextSize(tfhe::LweCiphertextType type) {
  return int64_t(*type.getDimension()) + 1;
}

Value buildElementwise(
    OpBuilder &builder, Location loc, ValueRange operands,
    RankedTensorType resultType,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  unsigned rank = resultType.getRank();
  SmallVector<AffineMap> maps(
      operands.size() + 1,
      AffineMap::getMultiDimIdentityMap(rank, builder.getContext()));
  Value init = builder.create<tensor::EmptyOp>(loc, resultType.getShape(),
                                               resultType.getElementType());
  auto generic = builder.create<linalg::GenericOp>(
      loc, resultType, operands, init, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nested, Location nestedLoc, ValueRange arguments) {
        nested.create<linalg::YieldOp>(
            nestedLoc, body(nested, nestedLoc, arguments.drop_back()));
      });
  return generic.getResult(0);
}

Value buildZeros(OpBuilder &builder, Location loc, RankedTensorType type) {
  Value empty = builder.create<tensor::EmptyOp>(loc, type.getShape(),
                                                type.getElementType());
  Value zero = builder.create<arith::ConstantOp>(
      loc, builder.getZeroAttr(type.getElementType()));
  return builder.create<linalg::FillOp>(loc, zero, empty).getResult(0);
}

Value getRuntimeContext(Operation *op) {
  auto func = op->getParentOfType<func::FuncOp>();
  return func.getBody().front().getArgument(0);
}

} // namespace shade::tfhe_to_runtime

namespace {

using namespace shade;
using namespace shade::tfhe_to_runtime;

/// Emits an error on the first op that has a ciphertext (or a tensor of
/// them) without a dimension among its operand, result or region argument
/// types: its size is unknown.
LogicalResult checkParametrized(ModuleOp module) {
  auto unparametrized = [](Type type) {
    auto element = getCiphertextElementType(type);
    return element && !element.isParametrized();
  };
  WalkResult result = module.walk([&](Operation *op) -> WalkResult {
    SmallVector<Type> types(op->getOperandTypes());
    llvm::append_range(types, op->getResultTypes());
    for (Region &region : op->getRegions())
      for (Block &block : region)
        llvm::append_range(types, block.getArgumentTypes());
    for (Type type : types)
      if (unparametrized(type))
        return op->emitOpError()
               << "has the ciphertext type " << type
               << " without a dimension, whose size is unknown: lower fhe "
                  "to tfhe with chosen parameters first";
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// Gives every function with a body the runtime context as first argument,
/// and passes it on at every call of such a function.
void addRuntimeContexts(ModuleOp module) {
  auto pointerType = LLVM::LLVMPointerType::get(module.getContext());
  llvm::SmallPtrSet<Operation *, 8> defined;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    func.insertArgument(0, pointerType, {}, func.getLoc());
    defined.insert(func);
  }
  module.walk([&](func::CallOp call) {
    Operation *callee = module.lookupSymbol(call.getCalleeAttr());
    if (!defined.contains(callee))
      return;
    SmallVector<Value> operands = {getRuntimeContext(call)};
    llvm::append_range(operands, call.getOperands());
    call->setOperands(operands);
  });
}

/// Makes every function with a body return, as last result, the status of
/// its first failing runtime call (0, SHADE_RT_OK, when none failed); a call
/// of such a function counts as one of its runtime calls.
LogicalResult addStatusResults(ModuleOp module) {
  MLIRContext *context = module.getContext();
  auto i32 = IntegerType::get(context, 32);
  llvm::SmallPtrSet<Operation *, 8> defined;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    func.insertResult(func.getNumResults(), i32, {});
    defined.insert(func);
  }

  // The calls of functions with a body return one more result.
  SmallVector<func::CallOp> internalCalls;
  module.walk([&](func::CallOp call) {
    if (defined.contains(module.lookupSymbol(call.getCalleeAttr())))
      internalCalls.push_back(call);
  });
  for (func::CallOp call : internalCalls) {
    OpBuilder builder(call);
    SmallVector<Type> resultTypes(call.getResultTypes());
    resultTypes.push_back(i32);
    auto replacement = builder.create<func::CallOp>(
        call.getLoc(), call.getCalleeAttr(), resultTypes, call.getOperands());
    replacement->setAttr(kRuntimeCallAttrName, builder.getUnitAttr());
    call.replaceAllUsesWith(replacement.getResults().drop_back(1));
    call.erase();
  }

  for (Operation *op : defined) {
    auto func = cast<func::FuncOp>(op);
    Block &entry = func.getBody().front();
    // The status so far, updated right after each call so that only it, not
    // every call's status, lives until the return.
    OpBuilder builder(&entry, entry.begin());
    Value status = builder.create<arith::ConstantIntOp>(func.getLoc(), 0, 32);
    Value zero = status;
    WalkResult walk = func.walk([&](func::CallOp call) -> WalkResult {
      if (!call->hasAttr(kRuntimeCallAttrName))
        return WalkResult::advance();
      if (call->getBlock() != &entry)
        return call.emitOpError()
               << "calls the runtime inside a nested region, whose status "
                  "cannot reach the function's result";
      builder.setInsertionPointAfter(call);
      Location loc = call.getLoc();
      Value stillOk = builder.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq, status, zero);
      status = builder.create<arith::SelectOp>(
          loc, stillOk, call.getResults().back(), status);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();
    auto ret = cast<func::ReturnOp>(entry.getTerminator());
    SmallVector<Value> results(ret.getOperands());
    results.push_back(status);
    ret->setOperands(results);
  }
  return success();
}

/// Every key switch and bootstrap must use keys of one of `patterns`, which
/// the runtime calls name by index.
LogicalResult checkKeyPatterns(ModuleOp module,
                               ArrayRef<tfhe::KeyPattern> patterns) {
  WalkResult result = module.walk([&](Operation *op) -> WalkResult {
    std::optional<unsigned> pattern;
    if (auto keySwitch = dyn_cast<tfhe::KeySwitchOp>(op))
      pattern = tfhe::findKeyPattern(patterns, keySwitch.getKey());
    else if (auto bootstrap = dyn_cast<tfhe::BootstrapOp>(op))
      pattern = tfhe::findKeyPattern(patterns, bootstrap.getKey());
    else if (auto gather = dyn_cast<tfhe::GatherBootstrapOp>(op))
      pattern = tfhe::findKeyPattern(patterns, gather.getKey());
    else
      return WalkResult::advance();
    if (pattern)
      return WalkResult::advance();
    op->emitOpError() << "uses keys of no pattern of the module's "
                      << tfhe::kKeyPatternsAttrName;
    return WalkResult::interrupt();
  });
  return failure(result.wasInterrupted());
}

struct TFHEToRuntimePass : shade::impl::TFHEToRuntimeBase<TFHEToRuntimePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    if (failed(checkParametrized(module)))
      return signalPassFailure();
    FailureOr<SmallVector<tfhe::KeyPattern>> keyPatterns =
        tfhe::readKeyPatterns(module);
    if (failed(keyPatterns) || failed(checkKeyPatterns(module, *keyPatterns)))
      return signalPassFailure();
    addRuntimeContexts(module);

    TorusTypeConverter converter;
    ConversionTarget target(*context);
    target.addIllegalDialect<tfhe::TFHEDialect>();
    // tensor.concat does not bufferize: every concat, clear ones too,
    // becomes insertions into a new tensor.
    target.addIllegalOp<tensor::ConcatOp>();
    addTypeLegality(target, converter);

    RewritePatternSet patterns(context);
    populateFunctionTypeConversionPatterns(converter, patterns);
    populateCiphertextPatterns(converter, patterns);
    populateRuntimeCallPatterns(converter, *keyPatterns, patterns);
    populateTensorPatterns(converter, patterns);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      return signalPassFailure();
    if (failed(addStatusResults(module)))
      signalPassFailure();
  }
};

} // namespace

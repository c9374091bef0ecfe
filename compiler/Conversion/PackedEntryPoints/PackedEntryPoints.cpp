// --shade-packed-entry-points: one C signature for every compiled program,
// `int32_t _shade_packed_<f>(shade_rt_context *, void **arguments)`.

#include "compiler/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace shade {
#define GEN_PASS_DEF_PACKEDENTRYPOINTS
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace {

struct PackedEntryPointsPass
    : shade::impl::PackedEntryPointsBase<PackedEntryPointsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<LLVM::LLVMFuncOp> entryPoints;
    for (auto func : module.getOps<LLVM::LLVMFuncOp>())
      if (!func.isExternal() && !func.isPrivate() &&
          !func.getName().starts_with(shade::kPackedEntryPointPrefix))
        entryPoints.push_back(func);
    for (LLVM::LLVMFuncOp func : entryPoints)
      if (failed(addPackedEntryPoint(module, func)))
        return signalPassFailure();
  }

  static LogicalResult addPackedEntryPoint(ModuleOp module,
                                           LLVM::LLVMFuncOp func) {
    MLIRContext *context = module.getContext();
    auto pointer = LLVM::LLVMPointerType::get(context);
    auto i32 = IntegerType::get(context, 32);
    LLVM::LLVMFunctionType type = func.getFunctionType();
    if (type.getReturnType() != i32 || type.getNumParams() == 0 ||
        type.getParamType(0) != pointer || type.isVarArg())
      return func.emitOpError()
             << "has no packed entry point: a compiled function takes the "
                "runtime context (!llvm.ptr) first and returns an i32 status";

    OpBuilder builder(context);
    builder.setInsertionPointAfter(func);
    Location loc = func.getLoc();
    auto packed = builder.create<LLVM::LLVMFuncOp>(
        loc, (shade::kPackedEntryPointPrefix + func.getName()).str(),
        LLVM::LLVMFunctionType::get(i32, {pointer, pointer}));
    Block *entry = packed.addEntryBlock(builder);
    builder.setInsertionPointToStart(entry);
    Value runtimeContext = entry->getArgument(0);
    Value arguments = entry->getArgument(1);
    SmallVector<Value> callArguments = {runtimeContext};
    for (unsigned index = 1; index < type.getNumParams(); ++index) {
      Value slot = builder.create<LLVM::GEPOp>(
          loc, pointer, pointer, arguments,
          ArrayRef<LLVM::GEPArg>{int32_t(index - 1)});
      Value address = builder.create<LLVM::LoadOp>(loc, pointer, slot);
      Type parameter = type.getParamType(index);
      callArguments.push_back(
          parameter == pointer
              ? address
              : builder.create<LLVM::LoadOp>(loc, parameter, address)
                    .getResult());
    }
    auto call = builder.create<LLVM::CallOp>(loc, func, callArguments);
    builder.create<LLVM::ReturnOp>(loc, call.getResult());
    return success();
  }
};

} // namespace

#include "compiler/Execution/JitProgram.h"
#include "compiler/Execution/Codegen.h"

#include "shade/runtime/CApi.h"

#include "llvm/ExecutionEngine/Orc/Mangling.h"

namespace shade::execution {

llvm::Expected<std::unique_ptr<JitProgram>>
JitProgram::create(mlir::ModuleOp module, unsigned optLevel) {
  registerTranslations(*module.getContext());
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> targetMachine =
      createHostTargetMachine();
  if (!targetMachine)
    return targetMachine.takeError();
  llvm::TargetMachine &machine = **targetMachine;
  auto optimize = [&](llvm::Module *llvmModule) {
    return optimizeModule(*llvmModule, machine, optLevel);
  };
  mlir::ExecutionEngineOptions options;
  options.transformer = optimize;
  options.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  dropForeignAttributes(module);
  auto engine = mlir::ExecutionEngine::create(module, options);
  if (!engine)
    return engine.takeError();
  // The runtime functions compiled code calls (RuntimeCallPatterns.cpp), from
  // the runtime linked into this process; each takes the index of its key
  // pattern after the context (CApi.h).
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    auto add = [&](llvm::StringRef name, auto *function) {
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(function),
                                 llvm::JITSymbolFlags::Exported};
    };
    add("shade_rt_keyswitch_batch", &shade_rt_keyswitch_batch);
    add("shade_rt_bootstrap_tables", &shade_rt_bootstrap_tables);
    add("shade_rt_keyswitch_bootstrap_tables",
        &shade_rt_keyswitch_bootstrap_tables);
    return symbols;
  });
  return std::unique_ptr<JitProgram>(new JitProgram(std::move(*engine)));
}

llvm::Expected<PackedEntryPoint>
JitProgram::lookup(llvm::StringRef name) const {
  llvm::Expected<void *> address =
      engine->lookup(getPackedEntryPointName(name));
  if (!address)
    return address.takeError();
  return reinterpret_cast<PackedEntryPoint>(*address);
}

} // namespace shade::execution

//===- Run.cpp - Compiling just in time and running on fresh keys ---------===//

#include "compiler/Driver/Execute.h"
#include "compiler/Driver/ProgramImpl.h"

#include "compiler/Execution/JitProgram.h"

namespace shade {

Values Program::run(const Values &inputs, const ExecuteOptions &options,
                    const std::string &source) const {
  mlir::OwningOpRef<mlir::ModuleOp> lowered = impl->lowerToLLVMDialect();
  auto program = execution::JitProgram::create(*lowered, kOptLevel);
  if (!program)
    throw Error(impl->source + ": the JIT compilation failed: " +
                llvm::toString(program.takeError()));
  auto entryPoint = (*program)->lookup(impl->spec.function);
  if (!entryPoint)
    throw Error(impl->source + ": " + llvm::toString(entryPoint.takeError()));

  SecretKeys keys = SecretKeys::generate(impl->spec);
  Ciphertexts args = keys.encrypt(impl->spec, inputs, source);
  EvaluationKeys evaluationKeys = keys.makeEvaluationKeys();
  Ciphertexts results = driver::Access::make(driver::executeCompiled(
      impl->spec, *entryPoint, driver::Access::get(evaluationKeys),
      driver::Access::get(args).tensors, options, source));
  return keys.decrypt(impl->spec, results, "results");
}

} // namespace shade

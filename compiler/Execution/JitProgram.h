// A program compiled in memory by MLIR's ExecutionEngine.

#ifndef SHADE_COMPILER_EXECUTION_JITPROGRAM_H
#define SHADE_COMPILER_EXECUTION_JITPROGRAM_H

#include "compiler/Execution/EntryPoint.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"

#include <memory>

namespace shade::execution {

class JitProgram {
public:
  /// Compiles an LLVM-dialect module (after the lowering pipeline) for the
  /// host at `optLevel`. The runtime functions the code calls resolve to
  /// those of this process.
  static llvm::Expected<std::unique_ptr<JitProgram>>
  create(mlir::ModuleOp module, unsigned optLevel = 3);

  /// The packed entry point of function `name`.
  llvm::Expected<PackedEntryPoint> lookup(llvm::StringRef name) const;

private:
  explicit JitProgram(std::unique_ptr<mlir::ExecutionEngine> engine)
      : engine(std::move(engine)) {}

  std::unique_ptr<mlir::ExecutionEngine> engine;
};

} // namespace shade::execution

#endif // SHADE_COMPILER_EXECUTION_JITPROGRAM_H

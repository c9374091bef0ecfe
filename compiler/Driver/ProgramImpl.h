//===- ProgramImpl.h - The state of a compiled program ----------*- C++ -*-===//

#ifndef SHADE_COMPILER_DRIVER_PROGRAMIMPL_H
#define SHADE_COMPILER_DRIVER_PROGRAMIMPL_H

#include "shade/Shade.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/ThreadPool.h"

#include <memory>

namespace shade {

/// The LLVM optimization level of compiled programs.
inline constexpr unsigned kOptLevel = 3;

struct Program::Impl {
  Impl(const CompileOptions &options, std::string source);

  /// A copy of the analysed module lowered to the LLVM dialect. Errors name
  /// the source.
  mlir::OwningOpRef<mlir::ModuleOp> lowerToLLVMDialect() const;

  CompileOptions options;
  /// The program's file name, for errors.
  std::string source;
  /// Null when compiling on one thread.
  std::unique_ptr<llvm::DefaultThreadPool> threadPool;
  mlir::MLIRContext context;
  /// The analysed module: fhe/fhelinalg with widths, ranges and parameters.
  mlir::OwningOpRef<mlir::ModuleOp> module;
  ClientSpec spec;
};

} // namespace shade

#endif // SHADE_COMPILER_DRIVER_PROGRAMIMPL_H

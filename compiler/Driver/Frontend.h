//===- Frontend.h - From a program file to analysed IR ----------*- C++ -*-===//
//
// Reads a graph file or an MLIR file into a module holding the one public
// function to compile, and describes that function's inputs and outputs
// once the analyses have run.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_DRIVER_FRONTEND_H
#define SHADE_COMPILER_DRIVER_FRONTEND_H

#include "shade/Shade.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace shade::driver {

/// Whether `source` names a graph file rather than an MLIR file: a `.json`
/// extension, or, without a known extension, text that starts with `{`.
bool isGraphSource(const std::string &source, const std::string &text);

/// Parses `text` into a module whose only public function is the one to
/// compile (`function`, or the only public func.func of an MLIR file).
/// Errors name `source` and where in it.
mlir::OwningOpRef<mlir::ModuleOp> parseProgram(mlir::MLIRContext &context,
                                               const std::string &text,
                                               const std::string &source,
                                               const std::string &function);

/// The public function of a module returned by parseProgram.
mlir::func::FuncOp getEntryFunction(mlir::ModuleOp module);

/// The inputs, outputs and report of the analysed entry function. Graph
/// inputs and outputs keep their names (`fhe.name`); those of an MLIR
/// function are arg0, arg1, ... and result0, result1, ...
ClientSpec describeProgram(mlir::ModuleOp module, bool isGraph,
                           const std::string &source);

} // namespace shade::driver

#endif // SHADE_COMPILER_DRIVER_FRONTEND_H

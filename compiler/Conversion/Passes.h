#ifndef SHADE_COMPILER_CONVERSION_PASSES_H
#define SHADE_COMPILER_CONVERSION_PASSES_H

#include "dialects/TFHE/IR/TFHEDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace shade {

/// The prefix --shade-packed-entry-points gives the entry point it adds for
/// each function: `_shade_packed_<name>`.
inline constexpr llvm::StringLiteral kPackedEntryPointPrefix = "_shade_packed_";

#define GEN_PASS_DECL
#include "compiler/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Conversion/Passes.h.inc"

} // namespace shade

#endif // SHADE_COMPILER_CONVERSION_PASSES_H

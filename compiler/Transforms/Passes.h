#ifndef SHADE_COMPILER_TRANSFORMS_PASSES_H
#define SHADE_COMPILER_TRANSFORMS_PASSES_H

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/TFHE/IR/TFHEDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace shade {

#define GEN_PASS_DECL
#include "compiler/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Transforms/Passes.h.inc"

namespace analysis {
class RangeAnalysis;
} // namespace analysis

/// Assigns bit widths as --shade-assign-bit-widths does, from the ranges of
/// `ranges`, which it first records on `func` as `fhe.range` attributes (on
/// the ops and the arguments). `maxWidth` 0 stands for the largest width the
/// parameter search can bootstrap. Emits errors on `func` and fails as the
/// pass does.
mlir::LogicalResult assignBitWidths(mlir::func::FuncOp func,
                                    const analysis::RangeAnalysis &ranges,
                                    unsigned maxWidth = 0);

/// Replaces `op` by levelled ops and lookup tables as
/// --shade-decompose-encrypted-ops does, and does nothing to ops it does not
/// decompose. The types of `op`'s operands and result must be final and the
/// ranges recorded. `roundingShift` gives the number of bits a round drops
/// when its types no longer say it (the width pass changes them).
mlir::LogicalResult
decomposeEncryptedOp(mlir::Operation *op,
                     std::optional<unsigned> roundingShift = std::nullopt);

} // namespace shade

#endif // SHADE_COMPILER_TRANSFORMS_PASSES_H

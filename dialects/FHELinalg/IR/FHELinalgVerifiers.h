// Verification steps shared by several fhelinalg operations. Internal to the
// dialect library.

#ifndef SHADE_DIALECTS_FHELINALG_IR_FHELINALGVERIFIERS_H
#define SHADE_DIALECTS_FHELINALG_IR_FHELINALGVERIFIERS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <utility>

namespace shade::fhelinalg {

/// A value with the name the operation's syntax gives it ("lhs", "result").
using NamedValue = std::pair<llvm::StringRef, mlir::Value>;

/// The integers of an `I64ArrayAttr`.
llvm::SmallVector<int64_t> getI64Values(mlir::ArrayAttr array);

/// Checks that the ranked tensor result of `op` has shape `expected`;
/// `origin` says where that shape comes from (e.g. "the broadcast of the
/// operand shapes").
mlir::LogicalResult verifyResultShape(mlir::Operation *op,
                                      llvm::ArrayRef<int64_t> expected,
                                      llvm::StringRef origin);

/// Checks that every value of `values` whose element type (or type, for a
/// scalar) is an encrypted integer has the same one.
mlir::LogicalResult
verifySameEncryptedElementType(mlir::Operation *op,
                               llvm::ArrayRef<NamedValue> values);

/// The verifiers of the operation classes defined in FHELinalgOps.td. They
/// take the operation's operands as `lhs` and `rhs` and its one result.
mlir::LogicalResult verifyBroadcastingBinaryOp(mlir::Operation *op);
mlir::LogicalResult verifyDotOp(mlir::Operation *op);
mlir::LogicalResult verifyMatmulOp(mlir::Operation *op);

} // namespace shade::fhelinalg

#endif // SHADE_DIALECTS_FHELINALG_IR_FHELINALGVERIFIERS_H

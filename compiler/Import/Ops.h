// The vocabulary of graph ops (docs/graph-import.md) and the scalar semantics
// of the element-wise ones, exact on int64 as numpy computes them: a result
// that does not fit int64 is an error rather than a wrapped value.

#ifndef SHADE_COMPILER_IMPORT_OPS_H
#define SHADE_COMPILER_IMPORT_OPS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace shade::import {

enum class OpKind {
  Constant,
  // Element-wise on two operands, with broadcasting.
  Add,
  Subtract,
  Multiply,
  Maximum,
  Minimum,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Equal,
  NotEqual,
  BitwiseAnd,
  BitwiseOr,
  BitwiseXor,
  // Element-wise on three operands, with broadcasting: where(cond, a, b).
  Where,
  // Element-wise on one operand.
  Negative,
  Abs,
  Square,
  Relu,
  Clip,
  FloorDivide,
  LeftShift,
  RightShift,
  RoundBits,
  Lut,
  // Products and reductions.
  Dot,
  Matmul,
  Sum,
  Conv2d,
  Maxpool2d,
  // Layout.
  Reshape,
  Transpose,
  Concatenate,
  BroadcastTo,
  ExpandDims,
  Squeeze,
  Flatten,
  Slice,
};

/// The name of the op in graph files, e.g. "floor_divide".
llvm::StringRef getOpName(OpKind kind);
/// The op named `name` in graph files, if any.
std::optional<OpKind> parseOpName(llvm::StringRef name);

bool isElementwiseBinary(OpKind kind);
bool isComparison(OpKind kind);
/// bitwise_and, bitwise_or and bitwise_xor.
bool isBitwise(OpKind kind);
bool isElementwiseUnary(OpKind kind);

/// An element-wise op on one operand with its attributes.
struct UnaryOp {
  OpKind kind;
  /// The divisor of floor_divide, the bits of a shift, the lsbs of
  /// round_bits or the offset of lut.
  int64_t parameter = 0;
  /// The bounds of clip (numpy's None when absent).
  std::optional<int64_t> min, max;
  /// The entries of lut.
  std::vector<int64_t> table;
  /// round_bits with "exactness": "approximate": the encrypted result may be
  /// the neighbouring multiple near a midpoint. Its clear value is the exact
  /// one.
  bool approximate = false;
};

/// `kind` (an element-wise binary op) on two integers.
llvm::Expected<int64_t> applyBinary(OpKind kind, int64_t lhs, int64_t rhs);

/// `op` on one integer.
llvm::Expected<int64_t> applyUnary(const UnaryOp &op, int64_t value);

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_OPS_H

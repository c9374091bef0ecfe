// What --shade-decompose-encrypted-ops turns an op into, as far as the
// bit-width assignment needs to know before the op is decomposed, and the
// lookup tables the decomposition builds. See docs/analyses.md.

#ifndef SHADE_COMPILER_ANALYSIS_DECOMPOSITION_H
#define SHADE_COMPILER_ANALYSIS_DECOMPOSITION_H

#include "compiler/Analysis/Interval.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace shade::analysis {

/// The values an op's decomposition creates, by the width class they join.
struct DecompositionHeadroom {
  /// Whether --shade-decompose-encrypted-ops rewrites the op.
  bool decomposed = false;
  /// Ranges of the new values levelled with the op's encrypted operands
  /// (e.g. a + b and a - b for a product).
  llvm::SmallVector<Interval, 2> operandClass;
  /// Ranges of the new values levelled with the op's result (e.g.
  /// floor((a+b)^2/4) and floor((a-b)^2/4) for a product).
  llvm::SmallVector<Interval, 3> resultClass;
  /// Whether the result is levelled with the operands (max(a, b) is
  /// b + relu(a - b)).
  bool resultTiedToOperands = false;
  /// The encrypted operands levelled with the result rather than with the
  /// other operands (the bias of a conv2d, added to its products).
  llvm::SmallVector<unsigned, 1> resultLevelledOperands;
};

/// The headroom of `op` given the hulls of its operands' ranges (in operand
/// order; entries for clear operands are ignored). An op that is not
/// decomposed gets `decomposed = false`. Emits an error on the op and fails
/// when a range overflows 64-bit integers.
mlir::FailureOr<DecompositionHeadroom>
decompositionHeadroom(mlir::Operation *op,
                      llvm::ArrayRef<Interval> operandHulls);

/// The headroom of a product of values of ranges `a` and `b`, decomposed as
/// floor((a+b)^2/4) - floor((a-b)^2/4): operandClass holds the ranges of
/// a + b and a - b, resultClass those of the two quarter squares and of the
/// product, in that order. std::nullopt on int64_t overflow.
std::optional<DecompositionHeadroom> productHeadroom(Interval a, Interval b);

/// floor(x^2 / 4): a product is floor((a+b)^2/4) - floor((a-b)^2/4), exactly,
/// since a + b and a - b have the same parity.
std::optional<int64_t> quarterSquare(int64_t x);
/// The values of quarterSquare over `x`.
std::optional<Interval> quarterSquare(Interval x);
/// max(x, 0).
Interval relu(Interval x);

/// The 2^w entries of a lookup table for an input of encrypted element type
/// `inputType` (width w): the entry for the bit pattern of each value v in
/// `reachable` is `entry(v)`, the others are 0. `reachable` must lie in the
/// type's range. std::nullopt when `entry` returns std::nullopt for a
/// reachable value.
std::optional<llvm::SmallVector<int64_t>>
buildLookupTable(mlir::Type inputType, Interval reachable,
                 llvm::function_ref<std::optional<int64_t>(int64_t)> entry);

/// The table of `entries`: an `arith.constant` of one dimension of `i64`,
/// with the `fhe.range` of their hull.
mlir::Value createTableConstant(mlir::OpBuilder &builder, mlir::Location loc,
                                llvm::ArrayRef<int64_t> entries);

/// The narrowest way for a table to read values of `range`: their least
/// type (unsigned when no value is negative), or `[0, hi - lo]` unsigned,
/// after adding `offset = -lo`, when that takes fewer bits.
struct TableReading {
  unsigned width;
  bool isSigned;
  int64_t offset;

  mlir::Type getType(mlir::MLIRContext *context) const;
};
TableReading tableReading(Interval range);

/// A value as a lookup table reads it: `value` is the input plus `offset`.
struct NarrowedInput {
  mlir::Value value;
  int64_t offset;
};

/// `input`, a tensor of encrypted integers of range `range`, as a lookup
/// table reads it: rescaled by 2^0, with the offset of its tableReading, to
/// that reading's type when its own type is wider (levelled,
/// docs/analyses.md), else `input` itself.
NarrowedInput narrowForLookup(mlir::OpBuilder &builder, mlir::Location loc,
                              mlir::Value input, Interval range);

} // namespace shade::analysis

#endif // SHADE_COMPILER_ANALYSIS_DECOMPOSITION_H

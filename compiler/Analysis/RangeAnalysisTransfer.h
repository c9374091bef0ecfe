// The transfer functions of the range analysis, one file per op family.
// Internal to ShadeAnalysis.

#ifndef SHADE_COMPILER_ANALYSIS_RANGEANALYSISTRANSFER_H
#define SHADE_COMPILER_ANALYSIS_RANGEANALYSISTRANSFER_H

#include "compiler/Analysis/RangeAnalysis.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace shade::analysis::detail {

/// An op being analysed, with the ranges of its operands.
struct TransferContext {
  mlir::Operation *op;
  llvm::ArrayRef<const RangeInfo *> operands;
  int64_t maxTrackedElements;

  const RangeInfo &operand(unsigned index) const { return *operands[index]; }
  /// Whether a tensor of this shape keeps one interval per element.
  bool tracks(llvm::ArrayRef<int64_t> shape) const;
  /// Emits "range overflows 64-bit integers" on the op and returns failure.
  mlir::LogicalResult overflow() const;
};

using TransferResult = mlir::FailureOr<RangeInfo>;

/// Each returns std::nullopt when the op is not of its family; otherwise the
/// range of the op's single result, or failure after an error on the op.
std::optional<TransferResult> inferElementwise(const TransferContext &ctx);
std::optional<TransferResult> inferLookupTable(const TransferContext &ctx);
std::optional<TransferResult> inferLinalg(const TransferContext &ctx);
std::optional<TransferResult> inferLayout(const TransferContext &ctx);
std::optional<TransferResult> inferClearArith(const TransferContext &ctx);

/// The integers of an array attribute of integers.
llvm::SmallVector<int64_t> integersOf(mlir::ArrayAttr array);
/// `axis` counted from the last of `rank` dimensions when negative.
int64_t normalizeAxis(int64_t axis, int64_t rank);

/// The shape of a value: its tensor shape, or empty for a scalar.
llvm::ArrayRef<int64_t> shapeOf(mlir::Value value);
/// The element type of a tensor, or the type of a scalar.
mlir::Type elementTypeOf(mlir::Value value);
int64_t numElements(llvm::ArrayRef<int64_t> shape);
/// Row-major strides of a shape.
llvm::SmallVector<int64_t> rowMajorStrides(llvm::ArrayRef<int64_t> shape);
/// For each dimension of `result`, the stride in a row-major tensor of shape
/// `operand` that numpy broadcasting stretches to `result` (0 where
/// broadcast).
llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> operand,
                                            llvm::ArrayRef<int64_t> result);
/// Calls `body(index)` for every multi-index of `shape` in row-major order.
void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  llvm::function_ref<void(llvm::ArrayRef<int64_t>)> body);
/// The row-major offset of `index` with these strides.
int64_t offsetOf(llvm::ArrayRef<int64_t> index,
                 llvm::ArrayRef<int64_t> strides);

/// The range of an elementwise op of result shape `shape` whose `inputs`
/// broadcast to it: `apply` maps the operands' intervals at one position to
/// the result's (std::nullopt on overflow). Per element when an input tracks
/// its elements and the result is small enough; else from the hulls.
TransferResult mapElementwise(
    const TransferContext &ctx, llvm::ArrayRef<int64_t> shape,
    llvm::ArrayRef<const RangeInfo *> inputs,
    llvm::function_ref<std::optional<Interval>(llvm::ArrayRef<Interval>)>
        apply);

} // namespace shade::analysis::detail

#endif // SHADE_COMPILER_ANALYSIS_RANGEANALYSISTRANSFER_H

// The range analysis: the interval of every integer and encrypted value of a
// function of fhe, fhelinalg, arith and tensor ops, from the arguments'
// declared ranges, the constants and the tables. See docs/analyses.md.

#ifndef SHADE_COMPILER_ANALYSIS_RANGEANALYSIS_H
#define SHADE_COMPILER_ANALYSIS_RANGEANALYSIS_H

#include "compiler/Analysis/Interval.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <vector>

namespace shade::analysis {

/// The attribute holding a range, `fhe.range = array<i64: lo, hi>`: on a
/// function argument, its declared range; on an op, the hull of its result.
inline constexpr llvm::StringLiteral kRangeAttrName = "fhe.range";
/// `fhe.proven_range = array<i64: lo, hi>` on an op: bounds its result is
/// known to stay within although its operands' intervals do not show it
/// (b + relu(a - b) for max(a, b), the difference of the quarter squares of
/// a product), set by whoever builds such ops (the graph importer, the
/// decomposition). The range analysis intersects what it derives with it.
inline constexpr llvm::StringLiteral kProvenRangeAttrName = "fhe.proven_range";

/// The range of a scalar or of a tensor: the hull over its elements and, when
/// known and the tensor is small enough, one interval per element in
/// row-major order. A scalar has an empty shape.
class RangeInfo {
public:
  /// A value of this shape of which only the hull is known.
  RangeInfo(llvm::ArrayRef<int64_t> shape, Interval hull);
  /// One interval per element, in row-major order (as many as the shape
  /// holds); the hull is computed.
  RangeInfo(llvm::ArrayRef<int64_t> shape, std::vector<Interval> elements);

  Interval getHull() const { return hull; }
  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getNumElements() const;
  /// Whether each element has its own interval.
  bool tracksElements() const { return !elements.empty(); }
  /// The interval of the element at row-major position `index`: its own
  /// interval when tracked, else the hull.
  Interval getElement(int64_t index) const {
    return elements.empty() ? hull : elements[index];
  }
  llvm::ArrayRef<Interval> getElements() const { return elements; }
  /// The same elements under another shape of the same number of elements.
  RangeInfo reshaped(llvm::ArrayRef<int64_t> newShape) const;
  /// Every element intersected with `bound`; std::nullopt when an element
  /// has no value in it.
  std::optional<RangeInfo> boundedBy(Interval bound) const;

private:
  llvm::SmallVector<int64_t> shape;
  Interval hull;
  std::vector<Interval> elements;
};

/// The range a type holds: [0, 2^w - 1] for `!fhe.eint<w>`,
/// [-2^(w-1), 2^(w-1) - 1] for `!fhe.esint<w>` and for a clear `iN` (read as
/// two's complement; at most every int64_t), every int64_t for `index`;
/// elementwise for tensors.
/// std::nullopt for other types.
std::optional<Interval> typeRange(mlir::Type type);

/// Whether `type` is an encrypted integer or a tensor of them.
bool isEncrypted(mlir::Type type);
/// The width of `value`, an encrypted integer or a tensor of them.
unsigned encryptedWidth(mlir::Value value);
/// Whether `type` is an encrypted or signless integer, or a tensor of them:
/// the values that get an `fhe.range` attribute.
bool hasIntegerElements(mlir::Type type);

/// The `fhe.range` attribute value for `range`.
mlir::Attribute makeRangeAttr(mlir::MLIRContext *context, Interval range);
/// The interval of an `fhe.range` attribute, if `attr` is a well-formed one.
std::optional<Interval> parseRangeAttr(mlir::Attribute attr);

/// Whether the signedness cast `cast` (fhe or fhelinalg to_signed /
/// to_unsigned, of `width`-bit values) keeps the ciphertext: always for the
/// fhe casts, whose value must lie in [0, 2^(w-1)); for the fhelinalg
/// reinterpretations, when the cast's `fhe.range` lies there. Otherwise the
/// lowering bootstraps the values through an identity table.
bool isFreeSignednessCast(mlir::Operation *cast, unsigned width);

/// The declared range of argument `index` of `func`: its `fhe.range`
/// attribute, else the range of its type. Emits an error on the function and
/// fails when the attribute is malformed or lies outside the type.
mlir::FailureOr<Interval> getArgumentRange(mlir::func::FuncOp func,
                                           unsigned index);

/// The range the passes recorded for `value`: the `fhe.range` of the op
/// producing it, or the declared range of a function argument. Emits an error
/// and fails when there is none ("run --shade-infer-ranges first").
mlir::FailureOr<Interval> getRecordedRange(mlir::Value value);

/// The position in a lookup table of the encrypted `value` whose element type
/// is `type`: the value for `!fhe.eint`, its w-bit two's-complement pattern
/// for `!fhe.esint`. `value` must lie in the type's range.
int64_t lookupTableIndex(int64_t value, mlir::Type type);

/// Computes ranges op by op. `run` analyses a whole function; the importer
/// can instead set argument ranges and `visit` ops as it creates them. The
/// transfer functions do not rely on the encrypted types being unified: an
/// op's operands may have different widths, a lookup table is indexed by
/// value with its input's own type.
class RangeAnalysis {
public:
  /// Tensors with more elements keep only their hull.
  static constexpr int64_t kDefaultMaxTrackedElements = 65536;

  explicit RangeAnalysis(
      int64_t maxTrackedElements = kDefaultMaxTrackedElements)
      : maxTrackedElements(maxTrackedElements) {}

  /// Sets the range of a block argument (all its elements share it).
  void setArgumentRange(mlir::BlockArgument argument, Interval range);
  /// Sets the range (the hull of all its elements) of an op's result that the
  /// caller computed itself; `visit` then leaves it alone.
  void setRange(mlir::Value value, Interval range);

  /// Sets the ranges of the function's arguments from their attributes or
  /// types, and visits every op of its body in order.
  mlir::LogicalResult run(mlir::func::FuncOp func);

  /// Computes the ranges of `op`'s results from those of its operands. A
  /// function argument without a range gets its declared one. An op without
  /// a transfer function keeps the range of its own `fhe.range` attribute, if
  /// it has one (e.g. a linalg.generic the importer annotated). Emits an
  /// error naming the op and fails on an op without a transfer function or
  /// `fhe.range`, on an operand of unknown range, on int64_t overflow, on a
  /// lookup-table input that can reach outside its table and on a clear
  /// arith result that leaves its type (arith wraps around).
  mlir::LogicalResult visit(mlir::Operation *op);

  /// The range of a value that was visited or set.
  const RangeInfo &getRange(mlir::Value value) const;
  /// The range of `value`, or null if unknown.
  const RangeInfo *lookup(mlir::Value value) const;

  /// Writes `fhe.range` (the hull) on `op` when its result is an integer or
  /// encrypted value of known range.
  void annotate(mlir::Operation *op) const;
  /// Annotates every op of the function.
  void annotate(mlir::func::FuncOp func) const;

private:
  mlir::FailureOr<const RangeInfo *> getOperandRange(mlir::Operation *op,
                                                     unsigned index);

  int64_t maxTrackedElements;
  llvm::DenseMap<mlir::Value, RangeInfo> ranges;
  /// The values whose range the caller set with setRange.
  llvm::DenseSet<mlir::Value> presetValues;
};

} // namespace shade::analysis

#endif // SHADE_COMPILER_ANALYSIS_RANGEANALYSIS_H

// Internal to the importer: the state of one graph import and the emitters of
// each op family (GraphImporter.cpp, ImportElementwise.cpp, ImportBitwise.cpp,
// ImportProducts.cpp, ImportLayout.cpp, ImportClear.cpp,
// ImportClearReductions.cpp). See docs/graph-import.md.

#ifndef SHADE_COMPILER_IMPORT_GRAPHIMPORTER_H
#define SHADE_COMPILER_IMPORT_GRAPHIMPORTER_H

#include "compiler/Analysis/PiecewiseAffine.h"
#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Import/Graph.h"
#include "compiler/Import/Importer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace shade::import {

/// An error whose message already names the node or input at fault.
class LocatedError : public llvm::ErrorInfo<LocatedError> {
public:
  static char ID;
  explicit LocatedError(std::string message) : message(std::move(message)) {}
  void log(llvm::raw_ostream &os) const override { os << message; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  std::string message;
};

/// One element-wise op of a chain that the importer fuses into one lookup
/// table: a unary op, or a binary op with a constant operand (one value
/// everywhere) or with the chain's value on both sides.
struct ElementStep {
  const GraphNode *node;
  /// The constant operand of a binary op, and whether it is the left one.
  int64_t constant = 0;
  bool constantOnLeft = false;
  /// A binary op whose two operands are the chain's value (multiply(x, x)).
  bool onItself = false;

  /// Whether the step needs a lookup table on encrypted values (the others
  /// are levelled: +, -, * by a constant, negative and left_shift).
  bool needsTable() const;
  /// The low bits the step drops, if it is a rounding: round_bits,
  /// right_shift by at least one bit, floor_divide by a power of two.
  std::optional<int64_t> droppedBits() const;
  llvm::Expected<int64_t> apply(int64_t value) const;
};

/// A graph value during the import.
struct ImportedValue {
  enum class Kind { Constant, Clear, Encrypted };
  Kind kind = Kind::Constant;
  Shape shape;
  /// Kind::Constant: the folded value.
  ClearTensor constant;
  /// Kind::Clear and Kind::Encrypted: the IR value. Null for an encrypted
  /// value whose only user fuses it: then `chain` applied to `source`.
  mlir::Value value;
  mlir::Value source;
  std::vector<ElementStep> chain;
  /// The nodes that use the value, and whether it is an output.
  llvm::SmallVector<size_t, 2> users;
  bool isOutput = false;
};

/// The widest encrypted value: the runtime's encoding holds a message of at
/// most 62 bits under the padding bit. Lookup tables read at most `maxWidth`
/// bits (ImportOptions).
inline constexpr unsigned kMaxEncryptedWidth = 62;
/// The widest input of a table evaluated by small bootstraps (affine between
/// a few breakpoints): the contract's ops on 16-bit operands read their
/// difference, up to 18 bits.
inline constexpr unsigned kMaxWideTableWidth = 18;
/// ... and its most breakpoints: each costs a clearing of the value's low
/// bits.
inline constexpr unsigned kMaxWideTableBreakpoints = 4;
/// Narrower tables are one bootstrap: the clearing alone would cost more.
inline constexpr unsigned kMinDecomposedTableWidth = 5;
/// An evaluation by small bootstraps replaces one that a single bootstrap
/// (or two) could do only when its estimated cost, times this, is lower:
/// the estimate leaves out the key switches and the finer parameters the
/// program as a whole needs, and measured times of 5- to 9-bit relus and
/// comparisons were 1.2 to 1.5 times the estimate relative to one
/// bootstrap's.
inline constexpr double kDecomposedCostMargin = 1.5;
/// Two encrypted operands packed into one value are read by one table of at
/// most this many bits; wider pairs go digit by digit (an 8-bit table needs
/// polynomials of 32768 coefficients, four 4-bit tables of 512).
inline constexpr unsigned kMaxPackedTableWidth = 6;
/// Bitwise ops digit by digit: digits of 2 bits (pairs read by 4-bit
/// tables), on operands of up to the contract's 16 bits.
inline constexpr unsigned kBitwiseDigitBits = 2;
inline constexpr unsigned kMaxDigitwiseWidth = 16;

/// The estimated cost per element of clearing `digits` (bits each, from the
/// least significant) of a `width`-bit value (ImportDigits.cpp): its
/// extraction bootstraps, whose results must be precise at that width.
double digitClearingCost(unsigned width, llvm::ArrayRef<int64_t> digits);

class GraphImporter {
public:
  GraphImporter(mlir::MLIRContext &context, const Graph &graph,
                llvm::StringRef fileName, const ImportOptions &options);

  /// Imports the graph. The error names the node or input at fault.
  llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>> run();

private:
  // GraphImporter.cpp: the walk over the graph.
  /// Finds the kind, the shape and the users of every value, folding the
  /// nodes on constants only.
  llvm::Error classifyValues();
  llvm::Error createFunction();
  llvm::Error importNode(size_t index, const GraphNode &node);
  llvm::Error finishFunction();
  /// Names `node` in `error` unless it already names where it comes from.
  llvm::Error qualify(const GraphNode &node, llvm::Error error);
  /// The least encrypted type holding `range`, within kMaxEncryptedWidth.
  llvm::Expected<mlir::Type> getLeastEncryptedType(analysis::Interval range);
  std::string describeLocation(mlir::Location loc) const;
  llvm::Error diagnosticError();

  // Support shared by the emitters.
  mlir::Location getLoc(const GraphNode &node);
  const ImportedValue &getArg(const GraphNode &node, unsigned i) const {
    return values[node.args[i]];
  }
  /// The IR value of a constant, clear or (not fused) encrypted value.
  mlir::Value materialize(const ImportedValue &value, mlir::Location loc);
  mlir::Value createConstant(const ClearTensor &tensor, mlir::Location loc);
  mlir::RankedTensorType getClearType(llvm::ArrayRef<int64_t> shape);
  /// A tensor type of encrypted integers whose width is a placeholder until
  /// setEncryptedTypes gives the least one.
  mlir::RankedTensorType getEncryptedType(llvm::ArrayRef<int64_t> shape);
  /// Computes the ranges of `op`'s results and gives each encrypted result
  /// the least type that holds its own range.
  llvm::Error setEncryptedTypes(mlir::Operation *op);
  /// Computes the ranges of `op`'s results (clear values).
  llvm::Error visitClear(mlir::Operation *op);
  /// Records the range of a clear value computed by the importer, for ops
  /// the range analysis does not model.
  void setClearRange(mlir::Value value, analysis::Interval range);
  /// An encrypted value equal to the clear `value` (a trivial encryption).
  llvm::Expected<mlir::Value> encryptClear(mlir::Value value,
                                           mlir::Location loc);
  /// `value` as an encrypted IR value, encrypting it when clear.
  llvm::Expected<mlir::Value> materializeEncrypted(const ImportedValue &value,
                                                   mlir::Location loc);

  // ImportElementwise.cpp: element-wise ops on encrypted values.
  /// The step `node` adds to a chain of fused element-wise ops, if it is an
  /// element-wise op on one encrypted value (and constants).
  std::optional<ElementStep> getElementStep(const GraphNode &node) const;
  llvm::Error importElementwise(const GraphNode &node, ImportedValue &result);
  llvm::Error importChain(const ElementStep &step, ImportedValue &result);
  llvm::Error importBinary(const GraphNode &node, ImportedValue &result);
  llvm::Expected<mlir::Value>
  emitTable(mlir::Value source,
            llvm::function_ref<llvm::Expected<int64_t>(int64_t)> entry,
            mlir::Location loc);
  llvm::Expected<mlir::Value> emitLevelledStep(mlir::Value input,
                                               const ElementStep &step);
  /// `op`'s result typed after its range, bounded by `provenRange` when the
  /// range analysis cannot see it.
  llvm::Expected<mlir::Value>
  emitTyped(mlir::Operation *op,
            std::optional<analysis::Interval> provenRange = std::nullopt);

  /// `total` + `share` (broadcast to `shape`), or `share` when `total` is
  /// null, bounded by `provenRange`: the sums of the small bootstraps'
  /// results that make up a wide op.
  llvm::Error addShare(mlir::Value &total, mlir::Value share,
                       llvm::ArrayRef<int64_t> shape,
                       std::optional<analysis::Interval> provenRange,
                       mlir::Location loc);

  // ImportWideTables.cpp: tables on values too wide for one bootstrap.
  /// The table `entry` on `source` (whose values lie in `reachable`) as a
  /// sum of small bootstraps' results, when the table is affine between a
  /// few breakpoints; none otherwise.
  llvm::Expected<std::optional<mlir::Value>>
  emitWideTable(mlir::Value source, analysis::Interval reachable,
                llvm::function_ref<llvm::Expected<int64_t>(int64_t)> entry,
                mlir::Location loc);
  /// floor(y / 2^shift) for `difference` y: its low bits cleared by small
  /// bootstraps, then rescaled.
  llvm::Expected<mlir::Value>
  emitSignQuotient(mlir::Value difference, unsigned shift, mlir::Location loc);
  /// A digit of an encrypted value: its bits [lowBit, lowBit + bits), in
  /// place, at the value's encoding.
  struct Digit {
    mlir::Value value;
    unsigned lowBit, bits;
  };
  /// The digits of value + offset (non-negative), from the least significant.
  struct Digits {
    int64_t offset;
    llvm::SmallVector<Digit> digits;
  };

  // ImportDigits.cpp: encrypted values taken apart into digits.
  /// The digits of `value` + `offset`, of at most `digitBits` bits: a chain
  /// of clear_low_bits, each from where the previous one stopped, a digit
  /// being the difference of two consecutive results and the top digit what
  /// the last one leaves.
  /// `bits`, when given, is the width the digits cover (at least the
  /// value's own).
  llvm::Expected<Digits> emitDigits(mlir::Value value, int64_t offset,
                                    unsigned digitBits, mlir::Location loc,
                                    std::optional<unsigned> bits = {});
  /// The digits of `value` for `plan` (bits per digit from the least
  /// significant), appended to `digits`; returns `value` with them cleared.
  llvm::Expected<mlir::Value>
  emitDigitChain(mlir::Value value, llvm::ArrayRef<int64_t> plan,
                 llvm::SmallVectorImpl<Digit> &digits, mlir::Location loc);
  /// One table on two digits joined as high * 2^low.bits + low (broadcast
  /// to `shape`), giving `entry(high, low)` of the digits' values.
  llvm::Expected<mlir::Value> emitDigitPair(
      const Digit &high, const Digit &low, llvm::ArrayRef<int64_t> shape,
      llvm::function_ref<int64_t(int64_t, int64_t)> entry, mlir::Location loc);
  /// lhs * rhs (encrypted, broadcast to `shape`) as the sum of one table per
  /// pair of their digits, when the quarter squares cannot be read by a
  /// table or cost clearly more; none otherwise.
  llvm::Expected<std::optional<mlir::Value>>
  emitDigitProduct(mlir::Value lhs, mlir::Value rhs,
                   llvm::ArrayRef<int64_t> shape, mlir::Location loc);

  /// a * x^2 + b * x + c for `source` x: one table per digit and one per
  /// pair of digits of x - x.lo, when a table cannot read x or that is
  /// clearly dearer; none otherwise.
  llvm::Expected<std::optional<mlir::Value>>
  emitDigitQuadratic(mlir::Value source, const analysis::Quadratic &quadratic,
                     mlir::Location loc);

  /// base + [y >= 0] * jump for `difference` y, `shift` being the least
  /// with y in [-2^shift, 2^shift).
  llvm::Expected<mlir::Value> emitStep(mlir::Value difference, unsigned shift,
                                       int64_t jump, int64_t base,
                                       mlir::Location loc);
  /// base + [y >= 0] * (jump + slopeChange * y): y's digits, each masked by
  /// its sign in one small table.
  llvm::Expected<mlir::Value>
  emitMaskedDifference(mlir::Value difference, unsigned shift,
                       const analysis::Breakpoint &breakpoint, int64_t base,
                       mlir::Location loc);
  /// `steps`, levelled ones, applied to `input` one op each.
  llvm::Expected<mlir::Value>
  emitLevelledSteps(mlir::Value input, llvm::ArrayRef<ElementStep> steps);
  /// `steps` applied to one integer; an error names the step's node.
  llvm::Expected<int64_t> applySteps(llvm::ArrayRef<ElementStep> steps,
                                     int64_t value);
  /// The chain from `first`, a rounding step (round_bits, right_shift,
  /// floor_divide by a power of two), applied to `input`: its low bits
  /// cleared by small bootstraps, then the rest of the chain on the narrow
  /// quotient (docs/graph-import.md, "Rounding").
  llvm::Expected<mlir::Value> emitRounding(mlir::Value input,
                                           llvm::ArrayRef<ElementStep> steps);
  /// `op` (+, -, *) of lhs and rhs, at least one encrypted, broadcast to
  /// `shape`; bounded by `provenRange` when the intervals of the operands
  /// overestimate the result's.
  llvm::Expected<mlir::Value> emitBinaryLevelled(
      OpKind op, mlir::Value lhs, bool lhsEncrypted, mlir::Value rhs,
      bool rhsEncrypted, llvm::ArrayRef<int64_t> shape, mlir::Location loc,
      std::optional<analysis::Interval> provenRange = std::nullopt);

  // ImportBitwise.cpp: bitwise ops (other than chain steps) and where on
  // encrypted values.
  llvm::Error importBitwise(const GraphNode &node, ImportedValue &result);
  /// `op` (a bitwise op) of two encrypted values, digit by digit when their
  /// packing into one table would need more than kMaxPackedTableWidth bits:
  /// one table per pair of aligned digits. None otherwise.
  llvm::Expected<std::optional<mlir::Value>>
  emitDigitwiseBitwise(OpKind op, mlir::Value lhs, mlir::Value rhs,
                       llvm::ArrayRef<int64_t> shape, mlir::Location loc);
  llvm::Error importWhere(const GraphNode &node, ImportedValue &result);
  /// `function(a, b)` element-wise on two encrypted values (broadcast
  /// together), as one lookup table on a value packing both by levelled ops.
  /// The table reads about the widths of both operands together.
  llvm::Expected<mlir::Value> emitBivariateTable(
      mlir::Value lhs, mlir::Value rhs,
      llvm::function_ref<llvm::Expected<int64_t>(int64_t, int64_t)> function,
      mlir::Location loc);

  // ImportProducts.cpp: dot, matmul, sum, conv2d and maxpool2d on encrypted
  // values.
  llvm::Error importProduct(const GraphNode &node, ImportedValue &result);
  llvm::Expected<mlir::Value> wrapScalar(mlir::Value scalar,
                                         mlir::Location loc);

  // ImportLayout.cpp: layout ops, on clear and encrypted values.
  llvm::Error importLayout(const GraphNode &node, ImportedValue &result);
  llvm::Expected<mlir::Value> reshapeValue(mlir::Value value,
                                           llvm::ArrayRef<int64_t> shape,
                                           mlir::Location loc);
  llvm::Expected<mlir::Value> concatValues(llvm::ArrayRef<mlir::Value> inputs,
                                           int64_t axis,
                                           llvm::ArrayRef<int64_t> shape,
                                           mlir::Location loc);
  llvm::Expected<mlir::Value> sliceValue(mlir::Value value,
                                         llvm::ArrayRef<SliceDim> dims,
                                         mlir::Location loc);
  /// Types the result of a layout op: encrypted results get their least
  /// type, clear ones their range.
  llvm::Error finishLayoutOp(mlir::Operation *op);

  // ImportClear.cpp: the other ops on clear values given at run time.
  llvm::Error importClear(const GraphNode &node, ImportedValue &result);
  llvm::Expected<mlir::Value> broadcastClear(mlir::Value value,
                                             llvm::ArrayRef<int64_t> shape,
                                             mlir::Location loc);
  llvm::Expected<mlir::Value>
  emitClearLookup(const GraphNode &node, mlir::Value input, mlir::Location loc);

  // ImportClearReductions.cpp: products, sums and pooling of clear values
  // given at run time, as linalg.generic ops.
  llvm::Expected<mlir::Value> emitClearReduction(const GraphNode &node,
                                                 llvm::ArrayRef<int64_t> shape,
                                                 mlir::Location loc);
  llvm::Expected<mlir::Value> emitClearMatmul(const GraphNode &node,
                                              llvm::ArrayRef<int64_t> shape,
                                              mlir::Location loc);
  llvm::Expected<mlir::Value> emitClearSum(const GraphNode &node,
                                           llvm::ArrayRef<int64_t> shape,
                                           mlir::Location loc);
  llvm::Expected<mlir::Value> emitClearConv2d(const GraphNode &node,
                                              llvm::ArrayRef<int64_t> shape,
                                              mlir::Location loc);
  llvm::Expected<mlir::Value> emitClearMaxpool2d(const GraphNode &node,
                                                 llvm::ArrayRef<int64_t> shape,
                                                 mlir::Location loc);
  /// `value` inside a tensor of `fill` padded as `pads` [top, left, bottom,
  /// right] says along its last two dimensions.
  llvm::Expected<mlir::Value> padClear(mlir::Value value,
                                       llvm::ArrayRef<int64_t> pads,
                                       int64_t fill, mlir::Location loc);

  mlir::MLIRContext &context;
  const Graph &graph;
  std::string fileName;
  unsigned maxWidth;
  mlir::OpBuilder builder;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  mlir::func::FuncOp func;
  analysis::RangeAnalysis ranges;
  std::vector<ImportedValue> values;
  /// The node names and input names of the locations, for errors.
  llvm::StringMap<size_t> valueIndices;
  /// The first error diagnostic the analyses emitted.
  std::optional<std::pair<mlir::Location, std::string>> diagnostic;
  /// The values whose low bits a rounding cleared, with the number of bits:
  /// tables read them through their quotient.
  llvm::DenseMap<mlir::Value, int64_t> clearedBits;
  /// The arith.constant of each folded constant value already emitted.
  llvm::DenseMap<const ImportedValue *, mlir::Value> constantOps;
};

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_GRAPHIMPORTER_H

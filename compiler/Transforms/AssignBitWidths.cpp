// --shade-assign-bit-widths: every encrypted value gets the least width and
// signedness that holds its range, one encoding per class of values tied by
// levelled ops. See docs/analyses.md, "Bit widths".

#include "compiler/Analysis/Decomposition.h"
#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/IntEqClasses.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace shade {
#define GEN_PASS_DEF_ASSIGNBITWIDTHS
#include "compiler/Transforms/Passes.h.inc"
} // namespace shade

using namespace mlir;
using namespace shade::analysis;

namespace shade {
namespace {

/// A range some value of a class must hold, and whom to blame when it is too
/// wide: the op that produces it (or whose decomposition does), or a function
/// argument.
struct Requirement {
  unsigned value;
  Interval range;
  Operation *op;
  std::optional<unsigned> argument;
};

/// A signedness cast whose input values change (e.g. to_signed of 200 at 8
/// bits gives -56): it only means that at its current width.
struct WrappingCast {
  unsigned value;
  unsigned width;
  Operation *op;
};

/// The encoding chosen for one encrypted value.
struct Encoding {
  unsigned width;
  bool isSigned;
};

/// An op whose result is its input divided by 2^shift in another encoding
/// (fhelinalg.rescale, and a round decomposed into one): the input's width
/// must be at least the result's plus the shift.
struct ShiftedEncoding {
  unsigned input;
  unsigned result;
  unsigned shift;
  Operation *op;
};

/// The input of a lookup table, its own range and how a table reads it: a
/// lookup reads its input at that width, narrowed from the input's class
/// when the class is wider.
struct LookupInput {
  Operation *op;
  Interval range;
  TableReading reading;
};

/// The widest value a levelled class may hold: the encoding of the runtime
/// places a message of at most 62 bits under the padding bit. Whether the
/// parameters decode it is the parameter search's question.
constexpr unsigned kMaxLevelledWidth = 62;

class WidthAssignment {
public:
  WidthAssignment(func::FuncOp func, unsigned maxBootstrapWidth)
      : func(func), maxBootstrapWidth(maxBootstrapWidth) {}

  LogicalResult run() {
    if (!func.getBody().hasOneBlock())
      return func.emitOpError() << "needs a body of one block";
    // A quotient levelled with what it divides (x + (x >> 3)) cannot share
    // its encoding: it goes through a table that re-encodes it, and the
    // classes are formed again.
    llvm::SmallPtrSet<Operation *, 4> reencoded;
    while (true) {
      if (failed(collect()))
        return failure();
      if (succeeded(solve()))
        break;
      if (!blockedShift)
        return failure();
      if (!reencoded.insert(blockedShift).second)
        return blockedShift->emitOpError()
               << "divides values into an encoding that its input's class "
                  "cannot be widened to hold";
      reencodeThroughTable(blockedShift);
      reset();
    }
    if (failed(checkTables()))
      return failure();
    return rewrite();
  }

private:
  unsigned addValue(Value value) {
    ids[value] = values.size();
    values.push_back(value);
    return values.size() - 1;
  }
  LogicalResult collect();
  LogicalResult collectOp(Operation *op);
  LogicalResult solve();
  LogicalResult checkTables();
  LogicalResult rewrite();
  void rewriteLookupTable(Operation *op);
  LogicalResult rewriteRound(Operation *op);
  LogicalResult rewriteProduct(Operation *op);
  void rewriteCast(Operation *op);
  void narrowLookupInput(const LookupInput &lookup);
  void reencodeThroughTable(Operation *op);
  void reset();
  LogicalResult checkWidthLimits(llvm::IntEqClasses &levelled,
                                 llvm::IntEqClasses &widthGroups,
                                 ArrayRef<bool> classSigned,
                                 SmallVector<unsigned> &groupWidth,
                                 ArrayRef<const Requirement *> widest);
  LogicalResult widenShiftedInputs(llvm::IntEqClasses &widthGroups,
                                   SmallVector<unsigned> &groupWidth);
  Type encodedType(unsigned value) const;
  FailureOr<Interval> rangeOfValue(Value value) const;

  func::FuncOp func;
  /// The widest input a lookup table may read.
  unsigned maxBootstrapWidth;

  SmallVector<Value> values;
  DenseMap<Value, unsigned> ids;
  /// The element type of every encrypted value before the rewrite.
  SmallVector<Type> originalTypes;
  SmallVector<Requirement> requirements;
  SmallVector<WrappingCast> wrappingCasts;
  /// Pairs of values sharing one encoding (levelled ops), and pairs sharing
  /// only the width (signedness casts).
  SmallVector<std::pair<unsigned, unsigned>> levelledTies, widthTies;
  SmallVector<ShiftedEncoding> shiftedEncodings;
  /// x + 2^(d-1) for the rounds of x, which join x's class when it is too
  /// wide for a table.
  SmallVector<Requirement> roundingOffsets;
  /// Widths some classes need whatever their values (a clear_low_bits
  /// input's: one bit more than it clears).
  SmallVector<std::pair<unsigned, unsigned>> minimumWidths;
  SmallVector<LookupInput> lookupInputs;
  /// Values that a bootstrap of a decomposed op (a product's or a maximum's
  /// table, a signedness cast that changes values) reads at their class's
  /// width: their class may be no wider than a lookup table input.
  SmallVector<unsigned> bootstrappedValues;
  SmallVector<Encoding> encodings;
  /// The offsets added to the inputs of lookups whose inputs are narrowed:
  /// the entry for narrowed value v is the old entry for v - offset.
  DenseMap<Operation *, int64_t> tableOffsets;
  /// The shifted encoding whose input class cannot be widened enough, when
  /// that is why solve() failed.
  Operation *blockedShift = nullptr;
};

void WidthAssignment::reset() {
  values.clear();
  ids.clear();
  originalTypes.clear();
  requirements.clear();
  wrappingCasts.clear();
  levelledTies.clear();
  widthTies.clear();
  shiftedEncodings.clear();
  roundingOffsets.clear();
  minimumWidths.clear();
  lookupInputs.clear();
  tableOffsets.clear();
  bootstrappedValues.clear();
  encodings.clear();
  blockedShift = nullptr;
}

/// Sends the result of `op` (a rescale or a round) to its users through an
/// identity lookup table, whose result starts a class of its own.
void WidthAssignment::reencodeThroughTable(Operation *op) {
  Value result = op->getResult(0);
  Interval range = *getRecordedRange(result);
  Type element = getElementTypeOrSelf(result);
  OpBuilder builder(op->getContext());
  builder.setInsertionPointAfter(op);
  std::optional<SmallVector<int64_t>> entries = buildLookupTable(
      element, range, [](int64_t x) { return std::optional<int64_t>(x); });
  Value table = createTableConstant(builder, op->getLoc(), *entries);
  Operation *lookup =
      isa<ShapedType>(result.getType())
          ? builder
                .create<fhelinalg::ApplyLookupTableOp>(
                    op->getLoc(), result.getType(), result, table)
                .getOperation()
          : builder
                .create<fhe::ApplyLookupTableOp>(op->getLoc(), result.getType(),
                                                 result, table)
                .getOperation();
  lookup->setAttr(kRangeAttrName, makeRangeAttr(op->getContext(), range));
  result.replaceAllUsesExcept(lookup->getResult(0), lookup);
}

FailureOr<Interval> WidthAssignment::rangeOfValue(Value value) const {
  if (!hasIntegerElements(value.getType()))
    return Interval::point(0);
  return getRecordedRange(value);
}

LogicalResult WidthAssignment::collect() {
  for (BlockArgument argument : func.getArguments()) {
    if (!isEncrypted(argument.getType()))
      continue;
    FailureOr<Interval> range = getRecordedRange(argument);
    if (failed(range))
      return failure();
    unsigned id = addValue(argument);
    requirements.push_back({id, *range, nullptr, argument.getArgNumber()});
  }
  for (Operation &op : func.getBody().getOps()) {
    for (Value result : op.getResults()) {
      if (!isEncrypted(result.getType()))
        continue;
      FailureOr<Interval> range = getRecordedRange(result);
      if (failed(range))
        return failure();
      unsigned id = addValue(result);
      requirements.push_back({id, *range, &op, std::nullopt});
    }
    if (failed(collectOp(&op)))
      return failure();
  }
  for (Value value : values)
    originalTypes.push_back(getElementTypeOrSelf(value));
  return success();
}

LogicalResult WidthAssignment::collectOp(Operation *op) {
  SmallVector<unsigned> encryptedOperands, encryptedResults;
  for (Value operand : op->getOperands())
    if (isEncrypted(operand.getType()))
      encryptedOperands.push_back(ids.lookup(operand));
  for (Value result : op->getResults())
    if (isEncrypted(result.getType()))
      encryptedResults.push_back(ids.lookup(result));
  auto tieAll = [&](ArrayRef<unsigned> group) {
    for (unsigned member : group.drop_front())
      levelledTies.push_back({group.front(), member});
  };

  // A lookup table starts a new class; a returned value keeps its own.
  if (isa<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp,
          fhelinalg::ApplyMultiLookupTableOp>(op)) {
    FailureOr<Interval> range = getRecordedRange(op->getOperand(0));
    if (failed(range))
      return failure();
    lookupInputs.push_back({op, *range, tableReading(*range)});
    return success();
  }
  if (isa<func::ReturnOp>(op))
    return success();

  // Clearing bits needs the class to hold one bit more than it clears.
  if (auto clear = dyn_cast<fhelinalg::ClearLowBitsOp>(op))
    minimumWidths.push_back(
        {encryptedOperands.front(), unsigned(clear.getBits()) + 1});

  // A rescale starts a new class, at most as wide as its input's class
  // minus the shift.
  if (auto rescale = dyn_cast<fhelinalg::RescaleOp>(op)) {
    shiftedEncodings.push_back({encryptedOperands.front(),
                                encryptedResults.front(),
                                unsigned(rescale.getShift()), op});
    return success();
  }

  // A signedness cast ties the widths of its two classes; when it changes
  // the values it casts, it also pins that width.
  if (isa<fhe::ToSignedOp, fhe::ToUnsignedOp, fhelinalg::ToSignedOp,
          fhelinalg::ToUnsignedOp>(op)) {
    unsigned input = encryptedOperands.front(), result = encryptedResults[0];
    widthTies.push_back({input, result});
    FailureOr<Interval> inputRange = getRecordedRange(op->getOperand(0));
    FailureOr<Interval> resultRange = getRecordedRange(op->getResult(0));
    if (failed(inputRange) || failed(resultRange))
      return failure();
    unsigned inputWidth =
        cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(op->getOperand(0)))
            .getWidth();
    if (*inputRange != *resultRange)
      wrappingCasts.push_back({input, inputWidth, op});
    // A tensor cast of values outside [0, 2^(w-1)) is a bootstrap of its
    // input (compiler/Conversion/FHEToTFHE).
    if (isa<fhelinalg::ToSignedOp, fhelinalg::ToUnsignedOp>(op) &&
        (inputRange->lo < 0 ||
         inputRange->hi >= (int64_t(1) << (inputWidth - 1))))
      bootstrappedValues.push_back(input);
    return success();
  }

  // A round drops d bits. When its input class is too wide for a table, the
  // round clears the low bits of x + 2^(d-1) and reads the rest at the
  // result's width: the class then holds the rounding offset and is at least
  // d bits wider than the result's.
  if (isa<fhe::RoundOp, fhelinalg::RoundOp>(op)) {
    unsigned shift =
        cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(op->getOperand(0)))
            .getWidth() -
        cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(op->getResult(0)))
            .getWidth();
    FailureOr<Interval> range = getRecordedRange(op->getOperand(0));
    if (failed(range))
      return failure();
    std::optional<Interval> offset =
        add(*range, Interval::point(int64_t(1) << (shift - 1)));
    if (!offset)
      return op->emitOpError() << "range of the rounded values overflows "
                                  "64-bit integers";
    roundingOffsets.push_back(
        {encryptedOperands.front(), *offset, op, std::nullopt});
    shiftedEncodings.push_back(
        {encryptedOperands.front(), encryptedResults.front(), shift, op});
    return success();
  }

  SmallVector<Interval> operandHulls;
  for (Value operand : op->getOperands()) {
    FailureOr<Interval> range = rangeOfValue(operand);
    if (failed(range))
      return failure();
    operandHulls.push_back(*range);
  }
  FailureOr<DecompositionHeadroom> headroom =
      decompositionHeadroom(op, operandHulls);
  if (failed(headroom))
    return failure();
  if (!headroom->decomposed) {
    SmallVector<unsigned> all(encryptedOperands);
    all.append(encryptedResults);
    if (!all.empty())
      tieAll(all);
    return success();
  }

  SmallVector<unsigned> operandClass, resultClass(encryptedResults);
  for (auto [index, operand] : llvm::enumerate(op->getOperands())) {
    if (!isEncrypted(operand.getType()))
      continue;
    if (llvm::is_contained(headroom->resultLevelledOperands, index))
      resultClass.push_back(ids.lookup(operand));
    else
      operandClass.push_back(ids.lookup(operand));
  }
  if (headroom->resultTiedToOperands) {
    operandClass.append(resultClass);
    resultClass = operandClass;
  }
  tieAll(operandClass);
  tieAll(resultClass);
  // The decomposition's tables read the operands' class.
  if (!operandClass.empty())
    bootstrappedValues.push_back(operandClass.front());
  for (Interval range : headroom->operandClass)
    requirements.push_back({operandClass.front(), range, op, std::nullopt});
  for (Interval range : headroom->resultClass)
    requirements.push_back({resultClass.front(), range, op, std::nullopt});
  return success();
}

/// The width a range needs with this signedness.
static unsigned widthFor(Interval range, bool isSigned) {
  return isSigned ? signedWidth(range) : unsignedWidth(range);
}

LogicalResult WidthAssignment::solve() {
  unsigned count = values.size();
  llvm::IntEqClasses levelled(count), widthGroups(count);
  for (auto [a, b] : levelledTies) {
    levelled.join(a, b);
    widthGroups.join(a, b);
  }
  for (auto [a, b] : widthTies)
    widthGroups.join(a, b);

  // Signedness per class, width per group.
  SmallVector<bool> classSigned(count, false);
  for (const Requirement &requirement : requirements)
    if (requirement.range.lo < 0)
      classSigned[levelled.findLeader(requirement.value)] = true;
  SmallVector<unsigned> groupWidth(count, 0);
  SmallVector<const Requirement *> widest(count, nullptr);
  for (const Requirement &requirement : requirements) {
    unsigned group = widthGroups.findLeader(requirement.value);
    unsigned width = widthFor(
        requirement.range, classSigned[levelled.findLeader(requirement.value)]);
    if (width > groupWidth[group]) {
      groupWidth[group] = width;
      widest[group] = &requirement;
    }
  }
  for (auto [value, width] : minimumWidths) {
    unsigned group = widthGroups.findLeader(value);
    groupWidth[group] = std::max(groupWidth[group], width);
  }
  for (const Requirement &offset : roundingOffsets) {
    unsigned group = widthGroups.findLeader(offset.value);
    if (groupWidth[group] <= maxBootstrapWidth)
      continue;
    unsigned width =
        widthFor(offset.range, classSigned[levelled.findLeader(offset.value)]);
    if (width > groupWidth[group]) {
      groupWidth[group] = width;
      widest[group] = &offset;
    }
  }

  for (const WrappingCast &cast : wrappingCasts) {
    unsigned group = widthGroups.findLeader(cast.value);
    if (groupWidth[group] > cast.width)
      return cast.op->emitOpError()
             << "changes the values it casts, which pins their width to "
             << cast.width << " bits, but the values levelled with them need "
             << groupWidth[group] << " bits";
    groupWidth[group] = cast.width;
  }

  if (failed(widenShiftedInputs(widthGroups, groupWidth)) ||
      failed(checkWidthLimits(levelled, widthGroups, classSigned, groupWidth,
                              widest)))
    return failure();

  for (const LookupInput &lookup : lookupInputs) {
    if (lookup.reading.width <= maxBootstrapWidth)
      continue;
    return lookup.op->emitOpError()
           << "reads values that need " << lookup.reading.width
           << " bits (range " << lookup.range.str()
           << "); the largest width Shade can bootstrap "
           << "is " << maxBootstrapWidth
           << ": round or shift the values to fewer bits first";
  }

  for (unsigned value = 0; value < count; ++value)
    encodings.push_back({groupWidth[widthGroups.findLeader(value)],
                         classSigned[levelled.findLeader(value)]});
  return success();
}

/// A class read by a bootstrap at its full width may be no wider than a
/// lookup table input; any other class, as wide as the encoding allows.
LogicalResult WidthAssignment::checkWidthLimits(
    llvm::IntEqClasses &levelled, llvm::IntEqClasses &widthGroups,
    ArrayRef<bool> classSigned, SmallVector<unsigned> &groupWidth,
    ArrayRef<const Requirement *> widest) {
  unsigned count = values.size();
  SmallVector<bool> bootstrapped(count, false);
  for (unsigned value : bootstrappedValues)
    bootstrapped[widthGroups.findLeader(value)] = true;
  for (unsigned group = 0; group < count; ++group) {
    unsigned limit =
        bootstrapped[group] ? maxBootstrapWidth : kMaxLevelledWidth;
    if (!widest[group] || groupWidth[group] <= limit)
      continue;
    const Requirement &requirement = *widest[group];
    bool isSigned = classSigned[levelled.findLeader(requirement.value)];
    InFlightDiagnostic diagnostic =
        requirement.op ? requirement.op->emitOpError()
                       : func.emitOpError()
                             << "argument #" << *requirement.argument << " ";
    diagnostic << "needs " << groupWidth[group] << " bits for range "
               << requirement.range.str();
    if (isSigned && requirement.range.lo >= 0)
      diagnostic << " as a signed integer, since it shares its encoding with "
                    "negative values";
    if (bootstrapped[group]) {
      diagnostic << "; the largest width Shade can bootstrap is " << limit;
      // Say why the values are bootstrapped, when a decomposition reads them.
      if (isa_and_nonnull<fhe::MulEintOp, fhelinalg::MulEintOp,
                          fhelinalg::DotEintEintOp, fhelinalg::MatmulEintEintOp,
                          fhelinalg::Conv2dOp>(requirement.op))
        diagnostic << " (a product of encrypted values is computed by tables "
                      "of a + b and a - b, which read this range)";
      else if (isa_and_nonnull<fhe::MaxEintOp, fhelinalg::MaxEintOp,
                               fhelinalg::Maxpool2dOp>(requirement.op))
        diagnostic << " (a maximum of encrypted values is computed by a table "
                      "of a - b, which reads this range)";
    } else
      diagnostic << "; the widest encrypted value is " << limit << " bits";
    return failure();
  }
  return success();
}

/// Widens the input class of every shifted encoding to its result's width
/// plus the shift, until all hold (but for rounds that a table will do). A
/// class that is its own shifted input would grow forever: that shifted
/// encoding is `blockedShift`.
LogicalResult
WidthAssignment::widenShiftedInputs(llvm::IntEqClasses &widthGroups,
                                    SmallVector<unsigned> &groupWidth) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (const ShiftedEncoding &shifted : shiftedEncodings) {
      unsigned input = widthGroups.findLeader(shifted.input);
      unsigned result = widthGroups.findLeader(shifted.result);
      unsigned needed = groupWidth[result] + shifted.shift;
      if (groupWidth[input] >= needed)
        continue;
      // A round whose input a table can read becomes that table when the
      // widths no longer say what it drops (rewriteRound).
      if (isa<fhe::RoundOp, fhelinalg::RoundOp>(shifted.op) &&
          groupWidth[input] <= maxBootstrapWidth)
        continue;
      if (input == result || needed > kMaxLevelledWidth) {
        blockedShift = shifted.op;
        return failure();
      }
      groupWidth[input] = needed;
      changed = true;
    }
  }
  return success();
}

Type WidthAssignment::encodedType(unsigned value) const {
  MLIRContext *context = values[value].getContext();
  const Encoding &encoding = encodings[value];
  Type element =
      encoding.isSigned
          ? Type(fhe::EncryptedSignedIntegerType::get(context, encoding.width))
          : Type(fhe::EncryptedUnsignedIntegerType::get(context,
                                                        encoding.width));
  if (auto shaped = dyn_cast<ShapedType>(values[value].getType()))
    return shaped.clone(element);
  return element;
}

/// The dense constant `value` is, if it is one.
static DenseIntElementsAttr constantTable(Value value) {
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  return constant ? dyn_cast<DenseIntElementsAttr>(constant.getValue())
                  : DenseIntElementsAttr();
}

/// The element type a lookup reads: the type of its narrowed input when that
/// is narrower than the input's class `classType`, else the class's.
static Type lookupElementType(MLIRContext *context, const LookupInput &lookup,
                              Type classType) {
  Type classElement = getElementTypeOrSelf(classType);
  if (lookup.reading.width >=
      cast<fhe::EncryptedIntegerType>(classElement).getWidth())
    return classElement;
  return lookup.reading.getType(context);
}

LogicalResult WidthAssignment::checkTables() {
  for (const LookupInput &lookup : lookupInputs) {
    unsigned input = ids.lookup(lookup.op->getOperand(0));
    Type newType =
        lookupElementType(func.getContext(), lookup, encodedType(input));
    if (newType == originalTypes[input] ||
        constantTable(lookup.op->getOperand(1)))
      continue;
    return lookup.op->emitOpError()
           << "has a table that is not a constant, so it cannot be rebuilt "
              "for its new input type "
           << newType;
  }
  return success();
}

/// Makes `lookup` read its input at the width of the input's own range, when
/// the input's class is wider: an fhelinalg.rescale by 2^0, levelled, in
/// front of it (narrowForLookup; a scalar input goes through a tensor of one
/// element).
void WidthAssignment::narrowLookupInput(const LookupInput &lookup) {
  Value input = lookup.op->getOperand(0);
  MLIRContext *context = func.getContext();
  Type element = lookupElementType(context, lookup, input.getType());
  if (element == getElementTypeOrSelf(input.getType()))
    return;
  OpBuilder builder(lookup.op);
  Location loc = lookup.op->getLoc();
  bool isScalar = !isa<RankedTensorType>(input.getType());
  Value tensor = input;
  if (isScalar) {
    tensor = builder.create<tensor::FromElementsOp>(
        loc, RankedTensorType::get({}, input.getType()), input);
    tensor.getDefiningOp()->setAttr(kRangeAttrName,
                                    makeRangeAttr(context, lookup.range));
  }
  NarrowedInput narrowed = narrowForLookup(builder, loc, tensor, lookup.range);
  Value narrow = narrowed.value;
  if (isScalar) {
    narrow = builder.create<tensor::ExtractOp>(loc, narrow, ValueRange());
    narrow.getDefiningOp()->setAttr(
        kRangeAttrName,
        narrowed.value.getDefiningOp()->getAttr(kRangeAttrName));
  }
  if (narrowed.offset)
    tableOffsets[lookup.op] = narrowed.offset;
  // The lookup's table is rebuilt from the entries of the original type.
  addValue(narrow);
  originalTypes.push_back(originalTypes[ids.lookup(input)]);
  encodings.push_back({lookup.reading.width, lookup.reading.isSigned});
  lookup.op->setOperand(0, narrow);
}

LogicalResult WidthAssignment::rewrite() {
  SmallVector<Operation *> tables, rounds, casts, products;
  for (Operation &op : func.getBody().getOps()) {
    if (isa<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp,
            fhelinalg::ApplyMultiLookupTableOp>(op))
      tables.push_back(&op);
    else if (isa<fhe::RoundOp, fhelinalg::RoundOp>(op))
      rounds.push_back(&op);
    else if (isa<fhe::ToSignedOp, fhe::ToUnsignedOp, fhelinalg::ToSignedOp,
                 fhelinalg::ToUnsignedOp>(op))
      casts.push_back(&op);
    else if (isa<fhe::MulEintOp, fhelinalg::MulEintOp, fhelinalg::DotEintEintOp,
                 fhelinalg::MatmulEintEintOp, fhelinalg::Conv2dOp>(op))
      products.push_back(&op);
  }
  for (unsigned value = 0; value < values.size(); ++value)
    values[value].setType(encodedType(value));
  for (const LookupInput &lookup : lookupInputs)
    narrowLookupInput(lookup);
  for (Operation *op : tables)
    rewriteLookupTable(op);
  for (Operation *op : casts)
    rewriteCast(op);
  for (Operation *op : rounds)
    if (failed(rewriteRound(op)))
      return failure();
  for (Operation *op : products)
    if (failed(rewriteProduct(op)))
      return failure();
  auto returnOp = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  func.setFunctionType(FunctionType::get(func.getContext(),
                                         func.getBody().getArgumentTypes(),
                                         returnOp.getOperandTypes()));
  return success();
}

/// Makes `op`'s table operand a constant of `entries`, shaped `shape`, with
/// its range.
static void setTable(Operation *op, ArrayRef<int64_t> shape,
                     IntegerType elementType, ArrayRef<int64_t> entries) {
  OpBuilder builder(op);
  auto type = RankedTensorType::get(shape, elementType);
  SmallVector<APInt> values;
  Interval range = Interval::point(entries.front());
  for (int64_t entry : entries) {
    values.push_back(APInt(elementType.getWidth(), entry, /*isSigned=*/true));
    range = hull(range, Interval::point(entry));
  }
  auto constant = builder.create<arith::ConstantOp>(
      op->getLoc(), DenseIntElementsAttr::get(type, values));
  constant->setAttr(kRangeAttrName, makeRangeAttr(op->getContext(), range));
  Value old = op->getOperand(1);
  op->setOperand(1, constant);
  if (Operation *producer = old.getDefiningOp())
    if (producer->use_empty())
      producer->erase();
}

/// Rebuilds the tables of a lookup-table op whose input or result encoding
/// changed: each entry moves to the bit pattern of its value in the new
/// input type, and unreachable entries become 0 (they may not fit the new
/// result type).
void WidthAssignment::rewriteLookupTable(Operation *op) {
  unsigned input = ids.lookup(op->getOperand(0));
  unsigned result = ids.lookup(op->getResult(0));
  Type oldInput = originalTypes[input];
  Type newInput = getElementTypeOrSelf(op->getOperand(0));
  if (oldInput == newInput &&
      originalTypes[result] == getElementTypeOrSelf(op->getResult(0)))
    return;
  DenseIntElementsAttr table = constantTable(op->getOperand(1));
  if (!table)
    return; // Same input type: the entries stay where they are.
  Interval reachable = *getRecordedRange(op->getOperand(0));
  int64_t offset = tableOffsets.lookup(op);
  SmallVector<int64_t> oldEntries = llvm::to_vector(
      llvm::map_range(table.getValues<APInt>(),
                      [](const APInt &entry) { return entry.getSExtValue(); }));
  ArrayRef<int64_t> oldShape = table.getType().getShape();
  int64_t oldLength = oldShape.back();
  SmallVector<int64_t> newEntries;
  for (int64_t base = 0; base < int64_t(oldEntries.size()); base += oldLength) {
    std::optional<SmallVector<int64_t>> entries =
        buildLookupTable(newInput, reachable, [&](int64_t value) {
          return std::optional<int64_t>(
              oldEntries[base + lookupTableIndex(value - offset, oldInput)]);
        });
    newEntries.append(*entries);
  }
  SmallVector<int64_t> newShape(oldShape);
  newShape.back() = int64_t(1)
                    << cast<fhe::EncryptedIntegerType>(newInput).getWidth();
  setTable(op, newShape, cast<IntegerType>(table.getElementType()), newEntries);
}

/// A round drops as many bits as its input is wider than its result: if the
/// new widths change that number, or the signedness of either side, it
/// becomes the lookup table that rounds by the original number of bits.
LogicalResult WidthAssignment::rewriteRound(Operation *op) {
  auto oldInput = cast<fhe::EncryptedIntegerType>(
      originalTypes[ids.lookup(op->getOperand(0))]);
  auto oldResult = cast<fhe::EncryptedIntegerType>(
      originalTypes[ids.lookup(op->getResult(0))]);
  auto newInput =
      cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(op->getOperand(0)));
  auto newResult =
      cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(op->getResult(0)));
  unsigned shift = oldInput.getWidth() - oldResult.getWidth();
  if (newInput.getWidth() == newResult.getWidth() + shift &&
      newInput.isSigned() == newResult.isSigned())
    return success();
  return decomposeEncryptedOp(op, shift);
}

/// The encrypted operands and the result of a product must have one type:
/// when the product's classes got different encodings, it is decomposed now.
LogicalResult WidthAssignment::rewriteProduct(Operation *op) {
  Type resultType = getElementTypeOrSelf(op->getResult(0));
  if (llvm::all_of(op->getOperands(), [&](Value operand) {
        return !isEncrypted(operand.getType()) ||
               getElementTypeOrSelf(operand) == resultType;
      }))
    return success();
  return decomposeEncryptedOp(op);
}

/// A cast between classes that now have one signedness disappears; one whose
/// direction flipped is replaced by the other cast.
void WidthAssignment::rewriteCast(Operation *op) {
  Value input = op->getOperand(0);
  Value result = op->getResult(0);
  bool inputSigned =
      cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(input)).isSigned();
  bool resultSigned =
      cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(result)).isSigned();
  if (inputSigned == resultSigned) {
    result.replaceAllUsesWith(input);
    op->erase();
    return;
  }
  bool isToSigned = isa<fhe::ToSignedOp, fhelinalg::ToSignedOp>(op);
  if (isToSigned == resultSigned)
    return;
  OpBuilder builder(op);
  bool isScalar = isa<fhe::ToSignedOp, fhe::ToUnsignedOp>(op);
  Operation *replacement;
  if (resultSigned)
    replacement = isScalar ? builder
                                 .create<fhe::ToSignedOp>(
                                     op->getLoc(), result.getType(), input)
                                 .getOperation()
                           : builder
                                 .create<fhelinalg::ToSignedOp>(
                                     op->getLoc(), result.getType(), input)
                                 .getOperation();
  else
    replacement = isScalar ? builder
                                 .create<fhe::ToUnsignedOp>(
                                     op->getLoc(), result.getType(), input)
                                 .getOperation()
                           : builder
                                 .create<fhelinalg::ToUnsignedOp>(
                                     op->getLoc(), result.getType(), input)
                                 .getOperation();
  replacement->setAttrs(op->getAttrDictionary());
  op->replaceAllUsesWith(replacement);
  op->erase();
}

static unsigned bootstrapWidthLimit(unsigned maxWidth) {
  return maxWidth ? maxWidth : optimizer::maxMessageWidth();
}

struct AssignBitWidthsPass : impl::AssignBitWidthsBase<AssignBitWidthsPass> {
  using AssignBitWidthsBase::AssignBitWidthsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (failed(WidthAssignment(func, bootstrapWidthLimit(maxWidth)).run()))
      signalPassFailure();
  }
};

} // namespace

LogicalResult assignBitWidths(func::FuncOp func, const RangeAnalysis &ranges,
                              unsigned maxWidth) {
  ranges.annotate(func);
  for (BlockArgument argument : func.getArguments())
    if (const RangeInfo *range = ranges.lookup(argument))
      func.setArgAttr(argument.getArgNumber(), kRangeAttrName,
                      makeRangeAttr(func.getContext(), range->getHull()));
  return WidthAssignment(func, bootstrapWidthLimit(maxWidth)).run();
}

} // namespace shade

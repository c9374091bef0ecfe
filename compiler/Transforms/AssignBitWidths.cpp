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

class WidthAssignment {
public:
  WidthAssignment(func::FuncOp func, unsigned maxWidth)
      : func(func), maxWidth(maxWidth) {}

  LogicalResult run() {
    if (!func.getBody().hasOneBlock())
      return func.emitOpError() << "needs a body of one block";
    if (failed(collect()) || failed(solve()) || failed(checkTables()))
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
  Type encodedType(unsigned value) const;
  FailureOr<Interval> rangeOfValue(Value value) const;

  func::FuncOp func;
  unsigned maxWidth;

  SmallVector<Value> values;
  DenseMap<Value, unsigned> ids;
  /// The element type of every encrypted value before the rewrite.
  SmallVector<Type> originalTypes;
  SmallVector<Requirement> requirements;
  SmallVector<WrappingCast> wrappingCasts;
  /// Pairs of values sharing one encoding (levelled ops), and pairs sharing
  /// only the width (signedness casts).
  SmallVector<std::pair<unsigned, unsigned>> levelledTies, widthTies;
  SmallVector<Encoding> encodings;
};

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
          fhelinalg::ApplyMultiLookupTableOp, func::ReturnOp>(op))
    return success();

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
    if (*inputRange != *resultRange)
      wrappingCasts.push_back({input,
                               cast<fhe::EncryptedIntegerType>(
                                   getElementTypeOrSelf(op->getOperand(0)))
                                   .getWidth(),
                               op});
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

  for (const WrappingCast &cast : wrappingCasts) {
    unsigned group = widthGroups.findLeader(cast.value);
    if (groupWidth[group] > cast.width)
      return cast.op->emitOpError()
             << "changes the values it casts, which pins their width to "
             << cast.width << " bits, but the values levelled with them need "
             << groupWidth[group] << " bits";
    groupWidth[group] = cast.width;
  }

  for (unsigned group = 0; group < count; ++group) {
    if (!widest[group] || groupWidth[group] <= maxWidth)
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
    diagnostic << "; the largest width Shade can bootstrap is " << maxWidth;
    return failure();
  }

  for (unsigned value = 0; value < count; ++value)
    encodings.push_back({groupWidth[widthGroups.findLeader(value)],
                         classSigned[levelled.findLeader(value)]});
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

LogicalResult WidthAssignment::checkTables() {
  for (Operation &op : func.getBody().getOps()) {
    if (!isa<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp,
             fhelinalg::ApplyMultiLookupTableOp>(op))
      continue;
    unsigned input = ids.lookup(op.getOperand(0));
    Type newType = getElementTypeOrSelf(encodedType(input));
    if (newType == originalTypes[input] || constantTable(op.getOperand(1)))
      continue;
    return op.emitOpError()
           << "has a table that is not a constant, so it cannot be rebuilt "
              "for its new input type "
           << newType;
  }
  return success();
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
              oldEntries[base + lookupTableIndex(value, oldInput)]);
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

static unsigned widthLimit(unsigned maxWidth) {
  return maxWidth ? maxWidth : optimizer::maxMessageWidth();
}

struct AssignBitWidthsPass : impl::AssignBitWidthsBase<AssignBitWidthsPass> {
  using AssignBitWidthsBase::AssignBitWidthsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (failed(WidthAssignment(func, widthLimit(maxWidth)).run()))
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
  return WidthAssignment(func, widthLimit(maxWidth)).run();
}

} // namespace shade

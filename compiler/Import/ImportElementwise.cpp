// Element-wise ops on encrypted values. Chains of element-wise ops on one
// value fuse into one lookup table (or stay levelled ops when none of them
// needs a table); maximum, minimum and comparisons of two values become a
// subtraction and a table.

#include "compiler/Import/GraphImporter.h"
#include "compiler/Import/GraphParser.h"

#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace shade::import {

bool ElementStep::needsTable() const {
  switch (node->op) {
  case OpKind::Add:
  case OpKind::Subtract:
  case OpKind::Negative:
  case OpKind::LeftShift:
    return false;
  case OpKind::Multiply:
    return onItself;
  default:
    return true;
  }
}

llvm::Expected<int64_t> ElementStep::apply(int64_t value) const {
  if (isElementwiseUnary(node->op))
    return applyUnary(node->unary, value);
  if (onItself)
    return applyBinary(node->op, value, value);
  return constantOnLeft ? applyBinary(node->op, constant, value)
                        : applyBinary(node->op, value, constant);
}

std::optional<ElementStep>
GraphImporter::getElementStep(const GraphNode &node) const {
  size_t index = graph.inputs.size() + (&node - graph.nodes.data());
  if (values[index].kind != ImportedValue::Kind::Encrypted)
    return std::nullopt;
  if (isElementwiseUnary(node.op))
    return ElementStep{&node};
  if (!isElementwiseBinary(node.op))
    return std::nullopt;
  if (node.args[0] == node.args[1])
    return ElementStep{&node, 0, false, /*onItself=*/true};
  const ImportedValue &lhs = values[node.args[0]];
  const ImportedValue &rhs = values[node.args[1]];
  bool constantOnLeft = lhs.kind == ImportedValue::Kind::Constant;
  const ImportedValue &constant = constantOnLeft ? lhs : rhs;
  const ImportedValue &other = constantOnLeft ? rhs : lhs;
  if (constant.kind != ImportedValue::Kind::Constant ||
      other.kind != ImportedValue::Kind::Encrypted ||
      !constant.constant.isSplat())
    return std::nullopt;
  // The constant must not broadcast the encrypted value to a larger shape.
  if (llvm::Error error = checkBroadcastTo(constant.shape, other.shape)) {
    llvm::consumeError(std::move(error));
    return std::nullopt;
  }
  return ElementStep{&node, constant.constant.getElements()[0], constantOnLeft};
}

llvm::Error GraphImporter::importElementwise(const GraphNode &node,
                                             ImportedValue &result) {
  if (std::optional<ElementStep> step = getElementStep(node))
    return importChain(*step, result);
  return importBinary(node, result);
}

llvm::Error GraphImporter::importChain(const ElementStep &step,
                                       ImportedValue &result) {
  const GraphNode &node = *step.node;
  // The encrypted operand: the only argument, or the non-constant one.
  size_t operand = node.args[0];
  if (node.args.size() == 2 && step.constantOnLeft)
    operand = node.args[1];
  const ImportedValue &input = values[operand];
  Value source = input.value ? input.value : input.source;
  std::vector<ElementStep> chain =
      input.value ? std::vector<ElementStep>() : input.chain;
  chain.push_back(step);

  // A value whose only use is the next step of a chain is not emitted.
  if (!result.isOutput && result.users.size() == 1 &&
      getElementStep(graph.getNode(result.users.front()))) {
    result.source = source;
    result.chain = std::move(chain);
    return llvm::Error::success();
  }

  // A chain whose first table op drops low bits rounds with small
  // bootstraps, whatever the width of the value it rounds.
  llvm::ArrayRef<ElementStep> steps(chain);
  size_t firstTable =
      llvm::find_if(steps,
                    [](const ElementStep &s) { return s.needsTable(); }) -
      steps.begin();
  if (firstTable < steps.size() && steps[firstTable].droppedBits()) {
    llvm::Expected<Value> value =
        emitLevelledSteps(source, steps.take_front(firstTable));
    if (!value)
      return value.takeError();
    llvm::Expected<Value> rounded =
        emitRounding(*value, steps.drop_front(firstTable));
    if (!rounded)
      return rounded.takeError();
    result.value = *rounded;
    return llvm::Error::success();
  }

  if (firstTable == steps.size()) {
    llvm::Expected<Value> value = emitLevelledSteps(source, steps);
    if (!value)
      return value.takeError();
    result.value = *value;
    return llvm::Error::success();
  }

  llvm::Expected<Value> table = emitTable(
      source, [&](int64_t value) { return applySteps(steps, value); },
      getLoc(node));
  if (!table)
    return table.takeError();
  result.value = *table;
  return llvm::Error::success();
}

llvm::Expected<Value> GraphImporter::emitTable(
    Value source, llvm::function_ref<llvm::Expected<int64_t>(int64_t)> entry,
    Location loc) {
  auto type = cast<RankedTensorType>(source.getType());
  auto element = cast<fhe::EncryptedIntegerType>(type.getElementType());
  analysis::Interval reachable = ranges.getRange(source).getHull();
  // A value whose low bits a rounding cleared is read through its quotient.
  if (auto cleared = clearedBits.find(source); cleared != clearedBits.end()) {
    int64_t bits = cleared->second;
    Operation *rescale = builder.create<fhelinalg::RescaleOp>(
        loc, getEncryptedType(type.getShape()), source, bits, /*offset=*/0,
        /*approximate=*/false);
    if (llvm::Error error = setEncryptedTypes(rescale))
      return error;
    return emitTable(
        rescale->getResult(0),
        [&](int64_t quotient) {
          return entry(quotient * (int64_t(1) << bits));
        },
        loc);
  }
  if (element.getWidth() >= kMinDecomposedTableWidth) {
    llvm::Expected<std::optional<Value>> wide =
        emitWideTable(source, reachable, entry, loc);
    if (!wide)
      return wide.takeError();
    if (*wide)
      return **wide;
  }
  if (element.getWidth() > maxWidth)
    return makeError(
        "a lookup table would read values that need " +
        llvm::Twine(element.getWidth()) + " bits (range " + reachable.str() +
        "); the largest width Shade can bootstrap is " + llvm::Twine(maxWidth) +
        ", or " + llvm::Twine(kMaxWideTableWidth) +
        " for a table affine between at most " +
        llvm::Twine(kMaxWideTableBreakpoints) +
        " breakpoints (relu, abs, clip, maximum, minimum, comparisons) or a "
        "quadratic (square): bring the values to fewer bits first (round_bits, "
        "right_shift)");
  std::vector<int64_t> entries(size_t(1) << element.getWidth(), 0);
  for (int64_t value = reachable.lo;; ++value) {
    llvm::Expected<int64_t> mapped = entry(value);
    if (!mapped)
      return mapped.takeError();
    entries[analysis::lookupTableIndex(value, element)] = *mapped;
    if (value == reachable.hi)
      break;
  }
  int64_t size = entries.size();
  Value table = createConstant(ClearTensor({size}, std::move(entries)), loc);
  auto lookup = builder.create<fhelinalg::ApplyLookupTableOp>(
      loc, getEncryptedType(type.getShape()), source, table);
  if (llvm::Error error = setEncryptedTypes(lookup))
    return error;
  return lookup.getResult();
}

std::optional<int64_t> ElementStep::droppedBits() const {
  const UnaryOp &unary = node->unary;
  switch (node->op) {
  case OpKind::RoundBits:
    return unary.parameter < 62 ? std::optional<int64_t>(unary.parameter)
                                : std::nullopt;
  case OpKind::RightShift:
    if (unary.parameter >= 1 && unary.parameter < 62)
      return unary.parameter;
    return std::nullopt;
  case OpKind::FloorDivide:
    if (unary.parameter >= 2 && llvm::isPowerOf2_64(unary.parameter))
      return llvm::Log2_64(unary.parameter);
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

llvm::Expected<Value>
GraphImporter::emitRounding(Value input, llvm::ArrayRef<ElementStep> steps) {
  const ElementStep &first = steps.front();
  llvm::ArrayRef<ElementStep> rest = steps.drop_front();
  Location loc = getLoc(*first.node);
  int64_t bits = *first.droppedBits();
  bool keepsScale = first.node->op == OpKind::RoundBits;
  bool approximate = keepsScale && first.node->unary.approximate;
  auto shape = cast<RankedTensorType>(input.getType()).getShape();
  auto emit = [&](Operation *op) -> llvm::Expected<Value> {
    if (llvm::Error error = setEncryptedTypes(op))
      return error;
    return op->getResult(0);
  };
  // The rest of the chain, from the quotient of the rounding.
  auto restOfChain = [&](int64_t quotient) {
    return applySteps(rest,
                      keepsScale ? quotient * (int64_t(1) << bits) : quotient);
  };

  // Every value rounds to one quotient (more bits dropped than the value
  // has): the result is that constant, encrypted trivially.
  analysis::Interval range = ranges.getRange(input).getHull();
  auto quotientOf = [&](int64_t x) -> int64_t {
    int64_t offset = keepsScale ? int64_t(1) << (bits - 1) : 0;
    return int64_t((__int128(x) + offset) >> bits);
  };
  if (quotientOf(range.lo) == quotientOf(range.hi)) {
    llvm::Expected<int64_t> value = restOfChain(quotientOf(range.lo));
    if (!value)
      return value.takeError();
    return encryptClear(createConstant(ClearTensor::splat(shape, *value), loc),
                        loc);
  }

  if (approximate) {
    // The bootstrap that reads the quotient does the rounding.
    llvm::Expected<Value> quotient = emit(builder.create<fhelinalg::RescaleOp>(
        loc, getEncryptedType(shape), input, bits, /*offset=*/0,
        /*approximate=*/true));
    if (!quotient)
      return quotient.takeError();
    return emitTable(*quotient, restOfChain, loc);
  }

  Value value = input;
  if (keepsScale) {
    Value half =
        createConstant(ClearTensor::scalar(int64_t(1) << (bits - 1)), loc);
    llvm::Expected<Value> offset = emit(builder.create<fhelinalg::AddEintIntOp>(
        loc, getEncryptedType(shape), value, half));
    if (!offset)
      return offset.takeError();
    value = *offset;
  }
  llvm::Expected<Value> cleared =
      emit(builder.create<fhelinalg::ClearLowBitsOp>(
          loc, getEncryptedType(shape), value, bits, /*chunks=*/nullptr));
  if (!cleared)
    return cleared.takeError();
  bool restNeedsTable =
      llvm::any_of(rest, [](const ElementStep &s) { return s.needsTable(); });
  // round_bits keeps the scale: its value is the cleared one, which a table
  // reads through its quotient.
  value = *cleared;
  clearedBits[value] = bits;
  if (!keepsScale || restNeedsTable) {
    llvm::Expected<Value> quotient = emit(builder.create<fhelinalg::RescaleOp>(
        loc, getEncryptedType(shape), value, bits, /*offset=*/0,
        /*approximate=*/false));
    if (!quotient)
      return quotient.takeError();
    if (restNeedsTable)
      return emitTable(*quotient, restOfChain, loc);
    value = *quotient;
  }
  return emitLevelledSteps(value, rest);
}

llvm::Expected<Value>
GraphImporter::emitLevelledSteps(Value input,
                                 llvm::ArrayRef<ElementStep> steps) {
  Value value = input;
  for (const ElementStep &step : steps) {
    llvm::Expected<Value> next = emitLevelledStep(value, step);
    if (!next)
      return qualify(*step.node, next.takeError());
    value = *next;
  }
  return value;
}

llvm::Expected<int64_t>
GraphImporter::applySteps(llvm::ArrayRef<ElementStep> steps, int64_t value) {
  for (const ElementStep &step : steps) {
    llvm::Expected<int64_t> next = step.apply(value);
    if (!next)
      return qualify(*step.node, next.takeError());
    value = *next;
  }
  return value;
}

llvm::Expected<Value> GraphImporter::emitLevelledStep(Value input,
                                                      const ElementStep &step) {
  Location loc = getLoc(*step.node);
  llvm::ArrayRef<int64_t> shape =
      cast<RankedTensorType>(input.getType()).getShape();
  Operation *op = nullptr;
  auto constant = [&](int64_t value) {
    return createConstant(ClearTensor::scalar(value), loc);
  };
  switch (step.node->op) {
  case OpKind::Negative:
    op = builder.create<fhelinalg::NegEintOp>(loc, getEncryptedType(shape),
                                              input);
    break;
  case OpKind::LeftShift: {
    int64_t bits = step.node->unary.parameter;
    if (bits >= 63)
      return makeError("shifting by " + llvm::Twine(bits) +
                       " bits overflows int64");
    op = builder.create<fhelinalg::MulEintIntOp>(
        loc, getEncryptedType(shape), input, constant(int64_t(1) << bits));
    break;
  }
  case OpKind::Add:
    op =
        step.onItself
            ? builder.create<fhelinalg::AddEintOp>(loc, getEncryptedType(shape),
                                                   input, input)
            : builder.create<fhelinalg::AddEintIntOp>(
                  loc, getEncryptedType(shape), input, constant(step.constant));
    break;
  case OpKind::Subtract:
    if (step.onItself)
      op = builder.create<fhelinalg::SubEintOp>(loc, getEncryptedType(shape),
                                                input, input);
    else if (step.constantOnLeft)
      op = builder.create<fhelinalg::SubIntEintOp>(
          loc, getEncryptedType(shape), constant(step.constant), input);
    else
      op = builder.create<fhelinalg::SubEintIntOp>(
          loc, getEncryptedType(shape), input, constant(step.constant));
    break;
  case OpKind::Multiply:
    op = builder.create<fhelinalg::MulEintIntOp>(
        loc, getEncryptedType(shape), input, constant(step.constant));
    break;
  default:
    llvm_unreachable("not a levelled step");
  }
  if (llvm::Error error = setEncryptedTypes(op))
    return error;
  return op->getResult(0);
}

llvm::Expected<Value> GraphImporter::emitBinaryLevelled(
    OpKind kind, Value lhs, bool lhsEncrypted, Value rhs, bool rhsEncrypted,
    llvm::ArrayRef<int64_t> shape, Location loc,
    std::optional<analysis::Interval> provenRange) {
  RankedTensorType type = getEncryptedType(shape);
  Operation *op = nullptr;
  switch (kind) {
  case OpKind::Add:
    if (lhsEncrypted && rhsEncrypted)
      op = builder.create<fhelinalg::AddEintOp>(loc, type, lhs, rhs);
    else if (lhsEncrypted)
      op = builder.create<fhelinalg::AddEintIntOp>(loc, type, lhs, rhs);
    else
      op = builder.create<fhelinalg::AddEintIntOp>(loc, type, rhs, lhs);
    break;
  case OpKind::Subtract:
    if (lhsEncrypted && rhsEncrypted)
      op = builder.create<fhelinalg::SubEintOp>(loc, type, lhs, rhs);
    else if (lhsEncrypted)
      op = builder.create<fhelinalg::SubEintIntOp>(loc, type, lhs, rhs);
    else
      op = builder.create<fhelinalg::SubIntEintOp>(loc, type, lhs, rhs);
    break;
  case OpKind::Multiply:
    if (lhsEncrypted && rhsEncrypted)
      op = builder.create<fhelinalg::MulEintOp>(loc, type, lhs, rhs);
    else if (lhsEncrypted)
      op = builder.create<fhelinalg::MulEintIntOp>(loc, type, lhs, rhs);
    else
      op = builder.create<fhelinalg::MulEintIntOp>(loc, type, rhs, lhs);
    break;
  default:
    llvm_unreachable("not a levelled binary op");
  }
  return emitTyped(op, provenRange);
}

/// The table applied to `a - b` for maximum (b + relu(a - b)), minimum
/// (b + min(a - b, 0)) and the comparisons.
static int64_t differenceTable(OpKind kind, int64_t difference) {
  switch (kind) {
  case OpKind::Maximum:
    return std::max<int64_t>(difference, 0);
  case OpKind::Minimum:
    return std::min<int64_t>(difference, 0);
  case OpKind::Less:
    return difference < 0;
  case OpKind::LessEqual:
    return difference <= 0;
  case OpKind::Greater:
    return difference > 0;
  case OpKind::GreaterEqual:
    return difference >= 0;
  case OpKind::Equal:
    return difference == 0;
  case OpKind::NotEqual:
    return difference != 0;
  default:
    llvm_unreachable("not an op on a difference");
  }
}

llvm::Error GraphImporter::importBinary(const GraphNode &node,
                                        ImportedValue &result) {
  Location loc = getLoc(node);
  const ImportedValue &lhsValue = getArg(node, 0), &rhsValue = getArg(node, 1);
  bool lhsEncrypted = lhsValue.kind == ImportedValue::Kind::Encrypted;
  bool rhsEncrypted = rhsValue.kind == ImportedValue::Kind::Encrypted;
  Value lhs = materialize(lhsValue, loc), rhs = materialize(rhsValue, loc);
  if (node.op == OpKind::Multiply && lhsEncrypted && rhsEncrypted) {
    llvm::Expected<std::optional<Value>> product =
        emitDigitProduct(lhs, rhs, result.shape, loc);
    if (!product)
      return product.takeError();
    if (*product) {
      result.value = **product;
      return llvm::Error::success();
    }
  }
  if (node.op == OpKind::Add || node.op == OpKind::Subtract ||
      node.op == OpKind::Multiply) {
    llvm::Expected<Value> value = emitBinaryLevelled(
        node.op, lhs, lhsEncrypted, rhs, rhsEncrypted, result.shape, loc);
    if (!value)
      return value.takeError();
    result.value = *value;
    return llvm::Error::success();
  }

  llvm::Expected<Value> difference =
      emitBinaryLevelled(OpKind::Subtract, lhs, lhsEncrypted, rhs, rhsEncrypted,
                         result.shape, loc);
  if (!difference)
    return difference.takeError();
  llvm::Expected<Value> table = emitTable(
      *difference,
      [&](int64_t d) -> llvm::Expected<int64_t> {
        return differenceTable(node.op, d);
      },
      loc);
  if (!table)
    return table.takeError();
  if (isComparison(node.op)) {
    result.value = *table;
    return llvm::Error::success();
  }
  // b + relu(a - b) and b + min(a - b, 0) stay within the exact range of
  // the maximum and minimum, which intervals of the terms overestimate
  // (a table after them must cover only what is reachable).
  // The subtraction's analysis gave both operands a range.
  analysis::Interval lhsRange = ranges.getRange(lhs).getHull();
  analysis::Interval rhsRange = ranges.getRange(rhs).getHull();
  analysis::Interval exact = node.op == OpKind::Maximum
                                 ? analysis::max(lhsRange, rhsRange)
                                 : analysis::min(lhsRange, rhsRange);
  llvm::Expected<Value> value = emitBinaryLevelled(
      OpKind::Add, *table, true, rhs, rhsEncrypted, result.shape, loc, exact);
  if (!value)
    return value.takeError();
  result.value = *value;
  return llvm::Error::success();
}

} // namespace shade::import

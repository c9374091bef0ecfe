#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Analysis/RangeAnalysisTransfer.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/TypeUtilities.h"

#include <algorithm>
#include <cassert>

using namespace mlir;

namespace shade::analysis {

//===----------------------------------------------------------------------===//
// RangeInfo
//===----------------------------------------------------------------------===//

RangeInfo::RangeInfo(ArrayRef<int64_t> shape, Interval hull)
    : shape(shape), hull(hull) {}

RangeInfo::RangeInfo(ArrayRef<int64_t> shape, std::vector<Interval> elements)
    : shape(shape), hull(elements.empty() ? Interval::point(0) : elements[0]),
      elements(std::move(elements)) {
  assert(int64_t(this->elements.size()) == getNumElements() &&
         "one interval per element");
  for (const Interval &element : this->elements)
    hull = analysis::hull(hull, element);
}

int64_t RangeInfo::getNumElements() const { return detail::numElements(shape); }

RangeInfo RangeInfo::reshaped(ArrayRef<int64_t> newShape) const {
  assert(detail::numElements(newShape) == getNumElements() &&
         "reshape keeps the number of elements");
  if (!tracksElements())
    return RangeInfo(newShape, hull);
  return RangeInfo(newShape, elements);
}

std::optional<RangeInfo> RangeInfo::boundedBy(Interval bound) const {
  if (!tracksElements()) {
    std::optional<Interval> bounded = intersect(hull, bound);
    if (!bounded)
      return std::nullopt;
    return RangeInfo(shape, *bounded);
  }
  std::vector<Interval> bounded;
  bounded.reserve(elements.size());
  for (const Interval &element : elements) {
    std::optional<Interval> both = intersect(element, bound);
    if (!both)
      return std::nullopt;
    bounded.push_back(*both);
  }
  return RangeInfo(shape, std::move(bounded));
}

//===----------------------------------------------------------------------===//
// Types and attributes
//===----------------------------------------------------------------------===//

std::optional<Interval> typeRange(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (auto encrypted = dyn_cast<fhe::EncryptedIntegerType>(element))
    return encrypted.isSigned() ? Interval::signedRange(encrypted.getWidth())
                                : Interval::unsignedRange(encrypted.getWidth());
  // Integers wider than 64 bits are bounded by what the analysis represents.
  if (auto integer = dyn_cast<IntegerType>(element))
    return Interval::signedRange(std::min(integer.getWidth(), 64u));
  if (isa<IndexType>(element))
    return Interval{INT64_MIN, INT64_MAX};
  return std::nullopt;
}

bool isEncrypted(Type type) {
  return isa<fhe::EncryptedIntegerType>(getElementTypeOrSelf(type));
}

unsigned encryptedWidth(Value value) {
  return cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(value.getType()))
      .getWidth();
}

bool hasIntegerElements(Type type) {
  Type element = getElementTypeOrSelf(type);
  return isa<fhe::EncryptedIntegerType>(element) ||
         (isa<IntegerType>(element) && cast<IntegerType>(element).isSignless());
}

Attribute makeRangeAttr(MLIRContext *context, Interval range) {
  return DenseI64ArrayAttr::get(context, {range.lo, range.hi});
}

std::optional<Interval> parseRangeAttr(Attribute attr) {
  auto array = dyn_cast_or_null<DenseI64ArrayAttr>(attr);
  if (!array || array.size() != 2 || array[0] > array[1])
    return std::nullopt;
  return Interval{array[0], array[1]};
}

bool isFreeSignednessCast(Operation *cast, unsigned width) {
  if (isa<fhe::ToSignedOp, fhe::ToUnsignedOp>(cast))
    return true;
  std::optional<Interval> range = parseRangeAttr(cast->getAttr(kRangeAttrName));
  return range && range->lo >= 0 &&
         (width >= 64 || range->hi < (int64_t(1) << (width - 1)));
}

FailureOr<Interval> getArgumentRange(func::FuncOp func, unsigned index) {
  Type type = func.getArgument(index).getType();
  if (Attribute attr = func.getArgAttr(index, kRangeAttrName)) {
    std::optional<Interval> declared = parseRangeAttr(attr);
    if (!declared)
      return func.emitOpError()
             << "argument #" << index << " has a malformed " << kRangeAttrName
             << " " << attr << ": expected array<i64: lo, hi> with lo <= hi";
    return *declared;
  }
  std::optional<Interval> range = typeRange(type);
  if (!range)
    return func.emitOpError() << "argument #" << index << " of type " << type
                              << " has no integer range";
  return *range;
}

FailureOr<Interval> getRecordedRange(Value value) {
  if (auto argument = dyn_cast<BlockArgument>(value)) {
    auto func = dyn_cast<func::FuncOp>(argument.getOwner()->getParentOp());
    if (!func)
      return emitError(value.getLoc())
             << "block argument outside a function has no recorded range";
    return getArgumentRange(func, argument.getArgNumber());
  }
  Operation *op = value.getDefiningOp();
  std::optional<Interval> range = parseRangeAttr(op->getAttr(kRangeAttrName));
  if (!range)
    return op->emitOpError() << "has no " << kRangeAttrName
                             << " attribute; run --shade-infer-ranges first";
  return *range;
}

int64_t lookupTableIndex(int64_t value, Type type) {
  auto encrypted = cast<fhe::EncryptedIntegerType>(type);
  if (encrypted.isSigned() && value < 0)
    return value + (int64_t(1) << encrypted.getWidth());
  return value;
}

//===----------------------------------------------------------------------===//
// Shared helpers of the transfer functions
//===----------------------------------------------------------------------===//

namespace detail {

bool TransferContext::tracks(ArrayRef<int64_t> shape) const {
  return numElements(shape) <= maxTrackedElements;
}

LogicalResult TransferContext::overflow() const {
  return op->emitOpError() << "range overflows 64-bit integers";
}

SmallVector<int64_t> integersOf(ArrayAttr array) {
  return llvm::to_vector(
      llvm::map_range(array.getAsValueRange<IntegerAttr>(),
                      [](const APInt &value) { return value.getSExtValue(); }));
}

int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

ArrayRef<int64_t> shapeOf(Value value) {
  if (auto shaped = dyn_cast<ShapedType>(value.getType()))
    return shaped.getShape();
  return {};
}

Type elementTypeOf(Value value) { return getElementTypeOrSelf(value); }

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t dim = int64_t(shape.size()) - 2; dim >= 0; --dim)
    strides[dim] = strides[dim + 1] * shape[dim + 1];
  return strides;
}

SmallVector<int64_t> broadcastStrides(ArrayRef<int64_t> operand,
                                      ArrayRef<int64_t> result) {
  SmallVector<int64_t> operandStrides = rowMajorStrides(operand);
  SmallVector<int64_t> strides(result.size(), 0);
  size_t offset = result.size() - operand.size();
  for (size_t dim = 0; dim < operand.size(); ++dim)
    if (operand[dim] != 1 || result[offset + dim] == 1)
      strides[offset + dim] = operandStrides[dim];
  return strides;
}

void forEachIndex(ArrayRef<int64_t> shape,
                  function_ref<void(ArrayRef<int64_t>)> body) {
  if (numElements(shape) == 0)
    return;
  SmallVector<int64_t> index(shape.size(), 0);
  while (true) {
    body(index);
    int64_t dim = int64_t(shape.size()) - 1;
    while (dim >= 0 && ++index[dim] == shape[dim])
      index[dim--] = 0;
    if (dim < 0)
      return;
  }
}

int64_t offsetOf(ArrayRef<int64_t> index, ArrayRef<int64_t> strides) {
  int64_t offset = 0;
  for (auto [position, stride] : llvm::zip_equal(index, strides))
    offset += position * stride;
  return offset;
}

TransferResult mapElementwise(
    const TransferContext &ctx, ArrayRef<int64_t> shape,
    ArrayRef<const RangeInfo *> inputs,
    function_ref<std::optional<Interval>(ArrayRef<Interval>)> apply) {
  bool anyTracked = llvm::any_of(
      inputs, [](const RangeInfo *input) { return input->tracksElements(); });
  SmallVector<Interval, 2> operands;
  if (!anyTracked || !ctx.tracks(shape)) {
    for (const RangeInfo *input : inputs)
      operands.push_back(input->getHull());
    std::optional<Interval> hull = apply(operands);
    if (!hull)
      return ctx.overflow();
    return RangeInfo(shape, *hull);
  }
  SmallVector<SmallVector<int64_t>> strides;
  for (const RangeInfo *input : inputs)
    strides.push_back(broadcastStrides(input->getShape(), shape));
  std::vector<Interval> elements;
  elements.reserve(numElements(shape));
  bool overflowed = false;
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    if (overflowed)
      return;
    operands.clear();
    for (auto [input, inputStrides] : llvm::zip_equal(inputs, strides))
      operands.push_back(input->getElement(offsetOf(index, inputStrides)));
    std::optional<Interval> element = apply(operands);
    if (!element) {
      overflowed = true;
      return;
    }
    elements.push_back(*element);
  });
  if (overflowed)
    return ctx.overflow();
  return RangeInfo(shape, std::move(elements));
}

} // namespace detail

//===----------------------------------------------------------------------===//
// RangeAnalysis
//===----------------------------------------------------------------------===//

void RangeAnalysis::setArgumentRange(BlockArgument argument, Interval range) {
  ranges.insert_or_assign(argument,
                          RangeInfo(detail::shapeOf(argument), range));
}

void RangeAnalysis::setRange(Value value, Interval range) {
  ranges.insert_or_assign(value, RangeInfo(detail::shapeOf(value), range));
  presetValues.insert(value);
}

LogicalResult RangeAnalysis::run(func::FuncOp func) {
  if (!func.getBody().hasOneBlock())
    return func.emitOpError()
           << "has " << func.getBody().getBlocks().size()
           << " blocks; the range analysis needs a body of one block";
  for (BlockArgument argument : func.getArguments()) {
    FailureOr<Interval> range = getArgumentRange(func, argument.getArgNumber());
    if (failed(range))
      return failure();
    setArgumentRange(argument, *range);
  }
  for (Operation &op : func.getBody().getOps())
    if (failed(visit(&op)))
      return failure();
  return success();
}

FailureOr<const RangeInfo *> RangeAnalysis::getOperandRange(Operation *op,
                                                            unsigned index) {
  Value operand = op->getOperand(index);
  if (const RangeInfo *known = lookup(operand))
    return known;
  auto argument = dyn_cast<BlockArgument>(operand);
  auto func = argument
                  ? dyn_cast<func::FuncOp>(argument.getOwner()->getParentOp())
                  : func::FuncOp();
  if (!func || !argument.getOwner()->isEntryBlock())
    return op->emitOpError() << "operand #" << index
                             << " has no range: its producer was not analysed";
  FailureOr<Interval> range = getArgumentRange(func, argument.getArgNumber());
  if (failed(range))
    return failure();
  setArgumentRange(argument, *range);
  return lookup(operand);
}

LogicalResult RangeAnalysis::visit(Operation *op) {
  if (isa<func::ReturnOp>(op))
    return success();
  if (op->getNumResults() != 1)
    return op->emitOpError() << "is not supported by the range analysis";
  Value result = op->getResult(0);
  if (presetValues.contains(result))
    return success();
  if (auto shaped = dyn_cast<ShapedType>(result.getType()))
    if (!shaped.hasStaticShape())
      return op->emitOpError() << "has a result of dynamic shape " << shaped
                               << ", which the range analysis does not support";
  SmallVector<const RangeInfo *> operands;
  for (unsigned index = 0; index < op->getNumOperands(); ++index) {
    FailureOr<const RangeInfo *> range = getOperandRange(op, index);
    if (failed(range))
      return failure();
    operands.push_back(*range);
  }
  detail::TransferContext ctx{op, operands, maxTrackedElements};
  std::optional<detail::TransferResult> range = detail::inferElementwise(ctx);
  if (!range)
    range = detail::inferLookupTable(ctx);
  if (!range)
    range = detail::inferLinalg(ctx);
  if (!range)
    range = detail::inferLayout(ctx);
  if (!range)
    range = detail::inferClearArith(ctx);
  if (!range) {
    std::optional<Interval> declared =
        parseRangeAttr(op->getAttr(kRangeAttrName));
    if (!declared)
      return op->emitOpError()
             << "is not supported by the range analysis (an op it has no "
                "transfer function for needs a "
             << kRangeAttrName << " attribute)";
    range = RangeInfo(detail::shapeOf(result), *declared);
  }
  if (failed(*range))
    return failure();
  if (Attribute attr = op->getAttr(kProvenRangeAttrName)) {
    std::optional<Interval> proven = parseRangeAttr(attr);
    if (!proven)
      return op->emitOpError() << "has a malformed " << kProvenRangeAttrName
                               << " attribute (expected array<i64: lo, hi>)";
    std::optional<RangeInfo> bounded = (*range)->boundedBy(*proven);
    if (!bounded)
      return op->emitOpError()
             << "has a " << kProvenRangeAttrName << " " << proven->str()
             << " that leaves no value of its derived range "
             << (*range)->getHull().str();
    **range = std::move(*bounded);
  }
  ranges.insert_or_assign(result, std::move(**range));
  return success();
}

const RangeInfo &RangeAnalysis::getRange(Value value) const {
  const RangeInfo *range = lookup(value);
  assert(range && "value was not analysed");
  return *range;
}

const RangeInfo *RangeAnalysis::lookup(Value value) const {
  auto it = ranges.find(value);
  return it == ranges.end() ? nullptr : &it->second;
}

void RangeAnalysis::annotate(Operation *op) const {
  if (op->getNumResults() != 1 ||
      !hasIntegerElements(op->getResult(0).getType()))
    return;
  if (const RangeInfo *range = lookup(op->getResult(0)))
    op->setAttr(kRangeAttrName,
                makeRangeAttr(op->getContext(), range->getHull()));
}

void RangeAnalysis::annotate(func::FuncOp func) const {
  for (Operation &op : func.getBody().getOps())
    annotate(&op);
}

} // namespace shade::analysis

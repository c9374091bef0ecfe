// The generated operation classes, the verifiers of the element-wise
// operations and the folders.

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "dialects/FHELinalg/IR/FHELinalgShapes.h"
#include "dialects/FHELinalg/IR/FHELinalgVerifiers.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace shade::fhelinalg;
using shade::fhe::EncryptedIntegerType;

#define GET_OP_CLASSES
#include "dialects/FHELinalg/IR/FHELinalgOps.cpp.inc"

static EncryptedIntegerType encryptedElementType(Value value) {
  return cast<EncryptedIntegerType>(
      cast<RankedTensorType>(value.getType()).getElementType());
}

/// Checks that the signedness conversion `op` keeps the width.
template <typename ConversionOp>
static LogicalResult verifySameWidth(ConversionOp op) {
  unsigned inputWidth = encryptedElementType(op.getInput()).getWidth();
  unsigned resultWidth = encryptedElementType(op.getResult()).getWidth();
  if (inputWidth == resultWidth)
    return success();
  return op.emitOpError() << "result width " << resultWidth
                          << " differs from the input width " << inputWidth
                          << ": the conversion keeps the bits";
}

LogicalResult ToSignedOp::verify() { return verifySameWidth(*this); }

LogicalResult ToUnsignedOp::verify() { return verifySameWidth(*this); }

LogicalResult RoundOp::verify() {
  EncryptedIntegerType input = encryptedElementType(getInput());
  EncryptedIntegerType result = encryptedElementType(getResult());
  if (input.isSigned() != result.isSigned())
    return emitOpError() << "result element type " << Type(result)
                         << " and input element type " << Type(input)
                         << " differ in signedness: round keeps it";
  if (result.getWidth() >= input.getWidth())
    return emitOpError() << "result width " << result.getWidth()
                         << " is not less than the input width "
                         << input.getWidth()
                         << ": round drops at least one low bit";
  return success();
}

LogicalResult ClearLowBitsOp::verify() {
  unsigned width = encryptedElementType(getInput()).getWidth();
  if (uint64_t(getBits()) >= width)
    return emitOpError() << "clears " << getBits() << " bits of " << width
                         << "-bit integers: at most " << width - 1;
  if (getFrom() >= getBits())
    return emitOpError() << "clears bits from " << getFrom() << " up to "
                         << getBits() << ": nothing to clear";
  std::optional<ArrayRef<int64_t>> chunks = getChunks();
  if (!chunks)
    return success();
  int64_t total = 0;
  for (int64_t chunk : *chunks) {
    if (chunk < 1)
      return emitOpError() << "has a chunk of " << chunk
                           << " bits: every chunk clears at least one";
    total += chunk;
  }
  if (uint64_t(total) != getBits() - getFrom())
    return emitOpError() << "has chunks of " << total << " bits in all for "
                         << getBits() - getFrom() << " bits to clear";
  return success();
}

LogicalResult RescaleOp::verify() {
  unsigned inputWidth = encryptedElementType(getInput()).getWidth();
  unsigned resultWidth = encryptedElementType(getResult()).getWidth();
  if (uint64_t(getShift()) + resultWidth > inputWidth)
    return emitOpError() << "result width " << resultWidth << " and shift "
                         << getShift() << " exceed the input width "
                         << inputWidth
                         << ": the result must lie within the input's bits";
  if (!getApproximate())
    return success();
  if (getShift() == 0)
    return emitOpError() << "is approximate but drops no bit";
  for (Operation *user : getResult().getUsers())
    if (!isa<ApplyLookupTableOp, ApplyMultiLookupTableOp>(user))
      return emitOpError() << "is approximate, so only lookup tables may "
                              "read it, but '"
                           << user->getName() << "' does";
  return success();
}

OpFoldResult RescaleOp::fold(FoldAdaptor) {
  if (getShift() == 0 && getOffset() == 0 && !getApproximate() &&
      getInput().getType() == getResult().getType())
    return getInput();
  return {};
}

/// Checks that a lookup table result has the shape of its input.
static LogicalResult verifyLookupResultShape(Operation *op, Value input) {
  return verifyResultShape(op,
                           cast<RankedTensorType>(input.getType()).getShape(),
                           "the input shape");
}

/// Checks that tables of `entries` entries can be indexed by `input`.
static LogicalResult verifyTableEntries(Operation *op, StringRef tableName,
                                        int64_t entries, Value input) {
  EncryptedIntegerType element = encryptedElementType(input);
  uint64_t needed = uint64_t(1) << element.getWidth();
  if (uint64_t(entries) == needed)
    return success();
  return op->emitOpError() << tableName << " has " << entries
                           << " entries but an input of " << Type(element)
                           << " needs 2^" << element.getWidth() << " = "
                           << needed;
}

LogicalResult ApplyLookupTableOp::verify() {
  if (failed(verifyLookupResultShape(*this, getInput())))
    return failure();
  ArrayRef<int64_t> lut = getLut().getType().getShape();
  if (lut.size() != 1)
    return emitOpError() << "lookup table shape " << formatShape(lut)
                         << " is not 1-D: apply_multi_lookup_table takes a "
                            "table per element";
  return verifyTableEntries(*this, "the lookup table", lut.front(), getInput());
}

LogicalResult ApplyMultiLookupTableOp::verify() {
  if (failed(verifyLookupResultShape(*this, getInput())))
    return failure();
  ArrayRef<int64_t> tables = getTables().getType().getShape();
  if (tables.empty())
    return emitOpError() << "tables must have at least one dimension, the "
                            "entries of each table";
  if (failed(
          verifyTableEntries(*this, "each table", tables.back(), getInput())))
    return failure();
  ArrayRef<int64_t> input = getInput().getType().getShape();
  if (!broadcastsTo(tables.drop_back(), input))
    return emitOpError() << "the leading dimensions "
                         << formatShape(tables.drop_back())
                         << " of the tables shape " << formatShape(tables)
                         << " do not broadcast to the input shape "
                         << formatShape(input);
  return success();
}

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

/// Whether `attr` is a constant tensor of zeros.
static bool isZeroSplat(Attribute attr) {
  return attr && matchPattern(attr, m_Zero());
}

/// Whether `attr` is a constant tensor of ones. Clear integers are signed, so
/// a true `i1` is -1, not 1.
static bool isOneSplat(Attribute attr) {
  APInt value;
  return attr && matchPattern(attr, m_ConstantInt(&value)) && value.isOne() &&
         !value.isNegative();
}

/// `lhs` when the folded binary operation `op` leaves it unchanged and it
/// already has the result type (no broadcast to a larger shape).
template <typename BinaryOp>
static OpFoldResult foldToLhs(BinaryOp op, bool leavesLhsUnchanged) {
  if (leavesLhsUnchanged && op.getLhs().getType() == op.getType())
    return op.getLhs();
  return {};
}

static bool isEncryptedZero(Value value) {
  return value.getDefiningOp<ZeroOp>() != nullptr;
}

OpFoldResult AddEintOp::fold(FoldAdaptor adaptor) {
  if (isEncryptedZero(getLhs()) && getRhs().getType() == getType())
    return getRhs();
  return foldToLhs(*this, isEncryptedZero(getRhs()));
}

OpFoldResult AddEintIntOp::fold(FoldAdaptor adaptor) {
  return foldToLhs(*this, isZeroSplat(adaptor.getRhs()));
}

OpFoldResult SubEintOp::fold(FoldAdaptor adaptor) {
  return foldToLhs(*this, isEncryptedZero(getRhs()));
}

OpFoldResult SubEintIntOp::fold(FoldAdaptor adaptor) {
  return foldToLhs(*this, isZeroSplat(adaptor.getRhs()));
}

OpFoldResult MulEintIntOp::fold(FoldAdaptor adaptor) {
  return foldToLhs(*this, isOneSplat(adaptor.getRhs()));
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  int64_t rank = getInput().getType().getRank();
  SmallVector<int64_t> axes = getI64Values(getAxes());
  bool keepsEveryDimension =
      axes.empty()
          ? rank <= 1
          : int64_t(axes.size()) == rank &&
                llvm::all_of(llvm::enumerate(axes), [&](auto entry) {
                  auto [dim, axis] = entry;
                  return (axis < 0 ? axis + rank : axis) == int64_t(dim);
                });
  if (keepsEveryDimension && getInput().getType() == getType())
    return getInput();
  return {};
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  return {};
}

OpFoldResult BroadcastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return {};
}

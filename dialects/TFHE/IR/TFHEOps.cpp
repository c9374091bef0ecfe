#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace shade::tfhe;

#define GET_OP_CLASSES
#include "dialects/TFHE/IR/TFHEOps.cpp.inc"

/// Whether `attr` is a constant integer, or a splat of one, that satisfies
/// `pattern` (e.g. m_Zero()). `attr` is null when the operand is not constant.
template <typename Pattern>
static bool isConstant(Attribute attr, const Pattern &pattern) {
  return attr && matchPattern(attr, pattern);
}

//===----------------------------------------------------------------------===//
// Encoding
//===----------------------------------------------------------------------===//

/// The torus value of the clear integer `message` under the encoding of
/// `width` bits: the message extended to 64 bits, times 2^(63 - width).
static APInt encodeMessage(const APInt &message, unsigned width,
                           bool isSigned) {
  APInt extended = isSigned ? message.sextOrTrunc(64) : message.zextOrTrunc(64);
  return extended.shl(63 - width);
}

/// Encodes the constant integer or integer tensor `message` into a constant
/// of `resultType`, or returns null if `message` is not a constant.
static OpFoldResult encodeConstant(Attribute message, Type resultType,
                                   unsigned width, bool isSigned) {
  auto encode = [&](const APInt &value) {
    return encodeMessage(value, width, isSigned);
  };
  if (auto scalar = dyn_cast_if_present<IntegerAttr>(message))
    return IntegerAttr::get(resultType, encode(scalar.getValue()));
  auto elements = dyn_cast_if_present<DenseIntElementsAttr>(message);
  if (!elements)
    return {};
  DenseElementsAttr encoded =
      elements.mapValues(getElementTypeOrSelf(resultType), encode);
  // A dynamically shaped result cannot hold the folded static constant.
  if (encoded.getType() != resultType)
    return {};
  return encoded;
}

OpFoldResult EncodeOp::fold(FoldAdaptor adaptor) {
  return encodeConstant(adaptor.getMessage(), getType(), getWidth(),
                        getIsSigned());
}

LogicalResult EncodeTableOp::verify() {
  RankedTensorType tableType = getTable().getType();
  if (tableType.getRank() == 0)
    return emitOpError("table type ")
           << tableType << " has rank 0: its last dimension must hold the "
           << "table's entries";
  int64_t entries = tableType.getShape().back();
  if (ShapedType::isDynamic(entries) || entries < 2 ||
      !llvm::isPowerOf2_64(entries))
    return emitOpError("table type ")
           << tableType << " must have a static power of two, at least 2, "
           << "as its last dimension: the 2^w entries of a table indexed by "
           << "w-bit messages";
  return success();
}

OpFoldResult EncodeTableOp::fold(FoldAdaptor adaptor) {
  return encodeConstant(adaptor.getTable(), getType(), getWidth(),
                        getIsSigned());
}

//===----------------------------------------------------------------------===//
// Levelled operations
//===----------------------------------------------------------------------===//

OpFoldResult AddPlaintextOp::fold(FoldAdaptor adaptor) {
  if (isConstant(adaptor.getPlaintext(), m_Zero()))
    return getCiphertext();
  return {};
}

OpFoldResult AddOp::fold(FoldAdaptor) {
  if (getRhs().getDefiningOp<ZeroOp>())
    return getLhs();
  if (getLhs().getDefiningOp<ZeroOp>())
    return getRhs();
  return {};
}

OpFoldResult SubOp::fold(FoldAdaptor) {
  if (getRhs().getDefiningOp<ZeroOp>())
    return getLhs();
  return {};
}

OpFoldResult NegOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  // The trivial zero is all zeros, its own negation.
  if (getInput().getDefiningOp<ZeroOp>())
    return getInput();
  return {};
}

OpFoldResult MulIntOp::fold(FoldAdaptor adaptor) {
  if (isConstant(adaptor.getMultiplier(), m_One()))
    return getCiphertext();
  return {};
}

namespace {
/// mul_int(x, 0) -> zero: every element of the product is 0.
struct MulIntByZero : OpRewritePattern<MulIntOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulIntOp op,
                                PatternRewriter &rewriter) const override {
    if (!matchPattern(op.getMultiplier(), m_Zero()))
      return failure();
    // tfhe.zero has no operands to size a dynamic tensor with.
    auto tensorType = dyn_cast<RankedTensorType>(op.getType());
    if (tensorType && !tensorType.hasStaticShape())
      return failure();
    rewriter.replaceOpWithNewOp<ZeroOp>(op, op.getType());
    return success();
  }
};
} // namespace

void MulIntOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *context) {
  patterns.add<MulIntByZero>(context);
}

//===----------------------------------------------------------------------===//
// Key switch and bootstrap
//===----------------------------------------------------------------------===//

LogicalResult KeySwitchOp::verify() {
  LweCiphertextType input = getCiphertextElementType(getInput().getType());
  LweCiphertextType result = getCiphertextElementType(getType());
  if (!input.hasSameEncoding(result))
    return emitOpError("result ")
           << result << " does not have the encoding of the input " << input
           << ": a key switch keeps the message width and signedness";
  KeySwitchKeyAttr key = getKey();
  if (input.isParametrized() && *input.getDimension() != key.getInputDim())
    return emitOpError("input dimension ")
           << *input.getDimension()
           << " differs from the key-switching key's input_dim "
           << key.getInputDim();
  if (result.isParametrized() && *result.getDimension() != key.getOutputDim())
    return emitOpError("result dimension ")
           << *result.getDimension()
           << " differs from the key-switching key's output_dim "
           << key.getOutputDim();
  return success();
}

/// Checks that the parametrized dimensions of a bootstrap's input and result
/// ciphertexts are those of its key.
static LogicalResult verifyKeyDimensions(Operation *op, BootstrapKeyAttr key,
                                         LweCiphertextType input,
                                         LweCiphertextType result) {
  if (input.isParametrized() && *input.getDimension() != key.getInputDim())
    return op->emitOpError("input dimension ")
           << *input.getDimension()
           << " differs from the bootstrap key's input_dim "
           << key.getInputDim();
  if (result.isParametrized() && *result.getDimension() != key.getOutputDim())
    return op->emitOpError("result dimension ")
           << *result.getDimension()
           << " differs from the bootstrap key's output dimension glwe_dim * "
           << "poly_size = " << key.getOutputDim();
  return success();
}

LogicalResult BootstrapOp::verify() {
  Type inputType = getInput().getType();
  if (failed(verifyCompatibleShape(inputType, getType())))
    return emitOpError("result type ")
           << getType() << " does not have the shape of the input type "
           << inputType;

  LweCiphertextType input = getCiphertextElementType(inputType);
  RankedTensorType tableType = getTable().getType();
  ArrayRef<int64_t> tableShape = tableType.getShape();
  uint64_t entries = uint64_t(1) << input.getWidth();
  if (tableShape.empty() || ShapedType::isDynamic(tableShape.back()) ||
      uint64_t(tableShape.back()) != entries)
    return emitOpError("table type ")
           << tableType << " must have 2^" << input.getWidth() << " = "
           << entries << " entries in its last dimension, one per message of "
           << "the input " << input;
  ArrayRef<int64_t> tablesShape = tableShape.drop_back();
  if (!tablesShape.empty()) {
    auto inputTensor = dyn_cast<RankedTensorType>(inputType);
    if (!inputTensor)
      return emitOpError("table type ")
             << tableType << " holds several tables for a single input "
             << "ciphertext: it must have rank 1";
    if (failed(verifyCompatibleShape(tablesShape, inputTensor.getShape())))
      return emitOpError("table type ")
             << tableType << " is neither one table shared by all inputs "
             << "(rank 1) nor one table per input: its leading dimensions "
             << "must be the shape of the input type " << inputType;
  }

  return verifyKeyDimensions(*this, getKey(), input,
                             getCiphertextElementType(getType()));
}

LogicalResult GatherBootstrapOp::verify() {
  ArrayRef<int64_t> inputIndices = getInputIndices();
  ArrayRef<int64_t> tableIndices = getTableIndices();
  int64_t results = getType().getDimSize(0);
  if (!ShapedType::isDynamic(results) &&
      (int64_t(inputIndices.size()) != results ||
       int64_t(tableIndices.size()) != results))
    return emitOpError("has ")
           << inputIndices.size() << " input indices and "
           << tableIndices.size() << " table indices for " << results
           << " results: it needs one of each per result";

  LweCiphertextType input = getCiphertextElementType(getInputs().getType());
  ArrayRef<int64_t> tablesShape = getTables().getType().getShape();
  uint64_t entries = uint64_t(1) << input.getWidth();
  if (ShapedType::isDynamic(tablesShape[1]) ||
      uint64_t(tablesShape[1]) != entries)
    return emitOpError("tables type ")
           << getTables().getType() << " must have rows of 2^"
           << input.getWidth() << " = " << entries
           << " entries, one per message of the input " << input;

  auto checkIndices = [&](ArrayRef<int64_t> indices, int64_t bound,
                          StringRef what) -> LogicalResult {
    if (ShapedType::isDynamic(bound))
      return success();
    for (auto [position, index] : llvm::enumerate(indices))
      if (index < 0 || index >= bound)
        return emitOpError(what)
               << " index " << index << " at position " << position
               << " is outside [0, " << bound << ")";
    return success();
  };
  if (failed(checkIndices(inputIndices, getInputs().getType().getDimSize(0),
                          "input")) ||
      failed(checkIndices(tableIndices, tablesShape[0], "table")))
    return failure();
  return verifyKeyDimensions(*this, getKey(), input,
                             getCiphertextElementType(getType()));
}

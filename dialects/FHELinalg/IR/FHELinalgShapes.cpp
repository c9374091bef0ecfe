#include "dialects/FHELinalg/IR/FHELinalgShapes.h"

#include "mlir/Dialect/Traits.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace shade::fhelinalg {

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os);
  os << ']';
  return text;
}

FailureOr<SmallVector<int64_t>>
broadcastShapes(StringRef lhsName, ArrayRef<int64_t> lhs, StringRef rhsName,
                ArrayRef<int64_t> rhs, EmitErrorFn emitError) {
  SmallVector<int64_t> result;
  if (OpTrait::util::getBroadcastedShape(lhs, rhs, result))
    return result;
  // Find the first pair of sizes, from the last dimension, that clash.
  for (size_t fromEnd = 1; fromEnd <= std::min(lhs.size(), rhs.size());
       ++fromEnd) {
    int64_t lhsSize = lhs[lhs.size() - fromEnd];
    int64_t rhsSize = rhs[rhs.size() - fromEnd];
    if (lhsSize == rhsSize || lhsSize == 1 || rhsSize == 1)
      continue;
    return emitError() << "cannot broadcast " << lhsName << " shape "
                       << formatShape(lhs) << " with " << rhsName << " shape "
                       << formatShape(rhs) << ": " << lhsName << " dimension "
                       << lhs.size() - fromEnd << " has size " << lhsSize
                       << " and " << rhsName << " dimension "
                       << rhs.size() - fromEnd << " has size " << rhsSize
                       << ", and neither is 1";
  }
  llvm_unreachable("shapes that do not broadcast have a clashing dimension");
}

bool broadcastsTo(ArrayRef<int64_t> shape, ArrayRef<int64_t> target) {
  if (shape.size() > target.size())
    return false;
  ArrayRef<int64_t> alignedTarget = target.take_back(shape.size());
  return llvm::all_of(llvm::zip_equal(shape, alignedTarget), [](auto sizes) {
    auto [size, targetSize] = sizes;
    return size == 1 || size == targetSize;
  });
}

FailureOr<SmallVector<int64_t>> matmulShape(ArrayRef<int64_t> lhs,
                                            ArrayRef<int64_t> rhs,
                                            EmitErrorFn emitError) {
  if (lhs.empty() || rhs.empty())
    return emitError() << "cannot multiply lhs shape " << formatShape(lhs)
                       << " by rhs shape " << formatShape(rhs)
                       << ": matmul operands need at least one dimension";
  if (lhs.size() == 1 && rhs.size() == 1)
    return emitError() << "lhs shape " << formatShape(lhs) << " and rhs shape "
                       << formatShape(rhs)
                       << " are both 1-D: their product is a scalar, which "
                          "the dot operations compute";

  // A 1-D rhs is a column: its only dimension is the contracted one.
  size_t rhsContracted = rhs.size() == 1 ? 0 : rhs.size() - 2;
  if (lhs.back() != rhs[rhsContracted])
    return emitError() << "lhs shape " << formatShape(lhs) << " and rhs shape "
                       << formatShape(rhs) << " do not contract: lhs dimension "
                       << lhs.size() - 1 << " has size " << lhs.back()
                       << " but rhs dimension " << rhsContracted << " has size "
                       << rhs[rhsContracted];

  ArrayRef<int64_t> lhsBatch = lhs.drop_back(std::min<size_t>(lhs.size(), 2));
  ArrayRef<int64_t> rhsBatch = rhs.drop_back(std::min<size_t>(rhs.size(), 2));
  FailureOr<SmallVector<int64_t>> result =
      broadcastShapes("lhs batch", lhsBatch, "rhs batch", rhsBatch, emitError);
  if (failed(result))
    return failure();
  if (lhs.size() >= 2)
    result->push_back(lhs[lhs.size() - 2]);
  if (rhs.size() >= 2)
    result->push_back(rhs.back());
  return result;
}

FailureOr<SmallVector<int64_t>>
normalizeAxes(ArrayRef<int64_t> axes, int64_t rank, EmitErrorFn emitError) {
  SmallVector<int64_t> normalized;
  for (int64_t axis : axes) {
    if (rank == 0)
      return emitError() << "axis " << axis
                         << " is out of range: a tensor of rank 0 has no axes";
    if (axis < -rank || axis >= rank)
      return emitError() << "axis " << axis << " is out of range for rank "
                         << rank << " (expected " << -rank << " to " << rank - 1
                         << ")";
    int64_t dim = axis < 0 ? axis + rank : axis;
    if (llvm::is_contained(normalized, dim))
      return emitError() << "axes " << formatShape(axes) << " name dimension "
                         << dim << " twice";
    normalized.push_back(dim);
  }
  return normalized;
}

SmallVector<int64_t> sumShape(ArrayRef<int64_t> input, ArrayRef<int64_t> axes,
                              bool keepDims) {
  SmallVector<int64_t> result;
  for (auto [dim, size] : llvm::enumerate(input)) {
    bool summed = axes.empty() || llvm::is_contained(axes, int64_t(dim));
    if (!summed)
      result.push_back(size);
    else if (keepDims)
      result.push_back(1);
  }
  return result;
}

FailureOr<int64_t> windowCount(StringRef name, const WindowDimension &dim,
                               EmitErrorFn emitError) {
  std::optional<int64_t> span = llvm::checkedMul(dim.dilation, dim.kernel - 1);
  std::optional<int64_t> paddedHead =
      llvm::checkedAdd(dim.input, dim.padBefore);
  std::optional<int64_t> padded =
      paddedHead ? llvm::checkedAdd(*paddedHead, dim.padAfter) : std::nullopt;
  if (!span || !padded)
    return emitError() << "the " << name << " window (input " << dim.input
                       << ", kernel " << dim.kernel << ", dilation "
                       << dim.dilation << ", pads " << dim.padBefore << " and "
                       << dim.padAfter << ") overflows 64-bit sizes";
  if (*span >= *padded)
    return emitError() << "the dilated kernel " << name << " " << *span + 1
                       << " (kernel " << dim.kernel << ", dilation "
                       << dim.dilation << ") exceeds the padded input " << name
                       << " " << *padded << " (input " << dim.input << ", pads "
                       << dim.padBefore << " and " << dim.padAfter << ")";
  return (*padded - *span - 1) / dim.stride + 1;
}

std::optional<int64_t> firstPaddingOnlyWindow(const WindowDimension &dim) {
  int64_t span = dim.dilation * (dim.kernel - 1);
  int64_t count =
      (dim.input + dim.padBefore + dim.padAfter - span - 1) / dim.stride + 1;
  for (int64_t window = 0; window < count; ++window) {
    int64_t start = window * dim.stride - dim.padBefore;
    if (start >= 0 && start < dim.input) {
      // This window and the next ones up to the last starting in the image
      // have their first tap in it.
      window = (dim.padBefore + dim.input - 1) / dim.stride;
      continue;
    }
    // The first kernel tap at or after the image's first cell.
    int64_t tap = start >= 0 ? 0 : (-start - 1) / dim.dilation + 1;
    if (tap >= dim.kernel || start + tap * dim.dilation >= dim.input)
      return window;
  }
  return std::nullopt;
}

} // namespace shade::fhelinalg

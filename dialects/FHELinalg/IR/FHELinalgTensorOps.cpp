// The verifiers of the reductions, the sliding-window operations and the
// layout operations.

#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/FHELinalg/IR/FHELinalgShapes.h"
#include "dialects/FHELinalg/IR/FHELinalgVerifiers.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace shade::fhelinalg;

LogicalResult SumOp::verify() {
  RankedTensorType inputType = getInput().getType();
  SmallVector<int64_t> axes = getI64Values(getAxes());
  FailureOr<SmallVector<int64_t>> dims = normalizeAxes(
      axes, inputType.getRank(), [this] { return emitOpError(); });
  if (failed(dims))
    return failure();

  SmallVector<int64_t> shape =
      sumShape(inputType.getShape(), *dims, getKeepDims());
  Type element = inputType.getElementType();
  Type expected = !getKeepDims() && shape.empty()
                      ? element
                      : Type(RankedTensorType::get(shape, element));
  if (getType() == expected)
    return success();
  InFlightDiagnostic diag = emitOpError()
                            << "result type " << getType() << " differs from "
                            << expected << ", the sum of " << Type(inputType);
  if (axes.empty())
    diag << " over every axis";
  else
    diag << " over axes " << formatShape(axes);
  return diag << " with keep_dims = " << (getKeepDims() ? "true" : "false");
}

//===----------------------------------------------------------------------===//
// Sliding windows
//===----------------------------------------------------------------------===//

/// Checks that the array attribute `name` has `size` entries, all positive
/// (or non-negative when `allowZero`); `layout` shows what they are.
static LogicalResult verifyWindowAttribute(Operation *op, StringRef name,
                                           ArrayRef<int64_t> values,
                                           size_t size, bool allowZero,
                                           StringRef layout) {
  bool valid = values.size() == size && llvm::all_of(values, [&](int64_t v) {
                 return allowZero ? v >= 0 : v > 0;
               });
  if (valid)
    return success();
  return op->emitOpError() << name << " must be " << size << " "
                           << (allowZero ? "non-negative" : "positive")
                           << " integers " << layout << ", got "
                           << formatShape(values);
}

namespace {
/// The window attributes of conv2d and maxpool2d, once checked.
struct Window2d {
  SmallVector<int64_t> strides, pads, dilations;

  WindowDimension height(int64_t input, int64_t kernel) const {
    return {input, kernel, strides[0], dilations[0], pads[0], pads[2]};
  }
  WindowDimension width(int64_t input, int64_t kernel) const {
    return {input, kernel, strides[1], dilations[1], pads[1], pads[3]};
  }
};
} // namespace

static FailureOr<Window2d> verifyWindow2d(Operation *op, ArrayAttr strides,
                                          ArrayAttr pads, ArrayAttr dilations) {
  Window2d window{getI64Values(strides), getI64Values(pads),
                  getI64Values(dilations)};
  if (failed(verifyWindowAttribute(op, "strides", window.strides, 2,
                                   /*allowZero=*/false, "[sh, sw]")) ||
      failed(verifyWindowAttribute(op, "pads", window.pads, 4,
                                   /*allowZero=*/true,
                                   "[top, left, bottom, right]")) ||
      failed(verifyWindowAttribute(op, "dilations", window.dilations, 2,
                                   /*allowZero=*/false, "[dh, dw]")))
    return failure();
  return window;
}

/// Checks that `value` (named `name`) is 4-D; `layout` names its dimensions.
static LogicalResult verify4d(Operation *op, StringRef name, Value value,
                              StringRef layout) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(value.getType()).getShape();
  if (shape.size() == 4)
    return success();
  return op->emitOpError() << name << " must be 4-D " << layout
                           << ", got shape " << formatShape(shape);
}

/// The output height and width of `window` sliding over an input of height
/// `inputH` and width `inputW` with a kernel of `kernelH` x `kernelW`.
static FailureOr<std::pair<int64_t, int64_t>>
windowCounts(Operation *op, const Window2d &window, int64_t inputH,
             int64_t inputW, int64_t kernelH, int64_t kernelW) {
  auto emitError = [op] { return op->emitOpError(); };
  FailureOr<int64_t> height =
      windowCount("height", window.height(inputH, kernelH), emitError);
  if (failed(height))
    return failure();
  FailureOr<int64_t> width =
      windowCount("width", window.width(inputW, kernelW), emitError);
  if (failed(width))
    return failure();
  return std::make_pair(*height, *width);
}

LogicalResult Conv2dOp::verify() {
  if (failed(verify4d(*this, "input", getInput(), "(N, C, H, W)")) ||
      failed(verify4d(*this, "weight", getWeight(), "(F, C/group, KH, KW)")))
    return failure();
  FailureOr<Window2d> window =
      verifyWindow2d(*this, getStrides(), getPads(), getDilations());
  if (failed(window))
    return failure();
  auto group = static_cast<int64_t>(getGroup());
  if (group < 1)
    return emitOpError() << "group must be positive, got " << group;

  ArrayRef<int64_t> input = getInput().getType().getShape();
  ArrayRef<int64_t> weight = getWeight().getType().getShape();
  int64_t channels = input[1], filters = weight[0];
  if (channels % group != 0)
    return emitOpError() << "the " << channels
                         << " input channels do not split into " << group
                         << " groups";
  if (filters % group != 0)
    return emitOpError() << "the " << filters << " filters do not split into "
                         << group << " groups";
  if (weight[1] != channels / group)
    return emitOpError() << "weight shape " << formatShape(weight) << " has "
                         << weight[1] << " channels per filter but input shape "
                         << formatShape(input) << " with group " << group
                         << " gives " << channels / group;
  if (Value bias = getBias()) {
    ArrayRef<int64_t> biasShape =
        cast<RankedTensorType>(bias.getType()).getShape();
    if (biasShape.size() != 1 || biasShape[0] != filters)
      return emitOpError() << "bias must be 1-D with one element for each of "
                              "the "
                           << filters << " filters, got shape "
                           << formatShape(biasShape);
  }

  FailureOr<std::pair<int64_t, int64_t>> counts =
      windowCounts(*this, *window, input[2], input[3], weight[2], weight[3]);
  if (failed(counts) ||
      failed(verifyResultShape(
          *this, {input[0], filters, counts->first, counts->second},
          "the shape of the convolution")))
    return failure();

  SmallVector<NamedValue, 4> values = {{"input", getInput()},
                                       {"weight", getWeight()}};
  if (Value bias = getBias())
    values.push_back({"bias", bias});
  values.push_back({"result", getResult()});
  return verifySameEncryptedElementType(*this, values);
}

LogicalResult Maxpool2dOp::verify() {
  if (failed(verify4d(*this, "input", getInput(), "(N, C, H, W)")))
    return failure();
  SmallVector<int64_t> kernel = getI64Values(getKernelShape());
  if (failed(verifyWindowAttribute(*this, "kernel_shape", kernel, 2,
                                   /*allowZero=*/false, "[kh, kw]")))
    return failure();
  FailureOr<Window2d> window =
      verifyWindow2d(*this, getStrides(), getPads(), getDilations());
  if (failed(window))
    return failure();

  ArrayRef<int64_t> input = getInput().getType().getShape();
  FailureOr<std::pair<int64_t, int64_t>> counts =
      windowCounts(*this, *window, input[2], input[3], kernel[0], kernel[1]);
  if (failed(counts))
    return failure();
  std::pair<StringRef, WindowDimension> dims[] = {
      {"height", window->height(input[2], kernel[0])},
      {"width", window->width(input[3], kernel[1])}};
  for (auto [name, dim] : dims)
    if (std::optional<int64_t> empty = firstPaddingOnlyWindow(dim))
      return emitOpError() << "window " << *empty << " along the " << name
                           << " covers only padding (pads "
                           << formatShape(window->pads)
                           << "): every window needs a cell of the image";

  if (failed(verifyResultShape(
          *this, {input[0], input[1], counts->first, counts->second},
          "the shape of the pooling")))
    return failure();
  return verifySameEncryptedElementType(
      *this, {{"input", getInput()}, {"result", getResult()}});
}

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::verify() {
  ArrayRef<int64_t> input = getInput().getType().getShape();
  int64_t rank = input.size();
  SmallVector<int64_t> axes = getI64Values(getAxes());
  SmallVector<int64_t> permutation;
  if (axes.empty()) {
    permutation = llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, rank)));
  } else {
    if (int64_t(axes.size()) != rank)
      return emitOpError() << "axes " << formatShape(axes) << " have "
                           << axes.size() << " entries but the input has rank "
                           << rank;
    FailureOr<SmallVector<int64_t>> dims =
        normalizeAxes(axes, rank, [this] { return emitOpError(); });
    if (failed(dims))
      return failure();
    permutation = std::move(*dims);
  }

  SmallVector<int64_t> shape = llvm::to_vector(
      llvm::map_range(permutation, [&](int64_t dim) { return input[dim]; }));
  if (failed(verifyResultShape(*this, shape,
                               "the input shape " + formatShape(input) +
                                   " permuted by " + formatShape(permutation))))
    return failure();
  return verifySameEncryptedElementType(
      *this, {{"input", getInput()}, {"result", getResult()}});
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  ArrayRef<int64_t> result = getType().getShape();
  FailureOr<SmallVector<int64_t>> axis =
      normalizeAxes({static_cast<int64_t>(getAxis())}, result.size(),
                    [this] { return emitOpError(); });
  if (failed(axis))
    return failure();
  int64_t dim = axis->front();

  int64_t concatenated = 0;
  for (auto [index, value] : llvm::enumerate(getInputs())) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getElementType() != getType().getElementType())
      return emitOpError() << "input #" << index << " element type "
                           << type.getElementType()
                           << " differs from the result element type "
                           << getType().getElementType();
    ArrayRef<int64_t> shape = type.getShape();
    if (shape.size() != result.size())
      return emitOpError() << "input #" << index << " has rank " << shape.size()
                           << " but the result has rank " << result.size();
    for (auto [d, sizes] : llvm::enumerate(llvm::zip_equal(shape, result))) {
      auto [size, resultSize] = sizes;
      if (int64_t(d) != dim && size != resultSize)
        return emitOpError()
               << "input #" << index << " shape " << formatShape(shape)
               << " differs from the result shape " << formatShape(result)
               << " in dimension " << d << ", which is not the axis " << dim;
    }
    concatenated += shape[dim];
  }
  if (concatenated != result[dim])
    return emitOpError() << "the input sizes along axis " << dim
                         << " add up to " << concatenated
                         << " but the result has " << result[dim];
  return success();
}

LogicalResult BroadcastOp::verify() {
  ArrayRef<int64_t> input = getInput().getType().getShape();
  ArrayRef<int64_t> result = getType().getShape();
  if (!broadcastsTo(input, result))
    return emitOpError() << "input shape " << formatShape(input)
                         << " does not broadcast to the result shape "
                         << formatShape(result);
  return verifySameEncryptedElementType(
      *this, {{"input", getInput()}, {"result", getResult()}});
}

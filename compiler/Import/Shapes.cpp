#include "compiler/Import/Shapes.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using llvm::ArrayRef;
using llvm::Expected;

namespace shade::import {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string formatList(ArrayRef<int64_t> values) {
  std::string text = "[";
  for (auto [i, value] : llvm::enumerate(values)) {
    if (i)
      text += ", ";
    text += std::to_string(value);
  }
  return text + "]";
}

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

Shape rowMajorStrides(ArrayRef<int64_t> shape) {
  Shape strides(shape.size(), 1);
  for (int64_t d = int64_t(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

Expected<Shape> broadcastShapes(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  Shape result(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t l = i < lhs.size() ? lhs[lhs.size() - 1 - i] : 1;
    int64_t r = i < rhs.size() ? rhs[rhs.size() - 1 - i] : 1;
    if (l != r && l != 1 && r != 1)
      return makeError("shapes " + formatList(lhs) + " and " + formatList(rhs) +
                       " do not broadcast");
    result[rank - 1 - i] = l == 1 ? r : l;
  }
  return result;
}

Expected<Shape> broadcastAllShapes(ArrayRef<Shape> shapes) {
  Shape result;
  for (const Shape &shape : shapes) {
    Expected<Shape> joined = broadcastShapes(result, shape);
    if (joined) {
      result = std::move(*joined);
      continue;
    }
    llvm::consumeError(joined.takeError());
    std::string listed;
    for (auto [i, each] : llvm::enumerate(shapes))
      listed += (i == 0                   ? ""
                 : i + 1 == shapes.size() ? " and "
                                          : ", ") +
                formatList(each);
    return makeError("shapes " + listed + " do not broadcast");
  }
  return result;
}

llvm::Error checkBroadcastTo(ArrayRef<int64_t> shape,
                             ArrayRef<int64_t> target) {
  bool valid = shape.size() <= target.size();
  for (size_t i = 0; valid && i < shape.size(); ++i) {
    int64_t size = shape[shape.size() - 1 - i];
    valid = size == 1 || size == target[target.size() - 1 - i];
  }
  if (valid)
    return llvm::Error::success();
  return makeError("shape " + formatList(shape) + " does not broadcast to " +
                   formatList(target));
}

Expected<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return makeError("axis " + llvm::Twine(axis) +
                     " is out of bounds for a tensor of rank " +
                     llvm::Twine(rank));
  return axis < 0 ? axis + rank : axis;
}

Expected<Shape> normalizeAxes(ArrayRef<int64_t> axes, int64_t rank) {
  Shape result;
  for (int64_t axis : axes) {
    Expected<int64_t> normalized = normalizeAxis(axis, rank);
    if (!normalized)
      return normalized.takeError();
    if (llvm::is_contained(result, *normalized))
      return makeError("axis " + llvm::Twine(axis) + " is repeated in " +
                       formatList(axes));
    result.push_back(*normalized);
  }
  return result;
}

Expected<Shape> dotShape(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs) {
  if (lhs.size() != 1 || rhs.size() != 1)
    return makeError("dot takes two 1-D tensors, got shapes " +
                     formatList(lhs) + " and " + formatList(rhs));
  if (lhs[0] != rhs[0])
    return makeError("dot of vectors of different lengths " + formatList(lhs) +
                     " and " + formatList(rhs));
  return Shape{};
}

Expected<Shape> matmulShape(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs) {
  if (lhs.empty() || rhs.empty())
    return makeError("matmul does not take scalars, got shapes " +
                     formatList(lhs) + " and " + formatList(rhs));
  Shape a(lhs.begin(), lhs.end()), b(rhs.begin(), rhs.end());
  if (a.size() == 1)
    a.insert(a.begin(), 1);
  if (b.size() == 1)
    b.push_back(1);
  int64_t k = a.back();
  if (k != b[b.size() - 2])
    return makeError("matmul of shapes " + formatList(lhs) + " and " +
                     formatList(rhs) + ": the contracted dimensions " +
                     llvm::Twine(k) + " and " + llvm::Twine(b[b.size() - 2]) +
                     " differ");
  Expected<Shape> batch =
      broadcastShapes(ArrayRef(a).drop_back(2), ArrayRef(b).drop_back(2));
  if (!batch)
    return makeError("matmul of shapes " + formatList(lhs) + " and " +
                     formatList(rhs) + ": the stack dimensions " +
                     llvm::toString(batch.takeError()));
  Shape result = *batch;
  if (lhs.size() > 1)
    result.push_back(a[a.size() - 2]);
  if (rhs.size() > 1)
    result.push_back(b.back());
  return result;
}

Shape sumShape(ArrayRef<int64_t> input, std::optional<ArrayRef<int64_t>> axes,
               bool keepDims) {
  Shape result;
  for (auto [d, size] : llvm::enumerate(input)) {
    bool summed = !axes || llvm::is_contained(*axes, int64_t(d));
    if (!summed)
      result.push_back(size);
    else if (keepDims)
      result.push_back(1);
  }
  return result;
}

/// Checks the strides, pads and dilations of a 2-D window.
static llvm::Error checkWindow(const Window2d &window) {
  auto check = [](llvm::StringRef name, ArrayRef<int64_t> values, size_t size,
                  bool allowZero, llvm::StringRef layout) -> llvm::Error {
    bool valid = values.size() == size && llvm::all_of(values, [&](int64_t v) {
                   return allowZero ? v >= 0 : v > 0;
                 });
    if (valid)
      return llvm::Error::success();
    return makeError("'" + name + "' must be " + llvm::Twine(size) + " " +
                     (allowZero ? "non-negative" : "positive") + " integers " +
                     layout + ", got " + formatList(values));
  };
  if (llvm::Error error =
          check("strides", window.strides, 2, false, "[sh, sw]"))
    return error;
  if (llvm::Error error =
          check("pads", window.pads, 4, true, "[top, left, bottom, right]"))
    return error;
  return check("dilations", window.dilations, 2, false, "[dh, dw]");
}

/// The number of positions of a window along one spatial dimension.
static Expected<int64_t> windowCount(llvm::StringRef name, int64_t input,
                                     int64_t kernel, int64_t stride,
                                     int64_t dilation, int64_t padBefore,
                                     int64_t padAfter) {
  __int128 span = __int128(dilation) * (kernel - 1) + 1;
  __int128 padded = __int128(input) + padBefore + padAfter;
  if (span > padded)
    return makeError(
        "the " + name + " of the kernel, " + llvm::Twine(kernel) +
        " with dilation " + llvm::Twine(dilation) + ", exceeds the padded " +
        name + " " +
        llvm::Twine(int64_t(std::min<__int128>(padded, INT64_MAX))));
  return int64_t((padded - span) / stride + 1);
}

Expected<Shape> conv2dShape(ArrayRef<int64_t> input, ArrayRef<int64_t> weight,
                            std::optional<ArrayRef<int64_t>> bias,
                            const Window2d &window, int64_t group) {
  if (input.size() != 4)
    return makeError("the input must be N x C x H x W, got shape " +
                     formatList(input));
  if (weight.size() != 4)
    return makeError("the weight must be F x C/group x KH x KW, got shape " +
                     formatList(weight));
  if (llvm::Error error = checkWindow(window))
    return error;
  int64_t channels = input[1], filters = weight[0];
  if (group < 1)
    return makeError("'group' must be positive, got " + llvm::Twine(group));
  if (channels % group || filters % group)
    return makeError("'group' " + llvm::Twine(group) +
                     " does not divide the input channels " +
                     llvm::Twine(channels) + " and the filters " +
                     llvm::Twine(filters));
  if (weight[1] != channels / group)
    return makeError("the weight " + formatList(weight) + " has " +
                     llvm::Twine(weight[1]) + " channels per filter, but " +
                     llvm::Twine(channels) + " input channels in " +
                     llvm::Twine(group) + " group(s) need " +
                     llvm::Twine(channels / group));
  if (bias && (bias->size() != 1 || (*bias)[0] != filters))
    return makeError("the bias must have one element per filter (shape [" +
                     llvm::Twine(filters) + "]), got shape " +
                     formatList(*bias));
  Expected<int64_t> height =
      windowCount("height", input[2], weight[2], window.strides[0],
                  window.dilations[0], window.pads[0], window.pads[2]);
  if (!height)
    return height.takeError();
  Expected<int64_t> width =
      windowCount("width", input[3], weight[3], window.strides[1],
                  window.dilations[1], window.pads[1], window.pads[3]);
  if (!width)
    return width.takeError();
  return Shape{input[0], filters, *height, *width};
}

/// Whether the window at `position` along a dimension holds no image cell.
static bool windowIsPaddingOnly(int64_t position, int64_t input, int64_t kernel,
                                int64_t stride, int64_t padBefore) {
  __int128 first = __int128(position) * stride - padBefore;
  __int128 last = first + kernel - 1;
  return last < 0 || first >= input;
}

Expected<Shape> maxpool2dShape(ArrayRef<int64_t> input,
                               ArrayRef<int64_t> kernel,
                               const Window2d &window) {
  if (input.size() != 4)
    return makeError("the input must be N x C x H x W, got shape " +
                     formatList(input));
  if (kernel.size() != 2 || kernel[0] < 1 || kernel[1] < 1)
    return makeError("'kernel' must be 2 positive integers [kh, kw], got " +
                     formatList(kernel));
  if (llvm::Error error = checkWindow(window))
    return error;
  Shape result{input[0], input[1]};
  for (int d = 0; d < 2; ++d) {
    llvm::StringRef name = d == 0 ? "height" : "width";
    Expected<int64_t> count =
        windowCount(name, input[2 + d], kernel[d], window.strides[d], 1,
                    window.pads[d], window.pads[d + 2]);
    if (!count)
      return count.takeError();
    // Windows only move away from the image towards either end, so checking
    // the first and the last position is enough.
    for (int64_t position : {int64_t(0), *count - 1})
      if (windowIsPaddingOnly(position, input[2 + d], kernel[d],
                              window.strides[d], window.pads[d]))
        return makeError(
            "the window at " + name + " position " + llvm::Twine(position) +
            " covers only padding: the pads " + formatList(window.pads) +
            " are too large for the kernel " + formatList(kernel));
    result.push_back(*count);
  }
  return result;
}

Expected<Shape> reshapeShape(ArrayRef<int64_t> input, ArrayRef<int64_t> shape) {
  int64_t inferred = -1;
  __int128 known = 1;
  for (auto [d, size] : llvm::enumerate(shape)) {
    if (size == -1 && inferred < 0) {
      inferred = d;
      continue;
    }
    if (size < 1)
      return makeError("'shape' " + formatList(shape) +
                       " may hold positive sizes and one -1 only");
    known *= size;
    if (known > INT64_MAX)
      return makeError("'shape' " + formatList(shape) + " is too large");
  }
  int64_t count = numElements(input);
  Shape result(shape.begin(), shape.end());
  if (inferred >= 0) {
    if (count % int64_t(known))
      return makeError("cannot reshape " + formatList(input) + " into " +
                       formatList(shape));
    result[inferred] = count / int64_t(known);
  }
  if (numElements(result) != count)
    return makeError("cannot reshape " + formatList(input) + " (" +
                     llvm::Twine(count) + " elements) into " +
                     formatList(shape));
  return result;
}

Expected<Shape> transposePermutation(int64_t rank,
                                     std::optional<ArrayRef<int64_t>> axes) {
  if (!axes) {
    Shape reversed;
    for (int64_t d = rank - 1; d >= 0; --d)
      reversed.push_back(d);
    return reversed;
  }
  if (int64_t(axes->size()) != rank)
    return makeError("'axes' " + formatList(*axes) +
                     " is not a permutation of the " + llvm::Twine(rank) +
                     " dimensions");
  return normalizeAxes(*axes, rank);
}

Expected<Shape> concatenateShape(ArrayRef<Shape> inputs, int64_t &axis) {
  ArrayRef<int64_t> first = inputs.front();
  if (first.empty())
    return makeError("cannot concatenate scalars");
  Expected<int64_t> normalized = normalizeAxis(axis, first.size());
  if (!normalized)
    return normalized.takeError();
  axis = *normalized;
  Shape result(first.begin(), first.end());
  for (const Shape &shape : inputs.drop_front()) {
    bool valid = shape.size() == first.size();
    for (size_t d = 0; valid && d < shape.size(); ++d)
      valid = int64_t(d) == axis || shape[d] == first[d];
    if (!valid)
      return makeError("cannot concatenate shapes " + formatList(first) +
                       " and " + formatList(shape) + " along axis " +
                       llvm::Twine(axis));
    result[axis] += shape[axis];
  }
  return result;
}

Expected<Shape> expandDimsShape(ArrayRef<int64_t> input,
                                ArrayRef<int64_t> axes) {
  int64_t rank = input.size() + axes.size();
  Expected<Shape> normalized = normalizeAxes(axes, rank);
  if (!normalized)
    return normalized.takeError();
  Shape result;
  const int64_t *next = input.begin();
  for (int64_t d = 0; d < rank; ++d)
    result.push_back(llvm::is_contained(*normalized, d) ? 1 : *next++);
  return result;
}

Expected<Shape> squeezeShape(ArrayRef<int64_t> input,
                             std::optional<ArrayRef<int64_t>> axes) {
  Shape removed;
  if (axes) {
    Expected<Shape> normalized = normalizeAxes(*axes, input.size());
    if (!normalized)
      return normalized.takeError();
    for (int64_t d : *normalized)
      if (input[d] != 1)
        return makeError("cannot squeeze axis " + llvm::Twine(d) + " of size " +
                         llvm::Twine(input[d]) + " in shape " +
                         formatList(input));
    removed = *normalized;
  }
  Shape result;
  for (auto [d, size] : llvm::enumerate(input)) {
    bool squeezed = axes ? llvm::is_contained(removed, int64_t(d)) : size == 1;
    if (!squeezed)
      result.push_back(size);
  }
  return result;
}

/// Python's `slice(start, stop, step).indices(size)` for a non-zero step.
static SliceDim sliceIndices(std::optional<int64_t> start,
                             std::optional<int64_t> stop, int64_t step,
                             int64_t size) {
  int64_t lower = step > 0 ? 0 : -1;
  int64_t upper = step > 0 ? size : size - 1;
  auto clamp = [&](std::optional<int64_t> bound, int64_t fallback) {
    if (!bound)
      return fallback;
    int64_t index = *bound;
    if (index < 0) {
      index += size;
      return std::max(index, lower);
    }
    return std::min(index, upper);
  };
  int64_t first = clamp(start, step > 0 ? lower : upper);
  int64_t end = clamp(stop, step > 0 ? upper : lower);
  __int128 distance = step > 0 ? __int128(end) - first : __int128(first) - end;
  __int128 stride = step > 0 ? __int128(step) : -__int128(step);
  int64_t count = distance > 0 ? int64_t((distance - 1) / stride + 1) : 0;
  return {first, step, count};
}

Expected<llvm::SmallVector<SliceDim, 4>>
normalizeSlice(ArrayRef<int64_t> input, ArrayRef<std::optional<int64_t>> starts,
               ArrayRef<std::optional<int64_t>> stops,
               ArrayRef<std::optional<int64_t>> steps) {
  size_t sliced = std::max({starts.size(), stops.size(), steps.size()});
  if (sliced > input.size())
    return makeError("'starts', 'stops' and 'steps' bound " +
                     llvm::Twine(sliced) + " axes, more than the " +
                     llvm::Twine(input.size()) + " of shape " +
                     formatList(input));
  auto entry = [](ArrayRef<std::optional<int64_t>> list, size_t d) {
    return d < list.size() ? list[d] : std::nullopt;
  };
  llvm::SmallVector<SliceDim, 4> dims;
  for (size_t d = 0; d < input.size(); ++d) {
    int64_t step = entry(steps, d).value_or(1);
    if (step == 0)
      return makeError("the step of axis " + llvm::Twine(d) + " is zero");
    SliceDim dim =
        sliceIndices(entry(starts, d), entry(stops, d), step, input[d]);
    if (dim.count == 0)
      return makeError("the slice selects no element along axis " +
                       llvm::Twine(d) + " of shape " + formatList(input));
    dims.push_back(dim);
  }
  return dims;
}

} // namespace shade::import

// The layout ops of ClearTensor: they move elements without computing.

#include "compiler/Import/ClearTensor.h"

#include "llvm/ADT/STLExtras.h"

namespace shade::import {

/// The tensor of `shape` whose element at index i is element
/// `base + sum_d i[d] * strides[d]` of `input`.
static ClearTensor gather(const ClearTensor &input,
                          llvm::ArrayRef<int64_t> shape, int64_t base,
                          llvm::ArrayRef<int64_t> strides) {
  int64_t count = numElements(shape);
  std::vector<int64_t> elements;
  elements.reserve(count);
  Shape index(shape.size(), 0);
  int64_t offset = base;
  for (int64_t i = 0; i < count; ++i) {
    elements.push_back(input.getElements()[offset]);
    for (int64_t d = int64_t(shape.size()) - 1; d >= 0; --d) {
      offset += strides[d];
      if (++index[d] < shape[d])
        break;
      offset -= strides[d] * shape[d];
      index[d] = 0;
    }
  }
  return ClearTensor(shape, std::move(elements));
}

llvm::Expected<ClearTensor> reshape(const ClearTensor &input,
                                    llvm::ArrayRef<int64_t> shape) {
  llvm::Expected<Shape> target = reshapeShape(input.getShape(), shape);
  if (!target)
    return target.takeError();
  return ClearTensor(*target, std::vector<int64_t>(input.getElements()));
}

llvm::Expected<ClearTensor>
transpose(const ClearTensor &input,
          std::optional<llvm::ArrayRef<int64_t>> axes) {
  llvm::Expected<Shape> permutation =
      transposePermutation(input.getRank(), axes);
  if (!permutation)
    return permutation.takeError();
  Shape inputStrides = rowMajorStrides(input.getShape());
  Shape shape, strides;
  for (int64_t d : *permutation) {
    shape.push_back(input.getShape()[d]);
    strides.push_back(inputStrides[d]);
  }
  return gather(input, shape, 0, strides);
}

llvm::Expected<ClearTensor>
concatenate(llvm::ArrayRef<const ClearTensor *> inputs,
            std::optional<int64_t> axis) {
  if (!axis) {
    std::vector<int64_t> elements;
    for (const ClearTensor *input : inputs)
      llvm::append_range(elements, input->getElements());
    int64_t count = elements.size();
    return ClearTensor({count}, std::move(elements));
  }
  llvm::SmallVector<Shape> shapes;
  for (const ClearTensor *input : inputs)
    shapes.push_back(Shape(input->getShape()));
  int64_t dim = *axis;
  llvm::Expected<Shape> shape = concatenateShape(shapes, dim);
  if (!shape)
    return shape.takeError();
  // Each input contributes one contiguous run of elements per index of the
  // dimensions before `dim`.
  int64_t outer = numElements(llvm::ArrayRef(*shape).take_front(dim));
  std::vector<int64_t> elements;
  elements.reserve(numElements(*shape));
  for (int64_t o = 0; o < outer; ++o)
    for (const ClearTensor *input : inputs) {
      int64_t run = input->getNumElements() / outer;
      llvm::ArrayRef<int64_t> source = input->getElements().slice(o * run, run);
      elements.insert(elements.end(), source.begin(), source.end());
    }
  return ClearTensor(*shape, std::move(elements));
}

llvm::Expected<ClearTensor> broadcastTo(const ClearTensor &input,
                                        llvm::ArrayRef<int64_t> shape) {
  if (llvm::Error error = checkBroadcastTo(input.getShape(), shape))
    return error;
  Shape own = rowMajorStrides(input.getShape());
  Shape strides(shape.size(), 0);
  size_t lead = shape.size() - input.getRank();
  for (int64_t d = 0; d < input.getRank(); ++d)
    if (input.getShape()[d] != 1)
      strides[lead + d] = own[d];
  return gather(input, shape, 0, strides);
}

llvm::Expected<ClearTensor> expandDims(const ClearTensor &input,
                                       llvm::ArrayRef<int64_t> axes) {
  llvm::Expected<Shape> shape = expandDimsShape(input.getShape(), axes);
  if (!shape)
    return shape.takeError();
  return ClearTensor(*shape, std::vector<int64_t>(input.getElements()));
}

llvm::Expected<ClearTensor>
squeeze(const ClearTensor &input, std::optional<llvm::ArrayRef<int64_t>> axes) {
  llvm::Expected<Shape> shape = squeezeShape(input.getShape(), axes);
  if (!shape)
    return shape.takeError();
  return ClearTensor(*shape, std::vector<int64_t>(input.getElements()));
}

ClearTensor flatten(const ClearTensor &input) {
  return ClearTensor({input.getNumElements()},
                     std::vector<int64_t>(input.getElements()));
}

llvm::Expected<ClearTensor>
slice(const ClearTensor &input, llvm::ArrayRef<std::optional<int64_t>> starts,
      llvm::ArrayRef<std::optional<int64_t>> stops,
      llvm::ArrayRef<std::optional<int64_t>> steps) {
  llvm::Expected<llvm::SmallVector<SliceDim, 4>> dims =
      normalizeSlice(input.getShape(), starts, stops, steps);
  if (!dims)
    return dims.takeError();
  Shape inputStrides = rowMajorStrides(input.getShape());
  Shape shape, strides;
  int64_t base = 0;
  for (auto [dim, stride] : llvm::zip_equal(*dims, inputStrides)) {
    shape.push_back(dim.count);
    strides.push_back(dim.step * stride);
    base += dim.start * stride;
  }
  return gather(input, shape, base, strides);
}

} // namespace shade::import

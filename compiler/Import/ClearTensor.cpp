// The ClearTensor class and its element-wise ops.

#include "compiler/Import/ClearTensor.h"

#include "llvm/ADT/STLExtras.h"

#include <cassert>

namespace shade::import {

ClearTensor::ClearTensor(llvm::ArrayRef<int64_t> shape,
                         std::vector<int64_t> elements)
    : shape(shape.begin(), shape.end()), elements(std::move(elements)) {
  assert(int64_t(this->elements.size()) == numElements(shape) &&
         "the elements do not match the shape");
}

ClearTensor ClearTensor::splat(llvm::ArrayRef<int64_t> shape, int64_t value) {
  return ClearTensor(shape, std::vector<int64_t>(numElements(shape), value));
}

int64_t ClearTensor::at(llvm::ArrayRef<int64_t> index) const {
  assert(index.size() == shape.size() && "index of the wrong rank");
  int64_t offset = 0;
  for (auto [i, size] : llvm::zip_equal(index, shape))
    offset = offset * size + i;
  return elements[offset];
}

bool ClearTensor::isSplat() const { return llvm::all_equal(elements); }

std::string ClearTensor::str() const {
  if (shape.empty())
    return std::to_string(elements.front());
  // blocks[d]: the number of elements of one sub-tensor at depth d. An
  // element opens one bracket per sub-tensor it starts and closes one per
  // sub-tensor it ends.
  Shape blocks = rowMajorStrides(shape);
  for (auto [block, size] : llvm::zip_equal(blocks, shape))
    block *= size;
  std::string text;
  for (auto [offset, value] : llvm::enumerate(elements)) {
    if (offset)
      text += ", ";
    for (int64_t block : blocks)
      if (int64_t(offset) % block == 0)
        text += '[';
    text += std::to_string(value);
    for (int64_t block : blocks)
      if ((int64_t(offset) + 1) % block == 0)
        text += ']';
  }
  return text;
}

/// The strides of `shape` when broadcast to the rank-`rank` shape `target`:
/// 0 along the dimensions it repeats.
static Shape broadcastStrides(llvm::ArrayRef<int64_t> shape,
                              llvm::ArrayRef<int64_t> target) {
  Shape own = rowMajorStrides(shape);
  Shape strides(target.size(), 0);
  size_t lead = target.size() - shape.size();
  for (size_t d = 0; d < shape.size(); ++d)
    strides[lead + d] = shape[d] == 1 ? 0 : own[d];
  return strides;
}

/// Advances the row-major multi-index `index` of `shape` by one element and
/// the offsets that follow it with their `strides`.
static void advance(llvm::MutableArrayRef<int64_t> index,
                    llvm::ArrayRef<int64_t> shape,
                    llvm::ArrayRef<Shape> strides,
                    llvm::MutableArrayRef<int64_t> offsets) {
  for (int64_t d = int64_t(shape.size()) - 1; d >= 0; --d) {
    for (auto [offset, stride] : llvm::zip_equal(offsets, strides))
      offset += stride[d];
    if (++index[d] < shape[d])
      return;
    for (auto [offset, stride] : llvm::zip_equal(offsets, strides))
      offset -= stride[d] * shape[d];
    index[d] = 0;
  }
}

llvm::Expected<ClearTensor> applyBinary(OpKind kind, const ClearTensor &lhs,
                                        const ClearTensor &rhs) {
  llvm::Expected<Shape> shape = broadcastShapes(lhs.getShape(), rhs.getShape());
  if (!shape)
    return shape.takeError();
  Shape strides[] = {broadcastStrides(lhs.getShape(), *shape),
                     broadcastStrides(rhs.getShape(), *shape)};
  Shape index(shape->size(), 0);
  int64_t offsets[] = {0, 0};
  std::vector<int64_t> elements;
  int64_t count = numElements(*shape);
  elements.reserve(count);
  for (int64_t i = 0; i < count; ++i) {
    llvm::Expected<int64_t> value = applyBinary(
        kind, lhs.getElements()[offsets[0]], rhs.getElements()[offsets[1]]);
    if (!value)
      return value.takeError();
    elements.push_back(*value);
    advance(index, *shape, strides, offsets);
  }
  return ClearTensor(*shape, std::move(elements));
}

llvm::Expected<ClearTensor> where(const ClearTensor &cond, const ClearTensor &a,
                                  const ClearTensor &b) {
  llvm::Expected<Shape> shape = broadcastAllShapes(
      {Shape(cond.getShape()), Shape(a.getShape()), Shape(b.getShape())});
  if (!shape)
    return shape.takeError();
  Shape strides[] = {broadcastStrides(cond.getShape(), *shape),
                     broadcastStrides(a.getShape(), *shape),
                     broadcastStrides(b.getShape(), *shape)};
  Shape index(shape->size(), 0);
  int64_t offsets[] = {0, 0, 0};
  std::vector<int64_t> elements;
  int64_t count = numElements(*shape);
  elements.reserve(count);
  for (int64_t i = 0; i < count; ++i) {
    elements.push_back(cond.getElements()[offsets[0]] != 0
                           ? a.getElements()[offsets[1]]
                           : b.getElements()[offsets[2]]);
    advance(index, *shape, strides, offsets);
  }
  return ClearTensor(*shape, std::move(elements));
}

llvm::Expected<ClearTensor> applyUnary(const UnaryOp &op,
                                       const ClearTensor &input) {
  std::vector<int64_t> elements;
  elements.reserve(input.getNumElements());
  for (int64_t element : input.getElements()) {
    llvm::Expected<int64_t> value = applyUnary(op, element);
    if (!value)
      return value.takeError();
    elements.push_back(*value);
  }
  return ClearTensor(input.getShape(), std::move(elements));
}

} // namespace shade::import

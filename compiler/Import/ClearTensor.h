// A clear int64 tensor and every graph op on it, with numpy's semantics on
// int64 arrays except that a result which does not fit int64 is an error
// instead of a wrapped value. The importer folds the clear-only parts of a
// graph with it; it is also the reference the tests compare against.

#ifndef SHADE_COMPILER_IMPORT_CLEARTENSOR_H
#define SHADE_COMPILER_IMPORT_CLEARTENSOR_H

#include "compiler/Import/Ops.h"
#include "compiler/Import/Shapes.h"

#include "nlohmann/json_fwd.hpp"

#include <vector>

namespace shade::import {

/// A dense row-major tensor of int64 (a scalar when the shape is empty).
class ClearTensor {
public:
  /// The scalar 0.
  ClearTensor() : elements(1, 0) {}
  /// A tensor of `shape` holding `elements` in row-major order; their number
  /// must match the shape.
  ClearTensor(llvm::ArrayRef<int64_t> shape, std::vector<int64_t> elements);

  static ClearTensor scalar(int64_t value) { return ClearTensor({}, {value}); }
  static ClearTensor splat(llvm::ArrayRef<int64_t> shape, int64_t value);

  llvm::ArrayRef<int64_t> getShape() const { return shape; }
  int64_t getRank() const { return shape.size(); }
  int64_t getNumElements() const { return elements.size(); }
  llvm::ArrayRef<int64_t> getElements() const { return elements; }
  int64_t at(llvm::ArrayRef<int64_t> index) const;
  /// Whether every element has one value.
  bool isSplat() const;

  bool operator==(const ClearTensor &other) const {
    return shape == other.shape && elements == other.elements;
  }
  bool operator!=(const ClearTensor &other) const { return !(*this == other); }

  /// Parses an integer or a nested list of integers (rectangular, every
  /// level non-empty), as graph constants and values files write tensors.
  static llvm::Expected<ClearTensor> fromJson(const nlohmann::json &json);
  /// The inverse of fromJson.
  nlohmann::json toJson() const;
  /// The tensor as numpy prints a list: `[[1, 2], [3, 4]]`, or `5`.
  std::string str() const;

private:
  Shape shape;
  std::vector<int64_t> elements;
};

// Element-wise ops.

/// An element-wise binary op (add, ..., not_equal) with numpy broadcasting.
llvm::Expected<ClearTensor> applyBinary(OpKind kind, const ClearTensor &lhs,
                                        const ClearTensor &rhs);
/// An element-wise unary op.
llvm::Expected<ClearTensor> applyUnary(const UnaryOp &op,
                                       const ClearTensor &input);
/// numpy `where(cond != 0, a, b)`, the three broadcast together.
llvm::Expected<ClearTensor> where(const ClearTensor &cond, const ClearTensor &a,
                                  const ClearTensor &b);

// Products and reductions.

/// numpy `dot` of two 1-D tensors.
llvm::Expected<ClearTensor> dot(const ClearTensor &lhs, const ClearTensor &rhs);
/// numpy `matmul`.
llvm::Expected<ClearTensor> matmul(const ClearTensor &lhs,
                                   const ClearTensor &rhs);
/// numpy `sum` over `axes` (std::nullopt: every axis; negative axes count
/// from the last one).
llvm::Expected<ClearTensor> sum(const ClearTensor &input,
                                std::optional<llvm::ArrayRef<int64_t>> axes,
                                bool keepDims);
/// ONNX `Conv` on N x C x H x W images, with zero padding.
llvm::Expected<ClearTensor> conv2d(const ClearTensor &input,
                                   const ClearTensor &weight,
                                   const ClearTensor *bias,
                                   const Window2d &window, int64_t group);
/// Max pooling on N x C x H x W images; padded cells never win.
llvm::Expected<ClearTensor> maxpool2d(const ClearTensor &input,
                                      llvm::ArrayRef<int64_t> kernel,
                                      const Window2d &window);

// Layout.

/// numpy `reshape` in C order; one entry of `shape` may be -1.
llvm::Expected<ClearTensor> reshape(const ClearTensor &input,
                                    llvm::ArrayRef<int64_t> shape);
/// numpy `transpose` (std::nullopt: reversed dimensions).
llvm::Expected<ClearTensor>
transpose(const ClearTensor &input,
          std::optional<llvm::ArrayRef<int64_t>> axes);
/// numpy `concatenate` along `axis` (std::nullopt: numpy's None, which
/// flattens every input first).
llvm::Expected<ClearTensor>
concatenate(llvm::ArrayRef<const ClearTensor *> inputs,
            std::optional<int64_t> axis);
/// numpy `broadcast_to`.
llvm::Expected<ClearTensor> broadcastTo(const ClearTensor &input,
                                        llvm::ArrayRef<int64_t> shape);
/// numpy `expand_dims`.
llvm::Expected<ClearTensor> expandDims(const ClearTensor &input,
                                       llvm::ArrayRef<int64_t> axes);
/// numpy `squeeze` (std::nullopt: every dimension of size 1).
llvm::Expected<ClearTensor>
squeeze(const ClearTensor &input, std::optional<llvm::ArrayRef<int64_t>> axes);
/// numpy `ravel`.
ClearTensor flatten(const ClearTensor &input);
/// numpy basic slicing `a[start:stop:step, ...]` over the leading axes.
llvm::Expected<ClearTensor> slice(const ClearTensor &input,
                                  llvm::ArrayRef<std::optional<int64_t>> starts,
                                  llvm::ArrayRef<std::optional<int64_t>> stops,
                                  llvm::ArrayRef<std::optional<int64_t>> steps);

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_CLEARTENSOR_H

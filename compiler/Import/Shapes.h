// The shape rules of the graph ops (numpy broadcasting, matmul, reductions,
// sliding windows, layout changes), shared by the clear evaluator and the IR
// emitters so that both accept and reject exactly the same graphs. Every
// function that can fail returns an error saying why, naming the shapes and
// attributes involved; the caller adds the node.

#ifndef SHADE_COMPILER_IMPORT_SHAPES_H
#define SHADE_COMPILER_IMPORT_SHAPES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace shade::import {

using Shape = llvm::SmallVector<int64_t, 4>;

/// An error carrying `message`, for the llvm::Expected results of this
/// library.
llvm::Error makeError(const llvm::Twine &message);

/// Renders a shape or a list of integers as numpy prints a shape: `[3, 4]`.
std::string formatList(llvm::ArrayRef<int64_t> values);

/// The number of elements of a tensor of this shape (1 for a scalar).
int64_t numElements(llvm::ArrayRef<int64_t> shape);

/// The row-major (C order) strides of a tensor of this shape, in elements.
Shape rowMajorStrides(llvm::ArrayRef<int64_t> shape);

/// numpy's broadcast of two shapes.
llvm::Expected<Shape> broadcastShapes(llvm::ArrayRef<int64_t> lhs,
                                      llvm::ArrayRef<int64_t> rhs);

/// numpy's broadcast of several shapes (where's three operands).
llvm::Expected<Shape> broadcastAllShapes(llvm::ArrayRef<Shape> shapes);

/// Checks numpy's `broadcast_to(shape, target)`.
llvm::Error checkBroadcastTo(llvm::ArrayRef<int64_t> shape,
                             llvm::ArrayRef<int64_t> target);

/// `axis` counted from the last of `rank` dimensions when negative.
llvm::Expected<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Every entry of `axes` normalized; two entries naming one dimension are
/// rejected, as numpy does.
llvm::Expected<Shape> normalizeAxes(llvm::ArrayRef<int64_t> axes, int64_t rank);

/// The shape of numpy's `dot` of two 1-D tensors: a scalar.
llvm::Expected<Shape> dotShape(llvm::ArrayRef<int64_t> lhs,
                               llvm::ArrayRef<int64_t> rhs);

/// The shape of numpy's `matmul`: 1-D operands are promoted (a row on the
/// left, a column on the right) and the added dimension removed from the
/// result; stacks of matrices broadcast in their leading dimensions.
llvm::Expected<Shape> matmulShape(llvm::ArrayRef<int64_t> lhs,
                                  llvm::ArrayRef<int64_t> rhs);

/// The shape of numpy's `sum` over `axes` (already normalized; std::nullopt
/// for every axis).
Shape sumShape(llvm::ArrayRef<int64_t> input,
               std::optional<llvm::ArrayRef<int64_t>> axes, bool keepDims);

/// The window attributes of conv2d and maxpool2d.
struct Window2d {
  /// [sh, sw]
  llvm::SmallVector<int64_t, 2> strides;
  /// [top, left, bottom, right]
  llvm::SmallVector<int64_t, 4> pads;
  /// [dh, dw]
  llvm::SmallVector<int64_t, 2> dilations;
};

/// The shape of ONNX `Conv` of an N x C x H x W `input` by an
/// F x C/group x KH x KW `weight`, with an optional bias of F elements.
llvm::Expected<Shape> conv2dShape(llvm::ArrayRef<int64_t> input,
                                  llvm::ArrayRef<int64_t> weight,
                                  std::optional<llvm::ArrayRef<int64_t>> bias,
                                  const Window2d &window, int64_t group);

/// The shape of a max pooling of an N x C x H x W `input` with a KH x KW
/// `kernel`. Every window must hold at least one cell of the image.
llvm::Expected<Shape> maxpool2dShape(llvm::ArrayRef<int64_t> input,
                                     llvm::ArrayRef<int64_t> kernel,
                                     const Window2d &window);

/// numpy's `reshape` target: `shape` with its -1 entry (at most one) replaced
/// by the size that keeps `numElements` elements.
llvm::Expected<Shape> reshapeShape(llvm::ArrayRef<int64_t> input,
                                   llvm::ArrayRef<int64_t> shape);

/// The permutation of numpy's `transpose`: `axes` normalized, or the reversed
/// dimensions when std::nullopt.
llvm::Expected<Shape>
transposePermutation(int64_t rank, std::optional<llvm::ArrayRef<int64_t>> axes);

/// The shape of numpy's `concatenate` of tensors of these shapes along
/// `axis` (normalized on return); the inputs must be of rank >= 1.
llvm::Expected<Shape> concatenateShape(llvm::ArrayRef<Shape> inputs,
                                       int64_t &axis);

/// The shape of numpy's `expand_dims(a, axes)`; `axes` count in the result.
llvm::Expected<Shape> expandDimsShape(llvm::ArrayRef<int64_t> input,
                                      llvm::ArrayRef<int64_t> axes);

/// The shape of numpy's `squeeze(a, axes)`: `axes` must name dimensions of
/// size 1; std::nullopt removes every dimension of size 1.
llvm::Expected<Shape> squeezeShape(llvm::ArrayRef<int64_t> input,
                                   std::optional<llvm::ArrayRef<int64_t>> axes);

/// One axis of a basic slice after Python's `slice.indices`: the elements
/// `start`, `start + step`, ... (`count` of them).
struct SliceDim {
  int64_t start;
  int64_t step;
  int64_t count;
};

/// The per-axis selection of numpy's `a[start:stop:step, ...]` over the
/// leading axes given (std::nullopt entries take the numpy default, missing
/// trailing entries select whole axes). An empty selection is rejected.
llvm::Expected<llvm::SmallVector<SliceDim, 4>>
normalizeSlice(llvm::ArrayRef<int64_t> input,
               llvm::ArrayRef<std::optional<int64_t>> starts,
               llvm::ArrayRef<std::optional<int64_t>> stops,
               llvm::ArrayRef<std::optional<int64_t>> steps);

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_SHAPES_H

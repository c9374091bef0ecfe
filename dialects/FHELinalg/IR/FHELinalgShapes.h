// The shape rules of the fhelinalg operations (numpy broadcasting, matmul,
// reductions, sliding windows), shared by the verifiers and by the code that
// builds these operations. Each function that can fail reports why through
// `emitError`, naming the shapes involved.

#ifndef SHADE_DIALECTS_FHELINALG_IR_FHELINALGSHAPES_H
#define SHADE_DIALECTS_FHELINALG_IR_FHELINALGSHAPES_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace shade::fhelinalg {

using EmitErrorFn = llvm::function_ref<mlir::InFlightDiagnostic()>;

/// Renders a shape as numpy prints it, e.g. `[3, 4]` (`[]` for a scalar).
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// The numpy broadcast of two shapes. `lhsName` and `rhsName` name the shapes
/// in the error when they do not broadcast.
mlir::FailureOr<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::StringRef lhsName, llvm::ArrayRef<int64_t> lhs,
                llvm::StringRef rhsName, llvm::ArrayRef<int64_t> rhs,
                EmitErrorFn emitError);

/// Whether numpy's `broadcast_to` can stretch `shape` to `target`: `shape`
/// has at most the rank of `target` and, aligned on the last dimension, each
/// of its sizes is 1 or the size in `target`.
bool broadcastsTo(llvm::ArrayRef<int64_t> shape,
                  llvm::ArrayRef<int64_t> target);

/// The shape of numpy's `matmul` of operands of these shapes (see the
/// description of `fhelinalg.matmul_eint_int`). Two 1-D operands, whose
/// product is a scalar, are rejected.
mlir::FailureOr<llvm::SmallVector<int64_t>>
matmulShape(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs,
            EmitErrorFn emitError);

/// `axes` with negative entries counted from the last of `rank` dimensions,
/// in the given order. Rejects an axis out of `[-rank, rank)` and two entries
/// naming the same dimension.
mlir::FailureOr<llvm::SmallVector<int64_t>>
normalizeAxes(llvm::ArrayRef<int64_t> axes, int64_t rank,
              EmitErrorFn emitError);

/// The shape of numpy's `sum` of `input` over the normalized `axes` (every
/// dimension when empty). With `keepDims` the summed dimensions stay with
/// size 1; otherwise they are removed.
llvm::SmallVector<int64_t> sumShape(llvm::ArrayRef<int64_t> input,
                                    llvm::ArrayRef<int64_t> axes,
                                    bool keepDims);

/// One spatial dimension of a sliding window (ONNX Conv and MaxPool).
struct WindowDimension {
  int64_t input;
  int64_t kernel;
  int64_t stride;
  int64_t dilation;
  int64_t padBefore;
  int64_t padAfter;
};

/// The number of window positions along `dim`:
/// `floor((input + padBefore + padAfter - dilation*(kernel-1) - 1) / stride)
/// + 1`. Rejects a dilated kernel larger than the padded input; `name` (e.g.
/// "height") names the dimension in the error. The sizes, strides and
/// dilations must be positive and the pads non-negative.
mlir::FailureOr<int64_t> windowCount(llvm::StringRef name,
                                     const WindowDimension &dim,
                                     EmitErrorFn emitError);

/// The first window position along `dim` whose cells all fall in the padding,
/// if any (`windowCount` must have succeeded for `dim`).
std::optional<int64_t> firstPaddingOnlyWindow(const WindowDimension &dim);

} // namespace shade::fhelinalg

#endif // SHADE_DIALECTS_FHELINALG_IR_FHELINALGSHAPES_H

//===- NoiseAnalysisLinalg.cpp - Noise of the weighted sums ---------------===//
//
// dot, matmul, conv2d and sum: the squared norm of each output element from
// the actual clear weights, the largest over the elements.
//
//===----------------------------------------------------------------------===//

#include "compiler/Analysis/NoiseAnalysisRules.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>
#include <utility>

using namespace mlir;

namespace shade::analysis::noise {

/// The value of the weighted sums of `sums` over terms of `terms`; the
/// result's elements are independent when `independentResult`.
static FailureOr<NoiseInfo> weightedSums(Operation *op,
                                         ArrayRef<WeightedSum> sums,
                                         const NoiseInfo &terms,
                                         bool independentResult) {
  NoiseInfo result;
  for (const WeightedSum &sum : sums) {
    std::optional<Norm2> norm2 =
        sum.norm2(terms.norm2, terms.independentElements);
    if (!norm2)
      return emitOverflow(op);
    result.norm2 = maxNorm2(result.norm2, *norm2);
  }
  result.sources = terms.sources;
  result.independentElements = independentResult;
  return finishInfo(std::move(result));
}

FailureOr<NoiseInfo> dotRule(fhelinalg::DotEintIntOp op, const NoiseInfo &lhs) {
  FailureOr<ClearMagnitudes> weights = clearMagnitudes(op, op.getRhs());
  if (failed(weights))
    return failure();
  WeightedSum sum;
  if (!weights->accumulate(sum, 0, 1, elementCount(op.getRhs().getType())))
    return emitOverflow(op);
  return weightedSums(op, sum, lhs, true);
}

/// The weighted sums of a matrix product whose clear operand has shape
/// `shape` (`... x K x N` or `K`): one per column (`columns`) or per row of
/// the clear operand.
static FailureOr<SmallVector<WeightedSum>>
matmulSums(Operation *op, const ClearMagnitudes &weights,
           ArrayRef<int64_t> shape, bool columns, int64_t &contraction) {
  // A 1-D operand is one column (or one row) of its K elements.
  int64_t outer = 1, inner = 1;
  if (shape.size() >= 2) {
    outer = shape[shape.size() - 2];
    inner = shape.back();
  } else {
    (columns ? outer : inner) = shape[0];
  }
  contraction = columns ? outer : inner;
  int64_t matrix = outer * inner;
  int64_t batches =
      matrix == 0 ? 0 : ShapedType::getNumElements(shape) / matrix;
  int64_t lines = columns ? inner : outer;
  SmallVector<WeightedSum> sums(batches * lines);
  for (int64_t b = 0; b < batches; ++b)
    for (int64_t line = 0; line < lines; ++line) {
      // Column `line` of a K x N matrix, or row `line` of an M x K one.
      int64_t first = b * matrix + (columns ? line : line * inner);
      int64_t stride = columns ? inner : 1;
      if (!weights.accumulate(sums[b * lines + line], first, stride,
                              contraction))
        return emitOverflow(op);
    }
  return sums;
}

FailureOr<NoiseInfo> matmulEintIntRule(fhelinalg::MatmulEintIntOp op,
                                       const NoiseInfo &lhs) {
  FailureOr<ClearMagnitudes> weights = clearMagnitudes(op, op.getRhs());
  if (failed(weights))
    return failure();
  int64_t contraction = 0;
  FailureOr<SmallVector<WeightedSum>> sums =
      matmulSums(op, *weights, op.getRhs().getType().getShape(),
                 /*columns=*/true, contraction);
  if (failed(sums))
    return failure();
  // Each element of lhs reaches one result element only when no column or
  // batch repeats it.
  bool independent =
      lhs.independentElements && elementCount(op.getType()) * contraction ==
                                     elementCount(op.getLhs().getType());
  return weightedSums(op, *sums, lhs, independent);
}

FailureOr<NoiseInfo> matmulIntEintRule(fhelinalg::MatmulIntEintOp op,
                                       const NoiseInfo &rhs) {
  FailureOr<ClearMagnitudes> weights = clearMagnitudes(op, op.getLhs());
  if (failed(weights))
    return failure();
  int64_t contraction = 0;
  FailureOr<SmallVector<WeightedSum>> sums =
      matmulSums(op, *weights, op.getLhs().getType().getShape(),
                 /*columns=*/false, contraction);
  if (failed(sums))
    return failure();
  bool independent =
      rhs.independentElements && elementCount(op.getType()) * contraction ==
                                     elementCount(op.getRhs().getType());
  return weightedSums(op, *sums, rhs, independent);
}

FailureOr<NoiseInfo> sumRule(fhelinalg::SumOp op, const NoiseInfo &input) {
  int64_t outputs = elementCount(op.getType());
  int64_t terms =
      outputs == 0 ? 0 : elementCount(op.getInput().getType()) / outputs;
  WeightedSum sum;
  if (!sum.add(1, terms))
    return emitOverflow(op);
  // Every input element reaches exactly one output element.
  return weightedSums(op, sum, input, input.independentElements);
}

/// The distinct ranges [first, last] of kernel positions that fall inside
/// an input of `size` cells, over the `outputs` window positions.
static SmallVector<std::pair<int64_t, int64_t>>
kernelRanges(int64_t outputs, int64_t size, int64_t kernel, int64_t stride,
             int64_t dilation, int64_t padBefore) {
  SmallVector<std::pair<int64_t, int64_t>> ranges;
  for (int64_t position = 0; position < outputs; ++position) {
    // Kernel cell k reads input cell start + k * dilation.
    int64_t start = position * stride - padBefore;
    int64_t first = start >= 0 ? 0 : (-start + dilation - 1) / dilation;
    int64_t last = size - 1 - start < 0
                       ? -1
                       : std::min(kernel - 1, (size - 1 - start) / dilation);
    ranges.push_back({first, last});
  }
  llvm::sort(ranges);
  ranges.erase(std::unique(ranges.begin(), ranges.end()), ranges.end());
  return ranges;
}

static SmallVector<int64_t> integersOf(ArrayAttr attr) {
  return llvm::map_to_vector(attr, [](Attribute element) {
    return cast<IntegerAttr>(element).getInt();
  });
}

FailureOr<NoiseInfo> conv2dRule(fhelinalg::Conv2dOp op,
                                const NoiseAnalysis &analysis) {
  if (isEncrypted(op.getWeight().getType()))
    return op.emitOpError()
           << "is not levelled with encrypted weights: run "
              "--shade-decompose-encrypted-ops before the noise analysis";
  FailureOr<ClearMagnitudes> weights = clearMagnitudes(op, op.getWeight());
  if (failed(weights))
    return failure();
  ArrayRef<int64_t> input = op.getInput().getType().getShape();
  ArrayRef<int64_t> weight = op.getWeight().getType().getShape();
  ArrayRef<int64_t> result = op.getType().getShape();
  int64_t filters = weight[0], channels = weight[1], kernelH = weight[2],
          kernelW = weight[3];
  SmallVector<int64_t> strides = integersOf(op.getStrides());
  SmallVector<int64_t> pads = integersOf(op.getPads());
  SmallVector<int64_t> dilations = integersOf(op.getDilations());

  // The weights of one filter and kernel cell, over its channels.
  SmallVector<WeightedSum> cells(filters * kernelH * kernelW);
  for (int64_t f = 0; f < filters; ++f)
    for (int64_t cell = 0; cell < kernelH * kernelW; ++cell)
      if (!weights->accumulate(cells[f * kernelH * kernelW + cell],
                               f * channels * kernelH * kernelW + cell,
                               kernelH * kernelW, channels))
        return emitOverflow(op);

  // Padding cells are trivial zeros: an output element sums the cells of
  // its window that fall inside the image.
  SmallVector<std::pair<int64_t, int64_t>> rows = kernelRanges(
      result[2], input[2], kernelH, strides[0], dilations[0], pads[0]);
  SmallVector<std::pair<int64_t, int64_t>> columns = kernelRanges(
      result[3], input[3], kernelW, strides[1], dilations[1], pads[1]);
  SmallVector<WeightedSum> sums;
  for (int64_t f = 0; f < filters; ++f)
    for (auto [firstRow, lastRow] : rows)
      for (auto [firstColumn, lastColumn] : columns) {
        WeightedSum &sum = sums.emplace_back();
        for (int64_t ki = firstRow; ki <= lastRow; ++ki)
          for (int64_t kj = firstColumn; kj <= lastColumn; ++kj)
            if (!sum.add(cells[(f * kernelH + ki) * kernelW + kj]))
              return emitOverflow(op);
      }
  const NoiseInfo &image = analysis.lookup(op.getInput());
  bool independent =
      image.independentElements && elementCount(op.getType()) <= 1;
  FailureOr<NoiseInfo> convolution = weightedSums(op, sums, image, independent);
  Value bias = op.getBias();
  if (failed(convolution) || !bias || !isEncrypted(bias.getType()))
    return convolution;
  // An encrypted bias is added to every output element of its filter.
  const NoiseInfo &biasInfo = analysis.lookup(bias);
  std::optional<Norm2> norm2 = sumNorm(*convolution, biasInfo);
  if (!norm2)
    return emitOverflow(op);
  convolution->norm2 = *norm2;
  convolution->independentElements = false;
  convolution->sources.append(biasInfo.sources.begin(), biasInfo.sources.end());
  llvm::sort(convolution->sources);
  convolution->sources.erase(
      std::unique(convolution->sources.begin(), convolution->sources.end()),
      convolution->sources.end());
  return finishInfo(std::move(*convolution));
}

} // namespace shade::analysis::noise

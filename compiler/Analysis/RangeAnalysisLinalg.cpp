// Transfer functions of the fhelinalg products and reductions: dot, matmul,
// sum, conv2d and maxpool2d, per output element from the operands' elements
// (the clear weights included).

#include "compiler/Analysis/RangeAnalysisTransfer.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/FHELinalg/IR/FHELinalgShapes.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace shade::analysis::detail {

namespace {

/// Accumulates checked interval sums, remembering an overflow.
struct Accumulator {
  Interval sum = Interval::point(0);
  bool overflowed = false;

  void add(std::optional<Interval> term) {
    std::optional<Interval> next =
        term ? analysis::add(sum, *term) : std::nullopt;
    if (!next)
      overflowed = true;
    else
      sum = *next;
  }
  void addProduct(Interval a, Interval b) { add(mul(a, b)); }
};

/// A stack of matrices in row-major order: element (batch b, row r, column
/// c) of operand `range` sits at `batchOffset(b) + r * rowStride + c`.
struct MatrixStack {
  const RangeInfo *range;
  SmallVector<int64_t> batchShape;
  int64_t rows, columns;
};

} // namespace

/// `[..., M, K] x [..., K, N]`: one sum of products per output element, or,
/// for outputs too large to track, the intersection of two sound hulls: each
/// output column against the hull of the lhs, and each output row against
/// the hull of the rhs.
static TransferResult contract(const TransferContext &ctx,
                               const MatrixStack &lhs, const MatrixStack &rhs) {
  FailureOr<SmallVector<int64_t>> batch = fhelinalg::broadcastShapes(
      "lhs batch", lhs.batchShape, "rhs batch", rhs.batchShape,
      [&] { return ctx.op->emitOpError(); });
  if (failed(batch))
    return failure();
  int64_t rows = lhs.rows, inner = lhs.columns, columns = rhs.columns;
  if (rhs.rows != inner)
    return ctx.op->emitOpError()
           << "contracts " << inner << " with " << rhs.rows << " elements";
  SmallVector<int64_t> lhsBatchStrides =
      broadcastStrides(lhs.batchShape, *batch);
  SmallVector<int64_t> rhsBatchStrides =
      broadcastStrides(rhs.batchShape, *batch);
  ArrayRef<int64_t> resultShape = shapeOf(ctx.op->getResult(0));
  Accumulator overall;

  if (ctx.tracks(resultShape)) {
    std::vector<Interval> elements;
    elements.reserve(numElements(resultShape));
    forEachIndex(*batch, [&](ArrayRef<int64_t> index) {
      int64_t lhsBase = offsetOf(index, lhsBatchStrides) * rows * inner;
      int64_t rhsBase = offsetOf(index, rhsBatchStrides) * inner * columns;
      for (int64_t m = 0; m < rows; ++m) {
        for (int64_t n = 0; n < columns; ++n) {
          Accumulator acc;
          for (int64_t k = 0; k < inner; ++k)
            acc.addProduct(lhs.range->getElement(lhsBase + m * inner + k),
                           rhs.range->getElement(rhsBase + k * columns + n));
          overall.overflowed |= acc.overflowed;
          elements.push_back(acc.sum);
        }
      }
    });
    if (overall.overflowed)
      return ctx.overflow();
    return RangeInfo(resultShape, std::move(elements));
  }

  std::optional<Interval> byColumns, byRows;
  for (int64_t base = 0, count = numElements(rhs.batchShape); base < count;
       ++base) {
    for (int64_t n = 0; n < columns; ++n) {
      Accumulator acc;
      for (int64_t k = 0; k < inner; ++k)
        acc.addProduct(lhs.range->getHull(),
                       rhs.range->getElement((base * inner + k) * columns + n));
      overall.overflowed |= acc.overflowed;
      byColumns = byColumns ? hull(*byColumns, acc.sum) : acc.sum;
    }
  }
  for (int64_t base = 0, count = numElements(lhs.batchShape); base < count;
       ++base) {
    for (int64_t m = 0; m < rows; ++m) {
      Accumulator acc;
      for (int64_t k = 0; k < inner; ++k)
        acc.addProduct(lhs.range->getElement((base * rows + m) * inner + k),
                       rhs.range->getHull());
      overall.overflowed |= acc.overflowed;
      byRows = byRows ? hull(*byRows, acc.sum) : acc.sum;
    }
  }
  if (overall.overflowed)
    return ctx.overflow();
  return RangeInfo(resultShape, Interval{std::max(byColumns->lo, byRows->lo),
                                         std::min(byColumns->hi, byRows->hi)});
}

/// numpy's matmul: a 1-D lhs is a row, a 1-D rhs a column.
static TransferResult matmul(const TransferContext &ctx) {
  ArrayRef<int64_t> lhsShape = ctx.operand(0).getShape();
  ArrayRef<int64_t> rhsShape = ctx.operand(1).getShape();
  if (lhsShape.empty() || rhsShape.empty())
    return ctx.op->emitOpError() << "has an operand of rank 0";
  MatrixStack lhs{&ctx.operand(0), {}, 1, lhsShape.back()};
  if (lhsShape.size() >= 2) {
    lhs.batchShape.assign(lhsShape.begin(), lhsShape.end() - 2);
    lhs.rows = lhsShape[lhsShape.size() - 2];
  }
  MatrixStack rhs{&ctx.operand(1), {}, rhsShape.front(), 1};
  if (rhsShape.size() >= 2) {
    rhs.batchShape.assign(rhsShape.begin(), rhsShape.end() - 2);
    rhs.rows = rhsShape[rhsShape.size() - 2];
    rhs.columns = rhsShape.back();
  }
  return contract(ctx, lhs, rhs);
}

/// A dot product is a 1 x K by K x 1 product.
static TransferResult dot(const TransferContext &ctx) {
  int64_t length = ctx.operand(0).getNumElements();
  MatrixStack lhs{&ctx.operand(0), {}, 1, length};
  MatrixStack rhs{&ctx.operand(1), {}, ctx.operand(1).getNumElements(), 1};
  return contract(ctx, lhs, rhs);
}

static TransferResult sum(const TransferContext &ctx, fhelinalg::SumOp op) {
  const RangeInfo &input = ctx.operand(0);
  ArrayRef<int64_t> inputShape = input.getShape();
  FailureOr<SmallVector<int64_t>> axes =
      fhelinalg::normalizeAxes(integersOf(op.getAxes()), inputShape.size(),
                               [&] { return op.emitOpError(); });
  if (failed(axes))
    return failure();
  // The input shape with the summed dimensions of size 1: the output's
  // elements in row-major order, whatever keep_dims says.
  SmallVector<int64_t> kept(inputShape);
  int64_t summedCount = 1;
  for (int64_t dim = 0; dim < int64_t(inputShape.size()); ++dim) {
    if (axes->empty() || llvm::is_contained(*axes, dim)) {
      summedCount *= inputShape[dim];
      kept[dim] = 1;
    }
  }
  ArrayRef<int64_t> resultShape = shapeOf(op.getResult());
  if (!input.tracksElements() || !ctx.tracks(resultShape)) {
    std::optional<Interval> hull = mulConstant(input.getHull(), summedCount);
    if (!hull)
      return ctx.overflow();
    return RangeInfo(resultShape, *hull);
  }
  std::vector<Accumulator> outputs(numElements(kept));
  SmallVector<int64_t> outputStrides = broadcastStrides(kept, inputShape);
  int64_t flat = 0;
  forEachIndex(inputShape, [&](ArrayRef<int64_t> index) {
    outputs[offsetOf(index, outputStrides)].add(input.getElement(flat++));
  });
  std::vector<Interval> elements;
  for (const Accumulator &output : outputs) {
    if (output.overflowed)
      return ctx.overflow();
    elements.push_back(output.sum);
  }
  return RangeInfo(resultShape, std::move(elements));
}

namespace {

/// The geometry of a 2-D sliding window over N x C x H x W images.
struct Window {
  int64_t kernelHeight, kernelWidth;
  SmallVector<int64_t> strides, pads, dilations;

  bool hasPadding() const {
    return llvm::any_of(pads, [](int64_t pad) { return pad != 0; });
  }
  /// The image row (column) of output row `i` and kernel row `k`, possibly
  /// in the padding.
  int64_t row(int64_t i, int64_t k) const {
    return i * strides[0] + k * dilations[0] - pads[0];
  }
  int64_t column(int64_t j, int64_t k) const {
    return j * strides[1] + k * dilations[1] - pads[1];
  }
};

} // namespace

static TransferResult conv2d(const TransferContext &ctx,
                             fhelinalg::Conv2dOp op) {
  const RangeInfo &input = ctx.operand(0);
  const RangeInfo &weight = ctx.operand(1);
  const RangeInfo *bias = op.getBias() ? &ctx.operand(2) : nullptr;
  ArrayRef<int64_t> in = input.getShape(), w = weight.getShape();
  ArrayRef<int64_t> out = shapeOf(op.getResult());
  if (in.size() != 4 || w.size() != 4 || out.size() != 4)
    return op.emitOpError() << "needs 4-D input, weight and result";
  Window window{w[2], w[3], integersOf(op.getStrides()),
                integersOf(op.getPads()), integersOf(op.getDilations())};
  int64_t group = op.getGroup();
  int64_t channelsPerGroup = w[1], filtersPerGroup = out[1] / group;
  int64_t height = in[2], width = in[3];
  SmallVector<int64_t> inStrides = rowMajorStrides(in);
  SmallVector<int64_t> wStrides = rowMajorStrides(w);
  Interval zero = Interval::point(0);

  if (!ctx.tracks(out)) {
    std::optional<Interval> result;
    for (int64_t f = 0; f < out[1]; ++f) {
      Accumulator acc;
      acc.add(bias ? bias->getElement(f) : zero);
      for (int64_t term = 0; term < channelsPerGroup * w[2] * w[3]; ++term) {
        std::optional<Interval> product =
            mul(input.getHull(), weight.getElement(f * wStrides[0] + term));
        // A padded cell contributes 0.
        acc.add(product && window.hasPadding()
                    ? std::optional<Interval>(hull(*product, zero))
                    : product);
      }
      if (acc.overflowed)
        return ctx.overflow();
      result = result ? hull(*result, acc.sum) : acc.sum;
    }
    return RangeInfo(out, *result);
  }

  std::vector<Interval> elements;
  elements.reserve(numElements(out));
  bool overflowed = false;
  forEachIndex(out, [&](ArrayRef<int64_t> index) {
    int64_t n = index[0], f = index[1], i = index[2], j = index[3];
    int64_t firstChannel = (f / filtersPerGroup) * channelsPerGroup;
    Accumulator acc;
    acc.add(bias ? bias->getElement(f) : zero);
    for (int64_t c = 0; c < channelsPerGroup; ++c) {
      for (int64_t ki = 0; ki < window.kernelHeight; ++ki) {
        int64_t y = window.row(i, ki);
        if (y < 0 || y >= height)
          continue;
        for (int64_t kj = 0; kj < window.kernelWidth; ++kj) {
          int64_t x = window.column(j, kj);
          if (x < 0 || x >= width)
            continue;
          acc.addProduct(input.getElement(
                             offsetOf({n, firstChannel + c, y, x}, inStrides)),
                         weight.getElement(offsetOf({f, c, ki, kj}, wStrides)));
        }
      }
    }
    overflowed |= acc.overflowed;
    elements.push_back(acc.sum);
  });
  if (overflowed)
    return ctx.overflow();
  return RangeInfo(out, std::move(elements));
}

/// The maximum over the image cells of each window; padded cells never win.
static TransferResult maxpool2d(const TransferContext &ctx,
                                fhelinalg::Maxpool2dOp op) {
  const RangeInfo &input = ctx.operand(0);
  ArrayRef<int64_t> in = input.getShape();
  ArrayRef<int64_t> out = shapeOf(op.getResult());
  if (!input.tracksElements() || !ctx.tracks(out))
    return RangeInfo(out, input.getHull());
  SmallVector<int64_t> kernel = integersOf(op.getKernelShape());
  Window window{kernel[0], kernel[1], integersOf(op.getStrides()),
                integersOf(op.getPads()), integersOf(op.getDilations())};
  SmallVector<int64_t> inStrides = rowMajorStrides(in);
  std::vector<Interval> elements;
  elements.reserve(numElements(out));
  forEachIndex(out, [&](ArrayRef<int64_t> index) {
    std::optional<Interval> cell;
    for (int64_t ki = 0; ki < window.kernelHeight; ++ki) {
      int64_t y = window.row(index[2], ki);
      if (y < 0 || y >= in[2])
        continue;
      for (int64_t kj = 0; kj < window.kernelWidth; ++kj) {
        int64_t x = window.column(index[3], kj);
        if (x < 0 || x >= in[3])
          continue;
        Interval value =
            input.getElement(offsetOf({index[0], index[1], y, x}, inStrides));
        cell = cell ? max(*cell, value) : value;
      }
    }
    elements.push_back(*cell);
  });
  return RangeInfo(out, std::move(elements));
}

std::optional<TransferResult> inferLinalg(const TransferContext &ctx) {
  return llvm::TypeSwitch<Operation *, std::optional<TransferResult>>(ctx.op)
      .Case<fhelinalg::DotEintIntOp, fhelinalg::DotEintEintOp>(
          [&](auto) { return dot(ctx); })
      .Case<fhelinalg::MatmulEintIntOp, fhelinalg::MatmulIntEintOp,
            fhelinalg::MatmulEintEintOp>([&](auto) { return matmul(ctx); })
      .Case<fhelinalg::SumOp>([&](auto op) { return sum(ctx, op); })
      .Case<fhelinalg::Conv2dOp>([&](auto op) { return conv2d(ctx, op); })
      .Case<fhelinalg::Maxpool2dOp>([&](auto op) { return maxpool2d(ctx, op); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace shade::analysis::detail

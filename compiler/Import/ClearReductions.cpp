// The products and reductions of ClearTensor: dot, matmul, sum, conv2d and
// maxpool2d. Sums are accumulated exactly (in 128 bits) and only the final
// element must fit int64.

#include "compiler/Import/ClearTensor.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace shade::import {

namespace {
/// An exact sum of int64 products.
class ExactSum {
public:
  void add(__int128 term) {
    overflowed |= __builtin_add_overflow(total, term, &total);
  }
  void addProduct(int64_t a, int64_t b) { add(__int128(a) * b); }
  std::optional<int64_t> get() const {
    if (overflowed || total < INT64_MIN || total > INT64_MAX)
      return std::nullopt;
    return int64_t(total);
  }

private:
  __int128 total = 0;
  bool overflowed = false;
};
} // namespace

static llvm::Error overflow(llvm::StringRef op) {
  return makeError("an element of the " + op + " overflows int64");
}

/// Collects the exact sums into a tensor of `shape`.
static llvm::Expected<ClearTensor> collect(llvm::StringRef op,
                                           llvm::ArrayRef<int64_t> shape,
                                           llvm::ArrayRef<ExactSum> sums) {
  std::vector<int64_t> elements;
  elements.reserve(sums.size());
  for (const ExactSum &sum : sums) {
    std::optional<int64_t> value = sum.get();
    if (!value)
      return overflow(op);
    elements.push_back(*value);
  }
  return ClearTensor(shape, std::move(elements));
}

llvm::Expected<ClearTensor> dot(const ClearTensor &lhs,
                                const ClearTensor &rhs) {
  llvm::Expected<Shape> shape = dotShape(lhs.getShape(), rhs.getShape());
  if (!shape)
    return shape.takeError();
  ExactSum total;
  for (auto [a, b] : llvm::zip_equal(lhs.getElements(), rhs.getElements()))
    total.addProduct(a, b);
  return collect("dot", *shape, total);
}

llvm::Expected<ClearTensor> matmul(const ClearTensor &lhs,
                                   const ClearTensor &rhs) {
  llvm::Expected<Shape> shape = matmulShape(lhs.getShape(), rhs.getShape());
  if (!shape)
    return shape.takeError();
  // Promote 1-D operands to a row (left) and a column (right).
  Shape a(lhs.getShape()), b(rhs.getShape());
  if (a.size() == 1)
    a.insert(a.begin(), 1);
  if (b.size() == 1)
    b.push_back(1);
  int64_t m = a[a.size() - 2], k = a.back(), n = b.back();
  llvm::ArrayRef<int64_t> aBatch = llvm::ArrayRef(a).drop_back(2);
  llvm::ArrayRef<int64_t> bBatch = llvm::ArrayRef(b).drop_back(2);
  Shape batch = cantFail(broadcastShapes(aBatch, bBatch));
  Shape aStrides = rowMajorStrides(aBatch), bStrides = rowMajorStrides(bBatch);
  Shape batchStrides = rowMajorStrides(batch);
  int64_t batches = numElements(batch);
  std::vector<ExactSum> sums(batches * m * n);
  for (int64_t t = 0; t < batches; ++t) {
    // The matrix of each operand that this batch entry reads.
    int64_t aMatrix = 0, bMatrix = 0;
    for (size_t d = 0; d < batch.size(); ++d) {
      int64_t i = t / batchStrides[d] % batch[d];
      size_t aLead = batch.size() - aBatch.size();
      size_t bLead = batch.size() - bBatch.size();
      if (d >= aLead && aBatch[d - aLead] != 1)
        aMatrix += i * aStrides[d - aLead];
      if (d >= bLead && bBatch[d - bLead] != 1)
        bMatrix += i * bStrides[d - bLead];
    }
    const int64_t *aData = lhs.getElements().data() + aMatrix * m * k;
    const int64_t *bData = rhs.getElements().data() + bMatrix * k * n;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        for (int64_t l = 0; l < k; ++l)
          sums[(t * m + i) * n + j].addProduct(aData[i * k + l],
                                               bData[l * n + j]);
  }
  return collect("matmul", *shape, sums);
}

llvm::Expected<ClearTensor> sum(const ClearTensor &input,
                                std::optional<llvm::ArrayRef<int64_t>> axes,
                                bool keepDims) {
  Shape summed;
  if (axes) {
    llvm::Expected<Shape> normalized = normalizeAxes(*axes, input.getRank());
    if (!normalized)
      return normalized.takeError();
    summed = *normalized;
  } else {
    for (int64_t d = 0; d < input.getRank(); ++d)
      summed.push_back(d);
  }
  // Summed dimensions have size 1 in the kept shape, which has the layout of
  // the result in either case.
  Shape kept = sumShape(input.getShape(), llvm::ArrayRef(summed), true);
  Shape keptStrides = rowMajorStrides(kept);
  Shape inputStrides = rowMajorStrides(input.getShape());
  std::vector<ExactSum> sums(numElements(kept));
  for (auto [offset, value] : llvm::enumerate(input.getElements())) {
    int64_t target = 0;
    for (int64_t d = 0; d < input.getRank(); ++d)
      if (kept[d] != 1)
        target += int64_t(offset) / inputStrides[d] % input.getShape()[d] *
                  keptStrides[d];
    sums[target].add(value);
  }
  return collect("sum",
                 sumShape(input.getShape(), llvm::ArrayRef(summed), keepDims),
                 sums);
}

llvm::Expected<ClearTensor> conv2d(const ClearTensor &input,
                                   const ClearTensor &weight,
                                   const ClearTensor *bias,
                                   const Window2d &window, int64_t group) {
  std::optional<llvm::ArrayRef<int64_t>> biasShape;
  if (bias)
    biasShape = bias->getShape();
  llvm::Expected<Shape> shape = conv2dShape(input.getShape(), weight.getShape(),
                                            biasShape, window, group);
  if (!shape)
    return shape.takeError();
  llvm::ArrayRef<int64_t> x = input.getShape(), w = weight.getShape();
  int64_t batch = x[0], height = x[2], width = x[3];
  int64_t filters = w[0], perGroup = w[1], kh = w[2], kw = w[3];
  int64_t outHeight = (*shape)[2], outWidth = (*shape)[3];
  int64_t filtersPerGroup = filters / group;
  std::vector<ExactSum> sums(numElements(*shape));
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t f = 0; f < filters; ++f)
      for (int64_t i = 0; i < outHeight; ++i)
        for (int64_t j = 0; j < outWidth; ++j) {
          ExactSum &total =
              sums[((n * filters + f) * outHeight + i) * outWidth + j];
          if (bias)
            total.add(bias->getElements()[f]);
          int64_t firstChannel = f / filtersPerGroup * perGroup;
          for (int64_t c = 0; c < perGroup; ++c)
            for (int64_t ki = 0; ki < kh; ++ki)
              for (int64_t kj = 0; kj < kw; ++kj) {
                int64_t row = i * window.strides[0] + ki * window.dilations[0] -
                              window.pads[0];
                int64_t column = j * window.strides[1] +
                                 kj * window.dilations[1] - window.pads[1];
                if (row < 0 || row >= height || column < 0 || column >= width)
                  continue;
                total.addProduct(input.at({n, firstChannel + c, row, column}),
                                 weight.at({f, c, ki, kj}));
              }
        }
  return collect("conv2d", *shape, sums);
}

llvm::Expected<ClearTensor> maxpool2d(const ClearTensor &input,
                                      llvm::ArrayRef<int64_t> kernel,
                                      const Window2d &window) {
  llvm::Expected<Shape> shape =
      maxpool2dShape(input.getShape(), kernel, window);
  if (!shape)
    return shape.takeError();
  llvm::ArrayRef<int64_t> x = input.getShape();
  std::vector<int64_t> elements;
  elements.reserve(numElements(*shape));
  for (int64_t n = 0; n < x[0]; ++n)
    for (int64_t c = 0; c < x[1]; ++c)
      for (int64_t i = 0; i < (*shape)[2]; ++i)
        for (int64_t j = 0; j < (*shape)[3]; ++j) {
          // maxpool2dShape guarantees a cell of the image in every window.
          int64_t best = INT64_MIN;
          for (int64_t ki = 0; ki < kernel[0]; ++ki)
            for (int64_t kj = 0; kj < kernel[1]; ++kj) {
              int64_t row = i * window.strides[0] + ki - window.pads[0];
              int64_t column = j * window.strides[1] + kj - window.pads[1];
              if (row >= 0 && row < x[2] && column >= 0 && column < x[3])
                best = std::max(best, input.at({n, c, row, column}));
            }
          elements.push_back(best);
        }
  return ClearTensor(*shape, std::move(elements));
}

} // namespace shade::import

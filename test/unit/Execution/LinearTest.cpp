// The linear ops on ciphertexts (dot, matmul in every numpy form, sum over
// axes, conv2d with groups, strides, pads, dilations and bias), compiled with
// the JIT and checked against plain integer references.

#include "ExecutionTestSupport.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace shade::execution::testing {
namespace {

using Shape = std::vector<int64_t>;

/// `count` deterministic integers in [lo, hi].
Values pseudoRandom(size_t count, int64_t lo, int64_t hi, uint64_t seed) {
  Values values;
  uint64_t state = seed * 0x9E3779B97F4A7C15ull + 1;
  for (size_t i = 0; i < count; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    values.push_back(lo + int64_t((state >> 33) % uint64_t(hi - lo + 1)));
  }
  return values;
}

int64_t numElements(const Shape &shape) {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

/// The row-major position of `index` in `shape`.
int64_t linearize(const Shape &index, const Shape &shape) {
  int64_t position = 0;
  for (size_t dim = 0; dim < shape.size(); ++dim)
    position = position * shape[dim] + index[dim];
  return position;
}

/// Calls `body` with every index of `shape`, in row-major order.
void forEachIndex(const Shape &shape,
                  const std::function<void(const Shape &)> &body) {
  Shape index(shape.size(), 0);
  for (int64_t n = 0; n < numElements(shape); ++n) {
    body(index);
    for (int64_t dim = int64_t(shape.size()) - 1; dim >= 0; --dim) {
      if (++index[dim] < shape[dim])
        break;
      index[dim] = 0;
    }
  }
}

/// numpy.matmul of integer tensors.
Values referenceMatmul(const Values &a, Shape aShape, const Values &b,
                       Shape bShape, Shape &resultShape) {
  bool aVector = aShape.size() == 1, bVector = bShape.size() == 1;
  if (aVector)
    aShape.insert(aShape.begin(), 1);
  if (bVector)
    bShape.push_back(1);
  size_t batchRank = std::max(aShape.size(), bShape.size()) - 2;
  Shape batch(batchRank, 1);
  auto alignedBatch = [&](const Shape &shape, size_t dim) -> int64_t {
    size_t offset = batchRank - (shape.size() - 2);
    return dim < offset ? 1 : shape[dim - offset];
  };
  for (size_t dim = 0; dim < batchRank; ++dim)
    batch[dim] = std::max(alignedBatch(aShape, dim), alignedBatch(bShape, dim));
  int64_t m = aShape[aShape.size() - 2], k = aShape.back(), n = bShape.back();
  Shape full = batch;
  full.push_back(m);
  full.push_back(n);
  Values result(numElements(full), 0);
  auto operandIndex = [&](const Shape &shape, const Shape &batchIndex,
                          int64_t row, int64_t column) {
    Shape index;
    size_t offset = batchRank - (shape.size() - 2);
    for (size_t dim = offset; dim < batchRank; ++dim)
      index.push_back(shape[dim - offset] == 1 ? 0 : batchIndex[dim]);
    index.push_back(row);
    index.push_back(column);
    return linearize(index, shape);
  };
  forEachIndex(full, [&](const Shape &index) {
    Shape batchIndex(index.begin(), index.begin() + batchRank);
    int64_t row = index[batchRank], column = index[batchRank + 1];
    int64_t sum = 0;
    for (int64_t i = 0; i < k; ++i)
      sum += a[operandIndex(aShape, batchIndex, row, i)] *
             b[operandIndex(bShape, batchIndex, i, column)];
    result[linearize(index, full)] = sum;
  });
  resultShape = batch;
  if (!aVector)
    resultShape.push_back(m);
  if (!bVector)
    resultShape.push_back(n);
  return result;
}

std::string tensorType(const Shape &shape, const std::string &element) {
  std::string type = "tensor<";
  for (int64_t size : shape)
    type += std::to_string(size) + "x";
  return type + element + ">";
}

TEST(LinearTest, Dot) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @dot(%x: tensor<4x!fhe.eint<7>>) -> !fhe.eint<7> {
  %w = arith.constant dense<[1, -2, 3, 1]> : tensor<4xi8>
  %r = fhelinalg.dot_eint_int %x, %w
      : (tensor<4x!fhe.eint<7>>, tensor<4xi8>) -> !fhe.eint<7>
  return %r : !fhe.eint<7>
}
)mlir");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->run("dot", {{5, 1, 2, 3}}),
            (std::vector<Values>{{5 - 2 + 6 + 3}}));
}

/// matmul_eint_int and matmul_int_eint on operands of these shapes, the
/// clear operand given at run time.
void checkMatmul(const Shape &lhsShape, const Shape &rhsShape,
                 bool encryptedLhs) {
  Values lhs = pseudoRandom(numElements(lhsShape), encryptedLhs ? -4 : -3, 3,
                            lhsShape.size() * 7 + rhsShape.size());
  Values rhs = pseudoRandom(numElements(rhsShape), encryptedLhs ? -3 : -4, 3,
                            rhsShape.size() * 5 + lhsShape.size() + 1);
  Shape resultShape;
  Values expected = referenceMatmul(lhs, lhsShape, rhs, rhsShape, resultShape);
  std::string encrypted = "!fhe.esint<8>";
  std::string lhsType = tensorType(lhsShape, encryptedLhs ? encrypted : "i8");
  std::string rhsType = tensorType(rhsShape, encryptedLhs ? "i8" : encrypted);
  std::string resultType = tensorType(resultShape, encrypted);
  std::string op = encryptedLhs ? "matmul_eint_int" : "matmul_int_eint";
  auto compiled = CompiledFunctions::jit(
      "func.func @matmul(%a: " + lhsType + ", %b: " + rhsType + ") -> " +
      resultType + " {\n  %r = fhelinalg." + op + " %a, %b : (" + lhsType +
      ", " + rhsType + ") -> " + resultType + "\n  return %r : " + resultType +
      "\n}\n");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->run("matmul", {lhs, rhs}),
            (std::vector<Values>{expected}))
      << op << " " << lhsType << " " << rhsType;
}

TEST(LinearTest, MatmulMatrices) {
  checkMatmul({2, 3}, {3, 2}, true);
  checkMatmul({2, 3}, {3, 4}, false);
}

TEST(LinearTest, MatmulVectors) {
  checkMatmul({3}, {3, 2}, true);
  checkMatmul({2, 3}, {3}, true);
  checkMatmul({3}, {2, 3, 2}, false);
}

TEST(LinearTest, BatchedMatmulWithBroadcasting) {
  checkMatmul({2, 2, 3}, {3, 2}, true);
  checkMatmul({2, 1, 2, 3}, {3, 3, 2}, true);
  checkMatmul({3, 2, 3}, {1, 3, 2}, false);
}

TEST(LinearTest, SumOverAxes) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @sums(%x: tensor<2x3x4x!fhe.esint<8>>)
    -> (!fhe.esint<8>, tensor<2x4x!fhe.esint<8>>, tensor<1x3x1x!fhe.esint<8>>,
        tensor<2x3x!fhe.esint<8>>, tensor<1x1x1x!fhe.esint<8>>) {
  %all = fhelinalg.sum %x : tensor<2x3x4x!fhe.esint<8>> -> !fhe.esint<8>
  %middle = fhelinalg.sum %x {axes = [1]}
      : tensor<2x3x4x!fhe.esint<8>> -> tensor<2x4x!fhe.esint<8>>
  %outer = fhelinalg.sum %x {axes = [0, 2], keep_dims = true}
      : tensor<2x3x4x!fhe.esint<8>> -> tensor<1x3x1x!fhe.esint<8>>
  %last = fhelinalg.sum %x {axes = [-1]}
      : tensor<2x3x4x!fhe.esint<8>> -> tensor<2x3x!fhe.esint<8>>
  %kept = fhelinalg.sum %x {keep_dims = true}
      : tensor<2x3x4x!fhe.esint<8>> -> tensor<1x1x1x!fhe.esint<8>>
  return %all, %middle, %outer, %last, %kept
      : !fhe.esint<8>, tensor<2x4x!fhe.esint<8>>, tensor<1x3x1x!fhe.esint<8>>,
        tensor<2x3x!fhe.esint<8>>, tensor<1x1x1x!fhe.esint<8>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values x = pseudoRandom(24, -5, 5, 3);
  auto at = [&](int64_t i, int64_t j, int64_t k) {
    return x[i * 12 + j * 4 + k];
  };
  int64_t all = 0;
  Values middle(8, 0), outer(3, 0), last(6, 0);
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      for (int64_t k = 0; k < 4; ++k) {
        all += at(i, j, k);
        middle[i * 4 + k] += at(i, j, k);
        outer[j] += at(i, j, k);
        last[i * 3 + j] += at(i, j, k);
      }
  EXPECT_EQ(compiled->run("sums", {x}),
            (std::vector<Values>{{all}, middle, outer, last, {all}}));
}

struct ConvCase {
  Shape input;  // N x C x H x W
  Shape weight; // F x C/group x KH x KW
  Shape strides, pads, dilations;
  int64_t group;
  bool bias;
  bool encryptedBias;
};

/// ONNX Conv with zero padding.
Values referenceConv(const ConvCase &c, const Values &input,
                     const Values &weight, const Values &bias,
                     Shape &resultShape) {
  int64_t n = c.input[0], channels = c.input[1], h = c.input[2], w = c.input[3];
  int64_t filters = c.weight[0], cpg = c.weight[1], kh = c.weight[2],
          kw = c.weight[3];
  int64_t oh = (h + c.pads[0] + c.pads[2] - c.dilations[0] * (kh - 1) - 1) /
                   c.strides[0] +
               1;
  int64_t ow = (w + c.pads[1] + c.pads[3] - c.dilations[1] * (kw - 1) - 1) /
                   c.strides[1] +
               1;
  resultShape = {n, filters, oh, ow};
  int64_t fpg = filters / c.group;
  Values result;
  forEachIndex(resultShape, [&](const Shape &index) {
    int64_t b = index[0], f = index[1], i = index[2], j = index[3];
    int64_t g = f / fpg;
    int64_t sum = c.bias ? bias[f] : 0;
    for (int64_t ch = 0; ch < cpg; ++ch)
      for (int64_t ki = 0; ki < kh; ++ki)
        for (int64_t kj = 0; kj < kw; ++kj) {
          int64_t y = i * c.strides[0] + ki * c.dilations[0] - c.pads[0];
          int64_t x = j * c.strides[1] + kj * c.dilations[1] - c.pads[1];
          if (y < 0 || y >= h || x < 0 || x >= w)
            continue;
          sum +=
              input[linearize({b, g * cpg + ch, y, x}, {n, channels, h, w})] *
              weight[linearize({f, ch, ki, kj}, c.weight)];
        }
    result.push_back(sum);
  });
  return result;
}

std::string arrayAttribute(const Shape &values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

void checkConv(const ConvCase &c) {
  Values input = pseudoRandom(numElements(c.input), -3, 3, 11);
  Values weight = pseudoRandom(numElements(c.weight), -2, 2, 13);
  Values bias = pseudoRandom(c.weight[0], -4, 4, 17);
  Shape resultShape;
  Values expected = referenceConv(c, input, weight, bias, resultShape);
  std::string encrypted = "!fhe.esint<8>";
  std::string inputType = tensorType(c.input, encrypted);
  std::string weightType = tensorType(c.weight, "i8");
  std::string biasType =
      tensorType({c.weight[0]}, c.encryptedBias ? encrypted : "i8");
  std::string resultType = tensorType(resultShape, encrypted);
  std::string operands = "%x, %w" + std::string(c.bias ? ", %b" : "");
  std::string operandTypes =
      inputType + ", " + weightType + (c.bias ? ", " + biasType : "");
  std::string source =
      "func.func @conv(%x: " + inputType + ", %w: " + weightType +
      (c.bias ? ", %b: " + biasType : "") + ") -> " + resultType +
      " {\n  %r = fhelinalg.conv2d " + operands +
      " {strides = " + arrayAttribute(c.strides) +
      ", pads = " + arrayAttribute(c.pads) +
      ", dilations = " + arrayAttribute(c.dilations) +
      ", group = " + std::to_string(c.group) + " : i64} : (" + operandTypes +
      ") -> " + resultType + "\n  return %r : " + resultType + "\n}\n";
  auto compiled = CompiledFunctions::jit(source);
  ASSERT_TRUE(compiled) << source;
  std::vector<Values> inputs = {input, weight};
  if (c.bias)
    inputs.push_back(bias);
  EXPECT_EQ(compiled->run("conv", inputs), (std::vector<Values>{expected}))
      << source;
}

TEST(LinearTest, Conv2dPlain) {
  checkConv({{2, 2, 4, 4},
             {3, 2, 2, 2},
             {1, 1},
             {0, 0, 0, 0},
             {1, 1},
             1,
             false,
             false});
}

TEST(LinearTest, Conv2dGroupsStridesPadsDilationsBias) {
  checkConv({{1, 4, 5, 5},
             {4, 2, 3, 2},
             {2, 1},
             {1, 0, 1, 1},
             {1, 2},
             2,
             true,
             false});
}

TEST(LinearTest, Conv2dDepthwiseWithEncryptedBias) {
  checkConv({{1, 3, 4, 5},
             {3, 1, 3, 3},
             {1, 2},
             {1, 1, 1, 1},
             {1, 1},
             3,
             true,
             true});
}

} // namespace
} // namespace shade::execution::testing

// Data movement on ciphertexts: fhelinalg transpose, concat, broadcast, zero
// and negation, and the tensor ops (slices, extract, from_elements,
// reshapes) on encrypted tensors.

#include "ExecutionTestSupport.h"

#include <gtest/gtest.h>

namespace shade::execution::testing {
namespace {

Values iota(int64_t count, int64_t start = 0) {
  Values values;
  for (int64_t i = 0; i < count; ++i)
    values.push_back(start + i);
  return values;
}

TEST(LayoutTest, TransposeConcatBroadcast) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @layout(%x: tensor<2x3x4x!fhe.eint<6>>, %a: tensor<2x3x!fhe.eint<6>>,
                  %b: tensor<2x1x!fhe.eint<6>>, %c: tensor<3x1x!fhe.eint<6>>)
    -> (tensor<3x4x2x!fhe.eint<6>>, tensor<4x3x2x!fhe.eint<6>>,
        tensor<2x4x!fhe.eint<6>>, tensor<4x3x!fhe.eint<6>>,
        tensor<2x3x4x!fhe.eint<6>>) {
  %t = fhelinalg.transpose %x {axes = [1, 2, 0]}
      : tensor<2x3x4x!fhe.eint<6>> -> tensor<3x4x2x!fhe.eint<6>>
  %r = fhelinalg.transpose %x
      : tensor<2x3x4x!fhe.eint<6>> -> tensor<4x3x2x!fhe.eint<6>>
  %cat = fhelinalg.concat %a, %b {axis = -1}
      : (tensor<2x3x!fhe.eint<6>>, tensor<2x1x!fhe.eint<6>>) -> tensor<2x4x!fhe.eint<6>>
  %rows = fhelinalg.concat %a, %a {axis = 0}
      : (tensor<2x3x!fhe.eint<6>>, tensor<2x3x!fhe.eint<6>>) -> tensor<4x3x!fhe.eint<6>>
  %bc = fhelinalg.broadcast %c
      : tensor<3x1x!fhe.eint<6>> -> tensor<2x3x4x!fhe.eint<6>>
  return %t, %r, %cat, %rows, %bc
      : tensor<3x4x2x!fhe.eint<6>>, tensor<4x3x2x!fhe.eint<6>>,
        tensor<2x4x!fhe.eint<6>>, tensor<4x3x!fhe.eint<6>>,
        tensor<2x3x4x!fhe.eint<6>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values x = iota(24);
  Values a = iota(6, 30), b = {40, 41}, c = {50, 51, 52};
  Values transposed, reversed, concatenated, stacked, broadcast;
  for (int64_t j = 0; j < 3; ++j)
    for (int64_t k = 0; k < 4; ++k)
      for (int64_t i = 0; i < 2; ++i)
        transposed.push_back(x[i * 12 + j * 4 + k]);
  for (int64_t k = 0; k < 4; ++k)
    for (int64_t j = 0; j < 3; ++j)
      for (int64_t i = 0; i < 2; ++i)
        reversed.push_back(x[i * 12 + j * 4 + k]);
  concatenated = {30, 31, 32, 40, 33, 34, 35, 41};
  stacked = {30, 31, 32, 33, 34, 35, 30, 31, 32, 33, 34, 35};
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      for (int64_t k = 0; k < 4; ++k)
        broadcast.push_back(c[j]);
  EXPECT_EQ(compiled->run("layout", {x, a, b, c}),
            (std::vector<Values>{transposed, reversed, concatenated, stacked,
                                 broadcast}));
}

TEST(LayoutTest, TensorOpsOnCiphertexts) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @tensors(%x: tensor<4x6x!fhe.esint<6>>, %s: !fhe.esint<6>)
    -> (tensor<2x3x!fhe.esint<6>>, tensor<4x6x!fhe.esint<6>>, !fhe.esint<6>,
        tensor<3x!fhe.esint<6>>, tensor<2x2x6x!fhe.esint<6>>,
        tensor<24x!fhe.esint<6>>, tensor<3x8x!fhe.esint<6>>) {
  %slice = tensor.extract_slice %x[1, 2] [2, 3] [2, 1]
      : tensor<4x6x!fhe.esint<6>> to tensor<2x3x!fhe.esint<6>>
  %neg = fhelinalg.neg_eint %slice : tensor<2x3x!fhe.esint<6>>
  %inserted = tensor.insert_slice %neg into %x[0, 0] [2, 3] [1, 2]
      : tensor<2x3x!fhe.esint<6>> into tensor<4x6x!fhe.esint<6>>
  %c2 = arith.constant 2 : index
  %c5 = arith.constant 5 : index
  %e = tensor.extract %x[%c2, %c5] : tensor<4x6x!fhe.esint<6>>
  %sum = fhe.add_eint %e, %s : !fhe.esint<6>
  %z = fhe.zero : !fhe.esint<6>
  %from = tensor.from_elements %sum, %z, %s : tensor<3x!fhe.esint<6>>
  %expanded = tensor.expand_shape %x [[0, 1], [2]] output_shape [2, 2, 6]
      : tensor<4x6x!fhe.esint<6>> into tensor<2x2x6x!fhe.esint<6>>
  %collapsed = tensor.collapse_shape %x [[0, 1]]
      : tensor<4x6x!fhe.esint<6>> into tensor<24x!fhe.esint<6>>
  %shape = arith.constant dense<[3, 8]> : tensor<2xindex>
  %reshaped = tensor.reshape %collapsed(%shape)
      : (tensor<24x!fhe.esint<6>>, tensor<2xindex>) -> tensor<3x8x!fhe.esint<6>>
  return %slice, %inserted, %sum, %from, %expanded, %collapsed, %reshaped
      : tensor<2x3x!fhe.esint<6>>, tensor<4x6x!fhe.esint<6>>, !fhe.esint<6>,
        tensor<3x!fhe.esint<6>>, tensor<2x2x6x!fhe.esint<6>>,
        tensor<24x!fhe.esint<6>>, tensor<3x8x!fhe.esint<6>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values x = iota(24, -12);
  int64_t s = -7;
  Values slice = {x[8], x[9], x[10], x[20], x[21], x[22]};
  Values inserted = x;
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      inserted[i * 6 + j * 2] = -slice[i * 3 + j];
  int64_t sum = x[17] + s;
  EXPECT_EQ(
      compiled->run("tensors", {x, {s}}),
      (std::vector<Values>{slice, inserted, {sum}, {sum, 0, s}, x, x, x}));
}

TEST(LayoutTest, ZeroTensor) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @zero(%x: tensor<3x!fhe.eint<4>>) -> tensor<3x!fhe.eint<4>> {
  %z = fhelinalg.zero : tensor<3x!fhe.eint<4>>
  %c = arith.constant dense<[1, 2, 3]> : tensor<3xi4>
  %p = fhelinalg.add_eint_int %z, %c
      : (tensor<3x!fhe.eint<4>>, tensor<3xi4>) -> tensor<3x!fhe.eint<4>>
  %r = fhelinalg.add_eint %p, %x
      : (tensor<3x!fhe.eint<4>>, tensor<3x!fhe.eint<4>>) -> tensor<3x!fhe.eint<4>>
  return %r : tensor<3x!fhe.eint<4>>
}
)mlir");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->run("zero", {{4, 5, 6}}),
            (std::vector<Values>{{5, 7, 9}}));
}

} // namespace
} // namespace shade::execution::testing

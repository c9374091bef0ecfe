// Levelled element-wise ops, scalar and tensor, with numpy broadcasting,
// compiled with the JIT and run on real ciphertexts.

#include "ExecutionTestSupport.h"

#include <gtest/gtest.h>

namespace shade::execution::testing {
namespace {

TEST(ElementwiseTest, ScalarLevelledOps) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @scalar(%a: !fhe.eint<5>, %b: !fhe.eint<5>, %c: i8)
    -> (!fhe.eint<5>, !fhe.eint<5>, !fhe.eint<5>, !fhe.eint<5>, !fhe.eint<5>) {
  %sum = fhe.add_eint %a, %b : !fhe.eint<5>
  %diff = fhe.sub_eint %a, %b : !fhe.eint<5>
  %plus = fhe.add_eint_int %a, %c : (!fhe.eint<5>, i8) -> !fhe.eint<5>
  %c3 = arith.constant 3 : i4
  %times = fhe.mul_eint_int %b, %c3 : (!fhe.eint<5>, i4) -> !fhe.eint<5>
  %c20 = arith.constant 20 : i8
  %rest = fhe.sub_int_eint %c20, %a : (i8, !fhe.eint<5>) -> !fhe.eint<5>
  return %sum, %diff, %plus, %times, %rest
      : !fhe.eint<5>, !fhe.eint<5>, !fhe.eint<5>, !fhe.eint<5>, !fhe.eint<5>
}
)mlir");
  ASSERT_TRUE(compiled);
  std::vector<Values> outputs = compiled->run("scalar", {{11}, {4}, {-3}});
  EXPECT_EQ(outputs, (std::vector<Values>{{15}, {7}, {8}, {12}, {9}}));
}

TEST(ElementwiseTest, BroadcastingTensorOps) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @broadcast(%x: tensor<2x3x!fhe.eint<6>>, %y: tensor<3x!fhe.eint<6>>,
                     %c: tensor<2x1xi8>)
    -> (tensor<2x3x!fhe.eint<6>>, tensor<2x3x!fhe.eint<6>>,
        tensor<2x3x!fhe.eint<6>>, tensor<2x3x!fhe.eint<6>>) {
  %sum = fhelinalg.add_eint %x, %y
      : (tensor<2x3x!fhe.eint<6>>, tensor<3x!fhe.eint<6>>) -> tensor<2x3x!fhe.eint<6>>
  %plus = fhelinalg.add_eint_int %sum, %c
      : (tensor<2x3x!fhe.eint<6>>, tensor<2x1xi8>) -> tensor<2x3x!fhe.eint<6>>
  %w = arith.constant dense<[1, 2, 3]> : tensor<3xi8>
  %times = fhelinalg.mul_eint_int %x, %w
      : (tensor<2x3x!fhe.eint<6>>, tensor<3xi8>) -> tensor<2x3x!fhe.eint<6>>
  %diff = fhelinalg.sub_eint %x, %y
      : (tensor<2x3x!fhe.eint<6>>, tensor<3x!fhe.eint<6>>) -> tensor<2x3x!fhe.eint<6>>
  return %sum, %plus, %times, %diff
      : tensor<2x3x!fhe.eint<6>>, tensor<2x3x!fhe.eint<6>>,
        tensor<2x3x!fhe.eint<6>>, tensor<2x3x!fhe.eint<6>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values x = {10, 11, 12, 13, 14, 15};
  Values y = {1, 2, 3};
  Values c = {5, -7};
  std::vector<Values> outputs = compiled->run("broadcast", {x, y, c});
  EXPECT_EQ(outputs, (std::vector<Values>{{11, 13, 15, 14, 16, 18},
                                          {16, 18, 20, 7, 9, 11},
                                          {10, 22, 36, 13, 28, 45},
                                          {9, 9, 9, 12, 12, 12}}));
}

TEST(ElementwiseTest, SignedTensorOps) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @signed(%x: tensor<2x3x!fhe.esint<7>>, %c: tensor<3xi8>)
    -> (tensor<2x3x!fhe.esint<7>>, tensor<2x3x!fhe.esint<7>>,
        tensor<2x3x!fhe.esint<7>>, tensor<2x3x!fhe.esint<7>>) {
  %minus = fhelinalg.sub_eint_int %x, %c
      : (tensor<2x3x!fhe.esint<7>>, tensor<3xi8>) -> tensor<2x3x!fhe.esint<7>>
  %k = arith.constant dense<[[10], [-10]]> : tensor<2x1xi8>
  %rest = fhelinalg.sub_int_eint %k, %x
      : (tensor<2x1xi8>, tensor<2x3x!fhe.esint<7>>) -> tensor<2x3x!fhe.esint<7>>
  %neg = fhelinalg.neg_eint %x : tensor<2x3x!fhe.esint<7>>
  %m = arith.constant dense<-3> : tensor<1xi8>
  %times = fhelinalg.mul_eint_int %x, %m
      : (tensor<2x3x!fhe.esint<7>>, tensor<1xi8>) -> tensor<2x3x!fhe.esint<7>>
  return %minus, %rest, %neg, %times
      : tensor<2x3x!fhe.esint<7>>, tensor<2x3x!fhe.esint<7>>,
        tensor<2x3x!fhe.esint<7>>, tensor<2x3x!fhe.esint<7>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values x = {-9, 0, 7, 12, -1, -20};
  Values c = {-5, 3, 8};
  Values minus, rest, neg, times;
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      int64_t value = x[i * 3 + j];
      minus.push_back(value - c[j]);
      rest.push_back((i == 0 ? 10 : -10) - value);
      neg.push_back(-value);
      times.push_back(-3 * value);
    }
  EXPECT_EQ(compiled->run("signed", {x, c}),
            (std::vector<Values>{minus, rest, neg, times}));
}

} // namespace
} // namespace shade::execution::testing

// The calling convention: clear inputs and outputs, results that are
// arguments, constants or returned twice (each written to its own output
// buffer), and clear arithmetic on tensors next to the encrypted one.

#include "ExecutionTestSupport.h"

#include <gtest/gtest.h>

namespace shade::execution::testing {
namespace {

TEST(CallingConventionTest, ClearValuesAndSharedResults) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @mixed(%x: tensor<2x!fhe.eint<4>>, %c: tensor<2xi4>)
    -> (tensor<2x!fhe.eint<4>>, tensor<2x!fhe.eint<4>>, tensor<2xi16>,
        tensor<2xi16>, tensor<2x!fhe.eint<4>>) {
  %k = arith.constant dense<[5, -6]> : tensor<2xi16>
  %wide = arith.extsi %c : tensor<2xi4> to tensor<2xi16>
  %d = arith.addi %wide, %k : tensor<2xi16>
  %s = fhelinalg.add_eint_int %x, %c
      : (tensor<2x!fhe.eint<4>>, tensor<2xi4>) -> tensor<2x!fhe.eint<4>>
  return %x, %x, %d, %k, %s
      : tensor<2x!fhe.eint<4>>, tensor<2x!fhe.eint<4>>, tensor<2xi16>,
        tensor<2xi16>, tensor<2x!fhe.eint<4>>
}
)mlir");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->run("mixed", {{3, 9}, {-2, 5}}),
            (std::vector<Values>{{3, 9}, {3, 9}, {3, -1}, {5, -6}, {1, 14}}));
}

TEST(CallingConventionTest, ClearTensorComputations) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @clear(%c: tensor<3xi8>) -> (tensor<3xi8>, tensor<5xi8>) {
  %two = arith.constant dense<2> : tensor<3xi8>
  %q = arith.floordivsi %c, %two : tensor<3xi8>
  %k = arith.constant dense<[7, -7]> : tensor<2xi8>
  %cat = tensor.concat dim(0) %q, %k : (tensor<3xi8>, tensor<2xi8>) -> tensor<5xi8>
  return %q, %cat : tensor<3xi8>, tensor<5xi8>
}
)mlir");
  ASSERT_TRUE(compiled);
  EXPECT_EQ(compiled->run("clear", {{-5, 4, 7}}),
            (std::vector<Values>{{-3, 2, 3}, {-3, 2, 3, 7, -7}}));
}

} // namespace
} // namespace shade::execution::testing

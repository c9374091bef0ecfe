// Programs compiled ahead of time: an object file linked into a shared
// object, loaded with dlopen and called through the same packed entry point
// as the JIT.

#include "ExecutionTestSupport.h"

#include "shade/runtime/ParameterSets.h"

#include <gtest/gtest.h>

namespace shade::execution::testing {
namespace {

// With the attributes the analyses leave (ranges, norms), which the lowering
// ignores.
constexpr const char *kProgram = R"mlir(
func.func @affine_square(%x: tensor<2x3x!fhe.eint<3>> {fhe.range = array<i64: 0, 4>},
                         %y: tensor<3x!fhe.eint<3>> {fhe.range = array<i64: 1, 3>})
    -> (tensor<2x3x!fhe.eint<6>>, tensor<2x2x!fhe.eint<6>>) {
  %s = fhelinalg.add_eint %x, %y {fhe.range = array<i64: 1, 7>, fhe.norm2 = 2 : i64}
      : (tensor<2x3x!fhe.eint<3>>, tensor<3x!fhe.eint<3>>) -> tensor<2x3x!fhe.eint<3>>
  %table = arith.constant dense<[0, 1, 4, 9, 16, 25, 36, 49]> : tensor<8xi8>
  %sq = fhelinalg.apply_lookup_table %s, %table
      : (tensor<2x3x!fhe.eint<3>>, tensor<8xi8>) -> tensor<2x3x!fhe.eint<6>>
  %w = arith.constant dense<[[1, 0], [0, 1], [1, 0]]> : tensor<3x2xi8>
  %m = fhelinalg.matmul_eint_int %sq, %w
      : (tensor<2x3x!fhe.eint<6>>, tensor<3x2xi8>) -> tensor<2x2x!fhe.eint<6>>
  return %sq, %m : tensor<2x3x!fhe.eint<6>>, tensor<2x2x!fhe.eint<6>>
}
)mlir";

TEST(AheadOfTimeTest, SharedObjectMatchesJit) {
  Values x = {0, 1, 2, 3, 4, 1};
  Values y = {1, 2, 3};
  std::vector<Values> expected = {{1, 9, 25, 16, 36, 16}, {26, 9, 32, 36}};
  auto jit = CompiledFunctions::jit(kProgram);
  ASSERT_TRUE(jit);
  EXPECT_EQ(jit->run("affine_square", {x, y}), expected);
  auto shared = CompiledFunctions::sharedObject(kProgram);
  ASSERT_TRUE(shared);
  EXPECT_EQ(shared->run("affine_square", {x, y}), expected);
}

TEST(AheadOfTimeTest, KeysOfOtherParametersAreRejected) {
  runtime::Parameters other = runtime::defaultParameters(2);
  llvm::Error error =
      checkContextParameters(TestKeys::get().getContext(), {other}, {{0, 0}});
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "the evaluation keys have the parameters n = 840, k = 1, N = "
            "2048, pbs 23x1, ks 5x3; the program was compiled for n = 750, k "
            "= 1, N = 1024, pbs 6x3, ks 5x2 (base log x levels)");
}

TEST(AheadOfTimeTest, KeysOfOtherLayoutsAreRejected) {
  runtime::Parameters parameters = runtime::defaultParameters(4);
  shade_rt_context *context = TestKeys::get().getContext();
  llvm::Error error =
      checkContextParameters(context, {parameters, parameters}, {{0, 1}});
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "the evaluation keys have 1 parameter set(s); the program was "
            "compiled for 2");
  error = checkContextParameters(context, {parameters}, {{0, 0}, {0, 0}});
  ASSERT_TRUE(bool(error));
  EXPECT_EQ(llvm::toString(std::move(error)),
            "the evaluation keys have 1 key pattern(s); the program was "
            "compiled for 2");
}

} // namespace
} // namespace shade::execution::testing

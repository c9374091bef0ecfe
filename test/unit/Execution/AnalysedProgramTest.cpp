// Programs through the whole compilation: the analyses choose the widths and
// the parameters and decompose products and maxima into lookup tables, then
// the lowering runs with keys of the chosen parameters.

#include "ExecutionTestSupport.h"

#include <gtest/gtest.h>

namespace shade::execution::testing {
namespace {

TEST(AnalysedProgramTest, ProductsAndMaxima) {
  auto compiled = CompiledFunctions::jitAnalysed(R"mlir(
func.func @products(%a: tensor<4x!fhe.eint<8>> {fhe.range = array<i64: 0, 3>},
                    %b: tensor<4x!fhe.eint<8>> {fhe.range = array<i64: 0, 3>})
    -> (tensor<4x!fhe.eint<8>>, tensor<4x!fhe.eint<8>>) {
  %p = fhelinalg.mul_eint %a, %b
      : (tensor<4x!fhe.eint<8>>, tensor<4x!fhe.eint<8>>) -> tensor<4x!fhe.eint<8>>
  %m = fhelinalg.max_eint %a, %b
      : (tensor<4x!fhe.eint<8>>, tensor<4x!fhe.eint<8>>) -> tensor<4x!fhe.eint<8>>
  return %p, %m : tensor<4x!fhe.eint<8>>, tensor<4x!fhe.eint<8>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values a = {0, 3, 2, 1}, b = {2, 3, 1, 0};
  Values products, maxima;
  for (size_t i = 0; i < a.size(); ++i) {
    products.push_back(a[i] * b[i]);
    maxima.push_back(std::max(a[i], b[i]));
  }
  EXPECT_EQ(compiled->run("products", {a, b}),
            (std::vector<Values>{products, maxima}));
}

TEST(AnalysedProgramTest, SignedLinearThenTable) {
  // relu(x W + c) with signed intermediate values.
  auto compiled = CompiledFunctions::jitAnalysed(R"mlir(
func.func @layer(%x: tensor<1x3x!fhe.esint<8>> {fhe.range = array<i64: 0, 3>})
    -> tensor<1x2x!fhe.eint<8>> {
  %w = arith.constant dense<[[1, -2], [-1, 1], [2, -1]]> : tensor<3x2xi8>
  %y = fhelinalg.matmul_eint_int %x, %w
      : (tensor<1x3x!fhe.esint<8>>, tensor<3x2xi8>) -> tensor<1x2x!fhe.esint<8>>
  %c = arith.constant dense<[[-1, 2]]> : tensor<1x2xi8>
  %z = fhelinalg.add_eint_int %y, %c
      : (tensor<1x2x!fhe.esint<8>>, tensor<1x2xi8>) -> tensor<1x2x!fhe.esint<8>>
  %relu = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
      16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
      32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
      48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
      64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79,
      80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
      96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
      112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<256xi64>
  %r = fhelinalg.apply_lookup_table %z, %relu
      : (tensor<1x2x!fhe.esint<8>>, tensor<256xi64>) -> tensor<1x2x!fhe.eint<8>>
  return %r : tensor<1x2x!fhe.eint<8>>
}
)mlir");
  ASSERT_TRUE(compiled);
  for (Values x : {Values{3, 0, 3}, Values{0, 3, 0}, Values{1, 2, 3}}) {
    int64_t first = x[0] - x[1] + 2 * x[2] - 1;
    int64_t second = -2 * x[0] + x[1] - x[2] + 2;
    EXPECT_EQ(compiled->run("layer", {x}),
              (std::vector<Values>{
                  {std::max<int64_t>(first, 0), std::max<int64_t>(second, 0)}}))
        << "x = " << x[0] << ", " << x[1] << ", " << x[2];
  }
}

} // namespace
} // namespace shade::execution::testing

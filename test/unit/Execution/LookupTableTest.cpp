// Lookup tables (one batched key switch and bootstrap per tensor op): shared
// and per-element tables, signed inputs and outputs, chains of bootstraps,
// and the signedness casts that re-encode through a bootstrap.

#include "ExecutionTestSupport.h"

#include <gtest/gtest.h>

namespace shade::execution::testing {
namespace {

TEST(LookupTableTest, SharedTableOnTensor) {
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @square(%x: tensor<2x4x!fhe.eint<3>>) -> tensor<2x4x!fhe.eint<6>> {
  %table = arith.constant dense<[0, 1, 4, 9, 16, 25, 36, 49]> : tensor<8xi8>
  %r = fhelinalg.apply_lookup_table %x, %table
      : (tensor<2x4x!fhe.eint<3>>, tensor<8xi8>) -> tensor<2x4x!fhe.eint<6>>
  return %r : tensor<2x4x!fhe.eint<6>>
}
)mlir");
  ASSERT_TRUE(compiled);
  std::vector<Values> outputs =
      compiled->run("square", {{0, 1, 2, 3, 4, 5, 6, 7}});
  EXPECT_EQ(outputs, (std::vector<Values>{{0, 1, 4, 9, 16, 25, 36, 49}}));
}

TEST(LookupTableTest, ScalarTableToSignedThenLevelled) {
  // x - 8 for a 4-bit x, then + 3 on the signed result.
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @shift(%x: !fhe.eint<4>) -> !fhe.esint<5> {
  %table = arith.constant dense<[-8, -7, -6, -5, -4, -3, -2, -1,
                                 0, 1, 2, 3, 4, 5, 6, 7]> : tensor<16xi8>
  %s = fhe.apply_lookup_table %x, %table
      : (!fhe.eint<4>, tensor<16xi8>) -> !fhe.esint<5>
  %c3 = arith.constant 3 : i8
  %r = fhe.add_eint_int %s, %c3 : (!fhe.esint<5>, i8) -> !fhe.esint<5>
  return %r : !fhe.esint<5>
}
)mlir");
  ASSERT_TRUE(compiled);
  for (int64_t x : {0, 3, 8, 15})
    EXPECT_EQ(compiled->run("shift", {{x}}), (std::vector<Values>{{x - 5}}))
        << "x = " << x;
}

TEST(LookupTableTest, SignedInputsFromLevelledOps) {
  // |a - b| for signed 3-bit differences: the table is indexed by the two's
  // complement pattern (0, 1, 2, 3, -4, -3, -2, -1).
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @abs(%a: tensor<8x!fhe.esint<3>>, %b: tensor<8x!fhe.esint<3>>)
    -> tensor<8x!fhe.eint<3>> {
  %d = fhelinalg.sub_eint %a, %b
      : (tensor<8x!fhe.esint<3>>, tensor<8x!fhe.esint<3>>) -> tensor<8x!fhe.esint<3>>
  %table = arith.constant dense<[0, 1, 2, 3, 4, 3, 2, 1]> : tensor<8xi8>
  %r = fhelinalg.apply_lookup_table %d, %table
      : (tensor<8x!fhe.esint<3>>, tensor<8xi8>) -> tensor<8x!fhe.eint<3>>
  return %r : tensor<8x!fhe.eint<3>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values a = {-4, -2, 0, 3, 1, -1, 2, -3};
  Values b = {0, -3, 1, 0, 3, 1, -1, 0};
  Values expected;
  for (size_t i = 0; i < a.size(); ++i)
    expected.push_back(std::abs(a[i] - b[i]));
  EXPECT_EQ(compiled->run("abs", {a, b}), (std::vector<Values>{expected}));
}

TEST(LookupTableTest, ChainOfSignedBootstraps) {
  // y = -x (signed 4-bit), then y * y: the second bootstrap reads the first
  // one's signed output.
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @chain(%x: tensor<8x!fhe.esint<3>>) -> tensor<8x!fhe.eint<5>> {
  %negate = arith.constant dense<[0, -1, -2, -3, 4, 3, 2, 1]> : tensor<8xi8>
  %y = fhelinalg.apply_lookup_table %x, %negate
      : (tensor<8x!fhe.esint<3>>, tensor<8xi8>) -> tensor<8x!fhe.esint<4>>
  %square = arith.constant dense<[0, 1, 4, 9, 16, 25, 36, 49,
                                  64, 49, 36, 25, 16, 9, 4, 1]> : tensor<16xi8>
  %z = fhelinalg.apply_lookup_table %y, %square
      : (tensor<8x!fhe.esint<4>>, tensor<16xi8>) -> tensor<8x!fhe.eint<5>>
  return %z : tensor<8x!fhe.eint<5>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values x = {-4, -3, -2, -1, 0, 1, 2, 3};
  Values expected;
  for (int64_t value : x)
    expected.push_back(value * value);
  EXPECT_EQ(compiled->run("chain", {x}), (std::vector<Values>{expected}));
}

TEST(LookupTableTest, MultiLookupTables) {
  // One table per column (tables 3 x 4 for a 2 x 3 input), and one per row
  // (tables 2 x 1 x 4, broadcast along the columns).
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @multi(%x: tensor<2x3x!fhe.eint<2>>)
    -> (tensor<2x3x!fhe.eint<3>>, tensor<2x3x!fhe.esint<3>>) {
  %columns = arith.constant dense<[[0, 1, 2, 3], [7, 6, 5, 4], [1, 1, 2, 2]]>
      : tensor<3x4xi8>
  %c = fhelinalg.apply_multi_lookup_table %x, %columns
      : (tensor<2x3x!fhe.eint<2>>, tensor<3x4xi8>) -> tensor<2x3x!fhe.eint<3>>
  %rows = arith.constant dense<[[[0, -1, -2, -3]], [[3, 2, 1, 0]]]>
      : tensor<2x1x4xi8>
  %r = fhelinalg.apply_multi_lookup_table %x, %rows
      : (tensor<2x3x!fhe.eint<2>>, tensor<2x1x4xi8>) -> tensor<2x3x!fhe.esint<3>>
  return %c, %r : tensor<2x3x!fhe.eint<3>>, tensor<2x3x!fhe.esint<3>>
}
)mlir");
  ASSERT_TRUE(compiled);
  Values x = {0, 1, 2, 3, 2, 1};
  std::vector<Values> columns = {{0, 1, 2, 3}, {7, 6, 5, 4}, {1, 1, 2, 2}};
  std::vector<Values> rows = {{0, -1, -2, -3}, {3, 2, 1, 0}};
  Values byColumn, byRow;
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      byColumn.push_back(columns[j][x[i * 3 + j]]);
      byRow.push_back(rows[i][x[i * 3 + j]]);
    }
  EXPECT_EQ(compiled->run("multi", {x}),
            (std::vector<Values>{byColumn, byRow}));
}

TEST(LookupTableTest, SignednessCasts) {
  // fhelinalg.to_signed reinterprets 3-bit patterns: 5 becomes -3. Its
  // range [0, 7] reaches the upper half, so it re-encodes through a
  // bootstrap; the signed table that follows sees the right padding bit.
  // With a range inside [0, 3] the cast keeps the ciphertext.
  auto compiled = CompiledFunctions::jit(R"mlir(
func.func @casts(%x: tensor<8x!fhe.eint<3>>, %y: tensor<4x!fhe.eint<3>>)
    -> (tensor<8x!fhe.eint<3>>, tensor<4x!fhe.esint<3>>,
        tensor<4x!fhe.eint<3>>) {
  %s = fhelinalg.to_signed %x {fhe.range = array<i64: -4, 3>}
      : tensor<8x!fhe.eint<3>> -> tensor<8x!fhe.esint<3>>
  %abs = arith.constant dense<[0, 1, 2, 3, 4, 3, 2, 1]> : tensor<8xi8>
  %a = fhelinalg.apply_lookup_table %s, %abs
      : (tensor<8x!fhe.esint<3>>, tensor<8xi8>) -> tensor<8x!fhe.eint<3>>
  %t = fhelinalg.to_signed %y {fhe.range = array<i64: 0, 3>}
      : tensor<4x!fhe.eint<3>> -> tensor<4x!fhe.esint<3>>
  %c = arith.constant dense<-2> : tensor<4xi8>
  %n = fhelinalg.add_eint_int %t, %c
      : (tensor<4x!fhe.esint<3>>, tensor<4xi8>) -> tensor<4x!fhe.esint<3>>
  %u = fhelinalg.to_unsigned %n {fhe.range = array<i64: 0, 7>}
      : tensor<4x!fhe.esint<3>> -> tensor<4x!fhe.eint<3>>
  %double = arith.constant dense<[0, 2, 4, 6, 1, 3, 5, 7]> : tensor<8xi8>
  %d = fhelinalg.apply_lookup_table %u, %double
      : (tensor<4x!fhe.eint<3>>, tensor<8xi8>) -> tensor<4x!fhe.eint<3>>
  return %a, %n, %d : tensor<8x!fhe.eint<3>>, tensor<4x!fhe.esint<3>>,
                      tensor<4x!fhe.eint<3>>
}
)mlir");
  ASSERT_TRUE(compiled);
  // x:        0  1  2  3  4  5  6  7 -> signed 0 1 2 3 -4 -3 -2 -1.
  // y - 2:   -2 -1  0  1 -> unsigned 6 7 0 1 -> table 5 7 0 2.
  std::vector<Values> outputs =
      compiled->run("casts", {{0, 1, 2, 3, 4, 5, 6, 7}, {0, 1, 2, 3}});
  EXPECT_EQ(outputs,
            (std::vector<Values>{
                {0, 1, 2, 3, 4, 3, 2, 1}, {-2, -1, 0, 1}, {5, 7, 0, 2}}));
}

} // namespace
} // namespace shade::execution::testing

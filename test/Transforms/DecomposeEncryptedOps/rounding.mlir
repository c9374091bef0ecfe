// RUN: shade-opt --shade-decompose-encrypted-ops %s | FileCheck %s

// A round is one table: x -> floor(x / 2^d + 1/2), ties up.

// CHECK-LABEL: func.func @unsigned
func.func @unsigned(%x: !fhe.eint<4> {fhe.range = array<i64: 0, 13>}) -> !fhe.eint<2> {
  // 5 -> 1, 6 -> 2, 13 -> 3; 14 and 15 are unreachable.
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 3>} dense<[0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 0, 0]> : tensor<16xi64>
  // CHECK: fhe.apply_lookup_table %{{.*}}, %[[T]] {fhe.range = array<i64: 0, 3>} : (!fhe.eint<4>, tensor<16xi64>) -> !fhe.eint<2>
  // CHECK-NOT: fhe.round
  %r = fhe.round %x {fhe.range = array<i64: 0, 3>} : !fhe.eint<4> to !fhe.eint<2>
  return %r : !fhe.eint<2>
}

// CHECK-LABEL: func.func @signed
func.func @signed(%x: !fhe.esint<4> {fhe.range = array<i64: -6, 5>}) -> !fhe.esint<2> {
  // 0..5 -> 0, 0, 1, 1, 1, 1; -6..-1 (entries 10 to 15) -> -1, -1, -1, -1,
  // 0, 0.
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: -1, 1>} dense<[0, 0, 1, 1, 1, 1, 0, 0, 0, 0, -1, -1, -1, -1, 0, 0]> : tensor<16xi64>
  // CHECK: fhe.apply_lookup_table %{{.*}}, %[[T]] {fhe.range = array<i64: -1, 1>} : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.esint<2>
  %r = fhe.round %x {fhe.range = array<i64: -1, 1>} : !fhe.esint<4> to !fhe.esint<2>
  return %r : !fhe.esint<2>
}

// CHECK-LABEL: func.func @tensor
func.func @tensor(%x: tensor<3x!fhe.eint<3>> {fhe.range = array<i64: 0, 5>}) -> tensor<3x!fhe.eint<2>> {
  // d = 1: 0, 1, 1, 2, 2, 3.
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 3>} dense<[0, 1, 1, 2, 2, 3, 0, 0]> : tensor<8xi64>
  // CHECK: fhelinalg.apply_lookup_table %{{.*}}, %[[T]] {fhe.range = array<i64: 0, 3>} : (tensor<3x!fhe.eint<3>>, tensor<8xi64>) -> tensor<3x!fhe.eint<2>>
  %r = fhelinalg.round %x {fhe.range = array<i64: 0, 3>} : tensor<3x!fhe.eint<3>> -> tensor<3x!fhe.eint<2>>
  return %r : tensor<3x!fhe.eint<2>>
}

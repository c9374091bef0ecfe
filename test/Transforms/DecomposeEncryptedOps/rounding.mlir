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

// A round whose input is wider than a table can read clears the low bits of
// x + 2^(d-1) and rescales the rest (--shade-decompose-rounding then
// chooses the chunks); a scalar goes through a tensor of one element.

// CHECK-LABEL: func.func @wide_scalar
// CHECK: %[[ONE:.*]] = tensor.from_elements %{{.*}} {fhe.range = array<i64: -2000, 2000>} : tensor<!fhe.esint<13>>
// CHECK: %[[HALF:.*]] = arith.constant {fhe.range = array<i64: 128, 128>} dense<128> : tensor<i64>
// CHECK: %[[O:.*]] = fhelinalg.add_eint_int %[[ONE]], %[[HALF]] {fhe.range = array<i64: -1872, 2128>}
// CHECK: %[[C:.*]] = fhelinalg.clear_low_bits %[[O]] {bits = 8 : i64, fhe.range = array<i64: -2048, 2048>} : tensor<!fhe.esint<13>>
// CHECK: %[[Q:.*]] = fhelinalg.rescale %[[C]] {fhe.range = array<i64: -8, 8>, shift = 8 : i64} : tensor<!fhe.esint<13>> -> tensor<!fhe.esint<5>>
// CHECK: %[[R:.*]] = tensor.extract %[[Q]][] {fhe.range = array<i64: -8, 8>} : tensor<!fhe.esint<5>>
// CHECK: return %[[R]] : !fhe.esint<5>
func.func @wide_scalar(%x: !fhe.esint<13> {fhe.range = array<i64: -2000, 2000>}) -> !fhe.esint<5> {
  %r = fhe.round %x {fhe.range = array<i64: -8, 8>} : !fhe.esint<13> to !fhe.esint<5>
  return %r : !fhe.esint<5>
}

// RUN: shade-opt --shade-decompose-encrypted-ops %s | FileCheck %s

// a * b = floor((a+b)^2/4) - floor((a-b)^2/4): one table of quarter squares,
// built by value for the final widths over the reachable a + b and a - b.

// CHECK-LABEL: func.func @scalar
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4> {{.*}}, %[[B:.*]]: !fhe.esint<4> {{.*}})
func.func @scalar(%a: !fhe.esint<4> {fhe.range = array<i64: 0, 3>},
                  %b: !fhe.esint<4> {fhe.range = array<i64: -2, 1>}) -> !fhe.esint<4> {
  // a + b in [-2, 4], a - b in [-1, 5]; the table covers [-2, 5], the
  // entries for 6, 7, -8 to -3 are 0.
  // CHECK-NEXT: %[[S:.*]] = fhe.add_eint %[[A]], %[[B]] {fhe.range = array<i64: -2, 4>} : !fhe.esint<4>
  // CHECK-NEXT: %[[D:.*]] = fhe.sub_eint %[[A]], %[[B]] {fhe.range = array<i64: -1, 5>} : !fhe.esint<4>
  // CHECK-NEXT: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 6>} dense<[0, 0, 1, 2, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]> : tensor<16xi64>
  // CHECK-NEXT: %[[S2:.*]] = fhe.apply_lookup_table %[[S]], %[[T]] {fhe.range = array<i64: 0, 4>} : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.esint<4>
  // CHECK-NEXT: %[[D2:.*]] = fhe.apply_lookup_table %[[D]], %[[T]] {fhe.range = array<i64: 0, 6>} : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.esint<4>
  // CHECK-NEXT: %[[P:.*]] = fhe.sub_eint %[[S2]], %[[D2]] {fhe.proven_range = array<i64: -6, 3>, fhe.range = array<i64: -6, 3>} : !fhe.esint<4>
  // CHECK-NEXT: return %[[P]]
  %p = fhe.mul_eint %a, %b {fhe.range = array<i64: -6, 3>} : !fhe.esint<4>
  return %p : !fhe.esint<4>
}

// Elementwise products broadcast the operands; the tables are applied to
// every element.

// CHECK-LABEL: func.func @broadcast
func.func @broadcast(%a: tensor<2x3x!fhe.eint<3>> {fhe.range = array<i64: 2, 3>},
                     %b: tensor<3x!fhe.eint<3>> {fhe.range = array<i64: 0, 1>})
    -> tensor<2x3x!fhe.eint<3>> {
  // CHECK: %[[S:.*]] = fhelinalg.add_eint %{{.*}}, %{{.*}} {fhe.range = array<i64: 2, 4>} : (tensor<2x3x!fhe.eint<3>>, tensor<3x!fhe.eint<3>>) -> tensor<2x3x!fhe.eint<3>>
  // CHECK: %[[D:.*]] = fhelinalg.sub_eint %{{.*}}, %{{.*}} {fhe.range = array<i64: 1, 3>} : (tensor<2x3x!fhe.eint<3>>, tensor<3x!fhe.eint<3>>) -> tensor<2x3x!fhe.eint<3>>
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 4>} dense<[0, 0, 1, 2, 4, 0, 0, 0]> : tensor<8xi64>
  // CHECK: %[[S2:.*]] = fhelinalg.apply_lookup_table %[[S]], %[[T]] {{.*}} -> tensor<2x3x!fhe.eint<3>>
  // CHECK: %[[D2:.*]] = fhelinalg.apply_lookup_table %[[D]], %[[T]] {{.*}} -> tensor<2x3x!fhe.eint<3>>
  // CHECK: fhelinalg.sub_eint %[[S2]], %[[D2]] {fhe.proven_range = array<i64: 0, 3>, fhe.range = array<i64: 0, 3>}
  %p = fhelinalg.mul_eint %a, %b {fhe.range = array<i64: 0, 3>}
      : (tensor<2x3x!fhe.eint<3>>, tensor<3x!fhe.eint<3>>) -> tensor<2x3x!fhe.eint<3>>
  return %p : tensor<2x3x!fhe.eint<3>>
}

// A dot product sums the products. The operands and the result have one
// type (the width pass decomposes products whose classes differ at once):
// signed here, since a - b can be negative.

// CHECK-LABEL: func.func @dot
func.func @dot(%a: tensor<4x!fhe.esint<5>> {fhe.range = array<i64: 0, 2>},
               %b: tensor<4x!fhe.esint<5>> {fhe.range = array<i64: 0, 3>}) -> !fhe.esint<5> {
  // CHECK: fhelinalg.add_eint {{.*}} -> tensor<4x!fhe.esint<5>>
  // CHECK: fhelinalg.sub_eint {{.*}} -> tensor<4x!fhe.esint<5>>
  // CHECK: fhelinalg.apply_lookup_table
  // CHECK: fhelinalg.apply_lookup_table
  // CHECK: %[[P:.*]] = fhelinalg.sub_eint {{.*}} {fhe.proven_range = array<i64: 0, 6>, fhe.range = array<i64: 0, 6>} {{.*}} -> tensor<4x!fhe.esint<5>>
  // CHECK: fhelinalg.sum %[[P]] {fhe.range = array<i64: 0, 24>} : tensor<4x!fhe.esint<5>> -> !fhe.esint<5>
  %d = fhelinalg.dot_eint_eint %a, %b {fhe.range = array<i64: 0, 24>}
      : (tensor<4x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>) -> !fhe.esint<5>
  return %d : !fhe.esint<5>
}

// A matrix product fills the grid [M, K, N] with products and sums over K.

// CHECK-LABEL: func.func @matmul
func.func @matmul(%a: tensor<2x3x!fhe.esint<5>> {fhe.range = array<i64: 0, 2>},
                  %b: tensor<3x4x!fhe.esint<5>> {fhe.range = array<i64: 0, 1>},
                  %v: tensor<3x!fhe.esint<5>> {fhe.range = array<i64: 0, 1>},
                  %s: tensor<5x1x2x3x!fhe.esint<5>> {fhe.range = array<i64: 0, 1>},
                  %c: tensor<3x3x4x!fhe.esint<5>> {fhe.range = array<i64: 0, 1>})
    -> (tensor<2x4x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>, tensor<2x!fhe.esint<5>>, tensor<5x3x2x4x!fhe.esint<5>>) {
  // CHECK: %[[AE:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2]] output_shape [2, 3, 1] {fhe.range = array<i64: 0, 2>}
  // CHECK: %[[BE:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [1, 3, 4] {fhe.range = array<i64: 0, 1>}
  // CHECK: fhelinalg.add_eint %[[AE]], %[[BE]] {{.*}} : (tensor<2x3x1x!fhe.esint<5>>, tensor<1x3x4x!fhe.esint<5>>) -> tensor<2x3x4x!fhe.esint<5>>
  // CHECK: fhelinalg.sum %{{.*}} {axes = [1], fhe.range = array<i64: 0, 6>} : tensor<2x3x4x!fhe.esint<5>> -> tensor<2x4x!fhe.esint<5>>
  %0 = fhelinalg.matmul_eint_eint %a, %b {fhe.range = array<i64: 0, 6>}
      : (tensor<2x3x!fhe.esint<5>>, tensor<3x4x!fhe.esint<5>>) -> tensor<2x4x!fhe.esint<5>>
  // A 1-D lhs is a row: [3, 1] by [3, 4].
  // CHECK: %[[VE:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [3, 1]
  // CHECK: fhelinalg.add_eint %[[VE]], %{{.*}} : (tensor<3x1x!fhe.esint<5>>, tensor<3x4x!fhe.esint<5>>) -> tensor<3x4x!fhe.esint<5>>
  // CHECK: fhelinalg.sum %{{.*}} {axes = [0], {{.*}}} : tensor<3x4x!fhe.esint<5>> -> tensor<4x!fhe.esint<5>>
  %1 = fhelinalg.matmul_eint_eint %v, %b {fhe.range = array<i64: 0, 3>}
      : (tensor<3x!fhe.esint<5>>, tensor<3x4x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>>
  // A 1-D rhs is a column: [2, 3] by [3].
  // CHECK-NOT: tensor.expand_shape
  // CHECK: fhelinalg.add_eint %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>) -> tensor<2x3x!fhe.esint<5>>
  // CHECK: fhelinalg.sum %{{.*}} {axes = [1], {{.*}}} : tensor<2x3x!fhe.esint<5>> -> tensor<2x!fhe.esint<5>>
  %2 = fhelinalg.matmul_eint_eint %a, %v {fhe.range = array<i64: 0, 6>}
      : (tensor<2x3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>) -> tensor<2x!fhe.esint<5>>
  // Batches broadcast: [5, 1, 2, 3, 1] and [3, 1, 3, 4] fill
  // [5, 3, 2, 3, 4].
  // CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1], [2], [3, 4]] output_shape [5, 1, 2, 3, 1]
  // CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3]] output_shape [3, 1, 3, 4]
  // CHECK: fhelinalg.add_eint {{.*}} -> tensor<5x3x2x3x4x!fhe.esint<5>>
  // CHECK: fhelinalg.sum %{{.*}} {axes = [3], {{.*}}} : tensor<5x3x2x3x4x!fhe.esint<5>> -> tensor<5x3x2x4x!fhe.esint<5>>
  %3 = fhelinalg.matmul_eint_eint %s, %c {fhe.range = array<i64: 0, 3>}
      : (tensor<5x1x2x3x!fhe.esint<5>>, tensor<3x3x4x!fhe.esint<5>>) -> tensor<5x3x2x4x!fhe.esint<5>>
  return %0, %1, %2, %3 : tensor<2x4x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>, tensor<2x!fhe.esint<5>>, tensor<5x3x2x4x!fhe.esint<5>>
}

// RUN: shade-opt --shade-decompose-encrypted-ops %s | FileCheck %s

// max(a, b) = b + relu(a - b): one table on the class of the operands.

// CHECK-LABEL: func.func @scalar
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4> {{.*}}, %[[B:.*]]: !fhe.esint<4> {{.*}})
func.func @scalar(%a: !fhe.esint<4> {fhe.range = array<i64: 0, 3>},
                  %b: !fhe.esint<4> {fhe.range = array<i64: 1, 2>}) -> !fhe.esint<4> {
  // CHECK-NEXT: %[[D:.*]] = fhe.sub_eint %[[A]], %[[B]] {fhe.range = array<i64: -2, 2>} : !fhe.esint<4>
  // Entries for -2 (14) and -1 (15) are relu's 0, as are the unreachable ones.
  // CHECK-NEXT: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 2>} dense<[0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<16xi64>
  // CHECK-NEXT: %[[R:.*]] = fhe.apply_lookup_table %[[D]], %[[T]] {fhe.range = array<i64: 0, 2>} : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.esint<4>
  // CHECK-NEXT: %[[M:.*]] = fhe.add_eint %[[B]], %[[R]] {fhe.proven_range = array<i64: 1, 3>, fhe.range = array<i64: 1, 3>} : !fhe.esint<4>
  // CHECK-NEXT: return %[[M]]
  %m = fhe.max_eint %a, %b {fhe.range = array<i64: 1, 3>} : !fhe.esint<4>
  return %m : !fhe.esint<4>
}

// CHECK-LABEL: func.func @broadcast
func.func @broadcast(%a: tensor<2x3x!fhe.esint<3>> {fhe.range = array<i64: -1, 2>},
                     %b: tensor<3x!fhe.esint<3>> {fhe.range = array<i64: 0, 1>})
    -> tensor<2x3x!fhe.esint<3>> {
  // CHECK: %[[D:.*]] = fhelinalg.sub_eint %{{.*}}, %{{.*}} {fhe.range = array<i64: -2, 2>} : (tensor<2x3x!fhe.esint<3>>, tensor<3x!fhe.esint<3>>) -> tensor<2x3x!fhe.esint<3>>
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 2>} dense<[0, 1, 2, 0, 0, 0, 0, 0]> : tensor<8xi64>
  // CHECK: %[[R:.*]] = fhelinalg.apply_lookup_table %[[D]], %[[T]] {fhe.range = array<i64: 0, 2>}
  // CHECK: fhelinalg.add_eint %{{.*}}, %[[R]] {fhe.proven_range = array<i64: 0, 2>, fhe.range = array<i64: 0, 2>} : (tensor<3x!fhe.esint<3>>, tensor<2x3x!fhe.esint<3>>) -> tensor<2x3x!fhe.esint<3>>
  %m = fhelinalg.max_eint %a, %b {fhe.range = array<i64: 0, 2>}
      : (tensor<2x3x!fhe.esint<3>>, tensor<3x!fhe.esint<3>>) -> tensor<2x3x!fhe.esint<3>>
  return %m : tensor<2x3x!fhe.esint<3>>
}

// A window's maximum is a chain of maxima over the kernel positions, each a
// strided slice of the images.

// CHECK-LABEL: func.func @maxpool
func.func @maxpool(%x: tensor<1x1x3x3x!fhe.esint<4>> {fhe.range = array<i64: 0, 5>})
    -> tensor<1x1x2x2x!fhe.esint<4>> {
  // CHECK: %[[C0:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1] {fhe.range = array<i64: 0, 5>}
  // CHECK: %[[C1:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 1] [1, 1, 2, 2] [1, 1, 1, 1]
  // CHECK: %[[D1:.*]] = fhelinalg.sub_eint %[[C1]], %[[C0]] {fhe.range = array<i64: -5, 5>}
  // CHECK: %[[T1:.*]] = arith.constant {fhe.range = array<i64: 0, 5>} dense<[0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<16xi64>
  // CHECK: %[[R1:.*]] = fhelinalg.apply_lookup_table %[[D1]], %[[T1]] {fhe.range = array<i64: 0, 5>}
  // CHECK: %[[M1:.*]] = fhelinalg.add_eint %[[C0]], %[[R1]] {fhe.proven_range = array<i64: 0, 5>, fhe.range = array<i64: 0, 5>}
  // CHECK: %[[C2:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1, 0] [1, 1, 2, 2] [1, 1, 1, 1]
  // CHECK: fhelinalg.sub_eint %[[C2]], %[[M1]]
  // CHECK: %[[C3:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1, 1] [1, 1, 2, 2] [1, 1, 1, 1]
  // CHECK: fhelinalg.sub_eint %[[C3]], %{{.*}}
  // CHECK: fhelinalg.apply_lookup_table
  // CHECK: %[[M3:.*]] = fhelinalg.add_eint {{.*}} {fhe.proven_range = array<i64: 0, 5>, fhe.range = array<i64: 0, 5>}
  // CHECK: return %[[M3]]
  %p = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], fhe.range = array<i64: 0, 5>}
      : tensor<1x1x3x3x!fhe.esint<4>> -> tensor<1x1x2x2x!fhe.esint<4>>
  return %p : tensor<1x1x2x2x!fhe.esint<4>>
}

// Padded cells hold the least value of the input, so they never win.

// CHECK-LABEL: func.func @maxpool_padded
func.func @maxpool_padded(%x: tensor<1x2x3x3x!fhe.esint<4>> {fhe.range = array<i64: -2, 5>})
    -> tensor<1x2x2x2x!fhe.esint<4>> {
  // CHECK: %[[Z:.*]] = fhelinalg.zero {fhe.range = array<i64: 0, 0>} : tensor<1x2x4x4x!fhe.esint<4>>
  // CHECK: %[[LO:.*]] = arith.constant {fhe.range = array<i64: -2, -2>} dense<-2> : tensor<1xi64>
  // CHECK: %[[F:.*]] = fhelinalg.add_eint_int %[[Z]], %[[LO]] {fhe.range = array<i64: -2, -2>}
  // CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}} into %[[F]][0, 0, 1, 1] [1, 2, 3, 3] [1, 1, 1, 1] {fhe.range = array<i64: -2, 5>}
  // CHECK: tensor.extract_slice %[[P]][0, 0, 0, 0] [1, 2, 2, 2] [1, 1, 2, 2]
  // CHECK: tensor.extract_slice %[[P]][0, 0, 0, 1] [1, 2, 2, 2] [1, 1, 2, 2]
  // CHECK: fhelinalg.sub_eint {{.*}} {fhe.range = array<i64: -7, 7>}
  %p = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], pads = [1, 1, 0, 0], strides = [2, 2], fhe.range = array<i64: -2, 5>}
      : tensor<1x2x3x3x!fhe.esint<4>> -> tensor<1x2x2x2x!fhe.esint<4>>
  return %p : tensor<1x2x2x2x!fhe.esint<4>>
}

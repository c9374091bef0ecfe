// RUN: shade-opt %s --shade-analyze-noise | FileCheck %s

// Weighted sums: sum of w^2 per output element from the actual weights, the
// largest over the elements.
// CHECK-LABEL: func.func @dot
func.func @dot(%x: tensor<4x!fhe.eint<6>>, %w: tensor<4xi3> {fhe.range = array<i64: -2, 1>})
    -> (!fhe.eint<6>, !fhe.eint<6>) {
  %c = arith.constant dense<[1, -2, 3, 0]> : tensor<4xi8>
  // 1 + 4 + 9 + 0.
  // CHECK: fhelinalg.dot_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 14, 0>}
  %0 = fhelinalg.dot_eint_int %x, %c : (tensor<4x!fhe.eint<6>>, tensor<4xi8>) -> !fhe.eint<6>
  // Weights given at run time: 4 * 2^2.
  // CHECK: fhelinalg.dot_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 16, 0>}
  %1 = fhelinalg.dot_eint_int %x, %w : (tensor<4x!fhe.eint<6>>, tensor<4xi3>) -> !fhe.eint<6>
  return %0, %1 : !fhe.eint<6>, !fhe.eint<6>
}

// CHECK-LABEL: func.func @matmul
func.func @matmul(%x: tensor<2x3x!fhe.eint<6>>, %y: tensor<3x2x!fhe.eint<6>>)
    -> (tensor<2x2x!fhe.eint<6>>, tensor<2x2x!fhe.eint<6>>, tensor<2x!fhe.eint<6>>) {
  %w = arith.constant dense<[[1, 2], [1, -3], [0, 1]]> : tensor<3x2xi8>
  // Columns: 1 + 1 + 0 = 2 and 4 + 9 + 1 = 14.
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 14, 0>}
  %0 = fhelinalg.matmul_eint_int %x, %w : (tensor<2x3x!fhe.eint<6>>, tensor<3x2xi8>) -> tensor<2x2x!fhe.eint<6>>
  %v = arith.constant dense<[[2, 2, 2], [0, 0, -4]]> : tensor<2x3xi8>
  // Rows: 12 and 16.
  // CHECK: fhelinalg.matmul_int_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 16, 0>}
  %1 = fhelinalg.matmul_int_eint %v, %y : (tensor<2x3xi8>, tensor<3x2x!fhe.eint<6>>) -> tensor<2x2x!fhe.eint<6>>
  // A 1-D right operand is one column: 1 + 4 + 1.
  %u = arith.constant dense<[1, 2, -1]> : tensor<3xi8>
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 6, 0>}
  %2 = fhelinalg.matmul_eint_int %x, %u : (tensor<2x3x!fhe.eint<6>>, tensor<3xi8>) -> tensor<2x!fhe.eint<6>>
  return %0, %1, %2 : tensor<2x2x!fhe.eint<6>>, tensor<2x2x!fhe.eint<6>>, tensor<2x!fhe.eint<6>>
}

// The elements of a matmul's result share their row of the left operand: a
// second product bounds its terms' sum by (sum |w|)^2 times their norm2.
// CHECK-LABEL: func.func @chained_matmul
func.func @chained_matmul(%x: tensor<1x3x!fhe.eint<7>>) -> (tensor<1x1x!fhe.eint<7>>, !fhe.eint<7>) {
  %w = arith.constant dense<[[1, 2], [1, -3], [0, 1]]> : tensor<3x2xi8>
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 14, 0>}
  %0 = fhelinalg.matmul_eint_int %x, %w : (tensor<1x3x!fhe.eint<7>>, tensor<3x2xi8>) -> tensor<1x2x!fhe.eint<7>>
  %v = arith.constant dense<[[1], [1]]> : tensor<2x1xi8>
  // (1 + 1)^2 * 14 (exactly: the columns' sum, [2, -1, 1], gives 6).
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 56, 0>}
  %1 = fhelinalg.matmul_eint_int %0, %v : (tensor<1x2x!fhe.eint<7>>, tensor<2x1xi8>) -> tensor<1x1x!fhe.eint<7>>
  // A vector-matrix product with one column keeps its elements independent:
  // the sum adds their norms.
  %u = arith.constant dense<[[1], [2], [2]]> : tensor<3x1xi8>
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %2 = fhelinalg.matmul_eint_int %x, %u : (tensor<1x3x!fhe.eint<7>>, tensor<3x1xi8>) -> tensor<1x1x!fhe.eint<7>>
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %3 = fhelinalg.sum %2 : tensor<1x1x!fhe.eint<7>> -> !fhe.eint<7>
  return %1, %3 : tensor<1x1x!fhe.eint<7>>, !fhe.eint<7>
}

// A sum adds the norms of its terms; repeated elements (a broadcast) count
// with their multiplicity squared.
// CHECK-LABEL: func.func @sum
func.func @sum(%x: tensor<3x4x!fhe.eint<6>>, %y: tensor<1x!fhe.eint<6>>)
    -> (tensor<3x!fhe.eint<6>>, !fhe.eint<6>, !fhe.eint<6>) {
  // CHECK: fhelinalg.sum %{{.*}} {axes = [1], fhe.norm2 = array<i64: 4, 0>}
  %0 = fhelinalg.sum %x {axes = [1]} : tensor<3x4x!fhe.eint<6>> -> tensor<3x!fhe.eint<6>>
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 12, 0>}
  %1 = fhelinalg.sum %x : tensor<3x4x!fhe.eint<6>> -> !fhe.eint<6>
  // CHECK: fhelinalg.broadcast %{{.*}} {fhe.norm2 = array<i64: 1, 0>}
  %2 = fhelinalg.broadcast %y : tensor<1x!fhe.eint<6>> -> tensor<4x!fhe.eint<6>>
  // 4 y: 16.
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 16, 0>}
  %3 = fhelinalg.sum %2 : tensor<4x!fhe.eint<6>> -> !fhe.eint<6>
  return %0, %1, %3 : tensor<3x!fhe.eint<6>>, !fhe.eint<6>, !fhe.eint<6>
}

// Padding cells are trivial zeros: each output element sums the squared
// weights of its window's cells inside the image.
// CHECK-LABEL: func.func @conv2d
func.func @conv2d(%x: tensor<1x2x3x3x!fhe.eint<6>>, %corner: tensor<1x1x1x1x!fhe.eint<6>>)
    -> (tensor<1x1x4x4x!fhe.eint<6>>, tensor<1x1x1x1x!fhe.eint<6>>) {
  %w = arith.constant dense<[[[[1, 2], [3, 4]], [[0, 1], [1, 0]]]]> : tensor<1x2x2x2xi8>
  %b = arith.constant dense<[7]> : tensor<1xi8>
  // A full window: 1 + 4 + 9 + 16 + 1 + 1.
  // CHECK: fhelinalg.conv2d %{{.*}}, %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 32, 0>, pads = [1, 1, 1, 1]}
  %0 = fhelinalg.conv2d %x, %w, %b {pads = [1, 1, 1, 1]}
      : (tensor<1x2x3x3x!fhe.eint<6>>, tensor<1x2x2x2xi8>, tensor<1xi8>) -> tensor<1x1x4x4x!fhe.eint<6>>
  // The only window covers the image's one cell with the kernel's last one.
  %v = arith.constant dense<[[[[5, 5], [5, 2]]]]> : tensor<1x1x2x2xi8>
  // CHECK: fhelinalg.conv2d %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 4, 0>, pads = [1, 1, 0, 0]}
  %1 = fhelinalg.conv2d %corner, %v {pads = [1, 1, 0, 0]}
      : (tensor<1x1x1x1x!fhe.eint<6>>, tensor<1x1x2x2xi8>) -> tensor<1x1x1x1x!fhe.eint<6>>
  return %0, %1 : tensor<1x1x4x4x!fhe.eint<6>>, tensor<1x1x1x1x!fhe.eint<6>>
}

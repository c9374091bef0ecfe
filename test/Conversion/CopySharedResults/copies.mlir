// RUN: shade-opt %s --shade-copy-shared-results | FileCheck %s

// A returned argument and a value returned twice are copied; a value
// returned once, and scalars, are not.

// CHECK-LABEL: func.func @shared_results
// CHECK-SAME: (%[[X:.*]]: tensor<9xi64>, %[[S:.*]]: i32)
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[X]], %[[X]] : tensor<9xi64>
// CHECK-NEXT: %[[COPY_X:.*]] = bufferization.alloc_tensor() copy(%[[X]]) : tensor<9xi64>
// CHECK-NEXT: %[[COPY_Y:.*]] = bufferization.alloc_tensor() copy(%[[Y]]) : tensor<9xi64>
// CHECK-NEXT: return %[[COPY_X]], %[[Y]], %[[COPY_Y]], %[[S]], %[[S]] : tensor<9xi64>, tensor<9xi64>, tensor<9xi64>, i32, i32
func.func @shared_results(%x: tensor<9xi64>, %s: i32) -> (tensor<9xi64>, tensor<9xi64>, tensor<9xi64>, i32, i32) {
  %y = arith.addi %x, %x : tensor<9xi64>
  return %x, %y, %y, %s, %s : tensor<9xi64>, tensor<9xi64>, tensor<9xi64>, i32, i32
}

// RUN: shade-opt %s --shade-outline-kernels | FileCheck %s

// The copies of the parts of a concatenation into one buffer differ only in
// their offsets: they share one kernel.
// CHECK-LABEL: func.func @concatenation
// CHECK-SAME: (%[[X:.*]]: memref<2x9xi64>, %[[Y:.*]]: memref<2x9xi64>, %[[CAT:.*]]: memref<4x9xi64>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2 : index
// CHECK: call @[[PART:__shade_kernel_[0-9]+]](%[[X]], %[[CAT]], %[[ZERO]], %[[ZERO]]) : (memref<2x9xi64>, memref<4x9xi64>, index, index) -> ()
// CHECK-NEXT: call @[[PART]](%[[Y]], %[[CAT]], %[[TWO]], %[[ZERO]]) : (memref<2x9xi64>, memref<4x9xi64>, index, index) -> ()
// CHECK-NEXT: return
// CHECK: func.func private @[[PART]](%{{.*}}: memref<2x9xi64>, %[[BUFFER:.*]]: memref<4x9xi64>, %[[ROW:.*]]: index, %[[COLUMN:.*]]: index)
// CHECK-NEXT: memref.subview %[[BUFFER]][%[[ROW]], %[[COLUMN]]] [2, 9] [1, 1] : memref<4x9xi64> to memref<2x9xi64, strided<[9, 1], offset: ?>>
func.func @concatenation(%x: memref<2x9xi64>, %y: memref<2x9xi64>, %cat: memref<4x9xi64>) {
  %first = memref.subview %cat[0, 0] [2, 9] [1, 1] : memref<4x9xi64> to memref<2x9xi64, strided<[9, 1]>>
  linalg.copy ins(%x : memref<2x9xi64>) outs(%first : memref<2x9xi64, strided<[9, 1]>>)
  %second = memref.subview %cat[2, 0] [2, 9] [1, 1] : memref<4x9xi64> to memref<2x9xi64, strided<[9, 1], offset: 18>>
  linalg.copy ins(%y : memref<2x9xi64>) outs(%second : memref<2x9xi64, strided<[9, 1], offset: 18>>)
  return
}

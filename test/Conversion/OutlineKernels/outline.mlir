// RUN: shade-opt %s --shade-outline-kernels | FileCheck %s

// Every linalg op becomes a call of a kernel; equal kernels are one function.
// Views of buffers move into the kernel (which takes the identity-layout
// buffer, and the static offsets of a subview as index arguments), scalar
// constants are copied in, other scalars passed.

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @program
// CHECK-SAME: (%[[A:.*]]: memref<4x9xi64>, %[[B:.*]]: memref<4x9xi64>, %[[OUT:.*]]: memref<2x9xi64>, %[[P:.*]]: i64)
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[C1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[T:.*]] = memref.alloc() : memref<4x9xi64>
// CHECK-NEXT: call @[[ADD:__shade_kernel_0]](%[[A]], %[[B]], %[[T]]) : (memref<4x9xi64>, memref<4x9xi64>, memref<4x9xi64>) -> ()
// CHECK-NEXT: %[[U:.*]] = memref.alloc() : memref<4x9xi64>
// CHECK-NEXT: call @[[ADD]](%[[T]], %[[A]], %[[U]])
// CHECK-NEXT: call @[[SCALE:__shade_kernel_1]](%[[U]], %[[C1]], %[[C0]], %[[OUT]], %[[P]]) : (memref<4x9xi64>, index, index, memref<2x9xi64>, i64) -> ()
// CHECK-NEXT: call @[[COPY:__shade_kernel_2]](%[[OUT]], %[[U]], %[[C1]], %[[C0]]) : (memref<2x9xi64>, memref<4x9xi64>, index, index) -> ()
// CHECK-NEXT: return
func.func @program(%a: memref<4x9xi64>, %b: memref<4x9xi64>, %out: memref<2x9xi64>, %p: i64) {
  %t = memref.alloc() : memref<4x9xi64>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : memref<4x9xi64>, memref<4x9xi64>) outs(%t : memref<4x9xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %s = arith.addi %x, %y : i64
    linalg.yield %s : i64
  }
  %u = memref.alloc() : memref<4x9xi64>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t, %a : memref<4x9xi64>, memref<4x9xi64>) outs(%u : memref<4x9xi64>) {
  ^bb0(%x: i64, %y: i64, %o: i64):
    %s = arith.addi %x, %y : i64
    linalg.yield %s : i64
  }
  %c7 = arith.constant 7 : i64
  %view = memref.subview %u[1, 0] [2, 9] [2, 1] : memref<4x9xi64> to memref<2x9xi64, strided<[18, 1], offset: 9>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%view : memref<2x9xi64, strided<[18, 1], offset: 9>>) outs(%out : memref<2x9xi64>) {
  ^bb0(%x: i64, %o: i64):
    %s = arith.muli %x, %c7 : i64
    %r = arith.addi %s, %p : i64
    linalg.yield %r : i64
  }
  linalg.copy ins(%out : memref<2x9xi64>) outs(%view : memref<2x9xi64, strided<[18, 1], offset: 9>>)
  return
}

// CHECK: func.func private @[[ADD]](%[[X:.*]]: memref<4x9xi64>, %[[Y:.*]]: memref<4x9xi64>, %[[Z:.*]]: memref<4x9xi64>) attributes {passthrough = ["noinline"]}
// CHECK-NEXT: linalg.generic {{.*}} ins(%[[X]], %[[Y]] : memref<4x9xi64>, memref<4x9xi64>) outs(%[[Z]] : memref<4x9xi64>)
// CHECK: arith.addi
// CHECK: return

// CHECK: func.func private @[[SCALE]](%[[BUFFER:.*]]: memref<4x9xi64>, %[[ROW:.*]]: index, %[[COLUMN:.*]]: index, %[[RESULT:.*]]: memref<2x9xi64>, %[[OFFSET:.*]]: i64) attributes {passthrough = ["noinline"]}
// CHECK-NEXT: %[[VIEW:.*]] = memref.subview %[[BUFFER]][%[[ROW]], %[[COLUMN]]] [2, 9] [2, 1] : memref<4x9xi64> to memref<2x9xi64, strided<[18, 1], offset: ?>>
// CHECK-NEXT: %[[SEVEN:.*]] = arith.constant 7 : i64
// CHECK-NEXT: linalg.generic {{.*}} ins(%[[VIEW]] : memref<2x9xi64, strided<[18, 1], offset: ?>>) outs(%[[RESULT]] : memref<2x9xi64>)
// CHECK: arith.muli %{{.*}}, %[[SEVEN]] : i64
// CHECK: arith.addi %{{.*}}, %[[OFFSET]] : i64

// CHECK: func.func private @[[COPY]](%[[SOURCE:.*]]: memref<2x9xi64>, %[[TARGET:.*]]: memref<4x9xi64>, %[[TARGET_ROW:.*]]: index, %[[TARGET_COLUMN:.*]]: index)
// CHECK-NEXT: %[[TARGET_VIEW:.*]] = memref.subview %[[TARGET]][%[[TARGET_ROW]], %[[TARGET_COLUMN]]] [2, 9] [2, 1]
// CHECK-NEXT: linalg.copy ins(%[[SOURCE]] : memref<2x9xi64>) outs(%[[TARGET_VIEW]] :


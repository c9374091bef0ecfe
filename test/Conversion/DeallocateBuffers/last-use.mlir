// RUN: shade-opt %s --shade-deallocate-buffers --split-input-file | FileCheck %s

// Each buffer is freed right after the last use of it or of an alias: a
// view, or its address passed to the runtime.

func.func private @kernel(memref<4x9xi64>, memref<4x9xi64>)
func.func private @runtime(!llvm.ptr) -> i32

// CHECK-LABEL: func.func @program
// CHECK-SAME: (%[[IN:.*]]: memref<4x9xi64>, %[[OUT:.*]]: memref<4x9xi64>)
// CHECK-NEXT: %[[A:.*]] = memref.alloc() : memref<4x9xi64>
// CHECK-NEXT: call @kernel(%[[IN]], %[[A]])
// CHECK-NEXT: %[[B:.*]] = memref.alloc() : memref<4x9xi64>
// CHECK-NEXT: call @kernel(%[[A]], %[[B]])
// CHECK-NEXT: memref.dealloc %[[A]] : memref<4x9xi64>
// CHECK-NEXT: %[[VIEW:.*]] = memref.expand_shape %[[B]]
// CHECK-NEXT: %[[ADDRESS:.*]] = memref.extract_aligned_pointer_as_index %[[VIEW]]
// CHECK-NEXT: %[[INT:.*]] = arith.index_cast %[[ADDRESS]] : index to i64
// CHECK-NEXT: %[[PTR:.*]] = llvm.inttoptr %[[INT]] : i64 to !llvm.ptr
// CHECK-NEXT: call @kernel(%[[IN]], %[[OUT]])
// CHECK-NEXT: %[[STATUS:.*]] = call @runtime(%[[PTR]])
// CHECK-NEXT: memref.dealloc %[[B]] : memref<4x9xi64>
// CHECK-NEXT: return %[[STATUS]]
func.func @program(%in: memref<4x9xi64>, %out: memref<4x9xi64>) -> i32 {
  %a = memref.alloc() : memref<4x9xi64>
  call @kernel(%in, %a) : (memref<4x9xi64>, memref<4x9xi64>) -> ()
  %b = memref.alloc() : memref<4x9xi64>
  call @kernel(%a, %b) : (memref<4x9xi64>, memref<4x9xi64>) -> ()
  %view = memref.expand_shape %b [[0, 1], [2]] output_shape [2, 2, 9] : memref<4x9xi64> into memref<2x2x9xi64>
  %address = memref.extract_aligned_pointer_as_index %view : memref<2x2x9xi64> -> index
  %int = arith.index_cast %address : index to i64
  %ptr = llvm.inttoptr %int : i64 to !llvm.ptr
  call @kernel(%in, %out) : (memref<4x9xi64>, memref<4x9xi64>) -> ()
  %status = call @runtime(%ptr) : (!llvm.ptr) -> i32
  return %status : i32
}

// -----

// A buffer used inside the region of a later op is freed after that op; an
// unused one right away; one whose alias reaches the terminator, or that is
// already freed, is left alone.
// CHECK-LABEL: func.func @regions_and_escapes
// CHECK-NEXT: %[[USED:.*]] = memref.alloc() : memref<4xi64>
// CHECK-NEXT: %[[UNUSED:.*]] = memref.alloc() : memref<4xi64>
// CHECK-NEXT: memref.dealloc %[[UNUSED]]
// CHECK-NEXT: %[[RETURNED:.*]] = memref.alloc() : memref<4xi64>
// CHECK-NEXT: %[[FREED:.*]] = memref.alloc() : memref<4xi64>
// CHECK-NEXT: memref.dealloc %[[FREED]]
// CHECK-NEXT: scf.execute_region
// CHECK: memref.load %[[USED]]
// CHECK: }
// CHECK-NEXT: memref.dealloc %[[USED]]
// CHECK-NEXT: %[[CAST:.*]] = memref.cast %[[RETURNED]]
// CHECK-NEXT: return %[[CAST]]
func.func @regions_and_escapes(%i: index) -> memref<?xi64> {
  %used = memref.alloc() : memref<4xi64>
  %unused = memref.alloc() : memref<4xi64>
  %returned = memref.alloc() : memref<4xi64>
  %freed = memref.alloc() : memref<4xi64>
  memref.dealloc %freed : memref<4xi64>
  %v = scf.execute_region -> i64 {
    %x = memref.load %used[%i] : memref<4xi64>
    scf.yield %x : i64
  }
  %cast = memref.cast %returned : memref<4xi64> to memref<?xi64>
  return %cast : memref<?xi64>
}

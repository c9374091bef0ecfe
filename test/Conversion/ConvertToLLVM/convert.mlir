// RUN: shade-opt %s --shade-convert-to-llvm --reconcile-unrealized-casts --split-input-file --verify-diagnostics | FileCheck %s

// Buffers are bare pointers at function boundaries and in calls; memref,
// arith, cf and func ops all become LLVM ops in the one conversion.
// CHECK-LABEL: llvm.func @kernel(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: memref.
// CHECK-NOT: arith.
// CHECK-NOT: cf.
// CHECK: llvm.cond_br
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: llvm.add
// CHECK: llvm.store %{{.*}}, %{{.*}} : i64, !llvm.ptr
// CHECK: llvm.return
// CHECK: llvm.func @caller(%{{.*}}: !llvm.ptr) -> i32
// CHECK: llvm.call @malloc
// CHECK: llvm.call @kernel(%{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr) -> ()
// CHECK: llvm.call @free
func.func @kernel(%in: memref<4xi64>, %out: memref<4xi64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  cf.br ^loop(%c0 : index)
^loop(%i: index):
  %more = arith.cmpi slt, %i, %c4 : index
  cf.cond_br %more, ^body, ^exit
^body:
  %v = memref.load %in[%i] : memref<4xi64>
  %w = arith.addi %v, %v : i64
  memref.store %w, %out[%i] : memref<4xi64>
  %next = arith.addi %i, %c1 : index
  cf.br ^loop(%next : index)
^exit:
  return
}

func.func @caller(%x: memref<4xi64>) -> i32 {
  %buffer = memref.alloc() : memref<4xi64>
  call @kernel(%x, %buffer) : (memref<4xi64>, memref<4xi64>) -> ()
  memref.dealloc %buffer : memref<4xi64>
  %ok = arith.constant 0 : i32
  return %ok : i32
}

// -----

// An op no pattern converts is an error, with the op named, not an op left
// for the translation to LLVM IR to reject.
func.func @leftover() {
  // expected-error @+1 {{failed to legalize operation 'tensor.empty'}}
  %e = tensor.empty() : tensor<4xi64>
  return
}

// RUN: shade-opt %s --shade-packed-entry-points --split-input-file --verify-diagnostics | FileCheck %s

// Every public function gets `_shade_packed_<name>(context, arguments)`:
// argument i of the function after the context is loaded from the i-th
// pointer of `arguments` (a buffer's address for a pointer argument, the
// value's address otherwise).

// CHECK-LABEL: llvm.func @program
// CHECK-LABEL: llvm.func @_shade_packed_program
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[ARGS:.*]]: !llvm.ptr) -> i32
// CHECK-NEXT: %[[SLOT0:.*]] = llvm.getelementptr %[[ARGS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[IN:.*]] = llvm.load %[[SLOT0]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[SLOT1:.*]] = llvm.getelementptr %[[ARGS]][1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[SCALAR_ADDRESS:.*]] = llvm.load %[[SLOT1]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[SCALAR:.*]] = llvm.load %[[SCALAR_ADDRESS]] : !llvm.ptr -> i8
// CHECK-NEXT: %[[SLOT2:.*]] = llvm.getelementptr %[[ARGS]][2] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[OUT:.*]] = llvm.load %[[SLOT2]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[STATUS:.*]] = llvm.call @program(%[[CTX]], %[[IN]], %[[SCALAR]], %[[OUT]]) : (!llvm.ptr, !llvm.ptr, i8, !llvm.ptr) -> i32
// CHECK-NEXT: llvm.return %[[STATUS]] : i32
// CHECK-NOT: _shade_packed_helper
llvm.func @program(%ctx: !llvm.ptr, %in: !llvm.ptr, %c: i8, %out: !llvm.ptr) -> i32 {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}
llvm.func @helper(%ctx: !llvm.ptr) -> i32 attributes {sym_visibility = "private"} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}

// -----

// expected-error @+1 {{'llvm.func' op has no packed entry point: a compiled function takes the runtime context (!llvm.ptr) first and returns an i32 status}}
llvm.func @not_compiled(%x: i64) -> i64 {
  llvm.return %x : i64
}

// RUN: shade-opt %s --shade-lower-to-llvm | FileCheck %s

// The whole lowering: the function takes the runtime context and one bare
// pointer per input and output buffer and returns the runtime's status; its
// body is straight-line code of allocations, kernel calls, the batched
// runtime call and frees right after each buffer's last use. The loops are
// in the kernels, and every function has a packed entry point.

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 16, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-DAG: llvm.func @free(!llvm.ptr)
// CHECK-DAG: llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-DAG: llvm.mlir.global private constant @[[TABLE:.*]](dense<[0, 1152921504606846976, 2305843009213693952, 3458764513820540928, 4611686018427387904, 5764607523034234880, 6917529027641081856, 8070450532247928832]> : tensor<8xi64>)
// CHECK-DAG: llvm.func @shade_rt_keyswitch_bootstrap_tables(!llvm.ptr, i32, !llvm.ptr, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i32, i32, !llvm.ptr, !llvm.ptr) -> i32

// The table reaches the runtime as its 8 encoded entries (the runtime builds
// the test polynomial), with null index arrays.
// CHECK-LABEL: llvm.func @program
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) -> i32
// CHECK-NOT: llvm.cond_br
// CHECK-DAG: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK-DAG: %[[ENTRIES:.*]] = llvm.mlir.constant(8 : i64) : i64
// CHECK-DAG: %[[WIDTH:.*]] = llvm.mlir.constant(3 : i32) : i32
// CHECK-DAG: %[[UNSIGNED:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK: llvm.call @malloc
// CHECK: llvm.call @[[ADD_CLEAR:__shade_kernel_[0-9]+]](%{{.*}}, %{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr, !llvm.ptr) -> ()
// CHECK: llvm.call @malloc
// CHECK-NOT: llvm.call @__shade_kernel
// CHECK: %[[STATUS:.*]] = llvm.call @shade_rt_keyswitch_bootstrap_tables(%[[CTX]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[ENTRIES]], %[[WIDTH]], %[[UNSIGNED]], %[[NULL]], %[[NULL]])
// CHECK: llvm.call @free
// CHECK: llvm.call @[[ADD:__shade_kernel_[0-9]+]](%{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr) -> ()
// CHECK: llvm.call @free
// CHECK: llvm.return %[[STATUS]] : i32

// CHECK-LABEL: llvm.func @_shade_packed_program
// CHECK: llvm.call @program

// CHECK: llvm.func @[[ADD_CLEAR]]({{.*}}) attributes {passthrough = ["noinline"], sym_visibility = "private"}
// CHECK: llvm.cond_br
// CHECK: llvm.func @[[ADD]]({{.*}}) attributes {passthrough = ["noinline"], sym_visibility = "private"}
func.func @program(%x: tensor<2x!fhe.eint<3>>, %c: tensor<2xi8>) -> tensor<2x!fhe.eint<3>> {
  %0 = fhelinalg.add_eint_int %x, %c : (tensor<2x!fhe.eint<3>>, tensor<2xi8>) -> tensor<2x!fhe.eint<3>>
  %t = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi8>
  %1 = fhelinalg.apply_lookup_table %0, %t : (tensor<2x!fhe.eint<3>>, tensor<8xi8>) -> tensor<2x!fhe.eint<3>>
  %2 = fhelinalg.add_eint %1, %1 : (tensor<2x!fhe.eint<3>>, tensor<2x!fhe.eint<3>>) -> tensor<2x!fhe.eint<3>>
  return %2 : tensor<2x!fhe.eint<3>>
}
}

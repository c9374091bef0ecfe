// RUN: shade-opt %s --shade-tfhe-to-runtime --split-input-file | FileCheck %s

// A key switch feeding one bootstrap is one call of the runtime's batched
// atomic pattern on the whole tensor. The encoded table (4 torus values) is
// expanded into the test polynomial of N = 8 coefficients: coefficient j
// holds the entry of box ((j + 1) mod 8) >> 1, negated when j + 1 wraps.
// The input is signed: 2^62 is added to every body, and box b reads the
// entry of pattern b xor 2.

// CHECK-LABEL: func.func private @shade_rt_keyswitch_bootstrap_batch(!llvm.ptr, !llvm.ptr, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64) -> i32
// CHECK-LABEL: func.func @signed_lookup
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[X:.*]]: tensor<3x9xi64>) -> (tensor<3x9xi64>, i32)
// CHECK: %[[OK:.*]] = arith.constant 0 : i32
// CHECK: %[[TABLE:.*]] = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
// CHECK: %[[INPUT:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<3x9xi64>) outs(%{{.*}} : tensor<3x9xi64>)
// CHECK: %[[ELEMENT:.*]] = linalg.index 1 : index
// CHECK: %[[BODY:.*]] = arith.constant 8 : index
// CHECK: %[[IS_BODY:.*]] = arith.cmpi eq, %[[ELEMENT]], %[[BODY]] : index
// CHECK: %[[OFFSET:.*]] = arith.constant 4611686018427387904 : i64
// CHECK: %[[SHIFTED:.*]] = arith.addi %[[IN:.*]], %[[OFFSET]] : i64
// CHECK: arith.select %[[IS_BODY]], %[[SHIFTED]], %[[IN]] : i64
// CHECK: %[[POLYNOMIAL:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<8xi64>)
// CHECK: %[[J:.*]] = linalg.index 0 : index
// CHECK: %[[HALF_BOX:.*]] = arith.constant 1 : index
// CHECK: %[[SHIFTED_J:.*]] = arith.addi %[[J]], %[[HALF_BOX]] : index
// CHECK: %[[N:.*]] = arith.constant 8 : index
// CHECK: %[[WRAPS:.*]] = arith.cmpi uge, %[[SHIFTED_J]], %[[N]] : index
// CHECK: %[[UNWRAPPED:.*]] = arith.select %[[WRAPS]], %{{.*}}, %[[SHIFTED_J]] : index
// CHECK: %[[BOX:.*]] = arith.shrui %[[UNWRAPPED]], %{{.*}} : index
// CHECK: %[[SIGN:.*]] = arith.constant 2 : index
// CHECK: %[[PATTERN:.*]] = arith.xori %[[BOX]], %[[SIGN]] : index
// CHECK: %[[ENTRY:.*]] = tensor.extract %[[TABLE]][%[[PATTERN]]] : tensor<4xi64>
// CHECK: %[[NEGATED:.*]] = arith.subi %{{.*}}, %[[ENTRY]] : i64
// CHECK: arith.select %[[WRAPS]], %[[NEGATED]], %[[ENTRY]] : i64
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<3x9xi64>
// CHECK: %[[IN_BUFFER:.*]] = bufferization.to_memref %[[INPUT]] read_only : memref<3x9xi64>
// CHECK: %[[IN_ADDRESS:.*]] = memref.extract_aligned_pointer_as_index %[[IN_BUFFER]]
// CHECK: %[[IN_INT:.*]] = arith.index_cast %[[IN_ADDRESS]] : index to i64
// CHECK: %[[IN_PTR:.*]] = llvm.inttoptr %[[IN_INT]] : i64 to !llvm.ptr
// CHECK: %[[IN_SIZE:.*]] = arith.constant 27 : i64
// CHECK: %[[OUT_ADDRESS:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK: %[[OUT_PTR:.*]] = llvm.inttoptr %{{.*}} : i64 to !llvm.ptr
// CHECK: %[[OUT_SIZE:.*]] = arith.constant 27 : i64
// CHECK: %[[COUNT:.*]] = arith.constant 3 : i64
// CHECK: %[[TABLE_BUFFER:.*]] = bufferization.to_memref %[[POLYNOMIAL]] read_only : memref<8xi64>
// CHECK: %[[TABLE_PTR:.*]] = llvm.inttoptr %{{.*}} : i64 to !llvm.ptr
// CHECK: %[[TABLE_SIZE:.*]] = arith.constant 8 : i64
// CHECK: %[[STATUS:.*]] = call @shade_rt_keyswitch_bootstrap_batch(%[[CTX]], %[[IN_PTR]], %[[IN_SIZE]], %[[OUT_PTR]], %[[OUT_SIZE]], %[[COUNT]], %[[TABLE_PTR]], %[[TABLE_SIZE]]) {shade.runtime_call}
// CHECK: %[[STILL_OK:.*]] = arith.cmpi eq, %[[OK]], %[[OK]] : i32
// CHECK: %[[FIRST_FAILURE:.*]] = arith.select %[[STILL_OK]], %[[STATUS]], %[[OK]] : i32
// CHECK: %[[R:.*]] = bufferization.to_tensor %[[OUT]] restrict writable : memref<3x9xi64>
// CHECK: return %[[R]], %[[FIRST_FAILURE]] : tensor<3x9xi64>, i32
func.func @signed_lookup(%x: tensor<3x!tfhe.lwe<2, signed, dim = 8>>) -> tensor<3x!tfhe.lwe<3, dim = 8>> {
  %t = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %k = tfhe.keyswitch %x {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<3x!tfhe.lwe<2, signed, dim = 8>> -> tensor<3x!tfhe.lwe<2, signed, dim = 2>>
  %r = tfhe.bootstrap %k, %t {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<3x!tfhe.lwe<2, signed, dim = 2>>, tensor<4xi64>) -> tensor<3x!tfhe.lwe<3, dim = 8>>
  return %r : tensor<3x!tfhe.lwe<3, dim = 8>>
}

// -----

// An unsigned scalar: no offset, a count of 1. Per-ciphertext tables (2 x 4)
// expand to 2 x 8 coefficients.
// CHECK-LABEL: func.func @scalar_and_per_element
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[S:.*]]: tensor<9xi64>, %[[V:.*]]: tensor<2x9xi64>, %[[T:.*]]: tensor<2x4xi64>)
// CHECK-NOT: 4611686018427387904
// CHECK: %[[FIRST:.*]] = call @shade_rt_keyswitch_bootstrap_batch(%[[CTX]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[ONE:.*]], %{{.*}}, %{{.*}})
// CHECK: %[[SELECT1:.*]] = arith.select %{{.*}}, %[[FIRST]], %{{.*}} : i32
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x8xi64>)
// CHECK: linalg.index 0 : index
// CHECK: linalg.index 1 : index
// CHECK: %[[SECOND:.*]] = call @shade_rt_keyswitch_bootstrap_batch
// CHECK: %[[STILL_OK:.*]] = arith.cmpi eq, %[[SELECT1]], %{{.*}} : i32
// CHECK: %[[SELECT2:.*]] = arith.select %[[STILL_OK]], %[[SECOND]], %[[SELECT1]] : i32
// CHECK: return %{{.*}}, %{{.*}}, %[[SELECT2]] : tensor<9xi64>, tensor<2x9xi64>, i32
func.func @scalar_and_per_element(%s: !tfhe.lwe<2, dim = 8>, %v: tensor<2x!tfhe.lwe<2, dim = 8>>, %t: tensor<2x4xi64>)
    -> (!tfhe.lwe<2, dim = 8>, tensor<2x!tfhe.lwe<2, dim = 8>>) {
  %table = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %k = tfhe.keyswitch %s {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : !tfhe.lwe<2, dim = 8> -> !tfhe.lwe<2, dim = 2>
  %r = tfhe.bootstrap %k, %table {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (!tfhe.lwe<2, dim = 2>, tensor<4xi64>) -> !tfhe.lwe<2, dim = 8>
  %kv = tfhe.keyswitch %v {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %rv = tfhe.bootstrap %kv, %t {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<2x4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  return %r, %rv : !tfhe.lwe<2, dim = 8>, tensor<2x!tfhe.lwe<2, dim = 8>>
}

// -----

// A key switch whose result is not only bootstrapped, and a bootstrap of a
// ciphertext that did not come from a key switch, call the separate batched
// operations.
// CHECK-DAG: func.func private @shade_rt_keyswitch_batch(!llvm.ptr, !llvm.ptr, i64, !llvm.ptr, i64, i64) -> i32
// CHECK-DAG: func.func private @shade_rt_bootstrap_batch(!llvm.ptr, !llvm.ptr, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64) -> i32
// CHECK-LABEL: func.func @separate
// CHECK: %[[SWITCHED:.*]] = memref.alloc() : memref<2x3xi64>
// CHECK: call @shade_rt_keyswitch_batch(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {shade.runtime_call}
// CHECK: %[[BOOTSTRAPPED:.*]] = memref.alloc() : memref<2x9xi64>
// CHECK: call @shade_rt_bootstrap_batch
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x9xi64>, tensor<2x3xi64>, i32
func.func @separate(%v: tensor<2x!tfhe.lwe<2, dim = 8>>) -> (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 2>>) {
  %table = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %k = tfhe.keyswitch %v {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %r = tfhe.bootstrap %k, %table {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  return %r, %k : tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 2>>
}

// -----

// Calls between functions pass the context on and fold the callee's status
// into the caller's.
// CHECK-LABEL: func.func private @callee
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: tensor<9xi64>) -> (tensor<9xi64>, i32)
// CHECK-LABEL: func.func @caller
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[X:.*]]: tensor<9xi64>) -> (tensor<9xi64>, i32)
// CHECK: %[[OK:.*]] = arith.constant 0 : i32
// CHECK: %[[R:.*]]:2 = call @callee(%[[CTX]], %[[X]]) {shade.runtime_call} : (!llvm.ptr, tensor<9xi64>) -> (tensor<9xi64>, i32)
// CHECK: %[[STILL_OK:.*]] = arith.cmpi eq, %[[OK]], %[[OK]] : i32
// CHECK: %[[STATUS:.*]] = arith.select %[[STILL_OK]], %[[R]]#1, %[[OK]] : i32
// CHECK: return %[[R]]#0, %[[STATUS]]
func.func private @callee(%x: !tfhe.lwe<2, dim = 8>) -> !tfhe.lwe<2, dim = 8> {
  %r = tfhe.neg %x : !tfhe.lwe<2, dim = 8>
  return %r : !tfhe.lwe<2, dim = 8>
}
func.func @caller(%x: !tfhe.lwe<2, dim = 8>) -> !tfhe.lwe<2, dim = 8> {
  %r = call @callee(%x) : (!tfhe.lwe<2, dim = 8>) -> !tfhe.lwe<2, dim = 8>
  return %r : !tfhe.lwe<2, dim = 8>
}

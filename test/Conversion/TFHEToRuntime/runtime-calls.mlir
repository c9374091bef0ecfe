// RUN: shade-opt %s --shade-tfhe-to-runtime --split-input-file | FileCheck %s

// A key switch feeding one bootstrap is one call of the runtime's batched
// atomic pattern on the whole tensor. The table goes as its 2^w encoded
// entries, with the input width and signedness: the runtime builds the test
// polynomial and, for a signed input, adds 2^62 to each body and reads the
// entry of pattern b xor 2^(w-1). No index arrays: one shared table.

// CHECK-LABEL: func.func private @shade_rt_keyswitch_bootstrap_tables(!llvm.ptr, i32, !llvm.ptr, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i32, i32, !llvm.ptr, !llvm.ptr) -> i32
// CHECK-LABEL: func.func @signed_lookup
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[X:.*]]: tensor<3x9xi64>) -> (tensor<3x9xi64>, i32)
// CHECK: %[[OK:.*]] = arith.constant 0 : i32
// CHECK: %[[TABLE:.*]] = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
// CHECK-NOT: linalg.generic
// CHECK: %[[OUT:.*]] = memref.alloc() : memref<3x9xi64>
// CHECK: %[[PATTERN:.*]] = arith.constant 0 : i32
// CHECK: %[[IN_BUFFER:.*]] = bufferization.to_memref %[[X]] read_only : memref<3x9xi64>
// CHECK: %[[IN_ADDRESS:.*]] = memref.extract_aligned_pointer_as_index %[[IN_BUFFER]]
// CHECK: %[[IN_INT:.*]] = arith.index_cast %[[IN_ADDRESS]] : index to i64
// CHECK: %[[IN_PTR:.*]] = llvm.inttoptr %[[IN_INT]] : i64 to !llvm.ptr
// CHECK: %[[IN_SIZE:.*]] = arith.constant 27 : i64
// CHECK: %[[OUT_ADDRESS:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK: %[[OUT_PTR:.*]] = llvm.inttoptr %{{.*}} : i64 to !llvm.ptr
// CHECK: %[[OUT_SIZE:.*]] = arith.constant 27 : i64
// CHECK: %[[COUNT:.*]] = arith.constant 3 : i64
// CHECK: %[[TABLE_BUFFER:.*]] = bufferization.to_memref %[[TABLE]] read_only : memref<4xi64>
// CHECK: %[[TABLE_PTR:.*]] = llvm.inttoptr %{{.*}} : i64 to !llvm.ptr
// CHECK: %[[TABLE_SIZE:.*]] = arith.constant 4 : i64
// CHECK: %[[WIDTH:.*]] = arith.constant 2 : i32
// CHECK: %[[SIGNED:.*]] = arith.constant 1 : i32
// CHECK: %[[NO_INPUT_INDICES:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: %[[NO_TABLE_INDICES:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: %[[STATUS:.*]] = call @shade_rt_keyswitch_bootstrap_tables(%[[CTX]], %[[PATTERN]], %[[IN_PTR]], %[[IN_SIZE]], %[[OUT_PTR]], %[[OUT_SIZE]], %[[COUNT]], %[[TABLE_PTR]], %[[TABLE_SIZE]], %[[WIDTH]], %[[SIGNED]], %[[NO_INPUT_INDICES]], %[[NO_TABLE_INDICES]]) {shade.runtime_call}
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

// An unsigned scalar: a count of 1, unsigned. Per-ciphertext tables (2 x 4)
// go as their 8 entries, the runtime taking table i for ciphertext i.
// CHECK-LABEL: func.func @scalar_and_per_element
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[S:.*]]: tensor<9xi64>, %[[V:.*]]: tensor<2x9xi64>, %[[T:.*]]: tensor<2x4xi64>)
// CHECK: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK: %[[UNSIGNED:.*]] = arith.constant 0 : i32
// CHECK: %[[FIRST:.*]] = call @shade_rt_keyswitch_bootstrap_tables(%[[CTX]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[ONE]], %{{.*}}, %{{.*}}, %{{.*}}, %[[UNSIGNED]], %{{.*}}, %{{.*}})
// CHECK: %[[SELECT1:.*]] = arith.select %{{.*}}, %[[FIRST]], %{{.*}} : i32
// CHECK: %[[PER_ELEMENT:.*]] = bufferization.to_memref %[[T]] read_only : memref<2x4xi64>
// CHECK: %[[EIGHT:.*]] = arith.constant 8 : i64
// CHECK: %[[SECOND:.*]] = call @shade_rt_keyswitch_bootstrap_tables(%[[CTX]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[EIGHT]],
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
// CHECK-DAG: func.func private @shade_rt_keyswitch_batch(!llvm.ptr, i32, !llvm.ptr, i64, !llvm.ptr, i64, i64) -> i32
// CHECK-DAG: func.func private @shade_rt_bootstrap_tables(!llvm.ptr, i32, !llvm.ptr, i64, !llvm.ptr, i64, i64, !llvm.ptr, i64, i32, i32, !llvm.ptr, !llvm.ptr) -> i32
// CHECK-LABEL: func.func @separate
// CHECK: %[[SWITCHED:.*]] = memref.alloc() : memref<2x3xi64>
// CHECK: call @shade_rt_keyswitch_batch(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {shade.runtime_call}
// CHECK: %[[BOOTSTRAPPED:.*]] = memref.alloc() : memref<2x9xi64>
// CHECK: call @shade_rt_bootstrap_tables
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x9xi64>, tensor<2x3xi64>, i32
func.func @separate(%v: tensor<2x!tfhe.lwe<2, dim = 8>>) -> (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 2>>) {
  %table = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %k = tfhe.keyswitch %v {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %r = tfhe.bootstrap %k, %table {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  return %r, %k : tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 2>>
}

// -----

// A gather passes its index arrays as constants. Fed by a key switch of its
// own and reading each input once, it is one atomic-pattern call, the key
// switch done per result; reading an input twice, the key switch is a call of
// its own, so that each input is switched once.
// CHECK-LABEL: func.func @gathers
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[V:.*]]: tensor<2x9xi64>)
// CHECK: %[[PERMUTED:.*]] = arith.constant dense<[1, 0]> : tensor<2xi64>
// CHECK: bufferization.to_memref %[[PERMUTED]] read_only : memref<2xi64>
// CHECK: %[[TABLE_ROWS:.*]] = arith.constant dense<[0, 1]> : tensor<2xi64>
// CHECK: bufferization.to_memref %[[TABLE_ROWS]] read_only : memref<2xi64>
// CHECK: call @shade_rt_keyswitch_bootstrap_tables(%[[CTX]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}})
// CHECK: call @shade_rt_keyswitch_batch(%[[CTX]],
// CHECK: %[[THREE:.*]] = arith.constant 3 : i64
// CHECK: %[[REPEATED:.*]] = arith.constant dense<[0, 0, 1]> : tensor<3xi64>
// CHECK: bufferization.to_memref %[[REPEATED]] read_only : memref<3xi64>
// CHECK: %[[ROWS:.*]] = arith.constant dense<[1, 0, 1]> : tensor<3xi64>
// CHECK: bufferization.to_memref %[[ROWS]] read_only : memref<3xi64>
// CHECK: call @shade_rt_bootstrap_tables(%[[CTX]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[THREE]],
func.func @gathers(%v: tensor<2x!tfhe.lwe<2, dim = 8>>) -> (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<3x!tfhe.lwe<2, dim = 8>>) {
  %tables = arith.constant dense<[[0, 8, 16, 24], [24, 16, 8, 0]]> : tensor<2x4xi64>
  %k = tfhe.keyswitch %v {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %r = tfhe.gather_bootstrap %k[1, 0], %tables[0, 1] {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<2x4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  %k2 = tfhe.keyswitch %v {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %r2 = tfhe.gather_bootstrap %k2[0, 0, 1], %tables[1, 0, 1] {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<2x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 8>>
  return %r, %r2 : tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<3x!tfhe.lwe<2, dim = 8>>
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

// -----

// With several parameter sets, each call names its keys by their pattern's
// index in fhe.key_patterns: here the key switch from set 0 to set 1 and
// set 1's bootstrap, pattern 1.
// CHECK-LABEL: func.func @second_pattern
// CHECK: %[[PATTERN:.*]] = arith.constant 1 : i32
// CHECK: call @shade_rt_keyswitch_bootstrap_tables(%{{.*}}, %[[PATTERN]],
module attributes {fhe.key_patterns = array<i64: 0, 0, 0, 1>} {
func.func @second_pattern(%x: tensor<3x!tfhe.lwe<2, dim = 8>>) -> tensor<3x!tfhe.lwe<2, dim = 16>> {
  %t = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %k = tfhe.keyswitch %x {key = #tfhe.ksk<input_dim = 8, output_dim = 3, base_log = 3, levels = 5, to_set = 1>} : tensor<3x!tfhe.lwe<2, dim = 8>> -> tensor<3x!tfhe.lwe<2, dim = 3>>
  %r = tfhe.bootstrap %k, %t {key = #tfhe.bsk<input_dim = 3, glwe_dim = 1, poly_size = 16, base_log = 23, levels = 1, set = 1>} : (tensor<3x!tfhe.lwe<2, dim = 3>>, tensor<4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 16>>
  return %r : tensor<3x!tfhe.lwe<2, dim = 16>>
}
}


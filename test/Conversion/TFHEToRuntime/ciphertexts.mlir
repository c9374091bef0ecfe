// RUN: shade-opt %s --shade-tfhe-to-runtime --split-input-file | FileCheck %s

// A ciphertext of dimension 8 is 9 i64 torus elements; linear ops are
// wrapping i64 arithmetic on all of them, plaintexts go to the body (element
// 8) only. Every function gets the runtime context first and returns a
// status last (0: no runtime call).

// CHECK-DAG: #[[ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[PER_CIPHERTEXT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @linear
// CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[A:.*]]: tensor<9xi64>, %[[B:.*]]: tensor<2x9xi64>, %[[M:.*]]: tensor<2xi64>, %[[P:.*]]: i64) -> (tensor<9xi64>, tensor<2x9xi64>, tensor<2x9xi64>, i32)
func.func @linear(%a: !tfhe.lwe<3, dim = 8>, %b: tensor<2x!tfhe.lwe<3, dim = 8>>, %m: tensor<2xi64>, %p: i64)
    -> (!tfhe.lwe<3, dim = 8>, tensor<2x!tfhe.lwe<3, dim = 8>>, tensor<2x!tfhe.lwe<3, dim = 8>>) {
  // CHECK: %[[OK:.*]] = arith.constant 0 : i32
  // CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID1]], #[[ID1]], #[[ID1]]], iterator_types = ["parallel"]} ins(%[[A]], %[[A]] : tensor<9xi64>, tensor<9xi64>)
  // CHECK: arith.addi
  %0 = tfhe.add %a, %a : !tfhe.lwe<3, dim = 8>
  // CHECK: %[[BODY_INDEX:.*]] = arith.constant 8 : index
  // CHECK: %[[BODY:.*]] = tensor.extract %[[SUM]][%[[BODY_INDEX]]] : tensor<9xi64>
  // CHECK: %[[NEW_BODY:.*]] = arith.addi %[[BODY]], %[[P]] : i64
  // CHECK: %[[PLUS:.*]] = tensor.insert %[[NEW_BODY]] into %[[SUM]][%[[BODY_INDEX]]] : tensor<9xi64>
  %1 = tfhe.add_plaintext %0, %p : !tfhe.lwe<3, dim = 8>, i64
  // CHECK: %[[PRODUCT:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[PER_CIPHERTEXT]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[B]], %[[M]] : tensor<2x9xi64>, tensor<2xi64>)
  // CHECK: arith.muli
  %2 = tfhe.mul_int %b, %m : tensor<2x!tfhe.lwe<3, dim = 8>>, tensor<2xi64>
  // CHECK: %[[BODIES:.*]] = tensor.extract_slice %[[PRODUCT]][0, 8] [2, 1] [1, 1] : tensor<2x9xi64> to tensor<2xi64>
  // CHECK: %[[NEW_BODIES:.*]] = linalg.generic {{.*}} ins(%[[BODIES]], %[[M]] : tensor<2xi64>, tensor<2xi64>)
  // CHECK: arith.addi
  // CHECK: %[[PLUS_TENSOR:.*]] = tensor.insert_slice %[[NEW_BODIES]] into %[[PRODUCT]][0, 8] [2, 1] [1, 1] : tensor<2xi64> into tensor<2x9xi64>
  %3 = tfhe.add_plaintext %2, %m : tensor<2x!tfhe.lwe<3, dim = 8>>, tensor<2xi64>
  // CHECK: %[[NEG:.*]] = linalg.generic {{.*}} ins(%[[PLUS_TENSOR]] : tensor<2x9xi64>)
  // CHECK: %[[ZERO:.*]] = arith.constant 0 : i64
  // CHECK-NEXT: arith.subi %[[ZERO]], %{{.*}} : i64
  %4 = tfhe.neg %3 : tensor<2x!tfhe.lwe<3, dim = 8>>
  // CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x9xi64>
  // CHECK: %[[FILL_ZERO:.*]] = arith.constant 0 : i64
  // CHECK: %[[Z:.*]] = linalg.fill ins(%[[FILL_ZERO]] : i64) outs(%[[EMPTY]] : tensor<2x9xi64>)
  %z = tfhe.zero : tensor<2x!tfhe.lwe<3, dim = 8>>
  // CHECK: return %[[PLUS]], %[[NEG]], %[[Z]], %[[OK]] : tensor<9xi64>, tensor<2x9xi64>, tensor<2x9xi64>, i32
  return %1, %4, %z : !tfhe.lwe<3, dim = 8>, tensor<2x!tfhe.lwe<3, dim = 8>>, tensor<2x!tfhe.lwe<3, dim = 8>>
}

// -----

// Encoding: zero-extension for an unsigned encoding, sign-extension for a
// signed one, then a shift by 63 - width.
// CHECK-LABEL: func.func @encode
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %[[C:.*]]: i8, %[[T:.*]]: tensor<4xi4>)
// CHECK: %[[U:.*]] = arith.extui %[[C]] : i8 to i64
// CHECK: %[[SHIFT:.*]] = arith.constant 60 : i64
// CHECK: %[[UNSIGNED:.*]] = arith.shli %[[U]], %[[SHIFT]] : i64
// CHECK: %[[S:.*]] = arith.extsi %[[C]] : i8 to i64
// CHECK: %[[SIGNED:.*]] = arith.shli %[[S]], %{{.*}} : i64
// CHECK: %[[TABLE:.*]] = linalg.generic {{.*}} ins(%[[T]] : tensor<4xi4>)
// CHECK: arith.extsi %{{.*}} : i4 to i64
// CHECK: arith.constant 59 : i64
// CHECK: arith.shli
// CHECK: return %[[UNSIGNED]], %[[SIGNED]], %[[TABLE]], %{{.*}} : i64, i64, tensor<4xi64>, i32
func.func @encode(%c: i8, %t: tensor<4xi4>) -> (i64, i64, tensor<4xi64>) {
  %0 = tfhe.encode %c width 3 : i8 -> i64
  %1 = tfhe.encode %c width 3 signed : i8 -> i64
  %2 = tfhe.encode_table %t width 4 signed : tensor<4xi4> -> tensor<4xi64>
  return %0, %1, %2 : i64, i64, tensor<4xi64>
}

// -----

// A linalg.generic on ciphertexts gets an innermost parallel loop over the
// torus elements; its tfhe body becomes i64 arithmetic on one element, the
// plaintext added only at the body (element 8).
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @generic
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %[[V:.*]]: tensor<3x9xi64>, %[[M:.*]]: tensor<3x2xi8>, %[[INIT:.*]]: tensor<2x9xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[OUT]]], iterator_types = ["reduction", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[V]], %[[M]] : tensor<3x9xi64>, tensor<3x2xi8>) outs(%[[INIT]] : tensor<2x9xi64>)
// CHECK-NEXT: ^bb0(%[[E:.*]]: i64, %[[C:.*]]: i8, %[[ACC:.*]]: i64):
// CHECK-NEXT: %[[C64:.*]] = arith.extsi %[[C]] : i8 to i64
// CHECK-NEXT: %[[PRODUCT:.*]] = arith.muli %[[E]], %[[C64]] : i64
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[ACC]], %[[PRODUCT]] : i64
// CHECK-NEXT: %[[SHIFT:.*]] = arith.constant 60 : i64
// CHECK-NEXT: %[[PLAINTEXT:.*]] = arith.shli %[[C64]], %[[SHIFT]] : i64
// CHECK-NEXT: %[[PLUS:.*]] = arith.addi %[[SUM]], %[[PLAINTEXT]] : i64
// CHECK-NEXT: %[[INDEX:.*]] = linalg.index 2 : index
// CHECK-NEXT: %[[BODY:.*]] = arith.constant 8 : index
// CHECK-NEXT: %[[IS_BODY:.*]] = arith.cmpi eq, %[[INDEX]], %[[BODY]] : index
// CHECK-NEXT: %[[R:.*]] = arith.select %[[IS_BODY]], %[[PLUS]], %[[SUM]] : i64
// CHECK-NEXT: linalg.yield %[[R]] : i64
func.func @generic(%v: tensor<3x!tfhe.lwe<3, dim = 8>>, %m: tensor<3x2xi8>, %init: tensor<2x!tfhe.lwe<3, dim = 8>>) -> tensor<2x!tfhe.lwe<3, dim = 8>> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
      ins(%v, %m : tensor<3x!tfhe.lwe<3, dim = 8>>, tensor<3x2xi8>) outs(%init : tensor<2x!tfhe.lwe<3, dim = 8>>) {
  ^bb0(%e: !tfhe.lwe<3, dim = 8>, %c: i8, %acc: !tfhe.lwe<3, dim = 8>):
    %c64 = arith.extsi %c : i8 to i64
    %p = tfhe.mul_int %e, %c64 : !tfhe.lwe<3, dim = 8>, i64
    %s = tfhe.add %acc, %p : !tfhe.lwe<3, dim = 8>
    %t = tfhe.encode %c64 width 3 : i64 -> i64
    %r = tfhe.add_plaintext %s, %t : !tfhe.lwe<3, dim = 8>, i64
    linalg.yield %r : !tfhe.lwe<3, dim = 8>
  } -> tensor<2x!tfhe.lwe<3, dim = 8>>
  return %0 : tensor<2x!tfhe.lwe<3, dim = 8>>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %[[X:.*]]: tensor<2x3x9xi64>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x2x9xi64>
// CHECK: linalg.transpose ins(%[[X]] : tensor<2x3x9xi64>) outs(%[[E]] : tensor<3x2x9xi64>) permutation = [1, 0, 2]
func.func @transpose(%x: tensor<2x3x!tfhe.lwe<3, dim = 8>>) -> tensor<3x2x!tfhe.lwe<3, dim = 8>> {
  %e = tensor.empty() : tensor<3x2x!tfhe.lwe<3, dim = 8>>
  %0 = linalg.transpose ins(%x : tensor<2x3x!tfhe.lwe<3, dim = 8>>) outs(%e : tensor<3x2x!tfhe.lwe<3, dim = 8>>) permutation = [1, 0]
  return %0 : tensor<3x2x!tfhe.lwe<3, dim = 8>>
}

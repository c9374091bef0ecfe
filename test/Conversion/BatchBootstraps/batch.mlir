// RUN: shade-opt %s --shade-batch-bootstraps --split-input-file | FileCheck %s

// Two lookups of one input through different tables, and one of a second
// input: one key switch of the two distinct inputs, one gather.
// CHECK-LABEL: func.func @fanout
// CHECK-SAME: (%[[X:.*]]: tensor<2x!tfhe.lwe<2, dim = 8>>, %[[Y:.*]]: tensor<2x!tfhe.lwe<2, dim = 8>>)
// CHECK-NEXT: %[[SOURCES:.*]] = tensor.concat dim(0) %[[X]], %[[Y]] : (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 8>>) -> tensor<4x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[SWITCHED:.*]] = tfhe.keyswitch %[[SOURCES]] {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<4x!tfhe.lwe<2, dim = 8>> -> tensor<4x!tfhe.lwe<2, dim = 2>>
// CHECK-NEXT: %[[TABLES:.*]] = arith.constant dense<{{\[}}[0, 8, 16, 24], [24, 16, 8, 0]]> : tensor<2x4xi64>
// CHECK-NEXT: %[[BATCH:.*]] = tfhe.gather_bootstrap %[[SWITCHED]] [0, 1, 0, 1, 2, 3], %[[TABLES]] [0, 0, 1, 1, 0, 0] {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<4x!tfhe.lwe<2, dim = 2>>, tensor<2x4xi64>) -> tensor<6x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: return %[[BATCH]] : tensor<6x!tfhe.lwe<2, dim = 8>>
func.func @fanout(%x: tensor<2x!tfhe.lwe<2, dim = 8>>, %y: tensor<2x!tfhe.lwe<2, dim = 8>>) -> tensor<6x!tfhe.lwe<2, dim = 8>> {
  %t0 = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %t1 = arith.constant dense<[24, 16, 8, 0]> : tensor<4xi64>
  %k0 = tfhe.keyswitch %x {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %a = tfhe.bootstrap %k0, %t0 {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  %k1 = tfhe.keyswitch %x {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %b = tfhe.bootstrap %k1, %t1 {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  %k2 = tfhe.keyswitch %y {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %c = tfhe.bootstrap %k2, %t0 {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  %r = tensor.concat dim(0) %a, %b, %c : (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 8>>) -> tensor<6x!tfhe.lwe<2, dim = 8>>
  return %r : tensor<6x!tfhe.lwe<2, dim = 8>>
}

// -----

// A lookup that reads another's result comes one depth later and stays on
// its own; the addition that uses the first result before the second
// lookup's input exists moves after the batch of depth 1.
// CHECK-LABEL: func.func @depths
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<2, dim = 8>, %[[Y:.*]]: tensor<2x2x!tfhe.lwe<2, dim = 8>>, %[[T:.*]]: tensor<2x2x4xi64>)
// CHECK-NEXT: %[[T0:.*]] = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
// CHECK-NEXT: %[[ALONE:.*]] = tfhe.bootstrap %[[Y]], %[[T]]
// CHECK-NEXT: %[[SCALAR:.*]] = tensor.from_elements %[[X]] : tensor<1x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[FLAT:.*]] = tensor.collapse_shape %[[Y]] {{\[}}[0, 1]] : tensor<2x2x!tfhe.lwe<2, dim = 8>> into tensor<4x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[SOURCES:.*]] = tensor.concat dim(0) %[[SCALAR]], %[[FLAT]]
// CHECK-NEXT: %[[ROWS:.*]] = arith.constant dense<{{\[}}[0, 8, 16, 24], [24, 16, 8, 0], [8, 8, 8, 8]]> : tensor<3x4xi64>
// CHECK-NEXT: %[[BATCH:.*]] = tfhe.gather_bootstrap %[[SOURCES]] [0, 1, 2, 3, 4], %[[ROWS]] [0, 0, 1, 0, 2] {key = #tfhe.bsk<input_dim = 8, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<5x!tfhe.lwe<2, dim = 8>>, tensor<3x4xi64>) -> tensor<5x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[FIRST:.*]] = tensor.extract_slice %[[BATCH]][0] [1] [1] : tensor<5x!tfhe.lwe<2, dim = 8>> to tensor<1x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[A:.*]] = tensor.extract %[[FIRST]][%[[ZERO]]] : tensor<1x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[REST:.*]] = tensor.extract_slice %[[BATCH]][1] [4] [1] : tensor<5x!tfhe.lwe<2, dim = 8>> to tensor<4x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[B:.*]] = tensor.expand_shape %[[REST]] {{\[}}[0, 1]] output_shape [2, 2] : tensor<4x!tfhe.lwe<2, dim = 8>> into tensor<2x2x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[S:.*]] = tfhe.add %[[A]], %[[X]] : !tfhe.lwe<2, dim = 8>
// CHECK-NEXT: %[[F:.*]] = tfhe.add %[[B]], %[[ALONE]] : tensor<2x2x!tfhe.lwe<2, dim = 8>>
// CHECK-NEXT: %[[D:.*]] = tfhe.bootstrap %[[S]], %[[T0]]
// CHECK-NEXT: return %[[D]], %[[S]], %[[F]]
func.func @depths(%x: !tfhe.lwe<2, dim = 8>, %y: tensor<2x2x!tfhe.lwe<2, dim = 8>>, %t: tensor<2x2x4xi64>) -> (!tfhe.lwe<2, dim = 8>, !tfhe.lwe<2, dim = 8>, tensor<2x2x!tfhe.lwe<2, dim = 8>>) {
  %t0 = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %tt = arith.constant dense<[[[0, 8, 16, 24], [24, 16, 8, 0]], [[0, 8, 16, 24], [8, 8, 8, 8]]]> : tensor<2x2x4xi64>
  %a = tfhe.bootstrap %x, %t0 {key = #tfhe.bsk<input_dim = 8, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (!tfhe.lwe<2, dim = 8>, tensor<4xi64>) -> !tfhe.lwe<2, dim = 8>
  %s = tfhe.add %a, %x : !tfhe.lwe<2, dim = 8>
  %d = tfhe.bootstrap %s, %t0 {key = #tfhe.bsk<input_dim = 8, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (!tfhe.lwe<2, dim = 8>, tensor<4xi64>) -> !tfhe.lwe<2, dim = 8>
  %b = tfhe.bootstrap %y, %tt {key = #tfhe.bsk<input_dim = 8, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x2x!tfhe.lwe<2, dim = 8>>, tensor<2x2x4xi64>) -> tensor<2x2x!tfhe.lwe<2, dim = 8>>
  %e = tfhe.bootstrap %y, %t {key = #tfhe.bsk<input_dim = 8, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x2x!tfhe.lwe<2, dim = 8>>, tensor<2x2x4xi64>) -> tensor<2x2x!tfhe.lwe<2, dim = 8>>
  %f = tfhe.add %b, %e : tensor<2x2x!tfhe.lwe<2, dim = 8>>
  return %d, %s, %f : !tfhe.lwe<2, dim = 8>, !tfhe.lwe<2, dim = 8>, tensor<2x2x!tfhe.lwe<2, dim = 8>>
}

// -----

// Different result types are different batches; a single bootstrap is left
// as it is, and so is a function without batches.
// CHECK-LABEL: func.func @types
// CHECK-NOT: tfhe.gather_bootstrap
func.func @types(%x: tensor<2x!tfhe.lwe<2, dim = 8>>) -> (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<3, dim = 8>>) {
  %t0 = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %a = tfhe.bootstrap %x, %t0 {key = #tfhe.bsk<input_dim = 8, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  %b = tfhe.bootstrap %x, %t0 {key = #tfhe.bsk<input_dim = 8, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<3, dim = 8>>
  return %a, %b : tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<3, dim = 8>>
}

// -----

// A key switch also returned stays for that use; the batch switches its
// source again with the others. The two halves of the result are returned
// apart, in slices.
// CHECK-LABEL: func.func @shared_key_switch
// CHECK-SAME: (%[[X:.*]]: tensor<2x!tfhe.lwe<2, dim = 8>>, %[[Y:.*]]: tensor<2x!tfhe.lwe<2, dim = 8>>)
// CHECK-NEXT: %[[KEPT:.*]] = tfhe.keyswitch %[[X]]
// CHECK-NEXT: %[[SOURCES:.*]] = tensor.concat dim(0) %[[X]], %[[Y]]
// CHECK-NEXT: %[[SWITCHED:.*]] = tfhe.keyswitch %[[SOURCES]]
// CHECK-NEXT: %[[TABLES:.*]] = arith.constant dense<{{\[}}[0, 8, 16, 24]]> : tensor<1x4xi64>
// CHECK-NEXT: %[[BATCH:.*]] = tfhe.gather_bootstrap %[[SWITCHED]] [0, 1, 2, 3], %[[TABLES]] [0, 0, 0, 0]
// CHECK-NEXT: %[[A:.*]] = tensor.extract_slice %[[BATCH]][0] [2] [1]
// CHECK-NEXT: %[[B:.*]] = tensor.extract_slice %[[BATCH]][2] [2] [1]
// CHECK-NEXT: return %[[A]], %[[B]], %[[KEPT]]
func.func @shared_key_switch(%x: tensor<2x!tfhe.lwe<2, dim = 8>>, %y: tensor<2x!tfhe.lwe<2, dim = 8>>) -> (tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 2>>) {
  %t0 = arith.constant dense<[0, 8, 16, 24]> : tensor<4xi64>
  %k0 = tfhe.keyswitch %x {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %a = tfhe.bootstrap %k0, %t0 {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  %k1 = tfhe.keyswitch %y {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<2, dim = 8>> -> tensor<2x!tfhe.lwe<2, dim = 2>>
  %b = tfhe.bootstrap %k1, %t0 {key = #tfhe.bsk<input_dim = 2, glwe_dim = 1, poly_size = 8, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 2>>, tensor<4xi64>) -> tensor<2x!tfhe.lwe<2, dim = 8>>
  return %a, %b, %k0 : tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 8>>, tensor<2x!tfhe.lwe<2, dim = 2>>
}

// RUN: shade-opt %s --shade-fhe-to-tfhe --split-input-file | FileCheck %s

// A lookup table on a tensor is one key switch (from k * N = 64 to n = 4)
// and one bootstrap of the whole tensor; the table is encoded under the
// result's encoding.

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @shared_table
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!tfhe.lwe<2, dim = 64>>)
// CHECK: %[[TABLE:.*]] = arith.constant dense<[0, 1, 4, 7]> : tensor<4xi8>
// CHECK: %[[ENCODED:.*]] = tfhe.encode_table %[[TABLE]] width 3 : tensor<4xi8> -> tensor<4xi64>
// CHECK: %[[SWITCHED:.*]] = tfhe.keyswitch %[[X]] {key = #tfhe.ksk<input_dim = 64, output_dim = 4, base_log = 3, levels = 5>} : tensor<2x3x!tfhe.lwe<2, dim = 64>> -> tensor<2x3x!tfhe.lwe<2, dim = 4>>
// CHECK: %[[R:.*]] = tfhe.bootstrap %[[SWITCHED]], %[[ENCODED]] {key = #tfhe.bsk<input_dim = 4, glwe_dim = 1, poly_size = 64, base_log = 23, levels = 1>} : (tensor<2x3x!tfhe.lwe<2, dim = 4>>, tensor<4xi64>) -> tensor<2x3x!tfhe.lwe<3, dim = 64>>
// CHECK: return %[[R]]
func.func @shared_table(%x: tensor<2x3x!fhe.eint<2>>) -> tensor<2x3x!fhe.eint<3>> {
  %table = arith.constant dense<[0, 1, 4, 7]> : tensor<4xi8>
  %0 = fhelinalg.apply_lookup_table %x, %table : (tensor<2x3x!fhe.eint<2>>, tensor<4xi8>) -> tensor<2x3x!fhe.eint<3>>
  return %0 : tensor<2x3x!fhe.eint<3>>
}
}

// -----

// A scalar with a signed input: the ciphertext types carry the signedness,
// which the lowering to the runtime uses.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @scalar_signed_input
// CHECK-SAME: (%[[S:.*]]: !tfhe.lwe<3, signed, dim = 64>)
// CHECK: %[[ENCODED:.*]] = tfhe.encode_table %{{.*}} width 3 : tensor<8xi8> -> tensor<8xi64>
// CHECK: %[[SWITCHED:.*]] = tfhe.keyswitch %[[S]] {{.*}} : !tfhe.lwe<3, signed, dim = 64> -> !tfhe.lwe<3, signed, dim = 4>
// CHECK: tfhe.bootstrap %[[SWITCHED]], %[[ENCODED]] {{.*}} : (!tfhe.lwe<3, signed, dim = 4>, tensor<8xi64>) -> !tfhe.lwe<3, dim = 64>
func.func @scalar_signed_input(%s: !fhe.esint<3>) -> !fhe.eint<3> {
  %abs = arith.constant dense<[0, 1, 2, 3, 4, 3, 2, 1]> : tensor<8xi8>
  %0 = fhe.apply_lookup_table %s, %abs : (!fhe.esint<3>, tensor<8xi8>) -> !fhe.eint<3>
  return %0 : !fhe.eint<3>
}
}

// -----

// Per-element tables: the 3 x 4 tables, encoded, are broadcast to one table
// per ciphertext (2 x 3 x 4) for the batched bootstrap.
// CHECK-DAG: #[[TABLES:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[PER_ELEMENT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @multi_table
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!tfhe.lwe<2, dim = 64>>, %[[T:.*]]: tensor<3x4xi8>)
// CHECK: %[[ENCODED:.*]] = tfhe.encode_table %[[T]] width 3 signed : tensor<3x4xi8> -> tensor<3x4xi64>
// CHECK: %[[BROADCAST:.*]] = linalg.generic {indexing_maps = [#[[TABLES]], #[[PER_ELEMENT]]]
// CHECK-SAME: ins(%[[ENCODED]] : tensor<3x4xi64>) outs(%{{.*}} : tensor<2x3x4xi64>)
// CHECK: %[[SWITCHED:.*]] = tfhe.keyswitch %[[X]]
// CHECK: tfhe.bootstrap %[[SWITCHED]], %[[BROADCAST]] {{.*}} : (tensor<2x3x!tfhe.lwe<2, dim = 4>>, tensor<2x3x4xi64>) -> tensor<2x3x!tfhe.lwe<3, signed, dim = 64>>
func.func @multi_table(%x: tensor<2x3x!fhe.eint<2>>, %t: tensor<3x4xi8>) -> tensor<2x3x!fhe.esint<3>> {
  %0 = fhelinalg.apply_multi_lookup_table %x, %t : (tensor<2x3x!fhe.eint<2>>, tensor<3x4xi8>) -> tensor<2x3x!fhe.esint<3>>
  return %0 : tensor<2x3x!fhe.esint<3>>
}
}

// -----

// Signedness casts keep the ciphertext when the value lies in [0, 2^(w-1))
// (the fhe casts always: their value must); fhelinalg's reinterpretation of
// the upper half goes through a bootstrap whose table maps each pattern to
// itself under the new signedness.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @casts
// CHECK-SAME: (%[[X:.*]]: tensor<4x!tfhe.lwe<3, dim = 64>>, %[[Y:.*]]: !tfhe.lwe<3, dim = 64>)
// CHECK: %[[FREE:.*]] = builtin.unrealized_conversion_cast %[[X]] : tensor<4x!tfhe.lwe<3, dim = 64>> to tensor<4x!tfhe.lwe<3, signed, dim = 64>>
// CHECK: %[[PATTERNS:.*]] = arith.constant dense<[0, 1, 2, 3, -4, -3, -2, -1]> : tensor<8xi64>
// CHECK: %[[ENCODED:.*]] = tfhe.encode_table %[[PATTERNS]] width 3 signed
// CHECK: %[[SWITCHED:.*]] = tfhe.keyswitch %[[X]]
// CHECK: %[[REENCODED:.*]] = tfhe.bootstrap %[[SWITCHED]], %[[ENCODED]] {{.*}} -> tensor<4x!tfhe.lwe<3, signed, dim = 64>>
// CHECK: %[[SCALAR:.*]] = builtin.unrealized_conversion_cast %[[Y]] : !tfhe.lwe<3, dim = 64> to !tfhe.lwe<3, signed, dim = 64>
// CHECK: %[[UNSIGNED_PATTERNS:.*]] = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>
// CHECK: tfhe.encode_table %[[UNSIGNED_PATTERNS]] width 3 :
// CHECK: tfhe.bootstrap {{.*}} -> tensor<4x!tfhe.lwe<3, dim = 64>>
// CHECK: return %[[FREE]], %[[REENCODED]], %[[SCALAR]]
func.func @casts(%x: tensor<4x!fhe.eint<3>>, %y: !fhe.eint<3>)
    -> (tensor<4x!fhe.esint<3>>, tensor<4x!fhe.esint<3>>, !fhe.esint<3>, tensor<4x!fhe.eint<3>>) {
  %0 = fhelinalg.to_signed %x {fhe.range = array<i64: 0, 3>} : tensor<4x!fhe.eint<3>> -> tensor<4x!fhe.esint<3>>
  %1 = fhelinalg.to_signed %x {fhe.range = array<i64: -4, 3>} : tensor<4x!fhe.eint<3>> -> tensor<4x!fhe.esint<3>>
  %2 = fhe.to_signed %y : !fhe.eint<3> to !fhe.esint<3>
  %3 = fhelinalg.to_unsigned %1 {fhe.range = array<i64: 0, 7>} : tensor<4x!fhe.esint<3>> -> tensor<4x!fhe.eint<3>>
  return %0, %1, %2, %3 : tensor<4x!fhe.esint<3>>, tensor<4x!fhe.esint<3>>, !fhe.esint<3>, tensor<4x!fhe.eint<3>>
}
}

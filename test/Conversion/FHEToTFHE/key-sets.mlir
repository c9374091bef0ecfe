// RUN: shade-opt %s --shade-fhe-to-tfhe | FileCheck %s

// Two parameter sets: the input is under the big key of set 0 (k * N =
// 2 * 32 = 64), the lookup's bootstrap is pattern 1 (key switch from set 0's
// big key to set 1's small key, 5, then set 1's bootstrap), so its result
// and the levelled ops after it are under set 1's big key (1 * 128 = 128).
// The clear_low_bits bootstraps are pattern 0, inside set 0.

module attributes {fhe.parameters = [#tfhe.parameters<lwe_dim = 4, glwe_dim = 2, poly_size = 32, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>, #tfhe.parameters<lwe_dim = 5, glwe_dim = 1, poly_size = 128, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 15, pbs_levels = 2, ks_base_log = 2, ks_levels = 7>], fhe.key_patterns = array<i64: 0, 0, 0, 1>} {
// CHECK-LABEL: func.func @two_sets
// CHECK-SAME: (%{{.*}}: tensor<4x!tfhe.lwe<6, signed, dim = 64>> {fhe.key_set = 0 : i64}) -> (tensor<4x!tfhe.lwe<3, dim = 128>> {fhe.key_set = 1 : i64})
func.func @two_sets(%x: tensor<4x!fhe.esint<6>> {fhe.key_set = 0 : i64}) -> (tensor<4x!fhe.eint<3>> {fhe.key_set = 1 : i64}) {
  // CHECK: tfhe.keyswitch %{{.*}} {key = #tfhe.ksk<input_dim = 64, output_dim = 4, base_log = 3, levels = 5>} : tensor<4x!tfhe.lwe<1, dim = 64>> -> tensor<4x!tfhe.lwe<1, dim = 4>>
  // CHECK: tfhe.bootstrap %{{.*}}, %{{.*}} {key = #tfhe.bsk<input_dim = 4, glwe_dim = 2, poly_size = 32, base_log = 23, levels = 1>} : (tensor<4x!tfhe.lwe<1, dim = 4>>, tensor<2xi64>) -> tensor<4x!tfhe.lwe<6, signed, dim = 64>>
  %0 = fhelinalg.clear_low_bits %x {bits = 1 : i64, chunks = array<i64: 1>, fhe.key_pattern = 0 : i64} : tensor<4x!fhe.esint<6>>
  %t = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<64xi64>
  // CHECK: %[[SWITCHED:.*]] = tfhe.keyswitch %{{.*}} {key = #tfhe.ksk<input_dim = 64, output_dim = 5, base_log = 2, levels = 7, to_set = 1>} : tensor<4x!tfhe.lwe<6, signed, dim = 64>> -> tensor<4x!tfhe.lwe<6, signed, dim = 5>>
  // CHECK: %[[LOOKED:.*]] = tfhe.bootstrap %[[SWITCHED]], %{{.*}} {key = #tfhe.bsk<input_dim = 5, glwe_dim = 1, poly_size = 128, base_log = 15, levels = 2, set = 1>} : (tensor<4x!tfhe.lwe<6, signed, dim = 5>>, tensor<64xi64>) -> tensor<4x!tfhe.lwe<3, dim = 128>>
  %1 = fhelinalg.apply_lookup_table %0, %t {fhe.key_pattern = 1 : i64} : (tensor<4x!fhe.esint<6>>, tensor<64xi64>) -> tensor<4x!fhe.eint<3>>
  // CHECK: linalg.generic {{.*}} ins(%[[LOOKED]], %[[LOOKED]] : tensor<4x!tfhe.lwe<3, dim = 128>>, tensor<4x!tfhe.lwe<3, dim = 128>>)
  // CHECK: tfhe.add %{{.*}}, %{{.*}} : !tfhe.lwe<3, dim = 128>
  %2 = fhelinalg.add_eint %1, %1 : (tensor<4x!fhe.eint<3>>, tensor<4x!fhe.eint<3>>) -> tensor<4x!fhe.eint<3>>
  // CHECK: return %{{.*}} : tensor<4x!tfhe.lwe<3, dim = 128>>
  return %2 : tensor<4x!fhe.eint<3>>
}
}


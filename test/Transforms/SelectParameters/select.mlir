// RUN: shade-opt %s --split-input-file --shade-select-parameters | FileCheck %s
// RUN: shade-opt %s --split-input-file --shade-select-parameters="p-error=6.5e-05" | FileCheck %s --check-prefix=LOOSE
// RUN: shade-opt %s --split-input-file --shade-select-parameters="single-set=true" | FileCheck %s --check-prefix=SINGLE

// Every element of a lookup-table input is a bootstrap: 100 + 1 here. Each
// lookup's result starts a partition of its own (its bootstrap may write
// under another key than its input's), so the program has four partitions:
// the two inputs (read by bootstraps only, they share the cheapest big key,
// N = 512, under which a fresh input still decodes after its key switch),
// the 4-bit results and the 3-bit result, each with the set its bootstraps
// need. The patterns are the key switches from the inputs' big key to each
// result set's small key. Fresh inputs and bootstrap outputs count with
// their own variances (fhe.norm2 = array<i64: fresh, bootstrapped>).
// CHECK: module attributes {fhe.key_patterns = array<i64: 0, 1, 0, 2>, fhe.parameters = [#tfhe.parameters<lwe_dim = 450, glwe_dim = 1, poly_size = 512, lwe_noise_std = 0.0021113492418376591, glwe_noise_std = 6.9977593503056277E-4, pbs_base_log = 4, pbs_levels = 1, ks_base_log = 4, ks_levels = 1>, #tfhe.parameters<lwe_dim = 708, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 2.1320666215153288E-5, glwe_noise_std = 9.1881734381393549E-16, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 2, ks_levels = 7>, #tfhe.parameters<lwe_dim = 676, glwe_dim = 2, poly_size = 1024, lwe_noise_std = 3.7699605793814044E-5, glwe_noise_std = 9.1881734381393549E-16, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 2, ks_levels = 6>],
// CHECK-SAME: fhe.statistics = {bootstraps = 101 : i64, bootstraps_by_set = {"1" = 100 : i64, "2" = 1 : i64}, bootstraps_by_width = {"3" = 1 : i64, "4" = 100 : i64}, cost = 701720555.25999999 : f64, global_p_error = 8.7796030941495557E-11 : f64, keyswitches = 101 : i64, p_error = 8.7079211094795489E-13 : f64, security_bits = 128 : i64}}
// With one set for everything, the 4-bit lookups decide it (the 3-bit input,
// 3 times a fresh input, has room to spare), it costs more, and no key
// layout attribute is written.
// SINGLE: module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 835, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 2.2202001147057022E-6, glwe_noise_std = 9.1881734381393549E-16, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 5, ks_levels = 3>,
// SINGLE-SAME: fhe.statistics = {bootstraps = 101 : i64, bootstraps_by_width = {"3" = 1 : i64, "4" = 100 : i64}, cost = 879476973.80999994 : f64, global_p_error = 7.4422486576426975E-11 : f64, keyswitches = 101 : i64, p_error = 7.442248657916863E-13 : f64, security_bits = 128 : i64}}
// SINGLE: func.func @f(%{{.*}}: tensor<100x!fhe.eint<4>>, %{{.*}}: !fhe.eint<3>) -> (tensor<100x!fhe.eint<4>>, !fhe.eint<3>)
// A looser bound lets the 4-bit results' set shrink to k = 2, N = 1024.
// LOOSE: module attributes {fhe.key_patterns = array<i64: 0, 1, 0, 2>, fhe.parameters = [#tfhe.parameters<lwe_dim = 450, glwe_dim = 1, poly_size = 512,
// LOOSE-SAME: #tfhe.parameters<lwe_dim = 675, glwe_dim = 2, poly_size = 1024,
// CHECK: func.func @f(%{{.*}}: tensor<100x!fhe.eint<4>> {fhe.key_set = 0 : i64}, %{{.*}}: !fhe.eint<3> {fhe.key_set = 0 : i64}) -> (tensor<100x!fhe.eint<4>> {fhe.key_set = 1 : i64}, !fhe.eint<3> {fhe.key_set = 2 : i64})
func.func @f(%x: tensor<100x!fhe.eint<4>>, %y: !fhe.eint<3>) -> (tensor<100x!fhe.eint<4>>, !fhe.eint<3>) {
  %t = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]> : tensor<16xi64>
  // CHECK: fhelinalg.apply_lookup_table %{{.*}}, %{{.*}} {fhe.key_pattern = 0 : i64, fhe.norm2 = array<i64: 0, 1>, fhe.p_error = 8.7079211094795489E-13 : f64}
  %0 = fhelinalg.apply_lookup_table %x, %t {fhe.norm2 = array<i64: 0, 1>} : (tensor<100x!fhe.eint<4>>, tensor<16xi64>) -> tensor<100x!fhe.eint<4>>
  %c = arith.constant 3 : i8
  %1 = fhe.mul_eint_int %y, %c {fhe.norm2 = array<i64: 9, 0>} : (!fhe.eint<3>, i8) -> !fhe.eint<3>
  %u = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>
  // CHECK: fhe.apply_lookup_table %{{.*}}, %{{.*}} {fhe.key_pattern = 1 : i64, fhe.norm2 = array<i64: 0, 1>, fhe.p_error = 7.1681985051596348E-13 : f64}
  %2 = fhe.apply_lookup_table %1, %u {fhe.norm2 = array<i64: 0, 1>} : (!fhe.eint<3>, tensor<8xi64>) -> !fhe.eint<3>
  return %0, %2 : tensor<100x!fhe.eint<4>>, !fhe.eint<3>
}

// -----

// A decrypted result is a decision point of its own: without bootstraps,
// the set of the cheapest atomic pattern that decodes a 6-bit result of
// 2^30 bootstrap outputs' worth of error. Nothing is bootstrapped: the cost
// is 0.
// CHECK: module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 450, glwe_dim = 4, poly_size = 512, lwe_noise_std = 0.0021113492418376591, glwe_noise_std = 9.1881734381393549E-16, pbs_base_log = 12, pbs_levels = 3, ks_base_log = 4, ks_levels = 1>,
// CHECK-SAME: fhe.statistics = {bootstraps = 0 : i64, bootstraps_by_width = {}, cost = 0.000000e+00 : f64, global_p_error = 1.729520119890837E-45 : f64, keyswitches = 0 : i64, p_error = 4.3238002997270925E-46 : f64, security_bits = 128 : i64}}
func.func @result_only(%x: tensor<4x!fhe.eint<6>>) -> tensor<4x!fhe.eint<6>> {
  %c = arith.constant dense<32768> : tensor<1xi64>
  %0 = fhelinalg.mul_eint_int %x, %c {fhe.norm2 = array<i64: 0, 1073741824>} : (tensor<4x!fhe.eint<6>>, tensor<1xi64>) -> tensor<4x!fhe.eint<6>>
  return %0 : tensor<4x!fhe.eint<6>>
}

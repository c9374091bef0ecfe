// RUN: shade-opt %s --split-input-file --shade-select-parameters | FileCheck %s
// RUN: shade-opt %s --split-input-file --shade-select-parameters="p-error=6.5e-05" | FileCheck %s --check-prefix=LOOSE

// Every element of a lookup-table input is a bootstrap: 100 + 1 here. The
// 4-bit inputs decide the parameters (the 3-bit input, 3 times a fresh
// input, has room to spare); the decrypted results (one bootstrap output
// each) do not constrain them. Fresh inputs and bootstrap outputs count
// with their own variances (fhe.norm2 = array<i64: fresh, bootstrapped>).
// CHECK: module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 835, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 2.2202001147057022E-6, glwe_noise_std = 9.1881734381393549E-16, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 5, ks_levels = 3>,
// CHECK-SAME: fhe.statistics = {bootstraps = 101 : i64, bootstraps_by_width = {"3" = 1 : i64, "4" = 100 : i64}, cost = 879476973.81000006 : f64, global_p_error = 7.4422486576426975E-11 : f64, keyswitches = 101 : i64, p_error = 7.442248657916863E-13 : f64, security_bits = 128 : i64}}
// LOOSE: module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 801, glwe_dim = 2, poly_size = 1024,
// LOOSE-SAME: pbs_base_log = 23, pbs_levels = 1, ks_base_log = 4, ks_levels = 3>
func.func @f(%x: tensor<100x!fhe.eint<4>>, %y: !fhe.eint<3>) -> (tensor<100x!fhe.eint<4>>, !fhe.eint<3>) {
  %t = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]> : tensor<16xi64>
  // CHECK: fhelinalg.apply_lookup_table %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 0, 1>, fhe.p_error = 7.442248657916863E-13 : f64}
  %0 = fhelinalg.apply_lookup_table %x, %t {fhe.norm2 = array<i64: 0, 1>} : (tensor<100x!fhe.eint<4>>, tensor<16xi64>) -> tensor<100x!fhe.eint<4>>
  %c = arith.constant 3 : i8
  %1 = fhe.mul_eint_int %y, %c {fhe.norm2 = array<i64: 9, 0>} : (!fhe.eint<3>, i8) -> !fhe.eint<3>
  %u = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>
  // CHECK: fhe.apply_lookup_table %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 0, 1>, fhe.p_error = 1.1937332229981752E-46 : f64}
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

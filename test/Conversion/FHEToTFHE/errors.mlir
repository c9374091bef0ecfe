// RUN: shade-opt %s --shade-fhe-to-tfhe --split-input-file --verify-diagnostics

// expected-error @+1 {{needs the module attribute fhe.parameters = #tfhe.parameters<...> or a non-empty array of them (run --shade-select-parameters first)}}
module {
func.func @no_parameters(%a: !fhe.eint<3>) -> !fhe.eint<3> {
  return %a : !fhe.eint<3>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @product(%a: !fhe.eint<3>, %b: !fhe.eint<3>) -> !fhe.eint<3> {
  // expected-error @+1 {{'fhe.mul_eint' op must be decomposed by --shade-decompose-encrypted-ops before --shade-fhe-to-tfhe}}
  %0 = fhe.mul_eint %a, %b : !fhe.eint<3>
  return %0 : !fhe.eint<3>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @max(%a: tensor<2x!fhe.esint<3>>, %b: tensor<2x!fhe.esint<3>>) -> tensor<2x!fhe.esint<3>> {
  // expected-error @+1 {{'fhelinalg.max_eint' op must be decomposed by --shade-decompose-encrypted-ops before --shade-fhe-to-tfhe}}
  %0 = fhelinalg.max_eint %a, %b : (tensor<2x!fhe.esint<3>>, tensor<2x!fhe.esint<3>>) -> tensor<2x!fhe.esint<3>>
  return %0 : tensor<2x!fhe.esint<3>>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @pool(%x: tensor<1x1x4x4x!fhe.eint<3>>) -> tensor<1x1x2x2x!fhe.eint<3>> {
  // expected-error @+1 {{'fhelinalg.maxpool2d' op must be decomposed by --shade-decompose-encrypted-ops before --shade-fhe-to-tfhe}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], strides = [2, 2]} : tensor<1x1x4x4x!fhe.eint<3>> -> tensor<1x1x2x2x!fhe.eint<3>>
  return %0 : tensor<1x1x2x2x!fhe.eint<3>>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @wide_table(%x: !fhe.eint<6>) -> !fhe.eint<6> {
  %t = arith.constant dense<0> : tensor<64xi8>
  // expected-error @+1 {{'fhe.apply_lookup_table' op has a 6-bit input, whose table needs a polynomial size of at least 2^7; the parameters have 64}}
  %0 = fhe.apply_lookup_table %x, %t : (!fhe.eint<6>, tensor<64xi8>) -> !fhe.eint<6>
  return %0 : !fhe.eint<6>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @wide_cast(%x: tensor<2x!fhe.eint<6>>) -> tensor<2x!fhe.esint<6>> {
  // expected-error @+1 {{'fhelinalg.to_signed' op has a 6-bit input, whose table needs a polynomial size of at least 2^7; the parameters have 64}}
  %0 = fhelinalg.to_signed %x {fhe.range = array<i64: -32, 31>} : tensor<2x!fhe.eint<6>> -> tensor<2x!fhe.esint<6>>
  return %0 : tensor<2x!fhe.esint<6>>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @encrypted_weights(%x: tensor<1x1x3x3x!fhe.eint<4>>, %w: tensor<1x1x2x2x!fhe.eint<4>>) -> tensor<1x1x2x2x!fhe.eint<4>> {
  // expected-error @+1 {{'fhelinalg.conv2d' op with encrypted weights is not supported: only clear weights are lowered}}
  %0 = fhelinalg.conv2d %x, %w : (tensor<1x1x3x3x!fhe.eint<4>>, tensor<1x1x2x2x!fhe.eint<4>>) -> tensor<1x1x2x2x!fhe.eint<4>>
  return %0 : tensor<1x1x2x2x!fhe.eint<4>>
}
}

// -----

// A pattern index beyond fhe.key_patterns is an error naming it.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 2, poly_size = 32, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @unknown(%x: tensor<4x!fhe.eint<3>>) -> tensor<4x!fhe.eint<3>> {
  %t = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi64>
  // expected-error @+1 {{names key pattern 2, but the module has 1}}
  %0 = fhelinalg.apply_lookup_table %x, %t {fhe.key_pattern = 2 : i64} : (tensor<4x!fhe.eint<3>>, tensor<8xi64>) -> tensor<4x!fhe.eint<3>>
  return %0 : tensor<4x!fhe.eint<3>>
}
}

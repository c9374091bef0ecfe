// RUN: shade-opt %s --shade-tfhe-to-runtime --split-input-file --verify-diagnostics

func.func @pad_with_ciphertext(%x: tensor<2x!tfhe.lwe<3, dim = 8>>, %v: !tfhe.lwe<3, dim = 8>) -> tensor<4x!tfhe.lwe<3, dim = 8>> {
  // expected-error @+2 {{'tensor.pad' op pads ciphertexts with a value other than tfhe.zero, which has no lowering}}
  // expected-error @+1 {{failed to legalize operation 'tensor.pad' that was explicitly marked illegal}}
  %p = tensor.pad %x low[1] high[1] {
  ^bb0(%a: index):
    tensor.yield %v : !tfhe.lwe<3, dim = 8>
  } : tensor<2x!tfhe.lwe<3, dim = 8>> to tensor<4x!tfhe.lwe<3, dim = 8>>
  return %p : tensor<4x!tfhe.lwe<3, dim = 8>>
}

// -----

func.func @key_switch_in_body(%x: tensor<2x!tfhe.lwe<3, dim = 8>>) -> tensor<2x!tfhe.lwe<3, dim = 2>> {
  %e = tensor.empty() : tensor<2x!tfhe.lwe<3, dim = 2>>
  // expected-error @+1 {{failed to legalize operation 'linalg.generic' that was explicitly marked illegal}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : tensor<2x!tfhe.lwe<3, dim = 8>>) outs(%e : tensor<2x!tfhe.lwe<3, dim = 2>>) {
  ^bb0(%a: !tfhe.lwe<3, dim = 8>, %b: !tfhe.lwe<3, dim = 2>):
    // expected-error @+1 {{'tfhe.keyswitch' op on ciphertexts inside a linalg.generic has no lowering to torus elements}}
    %k = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : !tfhe.lwe<3, dim = 8> -> !tfhe.lwe<3, dim = 2>
    linalg.yield %k : !tfhe.lwe<3, dim = 2>
  } -> tensor<2x!tfhe.lwe<3, dim = 2>>
  return %0 : tensor<2x!tfhe.lwe<3, dim = 2>>
}

// -----

func.func @runtime_call_in_region(%x: !tfhe.lwe<3, dim = 8>) {
  scf.execute_region {
    // expected-error @+1 {{'func.call' op calls the runtime inside a nested region, whose status cannot reach the function's result}}
    %k = tfhe.keyswitch %x {key = #tfhe.ksk<input_dim = 8, output_dim = 2, base_log = 3, levels = 5>} : !tfhe.lwe<3, dim = 8> -> !tfhe.lwe<3, dim = 2>
    scf.yield
  }
  return
}

// -----

func.func @unparametrized(%x: !tfhe.lwe<3>) -> !tfhe.lwe<3> {
  // expected-error @+1 {{'tfhe.neg' op has the ciphertext type '!tfhe.lwe<3>' without a dimension, whose size is unknown: lower fhe to tfhe with chosen parameters first}}
  %0 = tfhe.neg %x : !tfhe.lwe<3>
  return %0 : !tfhe.lwe<3>
}

// -----

// A key switch whose pattern the module does not list is an error.
module attributes {fhe.key_patterns = array<i64: 0, 0>} {
func.func @unknown_pattern(%x: tensor<3x!tfhe.lwe<2, dim = 8>>) -> tensor<3x!tfhe.lwe<2, dim = 3>> {
  // expected-error @+1 {{uses keys of no pattern of the module's fhe.key_patterns}}
  %k = tfhe.keyswitch %x {key = #tfhe.ksk<input_dim = 8, output_dim = 3, base_log = 3, levels = 5, to_set = 1>} : tensor<3x!tfhe.lwe<2, dim = 8>> -> tensor<3x!tfhe.lwe<2, dim = 3>>
  return %k : tensor<3x!tfhe.lwe<2, dim = 3>>
}
}

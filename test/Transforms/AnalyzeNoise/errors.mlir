// RUN: shade-opt %s --shade-analyze-noise -split-input-file -verify-diagnostics

func.func @not_decomposed(%a: !fhe.eint<4>, %b: !fhe.eint<4>) -> !fhe.eint<4> {
  // expected-error @+1 {{'fhe.mul_eint' op is not levelled: run --shade-decompose-encrypted-ops before the noise analysis}}
  %0 = fhe.mul_eint %a, %b : !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @maxpool_not_decomposed(%x: tensor<1x1x4x4x!fhe.eint<4>>) -> tensor<1x1x2x2x!fhe.eint<4>> {
  // expected-error @+1 {{'fhelinalg.maxpool2d' op is not levelled: run --shade-decompose-encrypted-ops before the noise analysis}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], strides = [2, 2]} : tensor<1x1x4x4x!fhe.eint<4>> -> tensor<1x1x2x2x!fhe.eint<4>>
  return %0 : tensor<1x1x2x2x!fhe.eint<4>>
}

// -----

func.func @encrypted_weights(%x: tensor<1x1x2x2x!fhe.eint<4>>, %w: tensor<1x1x1x1x!fhe.eint<4>>) -> tensor<1x1x2x2x!fhe.eint<4>> {
  // expected-error @+1 {{'fhelinalg.conv2d' op is not levelled with encrypted weights: run --shade-decompose-encrypted-ops before the noise analysis}}
  %0 = fhelinalg.conv2d %x, %w : (tensor<1x1x2x2x!fhe.eint<4>>, tensor<1x1x1x1x!fhe.eint<4>>) -> tensor<1x1x2x2x!fhe.eint<4>>
  return %0 : tensor<1x1x2x2x!fhe.eint<4>>
}

// -----

func.func @overflow(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  %c = arith.constant 4294967296 : i64
  // expected-error @+1 {{'fhe.mul_eint_int' op squared 2-norm of the result overflows 64-bit integers}}
  %0 = fhe.mul_eint_int %a, %c : (!fhe.eint<4>, i64) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @overflow_in_sum(%a: tensor<2x!fhe.eint<4>>) -> !fhe.eint<4> {
  %c = arith.constant dense<[3037000499, 3037000499]> : tensor<2xi64>
  // Each weight squared fits, their sum does not.
  // expected-error @+1 {{'fhelinalg.dot_eint_int' op squared 2-norm of the result overflows 64-bit integers}}
  %0 = fhelinalg.dot_eint_int %a, %c : (tensor<2x!fhe.eint<4>>, tensor<2xi64>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @no_rule() -> tensor<2x!fhe.eint<4>> {
  // expected-error @+1 {{'tensor.empty' op produces an encrypted value the noise analysis has no rule for}}
  %0 = tensor.empty() : tensor<2x!fhe.eint<4>>
  return %0 : tensor<2x!fhe.eint<4>>
}

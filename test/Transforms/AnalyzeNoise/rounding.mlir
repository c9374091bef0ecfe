// RUN: shade-opt %s --split-input-file --shade-analyze-noise --verify-diagnostics | FileCheck %s

// Clearing low bits subtracts bootstrap results, each a new source of norm2
// 1 (chunks of one bit cost one, wider chunks two); a rescale multiplies the
// ciphertext by 2^(W - shift - w), so its norms by 4^(W - shift - w). Fresh
// inputs and bootstrap results keep their own parts.
// CHECK-LABEL: func.func @rounding
func.func @rounding(%x: tensor<4x!fhe.esint<12>>) -> (tensor<4x!fhe.esint<4>>, tensor<4x!fhe.eint<2>>) {
  %w = arith.constant dense<3> : tensor<i64>
  // CHECK: fhelinalg.mul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %y = fhelinalg.mul_eint_int %x, %w : (tensor<4x!fhe.esint<12>>, tensor<i64>) -> tensor<4x!fhe.esint<12>>
  // Chunks of 1 and 3 bits: 1 + 2 bootstraps.
  // CHECK: fhelinalg.clear_low_bits %{{.*}} {bits = 4 : i64, chunks = array<i64: 1, 3>, fhe.norm2 = array<i64: 9, 3>}
  %c = fhelinalg.clear_low_bits %y {bits = 4 : i64, chunks = array<i64: 1, 3>} : tensor<4x!fhe.esint<12>>
  // 12 - 4 - 4 = 4 bits of multiplication: norms times 4^4.
  // CHECK: fhelinalg.rescale %{{.*}} {fhe.norm2 = array<i64: 2304, 768>, shift = 4 : i64}
  %q = fhelinalg.rescale %c {shift = 4 : i64} : tensor<4x!fhe.esint<12>> -> tensor<4x!fhe.esint<4>>
  // Free: the quotient is the cleared value read with a larger delta.
  // CHECK: fhelinalg.rescale %{{.*}} {fhe.norm2 = array<i64: 9, 3>, shift = 4 : i64}
  %f = fhelinalg.rescale %c {shift = 4 : i64} : tensor<4x!fhe.esint<12>> -> tensor<4x!fhe.esint<8>>
  %t = arith.constant dense<[0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<16xi64>
  // CHECK: fhelinalg.apply_lookup_table %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 0, 1>}
  %r = fhelinalg.apply_lookup_table %q, %t : (tensor<4x!fhe.esint<4>>, tensor<16xi64>) -> tensor<4x!fhe.eint<2>>
  return %q, %r : tensor<4x!fhe.esint<4>>, tensor<4x!fhe.eint<2>>
}

// -----

func.func @unplanned(%x: tensor<4x!fhe.esint<12>>) -> tensor<4x!fhe.esint<12>> {
  // expected-error @+1 {{'fhelinalg.clear_low_bits' op has no chunks: run --shade-decompose-rounding before the noise analysis}}
  %c = fhelinalg.clear_low_bits %x {bits = 4 : i64} : tensor<4x!fhe.esint<12>>
  return %c : tensor<4x!fhe.esint<12>>
}

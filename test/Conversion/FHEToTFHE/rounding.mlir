// RUN: shade-opt %s --shade-fhe-to-tfhe --split-input-file --verify-diagnostics | FileCheck %s

// Clearing the low 3 bits of a 6-bit value in chunks of 1 and 2 bits
// (docs/lowering.md, "Clearing low bits"). Bit b of this encoding is the
// torus value 2^(57 + b).
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @clear_low_bits
// CHECK-SAME: (%[[X:.*]]: tensor<2x!tfhe.lwe<6, dim = 64>>)
// Chunk [0, 1): bit 0 onto the padding bit (times 2^6), read as 1 bit
// through the constant table 2^56 (half of bit 0), then x - 2^56 + result.
// CHECK: %[[M0:.*]] = arith.constant dense<64> : tensor<2xi64>
// CHECK: %[[Y0:.*]] = tfhe.mul_int %[[X]], %[[M0]]
// CHECK: %[[R0:.*]] = builtin.unrealized_conversion_cast %[[Y0]] : tensor<2x!tfhe.lwe<6, dim = 64>> to tensor<2x!tfhe.lwe<1, dim = 64>>
// CHECK: %[[T0:.*]] = arith.constant dense<72057594037927936> : tensor<2xi64>
// CHECK: %[[K0:.*]] = tfhe.keyswitch %[[R0]]
// CHECK: %[[B0:.*]] = tfhe.bootstrap %[[K0]], %[[T0]] {{.*}} -> tensor<2x!tfhe.lwe<6, dim = 64>>
// CHECK: %[[S0:.*]] = tfhe.add %[[X]], %[[B0]]
// CHECK: %[[X1:.*]] = tfhe.add_plaintext %[[S0]], %{{.*}} : tensor<2x!tfhe.lwe<6, dim = 64>>, tensor<2xi64>
// Chunk [1, 3): bit 2 onto the padding bit (times 2^4), bit 1 under it,
// read as 1 bit: the constant table 2^58 clears bit 2; then the table
// l -> l * 2^58 reads bit 1, which is subtracted.
// CHECK: %[[M1:.*]] = arith.constant dense<16> : tensor<2xi64>
// CHECK: %[[Y1:.*]] = tfhe.mul_int %[[X1]], %[[M1]]
// CHECK: builtin.unrealized_conversion_cast %[[Y1]] : tensor<2x!tfhe.lwe<6, dim = 64>> to tensor<2x!tfhe.lwe<1, dim = 64>>
// CHECK: arith.constant dense<288230376151711744> : tensor<2xi64>
// CHECK: %[[B1:.*]] = tfhe.bootstrap
// CHECK: %[[S1:.*]] = tfhe.add %[[X1]], %[[B1]]
// CHECK: %[[X2:.*]] = tfhe.add_plaintext %[[S1]]
// CHECK: %[[Y2:.*]] = tfhe.mul_int %[[X2]], %{{.*}}
// CHECK: builtin.unrealized_conversion_cast %[[Y2]]
// CHECK: arith.constant dense<[0, 288230376151711744]> : tensor<2xi64>
// CHECK: %[[B2:.*]] = tfhe.bootstrap
// CHECK: %[[X3:.*]] = tfhe.sub %[[X2]], %[[B2]]
// CHECK: return %[[X3]]
func.func @clear_low_bits(%x: tensor<2x!fhe.eint<6>>) -> tensor<2x!fhe.eint<6>> {
  %c = fhelinalg.clear_low_bits %x {bits = 3 : i64, chunks = array<i64: 1, 2>} : tensor<2x!fhe.eint<6>>
  return %c : tensor<2x!fhe.eint<6>>
}
}

// -----

// Clearing bits [2, 4) of a 6-bit value whose bits 0 and 1 are zero: only
// that chunk's two bootstraps, bit 3 onto the padding bit (times 2^3).
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @clear_bits_from
// CHECK-SAME: (%[[X:.*]]: tensor<2x!tfhe.lwe<6, dim = 64>>)
// CHECK: %[[M:.*]] = arith.constant dense<8> : tensor<2xi64>
// CHECK: %[[Y:.*]] = tfhe.mul_int %[[X]], %[[M]]
// CHECK: builtin.unrealized_conversion_cast %[[Y]] : tensor<2x!tfhe.lwe<6, dim = 64>> to tensor<2x!tfhe.lwe<1, dim = 64>>
// CHECK: arith.constant dense<576460752303423488> : tensor<2xi64>
// CHECK: %[[B0:.*]] = tfhe.bootstrap
// CHECK: %[[S:.*]] = tfhe.add %[[X]], %[[B0]]
// CHECK: %[[X1:.*]] = tfhe.add_plaintext %[[S]]
// CHECK: tfhe.mul_int %[[X1]], %[[M]]
// CHECK: arith.constant dense<[0, 576460752303423488]> : tensor<2xi64>
// CHECK: %[[B1:.*]] = tfhe.bootstrap
// CHECK: %[[X2:.*]] = tfhe.sub %[[X1]], %[[B1]]
// CHECK-NOT: tfhe.bootstrap
// CHECK: return %[[X2]]
func.func @clear_bits_from(%x: tensor<2x!fhe.eint<6>>) -> tensor<2x!fhe.eint<6>> {
  %c = fhelinalg.clear_low_bits %x {bits = 4 : i64, from = 2 : i64, chunks = array<i64: 2>} : tensor<2x!fhe.eint<6>>
  return %c : tensor<2x!fhe.eint<6>>
}
}

// -----

// A rescale multiplies by 2^(W - shift - w) after adding the offset, and
// reads the same torus values at the narrower encoding.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @rescale
// CHECK-SAME: (%[[X:.*]]: tensor<2x!tfhe.lwe<8, signed, dim = 64>>)
// CHECK: %[[OFFSET:.*]] = tfhe.add_plaintext %[[X]], %{{.*}}
// CHECK: %[[M:.*]] = tfhe.mul_int %[[OFFSET]], %{{.*}}
// CHECK: %[[N:.*]] = builtin.unrealized_conversion_cast %[[M]] : tensor<2x!tfhe.lwe<8, signed, dim = 64>> to tensor<2x!tfhe.lwe<3, dim = 64>>
// CHECK: %[[Q:.*]] = builtin.unrealized_conversion_cast %[[X]] : tensor<2x!tfhe.lwe<8, signed, dim = 64>> to tensor<2x!tfhe.lwe<6, signed, dim = 64>>
// CHECK: return %[[N]], %[[Q]]
func.func @rescale(%x: tensor<2x!fhe.esint<8>>) -> (tensor<2x!fhe.eint<3>>, tensor<2x!fhe.esint<6>>) {
  %n = fhelinalg.rescale %x {offset = 3 : i64, shift = 0 : i64} : tensor<2x!fhe.esint<8>> -> tensor<2x!fhe.eint<3>>
  %q = fhelinalg.rescale %x {shift = 2 : i64} : tensor<2x!fhe.esint<8>> -> tensor<2x!fhe.esint<6>>
  return %n, %q : tensor<2x!fhe.eint<3>>, tensor<2x!fhe.esint<6>>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @unplanned(%x: tensor<2x!fhe.eint<6>>) -> tensor<2x!fhe.eint<6>> {
  // expected-error @+1 {{'fhelinalg.clear_low_bits' op has no chunks: run --shade-decompose-rounding before --shade-fhe-to-tfhe}}
  %c = fhelinalg.clear_low_bits %x {bits = 3 : i64} : tensor<2x!fhe.eint<6>>
  return %c : tensor<2x!fhe.eint<6>>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
func.func @chunk_too_wide(%x: tensor<2x!fhe.eint<12>>) -> tensor<2x!fhe.eint<12>> {
  // expected-error @+1 {{'fhelinalg.clear_low_bits' op clears a chunk of 7 bits, whose tables need a polynomial size of at least 2^7; the parameters have 64}}
  %c = fhelinalg.clear_low_bits %x {bits = 7 : i64, chunks = array<i64: 7>} : tensor<2x!fhe.eint<12>>
  return %c : tensor<2x!fhe.eint<12>>
}
}

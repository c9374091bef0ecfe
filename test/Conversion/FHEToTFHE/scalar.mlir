// RUN: shade-opt %s --shade-fhe-to-tfhe --split-input-file | FileCheck %s

// Ciphertexts at rest have dimension k * N = 2 * 32 = 64. Clear operands are
// sign-extended to i64 (the fhe dialects read them as two's complement)
// before they are encoded.

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 2, poly_size = 32, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @levelled
// CHECK-SAME: (%[[A:.*]]: !tfhe.lwe<3, dim = 64>, %[[B:.*]]: !tfhe.lwe<3, dim = 64>, %[[C:.*]]: i2) -> !tfhe.lwe<3, dim = 64>
func.func @levelled(%a: !fhe.eint<3>, %b: !fhe.eint<3>, %c: i2) -> !fhe.eint<3> {
  // CHECK: %[[SUM:.*]] = tfhe.add %[[A]], %[[B]] : !tfhe.lwe<3, dim = 64>
  %0 = fhe.add_eint %a, %b : !fhe.eint<3>
  // CHECK: %[[DIFF:.*]] = tfhe.sub %[[SUM]], %[[B]] : !tfhe.lwe<3, dim = 64>
  %1 = fhe.sub_eint %0, %b : !fhe.eint<3>
  // CHECK: %[[C1:.*]] = arith.extsi %[[C]] : i2 to i64
  // CHECK: %[[P1:.*]] = tfhe.encode %[[C1]] width 3 : i64 -> i64
  // CHECK: %[[PLUS:.*]] = tfhe.add_plaintext %[[DIFF]], %[[P1]] : !tfhe.lwe<3, dim = 64>, i64
  %2 = fhe.add_eint_int %1, %c : (!fhe.eint<3>, i2) -> !fhe.eint<3>
  // CHECK: %[[ZERO:.*]] = arith.constant 0 : i64
  // CHECK: %[[C2:.*]] = arith.extsi %[[C]] : i2 to i64
  // CHECK: %[[NEG:.*]] = arith.subi %[[ZERO]], %[[C2]] : i64
  // CHECK: %[[P2:.*]] = tfhe.encode %[[NEG]] width 3 : i64 -> i64
  // CHECK: %[[MINUS:.*]] = tfhe.add_plaintext %[[PLUS]], %[[P2]]
  %3 = fhe.sub_eint_int %2, %c : (!fhe.eint<3>, i2) -> !fhe.eint<3>
  // CHECK: %[[NEGATED:.*]] = tfhe.neg %[[MINUS]] : !tfhe.lwe<3, dim = 64>
  // CHECK: %[[C3:.*]] = arith.extsi %[[C]] : i2 to i64
  // CHECK: %[[P3:.*]] = tfhe.encode %[[C3]] width 3 : i64 -> i64
  // CHECK: %[[REST:.*]] = tfhe.add_plaintext %[[NEGATED]], %[[P3]]
  %4 = fhe.sub_int_eint %c, %3 : (i2, !fhe.eint<3>) -> !fhe.eint<3>
  // CHECK: %[[C4:.*]] = arith.extsi %[[C]] : i2 to i64
  // CHECK: %[[PRODUCT:.*]] = tfhe.mul_int %[[REST]], %[[C4]] : !tfhe.lwe<3, dim = 64>, i64
  %5 = fhe.mul_eint_int %4, %c : (!fhe.eint<3>, i2) -> !fhe.eint<3>
  // CHECK: %[[R:.*]] = tfhe.neg %[[PRODUCT]]
  %6 = fhe.neg_eint %5 : !fhe.eint<3>
  // CHECK: return %[[R]] : !tfhe.lwe<3, dim = 64>
  return %6 : !fhe.eint<3>
}
}

// -----

// Signed integers keep their signedness; an i64 clear operand is used as is.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @signed
// CHECK-SAME: (%[[A:.*]]: !tfhe.lwe<5, signed, dim = 64>, %[[C:.*]]: i64) -> (!tfhe.lwe<5, signed, dim = 64>, !tfhe.lwe<5, signed, dim = 64>)
func.func @signed(%a: !fhe.esint<5>, %c: i64) -> (!fhe.esint<5>, !fhe.esint<5>) {
  // CHECK: %[[Z:.*]] = tfhe.zero : !tfhe.lwe<5, signed, dim = 64>
  %z = fhe.zero : !fhe.esint<5>
  // CHECK: %[[P:.*]] = tfhe.encode %[[C]] width 5 signed : i64 -> i64
  // CHECK: %[[R:.*]] = tfhe.add_plaintext %[[A]], %[[P]] : !tfhe.lwe<5, signed, dim = 64>, i64
  %0 = fhe.add_eint_int %a, %c : (!fhe.esint<5>, i64) -> !fhe.esint<5>
  // CHECK: return %[[R]], %[[Z]]
  return %0, %z : !fhe.esint<5>, !fhe.esint<5>
}
}

// -----

// Calls between functions follow the converted signatures.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func private @double
// CHECK-SAME: (%{{.*}}: tensor<2x!tfhe.lwe<4, dim = 64>>) -> tensor<2x!tfhe.lwe<4, dim = 64>>
func.func private @double(%x: tensor<2x!fhe.eint<4>>) -> tensor<2x!fhe.eint<4>> {
  %0 = fhelinalg.add_eint %x, %x : (tensor<2x!fhe.eint<4>>, tensor<2x!fhe.eint<4>>) -> tensor<2x!fhe.eint<4>>
  return %0 : tensor<2x!fhe.eint<4>>
}
// CHECK-LABEL: func.func @caller
// CHECK: %[[R:.*]] = call @double(%{{.*}}) : (tensor<2x!tfhe.lwe<4, dim = 64>>) -> tensor<2x!tfhe.lwe<4, dim = 64>>
// CHECK: return %[[R]]
func.func @caller(%x: tensor<2x!fhe.eint<4>>) -> tensor<2x!fhe.eint<4>> {
  %0 = call @double(%x) : (tensor<2x!fhe.eint<4>>) -> tensor<2x!fhe.eint<4>>
  return %0 : tensor<2x!fhe.eint<4>>
}
}

// RUN: shade-opt %s --shade-fhe-to-tfhe --split-input-file | FileCheck %s

// numpy broadcasting is in the indexing maps: an operand with fewer
// dimensions drops the leading loops, a size-1 dimension reads index 0.

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[COLUMN:.*]] = affine_map<(d0, d1) -> (d0, 0)>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @broadcasting
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!tfhe.lwe<4, dim = 64>>, %[[Y:.*]]: tensor<3x!tfhe.lwe<4, dim = 64>>, %[[C:.*]]: tensor<2x1xi8>)
func.func @broadcasting(%x: tensor<2x3x!fhe.eint<4>>, %y: tensor<3x!fhe.eint<4>>, %c: tensor<2x1xi8>)
    -> (tensor<2x3x!fhe.eint<4>>, tensor<2x3x!fhe.eint<4>>, tensor<2x3x!fhe.eint<4>>) {
  // CHECK: %[[E0:.*]] = tensor.empty() : tensor<2x3x!tfhe.lwe<4, dim = 64>>
  // CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
  // CHECK-SAME: ins(%[[X]], %[[Y]] : tensor<2x3x!tfhe.lwe<4, dim = 64>>, tensor<3x!tfhe.lwe<4, dim = 64>>) outs(%[[E0]] :
  // CHECK: ^bb0(%[[A:.*]]: !tfhe.lwe<4, dim = 64>, %[[B:.*]]: !tfhe.lwe<4, dim = 64>, %{{.*}}: !tfhe.lwe<4, dim = 64>):
  // CHECK-NEXT: %[[S:.*]] = tfhe.add %[[A]], %[[B]] : !tfhe.lwe<4, dim = 64>
  // CHECK-NEXT: linalg.yield %[[S]]
  %0 = fhelinalg.add_eint %x, %y : (tensor<2x3x!fhe.eint<4>>, tensor<3x!fhe.eint<4>>) -> tensor<2x3x!fhe.eint<4>>
  // CHECK: %[[REST:.*]] = linalg.generic {indexing_maps = [#[[COLUMN]], #[[ID]], #[[ID]]]
  // CHECK-SAME: ins(%[[C]], %[[SUM]] : tensor<2x1xi8>, tensor<2x3x!tfhe.lwe<4, dim = 64>>)
  // CHECK: ^bb0(%[[K:.*]]: i8, %[[V:.*]]: !tfhe.lwe<4, dim = 64>, %{{.*}}: !tfhe.lwe<4, dim = 64>):
  // CHECK-NEXT: %[[N:.*]] = tfhe.neg %[[V]]
  // CHECK-NEXT: %[[K64:.*]] = arith.extsi %[[K]] : i8 to i64
  // CHECK-NEXT: %[[P:.*]] = tfhe.encode %[[K64]] width 4 : i64 -> i64
  // CHECK-NEXT: %[[D:.*]] = tfhe.add_plaintext %[[N]], %[[P]]
  // CHECK-NEXT: linalg.yield %[[D]]
  %1 = fhelinalg.sub_int_eint %c, %0 : (tensor<2x1xi8>, tensor<2x3x!fhe.eint<4>>) -> tensor<2x3x!fhe.eint<4>>
  // CHECK: %[[PRODUCT:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[COLUMN]], #[[ID]]]
  // CHECK: ^bb0(%[[V2:.*]]: !tfhe.lwe<4, dim = 64>, %[[K2:.*]]: i8, %{{.*}}: !tfhe.lwe<4, dim = 64>):
  // CHECK-NEXT: %[[K2_64:.*]] = arith.extsi %[[K2]] : i8 to i64
  // CHECK-NEXT: %[[M:.*]] = tfhe.mul_int %[[V2]], %[[K2_64]]
  // CHECK-NEXT: linalg.yield %[[M]]
  %2 = fhelinalg.mul_eint_int %1, %c : (tensor<2x3x!fhe.eint<4>>, tensor<2x1xi8>) -> tensor<2x3x!fhe.eint<4>>
  // CHECK: return %[[SUM]], %[[REST]], %[[PRODUCT]]
  return %0, %1, %2 : tensor<2x3x!fhe.eint<4>>, tensor<2x3x!fhe.eint<4>>, tensor<2x3x!fhe.eint<4>>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @subtractions
func.func @subtractions(%x: tensor<4x!fhe.esint<5>>, %y: tensor<1x!fhe.esint<5>>, %c: tensor<4xi3>)
    -> (tensor<4x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>) {
  // CHECK: linalg.generic
  // CHECK: tfhe.sub %{{.*}}, %{{.*}} : !tfhe.lwe<5, signed, dim = 64>
  %0 = fhelinalg.sub_eint %x, %y : (tensor<4x!fhe.esint<5>>, tensor<1x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>>
  // CHECK: linalg.generic
  // CHECK: ^bb0(%[[V:.*]]: !tfhe.lwe<5, signed, dim = 64>, %[[K:.*]]: i3, %{{.*}}: !tfhe.lwe<5, signed, dim = 64>):
  // CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i64
  // CHECK-NEXT: %[[K64:.*]] = arith.extsi %[[K]] : i3 to i64
  // CHECK-NEXT: %[[NEG:.*]] = arith.subi %[[ZERO]], %[[K64]] : i64
  // CHECK-NEXT: %[[P:.*]] = tfhe.encode %[[NEG]] width 5 signed : i64 -> i64
  // CHECK-NEXT: tfhe.add_plaintext %[[V]], %[[P]]
  %1 = fhelinalg.sub_eint_int %0, %c : (tensor<4x!fhe.esint<5>>, tensor<4xi3>) -> tensor<4x!fhe.esint<5>>
  return %0, %1 : tensor<4x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>
}
}

// -----

// Without broadcasting, zero and negation are the tensor forms of the tfhe
// ops.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @zero_and_negation
// CHECK-NEXT: %[[Z:.*]] = tfhe.zero : tensor<2x2x!tfhe.lwe<3, dim = 64>>
// CHECK-NEXT: %[[N:.*]] = tfhe.neg %[[Z]] : tensor<2x2x!tfhe.lwe<3, dim = 64>>
// CHECK-NEXT: return %[[N]]
func.func @zero_and_negation() -> tensor<2x2x!fhe.eint<3>> {
  %z = fhelinalg.zero : tensor<2x2x!fhe.eint<3>>
  %n = fhelinalg.neg_eint %z : tensor<2x2x!fhe.eint<3>>
  return %n : tensor<2x2x!fhe.eint<3>>
}
}

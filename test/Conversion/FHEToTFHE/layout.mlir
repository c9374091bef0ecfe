// RUN: shade-opt %s --shade-fhe-to-tfhe --split-input-file | FileCheck %s

// Data movement keeps its form on the converted element type.

// CHECK-DAG: #[[FROM:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[TO:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @layout
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!tfhe.lwe<4, dim = 64>>, %[[Y:.*]]: tensor<2x1x!tfhe.lwe<4, dim = 64>>, %[[C:.*]]: tensor<3x1x!tfhe.lwe<4, dim = 64>>)
func.func @layout(%x: tensor<2x3x!fhe.eint<4>>, %y: tensor<2x1x!fhe.eint<4>>, %c: tensor<3x1x!fhe.eint<4>>)
    -> (tensor<3x2x!fhe.eint<4>>, tensor<2x4x!fhe.eint<4>>, tensor<2x3x4x!fhe.eint<4>>) {
  // CHECK: %[[E:.*]] = tensor.empty() : tensor<3x2x!tfhe.lwe<4, dim = 64>>
  // CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3x!tfhe.lwe<4, dim = 64>>) outs(%[[E]] : tensor<3x2x!tfhe.lwe<4, dim = 64>>) permutation = [1, 0]
  %0 = fhelinalg.transpose %x : tensor<2x3x!fhe.eint<4>> -> tensor<3x2x!fhe.eint<4>>
  // CHECK: %[[CAT:.*]] = tensor.concat dim(1) %[[X]], %[[Y]] : (tensor<2x3x!tfhe.lwe<4, dim = 64>>, tensor<2x1x!tfhe.lwe<4, dim = 64>>) -> tensor<2x4x!tfhe.lwe<4, dim = 64>>
  %1 = fhelinalg.concat %x, %y {axis = -1} : (tensor<2x3x!fhe.eint<4>>, tensor<2x1x!fhe.eint<4>>) -> tensor<2x4x!fhe.eint<4>>
  // CHECK: %[[B:.*]] = linalg.generic {indexing_maps = [#[[FROM]], #[[TO]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[C]] : tensor<3x1x!tfhe.lwe<4, dim = 64>>)
  // CHECK-NEXT: ^bb0(%[[IN:.*]]: !tfhe.lwe<4, dim = 64>, %{{.*}}: !tfhe.lwe<4, dim = 64>):
  // CHECK-NEXT: linalg.yield %[[IN]]
  %2 = fhelinalg.broadcast %c : tensor<3x1x!fhe.eint<4>> -> tensor<2x3x4x!fhe.eint<4>>
  // CHECK: return %[[T]], %[[CAT]], %[[B]]
  return %0, %1, %2 : tensor<3x2x!fhe.eint<4>>, tensor<2x4x!fhe.eint<4>>, tensor<2x3x4x!fhe.eint<4>>
}
}

// -----

module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @tensor_ops
// CHECK-SAME: (%[[X:.*]]: tensor<4x6x!tfhe.lwe<5, signed, dim = 64>>, %[[S:.*]]: !tfhe.lwe<5, signed, dim = 64>)
func.func @tensor_ops(%x: tensor<4x6x!fhe.esint<5>>, %s: !fhe.esint<5>)
    -> (tensor<2x3x!fhe.esint<5>>, tensor<4x6x!fhe.esint<5>>, !fhe.esint<5>, tensor<2x!fhe.esint<5>>, tensor<2x2x6x!fhe.esint<5>>, tensor<24x!fhe.esint<5>>) {
  // CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[X]][1, 2] [2, 3] [2, 1] : tensor<4x6x!tfhe.lwe<5, signed, dim = 64>> to tensor<2x3x!tfhe.lwe<5, signed, dim = 64>>
  %slice = tensor.extract_slice %x[1, 2] [2, 3] [2, 1] : tensor<4x6x!fhe.esint<5>> to tensor<2x3x!fhe.esint<5>>
  // CHECK: %[[INSERTED:.*]] = tensor.insert_slice %[[SLICE]] into %[[X]][0, 0] [2, 3] [1, 2]
  %inserted = tensor.insert_slice %slice into %x[0, 0] [2, 3] [1, 2] : tensor<2x3x!fhe.esint<5>> into tensor<4x6x!fhe.esint<5>>
  %c2 = arith.constant 2 : index
  // CHECK: %[[E:.*]] = tensor.extract %[[X]][%{{.*}}, %{{.*}}] : tensor<4x6x!tfhe.lwe<5, signed, dim = 64>>
  %e = tensor.extract %x[%c2, %c2] : tensor<4x6x!fhe.esint<5>>
  // CHECK: %[[FROM:.*]] = tensor.from_elements %[[E]], %[[S]] : tensor<2x!tfhe.lwe<5, signed, dim = 64>>
  %from = tensor.from_elements %e, %s : tensor<2x!fhe.esint<5>>
  // CHECK: %[[EXPANDED:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1], [2]] output_shape [2, 2, 6] : tensor<4x6x!tfhe.lwe<5, signed, dim = 64>> into tensor<2x2x6x!tfhe.lwe<5, signed, dim = 64>>
  %expanded = tensor.expand_shape %x [[0, 1], [2]] output_shape [2, 2, 6] : tensor<4x6x!fhe.esint<5>> into tensor<2x2x6x!fhe.esint<5>>
  // CHECK: %[[COLLAPSED:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1]] : tensor<4x6x!tfhe.lwe<5, signed, dim = 64>> into tensor<24x!tfhe.lwe<5, signed, dim = 64>>
  %collapsed = tensor.collapse_shape %x [[0, 1]] : tensor<4x6x!fhe.esint<5>> into tensor<24x!fhe.esint<5>>
  // CHECK: return %[[SLICE]], %[[INSERTED]], %[[E]], %[[FROM]], %[[EXPANDED]], %[[COLLAPSED]]
  return %slice, %inserted, %e, %from, %expanded, %collapsed
      : tensor<2x3x!fhe.esint<5>>, tensor<4x6x!fhe.esint<5>>, !fhe.esint<5>, tensor<2x!fhe.esint<5>>, tensor<2x2x6x!fhe.esint<5>>, tensor<24x!fhe.esint<5>>
}
}

// RUN: shade-opt %s --shade-fhe-to-tfhe --split-input-file | FileCheck %s

// Each linear op is one linalg.generic accumulating tfhe.mul_int products
// with tfhe.add into tfhe.zero (or the bias).

// Batched matmul: loops (b0, b1, m, n, k); the lhs batch dimension of size
// 1 broadcasts (index 0), the 3-D rhs has no first batch dimension.
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @batched_matmul
// CHECK-SAME: (%[[A:.*]]: tensor<2x1x2x3x!tfhe.lwe<6, dim = 64>>, %[[W:.*]]: tensor<3x3x2xi8>)
func.func @batched_matmul(%a: tensor<2x1x2x3x!fhe.eint<6>>, %w: tensor<3x3x2xi8>) -> tensor<2x3x2x2x!fhe.eint<6>> {
  // CHECK: %[[Z:.*]] = tfhe.zero : tensor<2x3x2x2x!tfhe.lwe<6, dim = 64>>
  // CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
  // CHECK-SAME: ins(%[[A]], %[[W]] : {{.*}}) outs(%[[Z]] : tensor<2x3x2x2x!tfhe.lwe<6, dim = 64>>)
  // CHECK: ^bb0(%[[X:.*]]: !tfhe.lwe<6, dim = 64>, %[[C:.*]]: i8, %[[ACC:.*]]: !tfhe.lwe<6, dim = 64>):
  // CHECK-NEXT: %[[C64:.*]] = arith.extsi %[[C]] : i8 to i64
  // CHECK-NEXT: %[[P:.*]] = tfhe.mul_int %[[X]], %[[C64]] : !tfhe.lwe<6, dim = 64>, i64
  // CHECK-NEXT: %[[S:.*]] = tfhe.add %[[ACC]], %[[P]] : !tfhe.lwe<6, dim = 64>
  // CHECK-NEXT: linalg.yield %[[S]]
  // CHECK: return %[[R]]
  %0 = fhelinalg.matmul_eint_int %a, %w : (tensor<2x1x2x3x!fhe.eint<6>>, tensor<3x3x2xi8>) -> tensor<2x3x2x2x!fhe.eint<6>>
  return %0 : tensor<2x3x2x2x!fhe.eint<6>>
}
}

// -----

// A clear matrix times an encrypted vector: loops (m, k).
// CHECK-DAG: #[[VECTOR:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[MATRIX:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[RESULT:.*]] = affine_map<(d0, d1) -> (d0)>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @matrix_vector
// CHECK-SAME: (%[[M:.*]]: tensor<2x3xi8>, %[[V:.*]]: tensor<3x!tfhe.lwe<6, dim = 64>>)
// CHECK: linalg.generic {indexing_maps = [#[[VECTOR]], #[[MATRIX]], #[[RESULT]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[V]], %[[M]] :
func.func @matrix_vector(%m: tensor<2x3xi8>, %v: tensor<3x!fhe.eint<6>>) -> tensor<2x!fhe.eint<6>> {
  %0 = fhelinalg.matmul_int_eint %m, %v : (tensor<2x3xi8>, tensor<3x!fhe.eint<6>>) -> tensor<2x!fhe.eint<6>>
  return %0 : tensor<2x!fhe.eint<6>>
}
}

// -----

// A dot product accumulates into a 0-d tensor whose element is the result.
// CHECK-DAG: #[[K:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SCALAR:.*]] = affine_map<(d0) -> ()>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @dot
// CHECK: %[[Z:.*]] = tfhe.zero : tensor<!tfhe.lwe<6, dim = 64>>
// CHECK: %[[D:.*]] = linalg.generic {indexing_maps = [#[[K]], #[[K]], #[[SCALAR]]], iterator_types = ["reduction"]}
// CHECK-SAME: outs(%[[Z]] : tensor<!tfhe.lwe<6, dim = 64>>)
// CHECK: %[[R:.*]] = tensor.extract %[[D]][] : tensor<!tfhe.lwe<6, dim = 64>>
// CHECK: return %[[R]] : !tfhe.lwe<6, dim = 64>
func.func @dot(%v: tensor<3x!fhe.eint<6>>) -> !fhe.eint<6> {
  %c = arith.constant dense<[1, 2, 3]> : tensor<3xi8>
  %0 = fhelinalg.dot_eint_int %v, %c : (tensor<3x!fhe.eint<6>>, tensor<3xi8>) -> !fhe.eint<6>
  return %0 : !fhe.eint<6>
}
}

// -----

// Sums: the summed axes are reduction loops; keep_dims reads them at 0.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-DAG: #[[KEPT:.*]] = affine_map<(d0, d1, d2) -> (0, d1, 0)>
// CHECK-DAG: #[[MIDDLE:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @sums
func.func @sums(%x: tensor<2x3x4x!fhe.esint<7>>)
    -> (!fhe.esint<7>, tensor<1x3x1x!fhe.esint<7>>, tensor<2x4x!fhe.esint<7>>) {
  // CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[ALL]]], iterator_types = ["reduction", "reduction", "reduction"]}
  // CHECK: ^bb0(%[[X:.*]]: !tfhe.lwe<7, signed, dim = 64>, %[[ACC:.*]]: !tfhe.lwe<7, signed, dim = 64>):
  // CHECK-NEXT: tfhe.add %[[ACC]], %[[X]]
  // CHECK: tensor.extract
  %0 = fhelinalg.sum %x : tensor<2x3x4x!fhe.esint<7>> -> !fhe.esint<7>
  // CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[KEPT]]], iterator_types = ["reduction", "parallel", "reduction"]}
  %1 = fhelinalg.sum %x {axes = [0, -1], keep_dims = true} : tensor<2x3x4x!fhe.esint<7>> -> tensor<1x3x1x!fhe.esint<7>>
  // CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[MIDDLE]]], iterator_types = ["parallel", "reduction", "parallel"]}
  %2 = fhelinalg.sum %x {axes = [1]} : tensor<2x3x4x!fhe.esint<7>> -> tensor<2x4x!fhe.esint<7>>
  return %0, %1, %2 : !fhe.esint<7>, tensor<1x3x1x!fhe.esint<7>>, tensor<2x4x!fhe.esint<7>>
}
}

// -----

// conv2d: the input is padded with trivial zeros, channels and filters are
// split into their groups, and the loops (n, g, f, oh, ow, c, kh, kw) read
// the input at (oh * stride + kh * dilation, ow * stride + kw * dilation).
// The accumulator starts as the encoded bias.
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2)>
// CHECK-DAG: #[[INIT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[INPUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 * 2 + d6, d4 + d7 * 2)>
// CHECK-DAG: #[[WEIGHT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[RESULT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x5x5x!tfhe.lwe<6, signed, dim = 64>>, %[[W:.*]]: tensor<4x2x3x2xi8>, %[[B:.*]]: tensor<4xi8>)
func.func @conv(%x: tensor<1x4x5x5x!fhe.esint<6>>, %w: tensor<4x2x3x2xi8>, %b: tensor<4xi8>) -> tensor<1x4x3x4x!fhe.esint<6>> {
  // CHECK: %[[PADDED:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 1, 1] {
  // CHECK: %[[ZERO:.*]] = tfhe.zero : !tfhe.lwe<6, signed, dim = 64>
  // CHECK-NEXT: tensor.yield %[[ZERO]]
  // CHECK: } : tensor<1x4x5x5x!tfhe.lwe<6, signed, dim = 64>> to tensor<1x4x7x6x!tfhe.lwe<6, signed, dim = 64>>
  // CHECK: %[[GX:.*]] = tensor.expand_shape %[[PADDED]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 2, 7, 6]
  // CHECK: %[[GW:.*]] = tensor.expand_shape %[[W]] {{\[\[}}0, 1], [2], [3], [4]] output_shape [2, 2, 2, 3, 2]
  // CHECK: %[[GB:.*]] = tensor.expand_shape %[[B]] {{\[\[}}0, 1]] output_shape [2, 2]
  // CHECK: %[[INIT_VALUE:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[INIT]]]
  // CHECK-SAME: ins(%[[GB]] : tensor<2x2xi8>)
  // CHECK: tfhe.zero
  // CHECK: tfhe.encode %{{.*}} width 6 signed
  // CHECK: tfhe.add_plaintext
  // CHECK: %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[INPUT]], #[[WEIGHT]], #[[RESULT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
  // CHECK-SAME: ins(%[[GX]], %[[GW]] : {{.*}}) outs(%[[INIT_VALUE]] :
  // CHECK: %[[R:.*]] = tensor.collapse_shape %[[CONV]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x2x3x4x!tfhe.lwe<6, signed, dim = 64>> into tensor<1x4x3x4x!tfhe.lwe<6, signed, dim = 64>>
  // CHECK: return %[[R]]
  %r = fhelinalg.conv2d %x, %w, %b {strides = [2, 1], pads = [1, 0, 1, 1], dilations = [1, 2], group = 2 : i64} : (tensor<1x4x5x5x!fhe.esint<6>>, tensor<4x2x3x2xi8>, tensor<4xi8>) -> tensor<1x4x3x4x!fhe.esint<6>>
  return %r : tensor<1x4x3x4x!fhe.esint<6>>
}
}

// -----

// Without pads nor bias: no tensor.pad, a tfhe.zero accumulator.
module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 4, glwe_dim = 1, poly_size = 64, lwe_noise_std = 1.0e-05, glwe_noise_std = 1.0e-10, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
// CHECK-LABEL: func.func @conv_plain
// CHECK-NOT: tensor.pad
// CHECK: %[[Z:.*]] = tfhe.zero : tensor<1x1x2x2x2x!tfhe.lwe<5, dim = 64>>
// CHECK: linalg.generic
// CHECK-SAME: outs(%[[Z]] :
func.func @conv_plain(%x: tensor<1x3x3x3x!fhe.eint<5>>, %w: tensor<2x3x2x2xi4>) -> tensor<1x2x2x2x!fhe.eint<5>> {
  %r = fhelinalg.conv2d %x, %w : (tensor<1x3x3x3x!fhe.eint<5>>, tensor<2x3x2x2xi4>) -> tensor<1x2x2x2x!fhe.eint<5>>
  return %r : tensor<1x2x2x2x!fhe.eint<5>>
}
}

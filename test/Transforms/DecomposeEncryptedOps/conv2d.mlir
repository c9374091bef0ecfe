// RUN: shade-opt --shade-infer-ranges --shade-decompose-encrypted-ops %s | FileCheck %s

// A convolution by an encrypted weight: per group, the cells each kernel
// position sees (strided slices of the zero-padded images) are joined along
// the channel axis; the weight is reordered to match ([F, KH, KW, C/group]
// flattened); the products are summed over the joined axis; the groups are
// concatenated and the bias added.

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<1x2x3x3x!fhe.esint<5>> {fhe.range = array<i64: 0, 2>},
                %w: tensor<2x1x2x2x!fhe.esint<5>> {fhe.range = array<i64: -1, 1>},
                %b: tensor<2x!fhe.esint<5>> {fhe.range = array<i64: 0, 1>})
    -> tensor<1x2x2x2x!fhe.esint<5>> {
  // CHECK: %[[Z:.*]] = fhelinalg.zero {fhe.range = array<i64: 0, 0>} : tensor<1x2x4x4x!fhe.esint<5>>
  // CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}} into %[[Z]][0, 0, 1, 1] [1, 2, 3, 3] [1, 1, 1, 1] {fhe.range = array<i64: 0, 2>}
  // CHECK: %[[WT:.*]] = fhelinalg.transpose %{{.*}} {axes = [0, 2, 3, 1], fhe.range = array<i64: -1, 1>} : tensor<2x1x2x2x!fhe.esint<5>> -> tensor<2x2x2x1x!fhe.esint<5>>
  // CHECK: %[[WC:.*]] = tensor.collapse_shape %[[WT]] {{\[}}[0], [1, 2, 3]] {fhe.range = array<i64: -1, 1>} : tensor<2x2x2x1x!fhe.esint<5>> into tensor<2x4x!fhe.esint<5>>
  // CHECK: %[[WE:.*]] = tensor.expand_shape %[[WC]] {{\[}}[0], [1, 2, 3]] output_shape [2, 4, 1, 1]
  // Group 0: channel 0, kernel positions (0,0), (0,1), (1,0), (1,1).
  // CHECK: %[[X0:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 0] [1, 1, 2, 2] [1, 1, 2, 2]
  // CHECK: %[[X1:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 1] [1, 1, 2, 2] [1, 1, 2, 2]
  // CHECK: %[[X2:.*]] = tensor.extract_slice %[[P]][0, 0, 1, 0] [1, 1, 2, 2] [1, 1, 2, 2]
  // CHECK: %[[X3:.*]] = tensor.extract_slice %[[P]][0, 0, 1, 1] [1, 1, 2, 2] [1, 1, 2, 2]
  // CHECK: %[[XC:.*]] = fhelinalg.concat %[[X0]], %[[X1]], %[[X2]], %[[X3]] {axis = 1 : i64, fhe.range = array<i64: 0, 2>} {{.*}} -> tensor<1x4x2x2x!fhe.esint<5>>
  // CHECK: %[[XE:.*]] = tensor.expand_shape %[[XC]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 1, 4, 2, 2]
  // CHECK: %[[W0:.*]] = tensor.extract_slice %[[WE]][0, 0, 0, 0] [1, 4, 1, 1] [1, 1, 1, 1] {{.*}} to tensor<1x4x1x1x!fhe.esint<5>>
  // CHECK: %[[S:.*]] = fhelinalg.add_eint %[[XE]], %[[W0]] {fhe.range = array<i64: -1, 3>} : (tensor<1x1x4x2x2x!fhe.esint<5>>, tensor<1x4x1x1x!fhe.esint<5>>) -> tensor<1x1x4x2x2x!fhe.esint<5>>
  // CHECK: %[[D:.*]] = fhelinalg.sub_eint %[[XE]], %[[W0]] {fhe.range = array<i64: -1, 3>}
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 2>} dense<[0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<32xi64>
  // CHECK: fhelinalg.apply_lookup_table %[[S]], %[[T]]
  // CHECK: fhelinalg.apply_lookup_table %[[D]], %[[T]]
  // CHECK: %[[PR:.*]] = fhelinalg.sub_eint {{.*}} {fhe.proven_range = array<i64: -2, 2>, fhe.range = array<i64: -2, 2>}
  // Four products in [-2, 2]: the sum before the bias is the result less
  // the bias, [-8, 9] - [0, 1].
  // CHECK: %[[G0:.*]] = fhelinalg.sum %[[PR]] {axes = [2], fhe.range = array<i64: -9, 9>} : tensor<1x1x4x2x2x!fhe.esint<5>> -> tensor<1x1x2x2x!fhe.esint<5>>
  // Group 1: channel 1.
  // CHECK: tensor.extract_slice %[[P]][0, 1, 0, 0] [1, 1, 2, 2] [1, 1, 2, 2]
  // CHECK: tensor.extract_slice %[[WE]][1, 0, 0, 0] [1, 4, 1, 1] [1, 1, 1, 1]
  // CHECK: %[[G1:.*]] = fhelinalg.sum
  // CHECK: %[[G:.*]] = fhelinalg.concat %[[G0]], %[[G1]] {axis = 1 : i64
  // CHECK: %[[BE:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1, 2]] output_shape [2, 1, 1]
  // CHECK: %[[R:.*]] = fhelinalg.add_eint %[[G]], %[[BE]] {fhe.range = array<i64: -8, 9>} : (tensor<1x2x2x2x!fhe.esint<5>>, tensor<2x1x1x!fhe.esint<5>>) -> tensor<1x2x2x2x!fhe.esint<5>>
  // CHECK: return %[[R]]
  %c = fhelinalg.conv2d %x, %w, %b {pads = [1, 1, 0, 0], strides = [2, 2], group = 2}
      : (tensor<1x2x3x3x!fhe.esint<5>>, tensor<2x1x2x2x!fhe.esint<5>>, tensor<2x!fhe.esint<5>>)
      -> tensor<1x2x2x2x!fhe.esint<5>>
  return %c : tensor<1x2x2x2x!fhe.esint<5>>
}

// A clear weight keeps the op: it is levelled.

// CHECK-LABEL: func.func @clear_weight
func.func @clear_weight(%x: tensor<1x1x2x2x!fhe.esint<5>>) -> tensor<1x1x1x1x!fhe.esint<5>> {
  %w = arith.constant dense<1> : tensor<1x1x2x2xi64>
  // CHECK: fhelinalg.conv2d
  %c = fhelinalg.conv2d %x, %w : (tensor<1x1x2x2x!fhe.esint<5>>, tensor<1x1x2x2xi64>) -> tensor<1x1x1x1x!fhe.esint<5>>
  return %c : tensor<1x1x1x1x!fhe.esint<5>>
}

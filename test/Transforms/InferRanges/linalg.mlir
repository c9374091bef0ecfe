// RUN: shade-opt --shade-infer-ranges %s | FileCheck %s

// Per-element ranges: constants and the results computed from them keep one
// interval per element; tensor.extract reads one of them back.

// CHECK-LABEL: func.func @per_element
func.func @per_element(%x: tensor<2x3x!fhe.esint<7>> {fhe.range = array<i64: 0, 3>})
    -> (!fhe.esint<7>, !fhe.esint<7>, !fhe.esint<7>, !fhe.esint<7>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: arith.constant {fhe.range = array<i64: 0, 20>} dense<{{\[}}[0], [20]]>
  %shift = arith.constant dense<[[0], [20]]> : tensor<2x1xi64>
  // Rows [0, 3] and [20, 23].
  // CHECK: fhelinalg.add_eint_int {{.*}} {fhe.range = array<i64: 0, 23>}
  %s = fhelinalg.add_eint_int %x, %shift
      : (tensor<2x3x!fhe.esint<7>>, tensor<2x1xi64>) -> tensor<2x3x!fhe.esint<7>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 0, 3>}
  %e0 = tensor.extract %s[%c0, %c1] : tensor<2x3x!fhe.esint<7>>
  // Row sums: [0, 9] and [60, 69].
  // CHECK: fhelinalg.sum {{.*}}fhe.range = array<i64: 0, 69>}
  %sum = fhelinalg.sum %s {axes = [1]} : tensor<2x3x!fhe.esint<7>> -> tensor<2x!fhe.esint<7>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 60, 69>}
  %e1 = tensor.extract %sum[%c1] : tensor<2x!fhe.esint<7>>
  // Column 0 of w: [0,3] + 2 [0,3] - 3 [0,3] = [-9, 9] in row 0 and
  // [20,23] + 2 [20,23] - 3 [20,23] = [-9, 9] in row 1; column 1: -[0,3]
  // + [0,3] = [-3, 3] and -[20,23] + [20,23] = [-3, 3].
  %w = arith.constant dense<[[1, -1], [2, 0], [-3, 1]]> : tensor<3x2xi64>
  // CHECK: fhelinalg.matmul_eint_int {{.*}} {fhe.range = array<i64: -9, 9>}
  %m = fhelinalg.matmul_eint_int %s, %w
      : (tensor<2x3x!fhe.esint<7>>, tensor<3x2xi64>) -> tensor<2x2x!fhe.esint<7>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: -3, 3>}
  %e2 = tensor.extract %m[%c1, %c1] : tensor<2x2x!fhe.esint<7>>
  // The hull of every element of row 1 of the input, dynamically indexed.
  %i = arith.constant dense<[0, 1]> : tensor<2xindex>
  %dyn = tensor.extract %i[%c1] : tensor<2xindex>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: -9, 9>}
  %e3 = tensor.extract %m[%dyn, %c0] : tensor<2x2x!fhe.esint<7>>
  return %e0, %e1, %e2, %e3 : !fhe.esint<7>, !fhe.esint<7>, !fhe.esint<7>, !fhe.esint<7>
}

// CHECK-LABEL: func.func @products
func.func @products(%a: tensor<3x!fhe.esint<6>> {fhe.range = array<i64: -2, 3>},
                    %b: tensor<2x3x!fhe.esint<6>> {fhe.range = array<i64: 1, 2>},
                    %c: tensor<3x2x!fhe.esint<6>> {fhe.range = array<i64: 0, 1>})
    -> !fhe.esint<6> {
  %v = arith.constant dense<[1, -2, 3]> : tensor<3xi64>
  // [-2,3] * 1 + [-2,3] * -2 + [-2,3] * 3 = [-2,3] + [-6,4] + [-6,9].
  // CHECK: fhelinalg.dot_eint_int {{.*}} {fhe.range = array<i64: -14, 16>}
  %0 = fhelinalg.dot_eint_int %a, %v : (tensor<3x!fhe.esint<6>>, tensor<3xi64>) -> !fhe.esint<6>
  // 3 [-2,3] * [-2,3] = [-18, 27].
  // CHECK: fhelinalg.dot_eint_eint {{.*}} {fhe.range = array<i64: -18, 27>}
  %1 = fhelinalg.dot_eint_eint %a, %a : (tensor<3x!fhe.esint<6>>, tensor<3x!fhe.esint<6>>) -> !fhe.esint<6>
  // Rows of the clear lhs: [1, 0, 2] . [0,1] = [0, 3]; [0, -1, 1] . = [-1, 1].
  %l = arith.constant dense<[[1, 0, 2], [0, -1, 1]]> : tensor<2x3xi64>
  // CHECK: fhelinalg.matmul_int_eint {{.*}} {fhe.range = array<i64: -1, 3>}
  %2 = fhelinalg.matmul_int_eint %l, %c : (tensor<2x3xi64>, tensor<3x2x!fhe.esint<6>>) -> tensor<2x2x!fhe.esint<6>>
  // 3 [1,2] * [0,1] = [0, 6].
  // CHECK: fhelinalg.matmul_eint_eint {{.*}} {fhe.range = array<i64: 0, 6>}
  %3 = fhelinalg.matmul_eint_eint %b, %c : (tensor<2x3x!fhe.esint<6>>, tensor<3x2x!fhe.esint<6>>) -> tensor<2x2x!fhe.esint<6>>
  // A 1-D lhs is a row: 3 [-2,3] * [0,1] = [-6, 9].
  // CHECK: fhelinalg.matmul_eint_eint {{.*}} {fhe.range = array<i64: -6, 9>}
  %4 = fhelinalg.matmul_eint_eint %a, %c : (tensor<3x!fhe.esint<6>>, tensor<3x2x!fhe.esint<6>>) -> tensor<2x!fhe.esint<6>>
  // Elementwise products broadcast: [1,2] * [-2,3].
  // CHECK: fhelinalg.mul_eint {{.*}} {fhe.range = array<i64: -4, 6>}
  %5 = fhelinalg.mul_eint %b, %a : (tensor<2x3x!fhe.esint<6>>, tensor<3x!fhe.esint<6>>) -> tensor<2x3x!fhe.esint<6>>
  // CHECK: fhelinalg.max_eint {{.*}} {fhe.range = array<i64: 1, 3>}
  %6 = fhelinalg.max_eint %b, %a : (tensor<2x3x!fhe.esint<6>>, tensor<3x!fhe.esint<6>>) -> tensor<2x3x!fhe.esint<6>>
  // [-2,3] * 1, [-2,3] * -2, [-2,3] * 3.
  // CHECK: fhelinalg.mul_eint_int {{.*}} {fhe.range = array<i64: -6, 9>}
  %7 = fhelinalg.mul_eint_int %a, %v : (tensor<3x!fhe.esint<6>>, tensor<3xi64>) -> tensor<3x!fhe.esint<6>>
  // 1 - [-2,3], -2 - [-2,3], 3 - [-2,3].
  // CHECK: fhelinalg.sub_int_eint {{.*}} {fhe.range = array<i64: -5, 5>}
  %8 = fhelinalg.sub_int_eint %v, %a : (tensor<3xi64>, tensor<3x!fhe.esint<6>>) -> tensor<3x!fhe.esint<6>>
  return %0 : !fhe.esint<6>
}

// CHECK-LABEL: func.func @windows
func.func @windows(%x: tensor<1x2x3x3x!fhe.eint<6>> {fhe.range = array<i64: 1, 3>})
    -> tensor<1x2x2x2x!fhe.eint<6>> {
  // Two filters of one channel each (group 2), pads 1 top and left:
  // filter 0 sums up to 4 cells, filter 1 weighs them 1, -1, 0, 2.
  %w = arith.constant dense<[[[[1, 1], [1, 1]]], [[[1, -1], [0, 2]]]]> : tensor<2x1x2x2xi64>
  %bias = arith.constant dense<[10, -10]> : tensor<2xi64>
  // Filter 0 adds 1, 2, 2 and 4 cells to 10: [11, 13] to [14, 22]. Filter 1:
  // cells (0, 0) and (0, 1) see weight 2 only: [-8, -4]; cell (1, 0) weights
  // -1 and 2: [-11, -5]; cell (1, 1) all four: [-10, -2].
  // CHECK: fhelinalg.conv2d {{.*}} {fhe.range = array<i64: -11, 22>
  %c = fhelinalg.conv2d %x, %w, %bias {pads = [1, 1, 0, 0], strides = [2, 2], group = 2}
      : (tensor<1x2x3x3x!fhe.eint<6>>, tensor<2x1x2x2xi64>, tensor<2xi64>)
      -> tensor<1x2x2x2x!fhe.eint<6>>
  // CHECK: fhelinalg.maxpool2d {{.*}} {fhe.range = array<i64: 1, 3>
  %p = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], pads = [1, 1, 0, 0], strides = [2, 2]}
      : tensor<1x2x3x3x!fhe.eint<6>> -> tensor<1x2x2x2x!fhe.eint<6>>
  return %p : tensor<1x2x2x2x!fhe.eint<6>>
}

// CHECK-LABEL: func.func @layout
func.func @layout(%x: tensor<2x3x!fhe.eint<5>> {fhe.range = array<i64: 0, 3>})
    -> !fhe.eint<5> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %k = arith.constant dense<[[0, 1, 2], [3, 4, 5]]> : tensor<2x3xi64>
  // Element (i, j) holds [0, 3] + 3i + j.
  %s = fhelinalg.add_eint_int %x, %k : (tensor<2x3x!fhe.eint<5>>, tensor<2x3xi64>) -> tensor<2x3x!fhe.eint<5>>
  %t = fhelinalg.transpose %s : tensor<2x3x!fhe.eint<5>> -> tensor<3x2x!fhe.eint<5>>
  // t[2, 1] = s[1, 2] = [5, 8].
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 5, 8>}
  %e0 = tensor.extract %t[%c2, %c1] : tensor<3x2x!fhe.eint<5>>
  %z = fhelinalg.zero : tensor<2x1x!fhe.eint<5>>
  // CHECK: fhelinalg.concat {{.*}}fhe.range = array<i64: 0, 8>}
  %cat = fhelinalg.concat %z, %s {axis = 1} : (tensor<2x1x!fhe.eint<5>>, tensor<2x3x!fhe.eint<5>>) -> tensor<2x4x!fhe.eint<5>>
  // cat[1, 0] = 0.
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 0, 0>}
  %e1 = tensor.extract %cat[%c1, %c0] : tensor<2x4x!fhe.eint<5>>
  %b = fhelinalg.broadcast %s : tensor<2x3x!fhe.eint<5>> -> tensor<4x2x3x!fhe.eint<5>>
  // b[2, 1, 0] = s[1, 0] = [3, 6].
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 3, 6>}
  %e2 = tensor.extract %b[%c2, %c1, %c0] : tensor<4x2x3x!fhe.eint<5>>
  %slice = tensor.extract_slice %s[0, 1] [2, 1] [1, 1] : tensor<2x3x!fhe.eint<5>> to tensor<2x!fhe.eint<5>>
  // slice[1] = s[1, 1] = [4, 7].
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 4, 7>}
  %e3 = tensor.extract %slice[%c1] : tensor<2x!fhe.eint<5>>
  %flat = tensor.collapse_shape %s [[0, 1]] : tensor<2x3x!fhe.eint<5>> into tensor<6x!fhe.eint<5>>
  %r = tensor.expand_shape %flat [[0, 1]] output_shape [3, 2] : tensor<6x!fhe.eint<5>> into tensor<3x2x!fhe.eint<5>>
  // r[1, 0] = flat[2] = s[0, 2] = [2, 5].
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 2, 5>}
  %e4 = tensor.extract %r[%c1, %c0] : tensor<3x2x!fhe.eint<5>>
  %y = fhe.zero : !fhe.eint<5>
  %ins = tensor.insert %y into %s[%c1, %c2] : tensor<2x3x!fhe.eint<5>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 0, 0>}
  %e5 = tensor.extract %ins[%c1, %c2] : tensor<2x3x!fhe.eint<5>>
  // The slice covers the zeros: [1, 4] and [4, 7].
  // CHECK: tensor.insert_slice {{.*}} {fhe.range = array<i64: 1, 7>}
  %part = tensor.insert_slice %slice into %z[0, 0] [2, 1] [1, 1] : tensor<2x!fhe.eint<5>> into tensor<2x1x!fhe.eint<5>>
  // part[0, 0] = slice[0] = s[0, 1] = [1, 4].
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 1, 4>}
  %e7 = tensor.extract %part[%c0, %c0] : tensor<2x1x!fhe.eint<5>>
  %from = tensor.from_elements %e0, %y : tensor<2x!fhe.eint<5>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 5, 8>}
  %e6 = tensor.extract %from[%c0] : tensor<2x!fhe.eint<5>>
  return %e6 : !fhe.eint<5>
}

// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths --shade-decompose-encrypted-ops %s | FileCheck %s

// examples/dense_relu.mlir with its input range declared: the matmul class
// holds [-30, 90] (8 signed bits), the table output [0, 22] (5 bits); the
// table reads v + 30 in [0, 120], 7 unsigned bits.

// CHECK-LABEL: func.func @dense_relu
// CHECK-SAME: (%{{.*}}: tensor<4x!fhe.esint<8>> {fhe.range = array<i64: 0, 15>}) -> tensor<2x!fhe.eint<5>>
// CHECK: fhelinalg.matmul_eint_int {{.*}} {fhe.range = array<i64: -30, 90>} : (tensor<4x!fhe.esint<8>>, tensor<4x2xi64>) -> tensor<2x!fhe.esint<8>>
// CHECK: fhelinalg.add_eint_int {{.*}} {fhe.range = array<i64: -30, 90>}
// CHECK: fhelinalg.rescale {{.*}} {fhe.range = array<i64: 0, 120>, offset = 30 : i64, shift = 0 : i64} : tensor<2x!fhe.esint<8>> -> tensor<2x!fhe.eint<7>>
// CHECK: fhelinalg.apply_lookup_table {{.*}} {fhe.range = array<i64: 0, 22>} : (tensor<2x!fhe.eint<7>>, tensor<128xi64>) -> tensor<2x!fhe.eint<5>>
func.func @dense_relu(%x: tensor<4x!fhe.esint<8>> {fhe.range = array<i64: 0, 15>}) -> tensor<2x!fhe.eint<5>> {
  %w = arith.constant dense<[[1, -2], [3, 0], [0, 1], [2, 2]]> : tensor<4x2xi64>
  %zero = arith.constant dense<0> : tensor<2xi64>
  %y = fhelinalg.matmul_eint_int %x, %w : (tensor<4x!fhe.esint<8>>, tensor<4x2xi64>) -> tensor<2x!fhe.esint<8>>
  %b = fhelinalg.add_eint_int %y, %zero : (tensor<2x!fhe.esint<8>>, tensor<2xi64>) -> tensor<2x!fhe.esint<8>>
  %relu = arith.constant dense<[0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 28, 28, 28, 28, 29, 29, 29, 29, 30, 30, 30, 30, 31, 31, 31, 31, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<256xi64>
  %z = fhelinalg.apply_lookup_table %b, %relu : (tensor<2x!fhe.esint<8>>, tensor<256xi64>) -> tensor<2x!fhe.eint<5>>
  return %z : tensor<2x!fhe.eint<5>>
}

// A small network: a convolution, max pooling, a rounding and a product of
// two encrypted values. After the three passes every op is levelled or a
// lookup table, and every value has the width of its class.

// CHECK-LABEL: func.func @network
// CHECK-SAME: (%{{.*}}: tensor<1x1x4x4x!fhe.esint<5>> {fhe.range = array<i64: 0, 3>}, %[[Y:.*]]: tensor<4x!fhe.esint<4>> {fhe.range = array<i64: 0, 3>}) -> tensor<4x!fhe.eint<3>>
// CHECK-NOT: mul_eint
// CHECK-NOT: max
// CHECK-NOT: round
// The convolution gives [-3, 12]; the maximum chain b + relu(a - b) adds
// a - b in [-15, 15]: 5 signed bits.
// CHECK: %[[C:.*]] = fhelinalg.conv2d {{.*}} {fhe.range = array<i64: -3, 12>} {{.*}} -> tensor<1x1x3x3x!fhe.esint<5>>
// CHECK: %[[C0:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1]
// CHECK: %[[C1:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 1] [1, 1, 2, 2] [1, 1, 1, 1]
// CHECK: %[[D1:.*]] = fhelinalg.sub_eint %[[C1]], %[[C0]] {fhe.range = array<i64: -15, 15>}
// CHECK: %[[RELU:.*]] = arith.constant {fhe.range = array<i64: 0, 15>} dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<32xi64>
// CHECK: %[[R1:.*]] = fhelinalg.apply_lookup_table %[[D1]], %[[RELU]] {fhe.range = array<i64: 0, 15>}
// CHECK: %[[M1:.*]] = fhelinalg.add_eint %[[C0]], %[[R1]] {fhe.proven_range = array<i64: -3, 12>, fhe.range = array<i64: -3, 12>}
// CHECK: %[[M2:.*]] = fhelinalg.add_eint %[[M1]], {{.*}} {fhe.proven_range = array<i64: -3, 12>, fhe.range = array<i64: -3, 12>}
// CHECK: %[[M3:.*]] = fhelinalg.add_eint %[[M2]], {{.*}} {fhe.proven_range = array<i64: -3, 12>, fhe.range = array<i64: -3, 12>}
// The rounding drops 3 bits: [0, 2], which joins the class of the product's
// operands (4 signed bits): the width pass made it the table that rounds.
// Entries for [-3, 12]: 0 to 3 and -3 to -1 round to 0, 4 to 11 to 1, 12 to 2.
// CHECK: %[[ROUNDS:.*]] = arith.constant {fhe.range = array<i64: 0, 2>} dense<[0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<32xi64>
// CHECK: %[[R:.*]] = fhelinalg.apply_lookup_table %[[M3]], %[[ROUNDS]] {fhe.range = array<i64: 0, 2>} : (tensor<1x1x2x2x!fhe.esint<5>>, tensor<32xi64>) -> tensor<1x1x2x2x!fhe.esint<4>>
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[R]] {{\[}}[0, 1, 2, 3]] {fhe.range = array<i64: 0, 2>}
// The product's squares and result in [0, 6]: 3 unsigned bits.
// CHECK: %[[S:.*]] = fhelinalg.add_eint %[[F]], %[[Y]] {fhe.range = array<i64: 0, 5>}
// CHECK: %[[D:.*]] = fhelinalg.sub_eint %[[F]], %[[Y]] {fhe.range = array<i64: -3, 2>}
// CHECK: %[[SQ:.*]] = arith.constant {fhe.range = array<i64: 0, 6>} dense<[0, 0, 1, 2, 4, 6, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0]> : tensor<16xi64>
// CHECK: %[[S2:.*]] = fhelinalg.apply_lookup_table %[[S]], %[[SQ]] {{.*}} -> tensor<4x!fhe.eint<3>>
// CHECK: %[[D2:.*]] = fhelinalg.apply_lookup_table %[[D]], %[[SQ]] {{.*}} -> tensor<4x!fhe.eint<3>>
// CHECK: %[[P:.*]] = fhelinalg.sub_eint %[[S2]], %[[D2]] {fhe.proven_range = array<i64: 0, 6>, fhe.range = array<i64: 0, 6>}
// CHECK: return %[[P]] : tensor<4x!fhe.eint<3>>
func.func @network(%x: tensor<1x1x4x4x!fhe.esint<8>> {fhe.range = array<i64: 0, 3>},
                   %y: tensor<4x!fhe.esint<5>> {fhe.range = array<i64: 0, 3>}) -> tensor<4x!fhe.esint<5>> {
  %w = arith.constant dense<[[[[1, 2], [-1, 1]]]]> : tensor<1x1x2x2xi64>
  %c = fhelinalg.conv2d %x, %w : (tensor<1x1x4x4x!fhe.esint<8>>, tensor<1x1x2x2xi64>) -> tensor<1x1x3x3x!fhe.esint<8>>
  %p = fhelinalg.maxpool2d %c {kernel_shape = [2, 2]} : tensor<1x1x3x3x!fhe.esint<8>> -> tensor<1x1x2x2x!fhe.esint<8>>
  %r = fhelinalg.round %p : tensor<1x1x2x2x!fhe.esint<8>> -> tensor<1x1x2x2x!fhe.esint<5>>
  %flat = tensor.collapse_shape %r [[0, 1, 2, 3]] : tensor<1x1x2x2x!fhe.esint<5>> into tensor<4x!fhe.esint<5>>
  %prod = fhelinalg.mul_eint %flat, %y : (tensor<4x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>>
  return %prod : tensor<4x!fhe.esint<5>>
}

// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths %s | FileCheck %s

// The dense layer of examples/dense_relu.mlir with x in [0, 3]: the matmul
// class holds [-6, 18] (6 signed bits); the table reads v + 6 in [0, 24], 5
// unsigned bits, and is rebuilt by value: entry v + 6 keeps relu(v) >> 2 for
// v in [-6, 18], the others are 0.

// CHECK-LABEL: func.func @dense_relu
// CHECK-SAME: (%{{.*}}: tensor<4x!fhe.esint<6>> {fhe.range = array<i64: 0, 3>}) -> tensor<2x!fhe.eint<3>>
func.func @dense_relu(%x: tensor<4x!fhe.esint<8>> {fhe.range = array<i64: 0, 3>}) -> tensor<2x!fhe.eint<5>> {
  %w = arith.constant dense<[[1, -2], [3, 0], [0, 1], [2, 2]]> : tensor<4x2xi64>
  // CHECK: fhelinalg.matmul_eint_int {{.*}} -> tensor<2x!fhe.esint<6>>
  %y = fhelinalg.matmul_eint_int %x, %w : (tensor<4x!fhe.esint<8>>, tensor<4x2xi64>) -> tensor<2x!fhe.esint<8>>
  %relu = arith.constant dense<[0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 28, 28, 28, 28, 29, 29, 29, 29, 30, 30, 30, 30, 31, 31, 31, 31, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<256xi64>
  // CHECK: %[[N:.*]] = fhelinalg.rescale %{{.*}} {fhe.range = array<i64: 0, 24>, offset = 6 : i64, shift = 0 : i64} : tensor<2x!fhe.esint<6>> -> tensor<2x!fhe.eint<5>>
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 4>} dense<[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0]> : tensor<32xi64>
  // CHECK: fhelinalg.apply_lookup_table %[[N]], %[[T]] {{.*}} : (tensor<2x!fhe.eint<5>>, tensor<32xi64>) -> tensor<2x!fhe.eint<3>>
  %z = fhelinalg.apply_lookup_table %y, %relu : (tensor<2x!fhe.esint<8>>, tensor<256xi64>) -> tensor<2x!fhe.eint<5>>
  return %z : tensor<2x!fhe.eint<5>>
}

// A table follows its input's change of signedness by value.

// CHECK-LABEL: func.func @signedness
func.func @signedness(%s: !fhe.esint<3> {fhe.range = array<i64: 0, 3>},
                      %u: !fhe.eint<3> {fhe.range = array<i64: 0, 3>},
                      %w: !fhe.eint<3> {fhe.range = array<i64: 0, 7>}) -> (!fhe.eint<4>, !fhe.eint<4>) {
  // Entries for 0, 1, 2, 3, -4, -3, -2, -1; [0, 3] is unsigned now.
  %ts = arith.constant dense<[10, 11, 12, 13, 14, 15, 8, 9]> : tensor<8xi64>
  // CHECK: %[[TS:.*]] = arith.constant {{.*}} dense<[10, 11, 12, 13]> : tensor<4xi64>
  // CHECK: fhe.apply_lookup_table %{{.*}}, %[[TS]] {{.*}} : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<4>
  %0 = fhe.apply_lookup_table %s, %ts : (!fhe.esint<3>, tensor<8xi64>) -> !fhe.eint<4>
  // %u shares its class with u - w in [-7, 3]: 4 signed bits. The table
  // reads it at the 2 unsigned bits of its own range [0, 3], narrowed by a
  // rescale (a scalar goes through a tensor of one element).
  %tu = arith.constant dense<[1, 2, 3, 4, 5, 6, 7, 8]> : tensor<8xi64>
  // CHECK: %[[ONE:.*]] = tensor.from_elements %{{.*}} : tensor<!fhe.esint<4>>
  // CHECK: %[[NARROW:.*]] = fhelinalg.rescale %[[ONE]] {fhe.range = array<i64: 0, 3>, shift = 0 : i64} : tensor<!fhe.esint<4>> -> tensor<!fhe.eint<2>>
  // CHECK: %[[U:.*]] = tensor.extract %[[NARROW]][]
  // CHECK: %[[TU:.*]] = arith.constant {{.*}} dense<[1, 2, 3, 4]> : tensor<4xi64>
  // CHECK: fhe.apply_lookup_table %[[U]], %[[TU]] {{.*}} : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<3>
  %1 = fhe.apply_lookup_table %u, %tu : (!fhe.eint<3>, tensor<8xi64>) -> !fhe.eint<4>
  %d = fhe.sub_eint %u, %w : !fhe.eint<3>
  return %0, %1 : !fhe.eint<4>, !fhe.eint<4>
}

// Every table of a multi-table op is rebuilt.

// CHECK-LABEL: func.func @multi
func.func @multi(%x: tensor<2x!fhe.eint<3>> {fhe.range = array<i64: 0, 1>}) -> tensor<2x!fhe.eint<5>> {
  %t = arith.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7], [10, 11, 12, 13, 14, 15, 16, 17]]> : tensor<2x8xi64>
  // CHECK: %[[T:.*]] = arith.constant {{.*}} dense<{{\[}}[0, 1], [10, 11]]> : tensor<2x2xi64>
  // CHECK: fhelinalg.apply_multi_lookup_table %{{.*}}, %[[T]] {{.*}} : (tensor<2x!fhe.eint<1>>, tensor<2x2xi64>) -> tensor<2x!fhe.eint<4>>
  %l = fhelinalg.apply_multi_lookup_table %x, %t : (tensor<2x!fhe.eint<3>>, tensor<2x8xi64>) -> tensor<2x!fhe.eint<5>>
  return %l : tensor<2x!fhe.eint<5>>
}

// A round keeps its op while the widths keep the number of bits it drops.

// CHECK-LABEL: func.func @round_kept
func.func @round_kept(%x: !fhe.eint<8> {fhe.range = array<i64: 0, 59>}) -> !fhe.eint<5> {
  // [0, 59] needs 6 bits, floor(59 / 8 + 1/2) = 7 needs 3: 3 bits dropped
  // as before.
  // CHECK: fhe.round {{.*}} : !fhe.eint<6> to !fhe.eint<3>
  %r = fhe.round %x : !fhe.eint<8> to !fhe.eint<5>
  return %r : !fhe.eint<5>
}

// Otherwise it becomes the table that drops as many bits as it did.

// CHECK-LABEL: func.func @round_narrowed
func.func @round_narrowed(%x: !fhe.eint<5> {fhe.range = array<i64: 0, 13>}) -> !fhe.eint<2> {
  // floor(x / 8 + 1/2) for x in [0, 13]; the input needs 4 bits, the result
  // 2: one bit less would be dropped.
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 2>} dense<[0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 0, 0]> : tensor<16xi64>
  // CHECK: fhe.apply_lookup_table %{{.*}}, %[[T]] {fhe.range = array<i64: 0, 2>} : (!fhe.eint<4>, tensor<16xi64>) -> !fhe.eint<2>
  // CHECK-NOT: fhe.round
  %r = fhe.round %x : !fhe.eint<5> to !fhe.eint<2>
  return %r : !fhe.eint<2>
}

// So does a round whose input's class is wider for another reason (10 * x
// needs 8 bits).

// CHECK-LABEL: func.func @round_to_table
func.func @round_to_table(%x: !fhe.eint<5> {fhe.range = array<i64: 0, 13>}) -> (!fhe.eint<2>, !fhe.eint<5>) {
  %c = arith.constant 10 : i8
  %y = fhe.mul_eint_int %x, %c : (!fhe.eint<5>, i8) -> !fhe.eint<5>
  // CHECK: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 2>} dense<"0x0000
  // CHECK: fhe.apply_lookup_table %{{.*}}, %[[T]] {fhe.range = array<i64: 0, 2>} : (!fhe.eint<8>, tensor<256xi64>) -> !fhe.eint<2>
  // CHECK-NOT: fhe.round
  %r = fhe.round %x : !fhe.eint<5> to !fhe.eint<2>
  return %r, %y : !fhe.eint<2>, !fhe.eint<5>
}

// When the input's class is too wide for a table (100 * x needs 11 bits),
// the round clears the low bits of x + 4 and rescales the rest.

// CHECK-LABEL: func.func @round_wide
func.func @round_wide(%x: tensor<2x!fhe.eint<5>> {fhe.range = array<i64: 0, 13>}) -> (tensor<2x!fhe.eint<2>>, tensor<2x!fhe.eint<5>>) {
  %c = arith.constant dense<100> : tensor<i64>
  %y = fhelinalg.mul_eint_int %x, %c : (tensor<2x!fhe.eint<5>>, tensor<i64>) -> tensor<2x!fhe.eint<5>>
  // CHECK: %[[HALF:.*]] = arith.constant {fhe.range = array<i64: 4, 4>} dense<4> : tensor<i64>
  // CHECK: %[[O:.*]] = fhelinalg.add_eint_int %{{.*}}, %[[HALF]] {fhe.range = array<i64: 4, 17>} : (tensor<2x!fhe.eint<11>>, tensor<i64>) -> tensor<2x!fhe.eint<11>>
  // CHECK: %[[C:.*]] = fhelinalg.clear_low_bits %[[O]] {bits = 3 : i64, fhe.range = array<i64: 0, 16>} : tensor<2x!fhe.eint<11>>
  // CHECK: fhelinalg.rescale %[[C]] {fhe.range = array<i64: 0, 2>, shift = 3 : i64} : tensor<2x!fhe.eint<11>> -> tensor<2x!fhe.eint<2>>
  // CHECK-NOT: fhelinalg.round
  %r = fhelinalg.round %x : tensor<2x!fhe.eint<5>> -> tensor<2x!fhe.eint<2>>
  return %r, %y : tensor<2x!fhe.eint<2>>, tensor<2x!fhe.eint<5>>
}

// A product whose operands and result get different encodings cannot keep
// one type: it is decomposed at once (see DecomposeEncryptedOps).

// CHECK-LABEL: func.func @product
// CHECK-SAME: -> !fhe.eint<3>
func.func @product(%a: !fhe.eint<4> {fhe.range = array<i64: 0, 3>},
                   %b: !fhe.eint<4> {fhe.range = array<i64: 0, 2>}) -> !fhe.eint<4> {
  // a + b, a - b in [-2, 5]: 4 signed bits; the squares and the product in
  // [0, 6]: 3 unsigned bits.
  // CHECK: fhe.add_eint {{.*}} {fhe.range = array<i64: 0, 5>} : !fhe.esint<4>
  // CHECK: fhe.sub_eint {{.*}} {fhe.range = array<i64: -2, 3>} : !fhe.esint<4>
  // CHECK: arith.constant {fhe.range = array<i64: 0, 6>} dense<[0, 0, 1, 2, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]> : tensor<16xi64>
  // CHECK-NOT: fhe.mul_eint
  %p = fhe.mul_eint %a, %b : !fhe.eint<4>
  return %p : !fhe.eint<4>
}

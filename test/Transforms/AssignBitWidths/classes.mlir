// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths %s | FileCheck %s

// One levelled class: the least unsigned width holding [0, 10], the function
// signature included.

// CHECK-LABEL: func.func @shrink
// CHECK-SAME: (%{{.*}}: !fhe.eint<4> {fhe.range = array<i64: 0, 5>}) -> !fhe.eint<4>
func.func @shrink(%x: !fhe.eint<8> {fhe.range = array<i64: 0, 5>}) -> !fhe.eint<8> {
  %c = arith.constant 2 : i8
  // CHECK: fhe.mul_eint_int {{.*}} : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  %y = fhe.mul_eint_int %x, %c : (!fhe.eint<8>, i8) -> !fhe.eint<8>
  return %y : !fhe.eint<8>
}

// A negative member makes its whole class signed.

// CHECK-LABEL: func.func @signed_class
// CHECK-SAME: (%{{.*}}: !fhe.esint<4> {{.*}}, %{{.*}}: !fhe.esint<4> {{.*}}) -> !fhe.esint<4>
func.func @signed_class(%a: !fhe.eint<6> {fhe.range = array<i64: 0, 3>},
                        %b: !fhe.eint<6> {fhe.range = array<i64: 0, 7>}) -> !fhe.eint<6> {
  // [-7, 3]: 4 signed bits.
  // CHECK: fhe.sub_eint {{.*}} : !fhe.esint<4>
  %d = fhe.sub_eint %a, %b : !fhe.eint<6>
  return %d : !fhe.eint<6>
}

// A lookup table starts a new class; its input class keeps its own width.

// CHECK-LABEL: func.func @table_splits_classes
func.func @table_splits_classes(%x: !fhe.eint<3> {fhe.range = array<i64: 0, 7>})
    -> !fhe.eint<8> {
  %t = arith.constant dense<[0, 1, 4, 9, 16, 25, 36, 49]> : tensor<8xi64>
  // The class of the squares holds [0, 98]: 7 bits.
  // CHECK: fhe.apply_lookup_table {{.*}} : (!fhe.eint<3>, tensor<8xi64>) -> !fhe.eint<7>
  %sq = fhe.apply_lookup_table %x, %t : (!fhe.eint<3>, tensor<8xi64>) -> !fhe.eint<8>
  // CHECK: fhe.add_eint {{.*}} : !fhe.eint<7>
  %y = fhe.add_eint %sq, %sq : !fhe.eint<8>
  return %y : !fhe.eint<8>
}

// Tensor ops level their operands and results; arguments without a range
// keep the range of their type.

// CHECK-LABEL: func.func @tensor_class
// CHECK-SAME: (%{{.*}}: tensor<2x!fhe.eint<6>>) -> tensor<2x!fhe.eint<6>>
func.func @tensor_class(%v: tensor<2x!fhe.eint<5>>) -> tensor<2x!fhe.eint<5>> {
  %c0 = arith.constant 0 : index
  // CHECK: tensor.extract {{.*}} : tensor<2x!fhe.eint<6>>
  %e = tensor.extract %v[%c0] : tensor<2x!fhe.eint<5>>
  // [0, 62].
  // CHECK: fhe.add_eint {{.*}} : !fhe.eint<6>
  %sum = fhe.add_eint %e, %e : !fhe.eint<5>
  // CHECK: fhe.zero {{.*}} : !fhe.eint<6>
  %zero = fhe.zero : !fhe.eint<5>
  // CHECK: tensor.from_elements {{.*}} : tensor<2x!fhe.eint<6>>
  %r = tensor.from_elements %sum, %zero : tensor<2x!fhe.eint<5>>
  return %r : tensor<2x!fhe.eint<5>>
}

// Casts between classes of one signedness vanish.

// CHECK-LABEL: func.func @casts_vanish
// CHECK-SAME: (%[[X:.*]]: !fhe.eint<3> {{.*}}) -> !fhe.eint<3>
func.func @casts_vanish(%x: !fhe.eint<4> {fhe.range = array<i64: 0, 5>}) -> !fhe.eint<4> {
  // CHECK-NEXT: return %[[X]] : !fhe.eint<3>
  %s = fhe.to_signed %x : !fhe.eint<4> to !fhe.esint<4>
  %u = fhe.to_unsigned %s : !fhe.esint<4> to !fhe.eint<4>
  return %u : !fhe.eint<4>
}

// A cast whose input class became unsigned and whose result class became
// signed turns around.

// CHECK-LABEL: func.func @cast_turns_around
func.func @cast_turns_around(%y: !fhe.esint<4> {fhe.range = array<i64: 0, 5>},
                             %w: !fhe.eint<4> {fhe.range = array<i64: 0, 7>}) -> !fhe.eint<4> {
  // CHECK: fhe.to_signed {{.*}} : !fhe.eint<4> to !fhe.esint<4>
  %u = fhe.to_unsigned %y : !fhe.esint<4> to !fhe.eint<4>
  // [-7, 5].
  // CHECK: fhe.sub_eint {{.*}} : !fhe.esint<4>
  %d = fhe.sub_eint %u, %w : !fhe.eint<4>
  return %d : !fhe.eint<4>
}

// A signedness cast ties the widths of two classes but not their
// signedness.

// CHECK-LABEL: func.func @cast_ties_width
func.func @cast_ties_width(%x: !fhe.eint<8> {fhe.range = array<i64: 0, 3>},
                           %y: !fhe.esint<8> {fhe.range = array<i64: -20, 0>}) -> !fhe.esint<8> {
  // [0, 3] alone needs 2 bits, [-20, 3] 6 signed bits.
  // CHECK: fhe.to_signed {{.*}} : !fhe.eint<6> to !fhe.esint<6>
  %s = fhe.to_signed %x : !fhe.eint<8> to !fhe.esint<8>
  // CHECK: fhe.add_eint {{.*}} : !fhe.esint<6>
  %r = fhe.add_eint %s, %y : !fhe.esint<8>
  return %r : !fhe.esint<8>
}

// A cast whose values change pins the width it was written at.

// CHECK-LABEL: func.func @wrapping_cast
func.func @wrapping_cast(%x: !fhe.eint<4> {fhe.range = array<i64: 8, 9>}) -> !fhe.esint<4> {
  // 8 and 9 read as -8 and -7 at 4 bits.
  // CHECK: fhe.to_signed {{.*}} : !fhe.eint<4> to !fhe.esint<4>
  %s = fhe.to_signed %x : !fhe.eint<4> to !fhe.esint<4>
  return %s : !fhe.esint<4>
}

// The decomposition of a maximum, b + relu(a - b), levels a - b with the
// operands: their class holds [-15, 15].

// CHECK-LABEL: func.func @max_headroom
func.func @max_headroom(%a: !fhe.eint<4>, %b: !fhe.eint<4>) -> !fhe.eint<4> {
  // CHECK: fhe.max_eint {{.*}} : !fhe.esint<5>
  %m = fhe.max_eint %a, %b : !fhe.eint<4>
  return %m : !fhe.eint<4>
}

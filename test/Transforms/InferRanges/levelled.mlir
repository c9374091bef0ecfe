// RUN: shade-opt --shade-infer-ranges %s | FileCheck %s

// The fhe ops, from declared argument ranges and from the argument types.

// CHECK-LABEL: func.func @levelled
func.func @levelled(%a: !fhe.eint<4> {fhe.range = array<i64: 2, 5>},
                    %b: !fhe.esint<5>) -> !fhe.esint<5> {
  // CHECK: arith.constant {fhe.range = array<i64: -3, -3>} -3 : i8
  %c = arith.constant -3 : i8
  // CHECK: fhe.add_eint_int {{.*}} {fhe.range = array<i64: -1, 2>}
  %0 = fhe.add_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  // CHECK: fhe.sub_eint_int {{.*}} {fhe.range = array<i64: 5, 8>}
  %1 = fhe.sub_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  // CHECK: fhe.sub_int_eint {{.*}} {fhe.range = array<i64: -8, -5>}
  %2 = fhe.sub_int_eint %c, %a : (i8, !fhe.eint<4>) -> !fhe.eint<4>
  // CHECK: fhe.mul_eint_int {{.*}} {fhe.range = array<i64: -15, -6>}
  %3 = fhe.mul_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  // Operands are independent intervals: a + a is [4, 10], a - a [-3, 3].
  // CHECK: fhe.add_eint {{.*}} {fhe.range = array<i64: 4, 10>}
  %4 = fhe.add_eint %a, %a : !fhe.eint<4>
  // CHECK: fhe.sub_eint {{.*}} {fhe.range = array<i64: -3, 3>}
  %5 = fhe.sub_eint %a, %a : !fhe.eint<4>
  // The type of %b gives [-16, 15].
  // CHECK: fhe.neg_eint {{.*}} {fhe.range = array<i64: -15, 16>}
  %6 = fhe.neg_eint %b : !fhe.esint<5>
  // CHECK: fhe.zero {fhe.range = array<i64: 0, 0>}
  %7 = fhe.zero : !fhe.esint<5>
  // CHECK: fhe.mul_eint {{.*}} {fhe.range = array<i64: 4, 25>}
  %8 = fhe.mul_eint %a, %a : !fhe.eint<4>
  // CHECK: fhe.max_eint {{.*}} {fhe.range = array<i64: 0, 15>}
  %9 = fhe.max_eint %b, %7 : !fhe.esint<5>
  // CHECK: arith.constant {fhe.range = array<i64: -1, -1>} true
  %true = arith.constant true
  return %6 : !fhe.esint<5>
}

// Rounding is floor(x / 2^d + 1/2), d the input width minus the result's.

// CHECK-LABEL: func.func @round
func.func @round(%u: !fhe.eint<8> {fhe.range = array<i64: 0, 200>},
                 %s: !fhe.esint<6> {fhe.range = array<i64: -6, 9>})
    -> (!fhe.eint<5>, !fhe.esint<4>) {
  // 200 / 8 = 25.
  // CHECK: fhe.round {{.*}} {fhe.range = array<i64: 0, 25>}
  %0 = fhe.round %u : !fhe.eint<8> to !fhe.eint<5>
  // -6 / 4 + 1/2 = -1, 9 / 4 + 1/2 = 2.75.
  // CHECK: fhe.round {{.*}} {fhe.range = array<i64: -1, 2>}
  %1 = fhe.round %s : !fhe.esint<6> to !fhe.esint<4>
  return %0, %1 : !fhe.eint<5>, !fhe.esint<4>
}

// A signedness cast keeps the bit pattern: values at or above 2^(w-1)
// become negative.

// CHECK-LABEL: func.func @casts
func.func @casts(%small: !fhe.eint<4> {fhe.range = array<i64: 2, 5>},
                 %high: !fhe.eint<4> {fhe.range = array<i64: 9, 12>},
                 %any: !fhe.eint<4>, %negative: !fhe.esint<4> {fhe.range = array<i64: -3, -1>})
    -> !fhe.esint<4> {
  // CHECK: fhe.to_signed {{.*}} {fhe.range = array<i64: 2, 5>}
  %0 = fhe.to_signed %small : !fhe.eint<4> to !fhe.esint<4>
  // CHECK: fhe.to_signed {{.*}} {fhe.range = array<i64: -7, -4>}
  %1 = fhe.to_signed %high : !fhe.eint<4> to !fhe.esint<4>
  // CHECK: fhe.to_signed {{.*}} {fhe.range = array<i64: -8, 7>}
  %2 = fhe.to_signed %any : !fhe.eint<4> to !fhe.esint<4>
  // CHECK: fhe.to_unsigned {{.*}} {fhe.range = array<i64: 13, 15>}
  %3 = fhe.to_unsigned %negative : !fhe.esint<4> to !fhe.eint<4>
  return %0 : !fhe.esint<4>
}

// An op without a transfer function keeps a range its producer declared.

// CHECK-LABEL: func.func @declared
func.func @declared(%x: i8 {fhe.range = array<i64: 0, 100>}) -> i8 {
  %c = arith.constant 7 : i8
  // CHECK: arith.remsi {{.*}} {fhe.range = array<i64: 0, 6>}
  %0 = arith.remsi %x, %c {fhe.range = array<i64: 0, 6>} : i8
  return %0 : i8
}

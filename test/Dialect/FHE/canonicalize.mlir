// RUN: shade-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @add_eint_int_zero
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: return %[[A]]
func.func @add_eint_int_zero(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  %c0 = arith.constant 0 : i5
  %0 = fhe.add_eint_int %a, %c0 : (!fhe.eint<4>, i5) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @add_eint_int_one
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: %[[C:.*]] = arith.constant 1 : i5
// CHECK-NEXT: %[[R:.*]] = fhe.add_eint_int %[[A]], %[[C]]
// CHECK-NEXT: return %[[R]]
func.func @add_eint_int_one(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  %c1 = arith.constant 1 : i5
  %0 = fhe.add_eint_int %a, %c1 : (!fhe.eint<4>, i5) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @add_eint_int_constants
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: %[[C:.*]] = arith.constant 7 : i8
// CHECK-NEXT: %[[R:.*]] = fhe.add_eint_int %[[A]], %[[C]] : (!fhe.eint<4>, i8) -> !fhe.eint<4>
// CHECK-NEXT: return %[[R]]
func.func @add_eint_int_constants(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  %c3 = arith.constant 3 : i8
  %c4 = arith.constant 4 : i8
  %0 = fhe.add_eint_int %a, %c3 : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  %1 = fhe.add_eint_int %0, %c4 : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  return %1 : !fhe.eint<4>
}

// -----

// Three additions fold into one; the sum has the wider clear type.
// CHECK-LABEL: func.func @add_eint_int_constants_mixed_widths
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<6>)
// CHECK-NEXT: %[[C:.*]] = arith.constant -3 : i8
// CHECK-NEXT: %[[R:.*]] = fhe.add_eint_int %[[A]], %[[C]] : (!fhe.esint<6>, i8) -> !fhe.esint<6>
// CHECK-NEXT: return %[[R]]
func.func @add_eint_int_constants_mixed_widths(%a: !fhe.esint<6>) -> !fhe.esint<6> {
  %c3 = arith.constant 3 : i4
  %cm8 = arith.constant -8 : i8
  %c2 = arith.constant 2 : i3
  %0 = fhe.add_eint_int %a, %c3 : (!fhe.esint<6>, i4) -> !fhe.esint<6>
  %1 = fhe.add_eint_int %0, %cm8 : (!fhe.esint<6>, i8) -> !fhe.esint<6>
  %2 = fhe.add_eint_int %1, %c2 : (!fhe.esint<6>, i3) -> !fhe.esint<6>
  return %2 : !fhe.esint<6>
}

// -----

// 100 + 100 does not fit in i8: the sum gets one more bit.
// CHECK-LABEL: func.func @add_eint_int_constants_widen
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<8>)
// CHECK-NEXT: %[[C:.*]] = arith.constant 200 : i9
// CHECK-NEXT: %[[R:.*]] = fhe.add_eint_int %[[A]], %[[C]] : (!fhe.eint<8>, i9) -> !fhe.eint<8>
// CHECK-NEXT: return %[[R]]
func.func @add_eint_int_constants_widen(%a: !fhe.eint<8>) -> !fhe.eint<8> {
  %c100 = arith.constant 100 : i8
  %0 = fhe.add_eint_int %a, %c100 : (!fhe.eint<8>, i8) -> !fhe.eint<8>
  %1 = fhe.add_eint_int %0, %c100 : (!fhe.eint<8>, i8) -> !fhe.eint<8>
  return %1 : !fhe.eint<8>
}

// -----

// An i1 true is -1: -1 + -1 is -2, which needs an i2.
// CHECK-LABEL: func.func @add_eint_int_constants_i1
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[C:.*]] = arith.constant -2 : i2
// CHECK-NEXT: %[[R:.*]] = fhe.add_eint_int %[[A]], %[[C]] : (!fhe.esint<4>, i2) -> !fhe.esint<4>
// CHECK-NEXT: return %[[R]]
func.func @add_eint_int_constants_i1(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %true = arith.constant true
  %0 = fhe.add_eint_int %a, %true : (!fhe.esint<4>, i1) -> !fhe.esint<4>
  %1 = fhe.add_eint_int %0, %true : (!fhe.esint<4>, i1) -> !fhe.esint<4>
  return %1 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @add_eint_int_not_constant
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>, %[[X:.*]]: i8)
// CHECK-NEXT: %[[C:.*]] = arith.constant 2 : i8
// CHECK-NEXT: %[[R0:.*]] = fhe.add_eint_int %[[A]], %[[X]]
// CHECK-NEXT: %[[R1:.*]] = fhe.add_eint_int %[[R0]], %[[C]]
// CHECK-NEXT: return %[[R1]]
func.func @add_eint_int_not_constant(%a: !fhe.eint<4>, %x: i8) -> !fhe.eint<4> {
  %c2 = arith.constant 2 : i8
  %0 = fhe.add_eint_int %a, %x : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  %1 = fhe.add_eint_int %0, %c2 : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  return %1 : !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @sub_eint_int_zero
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: return %[[A]]
func.func @sub_eint_int_zero(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %c0 = arith.constant 0 : i64
  %0 = fhe.sub_eint_int %a, %c0 : (!fhe.esint<4>, i64) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @sub_eint_int_one
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[C:.*]] = arith.constant 1 : i64
// CHECK-NEXT: %[[R:.*]] = fhe.sub_eint_int %[[A]], %[[C]]
// CHECK-NEXT: return %[[R]]
func.func @sub_eint_int_one(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %c1 = arith.constant 1 : i64
  %0 = fhe.sub_eint_int %a, %c1 : (!fhe.esint<4>, i64) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @sub_int_eint_zero
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[R:.*]] = fhe.neg_eint %[[A]] : !fhe.esint<4>
// CHECK-NEXT: return %[[R]]
func.func @sub_int_eint_zero(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %c0 = arith.constant 0 : i8
  %0 = fhe.sub_int_eint %c0, %a : (i8, !fhe.esint<4>) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @sub_int_eint_one
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[C:.*]] = arith.constant 1 : i8
// CHECK-NEXT: %[[R:.*]] = fhe.sub_int_eint %[[C]], %[[A]]
// CHECK-NEXT: return %[[R]]
func.func @sub_int_eint_one(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %c1 = arith.constant 1 : i8
  %0 = fhe.sub_int_eint %c1, %a : (i8, !fhe.esint<4>) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @mul_eint_int_one
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: return %[[A]]
func.func @mul_eint_int_one(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  %c1 = arith.constant 1 : i2
  %0 = fhe.mul_eint_int %a, %c1 : (!fhe.eint<4>, i2) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

// An i1 true is -1, not 1.
// CHECK-LABEL: func.func @mul_eint_int_true
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[C:.*]] = arith.constant true
// CHECK-NEXT: %[[R:.*]] = fhe.mul_eint_int %[[A]], %[[C]]
// CHECK-NEXT: return %[[R]]
func.func @mul_eint_int_true(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %true = arith.constant true
  %0 = fhe.mul_eint_int %a, %true : (!fhe.esint<4>, i1) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @mul_eint_int_two
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: %[[C:.*]] = arith.constant 2 : i8
// CHECK-NEXT: %[[R:.*]] = fhe.mul_eint_int %[[A]], %[[C]]
// CHECK-NEXT: return %[[R]]
func.func @mul_eint_int_two(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  %c2 = arith.constant 2 : i8
  %0 = fhe.mul_eint_int %a, %c2 : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @mul_eint_int_zero
// CHECK-NEXT: %[[Z:.*]] = fhe.zero : !fhe.esint<5>
// CHECK-NEXT: return %[[Z]]
func.func @mul_eint_int_zero(%a: !fhe.esint<5>) -> !fhe.esint<5> {
  %c0 = arith.constant 0 : i8
  %0 = fhe.mul_eint_int %a, %c0 : (!fhe.esint<5>, i8) -> !fhe.esint<5>
  return %0 : !fhe.esint<5>
}

// -----

// CHECK-LABEL: func.func @neg_neg
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: return %[[A]]
func.func @neg_neg(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %0 = fhe.neg_eint %a : !fhe.esint<4>
  %1 = fhe.neg_eint %0 : !fhe.esint<4>
  return %1 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @neg
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[R:.*]] = fhe.neg_eint %[[A]]
// CHECK-NEXT: return %[[R]]
func.func @neg(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %0 = fhe.neg_eint %a : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @to_signed_to_unsigned
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: return %[[A]]
func.func @to_signed_to_unsigned(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %0 = fhe.to_unsigned %a : !fhe.esint<4> to !fhe.eint<4>
  %1 = fhe.to_signed %0 : !fhe.eint<4> to !fhe.esint<4>
  return %1 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @to_unsigned_to_signed
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: return %[[A]]
func.func @to_unsigned_to_signed(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  %0 = fhe.to_signed %a : !fhe.eint<4> to !fhe.esint<4>
  %1 = fhe.to_unsigned %0 : !fhe.esint<4> to !fhe.eint<4>
  return %1 : !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @to_signed
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: %[[R:.*]] = fhe.to_signed %[[A]]
// CHECK-NEXT: return %[[R]]
func.func @to_signed(%a: !fhe.eint<4>) -> !fhe.esint<4> {
  %0 = fhe.to_signed %a : !fhe.eint<4> to !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @to_unsigned
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[R:.*]] = fhe.to_unsigned %[[A]]
// CHECK-NEXT: return %[[R]]
func.func @to_unsigned(%a: !fhe.esint<4>) -> !fhe.eint<4> {
  %0 = fhe.to_unsigned %a : !fhe.esint<4> to !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @add_eint_zero
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>)
// CHECK-NEXT: return %[[A]], %[[A]]
func.func @add_eint_zero(%a: !fhe.eint<4>) -> (!fhe.eint<4>, !fhe.eint<4>) {
  %z = fhe.zero : !fhe.eint<4>
  %0 = fhe.add_eint %a, %z : !fhe.eint<4>
  %1 = fhe.add_eint %z, %a : !fhe.eint<4>
  return %0, %1 : !fhe.eint<4>, !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @add_eint
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>, %[[B:.*]]: !fhe.eint<4>)
// CHECK-NEXT: %[[R:.*]] = fhe.add_eint %[[A]], %[[B]]
// CHECK-NEXT: return %[[R]]
func.func @add_eint(%a: !fhe.eint<4>, %b: !fhe.eint<4>) -> !fhe.eint<4> {
  %0 = fhe.add_eint %a, %b : !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

// CHECK-LABEL: func.func @sub_eint_zero
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: return %[[A]]
func.func @sub_eint_zero(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %z = fhe.zero : !fhe.esint<4>
  %0 = fhe.sub_eint %a, %z : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// 0 - a is a negation, not a.
// CHECK-LABEL: func.func @sub_eint_from_zero
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[Z:.*]] = fhe.zero : !fhe.esint<4>
// CHECK-NEXT: %[[R:.*]] = fhe.sub_eint %[[Z]], %[[A]]
// CHECK-NEXT: return %[[R]]
func.func @sub_eint_from_zero(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %z = fhe.zero : !fhe.esint<4>
  %0 = fhe.sub_eint %z, %a : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @max_eint_same
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
// CHECK-NEXT: return %[[A]]
func.func @max_eint_same(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  %0 = fhe.max_eint %a, %a : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @max_eint
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>, %[[B:.*]]: !fhe.esint<4>)
// CHECK-NEXT: %[[R:.*]] = fhe.max_eint %[[A]], %[[B]]
// CHECK-NEXT: return %[[R]]
func.func @max_eint(%a: !fhe.esint<4>, %b: !fhe.esint<4>) -> !fhe.esint<4> {
  %0 = fhe.max_eint %a, %b : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

// CHECK-LABEL: func.func @identity_table
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<2>, %[[S:.*]]: !fhe.esint<2>)
// CHECK-NEXT: return %[[A]], %[[S]]
func.func @identity_table(%a: !fhe.eint<2>, %s: !fhe.esint<2>)
    -> (!fhe.eint<2>, !fhe.esint<2>) {
  %unsigned = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %signed = arith.constant dense<[0, 1, -2, -1]> : tensor<4xi8>
  %0 = fhe.apply_lookup_table %a, %unsigned : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<2>
  %1 = fhe.apply_lookup_table %s, %signed : (!fhe.esint<2>, tensor<4xi8>) -> !fhe.esint<2>
  return %0, %1 : !fhe.eint<2>, !fhe.esint<2>
}

// -----

// CHECK-LABEL: func.func @table_not_identity
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<2>)
// CHECK-NEXT: %[[T:.*]] = arith.constant dense<[0, 1, 2, 2]> : tensor<4xi64>
// CHECK-NEXT: %[[R:.*]] = fhe.apply_lookup_table %[[A]], %[[T]]
// CHECK-NEXT: return %[[R]]
func.func @table_not_identity(%a: !fhe.eint<2>) -> !fhe.eint<2> {
  %t = arith.constant dense<[0, 1, 2, 2]> : tensor<4xi64>
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// -----

// The pattern 2 of an esint<2> is -2: [0, 1, 2, 3] is not its identity.
// CHECK-LABEL: func.func @table_unsigned_identity_on_signed
// CHECK-SAME: (%[[S:.*]]: !fhe.esint<2>)
// CHECK-NEXT: %[[T:.*]] = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
// CHECK-NEXT: %[[R:.*]] = fhe.apply_lookup_table %[[S]], %[[T]]
// CHECK-NEXT: return %[[R]]
func.func @table_unsigned_identity_on_signed(%s: !fhe.esint<2>) -> !fhe.esint<2> {
  %t = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %0 = fhe.apply_lookup_table %s, %t : (!fhe.esint<2>, tensor<4xi64>) -> !fhe.esint<2>
  return %0 : !fhe.esint<2>
}

// -----

// Entries are two's complement: in an i2 table, 2 and 3 are -2 and -1.
// CHECK-LABEL: func.func @table_narrow_entries
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<2>)
// CHECK-NEXT: %[[T:.*]] = arith.constant dense<[0, 1, -2, -1]> : tensor<4xi2>
// CHECK-NEXT: %[[R:.*]] = fhe.apply_lookup_table %[[A]], %[[T]]
// CHECK-NEXT: return %[[R]]
func.func @table_narrow_entries(%a: !fhe.eint<2>) -> !fhe.eint<2> {
  %t = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi2>
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<4xi2>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// -----

// CHECK-LABEL: func.func @identity_table_wider_result
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<2>)
// CHECK-NEXT: %[[T:.*]] = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
// CHECK-NEXT: %[[R:.*]] = fhe.apply_lookup_table %[[A]], %[[T]] : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<3>
// CHECK-NEXT: return %[[R]]
func.func @identity_table_wider_result(%a: !fhe.eint<2>) -> !fhe.eint<3> {
  %t = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<3>
  return %0 : !fhe.eint<3>
}

// -----

// CHECK-LABEL: func.func @table_not_constant
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<2>, %[[T:.*]]: tensor<4xi64>)
// CHECK-NEXT: %[[R:.*]] = fhe.apply_lookup_table %[[A]], %[[T]]
// CHECK-NEXT: return %[[R]]
func.func @table_not_constant(%a: !fhe.eint<2>, %t: tensor<4xi64>) -> !fhe.eint<2> {
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// RUN: shade-opt %s | shade-opt | FileCheck %s
// RUN: shade-opt %s --mlir-print-op-generic | shade-opt | FileCheck %s

// CHECK-LABEL: func.func @types
// CHECK-SAME: (%{{.*}}: !fhe.eint<1>, %{{.*}}: !fhe.eint<63>, %{{.*}}: !fhe.esint<1>, %{{.*}}: !fhe.esint<63>)
func.func @types(%a: !fhe.eint<1>, %b: !fhe.eint<63>, %c: !fhe.esint<1>,
                 %d: !fhe.esint<63>) {
  return
}

// CHECK-LABEL: func.func @zero
func.func @zero() -> (!fhe.eint<4>, !fhe.esint<4>) {
  // CHECK-NEXT: %[[U:.*]] = fhe.zero : !fhe.eint<4>
  // CHECK-NEXT: %[[S:.*]] = fhe.zero : !fhe.esint<4>
  // CHECK-NEXT: return %[[U]], %[[S]]
  %0 = fhe.zero : !fhe.eint<4>
  %1 = fhe.zero : !fhe.esint<4>
  return %0, %1 : !fhe.eint<4>, !fhe.esint<4>
}

// CHECK-LABEL: func.func @add_eint
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>, %[[B:.*]]: !fhe.eint<4>)
func.func @add_eint(%a: !fhe.eint<4>, %b: !fhe.eint<4>) -> !fhe.eint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.add_eint %[[A]], %[[B]] : !fhe.eint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.add_eint %a, %b : !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// CHECK-LABEL: func.func @add_eint_int
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>, %[[C:.*]]: i5)
func.func @add_eint_int(%a: !fhe.eint<4>, %c: i5) -> !fhe.eint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.add_eint_int %[[A]], %[[C]] : (!fhe.eint<4>, i5) -> !fhe.eint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.add_eint_int %a, %c : (!fhe.eint<4>, i5) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// CHECK-LABEL: func.func @sub_eint
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>, %[[B:.*]]: !fhe.esint<4>)
func.func @sub_eint(%a: !fhe.esint<4>, %b: !fhe.esint<4>) -> !fhe.esint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.sub_eint %[[A]], %[[B]] : !fhe.esint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.sub_eint %a, %b : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// CHECK-LABEL: func.func @sub_eint_int
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<7>, %[[C:.*]]: i64)
func.func @sub_eint_int(%a: !fhe.esint<7>, %c: i64) -> !fhe.esint<7> {
  // CHECK-NEXT: %[[R:.*]] = fhe.sub_eint_int %[[A]], %[[C]] : (!fhe.esint<7>, i64) -> !fhe.esint<7>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.sub_eint_int %a, %c : (!fhe.esint<7>, i64) -> !fhe.esint<7>
  return %0 : !fhe.esint<7>
}

// CHECK-LABEL: func.func @sub_int_eint
// CHECK-SAME: (%[[C:.*]]: i2, %[[A:.*]]: !fhe.eint<4>)
func.func @sub_int_eint(%c: i2, %a: !fhe.eint<4>) -> !fhe.eint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.sub_int_eint %[[C]], %[[A]] : (i2, !fhe.eint<4>) -> !fhe.eint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.sub_int_eint %c, %a : (i2, !fhe.eint<4>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// CHECK-LABEL: func.func @neg_eint
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>)
func.func @neg_eint(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.neg_eint %[[A]] : !fhe.esint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.neg_eint %a : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// CHECK-LABEL: func.func @mul_eint_int
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>, %[[C:.*]]: i8)
func.func @mul_eint_int(%a: !fhe.eint<4>, %c: i8) -> !fhe.eint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.mul_eint_int %[[A]], %[[C]] : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.mul_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// CHECK-LABEL: func.func @mul_eint
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>, %[[B:.*]]: !fhe.eint<4>)
func.func @mul_eint(%a: !fhe.eint<4>, %b: !fhe.eint<4>) -> !fhe.eint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.mul_eint %[[A]], %[[B]] : !fhe.eint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.mul_eint %a, %b : !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// CHECK-LABEL: func.func @max_eint
// CHECK-SAME: (%[[A:.*]]: !fhe.esint<4>, %[[B:.*]]: !fhe.esint<4>)
func.func @max_eint(%a: !fhe.esint<4>, %b: !fhe.esint<4>) -> !fhe.esint<4> {
  // CHECK-NEXT: %[[R:.*]] = fhe.max_eint %[[A]], %[[B]] : !fhe.esint<4>
  // CHECK-NEXT: return %[[R]]
  %0 = fhe.max_eint %a, %b : !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// CHECK-LABEL: func.func @apply_lookup_table
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<2>, %[[S:.*]]: !fhe.esint<2>, %[[T:.*]]: tensor<4xi64>, %[[T8:.*]]: tensor<4xi8>)
func.func @apply_lookup_table(%a: !fhe.eint<2>, %s: !fhe.esint<2>,
                              %t: tensor<4xi64>, %t8: tensor<4xi8>)
    -> (!fhe.eint<4>, !fhe.eint<2>, !fhe.esint<1>) {
  // CHECK-NEXT: %[[R0:.*]] = fhe.apply_lookup_table %[[A]], %[[T]] : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<4>
  // CHECK-NEXT: %[[R1:.*]] = fhe.apply_lookup_table %[[S]], %[[T]] : (!fhe.esint<2>, tensor<4xi64>) -> !fhe.eint<2>
  // CHECK-NEXT: %[[R2:.*]] = fhe.apply_lookup_table %[[A]], %[[T8]] : (!fhe.eint<2>, tensor<4xi8>) -> !fhe.esint<1>
  // CHECK-NEXT: return %[[R0]], %[[R1]], %[[R2]]
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<4>
  %1 = fhe.apply_lookup_table %s, %t : (!fhe.esint<2>, tensor<4xi64>) -> !fhe.eint<2>
  %2 = fhe.apply_lookup_table %a, %t8 : (!fhe.eint<2>, tensor<4xi8>) -> !fhe.esint<1>
  return %0, %1, %2 : !fhe.eint<4>, !fhe.eint<2>, !fhe.esint<1>
}

// CHECK-LABEL: func.func @round
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<6>, %[[S:.*]]: !fhe.esint<3>)
func.func @round(%a: !fhe.eint<6>, %s: !fhe.esint<3>)
    -> (!fhe.eint<4>, !fhe.esint<2>) {
  // CHECK-NEXT: %[[R0:.*]] = fhe.round %[[A]] : !fhe.eint<6> to !fhe.eint<4>
  // CHECK-NEXT: %[[R1:.*]] = fhe.round %[[S]] : !fhe.esint<3> to !fhe.esint<2>
  // CHECK-NEXT: return %[[R0]], %[[R1]]
  %0 = fhe.round %a : !fhe.eint<6> to !fhe.eint<4>
  %1 = fhe.round %s : !fhe.esint<3> to !fhe.esint<2>
  return %0, %1 : !fhe.eint<4>, !fhe.esint<2>
}

// CHECK-LABEL: func.func @casts
// CHECK-SAME: (%[[A:.*]]: !fhe.eint<4>, %[[S:.*]]: !fhe.esint<4>)
func.func @casts(%a: !fhe.eint<4>, %s: !fhe.esint<4>)
    -> (!fhe.esint<4>, !fhe.eint<4>) {
  // CHECK-NEXT: %[[R0:.*]] = fhe.to_signed %[[A]] : !fhe.eint<4> to !fhe.esint<4>
  // CHECK-NEXT: %[[R1:.*]] = fhe.to_unsigned %[[S]] : !fhe.esint<4> to !fhe.eint<4>
  // CHECK-NEXT: return %[[R0]], %[[R1]]
  %0 = fhe.to_signed %a : !fhe.eint<4> to !fhe.esint<4>
  %1 = fhe.to_unsigned %s : !fhe.esint<4> to !fhe.eint<4>
  return %0, %1 : !fhe.esint<4>, !fhe.eint<4>
}

// RUN: shade-opt %s --shade-analyze-noise | FileCheck %s

// Fresh arguments and lookup-table results have norm2 1; sums of values with
// disjoint sources add their norms; clear operands and data movement keep
// them; a trivial zero has none.
// CHECK-LABEL: func.func @elementwise
func.func @elementwise(%x: !fhe.eint<4>, %y: !fhe.eint<4>, %c: i5) -> !fhe.eint<4> {
  // CHECK: fhe.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %0 = fhe.add_eint %x, %y : !fhe.eint<4>
  // CHECK: fhe.sub_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %1 = fhe.sub_eint %x, %y : !fhe.eint<4>
  // CHECK: fhe.add_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %2 = fhe.add_eint_int %1, %c : (!fhe.eint<4>, i5) -> !fhe.eint<4>
  // CHECK: fhe.sub_int_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %3 = fhe.sub_int_eint %c, %2 : (i5, !fhe.eint<4>) -> !fhe.eint<4>
  // CHECK: fhe.to_signed %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %4 = fhe.to_signed %3 : !fhe.eint<4> to !fhe.esint<4>
  // CHECK: fhe.neg_eint %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %5 = fhe.neg_eint %4 : !fhe.esint<4>
  // CHECK: fhe.zero {fhe.norm2 = array<i64: 0, 0>}
  %6 = fhe.zero : !fhe.esint<4>
  // CHECK: fhe.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %7 = fhe.add_eint %5, %6 : !fhe.esint<4>
  %table = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 0]> : tensor<16xi64>
  // CHECK: fhe.apply_lookup_table %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 0, 1>}
  %8 = fhe.apply_lookup_table %7, %table : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.eint<4>
  // CHECK: fhe.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 2, 1>}
  %9 = fhe.add_eint %8, %0 : !fhe.eint<4>
  return %9 : !fhe.eint<4>
}

// Operands sharing sources: ||u + v||^2 <= (||u|| + ||v||)^2, rounded up.
// CHECK-LABEL: func.func @correlated
func.func @correlated(%x: !fhe.eint<4>, %y: !fhe.eint<4>) -> !fhe.eint<4> {
  // x + x = 2x: 4.
  // CHECK: fhe.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 4, 0>}
  %0 = fhe.add_eint %x, %x : !fhe.eint<4>
  // CHECK: fhe.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 2, 0>}
  %1 = fhe.add_eint %x, %y : !fhe.eint<4>
  // (x + y) + x: 2 + 1 + 2 * ceil(sqrt(2)) = 7 (exactly 5).
  // CHECK: fhe.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 7, 0>}
  %2 = fhe.add_eint %1, %x : !fhe.eint<4>
  return %2 : !fhe.eint<4>
}

// A clear factor c multiplies the norm by c^2: the constant's value, else the
// largest magnitude of the operand's fhe.range, else of its type.
// CHECK-LABEL: func.func @multiply
func.func @multiply(%x: !fhe.eint<6>, %r: i8 {fhe.range = array<i64: -5, 2>}, %t: i4)
    -> (!fhe.eint<6>, !fhe.eint<6>, !fhe.eint<6>, !fhe.eint<6>) {
  %c = arith.constant -3 : i8
  // CHECK: fhe.mul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %0 = fhe.mul_eint_int %x, %c : (!fhe.eint<6>, i8) -> !fhe.eint<6>
  // CHECK: fhe.mul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 25, 0>}
  %1 = fhe.mul_eint_int %x, %r : (!fhe.eint<6>, i8) -> !fhe.eint<6>
  // An i4 reaches -8.
  // CHECK: fhe.mul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 64, 0>}
  %2 = fhe.mul_eint_int %x, %t : (!fhe.eint<6>, i4) -> !fhe.eint<6>
  // A computed clear value: its op's fhe.range.
  %s = arith.addi %c, %c {fhe.range = array<i64: -6, -6>} : i8
  // CHECK: fhe.mul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 324, 0>}
  %3 = fhe.mul_eint_int %0, %s : (!fhe.eint<6>, i8) -> !fhe.eint<6>
  return %0, %1, %2, %3 : !fhe.eint<6>, !fhe.eint<6>, !fhe.eint<6>, !fhe.eint<6>
}

// Element-wise tensor ops take the largest clear factor.
// CHECK-LABEL: func.func @tensor_elementwise
func.func @tensor_elementwise(%x: tensor<3x!fhe.eint<5>>, %y: tensor<3x!fhe.eint<5>>)
    -> tensor<3x!fhe.eint<5>> {
  %c = arith.constant dense<[1, -4, 2]> : tensor<3xi8>
  // CHECK: fhelinalg.mul_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 16, 0>}
  %0 = fhelinalg.mul_eint_int %x, %c : (tensor<3x!fhe.eint<5>>, tensor<3xi8>) -> tensor<3x!fhe.eint<5>>
  // CHECK: fhelinalg.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 17, 0>}
  %1 = fhelinalg.add_eint %0, %y : (tensor<3x!fhe.eint<5>>, tensor<3x!fhe.eint<5>>) -> tensor<3x!fhe.eint<5>>
  // CHECK: fhelinalg.sub_eint_int %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 17, 0>}
  %2 = fhelinalg.sub_eint_int %1, %c : (tensor<3x!fhe.eint<5>>, tensor<3xi8>) -> tensor<3x!fhe.eint<5>>
  return %2 : tensor<3x!fhe.eint<5>>
}

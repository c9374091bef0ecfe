// RUN: shade-opt --shade-infer-ranges %s | FileCheck %s

// A lookup table's range is the hull of its entries over the reachable
// inputs; a signed input indexes the table with its two's-complement pattern.

// CHECK-LABEL: func.func @scalar
func.func @scalar(%u: !fhe.eint<2> {fhe.range = array<i64: 1, 2>},
                  %neg: !fhe.esint<2> {fhe.range = array<i64: -2, -1>},
                  %mid: !fhe.esint<2> {fhe.range = array<i64: -1, 0>})
    -> !fhe.esint<8> {
  // CHECK: arith.constant {fhe.range = array<i64: -5, 100>}
  %t = arith.constant dense<[10, -5, 7, 100]> : tensor<4xi64>
  // Entries 1 and 2.
  // CHECK: fhe.apply_lookup_table {{.*}} {fhe.range = array<i64: -5, 7>}
  %0 = fhe.apply_lookup_table %u, %t : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.esint<8>
  // -2 and -1 are entries 2 and 3.
  // CHECK: fhe.apply_lookup_table {{.*}} {fhe.range = array<i64: 7, 100>}
  %1 = fhe.apply_lookup_table %neg, %t : (!fhe.esint<2>, tensor<4xi64>) -> !fhe.esint<8>
  // -1 and 0 are entries 3 and 0.
  // CHECK: fhe.apply_lookup_table {{.*}} {fhe.range = array<i64: 10, 100>}
  %2 = fhe.apply_lookup_table %mid, %t : (!fhe.esint<2>, tensor<4xi64>) -> !fhe.esint<8>
  return %2 : !fhe.esint<8>
}

// CHECK-LABEL: func.func @tensor
func.func @tensor(%x: tensor<2x!fhe.eint<3>> {fhe.range = array<i64: 0, 1>})
    -> (!fhe.eint<4>, !fhe.eint<4>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %shift = arith.constant dense<[0, 5]> : tensor<2xi64>
  // Elements [0, 1] and [5, 6].
  %s = fhelinalg.add_eint_int %x, %shift : (tensor<2x!fhe.eint<3>>, tensor<2xi64>) -> tensor<2x!fhe.eint<3>>
  %t = arith.constant dense<[1, 2, 0, 0, 0, 9, 15, 0]> : tensor<8xi64>
  // CHECK: fhelinalg.apply_lookup_table {{.*}} {fhe.range = array<i64: 1, 15>}
  %l = fhelinalg.apply_lookup_table %s, %t : (tensor<2x!fhe.eint<3>>, tensor<8xi64>) -> tensor<2x!fhe.eint<4>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 1, 2>}
  %e0 = tensor.extract %l[%c0] : tensor<2x!fhe.eint<4>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 9, 15>}
  %e1 = tensor.extract %l[%c1] : tensor<2x!fhe.eint<4>>
  return %e0, %e1 : !fhe.eint<4>, !fhe.eint<4>
}

// CHECK-LABEL: func.func @multi
func.func @multi(%x: tensor<2x2x!fhe.eint<2>> {fhe.range = array<i64: 1, 2>})
    -> !fhe.eint<6> {
  %c1 = arith.constant 1 : index
  // One table per column.
  %tables = arith.constant dense<[[0, 1, 2, 3], [10, 20, 30, 40]]> : tensor<2x4xi64>
  // CHECK: fhelinalg.apply_multi_lookup_table {{.*}} {fhe.range = array<i64: 1, 30>}
  %l = fhelinalg.apply_multi_lookup_table %x, %tables
      : (tensor<2x2x!fhe.eint<2>>, tensor<2x4xi64>) -> tensor<2x2x!fhe.eint<6>>
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 20, 30>}
  %e = tensor.extract %l[%c1, %c1] : tensor<2x2x!fhe.eint<6>>
  return %e : !fhe.eint<6>
}

// A table given at run time is known by its type only.

// CHECK-LABEL: func.func @runtime_table
func.func @runtime_table(%x: !fhe.eint<2>, %t: tensor<4xi8>) -> !fhe.esint<8> {
  // CHECK: fhe.apply_lookup_table {{.*}} {fhe.range = array<i64: -128, 127>}
  %0 = fhe.apply_lookup_table %x, %t : (!fhe.eint<2>, tensor<4xi8>) -> !fhe.esint<8>
  return %0 : !fhe.esint<8>
}

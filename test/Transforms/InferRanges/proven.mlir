// RUN: shade-opt --shade-infer-ranges %s | FileCheck %s
// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths --shade-decompose-encrypted-ops --shade-infer-ranges %s | FileCheck %s --check-prefix=AGAIN

// An op's fhe.proven_range bounds what the analysis derives from its
// operands' intervals, which cannot see that b + relu(a - b) is max(a, b).

// CHECK-LABEL: func.func @maximum
func.func @maximum(%a: !fhe.esint<4> {fhe.range = array<i64: 0, 3>},
                   %b: !fhe.esint<4> {fhe.range = array<i64: -2, 1>}) -> !fhe.eint<3> {
  %d = fhe.sub_eint %a, %b : !fhe.esint<4>
  %relu = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<16xi64>
  %r = fhe.apply_lookup_table %d, %relu : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.esint<4>
  // Derived: [-2, 1] + [0, 5] = [-2, 6]; proven: [0, 3].
  // CHECK: fhe.add_eint {{.*}} {fhe.proven_range = array<i64: 0, 3>, fhe.range = array<i64: 0, 3>}
  %m = fhe.add_eint %b, %r {fhe.proven_range = array<i64: 0, 3>} : !fhe.esint<4>
  // A table of four entries covers every reachable value.
  %t = arith.constant dense<[0, 1, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<16xi64>
  // CHECK: fhe.apply_lookup_table {{.*}} {fhe.range = array<i64: 0, 4>}
  %y = fhe.apply_lookup_table %m, %t : (!fhe.esint<4>, tensor<16xi64>) -> !fhe.eint<3>
  return %y : !fhe.eint<3>
}

// A proven bound holds for every element: the elements [1, 6] and [4, 9]
// become [1, 6] and [4, 8], their hull [1, 8].

// CHECK-LABEL: func.func @elements
func.func @elements(%x: tensor<2x!fhe.eint<4>> {fhe.range = array<i64: 0, 5>}) -> tensor<2x!fhe.eint<4>> {
  %k = arith.constant dense<[1, 4]> : tensor<2xi64>
  // CHECK: fhelinalg.add_eint_int {{.*}} {fhe.proven_range = array<i64: 1, 8>, fhe.range = array<i64: 1, 8>}
  %y = fhelinalg.add_eint_int %x, %k {fhe.proven_range = array<i64: 1, 8>} : (tensor<2x!fhe.eint<4>>, tensor<2xi64>) -> tensor<2x!fhe.eint<4>>
  return %y : tensor<2x!fhe.eint<4>>
}

// After the decomposition of a product of two encrypted values, the
// analysis runs again: floor((a+b)^2/4) - floor((a-b)^2/4) keeps the
// product's exact range [0, 4] (its terms' intervals give [-1, 4]), so the
// sum stays non-negative and the table after it stays unsigned.

// AGAIN-LABEL: func.func @dot
func.func @dot(%x: tensor<3x!fhe.eint<4>> {fhe.range = array<i64: 0, 2>},
               %y: tensor<3x!fhe.eint<4>> {fhe.range = array<i64: 0, 2>}) -> !fhe.eint<3> {
  // AGAIN: fhelinalg.sub_eint {{.*}} {fhe.proven_range = array<i64: 0, 4>, fhe.range = array<i64: 0, 4>}
  // AGAIN: fhelinalg.sum {{.*}} {fhe.range = array<i64: 0, 12>}
  %d = fhelinalg.dot_eint_eint %x, %y : (tensor<3x!fhe.eint<4>>, tensor<3x!fhe.eint<4>>) -> !fhe.eint<4>
  %half = arith.constant dense<[0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 0, 0, 0]> : tensor<16xi64>
  // AGAIN: fhe.apply_lookup_table {{.*}} {fhe.range = array<i64: 0, 6>} : (!fhe.eint<4>, tensor<16xi64>) -> !fhe.eint<3>
  %r = fhe.apply_lookup_table %d, %half : (!fhe.eint<4>, tensor<16xi64>) -> !fhe.eint<3>
  return %r : !fhe.eint<3>
}

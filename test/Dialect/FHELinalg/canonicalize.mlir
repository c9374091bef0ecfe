// RUN: shade-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @add_eint_int_zero
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!fhe.eint<5>>)
// CHECK-NEXT: return %[[X]]
func.func @add_eint_int_zero(%x: tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  %zero = arith.constant dense<0> : tensor<2x3xi64>
  %0 = fhelinalg.add_eint_int %x, %zero : (tensor<2x3x!fhe.eint<5>>, tensor<2x3xi64>) -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// -----

// A zero that broadcasts to the shape of x leaves x unchanged too.
// CHECK-LABEL: func.func @add_eint_int_broadcast_zero
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!fhe.eint<5>>)
// CHECK-NEXT: return %[[X]]
func.func @add_eint_int_broadcast_zero(%x: tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  %zero = arith.constant dense<0> : tensor<3xi8>
  %0 = fhelinalg.add_eint_int %x, %zero : (tensor<2x3x!fhe.eint<5>>, tensor<3xi8>) -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// -----

// Adding zeros of a larger shape broadcasts x: not an identity.
// CHECK-LABEL: func.func @add_eint_int_zero_that_broadcasts_x
// CHECK: %[[ZERO:.*]] = arith.constant dense<0> : tensor<4x3xi64>
// CHECK: %[[R:.*]] = fhelinalg.add_eint_int %{{.*}}, %[[ZERO]] : (tensor<3x!fhe.eint<5>>, tensor<4x3xi64>) -> tensor<4x3x!fhe.eint<5>>
// CHECK: return %[[R]]
func.func @add_eint_int_zero_that_broadcasts_x(%x: tensor<3x!fhe.eint<5>>) -> tensor<4x3x!fhe.eint<5>> {
  %zero = arith.constant dense<0> : tensor<4x3xi64>
  %0 = fhelinalg.add_eint_int %x, %zero : (tensor<3x!fhe.eint<5>>, tensor<4x3xi64>) -> tensor<4x3x!fhe.eint<5>>
  return %0 : tensor<4x3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @add_eint_int_non_zero
// CHECK: %[[R:.*]] = fhelinalg.add_eint_int
// CHECK: return %[[R]]
func.func @add_eint_int_non_zero(%x: tensor<3x!fhe.eint<5>>) -> tensor<3x!fhe.eint<5>> {
  %cst = arith.constant dense<[0, 1, 0]> : tensor<3xi64>
  %0 = fhelinalg.add_eint_int %x, %cst : (tensor<3x!fhe.eint<5>>, tensor<3xi64>) -> tensor<3x!fhe.eint<5>>
  return %0 : tensor<3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @add_eint_zero
// CHECK-SAME: (%[[X:.*]]: tensor<3x!fhe.esint<5>>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @add_eint_zero(%x: tensor<3x!fhe.esint<5>>) -> (tensor<3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>) {
  %zero = fhelinalg.zero : tensor<3x!fhe.esint<5>>
  %0 = fhelinalg.add_eint %x, %zero : (tensor<3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>) -> tensor<3x!fhe.esint<5>>
  %1 = fhelinalg.add_eint %zero, %x : (tensor<3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>) -> tensor<3x!fhe.esint<5>>
  return %0, %1 : tensor<3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>
}

// -----

// CHECK-LABEL: func.func @add_eint_zero_that_broadcasts_x
// CHECK: %[[ZERO:.*]] = fhelinalg.zero : tensor<2x3x!fhe.eint<5>>
// CHECK: %[[R:.*]] = fhelinalg.add_eint %{{.*}}, %[[ZERO]]
// CHECK: return %[[R]]
func.func @add_eint_zero_that_broadcasts_x(%x: tensor<3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  %zero = fhelinalg.zero : tensor<2x3x!fhe.eint<5>>
  %0 = fhelinalg.add_eint %x, %zero : (tensor<3x!fhe.eint<5>>, tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @sub_zero
// CHECK-SAME: (%[[X:.*]]: tensor<3x!fhe.eint<5>>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @sub_zero(%x: tensor<3x!fhe.eint<5>>) -> (tensor<3x!fhe.eint<5>>, tensor<3x!fhe.eint<5>>) {
  %clear_zero = arith.constant dense<0> : tensor<3xi64>
  %0 = fhelinalg.sub_eint_int %x, %clear_zero : (tensor<3x!fhe.eint<5>>, tensor<3xi64>) -> tensor<3x!fhe.eint<5>>
  %zero = fhelinalg.zero : tensor<3x!fhe.eint<5>>
  %1 = fhelinalg.sub_eint %x, %zero : (tensor<3x!fhe.eint<5>>, tensor<3x!fhe.eint<5>>) -> tensor<3x!fhe.eint<5>>
  return %0, %1 : tensor<3x!fhe.eint<5>>, tensor<3x!fhe.eint<5>>
}

// -----

// 0 - x is -x, not x.
// CHECK-LABEL: func.func @sub_from_zero
// CHECK: %[[R:.*]] = fhelinalg.sub_eint %[[ZERO:.*]], %{{.*}}
// CHECK: return %[[R]]
func.func @sub_from_zero(%x: tensor<3x!fhe.esint<5>>) -> tensor<3x!fhe.esint<5>> {
  %zero = fhelinalg.zero : tensor<3x!fhe.esint<5>>
  %0 = fhelinalg.sub_eint %zero, %x : (tensor<3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>) -> tensor<3x!fhe.esint<5>>
  return %0 : tensor<3x!fhe.esint<5>>
}

// -----

// CHECK-LABEL: func.func @mul_one
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!fhe.eint<5>>)
// CHECK-NEXT: return %[[X]]
func.func @mul_one(%x: tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  %one = arith.constant dense<1> : tensor<2x3xi64>
  %0 = fhelinalg.mul_eint_int %x, %one : (tensor<2x3x!fhe.eint<5>>, tensor<2x3xi64>) -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @mul_not_one
// CHECK-DAG: %[[TWO:.*]] = arith.constant dense<2> : tensor<3xi64>
// CHECK-DAG: %[[TRUE:.*]] = arith.constant dense<true> : tensor<3xi1>
// CHECK-DAG: %[[ONES:.*]] = arith.constant dense<1> : tensor<2x3xi64>
// CHECK: %[[R0:.*]] = fhelinalg.mul_eint_int %{{.*}}, %[[TWO]]
// CHECK: %[[R1:.*]] = fhelinalg.mul_eint_int %{{.*}}, %[[TRUE]]
// CHECK: %[[R2:.*]] = fhelinalg.mul_eint_int %{{.*}}, %[[ONES]]
// CHECK: return %[[R0]], %[[R1]], %[[R2]]
func.func @mul_not_one(%x: tensor<3x!fhe.esint<5>>) -> (tensor<3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>, tensor<2x3x!fhe.esint<5>>) {
  %two = arith.constant dense<2> : tensor<3xi64>
  %0 = fhelinalg.mul_eint_int %x, %two : (tensor<3x!fhe.esint<5>>, tensor<3xi64>) -> tensor<3x!fhe.esint<5>>
  // A clear i1 `true` is -1.
  %true = arith.constant dense<true> : tensor<3xi1>
  %1 = fhelinalg.mul_eint_int %x, %true : (tensor<3x!fhe.esint<5>>, tensor<3xi1>) -> tensor<3x!fhe.esint<5>>
  // Ones of a larger shape broadcast x.
  %ones = arith.constant dense<1> : tensor<2x3xi64>
  %2 = fhelinalg.mul_eint_int %x, %ones : (tensor<3x!fhe.esint<5>>, tensor<2x3xi64>) -> tensor<2x3x!fhe.esint<5>>
  return %0, %1, %2 : tensor<3x!fhe.esint<5>>, tensor<3x!fhe.esint<5>>, tensor<2x3x!fhe.esint<5>>
}

// -----

// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!fhe.eint<5>>, %[[V:.*]]: tensor<4x!fhe.eint<5>>)
// CHECK-NEXT: return %[[X]], %[[X]], %[[V]]
func.func @transpose_identity(%x: tensor<2x3x!fhe.eint<5>>, %v: tensor<4x!fhe.eint<5>>) -> (tensor<2x3x!fhe.eint<5>>, tensor<2x3x!fhe.eint<5>>, tensor<4x!fhe.eint<5>>) {
  %0 = fhelinalg.transpose %x {axes = [0, 1]} : tensor<2x3x!fhe.eint<5>> -> tensor<2x3x!fhe.eint<5>>
  %1 = fhelinalg.transpose %x {axes = [-2, -1]} : tensor<2x3x!fhe.eint<5>> -> tensor<2x3x!fhe.eint<5>>
  // Reversing one dimension keeps it in place.
  %2 = fhelinalg.transpose %v : tensor<4x!fhe.eint<5>> -> tensor<4x!fhe.eint<5>>
  return %0, %1, %2 : tensor<2x3x!fhe.eint<5>>, tensor<2x3x!fhe.eint<5>>, tensor<4x!fhe.eint<5>>
}

// -----

// A square matrix transposed keeps its type but not its elements.
// CHECK-LABEL: func.func @transpose_square
// CHECK: %[[R0:.*]] = fhelinalg.transpose %{{.*}} : tensor<3x3x!fhe.eint<5>> -> tensor<3x3x!fhe.eint<5>>
// CHECK: %[[R1:.*]] = fhelinalg.transpose %{{.*}} {axes = [1, 0]} : tensor<3x3x!fhe.eint<5>> -> tensor<3x3x!fhe.eint<5>>
// CHECK: return %[[R0]], %[[R1]]
func.func @transpose_square(%x: tensor<3x3x!fhe.eint<5>>) -> (tensor<3x3x!fhe.eint<5>>, tensor<3x3x!fhe.eint<5>>) {
  %0 = fhelinalg.transpose %x : tensor<3x3x!fhe.eint<5>> -> tensor<3x3x!fhe.eint<5>>
  %1 = fhelinalg.transpose %x {axes = [1, 0]} : tensor<3x3x!fhe.eint<5>> -> tensor<3x3x!fhe.eint<5>>
  return %0, %1 : tensor<3x3x!fhe.eint<5>>, tensor<3x3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @broadcast_same_shape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!fhe.eint<5>>)
// CHECK-NEXT: return %[[X]]
func.func @broadcast_same_shape(%x: tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  %0 = fhelinalg.broadcast %x : tensor<2x3x!fhe.eint<5>> -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @broadcast_larger
// CHECK: %[[R:.*]] = fhelinalg.broadcast %{{.*}} : tensor<1x3x!fhe.eint<5>> -> tensor<2x3x!fhe.eint<5>>
// CHECK: return %[[R]]
func.func @broadcast_larger(%x: tensor<1x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  %0 = fhelinalg.broadcast %x : tensor<1x3x!fhe.eint<5>> -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @concat_single_input
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x!fhe.eint<5>>)
// CHECK-NEXT: return %[[X]]
func.func @concat_single_input(%x: tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  %0 = fhelinalg.concat %x {axis = 1} : (tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// -----

// CHECK-LABEL: func.func @concat_two_inputs
// CHECK: %[[R:.*]] = fhelinalg.concat
// CHECK: return %[[R]]
func.func @concat_two_inputs(%x: tensor<2x3x!fhe.eint<5>>) -> tensor<4x3x!fhe.eint<5>> {
  %0 = fhelinalg.concat %x, %x : (tensor<2x3x!fhe.eint<5>>, tensor<2x3x!fhe.eint<5>>) -> tensor<4x3x!fhe.eint<5>>
  return %0 : tensor<4x3x!fhe.eint<5>>
}

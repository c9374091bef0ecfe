// RUN: shade-opt %s | shade-opt | FileCheck %s
// RUN: shade-opt %s --mlir-print-op-generic | shade-opt | FileCheck %s

// CHECK-LABEL: func.func @add_eint
func.func @add_eint(%a: tensor<4x!fhe.eint<5>>, %b: tensor<4x!fhe.eint<5>>) -> tensor<4x!fhe.eint<5>> {
  // CHECK: %[[R:.*]] = fhelinalg.add_eint %{{.*}}, %{{.*}} : (tensor<4x!fhe.eint<5>>, tensor<4x!fhe.eint<5>>) -> tensor<4x!fhe.eint<5>>
  %0 = fhelinalg.add_eint %a, %b : (tensor<4x!fhe.eint<5>>, tensor<4x!fhe.eint<5>>) -> tensor<4x!fhe.eint<5>>
  return %0 : tensor<4x!fhe.eint<5>>
}

// CHECK-LABEL: func.func @add_eint_broadcast
func.func @add_eint_broadcast(%a: tensor<3x1x!fhe.esint<5>>, %b: tensor<4x!fhe.esint<5>>) -> tensor<3x4x!fhe.esint<5>> {
  // CHECK: fhelinalg.add_eint %{{.*}}, %{{.*}} : (tensor<3x1x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>) -> tensor<3x4x!fhe.esint<5>>
  %0 = fhelinalg.add_eint %a, %b : (tensor<3x1x!fhe.esint<5>>, tensor<4x!fhe.esint<5>>) -> tensor<3x4x!fhe.esint<5>>
  return %0 : tensor<3x4x!fhe.esint<5>>
}

// CHECK-LABEL: func.func @add_eint_int
func.func @add_eint_int(%a: tensor<4x!fhe.eint<5>>, %b: tensor<4xi64>) -> tensor<4x!fhe.eint<5>> {
  // CHECK: fhelinalg.add_eint_int %{{.*}}, %{{.*}} : (tensor<4x!fhe.eint<5>>, tensor<4xi64>) -> tensor<4x!fhe.eint<5>>
  %0 = fhelinalg.add_eint_int %a, %b : (tensor<4x!fhe.eint<5>>, tensor<4xi64>) -> tensor<4x!fhe.eint<5>>
  return %0 : tensor<4x!fhe.eint<5>>
}

// A scalar (rank 0) operand broadcasts to any shape.
// CHECK-LABEL: func.func @add_eint_int_scalar
func.func @add_eint_int_scalar(%a: tensor<2x3x!fhe.eint<5>>, %b: tensor<i8>) -> tensor<2x3x!fhe.eint<5>> {
  // CHECK: fhelinalg.add_eint_int %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.eint<5>>, tensor<i8>) -> tensor<2x3x!fhe.eint<5>>
  %0 = fhelinalg.add_eint_int %a, %b : (tensor<2x3x!fhe.eint<5>>, tensor<i8>) -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

// CHECK-LABEL: func.func @sub_eint
func.func @sub_eint(%a: tensor<2x1x!fhe.esint<6>>, %b: tensor<3x!fhe.esint<6>>) -> tensor<2x3x!fhe.esint<6>> {
  // CHECK: fhelinalg.sub_eint %{{.*}}, %{{.*}} : (tensor<2x1x!fhe.esint<6>>, tensor<3x!fhe.esint<6>>) -> tensor<2x3x!fhe.esint<6>>
  %0 = fhelinalg.sub_eint %a, %b : (tensor<2x1x!fhe.esint<6>>, tensor<3x!fhe.esint<6>>) -> tensor<2x3x!fhe.esint<6>>
  return %0 : tensor<2x3x!fhe.esint<6>>
}

// CHECK-LABEL: func.func @sub_eint_int
func.func @sub_eint_int(%a: tensor<2x3x!fhe.eint<4>>, %b: tensor<3xi8>) -> tensor<2x3x!fhe.eint<4>> {
  // CHECK: fhelinalg.sub_eint_int %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.eint<4>>, tensor<3xi8>) -> tensor<2x3x!fhe.eint<4>>
  %0 = fhelinalg.sub_eint_int %a, %b : (tensor<2x3x!fhe.eint<4>>, tensor<3xi8>) -> tensor<2x3x!fhe.eint<4>>
  return %0 : tensor<2x3x!fhe.eint<4>>
}

// The clear operand may be the larger one: the result takes the broadcast shape.
// CHECK-LABEL: func.func @sub_int_eint
func.func @sub_int_eint(%a: tensor<5x4xi64>, %b: tensor<4x!fhe.esint<5>>) -> tensor<5x4x!fhe.esint<5>> {
  // CHECK: fhelinalg.sub_int_eint %{{.*}}, %{{.*}} : (tensor<5x4xi64>, tensor<4x!fhe.esint<5>>) -> tensor<5x4x!fhe.esint<5>>
  %0 = fhelinalg.sub_int_eint %a, %b : (tensor<5x4xi64>, tensor<4x!fhe.esint<5>>) -> tensor<5x4x!fhe.esint<5>>
  return %0 : tensor<5x4x!fhe.esint<5>>
}

// CHECK-LABEL: func.func @neg_eint
func.func @neg_eint(%a: tensor<4x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>> {
  // CHECK: fhelinalg.neg_eint %{{.*}} : tensor<4x!fhe.esint<5>>
  %0 = fhelinalg.neg_eint %a : tensor<4x!fhe.esint<5>>
  return %0 : tensor<4x!fhe.esint<5>>
}

// CHECK-LABEL: func.func @mul_eint_int
func.func @mul_eint_int(%a: tensor<3x4x!fhe.eint<6>>, %b: tensor<3x1xi64>) -> tensor<3x4x!fhe.eint<6>> {
  // CHECK: fhelinalg.mul_eint_int %{{.*}}, %{{.*}} : (tensor<3x4x!fhe.eint<6>>, tensor<3x1xi64>) -> tensor<3x4x!fhe.eint<6>>
  %0 = fhelinalg.mul_eint_int %a, %b : (tensor<3x4x!fhe.eint<6>>, tensor<3x1xi64>) -> tensor<3x4x!fhe.eint<6>>
  return %0 : tensor<3x4x!fhe.eint<6>>
}

// CHECK-LABEL: func.func @mul_eint
func.func @mul_eint(%a: tensor<2x1x!fhe.eint<6>>, %b: tensor<1x3x!fhe.eint<6>>) -> tensor<2x3x!fhe.eint<6>> {
  // CHECK: fhelinalg.mul_eint %{{.*}}, %{{.*}} : (tensor<2x1x!fhe.eint<6>>, tensor<1x3x!fhe.eint<6>>) -> tensor<2x3x!fhe.eint<6>>
  %0 = fhelinalg.mul_eint %a, %b : (tensor<2x1x!fhe.eint<6>>, tensor<1x3x!fhe.eint<6>>) -> tensor<2x3x!fhe.eint<6>>
  return %0 : tensor<2x3x!fhe.eint<6>>
}

// CHECK-LABEL: func.func @max_eint
func.func @max_eint(%a: tensor<4x!fhe.esint<5>>, %b: tensor<1x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>> {
  // CHECK: fhelinalg.max_eint %{{.*}}, %{{.*}} : (tensor<4x!fhe.esint<5>>, tensor<1x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>>
  %0 = fhelinalg.max_eint %a, %b : (tensor<4x!fhe.esint<5>>, tensor<1x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>>
  return %0 : tensor<4x!fhe.esint<5>>
}

// CHECK-LABEL: func.func @signedness
func.func @signedness(%a: tensor<4x!fhe.eint<5>>) -> tensor<4x!fhe.eint<5>> {
  // CHECK: %[[S:.*]] = fhelinalg.to_signed %{{.*}} : tensor<4x!fhe.eint<5>> -> tensor<4x!fhe.esint<5>>
  %0 = fhelinalg.to_signed %a : tensor<4x!fhe.eint<5>> -> tensor<4x!fhe.esint<5>>
  // CHECK: fhelinalg.to_unsigned %[[S]] : tensor<4x!fhe.esint<5>> -> tensor<4x!fhe.eint<5>>
  %1 = fhelinalg.to_unsigned %0 : tensor<4x!fhe.esint<5>> -> tensor<4x!fhe.eint<5>>
  return %1 : tensor<4x!fhe.eint<5>>
}

// CHECK-LABEL: func.func @round
func.func @round(%a: tensor<4x!fhe.eint<8>>, %b: tensor<2x2x!fhe.esint<7>>) -> (tensor<4x!fhe.eint<5>>, tensor<2x2x!fhe.esint<6>>) {
  // CHECK: fhelinalg.round %{{.*}} : tensor<4x!fhe.eint<8>> -> tensor<4x!fhe.eint<5>>
  %0 = fhelinalg.round %a : tensor<4x!fhe.eint<8>> -> tensor<4x!fhe.eint<5>>
  // CHECK: fhelinalg.round %{{.*}} : tensor<2x2x!fhe.esint<7>> -> tensor<2x2x!fhe.esint<6>>
  %1 = fhelinalg.round %b : tensor<2x2x!fhe.esint<7>> -> tensor<2x2x!fhe.esint<6>>
  return %0, %1 : tensor<4x!fhe.eint<5>>, tensor<2x2x!fhe.esint<6>>
}

// CHECK-LABEL: func.func @clear_low_bits
func.func @clear_low_bits(%a: tensor<4x!fhe.esint<16>>) -> (tensor<4x!fhe.esint<16>>, tensor<4x!fhe.esint<16>>) {
  // CHECK: fhelinalg.clear_low_bits %{{.*}} {bits = 10 : i64} : tensor<4x!fhe.esint<16>>
  %0 = fhelinalg.clear_low_bits %a {bits = 10 : i64} : tensor<4x!fhe.esint<16>>
  // CHECK: fhelinalg.clear_low_bits %{{.*}} {bits = 10 : i64, chunks = array<i64: 5, 4, 1>} : tensor<4x!fhe.esint<16>>
  %1 = fhelinalg.clear_low_bits %a {bits = 10 : i64, chunks = array<i64: 5, 4, 1>} : tensor<4x!fhe.esint<16>>
  // CHECK: fhelinalg.clear_low_bits %{{.*}} {bits = 10 : i64, chunks = array<i64: 4>, from = 6 : i64} : tensor<4x!fhe.esint<16>>
  %2 = fhelinalg.clear_low_bits %1 {bits = 10 : i64, chunks = array<i64: 4>, from = 6 : i64} : tensor<4x!fhe.esint<16>>
  return %0, %1 : tensor<4x!fhe.esint<16>>, tensor<4x!fhe.esint<16>>
}

// CHECK-LABEL: func.func @rescale
func.func @rescale(%a: tensor<4x!fhe.esint<16>>) -> (tensor<4x!fhe.esint<6>>, tensor<4x!fhe.eint<5>>) {
  // CHECK: fhelinalg.rescale %{{.*}} {shift = 10 : i64} : tensor<4x!fhe.esint<16>> -> tensor<4x!fhe.esint<6>>
  %0 = fhelinalg.rescale %a {shift = 10 : i64} : tensor<4x!fhe.esint<16>> -> tensor<4x!fhe.esint<6>>
  // CHECK: %[[APPROXIMATE:.*]] = fhelinalg.rescale %{{.*}} {approximate, shift = 11 : i64} : tensor<4x!fhe.esint<16>> -> tensor<4x!fhe.esint<5>>
  %1 = fhelinalg.rescale %a {approximate, shift = 11 : i64} : tensor<4x!fhe.esint<16>> -> tensor<4x!fhe.esint<5>>
  %t = arith.constant dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<32xi64>
  // CHECK: fhelinalg.apply_lookup_table %[[APPROXIMATE]]
  %2 = fhelinalg.apply_lookup_table %1, %t : (tensor<4x!fhe.esint<5>>, tensor<32xi64>) -> tensor<4x!fhe.eint<5>>
  return %0, %2 : tensor<4x!fhe.esint<6>>, tensor<4x!fhe.eint<5>>
}

// CHECK-LABEL: func.func @zero
func.func @zero() -> tensor<2x3x!fhe.eint<4>> {
  // CHECK: fhelinalg.zero : tensor<2x3x!fhe.eint<4>>
  %0 = fhelinalg.zero : tensor<2x3x!fhe.eint<4>>
  return %0 : tensor<2x3x!fhe.eint<4>>
}

// CHECK-LABEL: func.func @apply_lookup_table
func.func @apply_lookup_table(%a: tensor<2x3x!fhe.eint<2>>, %lut: tensor<4xi64>) -> tensor<2x3x!fhe.eint<3>> {
  // CHECK: fhelinalg.apply_lookup_table %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.eint<2>>, tensor<4xi64>) -> tensor<2x3x!fhe.eint<3>>
  %0 = fhelinalg.apply_lookup_table %a, %lut : (tensor<2x3x!fhe.eint<2>>, tensor<4xi64>) -> tensor<2x3x!fhe.eint<3>>
  return %0 : tensor<2x3x!fhe.eint<3>>
}

// A signed input may map to an unsigned result.
// CHECK-LABEL: func.func @apply_lookup_table_signed
func.func @apply_lookup_table_signed(%a: tensor<4x!fhe.esint<3>>) -> tensor<4x!fhe.eint<2>> {
  %lut = arith.constant dense<[0, 1, 2, 3, 3, 2, 1, 0]> : tensor<8xi8>
  // CHECK: fhelinalg.apply_lookup_table %{{.*}}, %{{.*}} : (tensor<4x!fhe.esint<3>>, tensor<8xi8>) -> tensor<4x!fhe.eint<2>>
  %0 = fhelinalg.apply_lookup_table %a, %lut : (tensor<4x!fhe.esint<3>>, tensor<8xi8>) -> tensor<4x!fhe.eint<2>>
  return %0 : tensor<4x!fhe.eint<2>>
}

// CHECK-LABEL: func.func @apply_multi_lookup_table
func.func @apply_multi_lookup_table(%a: tensor<2x3x!fhe.eint<2>>, %per_column: tensor<3x4xi64>, %per_element: tensor<2x3x4xi64>, %per_row: tensor<2x1x4xi64>, %one: tensor<4xi64>) -> (tensor<2x3x!fhe.eint<3>>, tensor<2x3x!fhe.eint<2>>, tensor<2x3x!fhe.esint<4>>, tensor<2x3x!fhe.eint<2>>) {
  // CHECK: fhelinalg.apply_multi_lookup_table %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.eint<2>>, tensor<3x4xi64>) -> tensor<2x3x!fhe.eint<3>>
  %0 = fhelinalg.apply_multi_lookup_table %a, %per_column : (tensor<2x3x!fhe.eint<2>>, tensor<3x4xi64>) -> tensor<2x3x!fhe.eint<3>>
  // CHECK: fhelinalg.apply_multi_lookup_table %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.eint<2>>, tensor<2x3x4xi64>) -> tensor<2x3x!fhe.eint<2>>
  %1 = fhelinalg.apply_multi_lookup_table %a, %per_element : (tensor<2x3x!fhe.eint<2>>, tensor<2x3x4xi64>) -> tensor<2x3x!fhe.eint<2>>
  // CHECK: fhelinalg.apply_multi_lookup_table %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.eint<2>>, tensor<2x1x4xi64>) -> tensor<2x3x!fhe.esint<4>>
  %2 = fhelinalg.apply_multi_lookup_table %a, %per_row : (tensor<2x3x!fhe.eint<2>>, tensor<2x1x4xi64>) -> tensor<2x3x!fhe.esint<4>>
  // CHECK: fhelinalg.apply_multi_lookup_table %{{.*}}, %{{.*}} : (tensor<2x3x!fhe.eint<2>>, tensor<4xi64>) -> tensor<2x3x!fhe.eint<2>>
  %3 = fhelinalg.apply_multi_lookup_table %a, %one : (tensor<2x3x!fhe.eint<2>>, tensor<4xi64>) -> tensor<2x3x!fhe.eint<2>>
  return %0, %1, %2, %3 : tensor<2x3x!fhe.eint<3>>, tensor<2x3x!fhe.eint<2>>, tensor<2x3x!fhe.esint<4>>, tensor<2x3x!fhe.eint<2>>
}

// CHECK-LABEL: func.func @dot
func.func @dot(%a: tensor<4x!fhe.eint<6>>, %b: tensor<4xi64>, %c: tensor<4x!fhe.eint<6>>) -> (!fhe.eint<6>, !fhe.eint<6>) {
  // CHECK: fhelinalg.dot_eint_int %{{.*}}, %{{.*}} : (tensor<4x!fhe.eint<6>>, tensor<4xi64>) -> !fhe.eint<6>
  %0 = fhelinalg.dot_eint_int %a, %b : (tensor<4x!fhe.eint<6>>, tensor<4xi64>) -> !fhe.eint<6>
  // CHECK: fhelinalg.dot_eint_eint %{{.*}}, %{{.*}} : (tensor<4x!fhe.eint<6>>, tensor<4x!fhe.eint<6>>) -> !fhe.eint<6>
  %1 = fhelinalg.dot_eint_eint %a, %c : (tensor<4x!fhe.eint<6>>, tensor<4x!fhe.eint<6>>) -> !fhe.eint<6>
  return %0, %1 : !fhe.eint<6>, !fhe.eint<6>
}

// CHECK-LABEL: func.func @matmul_2d
func.func @matmul_2d(%a: tensor<2x4x!fhe.eint<7>>, %w: tensor<4x3xi64>, %v: tensor<3x2xi64>, %b: tensor<4x5x!fhe.eint<7>>) -> (tensor<2x3x!fhe.eint<7>>, tensor<3x4x!fhe.eint<7>>, tensor<2x5x!fhe.eint<7>>) {
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} : (tensor<2x4x!fhe.eint<7>>, tensor<4x3xi64>) -> tensor<2x3x!fhe.eint<7>>
  %0 = fhelinalg.matmul_eint_int %a, %w : (tensor<2x4x!fhe.eint<7>>, tensor<4x3xi64>) -> tensor<2x3x!fhe.eint<7>>
  // CHECK: fhelinalg.matmul_int_eint %{{.*}}, %{{.*}} : (tensor<3x2xi64>, tensor<2x4x!fhe.eint<7>>) -> tensor<3x4x!fhe.eint<7>>
  %1 = fhelinalg.matmul_int_eint %v, %a : (tensor<3x2xi64>, tensor<2x4x!fhe.eint<7>>) -> tensor<3x4x!fhe.eint<7>>
  // CHECK: fhelinalg.matmul_eint_eint %{{.*}}, %{{.*}} : (tensor<2x4x!fhe.eint<7>>, tensor<4x5x!fhe.eint<7>>) -> tensor<2x5x!fhe.eint<7>>
  %2 = fhelinalg.matmul_eint_eint %a, %b : (tensor<2x4x!fhe.eint<7>>, tensor<4x5x!fhe.eint<7>>) -> tensor<2x5x!fhe.eint<7>>
  return %0, %1, %2 : tensor<2x3x!fhe.eint<7>>, tensor<3x4x!fhe.eint<7>>, tensor<2x5x!fhe.eint<7>>
}

// A 1-D lhs is a row vector, a 1-D rhs a column vector; the vector
// dimension is dropped from the result.
// CHECK-LABEL: func.func @matmul_vector
func.func @matmul_vector(%x: tensor<4x!fhe.esint<7>>, %w: tensor<4x3xi64>, %m: tensor<3x4xi64>, %stack: tensor<5x2x4x!fhe.esint<7>>, %v: tensor<4xi64>) -> (tensor<3x!fhe.esint<7>>, tensor<3x!fhe.esint<7>>, tensor<5x2x!fhe.esint<7>>) {
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} : (tensor<4x!fhe.esint<7>>, tensor<4x3xi64>) -> tensor<3x!fhe.esint<7>>
  %0 = fhelinalg.matmul_eint_int %x, %w : (tensor<4x!fhe.esint<7>>, tensor<4x3xi64>) -> tensor<3x!fhe.esint<7>>
  // CHECK: fhelinalg.matmul_int_eint %{{.*}}, %{{.*}} : (tensor<3x4xi64>, tensor<4x!fhe.esint<7>>) -> tensor<3x!fhe.esint<7>>
  %1 = fhelinalg.matmul_int_eint %m, %x : (tensor<3x4xi64>, tensor<4x!fhe.esint<7>>) -> tensor<3x!fhe.esint<7>>
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} : (tensor<5x2x4x!fhe.esint<7>>, tensor<4xi64>) -> tensor<5x2x!fhe.esint<7>>
  %2 = fhelinalg.matmul_eint_int %stack, %v : (tensor<5x2x4x!fhe.esint<7>>, tensor<4xi64>) -> tensor<5x2x!fhe.esint<7>>
  return %0, %1, %2 : tensor<3x!fhe.esint<7>>, tensor<3x!fhe.esint<7>>, tensor<5x2x!fhe.esint<7>>
}

// Stacks of matrices: the batch dimensions broadcast.
// CHECK-LABEL: func.func @matmul_batched
func.func @matmul_batched(%a: tensor<2x3x4x!fhe.eint<7>>, %b: tensor<4x5x!fhe.eint<7>>, %c: tensor<6x1x3x4x!fhe.eint<7>>, %w: tensor<2x4x5xi64>, %m: tensor<3x4xi64>, %d: tensor<5x4x2x!fhe.eint<7>>) -> (tensor<2x3x5x!fhe.eint<7>>, tensor<6x2x3x5x!fhe.eint<7>>, tensor<5x3x2x!fhe.eint<7>>) {
  // CHECK: fhelinalg.matmul_eint_eint %{{.*}}, %{{.*}} : (tensor<2x3x4x!fhe.eint<7>>, tensor<4x5x!fhe.eint<7>>) -> tensor<2x3x5x!fhe.eint<7>>
  %0 = fhelinalg.matmul_eint_eint %a, %b : (tensor<2x3x4x!fhe.eint<7>>, tensor<4x5x!fhe.eint<7>>) -> tensor<2x3x5x!fhe.eint<7>>
  // CHECK: fhelinalg.matmul_eint_int %{{.*}}, %{{.*}} : (tensor<6x1x3x4x!fhe.eint<7>>, tensor<2x4x5xi64>) -> tensor<6x2x3x5x!fhe.eint<7>>
  %1 = fhelinalg.matmul_eint_int %c, %w : (tensor<6x1x3x4x!fhe.eint<7>>, tensor<2x4x5xi64>) -> tensor<6x2x3x5x!fhe.eint<7>>
  // CHECK: fhelinalg.matmul_int_eint %{{.*}}, %{{.*}} : (tensor<3x4xi64>, tensor<5x4x2x!fhe.eint<7>>) -> tensor<5x3x2x!fhe.eint<7>>
  %2 = fhelinalg.matmul_int_eint %m, %d : (tensor<3x4xi64>, tensor<5x4x2x!fhe.eint<7>>) -> tensor<5x3x2x!fhe.eint<7>>
  return %0, %1, %2 : tensor<2x3x5x!fhe.eint<7>>, tensor<6x2x3x5x!fhe.eint<7>>, tensor<5x3x2x!fhe.eint<7>>
}

// CHECK-LABEL: func.func @sum
func.func @sum(%x: tensor<3x4x!fhe.eint<6>>) -> (tensor<1x4x!fhe.eint<6>>, !fhe.eint<6>, tensor<3x!fhe.eint<6>>, tensor<1x1x!fhe.eint<6>>, !fhe.eint<6>) {
  // CHECK: fhelinalg.sum %{{.*}} {axes = [0], keep_dims = true} : tensor<3x4x!fhe.eint<6>> -> tensor<1x4x!fhe.eint<6>>
  %0 = fhelinalg.sum %x {axes = [0], keep_dims = true} : tensor<3x4x!fhe.eint<6>> -> tensor<1x4x!fhe.eint<6>>
  // CHECK: fhelinalg.sum %{{.*}} : tensor<3x4x!fhe.eint<6>> -> !fhe.eint<6>
  %1 = fhelinalg.sum %x : tensor<3x4x!fhe.eint<6>> -> !fhe.eint<6>
  // CHECK: fhelinalg.sum %{{.*}} {axes = [-1]} : tensor<3x4x!fhe.eint<6>> -> tensor<3x!fhe.eint<6>>
  %2 = fhelinalg.sum %x {axes = [-1]} : tensor<3x4x!fhe.eint<6>> -> tensor<3x!fhe.eint<6>>
  // CHECK: fhelinalg.sum %{{.*}} {keep_dims = true} : tensor<3x4x!fhe.eint<6>> -> tensor<1x1x!fhe.eint<6>>
  %3 = fhelinalg.sum %x {keep_dims = true} : tensor<3x4x!fhe.eint<6>> -> tensor<1x1x!fhe.eint<6>>
  // CHECK: fhelinalg.sum %{{.*}} {axes = [1, 0]} : tensor<3x4x!fhe.eint<6>> -> !fhe.eint<6>
  %4 = fhelinalg.sum %x {axes = [1, 0], keep_dims = false} : tensor<3x4x!fhe.eint<6>> -> !fhe.eint<6>
  return %0, %1, %2, %3, %4 : tensor<1x4x!fhe.eint<6>>, !fhe.eint<6>, tensor<3x!fhe.eint<6>>, tensor<1x1x!fhe.eint<6>>, !fhe.eint<6>
}

// CHECK-LABEL: func.func @conv2d
func.func @conv2d(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>, %b: tensor<4xi64>) -> (tensor<1x4x4x4x!fhe.eint<6>>, tensor<1x4x6x6x!fhe.eint<6>>) {
  // CHECK: fhelinalg.conv2d %{{.*}}, %{{.*}}, %{{.*}} {pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>, tensor<4xi64>) -> tensor<1x4x4x4x!fhe.eint<6>>
  %0 = fhelinalg.conv2d %x, %w, %b {pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>, tensor<4xi64>) -> tensor<1x4x4x4x!fhe.eint<6>>
  // Default attributes are elided.
  // CHECK: fhelinalg.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  %1 = fhelinalg.conv2d %x, %w {strides = [1, 1], pads = [0, 0, 0, 0], dilations = [1, 1], group = 1} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return %0, %1 : tensor<1x4x4x4x!fhe.eint<6>>, tensor<1x4x6x6x!fhe.eint<6>>
}

// Encrypted weight and bias, groups, dilations, asymmetric pads:
// H: (5 + 1 + 0 - 2*(3-1) - 1) / 1 + 1 = 2, W: (7 + 0 + 2 - 2*(2-1) - 1) / 2 + 1 = 4.
// CHECK-LABEL: func.func @conv2d_encrypted_weight
func.func @conv2d_encrypted_weight(%x: tensor<2x4x5x7x!fhe.esint<6>>, %w: tensor<6x2x3x2x!fhe.esint<6>>, %b: tensor<6x!fhe.esint<6>>) -> tensor<2x6x2x4x!fhe.esint<6>> {
  // CHECK: fhelinalg.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = [2, 2], group = 2 : i64, pads = [1, 0, 0, 2], strides = [1, 2]} : (tensor<2x4x5x7x!fhe.esint<6>>, tensor<6x2x3x2x!fhe.esint<6>>, tensor<6x!fhe.esint<6>>) -> tensor<2x6x2x4x!fhe.esint<6>>
  %0 = fhelinalg.conv2d %x, %w, %b {dilations = [2, 2], group = 2, pads = [1, 0, 0, 2], strides = [1, 2]} : (tensor<2x4x5x7x!fhe.esint<6>>, tensor<6x2x3x2x!fhe.esint<6>>, tensor<6x!fhe.esint<6>>) -> tensor<2x6x2x4x!fhe.esint<6>>
  return %0 : tensor<2x6x2x4x!fhe.esint<6>>
}

// CHECK-LABEL: func.func @maxpool2d
func.func @maxpool2d(%x: tensor<1x3x8x8x!fhe.eint<6>>) -> (tensor<1x3x4x4x!fhe.eint<6>>, tensor<1x3x7x7x!fhe.eint<6>>, tensor<1x3x3x4x!fhe.eint<6>>) {
  // CHECK: fhelinalg.maxpool2d %{{.*}} {kernel_shape = [2, 2], strides = [2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x4x4x!fhe.eint<6>>
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], strides = [2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x4x4x!fhe.eint<6>>
  // CHECK: fhelinalg.maxpool2d %{{.*}} {kernel_shape = [2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x7x7x!fhe.eint<6>>
  %1 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x7x7x!fhe.eint<6>>
  // H: (8 + 1 + 1 - 2*(3-1) - 1) / 2 + 1 = 3, W: (8 + 0 + 0 - 1*(2-1) - 1) / 2 + 1 = 4.
  // CHECK: fhelinalg.maxpool2d %{{.*}} {dilations = [2, 1], kernel_shape = [3, 2], pads = [1, 0, 1, 0], strides = [2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x3x4x!fhe.eint<6>>
  %2 = fhelinalg.maxpool2d %x {kernel_shape = [3, 2], strides = [2, 2], pads = [1, 0, 1, 0], dilations = [2, 1]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x3x4x!fhe.eint<6>>
  return %0, %1, %2 : tensor<1x3x4x4x!fhe.eint<6>>, tensor<1x3x7x7x!fhe.eint<6>>, tensor<1x3x3x4x!fhe.eint<6>>
}

// CHECK-LABEL: func.func @transpose
func.func @transpose(%x: tensor<2x3x4x!fhe.eint<5>>) -> (tensor<3x4x2x!fhe.eint<5>>, tensor<4x3x2x!fhe.eint<5>>, tensor<2x4x3x!fhe.eint<5>>) {
  // CHECK: fhelinalg.transpose %{{.*}} {axes = [1, 2, 0]} : tensor<2x3x4x!fhe.eint<5>> -> tensor<3x4x2x!fhe.eint<5>>
  %0 = fhelinalg.transpose %x {axes = [1, 2, 0]} : tensor<2x3x4x!fhe.eint<5>> -> tensor<3x4x2x!fhe.eint<5>>
  // CHECK: fhelinalg.transpose %{{.*}} : tensor<2x3x4x!fhe.eint<5>> -> tensor<4x3x2x!fhe.eint<5>>
  %1 = fhelinalg.transpose %x : tensor<2x3x4x!fhe.eint<5>> -> tensor<4x3x2x!fhe.eint<5>>
  // CHECK: fhelinalg.transpose %{{.*}} {axes = [0, -1, 1]} : tensor<2x3x4x!fhe.eint<5>> -> tensor<2x4x3x!fhe.eint<5>>
  %2 = fhelinalg.transpose %x {axes = [0, -1, 1]} : tensor<2x3x4x!fhe.eint<5>> -> tensor<2x4x3x!fhe.eint<5>>
  return %0, %1, %2 : tensor<3x4x2x!fhe.eint<5>>, tensor<4x3x2x!fhe.eint<5>>, tensor<2x4x3x!fhe.eint<5>>
}

// CHECK-LABEL: func.func @concat
func.func @concat(%a: tensor<2x3x!fhe.eint<5>>, %b: tensor<2x1x!fhe.eint<5>>, %c: tensor<4x3x!fhe.eint<5>>) -> (tensor<2x4x!fhe.eint<5>>, tensor<6x3x!fhe.eint<5>>) {
  // CHECK: fhelinalg.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3x!fhe.eint<5>>, tensor<2x1x!fhe.eint<5>>) -> tensor<2x4x!fhe.eint<5>>
  %0 = fhelinalg.concat %a, %b {axis = 1} : (tensor<2x3x!fhe.eint<5>>, tensor<2x1x!fhe.eint<5>>) -> tensor<2x4x!fhe.eint<5>>
  // CHECK: fhelinalg.concat %{{.*}}, %{{.*}} {axis = -2 : i64} : (tensor<2x3x!fhe.eint<5>>, tensor<4x3x!fhe.eint<5>>) -> tensor<6x3x!fhe.eint<5>>
  %1 = fhelinalg.concat %a, %c {axis = -2} : (tensor<2x3x!fhe.eint<5>>, tensor<4x3x!fhe.eint<5>>) -> tensor<6x3x!fhe.eint<5>>
  return %0, %1 : tensor<2x4x!fhe.eint<5>>, tensor<6x3x!fhe.eint<5>>
}

// CHECK-LABEL: func.func @broadcast
func.func @broadcast(%x: tensor<3x1x!fhe.eint<5>>, %s: tensor<!fhe.esint<3>>) -> (tensor<2x3x4x!fhe.eint<5>>, tensor<2x2x!fhe.esint<3>>) {
  // CHECK: fhelinalg.broadcast %{{.*}} : tensor<3x1x!fhe.eint<5>> -> tensor<2x3x4x!fhe.eint<5>>
  %0 = fhelinalg.broadcast %x : tensor<3x1x!fhe.eint<5>> -> tensor<2x3x4x!fhe.eint<5>>
  // CHECK: fhelinalg.broadcast %{{.*}} : tensor<!fhe.esint<3>> -> tensor<2x2x!fhe.esint<3>>
  %1 = fhelinalg.broadcast %s : tensor<!fhe.esint<3>> -> tensor<2x2x!fhe.esint<3>>
  return %0, %1 : tensor<2x3x4x!fhe.eint<5>>, tensor<2x2x!fhe.esint<3>>
}

// CHECK-LABEL: func.func @concat_single_default_axis
func.func @concat_single_default_axis(%a: tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>> {
  // CHECK: fhelinalg.concat %{{.*}} : (tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>>
  %0 = fhelinalg.concat %a : (tensor<2x3x!fhe.eint<5>>) -> tensor<2x3x!fhe.eint<5>>
  return %0 : tensor<2x3x!fhe.eint<5>>
}

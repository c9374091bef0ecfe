// RUN: shade-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @add_zero
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4, dim = 742>)
// CHECK-NEXT: return %[[X]], %[[X]]
func.func @add_zero(%x: !tfhe.lwe<4, dim = 742>) -> (!tfhe.lwe<4, dim = 742>, !tfhe.lwe<4, dim = 742>) {
  %zero = tfhe.zero : !tfhe.lwe<4, dim = 742>
  %0 = tfhe.add %x, %zero : !tfhe.lwe<4, dim = 742>
  %1 = tfhe.add %zero, %x : !tfhe.lwe<4, dim = 742>
  return %0, %1 : !tfhe.lwe<4, dim = 742>, !tfhe.lwe<4, dim = 742>
}

// -----

// CHECK-LABEL: func.func @add_zero_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<3x!tfhe.lwe<4, signed>>)
// CHECK-NEXT: return %[[X]]
func.func @add_zero_tensor(%x: tensor<3x!tfhe.lwe<4, signed>>) -> tensor<3x!tfhe.lwe<4, signed>> {
  %zero = tfhe.zero : tensor<3x!tfhe.lwe<4, signed>>
  %0 = tfhe.add %x, %zero : tensor<3x!tfhe.lwe<4, signed>>
  return %0 : tensor<3x!tfhe.lwe<4, signed>>
}

// -----

// CHECK-LABEL: func.func @add_no_zero
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>, %[[Y:.*]]: !tfhe.lwe<4>)
// CHECK-NEXT: %[[R:.*]] = tfhe.add %[[X]], %[[Y]] : !tfhe.lwe<4>
// CHECK-NEXT: return %[[R]]
func.func @add_no_zero(%x: !tfhe.lwe<4>, %y: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  %0 = tfhe.add %x, %y : !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

// CHECK-LABEL: func.func @sub_zero
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>)
// CHECK-NEXT: return %[[X]]
func.func @sub_zero(%x: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  %zero = tfhe.zero : !tfhe.lwe<4>
  %0 = tfhe.sub %x, %zero : !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

// zero - x is the negation of x, not x.
// CHECK-LABEL: func.func @sub_from_zero
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>)
// CHECK-NEXT: %[[ZERO:.*]] = tfhe.zero : !tfhe.lwe<4>
// CHECK-NEXT: %[[R:.*]] = tfhe.sub %[[ZERO]], %[[X]] : !tfhe.lwe<4>
// CHECK-NEXT: return %[[R]]
func.func @sub_from_zero(%x: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  %zero = tfhe.zero : !tfhe.lwe<4>
  %0 = tfhe.sub %zero, %x : !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

// CHECK-LABEL: func.func @neg_neg
// CHECK-SAME: (%[[X:.*]]: tensor<2x!tfhe.lwe<4, dim = 742>>)
// CHECK-NEXT: return %[[X]]
func.func @neg_neg(%x: tensor<2x!tfhe.lwe<4, dim = 742>>) -> tensor<2x!tfhe.lwe<4, dim = 742>> {
  %0 = tfhe.neg %x : tensor<2x!tfhe.lwe<4, dim = 742>>
  %1 = tfhe.neg %0 : tensor<2x!tfhe.lwe<4, dim = 742>>
  return %1 : tensor<2x!tfhe.lwe<4, dim = 742>>
}

// -----

// CHECK-LABEL: func.func @neg_zero
// CHECK-NEXT: %[[ZERO:.*]] = tfhe.zero : !tfhe.lwe<4, signed>
// CHECK-NEXT: return %[[ZERO]]
func.func @neg_zero() -> !tfhe.lwe<4, signed> {
  %zero = tfhe.zero : !tfhe.lwe<4, signed>
  %0 = tfhe.neg %zero : !tfhe.lwe<4, signed>
  return %0 : !tfhe.lwe<4, signed>
}

// -----

// A single negation stays; of three, one stays.
// CHECK-LABEL: func.func @neg_odd
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>)
// CHECK-NEXT: %[[R:.*]] = tfhe.neg %[[X]] : !tfhe.lwe<4>
// CHECK-NEXT: %[[S:.*]] = tfhe.neg %[[X]] : !tfhe.lwe<4>
// CHECK-NEXT: return %[[R]], %[[S]]
func.func @neg_odd(%x: !tfhe.lwe<4>) -> (!tfhe.lwe<4>, !tfhe.lwe<4>) {
  %0 = tfhe.neg %x : !tfhe.lwe<4>
  %1 = tfhe.neg %x : !tfhe.lwe<4>
  %2 = tfhe.neg %1 : !tfhe.lwe<4>
  %3 = tfhe.neg %2 : !tfhe.lwe<4>
  return %0, %3 : !tfhe.lwe<4>, !tfhe.lwe<4>
}

// -----

// CHECK-LABEL: func.func @mul_int_one
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>, %[[XS:.*]]: tensor<3x!tfhe.lwe<4>>)
// CHECK-NEXT: return %[[X]], %[[XS]]
func.func @mul_int_one(%x: !tfhe.lwe<4>, %xs: tensor<3x!tfhe.lwe<4>>) -> (!tfhe.lwe<4>, tensor<3x!tfhe.lwe<4>>) {
  %one = arith.constant 1 : i64
  %ones = arith.constant dense<1> : tensor<3xi64>
  %0 = tfhe.mul_int %x, %one : !tfhe.lwe<4>, i64
  %1 = tfhe.mul_int %xs, %ones : tensor<3x!tfhe.lwe<4>>, tensor<3xi64>
  return %0, %1 : !tfhe.lwe<4>, tensor<3x!tfhe.lwe<4>>
}

// -----

// CHECK-LABEL: func.func @mul_int_zero
// CHECK-NEXT: %[[ZERO:.*]] = tfhe.zero : !tfhe.lwe<4, dim = 742>
// CHECK-NEXT: %[[ZEROS:.*]] = tfhe.zero : tensor<3x!tfhe.lwe<4>>
// CHECK-NEXT: return %[[ZERO]], %[[ZEROS]]
func.func @mul_int_zero(%x: !tfhe.lwe<4, dim = 742>, %xs: tensor<3x!tfhe.lwe<4>>) -> (!tfhe.lwe<4, dim = 742>, tensor<3x!tfhe.lwe<4>>) {
  %zero = arith.constant 0 : i64
  %zeros = arith.constant dense<0> : tensor<3xi64>
  %0 = tfhe.mul_int %x, %zero : !tfhe.lwe<4, dim = 742>, i64
  %1 = tfhe.mul_int %xs, %zeros : tensor<3x!tfhe.lwe<4>>, tensor<3xi64>
  return %0, %1 : !tfhe.lwe<4, dim = 742>, tensor<3x!tfhe.lwe<4>>
}

// -----

// Multipliers other than 0 and 1, a non-splat constant and a dynamically
// shaped zero product (tfhe.zero needs a static shape) stay.
// CHECK-LABEL: func.func @mul_int_kept
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>, %[[XS:.*]]: tensor<2x!tfhe.lwe<4>>, %[[XD:.*]]: tensor<?x!tfhe.lwe<4>>)
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2 : i64
// CHECK-DAG: %[[MIXED:.*]] = arith.constant dense<[1, 0]> : tensor<2xi64>
// CHECK-DAG: %[[ZEROS:.*]] = arith.constant dense<0> : tensor<2xi64>
// CHECK: %[[A:.*]] = tfhe.mul_int %[[X]], %[[TWO]] : !tfhe.lwe<4>, i64
// CHECK-NEXT: %[[B:.*]] = tfhe.mul_int %[[XS]], %[[MIXED]] : tensor<2x!tfhe.lwe<4>>, tensor<2xi64>
// CHECK-NEXT: %[[C:.*]] = tfhe.mul_int %[[XD]], %[[ZEROS]] : tensor<?x!tfhe.lwe<4>>, tensor<2xi64>
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]]
func.func @mul_int_kept(%x: !tfhe.lwe<4>, %xs: tensor<2x!tfhe.lwe<4>>, %xd: tensor<?x!tfhe.lwe<4>>)
    -> (!tfhe.lwe<4>, tensor<2x!tfhe.lwe<4>>, tensor<?x!tfhe.lwe<4>>) {
  %two = arith.constant 2 : i64
  %mixed = arith.constant dense<[1, 0]> : tensor<2xi64>
  %zeros = arith.constant dense<0> : tensor<2xi64>
  %0 = tfhe.mul_int %x, %two : !tfhe.lwe<4>, i64
  %1 = tfhe.mul_int %xs, %mixed : tensor<2x!tfhe.lwe<4>>, tensor<2xi64>
  %2 = tfhe.mul_int %xd, %zeros : tensor<?x!tfhe.lwe<4>>, tensor<2xi64>
  return %0, %1, %2 : !tfhe.lwe<4>, tensor<2x!tfhe.lwe<4>>, tensor<?x!tfhe.lwe<4>>
}

// -----

// CHECK-LABEL: func.func @add_plaintext_zero
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>, %[[XS:.*]]: tensor<3x!tfhe.lwe<4>>)
// CHECK-NEXT: return %[[X]], %[[XS]]
func.func @add_plaintext_zero(%x: !tfhe.lwe<4>, %xs: tensor<3x!tfhe.lwe<4>>) -> (!tfhe.lwe<4>, tensor<3x!tfhe.lwe<4>>) {
  %zero = arith.constant 0 : i64
  %zeros = arith.constant dense<0> : tensor<3xi64>
  %0 = tfhe.add_plaintext %x, %zero : !tfhe.lwe<4>, i64
  %1 = tfhe.add_plaintext %xs, %zeros : tensor<3x!tfhe.lwe<4>>, tensor<3xi64>
  return %0, %1 : !tfhe.lwe<4>, tensor<3x!tfhe.lwe<4>>
}

// -----

// CHECK-LABEL: func.func @add_plaintext_kept
// CHECK-SAME: (%[[X:.*]]: !tfhe.lwe<4>, %[[P:.*]]: i64)
// CHECK-NEXT: %[[DELTA:.*]] = arith.constant 576460752303423488 : i64
// CHECK-NEXT: %[[A:.*]] = tfhe.add_plaintext %[[X]], %[[DELTA]] : !tfhe.lwe<4>, i64
// CHECK-NEXT: %[[B:.*]] = tfhe.add_plaintext %[[X]], %[[P]] : !tfhe.lwe<4>, i64
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @add_plaintext_kept(%x: !tfhe.lwe<4>, %p: i64) -> (!tfhe.lwe<4>, !tfhe.lwe<4>) {
  %delta = arith.constant 576460752303423488 : i64
  %0 = tfhe.add_plaintext %x, %delta : !tfhe.lwe<4>, i64
  %1 = tfhe.add_plaintext %x, %p : !tfhe.lwe<4>, i64
  return %0, %1 : !tfhe.lwe<4>, !tfhe.lwe<4>
}

// -----

// 3 * 2^59; 200 zero-extended times 2^53; -56 (the same i8 bits as 200)
// sign-extended times 2^53; 1 at width 63 is 1; an i128 keeps its low 64
// bits: 2^64 + 5 encodes as 5 * 2^62 mod 2^64 = 2^62.
// CHECK-LABEL: func.func @encode_constant
// CHECK-DAG: %[[A:.*]] = arith.constant 1729382256910270464 : i64
// CHECK-DAG: %[[B:.*]] = arith.constant 1801439850948198400 : i64
// CHECK-DAG: %[[C:.*]] = arith.constant -504403158265495552 : i64
// CHECK-DAG: %[[D:.*]] = arith.constant 1 : i64
// CHECK-DAG: %[[E:.*]] = arith.constant 4611686018427387904 : i64
// CHECK-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]]
func.func @encode_constant() -> (i64, i64, i64, i64, i64) {
  %three = arith.constant 3 : i8
  %m = arith.constant -56 : i8
  %one = arith.constant 1 : i8
  %wide = arith.constant 18446744073709551621 : i128
  %0 = tfhe.encode %three width 4 : i8 -> i64
  %1 = tfhe.encode %m width 10 : i8 -> i64
  %2 = tfhe.encode %m width 10 signed : i8 -> i64
  %3 = tfhe.encode %one width 63 : i8 -> i64
  %4 = tfhe.encode %wide width 1 : i128 -> i64
  return %0, %1, %2, %3, %4 : i64, i64, i64, i64, i64
}

// -----

// Signed width 4: 0, 2^59, -2^59.
// CHECK-LABEL: func.func @encode_constant_tensor
// CHECK-NEXT: %[[R:.*]] = arith.constant dense<[0, 576460752303423488, -576460752303423488]> : tensor<3xi64>
// CHECK-NEXT: return %[[R]]
func.func @encode_constant_tensor() -> tensor<3xi64> {
  %m = arith.constant dense<[0, 1, -1]> : tensor<3xi8>
  %0 = tfhe.encode %m width 4 signed : tensor<3xi8> -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// A non-constant message and a dynamically shaped result stay.
// CHECK-LABEL: func.func @encode_kept
// CHECK-SAME: (%[[M:.*]]: i8)
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<1> : tensor<2xi8>
// CHECK-NEXT: %[[A:.*]] = tfhe.encode %[[M]] width 4 : i8 -> i64
// CHECK-NEXT: %[[B:.*]] = tfhe.encode %[[C]] width 4 : tensor<2xi8> -> tensor<?xi64>
// CHECK-NEXT: return %[[A]], %[[B]]
func.func @encode_kept(%m: i8) -> (i64, tensor<?xi64>) {
  %c = arith.constant dense<1> : tensor<2xi8>
  %0 = tfhe.encode %m width 4 : i8 -> i64
  %1 = tfhe.encode %c width 4 : tensor<2xi8> -> tensor<?xi64>
  return %0, %1 : i64, tensor<?xi64>
}

// -----

// Unsigned width 3, delta 2^60; signed width 2, delta 2^61: -2 and -1 wrap.
// CHECK-LABEL: func.func @encode_table_constant
// CHECK-DAG: %[[T:.*]] = arith.constant dense<[0, 1152921504606846976, 2305843009213693952, 3458764513820540928]> : tensor<4xi64>
// CHECK-DAG: %[[TS:.*]] = arith.constant dense<{{\[}}[0, 2305843009213693952], [-4611686018427387904, -2305843009213693952]]> : tensor<2x2xi64>
// CHECK-NEXT: return %[[T]], %[[TS]]
func.func @encode_table_constant() -> (tensor<4xi64>, tensor<2x2xi64>) {
  %table = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi8>
  %tables = arith.constant dense<[[0, 1], [-2, -1]]> : tensor<2x2xi8>
  %0 = tfhe.encode_table %table width 3 : tensor<4xi8> -> tensor<4xi64>
  %1 = tfhe.encode_table %tables width 2 signed : tensor<2x2xi8> -> tensor<2x2xi64>
  return %0, %1 : tensor<4xi64>, tensor<2x2xi64>
}

// -----

// CHECK-LABEL: func.func @encode_table_kept
// CHECK-SAME: (%[[T:.*]]: tensor<4xi8>)
// CHECK-NEXT: %[[R:.*]] = tfhe.encode_table %[[T]] width 3 : tensor<4xi8> -> tensor<4xi64>
// CHECK-NEXT: return %[[R]]
func.func @encode_table_kept(%t: tensor<4xi8>) -> tensor<4xi64> {
  %0 = tfhe.encode_table %t width 3 : tensor<4xi8> -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

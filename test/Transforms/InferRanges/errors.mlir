// RUN: shade-opt --shade-infer-ranges --split-input-file --verify-diagnostics %s

func.func @unsupported(%x: i8, %y: i8) -> i8 {
  // expected-error @+1 {{'arith.remsi' op is not supported by the range analysis (an op it has no transfer function for needs a fhe.range attribute)}}
  %0 = arith.remsi %x, %y : i8
  return %0 : i8
}

// -----

func.func @outside_table(%x: !fhe.eint<2> {fhe.range = array<i64: 0, 3>}) -> !fhe.eint<2> {
  %one = arith.constant 1 : i8
  %y = fhe.add_eint_int %x, %one : (!fhe.eint<2>, i8) -> !fhe.eint<2>
  %t = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  // expected-error @+1 {{'fhe.apply_lookup_table' op input range [1, 4] reaches outside the table, which covers [0, 3] for an input of type '!fhe.eint<2>'}}
  %z = fhe.apply_lookup_table %y, %t : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<2>
  return %z : !fhe.eint<2>
}

// -----

func.func @outside_signed_table(%x: tensor<3x!fhe.esint<3>> {fhe.range = array<i64: -5, 0>}) -> tensor<3x!fhe.eint<2>> {
  %t = arith.constant dense<[0, 1, 2, 3, 0, 1, 2, 3]> : tensor<8xi64>
  // expected-error @+1 {{'fhelinalg.apply_lookup_table' op input range [-5, 0] reaches outside the table, which covers [-4, 3] for an input of type '!fhe.esint<3>'}}
  %z = fhelinalg.apply_lookup_table %x, %t : (tensor<3x!fhe.esint<3>>, tensor<8xi64>) -> tensor<3x!fhe.eint<2>>
  return %z : tensor<3x!fhe.eint<2>>
}

// -----

func.func @overflow(%x: !fhe.eint<63> {fhe.range = array<i64: 0, 4611686018427387904>}) -> !fhe.eint<63> {
  %c = arith.constant 2 : i8
  // expected-error @+1 {{'fhe.mul_eint_int' op range overflows 64-bit integers}}
  %y = fhe.mul_eint_int %x, %c : (!fhe.eint<63>, i8) -> !fhe.eint<63>
  return %y : !fhe.eint<63>
}

// -----

// expected-error @+1 {{'func.func' op argument #0 has a malformed fhe.range array<i64: 5, 1>: expected array<i64: lo, hi> with lo <= hi}}
func.func @malformed(%x: !fhe.eint<4> {fhe.range = array<i64: 5, 1>}) -> !fhe.eint<4> {
  return %x : !fhe.eint<4>
}

// -----

func.func @cast_outside_type(%x: !fhe.eint<3> {fhe.range = array<i64: 0, 9>}) -> !fhe.esint<3> {
  // expected-error @+1 {{'fhe.to_signed' op input range [0, 9] exceeds its type '!fhe.eint<3>' [0, 7]: the cast reinterprets its bit pattern}}
  %y = fhe.to_signed %x : !fhe.eint<3> to !fhe.esint<3>
  return %y : !fhe.esint<3>
}

// -----

func.func @wrapping_arith(%x: i8 {fhe.range = array<i64: 100, 120>}) -> i8 {
  %c = arith.constant 10 : i8
  // expected-error @+1 {{'arith.addi' op range [110, 130] leaves its type 'i8' [-128, 127], which the op wraps around}}
  %y = arith.addi %x, %c : i8
  return %y : i8
}

// -----

func.func @division_by_zero(%x: i64, %y: i64 {fhe.range = array<i64: -1, 1>}) -> i64 {
  // expected-error @+1 {{'arith.floordivsi' op divisor range [-1, 1] contains 0}}
  %z = arith.floordivsi %x, %y : i64
  return %z : i64
}

// -----

func.func @encrypted_empty() -> tensor<2x!fhe.eint<4>> {
  // expected-error @+1 {{'tensor.empty' op creates an encrypted tensor of undefined elements; use fhelinalg.zero}}
  %e = tensor.empty() : tensor<2x!fhe.eint<4>>
  return %e : tensor<2x!fhe.eint<4>>
}

// -----

func.func @dynamic(%x: tensor<4x!fhe.eint<4>>) -> tensor<?x!fhe.eint<4>> {
  // expected-error @+1 {{'tensor.cast' op has a result of dynamic shape 'tensor<?x!fhe.eint<4>>', which the range analysis does not support}}
  %y = tensor.cast %x : tensor<4x!fhe.eint<4>> to tensor<?x!fhe.eint<4>>
  return %y : tensor<?x!fhe.eint<4>>
}

// -----

func.func @shift_too_far(%x: i8, %s: i8 {fhe.range = array<i64: 0, 8>}) -> i8 {
  // expected-error @+1 {{'arith.shli' op shift amounts [0, 8] leave [0, 7]}}
  %y = arith.shli %x, %s : i8
  return %y : i8
}

// -----

func.func @malformed_proven_range(%x: !fhe.eint<3> {fhe.range = array<i64: 0, 3>}) -> !fhe.eint<3> {
  %one = arith.constant 1 : i8
  // expected-error @+1 {{'fhe.add_eint_int' op has a malformed fhe.proven_range attribute (expected array<i64: lo, hi>)}}
  %0 = fhe.add_eint_int %x, %one {fhe.proven_range = array<i64: 5>} : (!fhe.eint<3>, i8) -> !fhe.eint<3>
  return %0 : !fhe.eint<3>
}

// -----

func.func @disjoint_proven_range(%x: !fhe.eint<3> {fhe.range = array<i64: 0, 3>}) -> !fhe.eint<3> {
  %one = arith.constant 1 : i8
  // expected-error @+1 {{'fhe.add_eint_int' op has a fhe.proven_range [5, 7] that leaves no value of its derived range [1, 4]}}
  %0 = fhe.add_eint_int %x, %one {fhe.proven_range = array<i64: 5, 7>} : (!fhe.eint<3>, i8) -> !fhe.eint<3>
  return %0 : !fhe.eint<3>
}

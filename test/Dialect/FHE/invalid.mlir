// RUN: shade-opt %s -split-input-file -verify-diagnostics

// expected-error @below {{width 0 is out of range: an encrypted integer has 1 to 63 bits}}
func.func @eint_width_0(%a: !fhe.eint<0>)

// -----

// expected-error @below {{width 64 is out of range: an encrypted integer has 1 to 63 bits}}
func.func @eint_width_64(%a: !fhe.eint<64>)

// -----

// expected-error @below {{width 0 is out of range: an encrypted integer has 1 to 63 bits}}
func.func @esint_width_0(%a: !fhe.esint<0>)

// -----

// expected-error @below {{width 64 is out of range: an encrypted integer has 1 to 63 bits}}
func.func @esint_width_64(%a: !fhe.esint<64>)

// -----

func.func @zero_clear() -> i4 {
  // expected-error @below {{'fhe.zero' op result #0 must be an encrypted integer, but got 'i4'}}
  %0 = "fhe.zero"() : () -> i4
  return %0 : i4
}

// -----

func.func @add_eint_widths(%a: !fhe.eint<4>, %b: !fhe.eint<5>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.add_eint' op requires the same type for all operands and results}}
  %0 = "fhe.add_eint"(%a, %b) : (!fhe.eint<4>, !fhe.eint<5>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @add_eint_signedness(%a: !fhe.eint<4>, %b: !fhe.esint<4>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.add_eint' op requires the same type for all operands and results}}
  %0 = "fhe.add_eint"(%a, %b) : (!fhe.eint<4>, !fhe.esint<4>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @add_eint_result(%a: !fhe.eint<4>, %b: !fhe.eint<4>) -> !fhe.eint<5> {
  // expected-error @below {{'fhe.add_eint' op requires the same type for all operands and results}}
  %0 = "fhe.add_eint"(%a, %b) : (!fhe.eint<4>, !fhe.eint<4>) -> !fhe.eint<5>
  return %0 : !fhe.eint<5>
}

// -----

func.func @add_eint_clear(%a: !fhe.eint<4>, %b: i4) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.add_eint' op operand #1 must be an encrypted integer, but got 'i4'}}
  %0 = "fhe.add_eint"(%a, %b) : (!fhe.eint<4>, i4) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @sub_eint_widths(%a: !fhe.esint<4>, %b: !fhe.esint<3>) -> !fhe.esint<4> {
  // expected-error @below {{'fhe.sub_eint' op requires the same type for all operands and results}}
  %0 = "fhe.sub_eint"(%a, %b) : (!fhe.esint<4>, !fhe.esint<3>) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

func.func @neg_eint_result(%a: !fhe.esint<4>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.neg_eint' op requires the same type for all operands and results}}
  %0 = "fhe.neg_eint"(%a) : (!fhe.esint<4>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @mul_eint_widths(%a: !fhe.eint<4>, %b: !fhe.eint<8>) -> !fhe.eint<8> {
  // expected-error @below {{'fhe.mul_eint' op requires the same type for all operands and results}}
  %0 = "fhe.mul_eint"(%a, %b) : (!fhe.eint<4>, !fhe.eint<8>) -> !fhe.eint<8>
  return %0 : !fhe.eint<8>
}

// -----

func.func @max_eint_signedness(%a: !fhe.esint<4>, %b: !fhe.eint<4>) -> !fhe.esint<4> {
  // expected-error @below {{'fhe.max_eint' op requires the same type for all operands and results}}
  %0 = "fhe.max_eint"(%a, %b) : (!fhe.esint<4>, !fhe.eint<4>) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

func.func @add_eint_int_width(%a: !fhe.eint<4>, %c: i5) -> !fhe.eint<5> {
  // expected-error @below {{'fhe.add_eint_int' op result type '!fhe.eint<5>' differs from the encrypted operand type '!fhe.eint<4>'}}
  %0 = fhe.add_eint_int %a, %c : (!fhe.eint<4>, i5) -> !fhe.eint<5>
  return %0 : !fhe.eint<5>
}

// -----

func.func @add_eint_int_signed_clear(%a: !fhe.eint<4>, %c: si5) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.add_eint_int' op operand #1 must be signless integer, but got 'si5'}}
  %0 = fhe.add_eint_int %a, %c : (!fhe.eint<4>, si5) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @add_eint_int_encrypted_clear(%a: !fhe.eint<4>, %b: !fhe.eint<4>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.add_eint_int' op operand #1 must be signless integer, but got '!fhe.eint<4>'}}
  %0 = fhe.add_eint_int %a, %b : (!fhe.eint<4>, !fhe.eint<4>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @sub_eint_int_signedness(%a: !fhe.eint<4>, %c: i8) -> !fhe.esint<4> {
  // expected-error @below {{'fhe.sub_eint_int' op result type '!fhe.esint<4>' differs from the encrypted operand type '!fhe.eint<4>'}}
  %0 = fhe.sub_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

func.func @sub_int_eint_width(%c: i8, %a: !fhe.esint<4>) -> !fhe.esint<3> {
  // expected-error @below {{'fhe.sub_int_eint' op result type '!fhe.esint<3>' differs from the encrypted operand type '!fhe.esint<4>'}}
  %0 = fhe.sub_int_eint %c, %a : (i8, !fhe.esint<4>) -> !fhe.esint<3>
  return %0 : !fhe.esint<3>
}

// -----

func.func @sub_int_eint_index_clear(%c: index, %a: !fhe.eint<4>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.sub_int_eint' op operand #0 must be signless integer, but got 'index'}}
  %0 = fhe.sub_int_eint %c, %a : (index, !fhe.eint<4>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @mul_eint_int_width(%a: !fhe.eint<4>, %c: i8) -> !fhe.eint<8> {
  // expected-error @below {{'fhe.mul_eint_int' op result type '!fhe.eint<8>' differs from the encrypted operand type '!fhe.eint<4>'}}
  %0 = fhe.mul_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.eint<8>
  return %0 : !fhe.eint<8>
}

// -----

func.func @mul_eint_int_float_clear(%a: !fhe.eint<4>, %c: f32) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.mul_eint_int' op operand #1 must be signless integer, but got 'f32'}}
  %0 = fhe.mul_eint_int %a, %c : (!fhe.eint<4>, f32) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @table_too_large(%a: !fhe.eint<2>, %t: tensor<8xi64>) -> !fhe.eint<2> {
  // expected-error @below {{'fhe.apply_lookup_table' op table 'tensor<8xi64>' must have 2^2 = 4 entries, one per bit pattern of the input type '!fhe.eint<2>'}}
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<8xi64>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// -----

func.func @table_too_small(%a: !fhe.esint<3>, %t: tensor<4xi64>) -> !fhe.esint<3> {
  // expected-error @below {{'fhe.apply_lookup_table' op table 'tensor<4xi64>' must have 2^3 = 8 entries, one per bit pattern of the input type '!fhe.esint<3>'}}
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.esint<3>, tensor<4xi64>) -> !fhe.esint<3>
  return %0 : !fhe.esint<3>
}

// -----

func.func @table_dynamic(%a: !fhe.eint<2>, %t: tensor<?xi64>) -> !fhe.eint<2> {
  // expected-error @below {{'fhe.apply_lookup_table' op table 'tensor<?xi64>' must have 2^2 = 4 entries, one per bit pattern of the input type '!fhe.eint<2>'}}
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<?xi64>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// -----

func.func @table_float(%a: !fhe.eint<2>, %t: tensor<4xf32>) -> !fhe.eint<2> {
  // expected-error @below {{'fhe.apply_lookup_table' op operand #1 must be 1D tensor of signless integer values, but got 'tensor<4xf32>'}}
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<4xf32>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// -----

func.func @table_2d(%a: !fhe.eint<2>, %t: tensor<2x2xi64>) -> !fhe.eint<2> {
  // expected-error @below {{'fhe.apply_lookup_table' op operand #1 must be 1D tensor of signless integer values, but got 'tensor<2x2xi64>'}}
  %0 = fhe.apply_lookup_table %a, %t : (!fhe.eint<2>, tensor<2x2xi64>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// -----

func.func @table_clear_input(%a: i2, %t: tensor<4xi64>) -> !fhe.eint<2> {
  // expected-error @below {{'fhe.apply_lookup_table' op operand #0 must be an encrypted integer, but got 'i2'}}
  %0 = "fhe.apply_lookup_table"(%a, %t) : (i2, tensor<4xi64>) -> !fhe.eint<2>
  return %0 : !fhe.eint<2>
}

// -----

func.func @to_signed_width(%a: !fhe.eint<4>) -> !fhe.esint<5> {
  // expected-error @below {{'fhe.to_signed' op result type '!fhe.esint<5>' must have the width of the input type '!fhe.eint<4>'}}
  %0 = fhe.to_signed %a : !fhe.eint<4> to !fhe.esint<5>
  return %0 : !fhe.esint<5>
}

// -----

func.func @to_signed_signed_input(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  // expected-error @below {{'fhe.to_signed' op operand #0 must be an encrypted unsigned integer, but got '!fhe.esint<4>'}}
  %0 = "fhe.to_signed"(%a) : (!fhe.esint<4>) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

func.func @to_signed_unsigned_result(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.to_signed' op result #0 must be an encrypted signed integer, but got '!fhe.eint<4>'}}
  %0 = "fhe.to_signed"(%a) : (!fhe.eint<4>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @to_unsigned_width(%a: !fhe.esint<4>) -> !fhe.eint<3> {
  // expected-error @below {{'fhe.to_unsigned' op result type '!fhe.eint<3>' must have the width of the input type '!fhe.esint<4>'}}
  %0 = fhe.to_unsigned %a : !fhe.esint<4> to !fhe.eint<3>
  return %0 : !fhe.eint<3>
}

// -----

func.func @to_unsigned_unsigned_input(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.to_unsigned' op operand #0 must be an encrypted signed integer, but got '!fhe.eint<4>'}}
  %0 = "fhe.to_unsigned"(%a) : (!fhe.eint<4>) -> !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @to_unsigned_signed_result(%a: !fhe.esint<4>) -> !fhe.esint<4> {
  // expected-error @below {{'fhe.to_unsigned' op result #0 must be an encrypted unsigned integer, but got '!fhe.esint<4>'}}
  %0 = "fhe.to_unsigned"(%a) : (!fhe.esint<4>) -> !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

// -----

func.func @round_same_width(%a: !fhe.eint<4>) -> !fhe.eint<4> {
  // expected-error @below {{'fhe.round' op result type '!fhe.eint<4>' must be narrower than the input type '!fhe.eint<4>'}}
  %0 = fhe.round %a : !fhe.eint<4> to !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// -----

func.func @round_wider(%a: !fhe.esint<4>) -> !fhe.esint<6> {
  // expected-error @below {{'fhe.round' op result type '!fhe.esint<6>' must be narrower than the input type '!fhe.esint<4>'}}
  %0 = fhe.round %a : !fhe.esint<4> to !fhe.esint<6>
  return %0 : !fhe.esint<6>
}

// -----

func.func @round_signedness(%a: !fhe.eint<6>) -> !fhe.esint<4> {
  // expected-error @below {{'fhe.round' op result type '!fhe.esint<4>' must have the signedness of the input type '!fhe.eint<6>'}}
  %0 = fhe.round %a : !fhe.eint<6> to !fhe.esint<4>
  return %0 : !fhe.esint<4>
}

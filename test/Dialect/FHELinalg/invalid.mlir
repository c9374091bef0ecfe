// RUN: shade-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Operand and result types
//===----------------------------------------------------------------------===//

func.func @dynamic_shape(%a: tensor<?x!fhe.eint<5>>, %b: tensor<4xi64>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of encrypted integers, but got 'tensor<?x!fhe.eint<5>>'}}
  %0 = fhelinalg.add_eint_int %a, %b : (tensor<?x!fhe.eint<5>>, tensor<4xi64>) -> tensor<4x!fhe.eint<5>>
  return
}

// -----

func.func @clear_operand_not_signless(%a: tensor<4x!fhe.eint<5>>, %b: tensor<4xui8>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of signless integers, but got 'tensor<4xui8>'}}
  %0 = fhelinalg.add_eint_int %a, %b : (tensor<4x!fhe.eint<5>>, tensor<4xui8>) -> tensor<4x!fhe.eint<5>>
  return
}

// -----

func.func @clear_result(%a: tensor<4x!fhe.eint<5>>, %b: tensor<4xi64>) {
  // expected-error @+1 {{result #0 must be statically shaped tensor of encrypted integers, but got 'tensor<4xi64>'}}
  %0 = fhelinalg.add_eint_int %a, %b : (tensor<4x!fhe.eint<5>>, tensor<4xi64>) -> tensor<4xi64>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Broadcasting element-wise operations
//===----------------------------------------------------------------------===//

func.func @operands_do_not_broadcast(%a: tensor<3x4x!fhe.eint<5>>, %b: tensor<5xi64>) {
  // expected-error @+1 {{cannot broadcast lhs shape [3, 4] with rhs shape [5]: lhs dimension 1 has size 4 and rhs dimension 0 has size 5, and neither is 1}}
  %0 = fhelinalg.add_eint_int %a, %b : (tensor<3x4x!fhe.eint<5>>, tensor<5xi64>) -> tensor<3x4x!fhe.eint<5>>
  return
}

// -----

func.func @result_is_not_the_broadcast_shape(%a: tensor<3x1x!fhe.eint<5>>, %b: tensor<4x!fhe.eint<5>>) {
  // expected-error @+1 {{result shape [3, 1] differs from [3, 4], the broadcast of the operand shapes}}
  %0 = fhelinalg.add_eint %a, %b : (tensor<3x1x!fhe.eint<5>>, tensor<4x!fhe.eint<5>>) -> tensor<3x1x!fhe.eint<5>>
  return
}

// -----

func.func @encrypted_operand_widths_differ(%a: tensor<4x!fhe.eint<5>>, %b: tensor<4x!fhe.eint<6>>) {
  // expected-error @+1 {{rhs element type '!fhe.eint<6>' differs from lhs element type '!fhe.eint<5>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.mul_eint %a, %b : (tensor<4x!fhe.eint<5>>, tensor<4x!fhe.eint<6>>) -> tensor<4x!fhe.eint<5>>
  return
}

// -----

func.func @encrypted_operand_signedness_differs(%a: tensor<4x!fhe.eint<5>>, %b: tensor<4x!fhe.esint<5>>) {
  // expected-error @+1 {{rhs element type '!fhe.esint<5>' differs from lhs element type '!fhe.eint<5>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.sub_eint %a, %b : (tensor<4x!fhe.eint<5>>, tensor<4x!fhe.esint<5>>) -> tensor<4x!fhe.eint<5>>
  return
}

// -----

func.func @result_element_type_differs(%a: tensor<4x!fhe.eint<5>>, %b: tensor<4xi64>) {
  // expected-error @+1 {{result element type '!fhe.eint<6>' differs from lhs element type '!fhe.eint<5>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.add_eint_int %a, %b : (tensor<4x!fhe.eint<5>>, tensor<4xi64>) -> tensor<4x!fhe.eint<6>>
  return
}

// -----

func.func @result_element_type_differs_from_rhs(%a: tensor<4xi64>, %b: tensor<4x!fhe.esint<5>>) {
  // expected-error @+1 {{result element type '!fhe.eint<5>' differs from rhs element type '!fhe.esint<5>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.sub_int_eint %a, %b : (tensor<4xi64>, tensor<4x!fhe.esint<5>>) -> tensor<4x!fhe.eint<5>>
  return
}

// -----

func.func @neg_changes_the_type(%a: tensor<4x!fhe.eint<5>>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "fhelinalg.neg_eint"(%a) : (tensor<4x!fhe.eint<5>>) -> tensor<4x!fhe.eint<6>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Conversions
//===----------------------------------------------------------------------===//

func.func @to_signed_of_signed(%a: tensor<4x!fhe.esint<5>>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of unsigned encrypted integers (!fhe.eint), but got 'tensor<4x!fhe.esint<5>>'}}
  %0 = fhelinalg.to_signed %a : tensor<4x!fhe.esint<5>> -> tensor<4x!fhe.esint<5>>
  return
}

// -----

func.func @to_unsigned_to_signed(%a: tensor<4x!fhe.esint<5>>) {
  // expected-error @+1 {{result #0 must be statically shaped tensor of unsigned encrypted integers (!fhe.eint), but got 'tensor<4x!fhe.esint<5>>'}}
  %0 = fhelinalg.to_unsigned %a : tensor<4x!fhe.esint<5>> -> tensor<4x!fhe.esint<5>>
  return
}

// -----

func.func @to_signed_changes_the_shape(%a: tensor<4x!fhe.eint<5>>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = fhelinalg.to_signed %a : tensor<4x!fhe.eint<5>> -> tensor<2x2x!fhe.esint<5>>
  return
}

// -----

func.func @to_signed_changes_the_width(%a: tensor<4x!fhe.eint<5>>) {
  // expected-error @+1 {{result width 6 differs from the input width 5: the conversion keeps the bits}}
  %0 = fhelinalg.to_signed %a : tensor<4x!fhe.eint<5>> -> tensor<4x!fhe.esint<6>>
  return
}

// -----

func.func @to_unsigned_changes_the_width(%a: tensor<4x!fhe.esint<5>>) {
  // expected-error @+1 {{result width 4 differs from the input width 5: the conversion keeps the bits}}
  %0 = fhelinalg.to_unsigned %a : tensor<4x!fhe.esint<5>> -> tensor<4x!fhe.eint<4>>
  return
}

// -----

func.func @round_changes_the_shape(%a: tensor<4x!fhe.eint<8>>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = fhelinalg.round %a : tensor<4x!fhe.eint<8>> -> tensor<1x4x!fhe.eint<5>>
  return
}

// -----

func.func @round_changes_the_signedness(%a: tensor<4x!fhe.eint<8>>) {
  // expected-error @+1 {{result element type '!fhe.esint<5>' and input element type '!fhe.eint<8>' differ in signedness: round keeps it}}
  %0 = fhelinalg.round %a : tensor<4x!fhe.eint<8>> -> tensor<4x!fhe.esint<5>>
  return
}

// -----

func.func @round_keeps_the_width(%a: tensor<4x!fhe.esint<8>>) {
  // expected-error @+1 {{result width 8 is not less than the input width 8: round drops at least one low bit}}
  %0 = fhelinalg.round %a : tensor<4x!fhe.esint<8>> -> tensor<4x!fhe.esint<8>>
  return
}

// -----

func.func @clear_low_bits_of_every_bit(%a: tensor<4x!fhe.esint<8>>) {
  // expected-error @+1 {{clears 8 bits of 8-bit integers: at most 7}}
  %0 = fhelinalg.clear_low_bits %a {bits = 8 : i64} : tensor<4x!fhe.esint<8>>
  return
}

// -----

func.func @clear_low_bits_chunks_miss_bits(%a: tensor<4x!fhe.esint<8>>) {
  // expected-error @+1 {{has chunks of 4 bits in all for 5 bits to clear}}
  %0 = fhelinalg.clear_low_bits %a {bits = 5 : i64, chunks = array<i64: 3, 1>} : tensor<4x!fhe.esint<8>>
  return
}

// -----

func.func @clear_low_bits_from_its_end(%a: tensor<4x!fhe.esint<8>>) {
  // expected-error @+1 {{clears bits from 5 up to 5: nothing to clear}}
  %0 = fhelinalg.clear_low_bits %a {bits = 5 : i64, from = 5 : i64} : tensor<4x!fhe.esint<8>>
  return
}

// -----

func.func @clear_low_bits_chunks_from(%a: tensor<4x!fhe.esint<8>>) {
  // expected-error @+1 {{has chunks of 5 bits in all for 3 bits to clear}}
  %0 = fhelinalg.clear_low_bits %a {bits = 5 : i64, from = 2 : i64, chunks = array<i64: 3, 2>} : tensor<4x!fhe.esint<8>>
  return
}

// -----

func.func @clear_low_bits_empty_chunk(%a: tensor<4x!fhe.esint<8>>) {
  // expected-error @+1 {{has a chunk of 0 bits: every chunk clears at least one}}
  %0 = fhelinalg.clear_low_bits %a {bits = 3 : i64, chunks = array<i64: 3, 0>} : tensor<4x!fhe.esint<8>>
  return
}

// -----

func.func @clear_low_bits_no_bits(%a: tensor<4x!fhe.esint<8>>) {
  // expected-error @+1 {{attribute 'bits' failed to satisfy constraint}}
  %0 = fhelinalg.clear_low_bits %a {bits = 0 : i64} : tensor<4x!fhe.esint<8>>
  return
}

// -----

func.func @rescale_beyond_the_input(%a: tensor<4x!fhe.esint<12>>) {
  // expected-error @+1 {{result width 6 and shift 7 exceed the input width 12: the result must lie within the input's bits}}
  %0 = fhelinalg.rescale %a {shift = 7 : i64} : tensor<4x!fhe.esint<12>> -> tensor<4x!fhe.esint<6>>
  return
}

// -----

func.func @rescale_approximate_without_shift(%a: tensor<4x!fhe.esint<12>>) {
  // expected-error @+1 {{is approximate but drops no bit}}
  %0 = fhelinalg.rescale %a {approximate, shift = 0 : i64} : tensor<4x!fhe.esint<12>> -> tensor<4x!fhe.esint<6>>
  return
}

// -----

func.func @rescale_approximate_read_by_arithmetic(%a: tensor<4x!fhe.esint<12>>) -> tensor<4x!fhe.esint<6>> {
  // expected-error @+1 {{is approximate, so only lookup tables may read it, but 'fhelinalg.add_eint' does}}
  %0 = fhelinalg.rescale %a {approximate, shift = 6 : i64} : tensor<4x!fhe.esint<12>> -> tensor<4x!fhe.esint<6>>
  %1 = fhelinalg.add_eint %0, %0 : (tensor<4x!fhe.esint<6>>, tensor<4x!fhe.esint<6>>) -> tensor<4x!fhe.esint<6>>
  return %1 : tensor<4x!fhe.esint<6>>
}

// -----

//===----------------------------------------------------------------------===//
// Lookup tables
//===----------------------------------------------------------------------===//

func.func @lookup_changes_the_shape(%a: tensor<2x3x!fhe.eint<2>>, %lut: tensor<4xi64>) {
  // expected-error @+1 {{result shape [3, 2] differs from [2, 3], the input shape}}
  %0 = fhelinalg.apply_lookup_table %a, %lut : (tensor<2x3x!fhe.eint<2>>, tensor<4xi64>) -> tensor<3x2x!fhe.eint<3>>
  return
}

// -----

func.func @lookup_table_not_1d(%a: tensor<2x3x!fhe.eint<2>>, %lut: tensor<3x4xi64>) {
  // expected-error @+1 {{lookup table shape [3, 4] is not 1-D: apply_multi_lookup_table takes a table per element}}
  %0 = fhelinalg.apply_lookup_table %a, %lut : (tensor<2x3x!fhe.eint<2>>, tensor<3x4xi64>) -> tensor<2x3x!fhe.eint<3>>
  return
}

// -----

func.func @lookup_table_size(%a: tensor<2x3x!fhe.esint<3>>, %lut: tensor<4xi64>) {
  // expected-error @+1 {{the lookup table has 4 entries but an input of '!fhe.esint<3>' needs 2^3 = 8}}
  %0 = fhelinalg.apply_lookup_table %a, %lut : (tensor<2x3x!fhe.esint<3>>, tensor<4xi64>) -> tensor<2x3x!fhe.eint<3>>
  return
}

// -----

func.func @multi_lookup_changes_the_shape(%a: tensor<2x3x!fhe.eint<2>>, %tables: tensor<3x4xi64>) {
  // expected-error @+1 {{result shape [6] differs from [2, 3], the input shape}}
  %0 = fhelinalg.apply_multi_lookup_table %a, %tables : (tensor<2x3x!fhe.eint<2>>, tensor<3x4xi64>) -> tensor<6x!fhe.eint<3>>
  return
}

// -----

func.func @multi_lookup_tables_rank_0(%a: tensor<2x3x!fhe.eint<2>>, %tables: tensor<i64>) {
  // expected-error @+1 {{tables must have at least one dimension, the entries of each table}}
  %0 = fhelinalg.apply_multi_lookup_table %a, %tables : (tensor<2x3x!fhe.eint<2>>, tensor<i64>) -> tensor<2x3x!fhe.eint<3>>
  return
}

// -----

func.func @multi_lookup_table_size(%a: tensor<2x3x!fhe.eint<2>>, %tables: tensor<3x8xi64>) {
  // expected-error @+1 {{each table has 8 entries but an input of '!fhe.eint<2>' needs 2^2 = 4}}
  %0 = fhelinalg.apply_multi_lookup_table %a, %tables : (tensor<2x3x!fhe.eint<2>>, tensor<3x8xi64>) -> tensor<2x3x!fhe.eint<3>>
  return
}

// -----

func.func @multi_lookup_tables_do_not_broadcast(%a: tensor<2x3x!fhe.eint<2>>, %tables: tensor<2x4xi64>) {
  // expected-error @+1 {{the leading dimensions [2] of the tables shape [2, 4] do not broadcast to the input shape [2, 3]}}
  %0 = fhelinalg.apply_multi_lookup_table %a, %tables : (tensor<2x3x!fhe.eint<2>>, tensor<2x4xi64>) -> tensor<2x3x!fhe.eint<3>>
  return
}

// -----

func.func @multi_lookup_tables_of_higher_rank(%a: tensor<3x!fhe.eint<2>>, %tables: tensor<2x3x4xi64>) {
  // expected-error @+1 {{the leading dimensions [2, 3] of the tables shape [2, 3, 4] do not broadcast to the input shape [3]}}
  %0 = fhelinalg.apply_multi_lookup_table %a, %tables : (tensor<3x!fhe.eint<2>>, tensor<2x3x4xi64>) -> tensor<3x!fhe.eint<3>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Dot products
//===----------------------------------------------------------------------===//

func.func @dot_lhs_not_1d(%a: tensor<2x4x!fhe.eint<6>>, %b: tensor<4xi64>) {
  // expected-error @+1 {{lhs must be 1-D, got shape [2, 4]}}
  %0 = fhelinalg.dot_eint_int %a, %b : (tensor<2x4x!fhe.eint<6>>, tensor<4xi64>) -> !fhe.eint<6>
  return
}

// -----

func.func @dot_rhs_not_1d(%a: tensor<4x!fhe.eint<6>>, %b: tensor<4x1x!fhe.eint<6>>) {
  // expected-error @+1 {{rhs must be 1-D, got shape [4, 1]}}
  %0 = fhelinalg.dot_eint_eint %a, %b : (tensor<4x!fhe.eint<6>>, tensor<4x1x!fhe.eint<6>>) -> !fhe.eint<6>
  return
}

// -----

func.func @dot_lengths_differ(%a: tensor<4x!fhe.eint<6>>, %b: tensor<3xi64>) {
  // expected-error @+1 {{lhs shape [4] and rhs shape [3] differ: a dot product needs vectors of the same length}}
  %0 = fhelinalg.dot_eint_int %a, %b : (tensor<4x!fhe.eint<6>>, tensor<3xi64>) -> !fhe.eint<6>
  return
}

// -----

func.func @dot_operand_types_differ(%a: tensor<4x!fhe.eint<6>>, %b: tensor<4x!fhe.esint<6>>) {
  // expected-error @+1 {{rhs element type '!fhe.esint<6>' differs from lhs element type '!fhe.eint<6>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.dot_eint_eint %a, %b : (tensor<4x!fhe.eint<6>>, tensor<4x!fhe.esint<6>>) -> !fhe.eint<6>
  return
}

// -----

func.func @dot_result_type_differs(%a: tensor<4x!fhe.eint<6>>, %b: tensor<4xi64>) {
  // expected-error @+1 {{result type '!fhe.eint<7>' differs from lhs element type '!fhe.eint<6>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.dot_eint_int %a, %b : (tensor<4x!fhe.eint<6>>, tensor<4xi64>) -> !fhe.eint<7>
  return
}

// -----

func.func @dot_result_is_a_tensor(%a: tensor<4x!fhe.eint<6>>, %b: tensor<4xi64>) {
  // expected-error @+1 {{result #0 must be an encrypted integer, but got 'tensor<1x!fhe.eint<6>>'}}
  %0 = fhelinalg.dot_eint_int %a, %b : (tensor<4x!fhe.eint<6>>, tensor<4xi64>) -> tensor<1x!fhe.eint<6>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

func.func @matmul_rank_0(%a: tensor<!fhe.eint<7>>, %b: tensor<4x3xi64>) {
  // expected-error @+1 {{cannot multiply lhs shape [] by rhs shape [4, 3]: matmul operands need at least one dimension}}
  %0 = fhelinalg.matmul_eint_int %a, %b : (tensor<!fhe.eint<7>>, tensor<4x3xi64>) -> tensor<3x!fhe.eint<7>>
  return
}

// -----

func.func @matmul_two_vectors(%a: tensor<4x!fhe.eint<7>>, %b: tensor<4xi64>) {
  // expected-error @+1 {{lhs shape [4] and rhs shape [4] are both 1-D: their product is a scalar, which the dot operations compute}}
  %0 = fhelinalg.matmul_eint_int %a, %b : (tensor<4x!fhe.eint<7>>, tensor<4xi64>) -> tensor<1x!fhe.eint<7>>
  return
}

// -----

func.func @matmul_does_not_contract(%a: tensor<2x3x!fhe.eint<7>>, %b: tensor<4x5xi64>) {
  // expected-error @+1 {{lhs shape [2, 3] and rhs shape [4, 5] do not contract: lhs dimension 1 has size 3 but rhs dimension 0 has size 4}}
  %0 = fhelinalg.matmul_eint_int %a, %b : (tensor<2x3x!fhe.eint<7>>, tensor<4x5xi64>) -> tensor<2x5x!fhe.eint<7>>
  return
}

// -----

func.func @matmul_column_does_not_contract(%a: tensor<3x4xi64>, %b: tensor<3x!fhe.eint<7>>) {
  // expected-error @+1 {{lhs shape [3, 4] and rhs shape [3] do not contract: lhs dimension 1 has size 4 but rhs dimension 0 has size 3}}
  %0 = fhelinalg.matmul_int_eint %a, %b : (tensor<3x4xi64>, tensor<3x!fhe.eint<7>>) -> tensor<3x!fhe.eint<7>>
  return
}

// -----

func.func @matmul_batches_do_not_broadcast(%a: tensor<2x3x4x!fhe.eint<7>>, %b: tensor<5x4x2x!fhe.eint<7>>) {
  // expected-error @+1 {{cannot broadcast lhs batch shape [2] with rhs batch shape [5]: lhs batch dimension 0 has size 2 and rhs batch dimension 0 has size 5, and neither is 1}}
  %0 = fhelinalg.matmul_eint_eint %a, %b : (tensor<2x3x4x!fhe.eint<7>>, tensor<5x4x2x!fhe.eint<7>>) -> tensor<2x3x2x!fhe.eint<7>>
  return
}

// -----

func.func @matmul_result_shape(%a: tensor<2x3x4x!fhe.eint<7>>, %b: tensor<4x5xi64>) {
  // expected-error @+1 {{result shape [3, 5] differs from [2, 3, 5], the matmul of the operand shapes}}
  %0 = fhelinalg.matmul_eint_int %a, %b : (tensor<2x3x4x!fhe.eint<7>>, tensor<4x5xi64>) -> tensor<3x5x!fhe.eint<7>>
  return
}

// -----

func.func @matmul_operand_types_differ(%a: tensor<2x4x!fhe.eint<7>>, %b: tensor<4x5x!fhe.eint<6>>) {
  // expected-error @+1 {{rhs element type '!fhe.eint<6>' differs from lhs element type '!fhe.eint<7>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.matmul_eint_eint %a, %b : (tensor<2x4x!fhe.eint<7>>, tensor<4x5x!fhe.eint<6>>) -> tensor<2x5x!fhe.eint<7>>
  return
}

// -----

func.func @matmul_result_element_type(%a: tensor<2x4xi64>, %b: tensor<4x5x!fhe.esint<7>>) {
  // expected-error @+1 {{result element type '!fhe.esint<8>' differs from rhs element type '!fhe.esint<7>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.matmul_int_eint %a, %b : (tensor<2x4xi64>, tensor<4x5x!fhe.esint<7>>) -> tensor<2x5x!fhe.esint<8>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Sums
//===----------------------------------------------------------------------===//

func.func @sum_axis_out_of_range(%x: tensor<3x4x!fhe.eint<6>>) {
  // expected-error @+1 {{axis -3 is out of range for rank 2 (expected -2 to 1)}}
  %0 = fhelinalg.sum %x {axes = [-3]} : tensor<3x4x!fhe.eint<6>> -> tensor<4x!fhe.eint<6>>
  return
}

// -----

func.func @sum_axis_of_rank_0(%x: tensor<!fhe.eint<6>>) {
  // expected-error @+1 {{axis 0 is out of range: a tensor of rank 0 has no axes}}
  %0 = fhelinalg.sum %x {axes = [0]} : tensor<!fhe.eint<6>> -> !fhe.eint<6>
  return
}

// -----

func.func @sum_axis_twice(%x: tensor<3x4x!fhe.eint<6>>) {
  // expected-error @+1 {{axes [0, -2] name dimension 0 twice}}
  %0 = fhelinalg.sum %x {axes = [0, -2]} : tensor<3x4x!fhe.eint<6>> -> tensor<4x!fhe.eint<6>>
  return
}

// -----

func.func @sum_result_shape(%x: tensor<3x4x!fhe.eint<6>>) {
  // expected-error @+1 {{result type 'tensor<4x!fhe.eint<6>>' differs from 'tensor<1x4x!fhe.eint<6>>', the sum of 'tensor<3x4x!fhe.eint<6>>' over axes [0] with keep_dims = true}}
  %0 = fhelinalg.sum %x {axes = [0], keep_dims = true} : tensor<3x4x!fhe.eint<6>> -> tensor<4x!fhe.eint<6>>
  return
}

// -----

func.func @sum_of_every_axis_is_a_scalar(%x: tensor<3x4x!fhe.eint<6>>) {
  // expected-error @+1 {{result type 'tensor<1x!fhe.eint<6>>' differs from '!fhe.eint<6>', the sum of 'tensor<3x4x!fhe.eint<6>>' over every axis with keep_dims = false}}
  %0 = fhelinalg.sum %x : tensor<3x4x!fhe.eint<6>> -> tensor<1x!fhe.eint<6>>
  return
}

// -----

func.func @sum_result_element_type(%x: tensor<3x4x!fhe.eint<6>>) {
  // expected-error @+1 {{result type 'tensor<3x!fhe.eint<7>>' differs from 'tensor<3x!fhe.eint<6>>', the sum of 'tensor<3x4x!fhe.eint<6>>' over axes [1] with keep_dims = false}}
  %0 = fhelinalg.sum %x {axes = [1]} : tensor<3x4x!fhe.eint<6>> -> tensor<3x!fhe.eint<7>>
  return
}

// -----

func.func @sum_axes_not_integers(%x: tensor<3x4x!fhe.eint<6>>) {
  // expected-error @+1 {{attribute 'axes' failed to satisfy constraint: 64-bit integer array attribute}}
  %0 = fhelinalg.sum %x {axes = ["a"]} : tensor<3x4x!fhe.eint<6>> -> !fhe.eint<6>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

func.func @conv2d_input_not_4d(%x: tensor<3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{input must be 4-D (N, C, H, W), got shape [3, 8, 8]}}
  %0 = fhelinalg.conv2d %x, %w : (tensor<3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_weight_not_4d(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<3x3x3xi64>) {
  // expected-error @+1 {{weight must be 4-D (F, C/group, KH, KW), got shape [3, 3, 3]}}
  %0 = fhelinalg.conv2d %x, %w : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_weight_not_integers(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of encrypted or signless integers, but got 'tensor<4x3x3x3xf32>'}}
  %0 = fhelinalg.conv2d %x, %w : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_strides(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{strides must be 2 positive integers [sh, sw], got [1, 0]}}
  %0 = fhelinalg.conv2d %x, %w {strides = [1, 0]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_strides_count(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{strides must be 2 positive integers [sh, sw], got [1]}}
  %0 = fhelinalg.conv2d %x, %w {strides = [1]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_pads(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{pads must be 4 non-negative integers [top, left, bottom, right], got [1, 1]}}
  %0 = fhelinalg.conv2d %x, %w {pads = [1, 1]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x8x8x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_negative_pad(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{pads must be 4 non-negative integers [top, left, bottom, right], got [0, -1, 0, 0]}}
  %0 = fhelinalg.conv2d %x, %w {pads = [0, -1, 0, 0]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x5x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_dilations(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{dilations must be 2 positive integers [dh, dw], got [0, 1]}}
  %0 = fhelinalg.conv2d %x, %w {dilations = [0, 1]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_group(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{group must be positive, got 0}}
  %0 = fhelinalg.conv2d %x, %w {group = 0} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_channels_not_divisible(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x1x3x3xi64>) {
  // expected-error @+1 {{the 3 input channels do not split into 2 groups}}
  %0 = fhelinalg.conv2d %x, %w {group = 2} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x1x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_filters_not_divisible(%x: tensor<1x4x8x8x!fhe.eint<6>>, %w: tensor<3x2x3x3xi64>) {
  // expected-error @+1 {{the 3 filters do not split into 2 groups}}
  %0 = fhelinalg.conv2d %x, %w {group = 2} : (tensor<1x4x8x8x!fhe.eint<6>>, tensor<3x2x3x3xi64>) -> tensor<1x3x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_weight_channels(%x: tensor<1x4x8x8x!fhe.eint<6>>, %w: tensor<6x4x3x3xi64>) {
  // expected-error @+1 {{weight shape [6, 4, 3, 3] has 4 channels per filter but input shape [1, 4, 8, 8] with group 2 gives 2}}
  %0 = fhelinalg.conv2d %x, %w {group = 2} : (tensor<1x4x8x8x!fhe.eint<6>>, tensor<6x4x3x3xi64>) -> tensor<1x6x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_bias_size(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>, %b: tensor<3xi64>) {
  // expected-error @+1 {{bias must be 1-D with one element for each of the 4 filters, got shape [3]}}
  %0 = fhelinalg.conv2d %x, %w, %b : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>, tensor<3xi64>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_kernel_too_large(%x: tensor<1x3x4x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{the dilated kernel height 5 (kernel 3, dilation 2) exceeds the padded input height 4 (input 4, pads 0 and 0)}}
  %0 = fhelinalg.conv2d %x, %w {dilations = [2, 1]} : (tensor<1x3x4x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x1x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_window_overflows(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{the width window (input 8, kernel 3, dilation 5000000000000000000, pads 0 and 0) overflows 64-bit sizes}}
  %0 = fhelinalg.conv2d %x, %w {dilations = [1, 5000000000000000000]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x1x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_result_shape(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{result shape [1, 4, 4, 4] differs from [1, 4, 3, 3], the shape of the convolution}}
  %0 = fhelinalg.conv2d %x, %w {strides = [2, 2]} : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x4x4x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_encrypted_weight_type(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3x!fhe.eint<5>>) {
  // expected-error @+1 {{weight element type '!fhe.eint<5>' differs from input element type '!fhe.eint<6>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.conv2d %x, %w : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3x!fhe.eint<5>>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_encrypted_bias_type(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>, %b: tensor<4x!fhe.esint<6>>) {
  // expected-error @+1 {{bias element type '!fhe.esint<6>' differs from input element type '!fhe.eint<6>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.conv2d %x, %w, %b : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>, tensor<4x!fhe.esint<6>>) -> tensor<1x4x6x6x!fhe.eint<6>>
  return
}

// -----

func.func @conv2d_result_element_type(%x: tensor<1x3x8x8x!fhe.eint<6>>, %w: tensor<4x3x3x3xi64>) {
  // expected-error @+1 {{result element type '!fhe.eint<7>' differs from input element type '!fhe.eint<6>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.conv2d %x, %w : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>) -> tensor<1x4x6x6x!fhe.eint<7>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Max pooling
//===----------------------------------------------------------------------===//

func.func @maxpool2d_input_not_4d(%x: tensor<8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{input must be 4-D (N, C, H, W), got shape [8, 8]}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2]} : tensor<8x8x!fhe.eint<6>> -> tensor<7x7x!fhe.eint<6>>
  return
}

// -----

func.func @maxpool2d_kernel_shape_missing(%x: tensor<1x3x8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{requires attribute 'kernel_shape'}}
  %0 = fhelinalg.maxpool2d %x : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x7x7x!fhe.eint<6>>
  return
}

// -----

func.func @maxpool2d_kernel_shape(%x: tensor<1x3x8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{kernel_shape must be 2 positive integers [kh, kw], got [2, 2, 2]}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x7x7x!fhe.eint<6>>
  return
}

// -----

func.func @maxpool2d_strides(%x: tensor<1x3x8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{strides must be 2 positive integers [sh, sw], got [-2, 2]}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], strides = [-2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x4x4x!fhe.eint<6>>
  return
}

// -----

func.func @maxpool2d_kernel_too_large(%x: tensor<1x3x8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{the dilated kernel width 10 (kernel 10, dilation 1) exceeds the padded input width 9 (input 8, pads 1 and 0)}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 10], pads = [0, 1, 0, 0]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x7x1x!fhe.eint<6>>
  return
}

// -----

func.func @maxpool2d_window_of_padding(%x: tensor<1x3x8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{window 0 along the height covers only padding (pads [2, 0, 0, 0]): every window needs a cell of the image}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], pads = [2, 0, 0, 0]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x9x7x!fhe.eint<6>>
  return
}

// -----

// With a dilation, a window may straddle the image and still miss it: along
// the width, window 0 takes columns -2 and 1 of a 1-wide image.
func.func @maxpool2d_dilated_window_of_padding(%x: tensor<1x3x8x1x!fhe.eint<6>>) {
  // expected-error @+1 {{window 0 along the width covers only padding (pads [0, 2, 0, 2]): every window needs a cell of the image}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [1, 2], pads = [0, 2, 0, 2], dilations = [1, 3]} : tensor<1x3x8x1x!fhe.eint<6>> -> tensor<1x3x8x2x!fhe.eint<6>>
  return
}

// -----

func.func @maxpool2d_result_shape(%x: tensor<1x3x8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{result shape [1, 3, 4, 4] differs from [1, 3, 7, 7], the shape of the pooling}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x4x4x!fhe.eint<6>>
  return
}

// -----

func.func @maxpool2d_result_element_type(%x: tensor<1x3x8x8x!fhe.eint<6>>) {
  // expected-error @+1 {{result element type '!fhe.esint<6>' differs from input element type '!fhe.eint<6>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.maxpool2d %x {kernel_shape = [2, 2]} : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x7x7x!fhe.esint<6>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

func.func @transpose_axes_count(%x: tensor<2x3x4x!fhe.eint<5>>) {
  // expected-error @+1 {{axes [1, 0] have 2 entries but the input has rank 3}}
  %0 = fhelinalg.transpose %x {axes = [1, 0]} : tensor<2x3x4x!fhe.eint<5>> -> tensor<3x2x4x!fhe.eint<5>>
  return
}

// -----

func.func @transpose_axis_out_of_range(%x: tensor<2x3x!fhe.eint<5>>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2 (expected -2 to 1)}}
  %0 = fhelinalg.transpose %x {axes = [2, 0]} : tensor<2x3x!fhe.eint<5>> -> tensor<3x2x!fhe.eint<5>>
  return
}

// -----

func.func @transpose_not_a_permutation(%x: tensor<2x3x!fhe.eint<5>>) {
  // expected-error @+1 {{axes [1, -1] name dimension 1 twice}}
  %0 = fhelinalg.transpose %x {axes = [1, -1]} : tensor<2x3x!fhe.eint<5>> -> tensor<3x3x!fhe.eint<5>>
  return
}

// -----

func.func @transpose_result_shape(%x: tensor<2x3x4x!fhe.eint<5>>) {
  // expected-error @+1 {{result shape [2, 3, 4] differs from [4, 3, 2], the input shape [2, 3, 4] permuted by [2, 1, 0]}}
  %0 = fhelinalg.transpose %x : tensor<2x3x4x!fhe.eint<5>> -> tensor<2x3x4x!fhe.eint<5>>
  return
}

// -----

func.func @transpose_result_element_type(%x: tensor<2x3x!fhe.eint<5>>) {
  // expected-error @+1 {{result element type '!fhe.eint<4>' differs from input element type '!fhe.eint<5>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.transpose %x : tensor<2x3x!fhe.eint<5>> -> tensor<3x2x!fhe.eint<4>>
  return
}

// -----

func.func @concat_no_input() {
  // expected-error @+1 {{needs at least one input}}
  %0 = fhelinalg.concat : () -> tensor<2x!fhe.eint<5>>
  return
}

// -----

func.func @concat_axis_out_of_range(%a: tensor<2x3x!fhe.eint<5>>, %b: tensor<2x3x!fhe.eint<5>>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2 (expected -2 to 1)}}
  %0 = fhelinalg.concat %a, %b {axis = 2} : (tensor<2x3x!fhe.eint<5>>, tensor<2x3x!fhe.eint<5>>) -> tensor<4x3x!fhe.eint<5>>
  return
}

// -----

func.func @concat_element_type(%a: tensor<2x3x!fhe.eint<5>>, %b: tensor<2x3x!fhe.esint<5>>) {
  // expected-error @+1 {{input #1 element type '!fhe.esint<5>' differs from the result element type '!fhe.eint<5>'}}
  %0 = fhelinalg.concat %a, %b : (tensor<2x3x!fhe.eint<5>>, tensor<2x3x!fhe.esint<5>>) -> tensor<4x3x!fhe.eint<5>>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x3x!fhe.eint<5>>, %b: tensor<3x!fhe.eint<5>>) {
  // expected-error @+1 {{input #1 has rank 1 but the result has rank 2}}
  %0 = fhelinalg.concat %a, %b : (tensor<2x3x!fhe.eint<5>>, tensor<3x!fhe.eint<5>>) -> tensor<3x3x!fhe.eint<5>>
  return
}

// -----

func.func @concat_other_dimension(%a: tensor<2x3x!fhe.eint<5>>, %b: tensor<2x4x!fhe.eint<5>>) {
  // expected-error @+1 {{input #1 shape [2, 4] differs from the result shape [4, 3] in dimension 1, which is not the axis 0}}
  %0 = fhelinalg.concat %a, %b : (tensor<2x3x!fhe.eint<5>>, tensor<2x4x!fhe.eint<5>>) -> tensor<4x3x!fhe.eint<5>>
  return
}

// -----

func.func @concat_axis_size(%a: tensor<2x3x!fhe.eint<5>>, %b: tensor<2x1x!fhe.eint<5>>) {
  // expected-error @+1 {{the input sizes along axis 1 add up to 4 but the result has 5}}
  %0 = fhelinalg.concat %a, %b {axis = -1} : (tensor<2x3x!fhe.eint<5>>, tensor<2x1x!fhe.eint<5>>) -> tensor<2x5x!fhe.eint<5>>
  return
}

// -----

func.func @broadcast_incompatible(%x: tensor<3x!fhe.eint<5>>) {
  // expected-error @+1 {{input shape [3] does not broadcast to the result shape [2, 4]}}
  %0 = fhelinalg.broadcast %x : tensor<3x!fhe.eint<5>> -> tensor<2x4x!fhe.eint<5>>
  return
}

// -----

func.func @broadcast_to_lower_rank(%x: tensor<1x3x!fhe.eint<5>>) {
  // expected-error @+1 {{input shape [1, 3] does not broadcast to the result shape [3]}}
  %0 = fhelinalg.broadcast %x : tensor<1x3x!fhe.eint<5>> -> tensor<3x!fhe.eint<5>>
  return
}

// -----

func.func @broadcast_element_type(%x: tensor<3x!fhe.eint<5>>) {
  // expected-error @+1 {{result element type '!fhe.eint<6>' differs from input element type '!fhe.eint<5>': the encrypted operands and the result must have one width and signedness}}
  %0 = fhelinalg.broadcast %x : tensor<3x!fhe.eint<5>> -> tensor<2x3x!fhe.eint<6>>
  return
}

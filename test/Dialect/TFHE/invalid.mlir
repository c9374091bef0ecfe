// RUN: shade-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{LWE message width 0 is out of range: a message has 1 to 63 bits (the 64-bit torus element keeps one padding bit)}}
func.func @width_zero(%a: !tfhe.lwe<0>)

// -----

// expected-error @+1 {{LWE message width 64 is out of range}}
func.func @width_too_large(%a: !tfhe.lwe<64, signed, dim = 742>)

// -----

// expected-error @+1 {{LWE dimension must be positive, got 0}}
func.func @dimension_zero(%a: !tfhe.lwe<4, dim = 0>)

// -----

// expected-error @+1 {{expected 'signed' or 'dim'}}
func.func @unknown_keyword(%a: !tfhe.lwe<4, unsigned>)

// -----

// expected-error @+1 {{expected 'dim'}}
func.func @signed_twice(%a: !tfhe.lwe<4, signed, signed>)

// -----

func.func @ksk_input_dim_zero(%a: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{key-switching key parameter input_dim must be positive, got 0}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 0, output_dim = 742, base_log = 3, levels = 5>} : !tfhe.lwe<4> -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @ksk_output_dim_zero(%a: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{key-switching key parameter output_dim must be positive, got 0}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 0, base_log = 3, levels = 5>} : !tfhe.lwe<4> -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @ksk_base_log_zero(%a: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{key-switching key parameter base_log must be positive, got 0}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 0, levels = 5>} : !tfhe.lwe<4> -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @ksk_levels_zero(%a: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{key-switching key parameter levels must be positive, got 0}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 0>} : !tfhe.lwe<4> -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @ksk_decomposition_too_wide(%a: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{key-switching key decomposes 5 levels of 13 bits = 65 bits, more than the 64 bits of a torus element}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 13, levels = 5>} : !tfhe.lwe<4> -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @bsk_input_dim_zero(%a: !tfhe.lwe<2>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{bootstrap key parameter input_dim must be positive, got 0}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 0, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bsk_glwe_dim_zero(%a: !tfhe.lwe<2>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{bootstrap key parameter glwe_dim must be positive, got 0}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 0, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bsk_poly_size_not_power_of_two(%a: !tfhe.lwe<2>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{bootstrap key parameter poly_size must be a power of two, got 1000}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 1000, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bsk_poly_size_zero(%a: !tfhe.lwe<2>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{bootstrap key parameter poly_size must be a power of two, got 0}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 0, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bsk_base_log_zero(%a: !tfhe.lwe<2>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{bootstrap key parameter base_log must be positive, got 0}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 0, levels = 1>} : (!tfhe.lwe<2>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bsk_levels_zero(%a: !tfhe.lwe<2>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{bootstrap key parameter levels must be positive, got 0}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 0>} : (!tfhe.lwe<2>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bsk_decomposition_too_wide(%a: !tfhe.lwe<2>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{bootstrap key decomposes 3 levels of 22 bits = 66 bits, more than the 64 bits of a torus element}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 22, levels = 3>} : (!tfhe.lwe<2>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @zero_dynamic_shape() -> tensor<?x!tfhe.lwe<4>> {
  // expected-error @+1 {{'tfhe.zero' op result #0 must be an LWE ciphertext or a static-shape tensor of them, but got 'tensor<?x!tfhe.lwe<4>>'}}
  %0 = tfhe.zero : tensor<?x!tfhe.lwe<4>>
  return %0 : tensor<?x!tfhe.lwe<4>>
}

// -----

func.func @zero_not_a_ciphertext() -> i64 {
  // expected-error @+1 {{'tfhe.zero' op result #0 must be an LWE ciphertext or a static-shape tensor of them, but got 'i64'}}
  %0 = tfhe.zero : i64
  return %0 : i64
}

// -----

func.func @encode_width_zero(%m: i8) -> i64 {
  // expected-error @+1 {{'tfhe.encode' op attribute 'width' failed to satisfy constraint: 32-bit signless integer attribute whose minimum value is 1 whose maximum value is 63}}
  %0 = tfhe.encode %m width 0 : i8 -> i64
  return %0 : i64
}

// -----

func.func @encode_width_too_large(%m: i8) -> i64 {
  // expected-error @+1 {{'tfhe.encode' op attribute 'width' failed to satisfy constraint: 32-bit signless integer attribute whose minimum value is 1 whose maximum value is 63}}
  %0 = tfhe.encode %m width 64 : i8 -> i64
  return %0 : i64
}

// -----

func.func @encode_shape_mismatch(%m: tensor<3xi8>) -> tensor<4xi64> {
  // expected-error @+1 {{'tfhe.encode' op requires the same shape for all operands and results}}
  %0 = tfhe.encode %m width 4 : tensor<3xi8> -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @encode_not_i64(%m: i8) -> i32 {
  // expected-error @+1 {{'tfhe.encode' op result #0 must be an i64 or a ranked tensor of them, but got 'i32'}}
  %0 = tfhe.encode %m width 4 : i8 -> i32
  return %0 : i32
}

// -----

func.func @encode_table_rank_zero(%t: tensor<i8>) -> tensor<i64> {
  // expected-error @+1 {{'tfhe.encode_table' op table type 'tensor<i8>' has rank 0: its last dimension must hold the table's entries}}
  %0 = tfhe.encode_table %t width 3 : tensor<i8> -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

func.func @encode_table_not_power_of_two(%t: tensor<2x3xi8>) -> tensor<2x3xi64> {
  // expected-error @+1 {{'tfhe.encode_table' op table type 'tensor<2x3xi8>' must have a static power of two, at least 2, as its last dimension: the 2^w entries of a table indexed by w-bit messages}}
  %0 = tfhe.encode_table %t width 3 : tensor<2x3xi8> -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

func.func @encode_table_single_entry(%t: tensor<1xi8>) -> tensor<1xi64> {
  // expected-error @+1 {{'tfhe.encode_table' op table type 'tensor<1xi8>' must have a static power of two, at least 2, as its last dimension}}
  %0 = tfhe.encode_table %t width 3 : tensor<1xi8> -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

func.func @encode_table_dynamic(%t: tensor<?xi8>) -> tensor<?xi64> {
  // expected-error @+1 {{'tfhe.encode_table' op table type 'tensor<?xi8>' must have a static power of two, at least 2, as its last dimension}}
  %0 = tfhe.encode_table %t width 3 : tensor<?xi8> -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

func.func @encode_table_shape_mismatch(%t: tensor<4xi8>) -> tensor<8xi64> {
  // expected-error @+1 {{'tfhe.encode_table' op requires the same shape for all operands and results}}
  %0 = tfhe.encode_table %t width 3 : tensor<4xi8> -> tensor<8xi64>
  return %0 : tensor<8xi64>
}

// -----

func.func @add_plaintext_shape_mismatch(%a: tensor<3x!tfhe.lwe<4>>, %p: tensor<4xi64>) -> tensor<3x!tfhe.lwe<4>> {
  // expected-error @+1 {{'tfhe.add_plaintext' op requires the same shape for all operands and results}}
  %0 = tfhe.add_plaintext %a, %p : tensor<3x!tfhe.lwe<4>>, tensor<4xi64>
  return %0 : tensor<3x!tfhe.lwe<4>>
}

// -----

func.func @add_plaintext_scalar_to_tensor(%a: tensor<3x!tfhe.lwe<4>>, %p: i64) -> tensor<3x!tfhe.lwe<4>> {
  // expected-error @+1 {{'tfhe.add_plaintext' op requires the same shape for all operands and results}}
  %0 = tfhe.add_plaintext %a, %p : tensor<3x!tfhe.lwe<4>>, i64
  return %0 : tensor<3x!tfhe.lwe<4>>
}

// -----

func.func @add_plaintext_not_i64(%a: !tfhe.lwe<4>, %p: i32) -> !tfhe.lwe<4> {
  // expected-error @+1 {{'tfhe.add_plaintext' op operand #1 must be an i64 or a ranked tensor of them, but got 'i32'}}
  %0 = tfhe.add_plaintext %a, %p : !tfhe.lwe<4>, i32
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @add_plaintext_changes_encoding(%a: !tfhe.lwe<4>, %p: i64) -> !tfhe.lwe<5> {
  // expected-error @+1 {{'tfhe.add_plaintext' op failed to verify that all of {ciphertext, result} have same type}}
  %0 = "tfhe.add_plaintext"(%a, %p) : (!tfhe.lwe<4>, i64) -> !tfhe.lwe<5>
  return %0 : !tfhe.lwe<5>
}

// -----

func.func @add_different_widths(%a: !tfhe.lwe<4>, %b: !tfhe.lwe<5>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{'tfhe.add' op requires the same type for all operands and results}}
  %0 = "tfhe.add"(%a, %b) : (!tfhe.lwe<4>, !tfhe.lwe<5>) -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @add_different_signedness(%a: !tfhe.lwe<4>, %b: !tfhe.lwe<4, signed>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{'tfhe.add' op requires the same type for all operands and results}}
  %0 = "tfhe.add"(%a, %b) : (!tfhe.lwe<4>, !tfhe.lwe<4, signed>) -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @add_different_dimensions(%a: !tfhe.lwe<4, dim = 742>, %b: !tfhe.lwe<4>) -> !tfhe.lwe<4, dim = 742> {
  // expected-error @+1 {{'tfhe.add' op requires the same type for all operands and results}}
  %0 = "tfhe.add"(%a, %b) : (!tfhe.lwe<4, dim = 742>, !tfhe.lwe<4>) -> !tfhe.lwe<4, dim = 742>
  return %0 : !tfhe.lwe<4, dim = 742>
}

// -----

func.func @add_not_a_ciphertext(%a: tensor<3xi64>) -> tensor<3xi64> {
  // expected-error @+1 {{'tfhe.add' op operand #0 must be an LWE ciphertext or a ranked tensor of them, but got 'tensor<3xi64>'}}
  %0 = tfhe.add %a, %a : tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

func.func @sub_different_shapes(%a: tensor<3x!tfhe.lwe<4>>, %b: tensor<2x!tfhe.lwe<4>>) -> tensor<3x!tfhe.lwe<4>> {
  // expected-error @+1 {{'tfhe.sub' op requires the same type for all operands and results}}
  %0 = "tfhe.sub"(%a, %b) : (tensor<3x!tfhe.lwe<4>>, tensor<2x!tfhe.lwe<4>>) -> tensor<3x!tfhe.lwe<4>>
  return %0 : tensor<3x!tfhe.lwe<4>>
}

// -----

func.func @neg_changes_encoding(%a: !tfhe.lwe<4, signed>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{'tfhe.neg' op requires the same type for all operands and results}}
  %0 = "tfhe.neg"(%a) : (!tfhe.lwe<4, signed>) -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @mul_int_shape_mismatch(%a: tensor<3x!tfhe.lwe<4>>, %c: tensor<3x1xi64>) -> tensor<3x!tfhe.lwe<4>> {
  // expected-error @+1 {{'tfhe.mul_int' op requires the same shape for all operands and results}}
  %0 = tfhe.mul_int %a, %c : tensor<3x!tfhe.lwe<4>>, tensor<3x1xi64>
  return %0 : tensor<3x!tfhe.lwe<4>>
}

// -----

func.func @mul_int_not_i64(%a: !tfhe.lwe<4>, %c: i8) -> !tfhe.lwe<4> {
  // expected-error @+1 {{'tfhe.mul_int' op operand #1 must be an i64 or a ranked tensor of them, but got 'i8'}}
  %0 = tfhe.mul_int %a, %c : !tfhe.lwe<4>, i8
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @mul_int_changes_encoding(%a: !tfhe.lwe<4>, %c: i64) -> !tfhe.lwe<4, dim = 742> {
  // expected-error @+1 {{'tfhe.mul_int' op failed to verify that all of {ciphertext, result} have same type}}
  %0 = "tfhe.mul_int"(%a, %c) : (!tfhe.lwe<4>, i64) -> !tfhe.lwe<4, dim = 742>
  return %0 : !tfhe.lwe<4, dim = 742>
}

// -----

func.func @keyswitch_changes_encoding(%a: !tfhe.lwe<4, dim = 2048>) -> !tfhe.lwe<4, signed, dim = 742> {
  // expected-error @+1 {{'tfhe.keyswitch' op result '!tfhe.lwe<4, signed, dim = 742>' does not have the encoding of the input '!tfhe.lwe<4, dim = 2048>': a key switch keeps the message width and signedness}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>} : !tfhe.lwe<4, dim = 2048> -> !tfhe.lwe<4, signed, dim = 742>
  return %0 : !tfhe.lwe<4, signed, dim = 742>
}

// -----

func.func @keyswitch_changes_shape(%a: tensor<3x!tfhe.lwe<4>>) -> tensor<4x!tfhe.lwe<4>> {
  // expected-error @+1 {{'tfhe.keyswitch' op requires the same shape for all operands and results}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>} : tensor<3x!tfhe.lwe<4>> -> tensor<4x!tfhe.lwe<4>>
  return %0 : tensor<4x!tfhe.lwe<4>>
}

// -----

func.func @keyswitch_input_dimension(%a: !tfhe.lwe<4, dim = 1024>) -> !tfhe.lwe<4, dim = 742> {
  // expected-error @+1 {{'tfhe.keyswitch' op input dimension 1024 differs from the key-switching key's input_dim 2048}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>} : !tfhe.lwe<4, dim = 1024> -> !tfhe.lwe<4, dim = 742>
  return %0 : !tfhe.lwe<4, dim = 742>
}

// -----

func.func @keyswitch_result_dimension(%a: tensor<2x!tfhe.lwe<4, dim = 2048>>) -> tensor<2x!tfhe.lwe<4, dim = 600>> {
  // expected-error @+1 {{'tfhe.keyswitch' op result dimension 600 differs from the key-switching key's output_dim 742}}
  %0 = tfhe.keyswitch %a {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>} : tensor<2x!tfhe.lwe<4, dim = 2048>> -> tensor<2x!tfhe.lwe<4, dim = 600>>
  return %0 : tensor<2x!tfhe.lwe<4, dim = 600>>
}

// -----

func.func @keyswitch_wrong_key_kind(%a: !tfhe.lwe<4>) -> !tfhe.lwe<4> {
  // expected-error @+1 {{'tfhe.keyswitch' op attribute 'key' failed to satisfy constraint: The parameters of a key-switching key}}
  %0 = "tfhe.keyswitch"(%a) {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<4>) -> !tfhe.lwe<4>
  return %0 : !tfhe.lwe<4>
}

// -----

func.func @bootstrap_changes_shape(%a: tensor<3x!tfhe.lwe<2>>, %t: tensor<4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{'tfhe.bootstrap' op result type '!tfhe.lwe<2>' does not have the shape of the input type 'tensor<3x!tfhe.lwe<2>>'}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<3x!tfhe.lwe<2>>, tensor<4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bootstrap_table_size(%a: !tfhe.lwe<3, dim = 742>, %t: tensor<4xi64>) -> !tfhe.lwe<3, dim = 2048> {
  // expected-error @+1 {{'tfhe.bootstrap' op table type 'tensor<4xi64>' must have 2^3 = 8 entries in its last dimension, one per message of the input '!tfhe.lwe<3, dim = 742>'}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<3, dim = 742>, tensor<4xi64>) -> !tfhe.lwe<3, dim = 2048>
  return %0 : !tfhe.lwe<3, dim = 2048>
}

// -----

func.func @bootstrap_table_dynamic(%a: !tfhe.lwe<2>, %t: tensor<?xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{'tfhe.bootstrap' op table type 'tensor<?xi64>' must have 2^2 = 4 entries in its last dimension}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<?xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bootstrap_table_rank_zero(%a: !tfhe.lwe<2>, %t: tensor<i64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{'tfhe.bootstrap' op table type 'tensor<i64>' must have 2^2 = 4 entries in its last dimension}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<i64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bootstrap_tables_for_scalar(%a: !tfhe.lwe<2>, %t: tensor<1x4xi64>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{'tfhe.bootstrap' op table type 'tensor<1x4xi64>' holds several tables for a single input ciphertext: it must have rank 1}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<1x4xi64>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @bootstrap_tables_shape(%a: tensor<5x!tfhe.lwe<2>>, %t: tensor<4x4xi64>) -> tensor<5x!tfhe.lwe<2>> {
  // expected-error @+1 {{'tfhe.bootstrap' op table type 'tensor<4x4xi64>' is neither one table shared by all inputs (rank 1) nor one table per input: its leading dimensions must be the shape of the input type 'tensor<5x!tfhe.lwe<2>>'}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<5x!tfhe.lwe<2>>, tensor<4x4xi64>) -> tensor<5x!tfhe.lwe<2>>
  return %0 : tensor<5x!tfhe.lwe<2>>
}

// -----

func.func @bootstrap_input_dimension(%a: !tfhe.lwe<2, dim = 800>, %t: tensor<4xi64>) -> !tfhe.lwe<2, dim = 2048> {
  // expected-error @+1 {{'tfhe.bootstrap' op input dimension 800 differs from the bootstrap key's input_dim 742}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2, dim = 800>, tensor<4xi64>) -> !tfhe.lwe<2, dim = 2048>
  return %0 : !tfhe.lwe<2, dim = 2048>
}

// -----

func.func @bootstrap_result_dimension(%a: !tfhe.lwe<2, dim = 742>, %t: tensor<4xi64>) -> !tfhe.lwe<2, dim = 2048> {
  // expected-error @+1 {{'tfhe.bootstrap' op result dimension 2048 differs from the bootstrap key's output dimension glwe_dim * poly_size = 4096}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 2, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2, dim = 742>, tensor<4xi64>) -> !tfhe.lwe<2, dim = 2048>
  return %0 : !tfhe.lwe<2, dim = 2048>
}

// -----

func.func @bootstrap_table_not_i64(%a: !tfhe.lwe<2>, %t: tensor<4xi8>) -> !tfhe.lwe<2> {
  // expected-error @+1 {{'tfhe.bootstrap' op operand #1 must be ranked tensor of 64-bit signless integer values, but got 'tensor<4xi8>'}}
  %0 = tfhe.bootstrap %a, %t {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2>, tensor<4xi8>) -> !tfhe.lwe<2>
  return %0 : !tfhe.lwe<2>
}

// -----

func.func @gather_index_count(%a: tensor<2x!tfhe.lwe<2, dim = 742>>, %t: tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>> {
  // expected-error @+1 {{'tfhe.gather_bootstrap' op has 2 input indices and 3 table indices for 3 results: it needs one of each per result}}
  %0 = tfhe.gather_bootstrap %a[0, 1], %t[0, 0, 0] {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 742>>, tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>>
  return %0 : tensor<3x!tfhe.lwe<2, dim = 2048>>
}

// -----

func.func @gather_input_index_range(%a: tensor<2x!tfhe.lwe<2, dim = 742>>, %t: tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>> {
  // expected-error @+1 {{'tfhe.gather_bootstrap' op input index 2 at position 1 is outside [0, 2)}}
  %0 = tfhe.gather_bootstrap %a[0, 2, 1], %t[0, 0, 0] {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 742>>, tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>>
  return %0 : tensor<3x!tfhe.lwe<2, dim = 2048>>
}

// -----

func.func @gather_table_index_range(%a: tensor<2x!tfhe.lwe<2, dim = 742>>, %t: tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>> {
  // expected-error @+1 {{'tfhe.gather_bootstrap' op table index -1 at position 2 is outside [0, 1)}}
  %0 = tfhe.gather_bootstrap %a[0, 1, 1], %t[0, 0, -1] {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 742>>, tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>>
  return %0 : tensor<3x!tfhe.lwe<2, dim = 2048>>
}

// -----

func.func @gather_table_rows(%a: tensor<2x!tfhe.lwe<2, dim = 742>>, %t: tensor<1x8xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>> {
  // expected-error @+1 {{'tfhe.gather_bootstrap' op tables type 'tensor<1x8xi64>' must have rows of 2^2 = 4 entries, one per message of the input '!tfhe.lwe<2, dim = 742>'}}
  %0 = tfhe.gather_bootstrap %a[0, 1, 1], %t[0, 0, 0] {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 742>>, tensor<1x8xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>>
  return %0 : tensor<3x!tfhe.lwe<2, dim = 2048>>
}

// -----

func.func @gather_input_dimension(%a: tensor<2x!tfhe.lwe<2, dim = 800>>, %t: tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>> {
  // expected-error @+1 {{'tfhe.gather_bootstrap' op input dimension 800 differs from the bootstrap key's input_dim 742}}
  %0 = tfhe.gather_bootstrap %a[0, 1, 1], %t[0, 0, 0] {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 800>>, tensor<1x4xi64>) -> tensor<3x!tfhe.lwe<2, dim = 2048>>
  return %0 : tensor<3x!tfhe.lwe<2, dim = 2048>>
}

// -----

// expected-error @+1 {{#tfhe.parameters parameter lwe_dim must be positive, got 0}}
func.func @parameters_lwe_dim_zero() attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 0, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 1.0E-5, glwe_noise_std = 1.0E-15, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>}

// -----

// expected-error @+1 {{#tfhe.parameters parameter poly_size must be a power of two, got 3000}}
func.func @parameters_poly_size() attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 771, glwe_dim = 1, poly_size = 3000, lwe_noise_std = 1.0E-5, glwe_noise_std = 1.0E-15, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>}

// -----

// expected-error @+1 {{#tfhe.parameters parameter lwe_noise_std must be in (0, 1), got 0}}
func.func @parameters_lwe_noise_zero() attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 771, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 0.0, glwe_noise_std = 1.0E-15, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>}

// -----

// expected-error @+1 {{#tfhe.parameters parameter glwe_noise_std must be in (0, 1), got 1.5}}
func.func @parameters_glwe_noise_too_large() attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 771, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 1.0E-5, glwe_noise_std = 1.5, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>}

// -----

// expected-error @+1 {{#tfhe.parameters parameter ks_levels must be positive, got 0}}
func.func @parameters_ks_levels_zero() attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 771, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 1.0E-5, glwe_noise_std = 1.0E-15, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 0>}

// -----

// expected-error @+1 {{the bootstrap decomposition decomposes 3 levels of 22 bits = 66 bits, more than the 64 bits of a torus element}}
func.func @parameters_pbs_too_wide() attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 771, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 1.0E-5, glwe_noise_std = 1.0E-15, pbs_base_log = 22, pbs_levels = 3, ks_base_log = 3, ks_levels = 5>}

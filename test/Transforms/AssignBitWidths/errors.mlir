// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths=max-width=8 --split-input-file --verify-diagnostics %s

// A lookup table reads at most max-width bits: the matmul's 11 bits must be
// rounded first.
func.func @table_too_wide(%x: tensor<2x!fhe.esint<11>> {fhe.range = array<i64: 0, 100>}) -> tensor<1x!fhe.eint<4>> {
  %w = arith.constant dense<[[9], [-7]]> : tensor<2x1xi64>
  %y = fhelinalg.matmul_eint_int %x, %w : (tensor<2x!fhe.esint<11>>, tensor<2x1xi64>) -> tensor<1x!fhe.esint<11>>
  %t = arith.constant dense<1> : tensor<2048xi64>
  // expected-error @+1 {{'fhelinalg.apply_lookup_table' op reads values that need 11 bits (range [-700, 900]); the largest width Shade can bootstrap is 8: round or shift the values to fewer bits first}}
  %z = fhelinalg.apply_lookup_table %y, %t : (tensor<1x!fhe.esint<11>>, tensor<2048xi64>) -> tensor<1x!fhe.eint<4>>
  return %z : tensor<1x!fhe.eint<4>>
}

// -----

// No encoding holds more than 62 bits under the padding bit.
// expected-error @+1 {{'func.func' op argument #0 needs 63 bits for range [0, 4611686018427387904]; the widest encrypted value is 62 bits}}
func.func @wide_argument(%x: !fhe.eint<63> {fhe.range = array<i64: 0, 4611686018427387904>}) -> !fhe.eint<63> {
  return %x : !fhe.eint<63>
}

// -----

// The maximum is b + relu(a - b): its table reads the operands' class, which
// x in [0, 200] and y negative make 9 signed bits.
// expected-error @+1 {{'func.func' op argument #0 needs 9 bits for range [0, 200] as a signed integer, since it shares its encoding with negative values; the largest width Shade can bootstrap is 8}}
func.func @signed_class(%x: !fhe.esint<9> {fhe.range = array<i64: 0, 200>},
                        %y: !fhe.esint<9> {fhe.range = array<i64: -1, 0>}) -> !fhe.esint<9> {
  %m = fhe.max_eint %x, %y : !fhe.esint<9>
  return %m : !fhe.esint<9>
}

// -----

// The decomposition's a + b in [0, 400] and a - b in [-200, 200] join the
// operands' class.
func.func @headroom(%x: !fhe.eint<8> {fhe.range = array<i64: 0, 100>}) -> !fhe.eint<8> {
  %c = arith.constant 2 : i8
  %a = fhe.mul_eint_int %x, %c : (!fhe.eint<8>, i8) -> !fhe.eint<8>
  // expected-error @+1 {{'fhe.mul_eint' op needs 10 bits for range [0, 400] as a signed integer, since it shares its encoding with negative values; the largest width Shade can bootstrap is 8}}
  %p = fhe.mul_eint %a, %a : !fhe.eint<8>
  return %p : !fhe.eint<8>
}

// -----

func.func @table_not_constant(%x: !fhe.eint<4> {fhe.range = array<i64: 0, 3>}, %t: tensor<16xi4>) -> !fhe.esint<4> {
  // expected-error @+1 {{'fhe.apply_lookup_table' op has a table that is not a constant, so it cannot be rebuilt for its new input type '!fhe.eint<2>'}}
  %y = fhe.apply_lookup_table %x, %t : (!fhe.eint<4>, tensor<16xi4>) -> !fhe.esint<4>
  return %y : !fhe.esint<4>
}

// -----

func.func @pinned_cast(%x: !fhe.eint<4> {fhe.range = array<i64: 8, 9>},
                       %y: !fhe.esint<4> {fhe.range = array<i64: -8, 0>}) -> !fhe.esint<4> {
  // expected-error @+1 {{'fhe.to_signed' op changes the values it casts, which pins their width to 4 bits, but the values levelled with them need 5 bits}}
  %s = fhe.to_signed %x : !fhe.eint<4> to !fhe.esint<4>
  %r = fhe.add_eint %s, %y : !fhe.esint<4>
  return %r : !fhe.esint<4>
}

// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths=max-width=8 --split-input-file --verify-diagnostics %s

func.func @too_wide(%x: tensor<2x!fhe.esint<11>> {fhe.range = array<i64: 0, 100>}) -> tensor<1x!fhe.esint<11>> {
  %w = arith.constant dense<[[9], [-7]]> : tensor<2x1xi64>
  // expected-error @+1 {{'fhelinalg.matmul_eint_int' op needs 11 bits for range [-700, 900]; the largest width Shade can bootstrap is 8}}
  %y = fhelinalg.matmul_eint_int %x, %w : (tensor<2x!fhe.esint<11>>, tensor<2x1xi64>) -> tensor<1x!fhe.esint<11>>
  return %y : tensor<1x!fhe.esint<11>>
}

// -----

// expected-error @+1 {{'func.func' op argument #0 needs 10 bits for range [0, 1000]; the largest width Shade can bootstrap is 8}}
func.func @wide_argument(%x: !fhe.eint<10> {fhe.range = array<i64: 0, 1000>}) -> !fhe.eint<10> {
  return %x : !fhe.eint<10>
}

// -----

// expected-error @+1 {{'func.func' op argument #0 needs 9 bits for range [0, 200] as a signed integer, since it shares its encoding with negative values; the largest width Shade can bootstrap is 8}}
func.func @signed_class(%x: !fhe.esint<9> {fhe.range = array<i64: 0, 200>},
                        %y: !fhe.esint<9> {fhe.range = array<i64: -1, 0>}) -> !fhe.esint<9> {
  %s = fhe.add_eint %x, %y : !fhe.esint<9>
  return %s : !fhe.esint<9>
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

// RUN: shade-opt --shade-decompose-rounding=chunk-width=12 --verify-diagnostics %s

// expected-error @+1 {{chunk-width 12 exceeds the largest width Shade can bootstrap, 9}}
func.func @too_wide(%x: tensor<4x!fhe.esint<16>> {fhe.range = array<i64: -2000, 2000>}) -> tensor<4x!fhe.esint<16>> {
  %c = fhelinalg.clear_low_bits %x {bits = 10 : i64} : tensor<4x!fhe.esint<16>>
  return %c : tensor<4x!fhe.esint<16>>
}

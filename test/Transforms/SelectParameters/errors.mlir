// RUN: shade-opt %s --split-input-file --shade-select-parameters -verify-diagnostics

// A 10-bit table is beyond every parameter set at the default p_error.
func.func @too_wide(%x: !fhe.eint<10>) -> !fhe.eint<3> {
  %t = arith.constant dense<0> : tensor<1024xi64>
  // expected-error @+1 {{'fhe.apply_lookup_table' op no parameters decode a 10-bit lookup-table input of norm2 1 (fresh inputs) with a failure probability of at most 2^-40 at 128-bit security and polynomials of at most 65536 coefficients}}
  %0 = fhe.apply_lookup_table %x, %t {fhe.norm2 = array<i64: 0, 1>} : (!fhe.eint<10>, tensor<1024xi64>) -> !fhe.eint<3>
  return %0 : !fhe.eint<3>
}

// -----

// A result whose error (2^60 bootstrap outputs' worth) no parameters serve.
func.func @too_noisy(%x: !fhe.eint<8>) -> !fhe.eint<8> {
  %c = arith.constant 1073741824 : i64
  %0 = fhe.mul_eint_int %x, %c {fhe.norm2 = array<i64: 0, 1152921504606846976>} : (!fhe.eint<8>, i64) -> !fhe.eint<8>
  // expected-error @+1 {{'func.return' op no parameters decode a 8-bit decrypted function result of norm2 1152921504606846976 with a failure probability of at most 2^-40 at 128-bit security and polynomials of at most 65536 coefficients}}
  return %0 : !fhe.eint<8>
}

// -----

func.func @not_analyzed(%x: !fhe.eint<2>) -> !fhe.eint<2> {
  %c = arith.constant 3 : i8
  %0 = fhe.mul_eint_int %x, %c : (!fhe.eint<2>, i8) -> !fhe.eint<2>
  %t = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
  // expected-error @+1 {{'fhe.apply_lookup_table' op has an encrypted operand without a fhe.norm2 = array<i64: fresh, bootstrapped> of non-negative norms: run --shade-analyze-noise before --shade-select-parameters}}
  %1 = fhe.apply_lookup_table %0, %t {fhe.norm2 = array<i64: 0, 1>} : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<2>
  return %1 : !fhe.eint<2>
}

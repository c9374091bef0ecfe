// Input of errors.mlir: the decomposition needs the ranges recorded by
// --shade-infer-ranges.

func.func @no_ranges(%a: !fhe.esint<4>, %b: !fhe.esint<4>) -> !fhe.esint<4> {
  // expected-error @+1 {{'fhe.mul_eint' op has no fhe.range attribute; run --shade-infer-ranges first}}
  %p = fhe.mul_eint %a, %b : !fhe.esint<4>
  return %p : !fhe.esint<4>
}

// RUN: shade-opt --shade-assign-bit-widths --verify-diagnostics %s

func.func @no_ranges(%x: !fhe.eint<4>) -> !fhe.eint<4> {
  // expected-error @+1 {{'fhe.add_eint' op has no fhe.range attribute; run --shade-infer-ranges first}}
  %y = fhe.add_eint %x, %x : !fhe.eint<4>
  return %y : !fhe.eint<4>
}

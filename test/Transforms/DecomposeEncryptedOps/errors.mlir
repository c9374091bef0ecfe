// RUN: shade-opt --shade-infer-ranges --shade-decompose-encrypted-ops --split-input-file --verify-diagnostics %s
// RUN: shade-opt --shade-decompose-encrypted-ops --verify-diagnostics %S/Inputs/no-ranges.mlir

// a - b in [-3, 3] needs a signed class, which the width pass would give.
func.func @unsigned_difference(%a: !fhe.eint<2>, %b: !fhe.eint<2>) -> !fhe.eint<2> {
  // expected-error @+1 {{'fhe.max_eint' op decomposes into table inputs in [-3, 3], which its type '!fhe.eint<2>' [0, 3] cannot hold; run --shade-assign-bit-widths first}}
  %m = fhe.max_eint %a, %b : !fhe.eint<2>
  return %m : !fhe.eint<2>
}

// -----

// floor(15 / 4 + 1/2) = 4 does not fit 2 bits.
func.func @round_overflow(%x: !fhe.eint<4>) -> !fhe.eint<2> {
  // expected-error @+1 {{'fhe.round' op decomposes into table results in [0, 4], which its type '!fhe.eint<2>' [0, 3] cannot hold; run --shade-assign-bit-widths first}}
  %r = fhe.round %x : !fhe.eint<4> to !fhe.eint<2>
  return %r : !fhe.eint<2>
}

// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths --verify-diagnostics %s

// Without max-width, the limit is the largest width the parameter search can
// bootstrap.

// expected-error-re @+1 {{'func.func' op argument #0 needs 41 bits for range [0, 1099511627776]; the largest width Shade can bootstrap is {{[0-9]+}}}}
func.func @too_wide(%x: !fhe.eint<41> {fhe.range = array<i64: 0, 1099511627776>}) -> !fhe.eint<41> {
  return %x : !fhe.eint<41>
}

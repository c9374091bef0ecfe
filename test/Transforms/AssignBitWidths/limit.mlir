// RUN: shade-opt --shade-infer-ranges --shade-assign-bit-widths --split-input-file --verify-diagnostics %s | FileCheck %s

// Without max-width, a table reads at most the largest width the parameter
// search can bootstrap; a value that no table reads may be as wide as the
// encoding holds.

func.func @table_too_wide(%x: tensor<2x!fhe.eint<10>> {fhe.range = array<i64: 0, 1000>}) -> tensor<2x!fhe.eint<1>> {
  %t = arith.constant dense<1> : tensor<1024xi64>
  // expected-error-re @+1 {{'fhelinalg.apply_lookup_table' op reads values that need 10 bits (range [0, 1000]); the largest width Shade can bootstrap is {{[0-9]+}}}}
  %z = fhelinalg.apply_lookup_table %x, %t : (tensor<2x!fhe.eint<10>>, tensor<1024xi64>) -> tensor<2x!fhe.eint<1>>
  return %z : tensor<2x!fhe.eint<1>>
}

// -----

// CHECK-LABEL: func.func @levelled
// CHECK-SAME: (%{{.*}}: tensor<2x!fhe.eint<42>> {{.*}}) -> tensor<2x!fhe.eint<42>>
func.func @levelled(%x: tensor<2x!fhe.eint<8>> {fhe.range = array<i64: 0, 1099511627776>}) -> tensor<2x!fhe.eint<8>> {
  %y = fhelinalg.add_eint %x, %x : (tensor<2x!fhe.eint<8>>, tensor<2x!fhe.eint<8>>) -> tensor<2x!fhe.eint<8>>
  return %y : tensor<2x!fhe.eint<8>>
}

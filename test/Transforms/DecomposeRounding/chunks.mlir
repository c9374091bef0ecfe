// RUN: shade-opt --shade-decompose-rounding --split-input-file %s | FileCheck %s
// RUN: shade-opt --shade-decompose-rounding=chunk-width=2 --split-input-file %s | FileCheck %s --check-prefix=WIDTH2
// RUN: shade-opt --shade-decompose-rounding=single-set=true --split-input-file %s | FileCheck %s --check-prefix=SINGLE

// The quantized layer's rounding: a 16-bit accumulator, 10 bits cleared, the
// quotient read by a 6-bit table. Tables of 6 bits are there anyway, so the
// fewest bootstraps win: two chunks of 5 bits (two bootstraps of 4-bit
// tables each), 4 bootstraps per element and the activation. With tables of
// at most 2 bits, the 10 bits take 4 chunks (3, 3, 2, 2), 8 bootstraps.

// CHECK-LABEL: func.func @accumulator
// CHECK: fhelinalg.clear_low_bits %{{.*}} {bits = 10 : i64, chunks = array<i64: 5, 5>, fhe.range
// WIDTH2-LABEL: func.func @accumulator
// WIDTH2: fhelinalg.clear_low_bits %{{.*}} {bits = 10 : i64, chunks = array<i64: 3, 3, 2, 2>, fhe.range
func.func @accumulator(%acc: tensor<32x!fhe.esint<16>> {fhe.range = array<i64: -30000, 30000>}) -> tensor<32x!fhe.eint<4>> {
  %half = arith.constant {fhe.range = array<i64: 512, 512>} dense<512> : tensor<i64>
  %o = fhelinalg.add_eint_int %acc, %half {fhe.range = array<i64: -29488, 30512>} : (tensor<32x!fhe.esint<16>>, tensor<i64>) -> tensor<32x!fhe.esint<16>>
  %c = fhelinalg.clear_low_bits %o {bits = 10 : i64, fhe.range = array<i64: -29696, 30720>} : tensor<32x!fhe.esint<16>>
  %q = fhelinalg.rescale %c {fhe.range = array<i64: -29, 30>, shift = 10 : i64} : tensor<32x!fhe.esint<16>> -> tensor<32x!fhe.esint<6>>
  %n = fhelinalg.rescale %q {fhe.range = array<i64: 0, 59>, offset = 29 : i64, shift = 0 : i64} : tensor<32x!fhe.esint<6>> -> tensor<32x!fhe.eint<6>>
  %t = arith.constant {fhe.range = array<i64: 0, 15>} dense<15> : tensor<64xi64>
  %r = fhelinalg.apply_lookup_table %n, %t {fhe.range = array<i64: 0, 15>} : (tensor<32x!fhe.eint<6>>, tensor<64xi64>) -> tensor<32x!fhe.eint<4>>
  return %r : tensor<32x!fhe.eint<4>>
}

// -----

// A value that a table can read, in a function with another 8-bit table.
// With one set per partition, each option is costed on its own: one chunk
// of 2 bits (two 1-bit tables) and the 6-bit table of the quotient cost far
// less than one 8-bit table. With one set for the whole program the 8-bit
// tables are there anyway: one table on the unrounded value costs less than
// clearing bits and reading the quotient, so the offset, the clearing, the
// rescale and the table become that table: entry x is relu(round(x / 4))
// for x in [0, 200].

// CHECK-LABEL: func.func @one_table
// CHECK: fhelinalg.clear_low_bits %{{.*}} {bits = 2 : i64, chunks = array<i64: 2>
// SINGLE-LABEL: func.func @one_table
// SINGLE-NOT: clear_low_bits
// SINGLE: %[[T:.*]] = arith.constant {fhe.range = array<i64: 0, 50>} dense<"0x0000000000000000000000000000000001000000000000000100000000000000010000000000000001000000000000000200
// SINGLE: %[[R:.*]] = fhelinalg.apply_lookup_table %arg0, %[[T]] {fhe.range = array<i64: 0, 50>} : (tensor<4x!fhe.eint<8>>, tensor<256xi64>) -> tensor<4x!fhe.eint<6>>
// SINGLE: return %[[R]], %{{.*}}
func.func @one_table(%x: tensor<4x!fhe.eint<8>> {fhe.range = array<i64: 0, 200>}, %y: tensor<4x!fhe.eint<8>> {fhe.range = array<i64: 0, 255>}) -> (tensor<4x!fhe.eint<6>>, tensor<4x!fhe.eint<1>>) {
  %half = arith.constant {fhe.range = array<i64: 2, 2>} dense<2> : tensor<i64>
  %o = fhelinalg.add_eint_int %x, %half {fhe.range = array<i64: 2, 202>} : (tensor<4x!fhe.eint<8>>, tensor<i64>) -> tensor<4x!fhe.eint<8>>
  %c = fhelinalg.clear_low_bits %o {bits = 2 : i64, fhe.range = array<i64: 0, 200>} : tensor<4x!fhe.eint<8>>
  %q = fhelinalg.rescale %c {fhe.range = array<i64: 0, 50>, shift = 2 : i64} : tensor<4x!fhe.eint<8>> -> tensor<4x!fhe.eint<6>>
  %t = arith.constant {fhe.range = array<i64: 0, 50>} dense<[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]> : tensor<64xi64>
  %r = fhelinalg.apply_lookup_table %q, %t {fhe.range = array<i64: 0, 50>} : (tensor<4x!fhe.eint<6>>, tensor<64xi64>) -> tensor<4x!fhe.eint<6>>
  // Another 8-bit table in the function.
  %u = arith.constant {fhe.range = array<i64: 0, 1>} dense<1> : tensor<256xi64>
  %v = fhelinalg.apply_lookup_table %y, %u {fhe.range = array<i64: 0, 1>} : (tensor<4x!fhe.eint<8>>, tensor<256xi64>) -> tensor<4x!fhe.eint<1>>
  return %r, %v : tensor<4x!fhe.eint<6>>, tensor<4x!fhe.eint<1>>
}

// -----

// Chunks set by hand are kept.

// CHECK-LABEL: func.func @given
// CHECK: fhelinalg.clear_low_bits %{{.*}} {bits = 4 : i64, chunks = array<i64: 1, 3>}
func.func @given(%x: tensor<4x!fhe.esint<12>> {fhe.range = array<i64: -2000, 2000>}) -> tensor<4x!fhe.esint<12>> {
  %c = fhelinalg.clear_low_bits %x {bits = 4 : i64, chunks = array<i64: 1, 3>} : tensor<4x!fhe.esint<12>>
  return %c : tensor<4x!fhe.esint<12>>
}

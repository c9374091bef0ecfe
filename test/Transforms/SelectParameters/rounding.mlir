// RUN: shade-opt %s --shade-select-parameters | FileCheck %s

// Clearing 10 bits of a 16-bit accumulator in two chunks of 5 bits is four
// bootstraps of 4-bit tables per element: 4 x 32, then the 5-bit activation
// 32 times. The approximate rounding of y to 6 bits is one 6-bit bootstrap
// per element (8), decided at 5 bits of precision; its probability of
// giving the neighbour of the exact rounding is reported.

// The extraction bootstraps run at a set of their own (N = 2048, whose
// output is precise enough for the 16-bit accumulator they correct), the
// activation and the approximate rounding at others.
// CHECK: fhe.statistics = {approximate_roundings = 8 : i64, bootstraps = 168 : i64, bootstraps_by_set = {"0" = 128 : i64, "1" = 32 : i64, "3" = 8 : i64}, bootstraps_by_width = {"4" = 128 : i64, "5" = 32 : i64, "6" = 8 : i64},
// CHECK-SAME: p_off_by_one = {{[0-9.eE+-]+}} : f64
// CHECK: fhelinalg.clear_low_bits {{.*}} fhe.p_error = {{.*}} : f64
// CHECK: fhelinalg.apply_lookup_table {{.*}} fhe.p_error = {{.*}} : f64
// CHECK: fhelinalg.apply_lookup_table {{.*}} fhe.p_error = {{.*}} : f64, fhe.p_off_by_one = {{.*}} : f64
func.func @rounding(%acc: tensor<32x!fhe.esint<16>>, %y: tensor<8x!fhe.esint<12>>) -> (tensor<32x!fhe.eint<4>>, tensor<8x!fhe.eint<4>>) {
  %c = fhelinalg.clear_low_bits %acc {bits = 10 : i64, chunks = array<i64: 5, 5>, fhe.norm2 = array<i64: 3136, 4>} : tensor<32x!fhe.esint<16>>
  %q = fhelinalg.rescale %c {fhe.norm2 = array<i64: 3136, 4>, shift = 10 : i64} : tensor<32x!fhe.esint<16>> -> tensor<32x!fhe.esint<6>>
  %n = fhelinalg.rescale %q {fhe.norm2 = array<i64: 3136, 4>, offset = 29 : i64, shift = 0 : i64} : tensor<32x!fhe.esint<6>> -> tensor<32x!fhe.eint<5>>
  %t = arith.constant dense<15> : tensor<32xi64>
  %r = fhelinalg.apply_lookup_table %n, %t {fhe.norm2 = array<i64: 0, 1>} : (tensor<32x!fhe.eint<5>>, tensor<32xi64>) -> tensor<32x!fhe.eint<4>>
  %a = fhelinalg.rescale %y {approximate, fhe.norm2 = array<i64: 100, 0>, shift = 6 : i64} : tensor<8x!fhe.esint<12>> -> tensor<8x!fhe.esint<6>>
  %u = arith.constant dense<1> : tensor<64xi64>
  %s = fhelinalg.apply_lookup_table %a, %u {fhe.norm2 = array<i64: 0, 1>} : (tensor<8x!fhe.esint<6>>, tensor<64xi64>) -> tensor<8x!fhe.eint<4>>
  return %r, %s : tensor<32x!fhe.eint<4>>, tensor<8x!fhe.eint<4>>
}

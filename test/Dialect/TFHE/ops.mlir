// RUN: shade-opt %s | shade-opt | FileCheck %s
// RUN: shade-opt %s -mlir-print-op-generic | shade-opt | FileCheck %s

// CHECK-LABEL: func.func @types
// CHECK-SAME: !tfhe.lwe<1>
// CHECK-SAME: !tfhe.lwe<63, signed>
// CHECK-SAME: !tfhe.lwe<4, dim = 742>
// CHECK-SAME: !tfhe.lwe<4, signed, dim = 2048>
// CHECK-SAME: tensor<2x?x!tfhe.lwe<7, signed, dim = 1>>
func.func @types(%a: !tfhe.lwe<1>, %b: !tfhe.lwe<63, signed>,
                 %c: !tfhe.lwe<4, dim = 742>,
                 %d: !tfhe.lwe<4, signed, dim = 2048>,
                 %e: tensor<2x?x!tfhe.lwe<7, signed, dim = 1>>) {
  return
}

// CHECK-LABEL: func.func @zero
func.func @zero() -> (!tfhe.lwe<4, dim = 742>, tensor<2x3x!tfhe.lwe<4, signed>>) {
  // CHECK: tfhe.zero : !tfhe.lwe<4, dim = 742>
  %0 = tfhe.zero : !tfhe.lwe<4, dim = 742>
  // CHECK: tfhe.zero : tensor<2x3x!tfhe.lwe<4, signed>>
  %1 = tfhe.zero : tensor<2x3x!tfhe.lwe<4, signed>>
  return %0, %1 : !tfhe.lwe<4, dim = 742>, tensor<2x3x!tfhe.lwe<4, signed>>
}

// CHECK-LABEL: func.func @encode
func.func @encode(%m: i8, %ms: tensor<3xi8>, %wide: i128) -> (i64, tensor<3xi64>, i64) {
  // CHECK: tfhe.encode %{{.*}} width 4 : i8 -> i64
  %0 = tfhe.encode %m width 4 : i8 -> i64
  // CHECK: tfhe.encode %{{.*}} width 4 signed : tensor<3xi8> -> tensor<3xi64>
  %1 = tfhe.encode %ms width 4 signed : tensor<3xi8> -> tensor<3xi64>
  // CHECK: tfhe.encode %{{.*}} width 63 : i128 -> i64
  %2 = tfhe.encode %wide width 63 : i128 -> i64
  return %0, %1, %2 : i64, tensor<3xi64>, i64
}

// CHECK-LABEL: func.func @encode_table
func.func @encode_table(%t: tensor<4xi8>, %ts: tensor<5x4xi3>) -> (tensor<4xi64>, tensor<5x4xi64>) {
  // CHECK: tfhe.encode_table %{{.*}} width 3 : tensor<4xi8> -> tensor<4xi64>
  %0 = tfhe.encode_table %t width 3 : tensor<4xi8> -> tensor<4xi64>
  // CHECK: tfhe.encode_table %{{.*}} width 3 signed : tensor<5x4xi3> -> tensor<5x4xi64>
  %1 = tfhe.encode_table %ts width 3 signed : tensor<5x4xi3> -> tensor<5x4xi64>
  return %0, %1 : tensor<4xi64>, tensor<5x4xi64>
}

// CHECK-LABEL: func.func @add_plaintext
func.func @add_plaintext(%ct: !tfhe.lwe<4, dim = 742>, %p: i64,
                         %cts: tensor<3x!tfhe.lwe<4>>, %ps: tensor<3xi64>)
    -> (!tfhe.lwe<4, dim = 742>, tensor<3x!tfhe.lwe<4>>) {
  // CHECK: tfhe.add_plaintext %{{.*}}, %{{.*}} : !tfhe.lwe<4, dim = 742>, i64
  %0 = tfhe.add_plaintext %ct, %p : !tfhe.lwe<4, dim = 742>, i64
  // CHECK: tfhe.add_plaintext %{{.*}}, %{{.*}} : tensor<3x!tfhe.lwe<4>>, tensor<3xi64>
  %1 = tfhe.add_plaintext %cts, %ps : tensor<3x!tfhe.lwe<4>>, tensor<3xi64>
  return %0, %1 : !tfhe.lwe<4, dim = 742>, tensor<3x!tfhe.lwe<4>>
}

// CHECK-LABEL: func.func @add_sub_neg
func.func @add_sub_neg(%a: !tfhe.lwe<4, signed, dim = 742>,
                       %b: !tfhe.lwe<4, signed, dim = 742>,
                       %as: tensor<2x3x!tfhe.lwe<5>>,
                       %bs: tensor<2x3x!tfhe.lwe<5>>)
    -> (!tfhe.lwe<4, signed, dim = 742>, tensor<2x3x!tfhe.lwe<5>>) {
  // CHECK: %[[ADD:.*]] = tfhe.add %{{.*}}, %{{.*}} : !tfhe.lwe<4, signed, dim = 742>
  %0 = tfhe.add %a, %b : !tfhe.lwe<4, signed, dim = 742>
  // CHECK: %[[SUB:.*]] = tfhe.sub %[[ADD]], %{{.*}} : !tfhe.lwe<4, signed, dim = 742>
  %1 = tfhe.sub %0, %b : !tfhe.lwe<4, signed, dim = 742>
  // CHECK: tfhe.neg %[[SUB]] : !tfhe.lwe<4, signed, dim = 742>
  %2 = tfhe.neg %1 : !tfhe.lwe<4, signed, dim = 742>
  // CHECK: %[[ADDS:.*]] = tfhe.add %{{.*}}, %{{.*}} : tensor<2x3x!tfhe.lwe<5>>
  %3 = tfhe.add %as, %bs : tensor<2x3x!tfhe.lwe<5>>
  // CHECK: %[[SUBS:.*]] = tfhe.sub %[[ADDS]], %{{.*}} : tensor<2x3x!tfhe.lwe<5>>
  %4 = tfhe.sub %3, %bs : tensor<2x3x!tfhe.lwe<5>>
  // CHECK: tfhe.neg %[[SUBS]] : tensor<2x3x!tfhe.lwe<5>>
  %5 = tfhe.neg %4 : tensor<2x3x!tfhe.lwe<5>>
  return %2, %5 : !tfhe.lwe<4, signed, dim = 742>, tensor<2x3x!tfhe.lwe<5>>
}

// CHECK-LABEL: func.func @mul_int
func.func @mul_int(%ct: !tfhe.lwe<4, dim = 742>, %c: i64,
                   %cts: tensor<?x!tfhe.lwe<4>>, %cs: tensor<?xi64>)
    -> (!tfhe.lwe<4, dim = 742>, tensor<?x!tfhe.lwe<4>>) {
  // CHECK: tfhe.mul_int %{{.*}}, %{{.*}} : !tfhe.lwe<4, dim = 742>, i64
  %0 = tfhe.mul_int %ct, %c : !tfhe.lwe<4, dim = 742>, i64
  // CHECK: tfhe.mul_int %{{.*}}, %{{.*}} : tensor<?x!tfhe.lwe<4>>, tensor<?xi64>
  %1 = tfhe.mul_int %cts, %cs : tensor<?x!tfhe.lwe<4>>, tensor<?xi64>
  return %0, %1 : !tfhe.lwe<4, dim = 742>, tensor<?x!tfhe.lwe<4>>
}

// CHECK-LABEL: func.func @keyswitch
func.func @keyswitch(%ct: !tfhe.lwe<4, signed, dim = 2048>,
                     %cts: tensor<3x!tfhe.lwe<4, dim = 2048>>,
                     %unparametrized: !tfhe.lwe<4>)
    -> (!tfhe.lwe<4, signed, dim = 742>, tensor<3x!tfhe.lwe<4, dim = 742>>, !tfhe.lwe<4>) {
  // CHECK: tfhe.keyswitch %{{.*}} {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>} : !tfhe.lwe<4, signed, dim = 2048> -> !tfhe.lwe<4, signed, dim = 742>
  %0 = tfhe.keyswitch %ct {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>}
      : !tfhe.lwe<4, signed, dim = 2048> -> !tfhe.lwe<4, signed, dim = 742>
  // The struct syntax takes the parameters in any order.
  // CHECK: tfhe.keyswitch %{{.*}} {key = #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>} : tensor<3x!tfhe.lwe<4, dim = 2048>> -> tensor<3x!tfhe.lwe<4, dim = 742>>
  %1 = tfhe.keyswitch %cts {key = #tfhe.ksk<levels = 5, base_log = 3, output_dim = 742, input_dim = 2048>}
      : tensor<3x!tfhe.lwe<4, dim = 2048>> -> tensor<3x!tfhe.lwe<4, dim = 742>>
  // CHECK: tfhe.keyswitch %{{.*}} {key = #tfhe.ksk<input_dim = 1, output_dim = 1, base_log = 64, levels = 1>} : !tfhe.lwe<4> -> !tfhe.lwe<4>
  %2 = tfhe.keyswitch %unparametrized {key = #tfhe.ksk<input_dim = 1, output_dim = 1, base_log = 64, levels = 1>}
      : !tfhe.lwe<4> -> !tfhe.lwe<4>
  return %0, %1, %2 : !tfhe.lwe<4, signed, dim = 742>, tensor<3x!tfhe.lwe<4, dim = 742>>, !tfhe.lwe<4>
}

// CHECK-LABEL: func.func @bootstrap
func.func @bootstrap(%ct: !tfhe.lwe<2, dim = 742>, %table: tensor<4xi64>,
                     %cts: tensor<5x!tfhe.lwe<2, signed, dim = 742>>,
                     %tables: tensor<5x4xi64>,
                     %unparametrized: !tfhe.lwe<1>, %small: tensor<2xi64>)
    -> (!tfhe.lwe<3, dim = 2048>, tensor<5x!tfhe.lwe<3, signed, dim = 2048>>,
        tensor<5x!tfhe.lwe<2, dim = 2048>>, !tfhe.lwe<6>) {
  // CHECK: tfhe.bootstrap %{{.*}}, %{{.*}} {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (!tfhe.lwe<2, dim = 742>, tensor<4xi64>) -> !tfhe.lwe<3, dim = 2048>
  %0 = tfhe.bootstrap %ct, %table {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>}
      : (!tfhe.lwe<2, dim = 742>, tensor<4xi64>) -> !tfhe.lwe<3, dim = 2048>
  // One table per ciphertext.
  // CHECK: tfhe.bootstrap %{{.*}}, %{{.*}} {key = #tfhe.bsk<input_dim = 742, glwe_dim = 2, poly_size = 1024, base_log = 15, levels = 2>} : (tensor<5x!tfhe.lwe<2, signed, dim = 742>>, tensor<5x4xi64>) -> tensor<5x!tfhe.lwe<3, signed, dim = 2048>>
  %1 = tfhe.bootstrap %cts, %tables {key = #tfhe.bsk<input_dim = 742, glwe_dim = 2, poly_size = 1024, base_log = 15, levels = 2>}
      : (tensor<5x!tfhe.lwe<2, signed, dim = 742>>, tensor<5x4xi64>) -> tensor<5x!tfhe.lwe<3, signed, dim = 2048>>
  // One table shared by all ciphertexts.
  // CHECK: tfhe.bootstrap %{{.*}}, %{{.*}} {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<5x!tfhe.lwe<2, signed, dim = 742>>, tensor<4xi64>) -> tensor<5x!tfhe.lwe<2, dim = 2048>>
  %2 = tfhe.bootstrap %cts, %table {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>}
      : (tensor<5x!tfhe.lwe<2, signed, dim = 742>>, tensor<4xi64>) -> tensor<5x!tfhe.lwe<2, dim = 2048>>
  // CHECK: tfhe.bootstrap %{{.*}}, %{{.*}} {key = #tfhe.bsk<input_dim = 1, glwe_dim = 1, poly_size = 1, base_log = 1, levels = 64>} : (!tfhe.lwe<1>, tensor<2xi64>) -> !tfhe.lwe<6>
  %3 = tfhe.bootstrap %unparametrized, %small {key = #tfhe.bsk<input_dim = 1, glwe_dim = 1, poly_size = 1, base_log = 1, levels = 64>}
      : (!tfhe.lwe<1>, tensor<2xi64>) -> !tfhe.lwe<6>
  return %0, %1, %2, %3 : !tfhe.lwe<3, dim = 2048>, tensor<5x!tfhe.lwe<3, signed, dim = 2048>>,
                          tensor<5x!tfhe.lwe<2, dim = 2048>>, !tfhe.lwe<6>
}

// CHECK-LABEL: func.func @gather_bootstrap
func.func @gather_bootstrap(%cts: tensor<2x!tfhe.lwe<2, dim = 742>>, %tables: tensor<3x4xi64>)
    -> tensor<4x!tfhe.lwe<3, signed, dim = 2048>> {
  // CHECK: tfhe.gather_bootstrap %{{.*}}[0, 0, 1, 1], %{{.*}}[2, 0, 1, 2] {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>} : (tensor<2x!tfhe.lwe<2, dim = 742>>, tensor<3x4xi64>) -> tensor<4x!tfhe.lwe<3, signed, dim = 2048>>
  %0 = tfhe.gather_bootstrap %cts[0, 0, 1, 1], %tables[2, 0, 1, 2] {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>}
      : (tensor<2x!tfhe.lwe<2, dim = 742>>, tensor<3x4xi64>) -> tensor<4x!tfhe.lwe<3, signed, dim = 2048>>
  return %0 : tensor<4x!tfhe.lwe<3, signed, dim = 2048>>
}

// The standard deviations print as the shortest decimal that parses back to
// the same double.
// CHECK-LABEL: func.func @parameters
// CHECK-SAME: attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 771, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 6.9245138372530914E-6, glwe_noise_std = 2.1684043449710089E-19, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>}
func.func @parameters() attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 771, glwe_dim = 1, poly_size = 2048, lwe_noise_std = 6.9245138372530914E-6, glwe_noise_std = 2.1684043449710089E-19, pbs_base_log = 23, pbs_levels = 1, ks_base_log = 3, ks_levels = 5>} {
  return
}

// RUN: shade-opt --shade-infer-ranges %s | FileCheck %s

// Clear run-time computations (the importer's clear graph inputs). Clear
// integers are two's complement, i1 included: true is -1.

// CHECK-LABEL: func.func @arith
func.func @arith(%a: tensor<3xi64> {fhe.range = array<i64: -4, 6>},
                 %b: tensor<3xi64> {fhe.range = array<i64: 2, 3>})
    -> tensor<3xi64> {
  // CHECK: arith.addi {{.*}} {fhe.range = array<i64: -2, 9>}
  %0 = arith.addi %a, %b : tensor<3xi64>
  // CHECK: arith.subi {{.*}} {fhe.range = array<i64: -7, 4>}
  %1 = arith.subi %a, %b : tensor<3xi64>
  // CHECK: arith.muli {{.*}} {fhe.range = array<i64: -12, 18>}
  %2 = arith.muli %a, %b : tensor<3xi64>
  // CHECK: arith.maxsi {{.*}} {fhe.range = array<i64: 2, 6>}
  %3 = arith.maxsi %a, %b : tensor<3xi64>
  // CHECK: arith.minsi {{.*}} {fhe.range = array<i64: -4, 3>}
  %4 = arith.minsi %a, %b : tensor<3xi64>
  // floor(-4 / 2) = -2, floor(6 / 2) = 3.
  // CHECK: arith.floordivsi {{.*}} {fhe.range = array<i64: -2, 3>}
  %5 = arith.floordivsi %a, %b : tensor<3xi64>
  // CHECK: arith.shli {{.*}} {fhe.range = array<i64: -32, 48>}
  %6 = arith.shli %a, %b : tensor<3xi64>
  // CHECK: arith.shrsi {{.*}} {fhe.range = array<i64: -1, 1>}
  %7 = arith.shrsi %a, %b : tensor<3xi64>
  // a < b is undecided; a < b + 10 always holds.
  // CHECK: arith.cmpi slt, {{.*}} {fhe.range = array<i64: -1, 0>}
  %lt = arith.cmpi slt, %a, %b : tensor<3xi64>
  %ten = arith.constant dense<10> : tensor<3xi64>
  %far = arith.addi %b, %ten : tensor<3xi64>
  // CHECK: arith.cmpi slt, {{.*}} {fhe.range = array<i64: -1, -1>}
  %always = arith.cmpi slt, %a, %far : tensor<3xi64>
  // CHECK: arith.select {{.*}} {fhe.range = array<i64: -4, 6>}
  %8 = arith.select %lt, %a, %b : tensor<3xi1>, tensor<3xi64>
  // CHECK: arith.select {{.*}} {fhe.range = array<i64: 12, 13>}
  %9 = arith.select %always, %far, %a : tensor<3xi1>, tensor<3xi64>
  // CHECK: arith.extui {{.*}} {fhe.range = array<i64: 0, 1>}
  %10 = arith.extui %lt : tensor<3xi1> to tensor<3xi64>
  return %10 : tensor<3xi64>
}

// CHECK-LABEL: func.func @tensors
func.func @tensors(%a: tensor<2xi64> {fhe.range = array<i64: 0, 5>}) -> tensor<2x3xi64> {
  // The elements of an empty tensor are undefined: anything of the type.
  // CHECK: tensor.empty() {fhe.range = array<i64: -128, 127>}
  %init = tensor.empty() : tensor<2x3xi8>
  %initWide = tensor.empty() : tensor<2x3xi64>
  // CHECK: linalg.broadcast {{.*}} {fhe.range = array<i64: 0, 5>}
  %b = linalg.broadcast ins(%a : tensor<2xi64>) outs(%initWide : tensor<2x3xi64>) dimensions = [1]
  %k = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %kt0 = tensor.empty() : tensor<3x2xi64>
  %t = linalg.transpose ins(%k : tensor<2x3xi64>) outs(%kt0 : tensor<3x2xi64>) permutation = [1, 0]
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // t[1, 0] = k[0, 1] = 2.
  // CHECK: tensor.extract {{.*}} {fhe.range = array<i64: 2, 2>}
  %e = tensor.extract %t[%c1, %c0] : tensor<3x2xi64>
  // CHECK: tensor.concat {{.*}} {fhe.range = array<i64: 1, 6>}
  %cat = tensor.concat dim(0) %k, %k : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<4x3xi64>
  return %b : tensor<2x3xi64>
}

// RUN: shade-opt --shade-fuse-elementwise-kernels --split-input-file %s | FileCheck %s
// RUN: shade-opt --shade-fuse-elementwise-kernels="max-body-ops=3" --split-input-file %s | FileCheck %s --check-prefix=BOUND

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A bias added to every word, then a constant added: one loop nest. Each
// body holds at least an addition and its yield, 4 operations together:
// above a bound of 3, the two stay apart.

// CHECK-LABEL: func.func @chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: arith.addi
// CHECK: arith.addi
// CHECK: linalg.yield
// BOUND-LABEL: func.func @chain
// BOUND-COUNT-2: linalg.generic
func.func @chain(%x: tensor<4x9xi64>, %bias: tensor<4xi64>) -> tensor<4x9xi64> {
  %e = tensor.empty() : tensor<4x9xi64>
  %0 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %bias : tensor<4x9xi64>, tensor<4xi64>) outs(%e : tensor<4x9xi64>) {
  ^bb0(%a: i64, %b: i64, %out: i64):
    %s = arith.addi %a, %b : i64
    linalg.yield %s : i64
  } -> tensor<4x9xi64>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%0 : tensor<4x9xi64>) outs(%e : tensor<4x9xi64>) {
  ^bb0(%a: i64, %out: i64):
    %c = arith.constant 4611686018427387904 : i64
    %s = arith.addi %a, %c : i64
    linalg.yield %s : i64
  } -> tensor<4x9xi64>
  return %1 : tensor<4x9xi64>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// A producer with another user stays apart: fusing would compute it twice.

// CHECK-LABEL: func.func @shared
// CHECK: %[[P:.*]] = linalg.generic {{.*}} ins(%arg0 :
// CHECK: linalg.generic {{.*}} ins(%[[P]] :
func.func @shared(%x: tensor<4x9xi64>) -> (tensor<4x9xi64>, tensor<4x9xi64>) {
  %e = tensor.empty() : tensor<4x9xi64>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x9xi64>) outs(%e : tensor<4x9xi64>) {
  ^bb0(%a: i64, %out: i64):
    %s = arith.addi %a, %a : i64
    linalg.yield %s : i64
  } -> tensor<4x9xi64>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%0 : tensor<4x9xi64>) outs(%e : tensor<4x9xi64>) {
  ^bb0(%a: i64, %out: i64):
    %s = arith.muli %a, %a : i64
    linalg.yield %s : i64
  } -> tensor<4x9xi64>
  return %0, %1 : tensor<4x9xi64>, tensor<4x9xi64>
}

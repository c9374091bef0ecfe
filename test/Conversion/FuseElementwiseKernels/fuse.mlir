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

// -----

// A matmul accumulating into a zero fill starts from zero in its body, at the
// first step of its reduction dimension: no fill kernel and no pass over the
// buffer before it. A fill that something else reads stays.

#lhs = affine_map<(d0, d1, d2) -> (d0, d2)>
#rhs = affine_map<(d0, d1, d2) -> (d2, d1)>
#acc = affine_map<(d0, d1, d2) -> (d0, d1)>

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xi64>, %[[B:.*]]: tensor<3x4xi64>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[EMPTY:.*]] = tensor.empty() : tensor<2x4xi64>
// CHECK-NOT: linalg.fill
// CHECK: linalg.generic {{.*}} ins(%[[A]], %[[B]] : tensor<2x3xi64>, tensor<3x4xi64>) outs(%[[EMPTY]] : tensor<2x4xi64>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: i64, %[[Y:.*]]: i64, %[[OUT:.*]]: i64):
// CHECK-NEXT: %[[K:.*]] = linalg.index 2 : index
// CHECK-NEXT: %[[FIRST:.*]] = arith.cmpi eq, %[[K]], %[[C0]] : index
// CHECK-NEXT: %[[START:.*]] = arith.select %[[FIRST]], %[[ZERO]], %[[OUT]] : i64
// CHECK-NEXT: %[[P:.*]] = arith.muli %[[X]], %[[Y]] : i64
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[START]], %[[P]] : i64
// CHECK-NEXT: linalg.yield %[[S]] : i64
// CHECK: func.func @shared_fill
// CHECK: linalg.fill
func.func @matmul(%a: tensor<2x3xi64>, %b: tensor<3x4xi64>) -> tensor<2x4xi64> {
  %zero = arith.constant 0 : i64
  %e = tensor.empty() : tensor<2x4xi64>
  %f = linalg.fill ins(%zero : i64) outs(%e : tensor<2x4xi64>) -> tensor<2x4xi64>
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<2x3xi64>, tensor<3x4xi64>) outs(%f : tensor<2x4xi64>) {
  ^bb0(%x: i64, %y: i64, %out: i64):
    %p = arith.muli %x, %y : i64
    %s = arith.addi %out, %p : i64
    linalg.yield %s : i64
  } -> tensor<2x4xi64>
  return %r : tensor<2x4xi64>
}

func.func @shared_fill(%a: tensor<2x3xi64>, %b: tensor<3x4xi64>) -> (tensor<2x4xi64>, tensor<2x4xi64>) {
  %zero = arith.constant 0 : i64
  %e = tensor.empty() : tensor<2x4xi64>
  %f = linalg.fill ins(%zero : i64) outs(%e : tensor<2x4xi64>) -> tensor<2x4xi64>
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #acc], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<2x3xi64>, tensor<3x4xi64>) outs(%f : tensor<2x4xi64>) {
  ^bb0(%x: i64, %y: i64, %out: i64):
    %p = arith.muli %x, %y : i64
    %s = arith.addi %out, %p : i64
    linalg.yield %s : i64
  } -> tensor<2x4xi64>
  return %r, %f : tensor<2x4xi64>, tensor<2x4xi64>
}

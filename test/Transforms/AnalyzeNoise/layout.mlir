// RUN: shade-opt %s --shade-analyze-noise | FileCheck %s

// Data movement keeps the norms (the largest of its inputs); it keeps the
// elements independent unless it repeats one that has sources.
// CHECK-LABEL: func.func @layout
func.func @layout(%x: tensor<2x3x!fhe.eint<5>>, %y: tensor<2x3x!fhe.eint<5>>) -> (!fhe.eint<5>, !fhe.eint<5>) {
  %c = arith.constant dense<3> : tensor<1xi8>
  %x3 = fhelinalg.mul_eint_int %x, %c : (tensor<2x3x!fhe.eint<5>>, tensor<1xi8>) -> tensor<2x3x!fhe.eint<5>>
  // CHECK: fhelinalg.transpose %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %0 = fhelinalg.transpose %x3 : tensor<2x3x!fhe.eint<5>> -> tensor<3x2x!fhe.eint<5>>
  // CHECK: tensor.collapse_shape %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %1 = tensor.collapse_shape %0 [[0, 1]] : tensor<3x2x!fhe.eint<5>> into tensor<6x!fhe.eint<5>>
  // CHECK: tensor.expand_shape %{{.*}} {fhe.norm2 = array<i64: 1, 0>}
  %2 = tensor.expand_shape %y [[0], [1, 2]] output_shape [2, 3, 1] : tensor<2x3x!fhe.eint<5>> into tensor<2x3x1x!fhe.eint<5>>
  // CHECK: tensor.extract_slice %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %3 = tensor.extract_slice %1[0] [4] [1] : tensor<6x!fhe.eint<5>> to tensor<4x!fhe.eint<5>>
  // CHECK: tensor.collapse_shape %{{.*}} {fhe.norm2 = array<i64: 1, 0>}
  %4 = tensor.collapse_shape %2 [[0, 1, 2]] : tensor<2x3x1x!fhe.eint<5>> into tensor<6x!fhe.eint<5>>
  // CHECK: fhelinalg.concat %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 9, 0>}
  %5 = fhelinalg.concat %3, %4 : (tensor<4x!fhe.eint<5>>, tensor<6x!fhe.eint<5>>) -> tensor<10x!fhe.eint<5>>
  // Independent elements of disjoint sources: 4 * 9 + 6 * 1.
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 90, 0>}
  %6 = fhelinalg.sum %5 : tensor<10x!fhe.eint<5>> -> !fhe.eint<5>
  %i = arith.constant 1 : index
  // CHECK: tensor.extract %{{.*}} {fhe.norm2 = array<i64: 1, 0>}
  %7 = tensor.extract %4[%i] : tensor<6x!fhe.eint<5>>
  // CHECK: tensor.from_elements %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 1, 0>}
  %8 = tensor.from_elements %7, %7 : tensor<2x!fhe.eint<5>>
  // The same element twice: (1 + 1)^2.
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 4, 0>}
  %9 = fhelinalg.sum %8 : tensor<2x!fhe.eint<5>> -> !fhe.eint<5>
  return %6, %9 : !fhe.eint<5>, !fhe.eint<5>
}

// CHECK-LABEL: func.func @insert
func.func @insert(%x: tensor<4x!fhe.eint<5>>, %y: !fhe.eint<5>, %z: tensor<2x!fhe.eint<5>>) -> (!fhe.eint<5>, !fhe.eint<5>) {
  %i = arith.constant 0 : index
  %c = arith.constant 2 : i8
  %y2 = fhe.mul_eint_int %y, %c : (!fhe.eint<5>, i8) -> !fhe.eint<5>
  // CHECK: tensor.insert %{{.*}} into %{{.*}} {fhe.norm2 = array<i64: 4, 0>}
  %0 = tensor.insert %y2 into %x[%i] : tensor<4x!fhe.eint<5>>
  // CHECK: tensor.insert_slice %{{.*}} into %{{.*}} {fhe.norm2 = array<i64: 4, 0>}
  %1 = tensor.insert_slice %z into %0[2] [2] [1] : tensor<2x!fhe.eint<5>> into tensor<4x!fhe.eint<5>>
  // Disjoint sources, independent elements: a bound of 4 per element.
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 16, 0>}
  %2 = fhelinalg.sum %1 : tensor<4x!fhe.eint<5>> -> !fhe.eint<5>
  // Inserting an element of x into x makes its elements dependent.
  %3 = tensor.extract %x[%i] : tensor<4x!fhe.eint<5>>
  %j = arith.constant 1 : index
  %4 = tensor.insert %3 into %x[%j] : tensor<4x!fhe.eint<5>>
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 16, 0>}
  %5 = fhelinalg.sum %4 : tensor<4x!fhe.eint<5>> -> !fhe.eint<5>
  return %2, %5 : !fhe.eint<5>, !fhe.eint<5>
}

// A broadcast of a noiseless value repeats nothing that matters.
// CHECK-LABEL: func.func @noiseless
func.func @noiseless(%x: tensor<3x!fhe.eint<5>>) -> !fhe.eint<5> {
  %z = fhelinalg.zero : tensor<1x!fhe.eint<5>>
  %b = fhelinalg.broadcast %z : tensor<1x!fhe.eint<5>> -> tensor<3x!fhe.eint<5>>
  // CHECK: fhelinalg.add_eint %{{.*}}, %{{.*}} {fhe.norm2 = array<i64: 1, 0>}
  %s = fhelinalg.add_eint %x, %b : (tensor<3x!fhe.eint<5>>, tensor<3x!fhe.eint<5>>) -> tensor<3x!fhe.eint<5>>
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 3, 0>}
  %t = fhelinalg.sum %s : tensor<3x!fhe.eint<5>> -> !fhe.eint<5>
  return %t : !fhe.eint<5>
}

// Padding repeats its value: harmless for a trivial zero, not for a value
// with sources (x1 + x2 + 2y: (1 + 1 + 2)^2 bounds it).
// CHECK-LABEL: func.func @pad
func.func @pad(%x: tensor<2x!fhe.eint<5>>, %y: !fhe.eint<5>) -> (!fhe.eint<5>, !fhe.eint<5>) {
  %z = fhe.zero : !fhe.eint<5>
  // CHECK: tensor.pad
  // CHECK: } {fhe.norm2 = array<i64: 1, 0>}
  %0 = tensor.pad %x low[1] high[1] {
  ^bb0(%i: index):
    tensor.yield %z : !fhe.eint<5>
  } : tensor<2x!fhe.eint<5>> to tensor<4x!fhe.eint<5>>
  // The analysis keeps one norm per value, the largest: each of the four
  // terms counts for 1.
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 4, 0>}
  %1 = fhelinalg.sum %0 : tensor<4x!fhe.eint<5>> -> !fhe.eint<5>
  %2 = tensor.pad %x low[1] high[1] {
  ^bb0(%i: index):
    tensor.yield %y : !fhe.eint<5>
  } : tensor<2x!fhe.eint<5>> to tensor<4x!fhe.eint<5>>
  // CHECK: fhelinalg.sum %{{.*}} {fhe.norm2 = array<i64: 16, 0>}
  %3 = fhelinalg.sum %2 : tensor<4x!fhe.eint<5>> -> !fhe.eint<5>
  return %1, %3 : !fhe.eint<5>, !fhe.eint<5>
}

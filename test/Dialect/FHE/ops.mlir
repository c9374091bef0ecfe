// RUN: shade-opt %s | shade-opt | FileCheck %s

// CHECK-LABEL: func.func @zero
func.func @zero() -> !fhe.eint<4> {
  // CHECK: fhe.zero : !fhe.eint<4>
  %0 = fhe.zero : !fhe.eint<4>
  return %0 : !fhe.eint<4>
}

// RUN: shade-opt %s --shade-select-parameters="p-error=0" -verify-diagnostics

// expected-error @+1 {{the failure probability bound must be in (0, 1), got 0}}
module {
  func.func @f(%x: !fhe.eint<2>) -> !fhe.eint<2> {
    return %x : !fhe.eint<2>
  }
}

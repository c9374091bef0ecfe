// RUN: shade-opt %s --shade-select-parameters="security-bits=80" -verify-diagnostics

// expected-error @+1 {{no security curve for 80 bits; supported: 128}}
module {
  func.func @f(%x: !fhe.eint<2>) -> !fhe.eint<2> {
    return %x : !fhe.eint<2>
  }
}

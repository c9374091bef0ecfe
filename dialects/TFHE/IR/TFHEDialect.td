#ifndef SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_TD
#define SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_TD

include "mlir/IR/OpBase.td"

def TFHE_Dialect : Dialect {
  let name = "tfhe";
  let cppNamespace = "::shade::tfhe";
  let summary = "TODO";
}

#endif // SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_TD

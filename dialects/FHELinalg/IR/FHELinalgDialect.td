#ifndef SHADE_DIALECTS_FHELINALG_IR_FHELINALGDIALECT_TD
#define SHADE_DIALECTS_FHELINALG_IR_FHELINALGDIALECT_TD

include "mlir/IR/OpBase.td"

def FHELinalg_Dialect : Dialect {
  let name = "fhelinalg";
  let cppNamespace = "::shade::fhelinalg";
  let summary = "TODO";
}

#endif // SHADE_DIALECTS_FHELINALG_IR_FHELINALGDIALECT_TD

#ifndef SHADE_DIALECTS_FHE_IR_FHEDIALECT_TD
#define SHADE_DIALECTS_FHE_IR_FHEDIALECT_TD

include "mlir/IR/OpBase.td"

def FHE_Dialect : Dialect {
  let name = "fhe";
  let cppNamespace = "::shade::fhe";
  let summary = "Encrypted integers and the operations on them";
  let description = [{
    The `fhe` dialect describes a program on encrypted integers without any
    cryptographic detail. An encrypted value has a message width `w` in bits
    and a signedness; the compiler picks these from the value's range. Clear
    operands are ordinary signless integers. Operations are either levelled
    (additions, multiplications by clear integers: cheap, they only add
    noise) or lookup tables (`apply_lookup_table` and the ops lowered to
    it: each costs one programmable bootstrap).
  }];
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
}

#endif // SHADE_DIALECTS_FHE_IR_FHEDIALECT_TD

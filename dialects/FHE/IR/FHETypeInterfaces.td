#ifndef SHADE_DIALECTS_FHE_IR_FHETYPEINTERFACES_TD
#define SHADE_DIALECTS_FHE_IR_FHETYPEINTERFACES_TD

include "mlir/IR/OpBase.td"

def FHE_EncryptedIntegerTypeInterface : TypeInterface<"EncryptedIntegerType"> {
  let cppNamespace = "::shade::fhe";
  let description = [{
    An encrypted integer of a known width and signedness, whichever of
    `!fhe.eint` and `!fhe.esint` it is.
  }];
  let methods = [
    InterfaceMethod<"The message width in bits.", "unsigned", "getWidth">,
    InterfaceMethod<"Whether the integer is two's-complement signed.",
                    "bool", "isSigned">,
  ];
}

#endif // SHADE_DIALECTS_FHE_IR_FHETYPEINTERFACES_TD

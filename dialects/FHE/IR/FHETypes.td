#ifndef SHADE_DIALECTS_FHE_IR_FHETYPES_TD
#define SHADE_DIALECTS_FHE_IR_FHETYPES_TD

include "dialects/FHE/IR/FHEDialect.td"
include "dialects/FHE/IR/FHETypeInterfaces.td"
include "mlir/IR/AttrTypeBase.td"

def FHE_WidthParameter
    : AttrOrTypeParameter<"unsigned", "message width in bits, 1 to 63">;

class FHE_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<FHE_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def FHE_EncryptedUnsignedIntegerType : FHE_Type<"EncryptedUnsignedInteger", "eint",
    [DeclareTypeInterfaceMethods<FHE_EncryptedIntegerTypeInterface>]> {
  let summary = "an encrypted unsigned integer";
  let description = [{
    `!fhe.eint<w>` holds an encrypted integer in `[0, 2^w - 1]`. The width
    `w` is between 1 and 63 bits: the ciphertext keeps one padding bit above
    the message in a 64-bit torus element.

    Example: `!fhe.eint<4>` holds 0 to 15.
  }];
  let parameters = (ins FHE_WidthParameter:$width);
  let assemblyFormat = "`<` $width `>`";
  let genVerifyDecl = 1;
}

def FHE_EncryptedSignedIntegerType : FHE_Type<"EncryptedSignedInteger", "esint",
    [DeclareTypeInterfaceMethods<FHE_EncryptedIntegerTypeInterface>]> {
  let summary = "an encrypted signed integer";
  let description = [{
    `!fhe.esint<w>` holds an encrypted two's-complement integer in
    `[-2^(w-1), 2^(w-1) - 1]`, with `w` between 1 and 63 bits.

    Example: `!fhe.esint<4>` holds -8 to 7.
  }];
  let parameters = (ins FHE_WidthParameter:$width);
  let assemblyFormat = "`<` $width `>`";
  let genVerifyDecl = 1;
}

def FHE_AnyEncryptedInteger
    : Type<CPred<"::llvm::isa<::shade::fhe::EncryptedIntegerType>($_self)">,
           "an encrypted integer", "::shade::fhe::EncryptedIntegerType">;

#endif // SHADE_DIALECTS_FHE_IR_FHETYPES_TD

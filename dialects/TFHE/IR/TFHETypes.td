#ifndef SHADE_DIALECTS_TFHE_IR_TFHETYPES_TD
#define SHADE_DIALECTS_TFHE_IR_TFHETYPES_TD

include "dialects/TFHE/IR/TFHEDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/CommonTypeConstraints.td"

class TFHE_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<TFHE_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def TFHE_LweCiphertextType : TFHE_Type<"LweCiphertext", "lwe"> {
  let summary = "An LWE ciphertext of an encoded integer";
  let description = [{
    `!tfhe.lwe<w[, signed][, dim = n]>` is an LWE ciphertext holding a
    `w`-bit message (1 to 63 bits), unsigned unless `signed` is given, under
    the encoding described in the dialect overview: one padding bit, the
    message below it, `delta = 2^(63 - w)`. With `dim = n` (n > 0) the
    ciphertext is parametrized: it is `n + 1` torus elements (mask and
    body). Without it the parameters are not chosen yet, and operations do
    not check dimensions.

    Examples:

    ```mlir
    !tfhe.lwe<4>                     // unsigned, 0 .. 15, no parameters yet
    !tfhe.lwe<4, signed>             // signed, -8 .. 7, no parameters yet
    !tfhe.lwe<4, dim = 742>          // unsigned, 743 u64 elements
    !tfhe.lwe<4, signed, dim = 2048> // signed, 2049 u64 elements
    ```
  }];
  let parameters = (ins
    TypeParameter<"unsigned", "message width in bits, 1 to 63">:$width,
    TypeParameter<"bool", "whether the message is two's complement">:$isSigned,
    TypeParameter<"std::optional<unsigned>",
                  "LWE dimension n, absent before parameter selection">:$dimension);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Whether the LWE dimension is chosen.
    bool isParametrized() const { return getDimension().has_value(); }

    /// Whether `other` carries its message under the same encoding (width
    /// and signedness), whatever the two dimensions.
    bool hasSameEncoding(LweCiphertextType other) const {
      return getWidth() == other.getWidth() &&
             getIsSigned() == other.getIsSigned();
    }
  }];
}

def TFHE_AnyLweCiphertextOrTensor
    : AnyTypeOf<[TFHE_LweCiphertextType, RankedTensorOf<[TFHE_LweCiphertextType]>],
                "an LWE ciphertext or a ranked tensor of them">;

def TFHE_I64OrTensor
    : AnyTypeOf<[I64, RankedTensorOf<[I64]>],
                "an i64 or a ranked tensor of them">;

def TFHE_ClearIntegerOrTensor
    : AnyTypeOf<[AnySignlessInteger, RankedTensorOf<[AnySignlessInteger]>],
                "a signless integer or a ranked tensor of them">;

#endif // SHADE_DIALECTS_TFHE_IR_TFHETYPES_TD

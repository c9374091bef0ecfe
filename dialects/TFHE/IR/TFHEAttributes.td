#ifndef SHADE_DIALECTS_TFHE_IR_TFHEATTRIBUTES_TD
#define SHADE_DIALECTS_TFHE_IR_TFHEATTRIBUTES_TD

include "dialects/TFHE/IR/TFHEDialect.td"
include "mlir/IR/AttrTypeBase.td"

class TFHE_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<TFHE_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def TFHE_KeySwitchKeyAttr : TFHE_Attr<"KeySwitchKey", "ksk"> {
  let summary = "The parameters of a key-switching key";
  let description = [{
    Names the key-switching key that takes an LWE ciphertext of dimension
    `input_dim` under one secret key to an LWE ciphertext of dimension
    `output_dim` under another. Each mask element of the input is
    decomposed in `levels` digits of `base_log` bits (the top
    `base_log * levels` bits of the torus element, so at most 64).
    All four values are positive.

    Example:

    ```mlir
    #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>
    ```
  }];
  let parameters = (ins
    AttrParameter<"unsigned", "LWE dimension of the input">:$input_dim,
    AttrParameter<"unsigned", "LWE dimension of the result">:$output_dim,
    AttrParameter<"unsigned", "bits per decomposition digit">:$base_log,
    AttrParameter<"unsigned", "number of decomposition digits">:$levels);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def TFHE_BootstrapKeyAttr : TFHE_Attr<"BootstrapKey", "bsk"> {
  let summary = "The parameters of a bootstrap key";
  let description = [{
    Names the bootstrap key that takes an LWE ciphertext of dimension
    `input_dim` to an LWE ciphertext of dimension `glwe_dim * poly_size`
    through a blind rotation on GLWE ciphertexts of dimension `glwe_dim`
    (k) over polynomials of `poly_size` (N, a power of two) coefficients.
    The external products decompose in `levels` digits of `base_log` bits
    (`base_log * levels` at most 64). All values are positive.

    Example: the output dimension of this key is 1 * 2048 = 2048.

    ```mlir
    #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048, base_log = 23,
              levels = 1>
    ```
  }];
  let parameters = (ins
    AttrParameter<"unsigned", "LWE dimension of the input">:$input_dim,
    AttrParameter<"unsigned", "GLWE dimension k">:$glwe_dim,
    AttrParameter<"unsigned", "polynomial size N, a power of two">:$poly_size,
    AttrParameter<"unsigned", "bits per decomposition digit">:$base_log,
    AttrParameter<"unsigned", "number of decomposition digits">:$levels);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The LWE dimension of the bootstrap's result, k * N.
    uint64_t getOutputDim() const {
      return uint64_t(getGlweDim()) * getPolySize();
    }
  }];
}

#endif // SHADE_DIALECTS_TFHE_IR_TFHEATTRIBUTES_TD

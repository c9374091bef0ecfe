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
    All four values are positive. In a program with several parameter sets
    (dialects/TFHE/IR/TFHEKeyLayout.h), `from_set` names the set whose big
    key the input is under and `to_set` the set whose small key the result
    is under; both default to 0 and are then not printed.

    Example:

    ```mlir
    #tfhe.ksk<input_dim = 2048, output_dim = 742, base_log = 3, levels = 5>
    #tfhe.ksk<input_dim = 2048, output_dim = 630, base_log = 2, levels = 7,
              to_set = 1>
    ```
  }];
  let parameters = (ins
    AttrParameter<"unsigned", "LWE dimension of the input">:$input_dim,
    AttrParameter<"unsigned", "LWE dimension of the result">:$output_dim,
    AttrParameter<"unsigned", "bits per decomposition digit">:$base_log,
    AttrParameter<"unsigned", "number of decomposition digits">:$levels,
    DefaultValuedParameter<"unsigned", "0",
                           "parameter set of the input's key">:$from_set,
    DefaultValuedParameter<"unsigned", "0",
                           "parameter set of the result's key">:$to_set);
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
    (`base_log * levels` at most 64). All values are positive. In a program
    with several parameter sets (dialects/TFHE/IR/TFHEKeyLayout.h), `set`
    names the set whose keys these are; it defaults to 0 and is then not
    printed.

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
    AttrParameter<"unsigned", "number of decomposition digits">:$levels,
    DefaultValuedParameter<"unsigned", "0",
                           "parameter set of the keys">:$set);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The LWE dimension of the bootstrap's result, k * N.
    uint64_t getOutputDim() const {
      return uint64_t(getGlweDim()) * getPolySize();
    }
  }];
}

// A noise standard deviation (a fraction of the torus) held exactly, printed
// so that it parses back to the same double.
def TFHE_StdDevParameter
    : APFloatParameter<"noise standard deviation, a fraction of the torus"> {
  let parser = [{
    [&]() -> ::mlir::FailureOr<::llvm::APFloat> {
      double value;
      if ($_parser.parseFloat(value))
        return ::mlir::failure();
      return ::llvm::APFloat(value);
    }()
  }];
  let printer = [{ $_printer.printFloat($_self) }];
}

def TFHE_ParametersAttr : TFHE_Attr<"Parameters", "parameters"> {
  let summary = "The cryptographic parameters a program runs with";
  let description = [{
    The parameter set of the key-switch-then-bootstrap atomic pattern,
    chosen by `--shade-select-parameters` and attached to the module as
    `fhe.parameters`:

    - `lwe_dim` (n): dimension of the small LWE key, the key switch's output
      and the bootstrap's input;
    - `glwe_dim` (k) and `poly_size` (N, a power of two): the GLWE key of the
      bootstrap; ciphertexts at rest are under its flattening, of dimension
      `k * N`;
    - `lwe_noise_std` and `glwe_noise_std`: the standard deviations of the
      encryption noise under the small and the GLWE key, as fractions of the
      torus, both in (0, 1);
    - `pbs_base_log`, `pbs_levels`: the gadget decomposition of the
      bootstrap's external products; `ks_base_log`, `ks_levels`: that of the
      key switch (`base_log * levels` at most 64 each).

    The dimensions, base logs and levels are positive. Example:

    ```mlir
    module attributes {fhe.parameters = #tfhe.parameters<lwe_dim = 835,
        glwe_dim = 1, poly_size = 2048,
        lwe_noise_std = 2.2202001147057022E-6,
        glwe_noise_std = 9.1881734381393549E-16, pbs_base_log = 23,
        pbs_levels = 1, ks_base_log = 5, ks_levels = 3>} {
    }
    ```
  }];
  let parameters = (ins
    AttrParameter<"unsigned", "dimension n of the small LWE key">:$lwe_dim,
    AttrParameter<"unsigned", "GLWE dimension k">:$glwe_dim,
    AttrParameter<"unsigned", "polynomial size N, a power of two">:$poly_size,
    TFHE_StdDevParameter:$lwe_noise_std,
    TFHE_StdDevParameter:$glwe_noise_std,
    AttrParameter<"unsigned", "bits per bootstrap digit">:$pbs_base_log,
    AttrParameter<"unsigned", "bootstrap decomposition levels">:$pbs_levels,
    AttrParameter<"unsigned", "bits per key-switch digit">:$ks_base_log,
    AttrParameter<"unsigned", "key-switch decomposition levels">:$ks_levels);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "unsigned":$lwe_dim, "unsigned":$glwe_dim,
                     "unsigned":$poly_size, "double":$lwe_noise_std,
                     "double":$glwe_noise_std, "unsigned":$pbs_base_log,
                     "unsigned":$pbs_levels, "unsigned":$ks_base_log,
                     "unsigned":$ks_levels), [{
      return $_get($_ctxt, lwe_dim, glwe_dim, poly_size,
                   ::llvm::APFloat(lwe_noise_std),
                   ::llvm::APFloat(glwe_noise_std), pbs_base_log, pbs_levels,
                   ks_base_log, ks_levels);
    }]>
  ];
  let extraClassDeclaration = [{
    /// The standard deviations as doubles.
    double getLweNoiseStdDev() const {
      return getLweNoiseStd().convertToDouble();
    }
    double getGlweNoiseStdDev() const {
      return getGlweNoiseStd().convertToDouble();
    }
  }];
}

#endif // SHADE_DIALECTS_TFHE_IR_TFHEATTRIBUTES_TD

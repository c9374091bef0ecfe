#ifndef SHADE_DIALECTS_TFHE_IR_TFHEOPS_TD
#define SHADE_DIALECTS_TFHE_IR_TFHEOPS_TD

include "dialects/TFHE/IR/TFHEAttributes.td"
include "dialects/TFHE/IR/TFHEDialect.td"
include "dialects/TFHE/IR/TFHETypes.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class TFHE_Op<string mnemonic, list<Trait> traits = []>
    : Op<TFHE_Dialect, mnemonic, !listconcat(traits, [Pure])>;

def TFHE_MessageWidthAttr
    : ConfinedAttr<I32Attr, [IntMinValue<1>, IntMaxValue<63>]>;

def TFHE_ZeroOp : TFHE_Op<"zero"> {
  let summary = "A trivial encryption of zero";
  let description = [{
    Produces the ciphertext whose mask and body are all 0: a noiseless
    encryption of the message 0 under any key. The tensor form has a static
    shape and holds one such ciphertext per element.

    Example:

    ```mlir
    %z = tfhe.zero : !tfhe.lwe<4, dim = 742>
    %zs = tfhe.zero : tensor<2x3x!tfhe.lwe<4, signed>>
    ```
  }];
  let results = (outs AnyTypeOf<[TFHE_LweCiphertextType,
                                 StaticShapeTensorOf<[TFHE_LweCiphertextType]>],
                                "an LWE ciphertext or a static-shape tensor of them">:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def TFHE_EncodeOp : TFHE_Op<"encode", [SameOperandsAndResultShape]> {
  let summary = "Encodes clear integers as torus values";
  let description = [{
    Encodes each clear integer as the plaintext torus value (an `i64` bit
    pattern) of a message of `width` bits, unsigned unless `signed` is
    given: the integer is zero-extended (unsigned) or sign-extended (signed)
    to 64 bits and shifted left by `63 - width` bits, modulo `2^64` (see the
    encoding in the dialect overview). The result is what
    `tfhe.add_plaintext` adds to a ciphertext of that encoding. Folds when
    the integers are constants.

    Example: with width 4, delta is 2^59, so 3 encodes as 3 * 2^59 and the
    signed -1 as 2^64 - 2^59 (bit pattern 0xF800000000000000).

    ```mlir
    %p = tfhe.encode %m width 4 : i8 -> i64
    %ps = tfhe.encode %ms width 4 signed : tensor<3xi8> -> tensor<3xi64>
    ```
  }];
  let arguments = (ins TFHE_ClearIntegerOrTensor:$message,
                       TFHE_MessageWidthAttr:$width, UnitAttr:$is_signed);
  let results = (outs TFHE_I64OrTensor:$result);
  let assemblyFormat = [{
    $message `width` $width (`signed` $is_signed^)? attr-dict `:`
    type($message) `->` type($result)
  }];
  let hasFolder = 1;
}

def TFHE_EncodeTableOp : TFHE_Op<"encode_table", [SameOperandsAndResultShape]> {
  let summary = "Encodes a clear lookup table for a bootstrap";
  let description = [{
    Encodes the entries of one or several clear lookup tables as the torus
    values `tfhe.bootstrap` takes, under the encoding of the bootstrap's
    result: `width` bits, unsigned unless `signed` is given. Each entry is
    encoded as by `tfhe.encode`. The last dimension is the table: it has
    `2^w` entries, `w` the message width of the bootstrap's input, so it is
    static and a power of two, at least 2; leading dimensions, if any, make
    one table per ciphertext of a batched bootstrap. Folds when the table is
    a constant.

    Example: a table from a 2-bit input to a 3-bit unsigned output.

    ```mlir
    %t = tfhe.encode_table %table width 3 : tensor<4xi8> -> tensor<4xi64>
    %ts = tfhe.encode_table %tables width 3 signed
        : tensor<5x4xi8> -> tensor<5x4xi64>
    ```
  }];
  let arguments = (ins RankedTensorOf<[AnySignlessInteger]>:$table,
                       TFHE_MessageWidthAttr:$width, UnitAttr:$is_signed);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = [{
    $table `width` $width (`signed` $is_signed^)? attr-dict `:`
    type($table) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def TFHE_AddPlaintextOp : TFHE_Op<"add_plaintext",
    [AllTypesMatch<["ciphertext", "result"]>, SameOperandsAndResultShape]> {
  let summary = "Adds encoded plaintexts to ciphertexts";
  let description = [{
    Adds the torus value `plaintext` (an `i64` bit pattern, usually from
    `tfhe.encode` under the ciphertext's encoding) to the body of
    `ciphertext`, modulo `2^64`. The result has the ciphertext's type.
    Folds away the addition of a constant 0.

    Example:

    ```mlir
    %r = tfhe.add_plaintext %ct, %p : !tfhe.lwe<4, dim = 742>, i64
    %rs = tfhe.add_plaintext %cts, %ps
        : tensor<3x!tfhe.lwe<4, dim = 742>>, tensor<3xi64>
    ```
  }];
  let arguments = (ins TFHE_AnyLweCiphertextOrTensor:$ciphertext,
                       TFHE_I64OrTensor:$plaintext);
  let results = (outs TFHE_AnyLweCiphertextOrTensor:$result);
  let assemblyFormat = [{
    $ciphertext `,` $plaintext attr-dict `:` type($ciphertext) `,`
    type($plaintext)
  }];
  let hasFolder = 1;
}

def TFHE_AddOp : TFHE_Op<"add", [Commutative, SameOperandsAndResultType]> {
  let summary = "Adds ciphertexts";
  let description = [{
    Adds two ciphertexts of the same type element by element, modulo
    `2^64`: the messages add modulo `2^w` and the noises add. Folds away
    the addition of `tfhe.zero`.

    Example:

    ```mlir
    %r = tfhe.add %a, %b : !tfhe.lwe<4, dim = 742>
    %rs = tfhe.add %as, %bs : tensor<3x!tfhe.lwe<4, signed>>
    ```
  }];
  let arguments = (ins TFHE_AnyLweCiphertextOrTensor:$lhs,
                       TFHE_AnyLweCiphertextOrTensor:$rhs);
  let results = (outs TFHE_AnyLweCiphertextOrTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
  let hasFolder = 1;
}

def TFHE_SubOp : TFHE_Op<"sub", [SameOperandsAndResultType]> {
  let summary = "Subtracts ciphertexts";
  let description = [{
    Subtracts `rhs` from `lhs` element by element, modulo `2^64`: the
    messages subtract modulo `2^w` and the noises add. Folds away the
    subtraction of `tfhe.zero`.

    Example:

    ```mlir
    %r = tfhe.sub %a, %b : !tfhe.lwe<4, dim = 742>
    %rs = tfhe.sub %as, %bs : tensor<3x!tfhe.lwe<4, signed>>
    ```
  }];
  let arguments = (ins TFHE_AnyLweCiphertextOrTensor:$lhs,
                       TFHE_AnyLweCiphertextOrTensor:$rhs);
  let results = (outs TFHE_AnyLweCiphertextOrTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
  let hasFolder = 1;
}

def TFHE_NegOp : TFHE_Op<"neg", [SameOperandsAndResultType]> {
  let summary = "Negates ciphertexts";
  let description = [{
    Negates every element of the ciphertext modulo `2^64`: the message
    becomes its opposite modulo `2^w`. `neg(neg(x))` folds to `x` and the
    negation of `tfhe.zero` to that zero.

    Example:

    ```mlir
    %r = tfhe.neg %a : !tfhe.lwe<4, dim = 742>
    %rs = tfhe.neg %as : tensor<3x!tfhe.lwe<4, signed>>
    ```
  }];
  let arguments = (ins TFHE_AnyLweCiphertextOrTensor:$input);
  let results = (outs TFHE_AnyLweCiphertextOrTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasFolder = 1;
}

def TFHE_MulIntOp : TFHE_Op<"mul_int",
    [AllTypesMatch<["ciphertext", "result"]>, SameOperandsAndResultShape]> {
  let summary = "Multiplies ciphertexts by clear integers";
  let description = [{
    Multiplies every element of the ciphertext by the clear integer
    `multiplier`, read as a two's-complement `i64`, modulo `2^64`: the
    message is multiplied modulo `2^w` and the noise by the multiplier.
    The result has the ciphertext's type. Multiplying by the constant 1
    folds to the ciphertext; multiplying by the constant 0 canonicalizes to
    `tfhe.zero`.

    Example:

    ```mlir
    %r = tfhe.mul_int %ct, %c : !tfhe.lwe<4, dim = 742>, i64
    %rs = tfhe.mul_int %cts, %cs
        : tensor<3x!tfhe.lwe<4, dim = 742>>, tensor<3xi64>
    ```
  }];
  let arguments = (ins TFHE_AnyLweCiphertextOrTensor:$ciphertext,
                       TFHE_I64OrTensor:$multiplier);
  let results = (outs TFHE_AnyLweCiphertextOrTensor:$result);
  let assemblyFormat = [{
    $ciphertext `,` $multiplier attr-dict `:` type($ciphertext) `,`
    type($multiplier)
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def TFHE_KeySwitchOp : TFHE_Op<"keyswitch", [SameOperandsAndResultShape]> {
  let summary = "Switches ciphertexts to another key and dimension";
  let description = [{
    Re-encrypts each ciphertext under the output key of the key-switching
    key `key`: from dimension `input_dim` to `output_dim`, keeping the
    message and its encoding and adding the key switch's noise. The input
    and result have the same encoding and shape; parametrized dimensions
    must match the key's.

    Example:

    ```mlir
    %r = tfhe.keyswitch %ct {key = #tfhe.ksk<input_dim = 2048,
        output_dim = 742, base_log = 3, levels = 5>}
        : !tfhe.lwe<4, dim = 2048> -> !tfhe.lwe<4, dim = 742>
    ```
  }];
  let arguments = (ins TFHE_AnyLweCiphertextOrTensor:$input,
                       TFHE_KeySwitchKeyAttr:$key);
  let results = (outs TFHE_AnyLweCiphertextOrTensor:$result);
  let assemblyFormat = [{
    $input attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def TFHE_BootstrapOp : TFHE_Op<"bootstrap"> {
  let summary = "Programmable bootstrap: a table lookup that resets the noise";
  let description = [{
    For each input ciphertext of message `m` (width `w`), produces a fresh
    ciphertext of dimension `glwe_dim * poly_size` under the bootstrap
    key's output key whose plaintext is `table[i]`, where `i = m mod 2^w`
    is the `w`-bit pattern of the message (for a signed input, entries
    `2^(w-1) .. 2^w - 1` are the negative messages `-2^(w-1) .. -1`). The
    table holds `2^w` torus values already encoded under the result's
    encoding (see `tfhe.encode_table`), so the result's message width and
    signedness may differ from the input's. The noise of the result does
    not depend on the input's.

    An unsigned input's padding bit must be 0. For a signed input, the
    implementation first adds `2^(w-1) * delta` to the phase, which makes
    the padding bit 0, and reads the table rotated by `2^(w-1)` entries.

    A scalar input takes a `tensor<2^w x i64>` table. A tensor input of
    shape `S` takes either one such table shared by all its ciphertexts or a
    tensor of shape `S x 2^w` holding one table per ciphertext; the result
    has shape `S`. Parametrized dimensions must match the key's.

    Example:

    ```mlir
    %r = tfhe.bootstrap %ct, %table {key = #tfhe.bsk<input_dim = 742,
        glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>}
        : (!tfhe.lwe<2, dim = 742>, tensor<4xi64>) -> !tfhe.lwe<3, dim = 2048>
    %rs = tfhe.bootstrap %cts, %tables {key = #tfhe.bsk<input_dim = 742,
        glwe_dim = 1, poly_size = 2048, base_log = 23, levels = 1>}
        : (tensor<5x!tfhe.lwe<2, dim = 742>>, tensor<5x4xi64>)
        -> tensor<5x!tfhe.lwe<3, signed, dim = 2048>>
    ```
  }];
  let arguments = (ins TFHE_AnyLweCiphertextOrTensor:$input,
                       RankedTensorOf<[I64]>:$table,
                       TFHE_BootstrapKeyAttr:$key);
  let results = (outs TFHE_AnyLweCiphertextOrTensor:$result);
  let assemblyFormat = [{
    $input `,` $table attr-dict `:` `(` type($input) `,` type($table) `)`
    `->` type($result)
  }];
  let hasVerifier = 1;
}

def TFHE_GatherBootstrapOp : TFHE_Op<"gather_bootstrap"> {
  let summary = "Bootstraps chosen ciphertexts through chosen tables, as one "
                "batch";
  let description = [{
    Result `j` is the programmable bootstrap (see `tfhe.bootstrap`) of
    ciphertext `input_indices[j]` of `inputs` through table
    `table_indices[j]` of `tables`. `tables` holds `T` tables of `2^w` torus
    values (`w` being the input width), one per row; the two index arrays
    have one entry per result. An input may be chosen by several results,
    and a table by several inputs.

    This is how bootstraps of separate operations that do not depend on one
    another run as one batch on all cores (`--shade-batch-bootstraps` forms
    it); its runtime call receives the compact tables and the indices and
    builds each test polynomial itself.

    Example:

    ```mlir
    // Input 0 through two tables, then input 1 through the first.
    %r = tfhe.gather_bootstrap %cts[0, 0, 1], %tables[0, 1, 0]
        {key = #tfhe.bsk<input_dim = 742, glwe_dim = 1, poly_size = 2048,
                         base_log = 23, levels = 1>}
        : (tensor<2x!tfhe.lwe<2, dim = 742>>, tensor<2x4xi64>)
        -> tensor<3x!tfhe.lwe<3, dim = 2048>>
    ```
  }];
  let arguments = (ins 1DTensorOf<[TFHE_LweCiphertextType]>:$inputs,
                       DenseI64ArrayAttr:$input_indices,
                       2DTensorOf<[I64]>:$tables,
                       DenseI64ArrayAttr:$table_indices,
                       TFHE_BootstrapKeyAttr:$key);
  let results = (outs 1DTensorOf<[TFHE_LweCiphertextType]>:$result);
  let assemblyFormat = [{
    $inputs $input_indices `,` $tables $table_indices attr-dict `:` `(`
    type($inputs) `,` type($tables) `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

#endif // SHADE_DIALECTS_TFHE_IR_TFHEOPS_TD

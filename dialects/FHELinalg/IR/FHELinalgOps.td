#ifndef SHADE_DIALECTS_FHELINALG_IR_FHELINALGOPS_TD
#define SHADE_DIALECTS_FHELINALG_IR_FHELINALGOPS_TD

include "dialects/FHE/IR/FHETypes.td"
include "dialects/FHELinalg/IR/FHELinalgDialect.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

class FHELinalg_StaticTensorOf<Type element, string elementsSummary>
    : Type<And<[IsRankedTensorTypePred, HasStaticShapePred,
                SubstLeaves<"$_self",
                            "::llvm::cast<::mlir::ShapedType>($_self)"
                            ".getElementType()",
                            element.predicate>]>,
           "statically shaped tensor of " # elementsSummary,
           "::mlir::RankedTensorType">;

def FHELinalg_EncryptedTensor
    : FHELinalg_StaticTensorOf<FHE_AnyEncryptedInteger, "encrypted integers">;
def FHELinalg_EncryptedUnsignedTensor
    : FHELinalg_StaticTensorOf<FHE_EncryptedUnsignedIntegerType,
                               "unsigned encrypted integers (!fhe.eint)">;
def FHELinalg_EncryptedSignedTensor
    : FHELinalg_StaticTensorOf<FHE_EncryptedSignedIntegerType,
                               "signed encrypted integers (!fhe.esint)">;
def FHELinalg_IntegerTensor
    : FHELinalg_StaticTensorOf<AnySignlessInteger, "signless integers">;
def FHELinalg_AnyIntegerTensor
    : AnyTypeOf<[FHELinalg_EncryptedTensor, FHELinalg_IntegerTensor],
                "statically shaped tensor of encrypted or signless integers",
                "::mlir::RankedTensorType">;

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class FHELinalg_Op<string mnemonic, list<Trait> traits = []>
    : Op<FHELinalg_Dialect, mnemonic, !listconcat(traits, [Pure])>;

// An element-wise operation on two tensors that broadcast as numpy does; the
// result has the encrypted operands' element type and the broadcast shape.
class FHELinalg_BroadcastingBinaryOp<string mnemonic, Type lhsType,
                                     Type rhsType, list<Trait> traits = []>
    : FHELinalg_Op<mnemonic, traits> {
  let arguments = (ins lhsType:$lhs, rhsType:$rhs);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyBroadcastingBinaryOp(*this);
    }
  }];
}

// A matrix product with numpy `matmul` semantics.
class FHELinalg_MatmulOp<string mnemonic, Type lhsType, Type rhsType>
    : FHELinalg_Op<mnemonic> {
  let arguments = (ins lhsType:$lhs, rhsType:$rhs);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyMatmulOp(*this);
    }
  }];
}

// A dot product of two vectors of the same length.
class FHELinalg_DotOp<string mnemonic, Type rhsType>
    : FHELinalg_Op<mnemonic> {
  let arguments = (ins FHELinalg_EncryptedTensor:$lhs, rhsType:$rhs);
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyDotOp(*this);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Element-wise arithmetic
//===----------------------------------------------------------------------===//

def FHELinalg_AddEintOp : FHELinalg_BroadcastingBinaryOp<"add_eint",
    FHELinalg_EncryptedTensor, FHELinalg_EncryptedTensor, [Commutative]> {
  let summary = "Adds two encrypted tensors element-wise, with broadcasting";
  let description = [{
    `result[i] = lhs[i] + rhs[i]` after both operands are broadcast to the
    result shape. Both operands and the result have the same element type.
    Adding the tensor of encryptions of zero made by `fhelinalg.zero` folds to
    the other operand when that one already has the result type.

    Example:

    ```mlir
    %r = fhelinalg.add_eint %a, %b
        : (tensor<3x4x!fhe.eint<5>>, tensor<4x!fhe.eint<5>>)
        -> tensor<3x4x!fhe.eint<5>>
    ```
  }];
  let hasFolder = 1;
}

def FHELinalg_AddEintIntOp : FHELinalg_BroadcastingBinaryOp<"add_eint_int",
    FHELinalg_EncryptedTensor, FHELinalg_IntegerTensor> {
  let summary = "Adds a clear tensor to an encrypted one element-wise, with "
                "broadcasting";
  let description = [{
    `result[i] = lhs[i] + rhs[i]` after both operands are broadcast to the
    result shape; the result has the element type of `lhs`. Adding a constant
    splat of zero folds to `lhs` when `lhs` already has the result type.

    Example:

    ```mlir
    %r = fhelinalg.add_eint_int %a, %b
        : (tensor<4x!fhe.eint<5>>, tensor<4xi64>) -> tensor<4x!fhe.eint<5>>
    ```
  }];
  let hasFolder = 1;
}

def FHELinalg_SubEintOp : FHELinalg_BroadcastingBinaryOp<"sub_eint",
    FHELinalg_EncryptedTensor, FHELinalg_EncryptedTensor> {
  let summary = "Subtracts an encrypted tensor from another element-wise, "
                "with broadcasting";
  let description = [{
    `result[i] = lhs[i] - rhs[i]` after both operands are broadcast to the
    result shape. Both operands and the result have the same element type.
    Subtracting the tensor made by `fhelinalg.zero` folds to `lhs` when `lhs`
    already has the result type.

    Example:

    ```mlir
    %r = fhelinalg.sub_eint %a, %b
        : (tensor<2x1x!fhe.esint<6>>, tensor<3x!fhe.esint<6>>)
        -> tensor<2x3x!fhe.esint<6>>
    ```
  }];
  let hasFolder = 1;
}

def FHELinalg_SubEintIntOp : FHELinalg_BroadcastingBinaryOp<"sub_eint_int",
    FHELinalg_EncryptedTensor, FHELinalg_IntegerTensor> {
  let summary = "Subtracts a clear tensor from an encrypted one element-wise, "
                "with broadcasting";
  let description = [{
    `result[i] = lhs[i] - rhs[i]` after both operands are broadcast to the
    result shape; the result has the element type of `lhs`. Subtracting a
    constant splat of zero folds to `lhs` when `lhs` already has the result
    type.

    Example:

    ```mlir
    %r = fhelinalg.sub_eint_int %a, %b
        : (tensor<2x3x!fhe.eint<4>>, tensor<3xi8>) -> tensor<2x3x!fhe.eint<4>>
    ```
  }];
  let hasFolder = 1;
}

def FHELinalg_SubIntEintOp : FHELinalg_BroadcastingBinaryOp<"sub_int_eint",
    FHELinalg_IntegerTensor, FHELinalg_EncryptedTensor> {
  let summary = "Subtracts an encrypted tensor from a clear one element-wise, "
                "with broadcasting";
  let description = [{
    `result[i] = lhs[i] - rhs[i]` after both operands are broadcast to the
    result shape; the result has the element type of `rhs`.

    Example:

    ```mlir
    %r = fhelinalg.sub_int_eint %a, %b
        : (tensor<4xi64>, tensor<4x!fhe.esint<5>>) -> tensor<4x!fhe.esint<5>>
    ```
  }];
}

def FHELinalg_MulEintIntOp : FHELinalg_BroadcastingBinaryOp<"mul_eint_int",
    FHELinalg_EncryptedTensor, FHELinalg_IntegerTensor> {
  let summary = "Multiplies an encrypted tensor by a clear one element-wise, "
                "with broadcasting";
  let description = [{
    `result[i] = lhs[i] * rhs[i]` after both operands are broadcast to the
    result shape; the result has the element type of `lhs`. Multiplying by a
    constant splat of one folds to `lhs` when `lhs` already has the result
    type.

    Example:

    ```mlir
    %r = fhelinalg.mul_eint_int %a, %b
        : (tensor<3x4x!fhe.eint<6>>, tensor<3x1xi64>)
        -> tensor<3x4x!fhe.eint<6>>
    ```
  }];
  let hasFolder = 1;
}

def FHELinalg_MulEintOp : FHELinalg_BroadcastingBinaryOp<"mul_eint",
    FHELinalg_EncryptedTensor, FHELinalg_EncryptedTensor, [Commutative]> {
  let summary = "Multiplies two encrypted tensors element-wise, with "
                "broadcasting";
  let description = [{
    `result[i] = lhs[i] * rhs[i]` after both operands are broadcast to the
    result shape. Both operands and the result have the same element type,
    wide enough for the product. Each element costs programmable bootstraps.

    Example:

    ```mlir
    %r = fhelinalg.mul_eint %a, %b
        : (tensor<4x!fhe.eint<6>>, tensor<4x!fhe.eint<6>>)
        -> tensor<4x!fhe.eint<6>>
    ```
  }];
}

def FHELinalg_MaxEintOp : FHELinalg_BroadcastingBinaryOp<"max_eint",
    FHELinalg_EncryptedTensor, FHELinalg_EncryptedTensor, [Commutative]> {
  let summary = "Element-wise maximum of two encrypted tensors, with "
                "broadcasting";
  let description = [{
    `result[i] = max(lhs[i], rhs[i])` after both operands are broadcast to the
    result shape. Both operands and the result have the same element type.
    Each element costs a programmable bootstrap.

    Example:

    ```mlir
    %r = fhelinalg.max_eint %a, %b
        : (tensor<4x!fhe.esint<5>>, tensor<1x!fhe.esint<5>>)
        -> tensor<4x!fhe.esint<5>>
    ```
  }];
}

def FHELinalg_NegEintOp : FHELinalg_Op<"neg_eint",
    [SameOperandsAndResultType]> {
  let summary = "Negates an encrypted tensor element-wise";
  let description = [{
    `result[i] = -input[i]`, in the element type of `input`.

    Example:

    ```mlir
    %r = fhelinalg.neg_eint %a : tensor<4x!fhe.esint<5>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Element-wise conversions and lookup tables
//===----------------------------------------------------------------------===//

def FHELinalg_ToSignedOp : FHELinalg_Op<"to_signed",
    [SameOperandsAndResultShape]> {
  let summary = "Reinterprets unsigned encrypted integers as signed ones";
  let description = [{
    Each `!fhe.eint<w>` element becomes the `!fhe.esint<w>` with the same `w`
    bits: values below `2^(w-1)` are kept, larger ones `x` become
    `x - 2^w`. The result has the shape and the width of `input`. This is
    free: no bit of the ciphertext changes.

    Example:

    ```mlir
    %r = fhelinalg.to_signed %a : tensor<4x!fhe.eint<5>> -> tensor<4x!fhe.esint<5>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedUnsignedTensor:$input);
  let results = (outs FHELinalg_EncryptedSignedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def FHELinalg_ToUnsignedOp : FHELinalg_Op<"to_unsigned",
    [SameOperandsAndResultShape]> {
  let summary = "Reinterprets signed encrypted integers as unsigned ones";
  let description = [{
    Each `!fhe.esint<w>` element becomes the `!fhe.eint<w>` with the same `w`
    bits: non-negative values are kept, negative ones `x` become `x + 2^w`.
    The result has the shape and the width of `input`. This is free: no bit
    of the ciphertext changes.

    Example:

    ```mlir
    %r = fhelinalg.to_unsigned %a : tensor<4x!fhe.esint<5>> -> tensor<4x!fhe.eint<5>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedSignedTensor:$input);
  let results = (outs FHELinalg_EncryptedUnsignedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def FHELinalg_RoundOp : FHELinalg_Op<"round", [SameOperandsAndResultShape]> {
  let summary = "Drops the low bits of encrypted integers, rounding to the "
                "nearest";
  let description = [{
    With `d` the input width minus the result width (at least 1), each element
    becomes `(input[i] + 2^(d-1)) >> d`: the `d` low bits are dropped and the
    rest is rounded to the nearest, ties upwards. The shift is arithmetic for
    signed integers, which keep their signedness. Inputs whose rounded value
    does not fit the result type (the largest ones, within `2^(d-1)` of the
    input type's maximum) give an undefined result. Rounding costs one
    programmable bootstrap per element, on the smaller width.

    Example:

    ```mlir
    %r = fhelinalg.round %a : tensor<4x!fhe.eint<8>> -> tensor<4x!fhe.eint<5>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def FHELinalg_ClearLowBitsOp
    : FHELinalg_Op<"clear_low_bits", [SameOperandsAndResultType]> {
  let summary = "Sets the low bits of encrypted integers to zero";
  let description = [{
    Each element becomes `input[i] - (input[i] mod 2^bits)`, that is
    `floor(input[i] / 2^bits) * 2^bits` (towards minus infinity for signed
    integers). The result keeps the input's type and encoding: this is how a
    wide accumulator is rounded without a wide bootstrap.

    It is evaluated from the least significant bit up, one chunk of bits at a
    time, by small programmable bootstraps (docs/lowering.md, "Clearing low
    bits"): a chunk of `m` bits costs two bootstraps of `m - 1` bits (one
    bootstrap of 1 bit when `m = 1`), whatever the input width. `chunks`,
    which `--shade-decompose-rounding` sets, lists the bits cleared by each
    step from the least significant; they add up to `bits - from`. The op is
    lowered only once it has its chunks.

    `from` (default 0) states that the bits below it are zero already (an
    earlier `clear_low_bits` cleared them): only bits `[from, bits)` cost
    bootstraps. A chain of such ops splits a wide value into digits, each
    the difference of two consecutive results (docs/lowering.md, "Wide
    tables").

    Example:

    ```mlir
    // 22 -> 16, -3 -> -4.
    %r = fhelinalg.clear_low_bits %a {bits = 2 : i64, chunks = array<i64: 2>}
        : tensor<4x!fhe.esint<12>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       ConfinedAttr<I64Attr, [IntMinValue<1>]>:$bits,
                       OptionalAttr<DenseI64ArrayAttr>:$chunks,
                       DefaultValuedAttr<ConfinedAttr<I64Attr,
                         [IntMinValue<0>]>, "0">:$from);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def FHELinalg_RescaleOp : FHELinalg_Op<"rescale", [SameOperandsAndResultShape]> {
  let summary = "Divides encrypted integers by a power of two into a "
                "narrower encoding";
  let description = [{
    Each element becomes `(input[i] + offset) / 2^shift` encoded at the
    result's width `w`, which must be at most the input width `W` minus
    `shift`. Every `input + offset` must be a multiple of `2^shift` (as
    `clear_low_bits` makes them) and every result must fit the result type;
    the op is then exact. It costs no bootstrap: the offset is added to the
    ciphertext's body and the ciphertext is multiplied by `2^(W - shift - w)`
    (nothing at all when `w = W - shift`), which multiplies its error by as
    much, so the result decodes exactly when the input did at `W` bits. The
    addition may leave the input's range: only the low `w + shift` bits of
    `input + offset` are kept. With `shift = 0` it narrows a value to the
    width its own range needs (with the offset that moves its least value to
    0, when that saves a bit), which is how a lookup table reads a value of
    a wider class.

    With `approximate`, the inputs need not be multiples of `2^shift`: the
    dropped bits stay in the ciphertext, and the lookup tables that read the
    result (its only allowed users) round it to the nearest integer, or to
    the neighbouring one when the input lies near the middle of two multiples
    of `2^shift` (never further): approximate rounding at the cost of one
    bootstrap of `w` bits.

    The result may differ in signedness from the input when every value lies
    where both encodings agree.

    Example:

    ```mlir
    %r = fhelinalg.rescale %a {shift = 4 : i64}
        : tensor<4x!fhe.esint<12>> -> tensor<4x!fhe.esint<6>>
    // x in [-12, 17] read as x + 12 in [0, 29]: 5 bits rather than 6.
    %n = fhelinalg.rescale %a {offset = 12 : i64, shift = 0 : i64}
        : tensor<4x!fhe.esint<12>> -> tensor<4x!fhe.eint<5>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       ConfinedAttr<I64Attr, [IntMinValue<0>]>:$shift,
                       DefaultValuedAttr<I64Attr, "0">:$offset,
                       UnitAttr:$approximate);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def FHELinalg_ZeroOp : FHELinalg_Op<"zero"> {
  let summary = "A tensor of encryptions of zero";
  let description = [{
    Produces a tensor of the result type whose every element is a trivial
    encryption of 0.

    Example:

    ```mlir
    %z = fhelinalg.zero : tensor<2x3x!fhe.eint<4>>
    ```
  }];
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def FHELinalg_ApplyLookupTableOp : FHELinalg_Op<"apply_lookup_table"> {
  let summary = "Maps every encrypted element through one clear table";
  let description = [{
    `result[i] = lut[input[i]]`: the table `lut` is a 1-D clear tensor of
    `2^w` entries, `w` being the width of the input elements. A signed input
    indexes the table with its `w`-bit two's-complement pattern: entries
    `0` to `2^(w-1) - 1` are for the non-negative values, the next ones for
    `-2^(w-1)` to `-1`. The entries are read as signed integers and must fit
    the result element type, which may have any width and signedness. The
    result has the shape of `input`. Each element costs one programmable
    bootstrap.

    Example:

    ```mlir
    %r = fhelinalg.apply_lookup_table %a, %lut
        : (tensor<2x3x!fhe.eint<2>>, tensor<4xi64>) -> tensor<2x3x!fhe.eint<3>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       FHELinalg_IntegerTensor:$lut);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = [{
    $input `,` $lut attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def FHELinalg_ApplyMultiLookupTableOp
    : FHELinalg_Op<"apply_multi_lookup_table"> {
  let summary = "Maps every encrypted element through a clear table of its own";
  let description = [{
    `tables` has the shape `L x 2^w`: its last dimension holds tables of
    `2^w` entries (`w` being the width of the input elements), and its leading
    dimensions `L` broadcast to the shape `S` of `input` as numpy broadcasts
    a shape to a larger one (`L` has at most the rank of `S`; aligned on the
    last dimension, each of its dimensions is 1 or equal to that of `S`).
    Element `i` of the input is looked up in the table that broadcasting
    places at `i`:

    `result[i] = tables[broadcast(i)][input[i]]`

    so a `L = S` gives every element its own table, and `L = [C, 1, 1]` with
    `S = [N, C, H, W]` one table per channel. Tables are indexed and their
    entries read as in `apply_lookup_table`; the result has the shape of
    `input` and any encrypted element type. Each element costs one
    programmable bootstrap.

    Example:

    ```mlir
    // One table per column.
    %r = fhelinalg.apply_multi_lookup_table %a, %tables
        : (tensor<2x3x!fhe.eint<2>>, tensor<3x4xi64>) -> tensor<2x3x!fhe.eint<3>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       FHELinalg_IntegerTensor:$tables);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = [{
    $input `,` $tables attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Products and reductions
//===----------------------------------------------------------------------===//

def FHELinalg_DotEintIntOp
    : FHELinalg_DotOp<"dot_eint_int", FHELinalg_IntegerTensor> {
  let summary = "Dot product of an encrypted vector and a clear one";
  let description = [{
    `result = sum_k lhs[k] * rhs[k]` for two 1-D tensors of the same length;
    the result is a scalar of the element type of `lhs`.

    Example:

    ```mlir
    %r = fhelinalg.dot_eint_int %a, %b
        : (tensor<4x!fhe.eint<6>>, tensor<4xi64>) -> !fhe.eint<6>
    ```
  }];
}

def FHELinalg_DotEintEintOp
    : FHELinalg_DotOp<"dot_eint_eint", FHELinalg_EncryptedTensor> {
  let summary = "Dot product of two encrypted vectors";
  let description = [{
    `result = sum_k lhs[k] * rhs[k]` for two 1-D tensors of the same length
    and element type; the result is a scalar of that type. Every product costs
    programmable bootstraps.

    Example:

    ```mlir
    %r = fhelinalg.dot_eint_eint %a, %b
        : (tensor<4x!fhe.eint<6>>, tensor<4x!fhe.eint<6>>) -> !fhe.eint<6>
    ```
  }];
}

defvar matmulShapes = [{
    The shapes follow numpy's `matmul`:

    - 2-D operands `M x K` and `K x N` give `M x N`;
    - a 1-D `lhs` of `K` elements is a row: with `rhs` of shape `... x K x N`
      the result is `... x N`;
    - a 1-D `rhs` of `K` elements is a column: with `lhs` of shape
      `... x M x K` the result is `... x M`;
    - operands of rank 3 or more are stacks of matrices in their last two
      dimensions; the leading (batch) dimensions broadcast as numpy does, and
      the result is `batch x M x N`.

    Two 1-D operands are rejected: their product is a scalar, which the `dot`
    operations compute. Operands of rank 0 are rejected too.
}];

def FHELinalg_MatmulEintIntOp : FHELinalg_MatmulOp<"matmul_eint_int",
    FHELinalg_EncryptedTensor, FHELinalg_IntegerTensor> {
  let summary = "Matrix product of an encrypted tensor by a clear one";
  let description = !strconcat([{
    `result[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n]`; the result
    has the element type of `lhs`.
  }], matmulShapes, [{
    Example:

    ```mlir
    %r = fhelinalg.matmul_eint_int %a, %w
        : (tensor<2x4x!fhe.eint<7>>, tensor<4x3xi64>) -> tensor<2x3x!fhe.eint<7>>
    ```
  }]);
}

def FHELinalg_MatmulIntEintOp : FHELinalg_MatmulOp<"matmul_int_eint",
    FHELinalg_IntegerTensor, FHELinalg_EncryptedTensor> {
  let summary = "Matrix product of a clear tensor by an encrypted one";
  let description = !strconcat([{
    `result[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n]`; the result
    has the element type of `rhs`.
  }], matmulShapes, [{
    Example:

    ```mlir
    %r = fhelinalg.matmul_int_eint %w, %a
        : (tensor<3x4xi64>, tensor<5x4x2x!fhe.eint<7>>)
        -> tensor<5x3x2x!fhe.eint<7>>
    ```
  }]);
}

def FHELinalg_MatmulEintEintOp : FHELinalg_MatmulOp<"matmul_eint_eint",
    FHELinalg_EncryptedTensor, FHELinalg_EncryptedTensor> {
  let summary = "Matrix product of two encrypted tensors";
  let description = !strconcat([{
    `result[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n]`; both operands
    and the result have the same element type. Every product costs
    programmable bootstraps.
  }], matmulShapes, [{
    Example:

    ```mlir
    %r = fhelinalg.matmul_eint_eint %a, %b
        : (tensor<2x3x4x!fhe.eint<7>>, tensor<4x5x!fhe.eint<7>>)
        -> tensor<2x3x5x!fhe.eint<7>>
    ```
  }]);
}

def FHELinalg_SumOp : FHELinalg_Op<"sum"> {
  let summary = "Sums an encrypted tensor over some of its axes";
  let description = [{
    Adds the elements of `input` along the dimensions listed in `axes`, as
    numpy's `sum`. An empty `axes` (the default) sums over every dimension;
    negative axes count from the last dimension; an axis may appear only once.
    With `keep_dims` the summed dimensions stay in the result with size 1;
    without it (the default) they are removed, and removing every dimension
    gives a scalar of the element type instead of a tensor. The result has the
    element type of `input`.

    Example:

    ```mlir
    %s = fhelinalg.sum %x {axes = [0], keep_dims = true}
        : tensor<3x4x!fhe.eint<6>> -> tensor<1x4x!fhe.eint<6>>
    %t = fhelinalg.sum %x : tensor<3x4x!fhe.eint<6>> -> !fhe.eint<6>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       DefaultValuedAttr<I64ArrayAttr, "{}">:$axes,
                       DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs AnyTypeOf<[FHELinalg_EncryptedTensor,
                                 FHE_AnyEncryptedInteger]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def FHELinalg_Conv2dOp : FHELinalg_Op<"conv2d"> {
  let summary = "2-D convolution of an encrypted batch of images, as ONNX Conv";
  let description = [{
    The cross-correlation of ONNX `Conv` on 2-D images:

    - `input` is encrypted, `N x C x H x W` (batch, channels, height, width);
    - `weight` is `F x C/group x KH x KW` (filters, channels per group, kernel
      height and width), clear or encrypted: one operation serves both, the
      operand type says which; an encrypted weight must have the element type
      of `input`, and each of its products costs programmable bootstraps;
    - the optional `bias` has `F` elements, clear or encrypted like `weight`;
    - `strides` `[sh, sw]` (default `[1, 1]`) and `dilations` `[dh, dw]`
      (default `[1, 1]`) are positive;
    - `pads` `[top, left, bottom, right]` (default zeros) add zero rows and
      columns around each image;
    - `group` (default 1) splits the channels and the filters into that many
      groups, filter group `g` seeing only channel group `g`; it divides both
      `C` and `F`.

    With `cpg = C/group`, `fpg = F/group` and `g = f / fpg`:

    `result[n, f, i, j] = bias[f] + sum_{c < cpg, ki < KH, kj < KW}
        padded[n, g*cpg + c, i*sh + ki*dh, j*sw + kj*dw] * weight[f, c, ki, kj]`

    The result is `N x F x OH x OW` with
    `OH = floor((H + top + bottom - dh*(KH - 1) - 1) / sh) + 1`, and `OW`
    likewise; the dilated kernel must fit in the padded image. The result has
    the element type of `input`.

    Example:

    ```mlir
    %r = fhelinalg.conv2d %x, %w, %b {pads = [1, 1, 1, 1], strides = [2, 2]}
        : (tensor<1x3x8x8x!fhe.eint<6>>, tensor<4x3x3x3xi64>, tensor<4xi64>)
        -> tensor<1x4x4x4x!fhe.eint<6>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       FHELinalg_AnyIntegerTensor:$weight,
                       Optional<FHELinalg_AnyIntegerTensor>:$bias,
                       DefaultValuedAttr<I64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<I64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                       DefaultValuedAttr<I64ArrayAttr, "{1, 1}">:$dilations,
                       DefaultValuedAttr<I64Attr, "1">:$group);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def FHELinalg_Maxpool2dOp : FHELinalg_Op<"maxpool2d"> {
  let summary = "2-D max pooling of an encrypted batch of images, as ONNX "
                "MaxPool";
  let description = [{
    `input` is `N x C x H x W`. Each output cell is the maximum of a window of
    `kernel_shape` `[KH, KW]` cells of its channel:

    `result[n, c, i, j] = max_{ki < KH, kj < KW}
        padded[n, c, i*sh + ki*dh, j*sw + kj*dw]`

    with `strides` `[sh, sw]` and `dilations` `[dh, dw]` (positive, default
    `[1, 1]` each, as ONNX) and `pads` `[top, left, bottom, right]` (default
    zeros). Padded cells never win: they take no part in the maximum, and
    every window must hold at least one cell of the image. The result is
    `N x C x OH x OW` with `OH = floor((H + top + bottom - dh*(KH - 1) - 1) /
    sh) + 1`, and `OW` likewise; the result has the element type of `input`.
    Each comparison costs a programmable bootstrap.

    Example:

    ```mlir
    %r = fhelinalg.maxpool2d %x {kernel_shape = [2, 2], strides = [2, 2]}
        : tensor<1x3x8x8x!fhe.eint<6>> -> tensor<1x3x4x4x!fhe.eint<6>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       I64ArrayAttr:$kernel_shape,
                       DefaultValuedAttr<I64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<I64ArrayAttr, "{0, 0, 0, 0}">:$pads,
                       DefaultValuedAttr<I64ArrayAttr, "{1, 1}">:$dilations);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

def FHELinalg_TransposeOp : FHELinalg_Op<"transpose"> {
  let summary = "Permutes the dimensions of an encrypted tensor";
  let description = [{
    As numpy's `transpose`: dimension `d` of the result is dimension
    `axes[d]` of `input`, so `result[i_0, ..., i_n] = input[j]` with
    `j[axes[d]] = i_d`. `axes` is a permutation of the input's dimensions,
    negative entries counting from the last one; empty (the default), it
    reverses them. A transposition that keeps every dimension in place folds
    to `input`.

    Example:

    ```mlir
    %r = fhelinalg.transpose %x {axes = [1, 2, 0]}
        : tensor<2x3x4x!fhe.eint<5>> -> tensor<3x4x2x!fhe.eint<5>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input,
                       DefaultValuedAttr<I64ArrayAttr, "{}">:$axes);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def FHELinalg_ConcatOp : FHELinalg_Op<"concat"> {
  let summary = "Joins encrypted tensors along an axis";
  let description = [{
    As numpy's `concatenate`: the inputs (at least one) have the rank and the
    element type of the result and the same sizes in every dimension but
    `axis` (default 0, negative counting from the last dimension), along which
    the result has the sum of their sizes. A single input of the result type
    folds to itself.

    Example:

    ```mlir
    %r = fhelinalg.concat %a, %b {axis = 1}
        : (tensor<2x3x!fhe.eint<5>>, tensor<2x1x!fhe.eint<5>>)
        -> tensor<2x4x!fhe.eint<5>>
    ```
  }];
  let arguments = (ins Variadic<FHELinalg_EncryptedTensor>:$inputs,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def FHELinalg_BroadcastOp : FHELinalg_Op<"broadcast"> {
  let summary = "Broadcasts an encrypted tensor to a larger shape";
  let description = [{
    As numpy's `broadcast_to`, the target shape being the result's: aligned
    on the last dimension, every dimension of `input` is 1 or the size of the
    result's, and the result may have more (leading) dimensions. The elements
    are repeated, not recomputed. A broadcast to the input's own shape folds to
    `input`.

    Example:

    ```mlir
    %r = fhelinalg.broadcast %x
        : tensor<3x1x!fhe.eint<5>> -> tensor<2x3x4x!fhe.eint<5>>
    ```
  }];
  let arguments = (ins FHELinalg_EncryptedTensor:$input);
  let results = (outs FHELinalg_EncryptedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // SHADE_DIALECTS_FHELINALG_IR_FHELINALGOPS_TD

#ifndef SHADE_DIALECTS_FHE_IR_FHEOPS_TD
#define SHADE_DIALECTS_FHE_IR_FHEOPS_TD

include "dialects/FHE/IR/FHEDialect.td"
include "dialects/FHE/IR/FHETypes.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class FHE_Op<string mnemonic, list<Trait> traits = []>
    : Op<FHE_Dialect, mnemonic, !listconcat(traits, [Pure])>;

// Two encrypted integers of one type and a result of that type.
class FHE_SameTypeBinaryOp<string mnemonic, list<Trait> traits = []>
    : FHE_Op<mnemonic, !listconcat(traits, [SameOperandsAndResultType])> {
  let arguments = (ins FHE_AnyEncryptedInteger:$lhs,
                       FHE_AnyEncryptedInteger:$rhs);
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

// An encrypted operand and a clear one, on the side `encrypted` names
// (`lhs` or `rhs`); the result has the encrypted operand's type.
class FHE_EncryptedClearOp<string mnemonic, string encrypted>
    : FHE_Op<mnemonic> {
  let arguments = !if(!eq(encrypted, "lhs"),
      (ins FHE_AnyEncryptedInteger:$lhs, AnySignlessInteger:$rhs),
      (ins AnySignlessInteger:$lhs, FHE_AnyEncryptedInteger:$rhs));
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Value":$lhs, "::mlir::Value":$rhs),
      "build($_builder, $_state, " # encrypted # ".getType(), lhs, rhs);">
  ];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Levelled arithmetic
//===----------------------------------------------------------------------===//

def FHE_ZeroOp : FHE_Op<"zero"> {
  let summary = "An encryption of zero";
  let description = [{
    Produces a trivial encryption of 0 of the result type (no noise, no key
    needed).

    Example:

    ```mlir
    %z = fhe.zero : !fhe.eint<4>
    %s = fhe.zero : !fhe.esint<4>
    ```
  }];
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def FHE_AddEintOp : FHE_SameTypeBinaryOp<"add_eint", [Commutative]> {
  let summary = "Adds two encrypted integers";
  let description = [{
    Returns `lhs + rhs`. Both operands and the result have one type, width
    and signedness included. Levelled.

    Example:

    ```mlir
    %r = fhe.add_eint %a, %b : !fhe.eint<4>
    ```
  }];
  let hasFolder = 1;
}

def FHE_AddEintIntOp : FHE_EncryptedClearOp<"add_eint_int", "lhs"> {
  let summary = "Adds a clear integer to an encrypted integer";
  let description = [{
    Returns `lhs + rhs` where `rhs` is a clear signless integer of any width,
    read as two's complement. The result has the type of `lhs`. Levelled.

    Example:

    ```mlir
    %c = arith.constant 3 : i5
    %r = fhe.add_eint_int %a, %c : (!fhe.eint<4>, i5) -> !fhe.eint<4>
    ```
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def FHE_SubEintOp : FHE_SameTypeBinaryOp<"sub_eint"> {
  let summary = "Subtracts an encrypted integer from another";
  let description = [{
    Returns `lhs - rhs`. Both operands and the result have one type, width
    and signedness included. Levelled.

    Example:

    ```mlir
    %r = fhe.sub_eint %a, %b : !fhe.esint<4>
    ```
  }];
  let hasFolder = 1;
}

def FHE_SubEintIntOp : FHE_EncryptedClearOp<"sub_eint_int", "lhs"> {
  let summary = "Subtracts a clear integer from an encrypted integer";
  let description = [{
    Returns `lhs - rhs` where `rhs` is a clear signless integer of any width,
    read as two's complement. The result has the type of `lhs`. Levelled.

    Example:

    ```mlir
    %c = arith.constant 1 : i8
    %r = fhe.sub_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.eint<4>
    ```
  }];
  let hasFolder = 1;
}

def FHE_SubIntEintOp : FHE_EncryptedClearOp<"sub_int_eint", "rhs"> {
  let summary = "Subtracts an encrypted integer from a clear integer";
  let description = [{
    Returns `lhs - rhs` where `lhs` is a clear signless integer of any width,
    read as two's complement. The result has the type of `rhs`. Levelled.

    Example:

    ```mlir
    %c = arith.constant 15 : i8
    %r = fhe.sub_int_eint %c, %a : (i8, !fhe.eint<4>) -> !fhe.eint<4>
    ```
  }];
  let hasCanonicalizer = 1;
}

def FHE_NegEintOp : FHE_Op<"neg_eint", [SameOperandsAndResultType]> {
  let summary = "Negates an encrypted integer";
  let description = [{
    Returns `-operand`, of the operand's type. Levelled. On an `!fhe.eint`
    only 0 has a negation that fits: negate signed integers.

    Example:

    ```mlir
    %r = fhe.neg_eint %a : !fhe.esint<4>
    ```
  }];
  let arguments = (ins FHE_AnyEncryptedInteger:$operand);
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
  let hasFolder = 1;
}

def FHE_MulEintIntOp : FHE_EncryptedClearOp<"mul_eint_int", "lhs"> {
  let summary = "Multiplies an encrypted integer by a clear integer";
  let description = [{
    Returns `lhs * rhs` where `rhs` is a clear signless integer of any width,
    read as two's complement. The result has the type of `lhs`. Levelled: the
    noise grows with `|rhs|`.

    Example:

    ```mlir
    %c = arith.constant 3 : i8
    %r = fhe.mul_eint_int %a, %c : (!fhe.eint<4>, i8) -> !fhe.eint<4>
    ```
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Ops that need lookup tables
//===----------------------------------------------------------------------===//

def FHE_MulEintOp : FHE_SameTypeBinaryOp<"mul_eint", [Commutative]> {
  let summary = "Multiplies two encrypted integers";
  let description = [{
    Returns `lhs * rhs`. Both operands and the result have one type, width
    and signedness included. Not levelled: it is lowered to levelled ops
    and lookup tables.

    Example:

    ```mlir
    %r = fhe.mul_eint %a, %b : !fhe.eint<4>
    ```
  }];
}

def FHE_MaxEintOp : FHE_SameTypeBinaryOp<"max_eint", [Commutative]> {
  let summary = "The larger of two encrypted integers";
  let description = [{
    Returns `max(lhs, rhs)`, compared as signed values for `!fhe.esint` and
    as unsigned ones for `!fhe.eint`. Both operands and the result have one
    type. Not levelled: it is lowered to levelled ops and lookup tables.

    Example:

    ```mlir
    %r = fhe.max_eint %a, %b : !fhe.esint<4>
    ```
  }];
  let hasFolder = 1;
}

def FHE_ApplyLookupTableOp : FHE_Op<"apply_lookup_table"> {
  let summary = "Applies a clear table to an encrypted integer";
  let description = [{
    Returns `table[i]` where `i` is the `w`-bit pattern of `input` and `w`
    its width: the table has exactly `2^w` entries. For an `!fhe.eint`, `i`
    is the value itself. For an `!fhe.esint`, `i` is the two's-complement
    pattern: entries `0` to `2^(w-1) - 1` are for the values 0 to
    `2^(w-1) - 1`, and entry `v + 2^w` is for the negative value `v`.

    The result may have any width and signedness. Entries are read as two's
    complement and must fit the result type. One programmable bootstrap.

    Example:

    ```mlir
    // Squares a 2-bit unsigned integer into 4 bits.
    %square = arith.constant dense<[0, 1, 4, 9]> : tensor<4xi64>
    %r = fhe.apply_lookup_table %a, %square
        : (!fhe.eint<2>, tensor<4xi64>) -> !fhe.eint<4>
    // Absolute value of a 2-bit signed integer: the entries are for
    // 0, 1, -2 and -1, in that order.
    %abs = arith.constant dense<[0, 1, 2, 1]> : tensor<4xi64>
    %m = fhe.apply_lookup_table %s, %abs
        : (!fhe.esint<2>, tensor<4xi64>) -> !fhe.eint<2>
    ```
  }];
  let arguments = (ins FHE_AnyEncryptedInteger:$input,
                       1DTensorOf<[AnySignlessInteger]>:$table);
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = [{
    $input `,` $table attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def FHE_RoundOp : FHE_Op<"round"> {
  let summary = "Rounds an encrypted integer to fewer bits";
  let description = [{
    Drops the `d = w_in - w_out` low bits of `input`, rounding to the
    nearest: the result is `floor(input / 2^d + 1/2)`, ties rounding up, as
    Concrete's `FHE.round`. It is the high `w_out` bits of
    `input + 2^(d-1)`. The result keeps the input's signedness and must be
    narrower. For an `!fhe.esint` the input is read as a signed value
    (-6 rounds to -1 with `d = 2`).

    The rounded value must fit the result: an input of `2^w_in - 2^(d-1)`
    or more (`2^(w_in-1) - 2^(d-1)` or more when signed) rounds to
    `2^w_out` (`2^(w_out-1)`), which does not. Not levelled: it is lowered
    to levelled ops and lookup tables.

    Example:

    ```mlir
    // 5 -> 1, 6 -> 2 (1.5 rounds up), 13 -> 3.
    %r = fhe.round %a : !fhe.eint<4> to !fhe.eint<2>
    ```
  }];
  let arguments = (ins FHE_AnyEncryptedInteger:$input);
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Signedness casts
//===----------------------------------------------------------------------===//

def FHE_ToSignedOp : FHE_Op<"to_signed"> {
  let summary = "Casts an unsigned encrypted integer to a signed one";
  let description = [{
    Returns `input` as an `!fhe.esint` of the same width. The value is kept,
    so it must be below `2^(w-1)`. Free: the ciphertext does not change.

    Example:

    ```mlir
    %s = fhe.to_signed %a : !fhe.eint<4> to !fhe.esint<4>
    ```
  }];
  let arguments = (ins FHE_EncryptedUnsignedIntegerType:$input);
  let results = (outs FHE_EncryptedSignedIntegerType:$result);
  // `qualified`: a bare `type` directive would print these types, which the
  // constraints name, without their `!fhe.eint`/`!fhe.esint` prefix.
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `to` qualified(type($result))
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input), [{
      build($_builder, $_state, EncryptedSignedIntegerType::get(
          $_builder.getContext(),
          ::llvm::cast<EncryptedUnsignedIntegerType>(input.getType())
              .getWidth()), input);
    }]>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def FHE_ToUnsignedOp : FHE_Op<"to_unsigned"> {
  let summary = "Casts a signed encrypted integer to an unsigned one";
  let description = [{
    Returns `input` as an `!fhe.eint` of the same width. The value is kept,
    so it must not be negative. Free: the ciphertext does not change.

    Example:

    ```mlir
    %u = fhe.to_unsigned %s : !fhe.esint<4> to !fhe.eint<4>
    ```
  }];
  let arguments = (ins FHE_EncryptedSignedIntegerType:$input);
  let results = (outs FHE_EncryptedUnsignedIntegerType:$result);
  // `qualified`: a bare `type` directive would print these types, which the
  // constraints name, without their `!fhe.eint`/`!fhe.esint` prefix.
  let assemblyFormat = [{
    $input attr-dict `:` qualified(type($input)) `to` qualified(type($result))
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Value":$input), [{
      build($_builder, $_state, EncryptedUnsignedIntegerType::get(
          $_builder.getContext(),
          ::llvm::cast<EncryptedSignedIntegerType>(input.getType())
              .getWidth()), input);
    }]>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // SHADE_DIALECTS_FHE_IR_FHEOPS_TD

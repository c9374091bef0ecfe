#ifndef SHADE_DIALECTS_FHE_IR_FHEDIALECT_TD
#define SHADE_DIALECTS_FHE_IR_FHEDIALECT_TD

include "mlir/IR/OpBase.td"

def FHE_Dialect : Dialect {
  let name = "fhe";
  let cppNamespace = "::shade::fhe";
  let summary = "Encrypted integers and the operations on them.";
  let description = [{
    The `fhe` dialect describes a program on encrypted integers without any
    cryptographic detail. An encrypted value has a message width `w` in bits
    and a signedness; the compiler picks these from the value's range. Clear
    operands are ordinary signless integers. Operations are either levelled
    (additions, multiplications by clear integers: cheap, they only add
    noise) or lookup tables (`apply_lookup_table` and the ops lowered to
    it: each costs one programmable bootstrap).

    Values do not wrap: the compiler chooses every width so that each
    result fits its type, and a result that does not fit (an unsigned
    subtraction going below 0, a sum above `2^w - 1`, ...) is undefined,
    since in TFHE it spills into the padding bit above the message.

    A clear operand (`add_eint_int`, `mul_eint_int`, a lookup table entry,
    ...) is read as a two's-complement integer, the value MLIR prints for
    it: `arith.constant -1 : i8` is -1 and `arith.constant true` is -1. Its
    width is independent of the encrypted width: pick one that holds the
    value.
  }];
  // Canonicalization creates the clear constants as `arith.constant`.
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let useDefaultTypePrinterParser = 1;
}

#endif // SHADE_DIALECTS_FHE_IR_FHEDIALECT_TD

#ifndef SHADE_DIALECTS_FHELINALG_IR_FHELINALGDIALECT_TD
#define SHADE_DIALECTS_FHELINALG_IR_FHELINALGDIALECT_TD

include "mlir/IR/OpBase.td"

def FHELinalg_Dialect : Dialect {
  let name = "fhelinalg";
  let cppNamespace = "::shade::fhelinalg";
  let summary = "Tensor operations on encrypted integers";
  let description = [{
    The `fhelinalg` dialect is the numpy-level view of an encrypted program:
    its operations take and produce ranked tensors whose elements are the
    encrypted integers of the `fhe` dialect (`!fhe.eint<w>`, `!fhe.esint<w>`),
    mixed with tensors of clear signless integers where the operation allows
    it. Lowering turns each operation into loops of `fhe` operations.

    Conventions shared by every operation:

    - Shapes are static. The compiler sizes keys, ciphertexts and loop nests
      from them, so a dynamic dimension is rejected.
    - Clear integers are signless and read as two's-complement signed values,
      as numpy's `int64` arrays are.
    - Unless an operation says otherwise, its result elements have exactly
      the type of its encrypted operands: every encrypted operand and the
      result share one width and one signedness. The compiler picks widths so
      that no result leaves the range of its type; a result out of range is
      not defined.
    - Lookup tables (`apply_lookup_table`, `apply_multi_lookup_table`) and
      `round` may change the width. They, `mul_eint`, `max_eint`,
      `dot_eint_eint`, `matmul_eint_eint`, `conv2d` with an encrypted weight
      and `maxpool2d` cost programmable bootstraps; the other operations are
      levelled (cheap: they only add noise).
    - Element-wise operations on two tensors broadcast them as numpy does: the
      shapes are aligned on their last dimension, a missing or size-1
      dimension stretches to the other operand's size, and the result has the
      broadcast shape.
    - Axis attributes follow numpy: a negative axis counts from the last
      dimension (`-1` is the last one).
  }];
  let dependentDialects = ["::shade::fhe::FHEDialect"];
}

#endif // SHADE_DIALECTS_FHELINALG_IR_FHELINALGDIALECT_TD

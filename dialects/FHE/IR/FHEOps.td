#ifndef SHADE_DIALECTS_FHE_IR_FHEOPS_TD
#define SHADE_DIALECTS_FHE_IR_FHEOPS_TD

include "dialects/FHE/IR/FHEDialect.td"
include "dialects/FHE/IR/FHETypes.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class FHE_Op<string mnemonic, list<Trait> traits = []>
    : Op<FHE_Dialect, mnemonic, !listconcat(traits, [Pure])>;

def FHE_ZeroOp : FHE_Op<"zero"> {
  let summary = "An encryption of zero";
  let description = [{
    Produces a trivial encryption of 0 of the result type.

    Example: `%z = fhe.zero : !fhe.eint<4>`
  }];
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

def FHE_AddEintOp : FHE_Op<"add_eint", [Commutative, SameOperandsAndResultType]> {
  let summary = "Adds two encrypted integers";
  let description = [{
    Example: `%r = fhe.add_eint %a, %b : !fhe.eint<4>`
  }];
  let arguments = (ins FHE_AnyEncryptedInteger:$lhs, FHE_AnyEncryptedInteger:$rhs);
  let results = (outs FHE_AnyEncryptedInteger:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

#endif // SHADE_DIALECTS_FHE_IR_FHEOPS_TD

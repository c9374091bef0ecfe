#ifndef SHADE_DIALECTS_TFHE_IR_TFHETYPES_H
#define SHADE_DIALECTS_TFHE_IR_TFHETYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#include <optional>

#define GET_TYPEDEF_CLASSES
#include "dialects/TFHE/IR/TFHETypes.h.inc"

namespace shade::tfhe {

/// The LWE type of `type`, a ciphertext or a tensor of them (its element
/// type), or null for any other type.
LweCiphertextType getCiphertextElementType(mlir::Type type);

} // namespace shade::tfhe

#endif // SHADE_DIALECTS_TFHE_IR_TFHETYPES_H

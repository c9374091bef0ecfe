#ifndef SHADE_DIALECTS_TFHE_IR_TFHETYPES_H
#define SHADE_DIALECTS_TFHE_IR_TFHETYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#include <optional>

#define GET_TYPEDEF_CLASSES
#include "dialects/TFHE/IR/TFHETypes.h.inc"

#endif // SHADE_DIALECTS_TFHE_IR_TFHETYPES_H

#ifndef SHADE_DIALECTS_FHE_IR_FHETYPES_H
#define SHADE_DIALECTS_FHE_IR_FHETYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#include "dialects/FHE/IR/FHETypeInterfaces.h.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/FHE/IR/FHETypes.h.inc"

#endif // SHADE_DIALECTS_FHE_IR_FHETYPES_H

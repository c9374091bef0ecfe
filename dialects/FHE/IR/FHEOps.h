#ifndef SHADE_DIALECTS_FHE_IR_FHEOPS_H
#define SHADE_DIALECTS_FHE_IR_FHEOPS_H

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/FHE/IR/FHEOps.h.inc"

#endif // SHADE_DIALECTS_FHE_IR_FHEOPS_H

#ifndef SHADE_DIALECTS_FHELINALG_IR_FHELINALGOPS_H
#define SHADE_DIALECTS_FHELINALG_IR_FHELINALGOPS_H

#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/FHELinalg/IR/FHELinalgOps.h.inc"

#endif // SHADE_DIALECTS_FHELINALG_IR_FHELINALGOPS_H

#ifndef SHADE_DIALECTS_TFHE_IR_TFHEOPS_H
#define SHADE_DIALECTS_TFHE_IR_TFHEOPS_H

#include "dialects/TFHE/IR/TFHEAttributes.h"
#include "dialects/TFHE/IR/TFHEDialect.h"
#include "dialects/TFHE/IR/TFHETypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "dialects/TFHE/IR/TFHEOps.h.inc"

#endif // SHADE_DIALECTS_TFHE_IR_TFHEOPS_H

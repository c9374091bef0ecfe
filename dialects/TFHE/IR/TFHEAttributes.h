#ifndef SHADE_DIALECTS_TFHE_IR_TFHEATTRIBUTES_H
#define SHADE_DIALECTS_TFHE_IR_TFHEATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"

#define GET_ATTRDEF_CLASSES
#include "dialects/TFHE/IR/TFHEAttributes.h.inc"

#endif // SHADE_DIALECTS_TFHE_IR_TFHEATTRIBUTES_H

#ifndef SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_H
#define SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "dialects/TFHE/IR/TFHEDialect.h.inc"

#endif // SHADE_DIALECTS_TFHE_IR_TFHEDIALECT_H

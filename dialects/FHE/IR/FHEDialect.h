#ifndef SHADE_DIALECTS_FHE_IR_FHEDIALECT_H
#define SHADE_DIALECTS_FHE_IR_FHEDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/FHE/IR/FHEDialect.h.inc"

#endif // SHADE_DIALECTS_FHE_IR_FHEDIALECT_H

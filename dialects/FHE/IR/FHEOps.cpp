#include "dialects/FHE/IR/FHEOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace shade::fhe;

#define GET_OP_CLASSES
#include "dialects/FHE/IR/FHEOps.cpp.inc"

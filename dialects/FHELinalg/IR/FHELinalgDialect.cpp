#include "dialects/FHELinalg/IR/FHELinalgDialect.h"

using namespace mlir;
using namespace shade::fhelinalg;

#include "dialects/FHELinalg/IR/FHELinalgDialect.cpp.inc"

void FHELinalgDialect::initialize() {}

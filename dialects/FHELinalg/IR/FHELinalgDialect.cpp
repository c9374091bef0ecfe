#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

using namespace mlir;
using namespace shade::fhelinalg;

#include "dialects/FHELinalg/IR/FHELinalgDialect.cpp.inc"

void FHELinalgDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/FHELinalg/IR/FHELinalgOps.cpp.inc"
      >();
}

#include "dialects/TFHE/IR/TFHEDialect.h"

using namespace mlir;
using namespace shade::tfhe;

#include "dialects/TFHE/IR/TFHEDialect.cpp.inc"

void TFHEDialect::initialize() {}

// shade-opt: mlir-opt with Shade's dialects and passes.

#include "compiler/Registration/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  shade::registerAllDialects(registry);
  shade::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Shade optimizer driver\n", registry));
}

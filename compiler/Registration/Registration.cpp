#include "compiler/Registration/Registration.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/Pipeline.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/TFHE/IR/TFHEDialect.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"

void shade::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<fhe::FHEDialect, fhelinalg::FHELinalgDialect,
                  tfhe::TFHEDialect>();
  registry.insert<mlir::affine::AffineDialect, mlir::arith::ArithDialect,
                  mlir::bufferization::BufferizationDialect,
                  mlir::cf::ControlFlowDialect, mlir::func::FuncDialect,
                  mlir::LLVM::LLVMDialect, mlir::linalg::LinalgDialect,
                  mlir::math::MathDialect, mlir::memref::MemRefDialect,
                  mlir::scf::SCFDialect, mlir::tensor::TensorDialect>();
  registerLoweringInterfaces(registry);
}

void shade::registerAllPasses() {
  mlir::registerAllPasses();
  registerTransformsPasses();
  registerConversionPasses();
  registerConversionPipelines();
}

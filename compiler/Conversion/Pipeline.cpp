#include "compiler/Conversion/Pipeline.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/ControlFlow/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Linalg/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/SubsetInsertionOpInterfaceImpl.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace shade {

void buildAnalysisPipeline(OpPassManager &pm, const PipelineOptions &options) {
  pm.addNestedPass<func::FuncOp>(createInferRanges());
  pm.addNestedPass<func::FuncOp>(createAssignBitWidths());
  pm.addNestedPass<func::FuncOp>(createDecomposeEncryptedOps());
  DecomposeRoundingOptions rounding;
  rounding.singleSet = options.singleSet;
  pm.addNestedPass<func::FuncOp>(createDecomposeRounding(rounding));
  pm.addNestedPass<func::FuncOp>(createAnalyzeNoise());
  SelectParametersOptions select;
  select.pError = options.pError;
  select.securityBits = options.securityBits;
  select.singleSet = options.singleSet;
  pm.addPass(createSelectParameters(select));
}

/// Copies between buffers as linalg.copy, which becomes plain loops (a
/// memref.copy between strided buffers would call a function of MLIR's
/// runner library, which compiled programs do not link).
static LogicalResult createLoopCopy(OpBuilder &builder, Location loc,
                                    Value from, Value to) {
  builder.create<linalg::CopyOp>(loc, from, to);
  return success();
}

/// The canonicalizer without region simplification (the functions are one
/// long block, on which merging and pruning blocks costs time and finds
/// nothing) and in one sweep: the worklist already revisits the users of
/// what changed, and a second sweep over the whole program would only
/// confirm it.
static std::unique_ptr<Pass> createStraightLineCanonicalizer() {
  GreedyRewriteConfig config;
  config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
  config.maxIterations = 1;
  return createCanonicalizerPass(config);
}

void buildLoweringPipeline(OpPassManager &pm) {
  pm.addPass(createFHEToTFHE());
  // Folds the encodings of constant clear operands and tables.
  pm.addPass(createStraightLineCanonicalizer());
  // Independent bootstraps of separate ops: one runtime call each depth.
  pm.addNestedPass<func::FuncOp>(createBatchBootstraps());
  pm.addPass(createTFHEToRuntime());
  pm.addPass(createStraightLineCanonicalizer());
  pm.addPass(createCSEPass());
  // Clear element-wise arithmetic on tensors (arith ops on tensor operands)
  // as linalg.generic, which bufferizes.
  pm.addPass(createConvertElementwiseToLinalgPass());
  pm.addNestedPass<func::FuncOp>(createFuseElementwiseKernels());
  pm.addNestedPass<func::FuncOp>(createCopySharedResults());

  bufferization::OneShotBufferizationOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  bufferize.memCpyFn = createLoopCopy;
  // malloc's alignment: the vector loops do not need more, and aligning
  // costs instructions at every allocation.
  bufferize.bufferAlignment = 0;
  // Every write goes to a new buffer, without One-Shot's in-place analysis,
  // whose time grows faster than linearly with the program; the copies it
  // would save cost little next to the bootstraps.
  bufferize.copyBeforeWrite = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Results become caller-provided buffers (the outputs of the calling
  // convention); a result allocated in the function is written in place.
  bufferization::BufferResultsToOutParamsOpts outParams;
  outParams.hoistStaticAllocs = true;
  outParams.memCpyFn = createLoopCopy;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createOutlineKernels());
  pm.addPass(createDeallocateBuffers());

  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  // Clear integer ops without a direct LLVM form (floordivsi, ceildivsi).
  pm.addPass(arith::createArithExpandOpsPass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertToLLVM());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createStraightLineCanonicalizer());
  pm.addPass(createPackedEntryPoints());
}

void buildCompilationPipeline(OpPassManager &pm,
                              const PipelineOptions &options) {
  buildAnalysisPipeline(pm, options);
  buildLoweringPipeline(pm);
}

namespace {

struct CompilationPipelineOptions
    : public PassPipelineOptions<CompilationPipelineOptions> {
  Option<double> pError{*this, "p-error",
                        llvm::cl::desc("Largest failure probability allowed "
                                       "for one bootstrap"),
                        llvm::cl::init(0x1p-40)};
  Option<unsigned> securityBits{
      *this, "security-bits",
      llvm::cl::desc("Security level of the parameters, in bits"),
      llvm::cl::init(128)};
  Option<bool> singleSet{
      *this, "single-set",
      llvm::cl::desc("One parameter set for the whole program"),
      llvm::cl::init(false)};
};

} // namespace

void registerConversionPipelines() {
  PassPipelineRegistration<>(
      "shade-lower-to-llvm",
      "Lowers analysed fhe/fhelinalg IR with fhe.parameters to the LLVM "
      "dialect",
      buildLoweringPipeline);
  PassPipelineRegistration<CompilationPipelineOptions>(
      "shade-compile",
      "Analyses fhe/fhelinalg IR, chooses its parameters and lowers it to the "
      "LLVM dialect",
      [](OpPassManager &pm, const CompilationPipelineOptions &options) {
        PipelineOptions pipeline;
        pipeline.pError = options.pError;
        pipeline.securityBits = options.securityBits;
        pipeline.singleSet = options.singleSet;
        buildCompilationPipeline(pm, pipeline);
      });
}

void registerLoweringInterfaces(DialectRegistry &registry) {
  arith::registerBufferizableOpInterfaceExternalModels(registry);
  bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  cf::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerBufferizableOpInterfaceExternalModels(registry);
  linalg::registerSubsetOpInterfaceExternalModels(registry);
  scf::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerBufferizableOpInterfaceExternalModels(registry);
  tensor::registerSubsetOpInterfaceExternalModels(registry);
}

} // namespace shade

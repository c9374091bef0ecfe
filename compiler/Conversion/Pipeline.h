// The compilation pipeline from fhe/fhelinalg to the LLVM dialect, for the
// driver (C++) and for shade-opt (registered pipelines).

#ifndef SHADE_COMPILER_CONVERSION_PIPELINE_H
#define SHADE_COMPILER_CONVERSION_PIPELINE_H

namespace mlir {
class DialectRegistry;
class OpPassManager;
} // namespace mlir

namespace shade {

struct PipelineOptions {
  /// --shade-select-parameters: the largest failure probability of one
  /// bootstrap, and the security level.
  double pError = 0x1p-40;
  unsigned securityBits = 128;
  /// One parameter set for the whole program instead of one per partition.
  bool singleSet = false;
};

/// The analyses of docs/analyses.md, in their required order: infer ranges,
/// assign bit widths, decompose encrypted ops, analyze noise, select
/// parameters (which writes the module attribute `fhe.parameters`).
void buildAnalysisPipeline(mlir::OpPassManager &pm,
                           const PipelineOptions &options);

/// From analysed fhe/fhelinalg IR carrying `fhe.parameters` to the LLVM
/// dialect: --shade-fhe-to-tfhe, --shade-tfhe-to-runtime,
/// --shade-copy-shared-results, bufferization, --shade-outline-kernels,
/// --shade-deallocate-buffers, loops, the
/// conversions to LLVM with the bare-pointer calling convention, and
/// --shade-packed-entry-points (docs/lowering.md).
void buildLoweringPipeline(mlir::OpPassManager &pm);

/// buildAnalysisPipeline then buildLoweringPipeline.
void buildCompilationPipeline(mlir::OpPassManager &pm,
                              const PipelineOptions &options);

/// Registers `shade-lower-to-llvm` (the lowering) and `shade-compile` (the
/// whole compilation, options `p-error` and `security-bits`) with the pass
/// registry.
void registerConversionPipelines();

/// The interfaces the lowering needs from upstream dialects (bufferization,
/// subsets); a context that runs the lowering must have them.
void registerLoweringInterfaces(mlir::DialectRegistry &registry);

} // namespace shade

#endif // SHADE_COMPILER_CONVERSION_PIPELINE_H

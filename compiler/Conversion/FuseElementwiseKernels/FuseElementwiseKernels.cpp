// --shade-fuse-elementwise-kernels: upstream element-wise fusion of
// linalg.generic ops on tensors, limited to fused bodies of a bounded size.

#include "compiler/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace shade {
#define GEN_PASS_DEF_FUSEELEMENTWISEKERNELS
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace {

/// The operations of a linalg op's body, its terminator included.
size_t countBodyOps(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  return linalgOp ? linalgOp.getBlock()->getOperations().size() : 0;
}

struct FuseElementwiseKernelsPass
    : shade::impl::FuseElementwiseKernelsBase<FuseElementwiseKernelsPass> {
  using FuseElementwiseKernelsBase::FuseElementwiseKernelsBase;

  void runOnOperation() override {
    unsigned limit = maxBodyOps;
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [limit](OpOperand *fused) {
          // A producer with other users would stay, computed twice.
          if (!fused->get().hasOneUse())
            return false;
          Operation *producer = fused->get().getDefiningOp();
          Operation *consumer = fused->getOwner();
          return countBodyOps(producer) + countBodyOps(consumer) <= limit;
        });
    GreedyRewriteConfig config;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      return signalPassFailure();
  }
};

} // namespace

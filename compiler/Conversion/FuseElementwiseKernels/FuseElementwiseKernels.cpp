// --shade-fuse-elementwise-kernels: upstream element-wise fusion of
// linalg.generic ops on tensors, limited to fused bodies of a bounded size,
// and zero fills folded into the reductions they initialize.

#include "compiler/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/Matchers.h"
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

/// A reduction whose accumulator is a zero fill used by nothing else starts
/// each accumulation from zero in its body instead: the fill was a kernel
/// call and a pass over the buffer of its own (one per matmul, dot, sum or
/// convolution). The loops run the reduction dimensions from 0 upwards, so an
/// output element is first visited where they are all 0.
struct FuseZeroFillIntoReduction : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0)
      return failure();
    OpOperand *init = op.getDpsInitOperand(0);
    auto fill = init->get().getDefiningOp<linalg::FillOp>();
    if (!fill || !fill->hasOneUse() ||
        !matchPattern(fill.getInputs()[0], m_Zero()))
      return failure();
    BlockArgument accumulator = op.getMatchingBlockArgument(init);
    Block *body = op.getBlock();
    Location loc = op.getLoc();
    rewriter.setInsertionPointToStart(body);
    Value first;
    for (auto [dim, iterator] : llvm::enumerate(op.getIteratorTypesArray())) {
      if (iterator != utils::IteratorType::reduction)
        continue;
      Value index = rewriter.create<linalg::IndexOp>(loc, dim);
      Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
      Value isZero = rewriter.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::eq, index, zero);
      first =
          first ? rewriter.create<arith::AndIOp>(loc, first, isZero) : isZero;
    }
    Value zero = rewriter.create<arith::ConstantOp>(
        loc, rewriter.getZeroAttr(accumulator.getType()));
    Value start =
        rewriter.create<arith::SelectOp>(loc, first, zero, accumulator);
    rewriter.replaceAllUsesExcept(accumulator, start, start.getDefiningOp());
    rewriter.modifyOpInPlace(op, [&] { init->set(fill.getOutputs()[0]); });
    rewriter.eraseOp(fill);
    return success();
  }
};

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
    patterns.add<FuseZeroFillIntoReduction>(&getContext());
    GreedyRewriteConfig config;
    config.enableRegionSimplification = GreedySimplifyRegionLevel::Disabled;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      return signalPassFailure();
  }
};

} // namespace

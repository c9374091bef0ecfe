// --shade-infer-ranges: runs the range analysis and records each result's
// hull as `fhe.range`.

#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Transforms/Passes.h"

namespace shade {
#define GEN_PASS_DEF_INFERRANGES
#include "compiler/Transforms/Passes.h.inc"
} // namespace shade

namespace shade {
namespace {

struct InferRangesPass : impl::InferRangesBase<InferRangesPass> {
  using InferRangesBase::InferRangesBase;

  void runOnOperation() override {
    mlir::func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    analysis::RangeAnalysis ranges(maxTrackedElements);
    if (mlir::failed(ranges.run(func)))
      return signalPassFailure();
    ranges.annotate(func);
    markAllAnalysesPreserved();
  }
};

} // namespace
} // namespace shade

//===- AnalyzeNoise.cpp - Annotates encrypted values with fhe.norm2 -------===//

#include "compiler/Analysis/NoiseAnalysis.h"
#include "compiler/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

namespace shade {
#define GEN_PASS_DEF_ANALYZENOISE
#include "compiler/Transforms/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace shade {
namespace {

struct AnalyzeNoisePass : impl::AnalyzeNoiseBase<AnalyzeNoisePass> {
  using AnalyzeNoiseBase::AnalyzeNoiseBase;

  void runOnOperation() override {
    func::FuncOp function = getOperation();
    FailureOr<analysis::NoiseAnalysis> noise =
        analysis::NoiseAnalysis::run(function);
    if (failed(noise))
      return signalPassFailure();
    Builder builder(&getContext());
    function.walk([&](Operation *op) {
      // The analyzed ops have one result.
      if (op->getNumResults() != 1 || !noise->contains(op->getResult(0)))
        return;
      uint64_t norm2 = noise->lookup(op->getResult(0)).norm2;
      op->setAttr(analysis::kNorm2AttrName,
                  builder.getI64IntegerAttr(static_cast<int64_t>(norm2)));
    });
  }
};

} // namespace
} // namespace shade

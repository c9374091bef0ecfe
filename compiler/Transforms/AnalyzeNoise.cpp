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
    function.walk([&](Operation *op) {
      // The analyzed ops have one result.
      if (op->getNumResults() != 1 || !noise->contains(op->getResult(0)))
        return;
      op->setAttr(analysis::kNorm2AttrName,
                  analysis::makeNorm2Attr(
                      &getContext(), noise->lookup(op->getResult(0)).norm2));
    });
  }
};

} // namespace
} // namespace shade

// --shade-copy-shared-results: every returned tensor has an allocation of its
// own, which buffer-results-to-out-params turns into the output buffer.

#include "compiler/Conversion/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace shade {
#define GEN_PASS_DEF_COPYSHAREDRESULTS
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace {

struct CopySharedResultsPass
    : shade::impl::CopySharedResultsBase<CopySharedResultsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 8> returned;
      OpBuilder builder(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value value = operand.get();
        auto type = dyn_cast<RankedTensorType>(value.getType());
        bool shared =
            isa<BlockArgument>(value) || !returned.insert(value).second;
        if (!type || !shared)
          continue;
        operand.set(builder.create<bufferization::AllocTensorOp>(
            ret.getLoc(), type, ValueRange{}, value));
      }
    });
  }
};

} // namespace

// --shade-deallocate-buffers: every buffer is freed right after its last
// use, in time linear in the number of uses.

#include "compiler/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace shade {
#define GEN_PASS_DEF_DEALLOCATEBUFFERS
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace {

/// Whether the results of `user` designate the same buffer as its operand:
/// views, casts, and the buffer's address on its way to a runtime call.
bool producesAlias(Operation *user) {
  return isa<ViewLikeOpInterface, memref::CastOp,
             memref::ExtractAlignedPointerAsIndexOp,
             memref::ExtractStridedMetadataOp, arith::IndexCastOp,
             LLVM::IntToPtrOp>(user);
}

/// The last op of `alloc`'s block that uses the buffer or one of its
/// aliases, or null when an alias reaches a terminator or another block, or
/// the buffer is already freed.
Operation *findLastUse(memref::AllocOp alloc) {
  Block *block = alloc->getBlock();
  Operation *last = alloc;
  SmallVector<Value> aliases = {alloc.getResult()};
  while (!aliases.empty()) {
    Value alias = aliases.pop_back_val();
    for (Operation *user : alias.getUsers()) {
      Operation *ancestor = block->findAncestorOpInBlock(*user);
      if (!ancestor || ancestor->hasTrait<OpTrait::IsTerminator>() ||
          isa<memref::DeallocOp>(user))
        return nullptr;
      if (last->isBeforeInBlock(ancestor))
        last = ancestor;
      if (producesAlias(user))
        llvm::append_range(aliases, user->getResults());
    }
  }
  return last;
}

struct DeallocateBuffersPass
    : shade::impl::DeallocateBuffersBase<DeallocateBuffersPass> {
  void runOnOperation() override {
    getOperation().walk([](memref::AllocOp alloc) {
      Operation *last = findLastUse(alloc);
      if (!last)
        return;
      OpBuilder builder(last->getContext());
      builder.setInsertionPointAfter(last);
      builder.create<memref::DeallocOp>(alloc.getLoc(), alloc);
    });
  }
};

} // namespace

// --shade-outline-kernels: the linalg ops of a function move into shared
// kernel functions, so that the function itself is straight-line calls.

#include "compiler/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseMap.h"

namespace shade {
#define GEN_PASS_DEF_OUTLINEKERNELS
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kKernelPrefix = "__shade_kernel_";

/// Whether `op` only reinterprets its memref operand (a view of the same
/// buffer), so that it can move into a kernel with the op that reads it.
bool isView(Operation *op) {
  return op->getNumRegions() == 0 &&
         (isa<ViewLikeOpInterface>(op) || isa<memref::CastOp>(op));
}

/// The body of one kernel being built: a function whose arguments are the
/// values of the caller the outlined op needs.
class KernelBuilder {
public:
  KernelBuilder(Location loc, MLIRContext *context,
                llvm::function_ref<Value(int64_t)> callerIndex)
      : kernel(func::FuncOp::create(loc, "kernel",
                                    FunctionType::get(context, {}, {}))),
        builder(context), callerIndex(callerIndex) {
    builder.setInsertionPointToStart(kernel.addEntryBlock());
  }

  /// `op` (and the views and scalar constants it uses) cloned into the
  /// kernel; returns the kernel and the values the caller passes.
  func::FuncOp build(Operation *op, SmallVectorImpl<Value> &arguments) {
    for (Value operand : op->getOperands())
      materializeOperand(operand);
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(op->getRegions(), captured);
    for (Value value : captured)
      materialize(value);
    builder.clone(*op, mapping);
    builder.create<func::ReturnOp>(op->getLoc());
    Block &entry = kernel.getBody().front();
    kernel.setFunctionType(
        FunctionType::get(kernel.getContext(), entry.getArgumentTypes(), {}));
    kernel.setPrivate();
    // One copy of the loops, whatever the number of calls: LLVM's inliner
    // would otherwise copy a small kernel into every caller.
    kernel->setAttr("passthrough",
                    builder.getArrayAttr({builder.getStringAttr("noinline")}));
    arguments.assign(this->arguments.begin(), this->arguments.end());
    return kernel;
  }

private:
  /// Like materialize, for an operand of the outlined op itself: the static
  /// offsets of a subview it works on become arguments, so that the copies
  /// into the slices of one buffer (a concatenation of many tensors) share
  /// one kernel instead of making one kernel per offset.
  Value materializeOperand(Value value) {
    auto subview = value.getDefiningOp<memref::SubViewOp>();
    if (!subview || mapping.contains(value) ||
        llvm::none_of(subview.getStaticOffsets(), [](int64_t offset) {
          return !ShapedType::isDynamic(offset);
        }))
      return materialize(value);
    Value source = materialize(subview.getSource());
    SmallVector<OpFoldResult> offsets;
    for (OpFoldResult offset : subview.getMixedOffsets()) {
      if (auto dynamicOffset = llvm::dyn_cast_if_present<Value>(offset))
        offsets.push_back(materialize(dynamicOffset));
      else
        offsets.push_back(addArgument(callerIndex(
            llvm::cast<IntegerAttr>(offset.get<Attribute>()).getInt())));
    }
    auto mapAll = [&](ArrayRef<OpFoldResult> values) {
      SmallVector<OpFoldResult> mapped;
      for (OpFoldResult value : values) {
        if (auto dynamic = llvm::dyn_cast_if_present<Value>(value))
          mapped.push_back(materialize(dynamic));
        else
          mapped.push_back(value);
      }
      return mapped;
    };
    SmallVector<OpFoldResult> sizes = mapAll(subview.getMixedSizes());
    SmallVector<OpFoldResult> strides = mapAll(subview.getMixedStrides());
    SmallVector<int64_t> dynamicOffsets(offsets.size(), ShapedType::kDynamic);
    auto type =
        llvm::cast<MemRefType>(memref::SubViewOp::inferRankReducedResultType(
            subview.getType().getShape(), subview.getSourceType(),
            dynamicOffsets, subview.getStaticSizes(),
            subview.getStaticStrides()));
    Value view = builder.create<memref::SubViewOp>(
        subview.getLoc(), type, source, offsets, sizes, strides);
    mapping.map(value, view);
    return view;
  }

  /// A new kernel argument, for which the caller passes `value`.
  Value addArgument(Value value) {
    Block &entry = kernel.getBody().front();
    BlockArgument argument = entry.addArgument(value.getType(), value.getLoc());
    arguments.push_back(value);
    return argument;
  }

  /// The kernel's value for the caller's `value`: a clone of a view or of a
  /// scalar constant, or else a new argument.
  Value materialize(Value value) {
    if (Value mapped = mapping.lookupOrNull(value))
      return mapped;
    Operation *definition = value.getDefiningOp();
    bool scalarConstant = definition &&
                          definition->hasTrait<OpTrait::ConstantLike>() &&
                          !isa<ShapedType>(value.getType());
    if (definition && (scalarConstant || isView(definition))) {
      for (Value operand : definition->getOperands())
        materialize(operand);
      builder.clone(*definition, mapping);
      return mapping.lookup(value);
    }
    Value argument = addArgument(value);
    mapping.map(value, argument);
    return argument;
  }

  func::FuncOp kernel;
  OpBuilder builder;
  llvm::function_ref<Value(int64_t)> callerIndex;
  IRMapping mapping;
  SmallVector<Value> arguments;
};

/// A hash of a kernel's type and ops (not of its name), equal for kernels
/// that OperationEquivalence finds equal.
llvm::hash_code hashKernel(func::FuncOp kernel) {
  llvm::hash_code hash = hash_value(kernel.getFunctionType());
  kernel.getBody().walk([&](Operation *op) {
    hash =
        llvm::hash_combine(hash, OperationEquivalence::computeHash(
                                     op, OperationEquivalence::ignoreHashValue,
                                     OperationEquivalence::ignoreHashValue,
                                     OperationEquivalence::IgnoreLocations));
  });
  return hash;
}

struct OutlineKernelsPass
    : shade::impl::OutlineKernelsBase<OutlineKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> functions;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && !func.getName().starts_with(kKernelPrefix))
        functions.push_back(func);
    for (func::FuncOp func : functions) {
      indexConstants.clear();
      SmallVector<Operation *> outlined;
      for (Block &block : func.getBody())
        for (Operation &op : block)
          if (isa<linalg::LinalgOp, memref::CopyOp>(op))
            outlined.push_back(&op);
      for (Operation *op : outlined)
        outline(symbols, op);
      eraseDeadOps(func);
    }
  }

  void outline(SymbolTable &symbols, Operation *op) {
    SmallVector<Value> arguments;
    auto callerIndex = [&](int64_t value) -> Value {
      Value &constant = indexConstants[value];
      if (!constant) {
        Block &entry = op->getParentRegion()->front();
        OpBuilder builder = OpBuilder::atBlockBegin(&entry);
        constant = builder.create<arith::ConstantIndexOp>(op->getLoc(), value);
      }
      return constant;
    };
    func::FuncOp kernel =
        KernelBuilder(op->getLoc(), &getContext(), callerIndex)
            .build(op, arguments);
    func::FuncOp shared = findEqual(kernel);
    if (shared) {
      kernel.erase();
    } else {
      // The symbol table renames the kernel if a symbol has its name.
      kernel.setName((kKernelPrefix + llvm::Twine(kernelCount++)).str());
      symbols.insert(kernel);
      kernelsByHash[hashKernel(kernel)].push_back(kernel);
      shared = kernel;
    }
    OpBuilder builder(op);
    builder.create<func::CallOp>(op->getLoc(), shared, arguments);
    op->erase();
  }

  func::FuncOp findEqual(func::FuncOp kernel) {
    auto bucket = kernelsByHash.find(hashKernel(kernel));
    if (bucket == kernelsByHash.end())
      return nullptr;
    for (func::FuncOp candidate : bucket->second)
      if (candidate.getFunctionType() == kernel.getFunctionType() &&
          OperationEquivalence::isRegionEquivalentTo(
              &candidate.getBody(), &kernel.getBody(),
              OperationEquivalence::IgnoreLocations))
        return candidate;
    return nullptr;
  }

  /// The views and constants only the outlined ops used.
  static void eraseDeadOps(func::FuncOp func) {
    for (Block &block : func.getBody())
      for (Operation &op : llvm::make_early_inc_range(llvm::reverse(block)))
        if (isOpTriviallyDead(&op))
          op.erase();
  }

  llvm::DenseMap<llvm::hash_code, SmallVector<func::FuncOp, 1>> kernelsByHash;
  /// The index constants made in the function being outlined, by value.
  llvm::DenseMap<int64_t, Value> indexConstants;
  unsigned kernelCount = 0;
};

} // namespace

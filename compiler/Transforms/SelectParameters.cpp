//===- SelectParameters.cpp - Chooses the TFHE parameters -----------------===//
//
// Collects the program's decision points (every element of every lookup-table
// input, every element of every encrypted function result), splits the
// program into partitions (docs/parameters.md, "Partitions"), runs the
// parameter search and writes its choice, the key layout
// (dialects/TFHE/IR/TFHEKeyLayout.h) and its predictions on the IR.
//
//===----------------------------------------------------------------------===//

#include "compiler/Analysis/BitExtraction.h"
#include "compiler/Analysis/NoiseAnalysis.h"
#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/TFHE/IR/TFHEAttributes.h"
#include "dialects/TFHE/IR/TFHEKeyLayout.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/IntEqClasses.h"
#include "llvm/ADT/MapVector.h"

#include "shade/runtime/NoiseModel.h"

#include <cmath>
#include <map>

namespace shade {
#define GEN_PASS_DEF_SELECTPARAMETERS
#include "compiler/Transforms/Passes.h.inc"
} // namespace shade

using namespace mlir;

namespace shade {
namespace {

/// The decision points of a module and the op each one belongs to.
struct DecisionPoints {
  std::vector<optimizer::DecisionPoint> points;
  SmallVector<Operation *> owners;
  /// The value each point decodes and, for a bootstrap, the value its
  /// result joins (the point's own value for a decryption).
  SmallVector<Value> decoded;
  SmallVector<Value> written;
};

/// The components of a module's encrypted values: values tied by an op other
/// than a lookup table share a big key, so they share one; a lookup table's
/// result starts its own (its bootstrap may write under another key than
/// its input's). Returned values are not tied by func.return.
class Components {
public:
  explicit Components(ModuleOp module);

  unsigned size() const { return classes.getNumClasses(); }
  unsigned of(Value value) const { return classes[ids.lookup(value)]; }

private:
  unsigned idOf(Value value);

  DenseMap<Value, unsigned> ids;
  llvm::IntEqClasses classes;
};

bool isLookupTable(Operation *op) {
  return isa<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp,
             fhelinalg::ApplyMultiLookupTableOp>(op);
}

Components::Components(ModuleOp module) {
  module.walk([&](Operation *op) {
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument argument : block.getArguments())
          if (analysis::isEncrypted(argument.getType()))
            idOf(argument);
    SmallVector<unsigned> tied;
    for (Value operand : op->getOperands())
      if (analysis::isEncrypted(operand.getType()))
        tied.push_back(idOf(operand));
    if (isLookupTable(op) || isa<func::ReturnOp>(op))
      tied.clear();
    for (Value result : op->getResults())
      if (analysis::isEncrypted(result.getType()))
        tied.push_back(idOf(result));
    for (unsigned id : tied)
      classes.join(tied.front(), id);
  });
  classes.compress();
}

unsigned Components::idOf(Value value) {
  auto [it, inserted] = ids.try_emplace(value, ids.size());
  if (inserted)
    classes.grow(ids.size());
  return it->second;
}

/// The squared norms of an encrypted value: 1 fresh for an argument, else the
/// fhe.norm2 of its defining op.
FailureOr<analysis::Norm2> norm2Of(Value value, Operation *user) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return analysis::Norm2{1, 0};
  std::optional<analysis::Norm2> norm2 =
      analysis::parseNorm2Attr(def->getAttr(analysis::kNorm2AttrName));
  if (!norm2)
    return user->emitOpError()
           << "has an encrypted operand without a " << analysis::kNorm2AttrName
           << " = array<i64: fresh, bootstrapped> of non-negative norms: run "
              "--shade-analyze-noise before --shade-select-parameters";
  return *norm2;
}

int64_t elementCount(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.getNumElements();
  return 1;
}

LogicalResult addPoint(DecisionPoints &decisions, Operation *owner,
                       Value encrypted, Value written,
                       optimizer::DecisionKind kind) {
  FailureOr<analysis::Norm2> norm2 = norm2Of(encrypted, owner);
  if (failed(norm2))
    return failure();
  unsigned width = analysis::encryptedWidth(encrypted);
  optimizer::DecisionPoint point{width,
                                 double(norm2->bootstrapped),
                                 uint64_t(elementCount(encrypted.getType())),
                                 kind,
                                 0,
                                 double(norm2->fresh)};
  // An approximately rounded input is only wrong beyond a whole step.
  if (auto rescale = encrypted.getDefiningOp<fhelinalg::RescaleOp>())
    if (rescale.getApproximate() && width >= 2) {
      point.width = width - 1;
      point.tableWidth = width;
    }
  decisions.points.push_back(point);
  decisions.owners.push_back(owner);
  decisions.decoded.push_back(encrypted);
  decisions.written.push_back(written);
  return success();
}

/// The bootstraps of a clear_low_bits op (BitExtraction.h): each reads the
/// value, which has absorbed the previous bootstraps' results, multiplied by
/// 2^k, at the width of its table.
LogicalResult addExtractionPoints(DecisionPoints &decisions,
                                  fhelinalg::ClearLowBitsOp op) {
  std::optional<ArrayRef<int64_t>> chunks = op.getChunks();
  if (!chunks)
    return op.emitOpError() << "has no chunks: run --shade-decompose-rounding "
                               "before --shade-select-parameters";
  FailureOr<analysis::Norm2> norm2 = norm2Of(op.getInput(), op);
  if (failed(norm2))
    return failure();
  uint64_t count = elementCount(op.getType());
  for (const analysis::ExtractionStep &step : analysis::extractionSteps(
           analysis::encryptedWidth(op.getInput()), *chunks, op.getFrom())) {
    int scale = 2 * int(step.multiplierLog2);
    decisions.points.push_back(
        {step.lookupWidth,
         std::ldexp(double(norm2->bootstrapped + step.previousBootstraps),
                    scale),
         count, optimizer::DecisionKind::Bootstrap, 0,
         std::ldexp(double(norm2->fresh), scale)});
    decisions.owners.push_back(op);
    decisions.decoded.push_back(op.getInput());
    decisions.written.push_back(op.getResult());
  }
  return success();
}

/// Whether `op` bootstraps its encrypted operand through a table: a lookup,
/// or a signedness cast that changes the values it casts.
bool bootstrapsThroughTable(Operation *op) {
  if (isLookupTable(op))
    return true;
  if (!isa<fhelinalg::ToSignedOp, fhelinalg::ToUnsignedOp>(op))
    return false;
  return !analysis::isFreeSignednessCast(
      op, analysis::encryptedWidth(op->getOperand(0)));
}

FailureOr<DecisionPoints> collectDecisionPoints(ModuleOp module) {
  DecisionPoints decisions;
  WalkResult walk = module.walk([&](Operation *op) {
    LogicalResult result = success();
    if (bootstrapsThroughTable(op)) {
      result = addPoint(decisions, op, op->getOperand(0), op->getResult(0),
                        optimizer::DecisionKind::Bootstrap);
    } else if (auto clear = dyn_cast<fhelinalg::ClearLowBitsOp>(op)) {
      result = addExtractionPoints(decisions, clear);
    } else if (isa<func::ReturnOp>(op)) {
      for (Value operand : op->getOperands())
        if (analysis::isEncrypted(operand.getType()) &&
            failed(addPoint(decisions, op, operand, operand,
                            optimizer::DecisionKind::Decryption)))
          result = failure();
    }
    return failed(result) ? WalkResult::interrupt() : WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  return decisions;
}

/// The approximate roundings of a module: the lookups that read an
/// approximate rescale, with the probability that one of their results is
/// the neighbour of the exact rounding (the dropped bits taken uniform).
struct ApproximateRoundings {
  uint64_t count = 0;
  double offByOneProbability = 0;
};

/// Groups the components into partitions: components whose bootstraps read
/// tables of the same widest width and whose values need the same precision
/// get one set, so that the search sees a few partitions however many
/// lookups the program has. Numbers each point's partitions.
unsigned assignPartitions(DecisionPoints &decisions,
                          const Components &components,
                          SmallVectorImpl<unsigned> &partitionOfComponent) {
  // (widest table written, widest precision decoded), per component.
  SmallVector<std::pair<unsigned, unsigned>> signatures(components.size());
  for (auto [point, decoded, written] : llvm::zip_equal(
           decisions.points, decisions.decoded, decisions.written)) {
    // A value of norm2 4^j needs j more bits of precision than its width.
    double norm2 = std::max(1.0, point.norm2 + point.freshNorm2);
    unsigned precision =
        point.width + unsigned(std::ceil(std::log2(norm2) / 2));
    unsigned &decodedPrecision = signatures[components.of(decoded)].second;
    decodedPrecision = std::max(decodedPrecision, precision);
    if (point.kind == optimizer::DecisionKind::Bootstrap) {
      unsigned &table = signatures[components.of(written)].first;
      table = std::max(table, point.getTableWidth());
    }
  }
  std::map<std::pair<unsigned, unsigned>, unsigned> partitions;
  partitionOfComponent.clear();
  for (auto signature : signatures)
    partitionOfComponent.push_back(
        partitions.try_emplace(signature, partitions.size()).first->second);
  for (auto [point, decoded, written] : llvm::zip_equal(
           decisions.points, decisions.decoded, decisions.written)) {
    point.partition = partitionOfComponent[components.of(decoded)];
    point.bootstrapPartition = partitionOfComponent[components.of(written)];
  }
  return std::max<unsigned>(1, partitions.size());
}

tfhe::ParametersAttr toAttr(MLIRContext *context,
                            const runtime::Parameters &parameters) {
  return tfhe::ParametersAttr::get(
      context, parameters.lweDimension, parameters.glweDimension,
      parameters.polynomialSize, parameters.lweNoiseStdDev,
      parameters.glweNoiseStdDev, parameters.pbs.baseLog, parameters.pbs.level,
      parameters.keySwitch.baseLog, parameters.keySwitch.level);
}

/// The key layout of a choice: partitions with equal sets share one set
/// (and its keys); the patterns are the (source, target) pairs of the
/// bootstraps, in program order. Fills the set of each partition.
tfhe::KeyLayout makeLayout(MLIRContext *context,
                           const optimizer::ParameterChoice &choice,
                           const std::vector<optimizer::DecisionPoint> &points,
                           SmallVectorImpl<unsigned> &setOfPartition) {
  tfhe::KeyLayout layout;
  setOfPartition.clear();
  // Attributes are uniqued: equal sets are one attribute.
  for (const runtime::Parameters &set : choice.sets) {
    tfhe::ParametersAttr attr = toAttr(context, set);
    auto it = llvm::find(layout.sets, attr);
    setOfPartition.push_back(unsigned(it - layout.sets.begin()));
    if (it == layout.sets.end())
      layout.sets.push_back(attr);
  }
  for (const optimizer::DecisionPoint &point : points) {
    if (point.kind != optimizer::DecisionKind::Bootstrap)
      continue;
    tfhe::KeyPattern pattern{setOfPartition[point.partition],
                             setOfPartition[point.bootstrapPartition]};
    if (!llvm::is_contained(layout.patterns, pattern))
      layout.patterns.push_back(pattern);
  }
  if (layout.patterns.empty())
    layout.patterns.push_back({0, 0});
  return layout;
}

unsigned patternIndex(const tfhe::KeyLayout &layout, tfhe::KeyPattern pattern) {
  return unsigned(llvm::find(layout.patterns, pattern) -
                  layout.patterns.begin());
}

/// Removes the key attributes an earlier selection wrote (a module emitted by
/// `--emit=fhe` and compiled again), which name another layout's sets.
void clearKeyAttributes(ModuleOp module) {
  module.walk([&](Operation *op) {
    op->removeAttr(tfhe::kKeyPatternAttrName);
    auto function = dyn_cast<func::FuncOp>(op);
    if (!function)
      return;
    for (unsigned i = 0; i < function.getNumArguments(); ++i)
      function.removeArgAttr(i, tfhe::kKeySetAttrName);
    for (unsigned i = 0; i < function.getNumResults(); ++i)
      function.removeResultAttr(
          i, StringAttr::get(module.getContext(), tfhe::kKeySetAttrName));
  });
}

/// With several sets: the set of every encrypted argument and result of the
/// public functions, and the pattern of every op that bootstraps.
void annotateKeys(ModuleOp module, const tfhe::KeyLayout &layout,
                  const DecisionPoints &decisions, const Components &components,
                  ArrayRef<unsigned> setOfComponent) {
  Builder builder(module.getContext());
  auto setAttr = [&](Value value) {
    return builder.getI64IntegerAttr(setOfComponent[components.of(value)]);
  };
  module.walk([&](func::FuncOp function) {
    if (function.isExternal())
      return;
    for (BlockArgument argument : function.getArguments())
      if (analysis::isEncrypted(argument.getType()))
        function.setArgAttr(argument.getArgNumber(), tfhe::kKeySetAttrName,
                            setAttr(argument));
    function.walk([&](func::ReturnOp ret) {
      for (OpOperand &operand : ret->getOpOperands())
        if (analysis::isEncrypted(operand.get().getType()))
          function.setResultAttr(operand.getOperandNumber(),
                                 tfhe::kKeySetAttrName, setAttr(operand.get()));
    });
  });
  for (auto [point, owner, decoded, written] :
       llvm::zip_equal(decisions.points, decisions.owners, decisions.decoded,
                       decisions.written)) {
    if (point.kind != optimizer::DecisionKind::Bootstrap)
      continue;
    tfhe::KeyPattern pattern{setOfComponent[components.of(decoded)],
                             setOfComponent[components.of(written)]};
    owner->setAttr(tfhe::kKeyPatternAttrName,
                   builder.getI64IntegerAttr(patternIndex(layout, pattern)));
  }
}

struct SelectParametersPass : impl::SelectParametersBase<SelectParametersPass> {
  using SelectParametersBase::SelectParametersBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<DecisionPoints> decisions = collectDecisionPoints(module);
    if (failed(decisions))
      return signalPassFailure();
    Components components(module);
    SmallVector<unsigned> partitionOfComponent;
    unsigned partitions = singleSet ? 1
                                    : assignPartitions(*decisions, components,
                                                       partitionOfComponent);
    if (singleSet)
      partitionOfComponent.assign(components.size(), 0);

    optimizer::SearchProblem problem;
    problem.points = decisions->points;
    problem.maxErrorProbability = pError;
    problem.securityBits = securityBits;
    problem.partitions = partitions;
    optimizer::SearchResult search = optimizer::searchParameters(problem);
    if (!search.choice) {
      if (search.failedPoint)
        decisions->owners[*search.failedPoint]->emitOpError() << search.error;
      else
        module.emitError() << search.error;
      return signalPassFailure();
    }

    const optimizer::ParameterChoice &choice = *search.choice;
    const std::vector<runtime::Parameters> &sets = choice.sets;
    SmallVector<unsigned> setOfPartition;
    tfhe::KeyLayout layout =
        makeLayout(&getContext(), choice, problem.points, setOfPartition);
    tfhe::writeKeyLayout(module, layout);
    clearKeyAttributes(module);
    if (layout.sets.size() > 1) {
      SmallVector<unsigned> setOfComponent;
      for (unsigned partition : partitionOfComponent)
        setOfComponent.push_back(setOfPartition[partition]);
      annotateKeys(module, layout, *decisions, components, setOfComponent);
    }

    Builder builder(&getContext());
    // An op with several bootstraps (clear_low_bits) records its worst.
    llvm::MapVector<Operation *, double> failures;
    ApproximateRoundings approximate;
    std::map<unsigned, uint64_t> bootstrapsBySet;
    for (auto [point, owner] :
         llvm::zip_equal(problem.points, decisions->owners)) {
      if (point.kind != optimizer::DecisionKind::Bootstrap)
        continue;
      bootstrapsBySet[setOfPartition[point.bootstrapPartition]] += point.count;
      double &failure = failures[owner];
      failure = std::max(failure, optimizer::errorProbability(sets, point));
      auto rescale = owner->getOperand(0).getDefiningOp<fhelinalg::RescaleOp>();
      if (!rescale || !rescale.getApproximate())
        continue;
      double offByOne = runtime::noise::approximateRoundingOffProbability(
          optimizer::decisionVariance(sets, point), rescale.getShift(),
          point.getTableWidth(), sets[point.bootstrapPartition].polynomialSize);
      owner->setAttr("fhe.p_off_by_one", builder.getF64FloatAttr(offByOne));
      approximate.count += point.count;
      approximate.offByOneProbability =
          std::max(approximate.offByOneProbability, offByOne);
    }
    for (auto [owner, failure] : failures)
      owner->setAttr("fhe.p_error", builder.getF64FloatAttr(failure));

    auto bootstraps = static_cast<int64_t>(choice.bootstraps);
    auto countsAttr = [&](const std::map<unsigned, uint64_t> &counts) {
      SmallVector<NamedAttribute> entries;
      for (auto [key, count] : counts)
        entries.push_back(builder.getNamedAttr(
            std::to_string(key), builder.getI64IntegerAttr(int64_t(count))));
      return builder.getDictionaryAttr(entries);
    };
    NamedAttrList statistics;
    statistics.set("bootstraps", builder.getI64IntegerAttr(bootstraps));
    statistics.set("keyswitches", builder.getI64IntegerAttr(bootstraps));
    statistics.set("cost", builder.getF64FloatAttr(choice.totalCost));
    statistics.set("p_error",
                   builder.getF64FloatAttr(choice.maxErrorProbability));
    statistics.set("global_p_error",
                   builder.getF64FloatAttr(choice.globalErrorProbability));
    statistics.set("security_bits", builder.getI64IntegerAttr(securityBits));
    statistics.set("bootstraps_by_width", countsAttr(choice.bootstrapsByWidth));
    if (layout.sets.size() > 1)
      statistics.set("bootstraps_by_set", countsAttr(bootstrapsBySet));
    if (approximate.count) {
      statistics.set("approximate_roundings",
                     builder.getI64IntegerAttr(int64_t(approximate.count)));
      statistics.set("p_off_by_one",
                     builder.getF64FloatAttr(approximate.offByOneProbability));
    }
    module->setAttr("fhe.statistics", statistics.getDictionary(&getContext()));
  }
};

} // namespace
} // namespace shade

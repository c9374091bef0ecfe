//===- SelectParameters.cpp - Chooses the TFHE parameters -----------------===//
//
// Collects the program's decision points (every element of every lookup-table
// input, every element of every encrypted function result), runs the
// parameter search and writes its choice and predictions on the IR.
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

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/MapVector.h"

#include "shade/runtime/NoiseModel.h"

#include <cmath>

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
};

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
                       Value encrypted, optimizer::DecisionKind kind) {
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
           analysis::encryptedWidth(op.getInput()), *chunks)) {
    int scale = 2 * int(step.multiplierLog2);
    decisions.points.push_back(
        {step.lookupWidth,
         std::ldexp(double(norm2->bootstrapped + step.previousBootstraps),
                    scale),
         count, optimizer::DecisionKind::Bootstrap, 0,
         std::ldexp(double(norm2->fresh), scale)});
    decisions.owners.push_back(op);
  }
  return success();
}

FailureOr<DecisionPoints> collectDecisionPoints(ModuleOp module) {
  DecisionPoints decisions;
  WalkResult walk = module.walk([&](Operation *op) {
    LogicalResult result = success();
    if (isa<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp,
            fhelinalg::ApplyMultiLookupTableOp>(op)) {
      result = addPoint(decisions, op, op->getOperand(0),
                        optimizer::DecisionKind::Bootstrap);
    } else if (auto clear = dyn_cast<fhelinalg::ClearLowBitsOp>(op)) {
      result = addExtractionPoints(decisions, clear);
    } else if (isa<func::ReturnOp>(op)) {
      for (Value operand : op->getOperands())
        if (isa<fhe::EncryptedIntegerType>(
                getElementTypeOrSelf(operand.getType())) &&
            failed(addPoint(decisions, op, operand,
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

struct SelectParametersPass : impl::SelectParametersBase<SelectParametersPass> {
  using SelectParametersBase::SelectParametersBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<DecisionPoints> decisions = collectDecisionPoints(module);
    if (failed(decisions))
      return signalPassFailure();

    optimizer::SearchProblem problem;
    problem.points = decisions->points;
    problem.maxErrorProbability = pError;
    problem.securityBits = securityBits;
    optimizer::SearchResult search = optimizer::searchParameters(problem);
    if (!search.choice) {
      if (search.failedPoint)
        decisions->owners[*search.failedPoint]->emitOpError() << search.error;
      else
        module.emitError() << search.error;
      return signalPassFailure();
    }

    const optimizer::ParameterChoice &choice = *search.choice;
    const runtime::Parameters &parameters = choice.parameters;
    Builder builder(&getContext());
    module->setAttr("fhe.parameters",
                    tfhe::ParametersAttr::get(
                        &getContext(), parameters.lweDimension,
                        parameters.glweDimension, parameters.polynomialSize,
                        parameters.lweNoiseStdDev, parameters.glweNoiseStdDev,
                        parameters.pbs.baseLog, parameters.pbs.level,
                        parameters.keySwitch.baseLog,
                        parameters.keySwitch.level));
    // An op with several bootstraps (clear_low_bits) records its worst.
    llvm::MapVector<Operation *, double> failures;
    ApproximateRoundings approximate;
    for (auto [point, owner] :
         llvm::zip_equal(decisions->points, decisions->owners)) {
      if (point.kind != optimizer::DecisionKind::Bootstrap)
        continue;
      double &failure = failures[owner];
      failure =
          std::max(failure, optimizer::errorProbability(parameters, point));
      auto rescale = owner->getOperand(0).getDefiningOp<fhelinalg::RescaleOp>();
      if (!rescale || !rescale.getApproximate())
        continue;
      double offByOne = runtime::noise::approximateRoundingOffProbability(
          optimizer::decisionVariance(parameters, point), rescale.getShift(),
          point.getTableWidth(), parameters.polynomialSize);
      owner->setAttr("fhe.p_off_by_one", builder.getF64FloatAttr(offByOne));
      approximate.count += point.count;
      approximate.offByOneProbability =
          std::max(approximate.offByOneProbability, offByOne);
    }
    for (auto [owner, failure] : failures)
      owner->setAttr("fhe.p_error", builder.getF64FloatAttr(failure));

    auto bootstraps = static_cast<int64_t>(choice.bootstraps);
    SmallVector<NamedAttribute> byWidth;
    for (auto [width, count] : choice.bootstrapsByWidth)
      byWidth.push_back(builder.getNamedAttr(
          std::to_string(width), builder.getI64IntegerAttr(int64_t(count))));
    NamedAttrList statistics;
    statistics.set("bootstraps", builder.getI64IntegerAttr(bootstraps));
    statistics.set("keyswitches", builder.getI64IntegerAttr(bootstraps));
    statistics.set("cost", builder.getF64FloatAttr(choice.totalCost));
    statistics.set("p_error",
                   builder.getF64FloatAttr(choice.maxErrorProbability));
    statistics.set("global_p_error",
                   builder.getF64FloatAttr(choice.globalErrorProbability));
    statistics.set("security_bits", builder.getI64IntegerAttr(securityBits));
    statistics.set("bootstraps_by_width", builder.getDictionaryAttr(byWidth));
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

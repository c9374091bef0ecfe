//===- SelectParameters.cpp - Chooses the TFHE parameters -----------------===//
//
// Collects the program's decision points (every element of every lookup-table
// input, every element of every encrypted function result), runs the
// parameter search and writes its choice and predictions on the IR.
//
//===----------------------------------------------------------------------===//

#include "compiler/Analysis/NoiseAnalysis.h"
#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/TFHE/IR/TFHEAttributes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

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

/// The squared norm of an encrypted value: 1 for a fresh argument, else the
/// fhe.norm2 of its defining op.
FailureOr<uint64_t> norm2Of(Value value, Operation *user) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return uint64_t(1);
  auto norm2 = def->getAttrOfType<IntegerAttr>(analysis::kNorm2AttrName);
  if (!norm2 || norm2.getInt() < 0)
    return user->emitOpError()
           << "has an encrypted operand without a non-negative "
           << analysis::kNorm2AttrName
           << ": run --shade-analyze-noise before "
              "--shade-select-parameters";
  return uint64_t(norm2.getInt());
}

LogicalResult addPoint(DecisionPoints &decisions, Operation *owner,
                       Value encrypted, optimizer::DecisionKind kind) {
  FailureOr<uint64_t> norm2 = norm2Of(encrypted, owner);
  if (failed(norm2))
    return failure();
  Type type = encrypted.getType();
  auto element = cast<fhe::EncryptedIntegerType>(getElementTypeOrSelf(type));
  int64_t count = 1;
  if (auto shaped = dyn_cast<ShapedType>(type))
    count = shaped.getNumElements();
  decisions.points.push_back(
      {element.getWidth(), *norm2, uint64_t(count), kind});
  decisions.owners.push_back(owner);
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
    auto bootstraps = static_cast<int64_t>(choice.bootstraps);
    module->setAttr(
        "fhe.statistics",
        builder.getDictionaryAttr({
            builder.getNamedAttr("bootstraps",
                                 builder.getI64IntegerAttr(bootstraps)),
            builder.getNamedAttr("keyswitches",
                                 builder.getI64IntegerAttr(bootstraps)),
            builder.getNamedAttr("cost",
                                 builder.getF64FloatAttr(choice.totalCost)),
            builder.getNamedAttr(
                "p_error", builder.getF64FloatAttr(choice.maxErrorProbability)),
            builder.getNamedAttr(
                "global_p_error",
                builder.getF64FloatAttr(choice.globalErrorProbability)),
            builder.getNamedAttr("security_bits",
                                 builder.getI64IntegerAttr(securityBits)),
        }));
    for (auto [point, owner] :
         llvm::zip_equal(decisions->points, decisions->owners))
      if (point.kind == optimizer::DecisionKind::Bootstrap)
        owner->setAttr("fhe.p_error",
                       builder.getF64FloatAttr(
                           optimizer::errorProbability(parameters, point)));
  }
};

} // namespace
} // namespace shade

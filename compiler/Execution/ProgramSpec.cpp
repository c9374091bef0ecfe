#include "compiler/Execution/ProgramSpec.h"

#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/TFHE/IR/TFHEKeyLayout.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace shade::execution {

int64_t ValueSpec::getNumElements() const {
  int64_t count = 1;
  for (int64_t size : shape)
    count *= size;
  return count;
}

const FunctionSpec *ProgramSpec::lookup(llvm::StringRef name) const {
  for (const FunctionSpec &function : functions)
    if (function.name == name)
      return &function;
  return nullptr;
}

namespace {

FailureOr<ValueSpec> describeValue(Type type, func::FuncOp func, StringRef role,
                                   unsigned index) {
  ValueSpec spec;
  Type element = type;
  if (auto tensor = dyn_cast<RankedTensorType>(type)) {
    if (!tensor.hasStaticShape())
      return func.emitError()
             << role << " " << index << " of @" << func.getName()
             << " has the dynamic shape " << type;
    spec.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
    element = tensor.getElementType();
  }
  if (auto encrypted = dyn_cast<fhe::EncryptedIntegerType>(element)) {
    spec.encrypted = true;
    spec.width = encrypted.getWidth();
    spec.isSigned = encrypted.isSigned();
    return spec;
  }
  if (auto integer = dyn_cast<IntegerType>(element);
      integer && integer.isSignless()) {
    spec.width = integer.getWidth();
    spec.isSigned = true;
    if (spec.width > 64)
      return func.emitError()
             << role << " " << index << " of @" << func.getName()
             << " has the type " << type << ", wider than 64 bits";
    return spec;
  }
  return func.emitError() << role << " " << index << " of @" << func.getName()
                          << " has the type " << type
                          << ", which is neither an encrypted nor a clear "
                             "integer nor a tensor of them";
}

} // namespace

FailureOr<ProgramSpec> describeProgram(ModuleOp module) {
  FailureOr<tfhe::KeyLayout> layout = tfhe::readKeyLayout(module);
  if (failed(layout))
    return failure();
  ProgramSpec spec;
  for (tfhe::ParametersAttr set : layout->sets) {
    runtime::Parameters &p = spec.parameterSets.emplace_back();
    p.lweDimension = set.getLweDim();
    p.glweDimension = set.getGlweDim();
    p.polynomialSize = set.getPolySize();
    p.lweNoiseStdDev = set.getLweNoiseStdDev();
    p.glweNoiseStdDev = set.getGlweNoiseStdDev();
    p.pbs = {set.getPbsBaseLog(), set.getPbsLevels()};
    p.keySwitch = {set.getKsBaseLog(), set.getKsLevels()};
  }
  for (const tfhe::KeyPattern &pattern : layout->patterns)
    spec.patterns.push_back({pattern.source, pattern.target});

  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal() || func.isPrivate())
      continue;
    FunctionSpec function;
    function.name = func.getName().str();
    for (auto [index, type] : llvm::enumerate(func.getArgumentTypes())) {
      FailureOr<ValueSpec> value = describeValue(type, func, "argument", index);
      if (failed(value))
        return failure();
      value->keySet = tfhe::getArgumentKeySet(func, index);
      function.inputs.push_back(*value);
    }
    for (auto [index, type] : llvm::enumerate(func.getResultTypes())) {
      FailureOr<ValueSpec> value = describeValue(type, func, "result", index);
      if (failed(value))
        return failure();
      value->keySet = tfhe::getResultKeySet(func, index);
      if (!value->encrypted && value->shape.empty())
        return func.emitError()
               << "result " << index << " of @" << func.getName()
               << " is a clear scalar; compiled functions return tensors "
                  "and ciphertexts only";
      function.outputs.push_back(*value);
    }
    spec.functions.push_back(std::move(function));
  }
  return spec;
}

} // namespace shade::execution

//===- Frontend.cpp - From a program file to analysed IR ------------------===//

#include "compiler/Driver/Frontend.h"
#include "compiler/Driver/Diagnostics.h"

#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Import/Importer.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/TFHE/IR/TFHEKeyLayout.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

namespace shade::driver {

using namespace mlir;

namespace {

/// The name attribute the graph importer gives inputs and outputs.
constexpr llvm::StringLiteral kNameAttr = "fhe.name";

/// Makes `chosen` the only public function: the others become private and
/// disappear unless it calls them.
void isolateFunction(ModuleOp module, func::FuncOp chosen,
                     const std::string &source) {
  for (auto func : module.getOps<func::FuncOp>())
    if (func != chosen && func.isPublic())
      func.setPrivate();
  chosen.setPublic();
  PassManager pm(module->getContext());
  pm.addPass(createSymbolDCEPass());
  DiagnosticCapture diagnostics(module->getContext(), source);
  if (failed(pm.run(module)))
    diagnostics.fail("cannot remove the functions not compiled");
}

func::FuncOp selectFunction(ModuleOp module, const std::string &function,
                            const std::string &source) {
  if (!function.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(function);
    if (!func)
      throw Error(source + ": no function named '" + function +
                  "' (--function)");
    if (func.isExternal())
      throw Error(source + ": function '" + function +
                  "' has no body (--function)");
    return func;
  }
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      candidates.push_back(func);
  if (candidates.empty())
    throw Error(source + ": no public func.func to compile");
  if (candidates.size() > 1) {
    SmallVector<std::string> names;
    for (func::FuncOp func : candidates)
      names.push_back("'" + func.getName().str() + "'");
    throw Error(source + ": " + std::to_string(candidates.size()) +
                " public functions (" + llvm::join(names, ", ") +
                "); choose one with --function NAME");
  }
  return candidates.front();
}

/// The shape and element type of a function argument or result, or an error
/// naming it.
std::pair<std::vector<int64_t>, Type>
getShapeAndElement(Type type, const std::string &where) {
  std::vector<int64_t> shape;
  Type element = type;
  if (auto tensor = dyn_cast<RankedTensorType>(type)) {
    if (!tensor.hasStaticShape())
      throw Error(where + " has the dynamically shaped type " +
                  llvm::formatv("{0}", type).str() +
                  "; Shade programs take tensors of static shapes");
    shape.assign(tensor.getShape().begin(), tensor.getShape().end());
    element = tensor.getElementType();
  }
  if (!isa<fhe::EncryptedIntegerType, IntegerType>(element))
    throw Error(where + " has the type " + llvm::formatv("{0}", type).str() +
                "; Shade programs take and return integers, encrypted "
                "integers and tensors of them");
  return {std::move(shape), element};
}

TensorSpec describeValue(Type type, analysis::Interval range,
                         const std::string &name, const std::string &where) {
  auto [shape, element] = getShapeAndElement(type, where);
  TensorSpec tensor;
  tensor.name = name;
  tensor.shape = std::move(shape);
  if (auto encrypted = dyn_cast<fhe::EncryptedIntegerType>(element)) {
    tensor.encrypted = true;
    tensor.width = encrypted.getWidth();
    tensor.isSigned = encrypted.isSigned();
  } else {
    tensor.encrypted = false;
    tensor.width = cast<IntegerType>(element).getWidth();
    tensor.isSigned = true;
  }
  tensor.min = range.lo;
  tensor.max = range.hi;
  return tensor;
}

CryptoParameters toCryptoParameters(tfhe::ParametersAttr parameters) {
  CryptoParameters crypto;
  crypto.lweDimension = parameters.getLweDim();
  crypto.glweDimension = parameters.getGlweDim();
  crypto.polynomialSize = parameters.getPolySize();
  crypto.lweNoiseStd = parameters.getLweNoiseStdDev();
  crypto.glweNoiseStd = parameters.getGlweNoiseStdDev();
  crypto.pbsBaseLog = parameters.getPbsBaseLog();
  crypto.pbsLevel = parameters.getPbsLevels();
  crypto.ksBaseLog = parameters.getKsBaseLog();
  crypto.ksLevel = parameters.getKsLevels();
  return crypto;
}

/// `set`, the fhe.key_set of the value `where`, once it names a set of
/// `report`.
unsigned checkKeySet(unsigned set, const CircuitReport &report,
                     const std::string &where) {
  if (set >= report.parameters.size())
    throw Error(where + ": internal error: fhe.key_set = " +
                std::to_string(set) + ", but the program has " +
                std::to_string(report.parameters.size()) + " parameter sets");
  return set;
}

CircuitReport describeParameters(ModuleOp module, const std::string &source) {
  auto statistics = module->getAttrOfType<DictionaryAttr>("fhe.statistics");
  FailureOr<tfhe::KeyLayout> layout;
  {
    DiagnosticCapture diagnostics(module->getContext(), source);
    if (!statistics)
      diagnostics.fail("internal error: the parameter selection left no "
                       "fhe.statistics");
    layout = tfhe::readKeyLayout(module);
    if (failed(layout))
      diagnostics.fail("internal error: the parameter selection left no "
                       "valid key layout");
  }
  CircuitReport report;
  for (tfhe::ParametersAttr parameters : layout->sets)
    report.parameters.push_back(toCryptoParameters(parameters));
  for (const tfhe::KeyPattern &pattern : layout->patterns)
    report.keyPatterns.push_back({pattern.source, pattern.target});
  auto getInteger = [&](llvm::StringRef key) -> int64_t {
    auto attr = statistics.getAs<IntegerAttr>(key);
    return attr ? attr.getInt() : 0;
  };
  auto getFloat = [&](llvm::StringRef key) -> double {
    auto attr = statistics.getAs<FloatAttr>(key);
    return attr ? attr.getValueAsDouble() : 0;
  };
  report.securityBits = getInteger("security_bits");
  report.bootstraps = getInteger("bootstraps");
  report.keyswitches = getInteger("keyswitches");
  report.cost = getFloat("cost");
  report.pError = getFloat("p_error");
  report.globalPError = getFloat("global_p_error");
  if (auto byWidth = statistics.getAs<DictionaryAttr>("bootstraps_by_width"))
    for (NamedAttribute entry : byWidth) {
      unsigned width = 0;
      if (!entry.getName().getValue().getAsInteger(10, width))
        report.bootstrapsByWidth[width] =
            uint64_t(cast<IntegerAttr>(entry.getValue()).getInt());
    }
  if (auto bySet = statistics.getAs<DictionaryAttr>("bootstraps_by_set"))
    for (NamedAttribute entry : bySet) {
      unsigned set = 0;
      if (!entry.getName().getValue().getAsInteger(10, set))
        report.bootstrapsBySet[set] =
            uint64_t(cast<IntegerAttr>(entry.getValue()).getInt());
    }
  report.approximateRoundings = getInteger("approximate_roundings");
  report.offByOneProbability = getFloat("p_off_by_one");
  return report;
}

} // namespace

bool isGraphSource(const std::string &source, const std::string &text) {
  llvm::StringRef name(source);
  if (name.ends_with(".json"))
    return true;
  if (name.ends_with(".mlir"))
    return false;
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{';
}

OwningOpRef<ModuleOp> parseProgram(MLIRContext &context,
                                   const std::string &text,
                                   const std::string &source,
                                   const std::string &function) {
  if (isGraphSource(source, text)) {
    if (!function.empty())
      throw Error("--function " + function +
                  ": a graph file has one function; --function applies to "
                  "MLIR files");
    DiagnosticCapture diagnostics(&context, source);
    llvm::Expected<OwningOpRef<ModuleOp>> module =
        import::importGraphFile(context, text, source);
    if (!module)
      throw Error(llvm::toString(module.takeError()));
    return std::move(*module);
  }

  DiagnosticCapture diagnostics(&context, source);
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text, ParserConfig(&context), source);
  if (!module)
    diagnostics.fail("cannot parse the MLIR file");
  func::FuncOp chosen = selectFunction(*module, function, source);
  // The names of the values files.
  for (unsigned i = 0; i < chosen.getNumArguments(); ++i)
    chosen.removeArgAttr(i, kNameAttr);
  for (unsigned i = 0; i < chosen.getNumResults(); ++i)
    chosen.removeResultAttr(i, StringAttr::get(&context, kNameAttr));
  isolateFunction(*module, chosen, source);
  return module;
}

func::FuncOp getEntryFunction(ModuleOp module) {
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic())
      return func;
  return nullptr;
}

ClientSpec describeProgram(ModuleOp module, bool isGraph,
                           const std::string &source) {
  func::FuncOp func = getEntryFunction(module);
  ClientSpec spec;
  spec.function = func.getName().str();
  spec.report = describeParameters(module, source);
  auto nameOf = [&](StringAttr attr, const char *prefix, unsigned i) {
    return isGraph && attr ? attr.getValue().str() : prefix + std::to_string(i);
  };
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    std::string name =
        nameOf(func.getArgAttrOfType<StringAttr>(i, kNameAttr), "arg", i);
    std::string where = source + ": input '" + name + "'";
    FailureOr<analysis::Interval> range;
    {
      DiagnosticCapture diagnostics(module->getContext(), source);
      range = analysis::getArgumentRange(func, i);
      if (failed(range))
        diagnostics.fail("input '" + name + "' has no valid range");
    }
    spec.inputs.push_back(
        describeValue(func.getArgument(i).getType(), *range, name, where));
    spec.inputs.back().keySet =
        checkKeySet(tfhe::getArgumentKeySet(func, i), spec.report, where);
  }
  auto ret = cast<func::ReturnOp>(func.getBody().back().getTerminator());
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    std::string name =
        nameOf(func.getResultAttrOfType<StringAttr>(i, kNameAttr), "result", i);
    std::string where = source + ": output '" + name + "'";
    mlir::Value result = ret.getOperand(i);
    std::optional<analysis::Interval> range;
    if (Operation *op = result.getDefiningOp())
      range = analysis::parseRangeAttr(op->getAttr(analysis::kRangeAttrName));
    else {
      const TensorSpec &input =
          spec.inputs[cast<BlockArgument>(result).getArgNumber()];
      range = analysis::Interval{input.min, input.max};
    }
    if (!range)
      range = analysis::typeRange(result.getType());
    if (!range)
      throw Error(where + " has no integer type");
    spec.outputs.push_back(
        describeValue(result.getType(), *range, name, where));
    spec.outputs.back().keySet =
        checkKeySet(tfhe::getResultKeySet(func, i), spec.report, where);
  }
  return spec;
}

} // namespace shade::driver

//===- Program.cpp - Compiling a program and emitting its stages ----------===//

#include "compiler/Driver/Diagnostics.h"
#include "compiler/Driver/Files.h"
#include "compiler/Driver/Frontend.h"
#include "compiler/Driver/ProgramImpl.h"

#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/Pipeline.h"
#include "compiler/Execution/Codegen.h"
#include "compiler/Import/Importer.h"
#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Registration/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

namespace shade {

using namespace mlir;

namespace {

std::string formatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

void checkOptions(const CompileOptions &options) {
  if (!(options.pError > 0 && options.pError < 1))
    throw Error("--p-error=" + formatNumber(options.pError) +
                ": the failure probability must be in (0, 1)");
  if (options.securityBits != optimizer::kSupportedSecurityBits)
    throw Error("--security-bits=" + std::to_string(options.securityBits) +
                ": no security curve for " +
                std::to_string(options.securityBits) + " bits; supported: " +
                std::to_string(optimizer::kSupportedSecurityBits));
}

DialectRegistry makeRegistry() {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerLoweringInterfaces(registry);
  return registry;
}

std::string print(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->print(os);
  os << "\n";
  return text;
}

/// Runs `pm` on `module`, turning a failure into an Error naming `source`
/// and the first diagnostic.
void runPasses(PassManager &pm, ModuleOp module, const std::string &source,
               const char *what) {
  driver::DiagnosticCapture diagnostics(module->getContext(), source);
  if (failed(pm.run(module)))
    diagnostics.fail(what);
}

} // namespace

Program::Impl::Impl(const CompileOptions &options, std::string source)
    : options(options), source(std::move(source)),
      context(makeRegistry(), MLIRContext::Threading::DISABLED) {
  if (options.threads != 1) {
    threadPool = std::make_unique<llvm::DefaultThreadPool>(
        llvm::hardware_concurrency(options.threads));
    context.setThreadPool(*threadPool);
  }
  import::loadImportDialects(context);
  execution::registerTranslations(context);
  context.loadAllAvailableDialects();
}

OwningOpRef<ModuleOp> Program::Impl::lowerToLLVMDialect() const {
  OwningOpRef<ModuleOp> lowered = module.get().clone();
  driver::DiagnosticCapture diagnostics(lowered->getContext(), source);
  if (failed(execution::lowerToLLVMDialect(*lowered)))
    diagnostics.fail("the lowering failed");
  return lowered;
}

Program::Program(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
Program::Program(Program &&) = default;
Program &Program::operator=(Program &&) = default;
Program::~Program() = default;

Program Program::compileFile(const std::string &path,
                             const CompileOptions &options) {
  checkOptions(options);
  return compileSource(driver::readTextFile(path), path, options);
}

Program Program::compileSource(const std::string &text,
                               const std::string &source,
                               const CompileOptions &options) {
  checkOptions(options);
  auto impl = std::make_unique<Impl>(options, source);
  impl->module =
      driver::parseProgram(impl->context, text, source, options.function);

  PassManager pm(&impl->context);
  PipelineOptions pipeline;
  pipeline.pError = options.pError;
  pipeline.securityBits = options.securityBits;
  pipeline.singleSet = options.singleParameterSet;
  buildAnalysisPipeline(pm, pipeline);
  runPasses(pm, *impl->module, source, "the analyses failed");

  impl->spec = driver::describeProgram(
      *impl->module, driver::isGraphSource(source, text), source);
  return Program(std::move(impl));
}

const ClientSpec &Program::spec() const { return impl->spec; }

std::string Program::emit(Stage stage) const {
  switch (stage) {
  case Stage::Fhe:
    return print(*impl->module);
  case Stage::Params:
    return formatReport(impl->spec.report) + "\n";
  case Stage::Tfhe: {
    OwningOpRef<ModuleOp> lowered = impl->module.get().clone();
    PassManager pm(lowered->getContext());
    pm.addPass(createFHEToTFHE());
    pm.addPass(createCanonicalizerPass());
    pm.addNestedPass<func::FuncOp>(createBatchBootstraps());
    runPasses(pm, *lowered, impl->source, "the lowering to tfhe failed");
    return print(*lowered);
  }
  case Stage::Llvm: {
    OwningOpRef<ModuleOp> lowered = impl->lowerToLLVMDialect();
    auto targetMachine = execution::createHostTargetMachine();
    if (!targetMachine)
      throw Error(impl->source + ": " +
                  llvm::toString(targetMachine.takeError()));
    llvm::LLVMContext llvmContext;
    driver::DiagnosticCapture diagnostics(lowered->getContext(), impl->source);
    auto llvmModule = execution::translateAndOptimize(
        *lowered, llvmContext, **targetMachine, kOptLevel);
    if (!llvmModule) {
      std::string message = llvm::toString(llvmModule.takeError());
      throw Error(
          diagnostics.firstError().value_or(impl->source + ": " + message));
    }
    std::string text;
    llvm::raw_string_ostream os(text);
    (*llvmModule)->print(os, nullptr);
    return text;
  }
  }
  throw Error("unknown stage");
}

Stage parseStage(const std::string &name) {
  if (name == "fhe")
    return Stage::Fhe;
  if (name == "tfhe")
    return Stage::Tfhe;
  if (name == "llvm")
    return Stage::Llvm;
  if (name == "params")
    return Stage::Params;
  throw Error("--emit=" + name +
              ": unknown stage; the stages are fhe, tfhe, llvm and params");
}

const char *version() { return SHADE_VERSION; }

} // namespace shade

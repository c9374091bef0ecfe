#include "compiler/Execution/Codegen.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/Pipeline.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Scalar/DCE.h"
#include "llvm/Transforms/Scalar/InstSimplifyPass.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/CodeExtractor.h"

#include <dlfcn.h>
#include <optional>
#include <thread>

using namespace mlir;

namespace shade::execution {

void registerTranslations(MLIRContext &context) {
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  context.appendDialectRegistry(registry);
}

LogicalResult lowerToLLVMDialect(ModuleOp module) {
  PassManager pm(module.getContext());
  // Verifying the whole program after each pass would take longer than the
  // passes; it is verified once, at the end.
  pm.enableVerifier(false);
  buildLoweringPipeline(pm);
  if (failed(pm.run(module)))
    return failure();
  return verify(module);
}

void dropForeignAttributes(ModuleOp module) {
  auto isLLVM = [](NamedAttribute attribute) {
    return attribute.getName().strref().starts_with("llvm.");
  };
  for (auto llvmFunction : module.getOps<LLVM::LLVMFuncOp>()) {
    auto function = cast<FunctionOpInterface>(llvmFunction.getOperation());
    for (unsigned index = 0; index < function.getNumArguments(); ++index) {
      SmallVector<NamedAttribute> kept;
      llvm::copy_if(function.getArgAttrs(index), std::back_inserter(kept),
                    isLLVM);
      function.setArgAttrs(index, kept);
    }
    for (unsigned index = 0; index < function.getNumResults(); ++index) {
      SmallVector<NamedAttribute> kept;
      llvm::copy_if(function.getResultAttrs(index), std::back_inserter(kept),
                    isLLVM);
      function.setResultAttrs(index, kept);
    }
  }
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createHostTargetMachine() {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::Expected<llvm::orc::JITTargetMachineBuilder> builder =
      llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setRelocationModel(llvm::Reloc::PIC_);
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  return builder->createTargetMachine();
}

namespace {

/// Marks `function` to be compiled without optimization: it only calls the
/// kernels and the runtime, one call after the other, and optimizing it
/// would cost more time than it saves.
void compileWithoutOptimization(llvm::Function &function) {
  function.addFnAttr(llvm::Attribute::NoInline);
  function.addFnAttr(llvm::Attribute::OptimizeNone);
}

/// Cuts the single block of `function` into chunks of at most
/// kChunkInstructions instructions and moves every chunk but the first and
/// the last (which holds the return) into a function of its own.
/// Values crossing chunks become arguments, or results returned through
/// pointers (llvm::CodeExtractor).
llvm::SmallVector<llvm::Function *> outlineChunks(llvm::Function &function) {
  llvm::BasicBlock &entry = function.getEntryBlock();
  SmallVector<llvm::Instruction *> boundaries;
  unsigned count = 0;
  for (llvm::Instruction &instruction : entry) {
    if (++count % kChunkInstructions == 0 && !instruction.isTerminator())
      boundaries.push_back(&instruction);
  }
  // Splitting from the last boundary moves each chunk once.
  SmallVector<llvm::BasicBlock *> chunks;
  for (llvm::Instruction *boundary : llvm::reverse(boundaries))
    chunks.push_back(entry.splitBasicBlock(boundary));
  llvm::SmallVector<llvm::Function *> outlined;
  if (chunks.size() < 2)
    return outlined;
  // chunks[0] is the last one, with the return.
  llvm::CodeExtractorAnalysisCache cache(function);
  for (llvm::BasicBlock *chunk : llvm::drop_begin(chunks)) {
    llvm::BasicBlock *region[] = {chunk};
    llvm::CodeExtractor extractor(region);
    if (llvm::Function *function = extractor.extractCodeRegion(cache))
      outlined.push_back(function);
  }
  return outlined;
}

/// Folds the memref descriptors the straight-line code builds and reads
/// back (insertvalue then extractvalue), a cheap simplification that leaves
/// code the fast instruction selector handles.
void simplifyStraightLine(llvm::ArrayRef<llvm::Function *> functions,
                          llvm::TargetMachine &targetMachine) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager analyses;
  llvm::CGSCCAnalysisManager callGraphs;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&targetMachine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(callGraphs);
  builder.registerFunctionAnalyses(analyses);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, analyses, callGraphs, modules);
  llvm::FunctionPassManager simplify;
  simplify.addPass(llvm::InstSimplifyPass());
  simplify.addPass(llvm::DCEPass());
  for (llvm::Function *function : functions)
    simplify.run(*function, analyses);
}

/// Gives every function but the packed entry points internal linkage: a
/// function named like one of the host's (the program's `main`) must never
/// be interposed by it once the code is loaded, and LLVM may inline or drop
/// what nothing outside calls.
void internalizeAllButEntryPoints(llvm::Module &module) {
  for (llvm::Function &function : module)
    if (!function.isDeclaration() &&
        !function.getName().starts_with(kPackedEntryPointPrefix))
      function.setLinkage(llvm::GlobalValue::InternalLinkage);
}

/// Internalizes, simplifies the straight-line functions and cuts the long
/// ones into chunks marked to be compiled without optimization (see
/// optimizeModule).
void prepareModule(llvm::Module &module, llvm::TargetMachine &targetMachine) {
  internalizeAllButEntryPoints(module);
  SmallVector<llvm::Function *> straightLine;
  for (llvm::Function &function : module)
    if (!function.isDeclaration() && function.size() == 1)
      straightLine.push_back(&function);
  simplifyStraightLine(straightLine, targetMachine);
  for (llvm::Function *function : straightLine) {
    if (function->getEntryBlock().size() <= 2 * kChunkInstructions)
      continue;
    for (llvm::Function *chunk : outlineChunks(*function))
      compileWithoutOptimization(*chunk);
    compileWithoutOptimization(*function);
  }
}

bool isCompiledWithoutOptimization(const llvm::Function &function) {
  return !function.isDeclaration() &&
         function.hasFnAttribute(llvm::Attribute::OptimizeNone);
}

std::unique_ptr<llvm::Module> translate(ModuleOp module,
                                        llvm::LLVMContext &llvmContext,
                                        llvm::TargetMachine &targetMachine) {
  dropForeignAttributes(module);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return nullptr;
  llvmModule->setDataLayout(targetMachine.createDataLayout());
  llvmModule->setTargetTriple(targetMachine.getTargetTriple().getTriple());
  return llvmModule;
}

llvm::Error translationError() {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "the translation to LLVM IR failed");
}

/// Generates the object code of `module` into `object`.
llvm::Error generateObject(llvm::Module &module,
                           llvm::TargetMachine &targetMachine,
                           llvm::SmallVectorImpl<char> &object) {
  llvm::raw_svector_ostream output(object);
  llvm::legacy::PassManager codegen;
  if (targetMachine.addPassesToEmitFile(codegen, output, nullptr,
                                        llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the host target cannot emit objects");
  codegen.run(module);
  return llvm::Error::success();
}

/// Optimizes `module` at `optLevel` and generates its object code.
llvm::Error optimizeAndGenerate(llvm::Module &module,
                                llvm::TargetMachine &targetMachine,
                                unsigned optLevel,
                                llvm::SmallVectorImpl<char> &object) {
  if (llvm::Error error = makeOptimizingTransformer(optLevel, /*sizeLevel=*/0,
                                                    &targetMachine)(&module))
    return error;
  return generateObject(module, targetMachine, object);
}

llvm::Error writeFile(llvm::StringRef path, llvm::ArrayRef<char> contents) {
  std::error_code errorCode;
  llvm::raw_fd_ostream output(path, errorCode, llvm::sys::fs::OF_None);
  if (errorCode)
    return llvm::createStringError(errorCode, "cannot write %s: %s",
                                   path.str().c_str(),
                                   errorCode.message().c_str());
  output.write(contents.data(), contents.size());
  output.close();
  if (output.has_error())
    return llvm::createStringError(output.error(), "cannot write %s",
                                   path.str().c_str());
  return llvm::Error::success();
}

/// Runs the C compiler driver with `arguments` (after the driver's name);
/// `what` names the step in the error.
llvm::Error runCompilerDriver(llvm::ArrayRef<llvm::StringRef> arguments,
                              llvm::StringRef what);

/// Splits `module` in two: the functions compiled without optimization (the
/// straight-line calls of a long program) move, with the global variables,
/// into the returned module; `module` keeps the rest (the kernels, the entry
/// points) and declares what moved. What was local becomes hidden, so that
/// the two object files link together without exporting it.
std::unique_ptr<llvm::Module> splitStraightLine(llvm::Module &module) {
  for (llvm::GlobalValue &value : module.global_values())
    if (!value.isDeclaration() && value.hasLocalLinkage()) {
      value.setLinkage(llvm::GlobalValue::ExternalLinkage);
      value.setVisibility(llvm::GlobalValue::HiddenVisibility);
    }
  llvm::ValueToValueMapTy mapping;
  std::unique_ptr<llvm::Module> straightLine =
      llvm::CloneModule(module, mapping, [](const llvm::GlobalValue *value) {
        auto *function = llvm::dyn_cast<llvm::Function>(value);
        return !function || isCompiledWithoutOptimization(*function);
      });
  for (llvm::Function &function : module)
    if (isCompiledWithoutOptimization(function))
      function.deleteBody();
  for (llvm::GlobalVariable &variable : module.globals())
    if (variable.hasInitializer()) {
      variable.setInitializer(nullptr);
      variable.setLinkage(llvm::GlobalValue::ExternalLinkage);
    }
  return straightLine;
}

} // namespace

llvm::Error optimizeModule(llvm::Module &module,
                           llvm::TargetMachine &targetMachine,
                           unsigned optLevel) {
  prepareModule(module, targetMachine);
  return makeOptimizingTransformer(optLevel, /*sizeLevel=*/0,
                                   &targetMachine)(&module);
}

llvm::Expected<std::unique_ptr<llvm::Module>>
translateAndOptimize(ModuleOp module, llvm::LLVMContext &llvmContext,
                     llvm::TargetMachine &targetMachine, unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule =
      translate(module, llvmContext, targetMachine);
  if (!llvmModule)
    return translationError();
  if (llvm::Error error = optimizeModule(*llvmModule, targetMachine, optLevel))
    return error;
  return llvmModule;
}

llvm::Error emitObjectFile(ModuleOp module, llvm::StringRef path,
                           unsigned optLevel) {
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> targetMachine =
      createHostTargetMachine();
  if (!targetMachine)
    return targetMachine.takeError();
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translate(module, llvmContext, **targetMachine);
  if (!llvmModule)
    return translationError();
  prepareModule(*llvmModule, **targetMachine);
  bool straightLine = llvm::any_of(*llvmModule, isCompiledWithoutOptimization);
  if (!straightLine) {
    llvm::SmallVector<char, 0> object;
    if (llvm::Error error =
            optimizeAndGenerate(*llvmModule, **targetMachine, optLevel, object))
      return error;
    return writeFile(path, object);
  }

  // The straight-line code goes through the fast instruction selector and
  // register allocator: the optimizing ones take most of the compile time
  // of a long program, for calls that gain nothing from them. It is compiled
  // on a second thread while this one optimizes and compiles the kernels;
  // LLVM compiles two modules at once only in separate contexts, so it moves
  // to one of its own as bitcode.
  llvm::SmallString<0> straightLineBitcode;
  {
    std::unique_ptr<llvm::Module> straightLineModule =
        splitStraightLine(*llvmModule);
    llvm::raw_svector_ostream output(straightLineBitcode);
    llvm::WriteBitcodeToFile(*straightLineModule, output);
  }
  llvm::Expected<std::unique_ptr<llvm::TargetMachine>> fastMachine =
      createHostTargetMachine();
  if (!fastMachine)
    return fastMachine.takeError();
  (*fastMachine)->setOptLevel(llvm::CodeGenOptLevel::None);
  llvm::SmallVector<char, 0> straightLineObject;
  std::optional<std::string> straightLineFailure;
  std::thread straightLineThread([&] {
    llvm::LLVMContext context;
    llvm::Expected<std::unique_ptr<llvm::Module>> module =
        llvm::parseBitcodeFile(
            llvm::MemoryBufferRef(straightLineBitcode, "straight-line code"),
            context);
    llvm::Error error =
        module ? generateObject(**module, **fastMachine, straightLineObject)
               : module.takeError();
    if (error)
      straightLineFailure = llvm::toString(std::move(error));
  });
  llvm::SmallVector<char, 0> object;
  llvm::Error kernelsError =
      optimizeAndGenerate(*llvmModule, **targetMachine, optLevel, object);
  straightLineThread.join();
  if (kernelsError)
    return kernelsError;
  if (straightLineFailure)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   *straightLineFailure);
  // The two objects become one relocatable object at `path`.
  llvm::SmallString<128> kernelsPath, straightLinePath;
  if (std::error_code error =
          llvm::sys::fs::createTemporaryFile("shade-kernels", "o", kernelsPath))
    return llvm::createStringError(error, "cannot create a temporary file");
  llvm::FileRemover kernelsRemover(kernelsPath);
  if (std::error_code error = llvm::sys::fs::createTemporaryFile(
          "shade-program", "o", straightLinePath))
    return llvm::createStringError(error, "cannot create a temporary file");
  llvm::FileRemover straightLineRemover(straightLinePath);
  if (llvm::Error error = writeFile(kernelsPath, object))
    return error;
  if (llvm::Error error = writeFile(straightLinePath, straightLineObject))
    return error;
  return runCompilerDriver(
      {"-r", "-nostdlib", "-o", path, kernelsPath, straightLinePath},
      ("combining the objects of " + path).str());
}

std::string getRuntimeLibraryDirectory() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(&getRuntimeLibraryDirectory), &info) &&
      info.dli_fname) {
    llvm::SmallString<256> binary;
    if (!llvm::sys::fs::real_path(info.dli_fname, binary)) {
      llvm::SmallString<256> candidate =
          llvm::sys::path::parent_path(llvm::sys::path::parent_path(binary));
      llvm::sys::path::append(candidate, "lib", "libshade-runtime.so");
      if (llvm::sys::fs::exists(candidate))
        return llvm::sys::path::parent_path(candidate).str();
    }
  }
  return SHADE_RUNTIME_LIBRARY_DIR;
}

namespace {

llvm::Error runCompilerDriver(llvm::ArrayRef<llvm::StringRef> arguments,
                              llvm::StringRef what) {
  llvm::ErrorOr<std::string> driver = llvm::sys::findProgramByName("cc");
  if (!driver)
    return llvm::createStringError(driver.getError(),
                                   "no C compiler driver (cc) to link with");
  llvm::SmallVector<llvm::StringRef> command = {*driver};
  command.append(arguments.begin(), arguments.end());

  llvm::SmallString<128> diagnosticsPath;
  if (std::error_code error = llvm::sys::fs::createTemporaryFile(
          "shade-link", "txt", diagnosticsPath))
    return llvm::createStringError(error, "cannot create a temporary file");
  std::optional<llvm::StringRef> redirects[] = {
      std::nullopt, diagnosticsPath.str(), diagnosticsPath.str()};
  std::string errorMessage;
  int status = llvm::sys::ExecuteAndWait(*driver, command, std::nullopt,
                                         redirects, 0, 0, &errorMessage);
  std::string diagnostics;
  if (auto buffer = llvm::MemoryBuffer::getFile(diagnosticsPath))
    diagnostics = (*buffer)->getBuffer().str();
  llvm::sys::fs::remove(diagnosticsPath);
  if (status != 0)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "%s failed (%s): %s",
        what.str().c_str(),
        errorMessage.empty() ? ("exit status " + std::to_string(status)).c_str()
                             : errorMessage.c_str(),
        diagnostics.c_str());
  return llvm::Error::success();
}

} // namespace

llvm::Error linkSharedObject(llvm::StringRef objectPath,
                             llvm::StringRef outputPath) {
  std::string libraryDirectory = getRuntimeLibraryDirectory();
  std::string libraryFlag = "-L" + libraryDirectory;
  std::string rpathFlag = "-Wl,-rpath," + libraryDirectory;
  return runCompilerDriver({"-shared", "-Wl,-Bsymbolic", "-o", outputPath,
                            objectPath, libraryFlag, rpathFlag,
                            "-lshade-runtime"},
                           ("linking " + outputPath).str());
}

} // namespace shade::execution

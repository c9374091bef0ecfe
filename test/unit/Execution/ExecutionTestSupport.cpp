#include "ExecutionTestSupport.h"

#include "compiler/Conversion/Pipeline.h"
#include "compiler/Execution/Codegen.h"
#include "compiler/Registration/Registration.h"

#include "shade/runtime/Encoding.h"
#include "shade/runtime/ParameterSets.h"
#include "shade/runtime/Serialization.h"
#include "shade/runtime/Testing.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <map>

namespace shade::execution::testing {

const TestKeys &TestKeys::get() {
  return get(runtime::KeyLayout::single(runtime::defaultParameters(4)));
}

const TestKeys &TestKeys::get(const runtime::KeyLayout &layout) {
  static std::map<std::string, std::unique_ptr<TestKeys>> keysByLayout;
  std::string name;
  for (const runtime::Parameters &parameters : layout.sets)
    name += formatParametersAttribute(parameters);
  for (const runtime::KeyPattern &pattern : layout.patterns)
    name += llvm::formatv("({0}, {1})", pattern.source, pattern.target).str();
  std::unique_ptr<TestKeys> &keys = keysByLayout[name];
  if (!keys)
    keys = std::make_unique<TestKeys>(layout);
  return *keys;
}

TestKeys::TestKeys(const runtime::KeyLayout &layout) {
  runtime::Csprng rng = runtime::testing::seededCsprngForTesting(2024);
  secretKeys = runtime::generateSecretKeySet(layout, rng);
  runtime::EvaluationKeySet evaluationKeys =
      runtime::generateEvaluationKeySet(secretKeys, rng);
  llvm::SmallString<128> path;
  if (llvm::sys::fs::createTemporaryFile("shade-execution-keys", "bin", path))
    throw std::runtime_error("cannot create a temporary key file");
  runtime::writeEvaluationKeySet(path.str().str(), evaluationKeys);
  shade_rt_status status =
      shade_rt_context_load(path.c_str(), nullptr, &context);
  llvm::sys::fs::remove(path);
  if (status != SHADE_RT_OK)
    throw std::runtime_error(shade_rt_last_error());
}

std::string formatParametersAttribute(const runtime::Parameters &p) {
  return llvm::formatv("#tfhe.parameters<lwe_dim = {0}, glwe_dim = {1}, "
                       "poly_size = {2}, lwe_noise_std = {3:e}, "
                       "glwe_noise_std = {4:e}, pbs_base_log = {5}, "
                       "pbs_levels = {6}, ks_base_log = {7}, ks_levels = {8}>",
                       p.lweDimension, p.glweDimension, p.polynomialSize,
                       p.lweNoiseStdDev, p.glweNoiseStdDev, p.pbs.baseLog,
                       p.pbs.level, p.keySwitch.baseLog, p.keySwitch.level)
      .str();
}

std::vector<uint64_t> encrypt(const TestKeys &testKeys, const Values &values,
                              unsigned width, bool isSigned, unsigned keySet) {
  static runtime::Csprng rng = runtime::testing::seededCsprngForTesting(7);
  const runtime::SecretKeys &keys = testKeys.getSecretKeys(keySet);
  std::vector<uint64_t> ciphertexts;
  for (int64_t value : values) {
    if (isSigned)
      EXPECT_TRUE(value >= -(int64_t(1) << (width - 1)) &&
                  value < (int64_t(1) << (width - 1)))
          << value << " is not a signed " << width << "-bit integer";
    else
      EXPECT_TRUE(value >= 0 && value < (int64_t(1) << width))
          << value << " is not an unsigned " << width << "-bit integer";
    runtime::Torus plaintext = static_cast<uint64_t>(value) << (63 - width);
    runtime::LweCiphertext ciphertext =
        runtime::encryptBig(keys, plaintext, rng);
    ciphertexts.insert(ciphertexts.end(), ciphertext.data.begin(),
                       ciphertext.data.end());
  }
  return ciphertexts;
}

Values decrypt(const TestKeys &testKeys,
               const std::vector<uint64_t> &ciphertexts, size_t count,
               unsigned width, bool isSigned, unsigned keySet) {
  const runtime::SecretKeys &keys = testKeys.getSecretKeys(keySet);
  size_t size = keys.parameters.bigLweDimension() + 1;
  Values values;
  for (size_t i = 0; i < count; ++i) {
    runtime::Torus phase =
        runtime::decryptBigPhase(keys, ciphertexts.data() + i * size);
    values.push_back(isSigned ? runtime::decodeSignedMessage(phase, width)
                              : int64_t(runtime::decodeMessage(phase, width)));
  }
  return values;
}

namespace {

/// The bytes of one clear element of `width` bits in a buffer.
size_t getClearElementSize(unsigned width) {
  return width <= 8 ? 1 : width <= 16 ? 2 : width <= 32 ? 4 : 8;
}

/// A buffer of one input or output.
struct Buffer {
  std::vector<uint64_t> words;

  void *data() { return words.data(); }
};

Buffer makeBuffer(const ValueSpec &spec,
                  const std::vector<runtime::Parameters> &sets) {
  size_t ciphertextSize = sets.at(spec.keySet).bigLweDimension() + 1;
  size_t count = spec.getNumElements();
  size_t bytes = spec.encrypted ? count * ciphertextSize * 8
                                : count * getClearElementSize(spec.width);
  Buffer buffer;
  buffer.words.assign((bytes + 7) / 8, 0);
  return buffer;
}

} // namespace

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

mlir::OwningOpRef<mlir::ModuleOp>
CompiledFunctions::lower(const std::string &functions, bool analyse) {
  auto start = std::chrono::steady_clock::now();
  mlir::DialectRegistry registry;
  shade::registerAllDialects(registry);
  context.appendDialectRegistry(registry);
  registerTranslations(context);
  std::string attributes =
      analyse ? ""
              : "attributes {fhe.parameters = " +
                    formatParametersAttribute(
                        TestKeys::get().getSecretKeys().parameters) +
                    "} ";
  std::string source = "module " + attributes + "{\n" + functions + "\n}\n";
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  if (!module) {
    ADD_FAILURE() << "cannot parse:\n" << source;
    return nullptr;
  }
  if (analyse) {
    mlir::PassManager pm(&context);
    buildAnalysisPipeline(pm, PipelineOptions());
    if (failed(pm.run(*module))) {
      ADD_FAILURE() << "the analyses failed";
      return nullptr;
    }
  }
  mlir::FailureOr<ProgramSpec> described = describeProgram(*module);
  if (failed(described)) {
    ADD_FAILURE() << "cannot describe the program";
    return nullptr;
  }
  spec = std::move(*described);
  if (failed(lowerToLLVMDialect(*module))) {
    ADD_FAILURE() << "the lowering failed";
    return nullptr;
  }
  loweringSeconds = secondsSince(start);
  return module;
}

std::unique_ptr<CompiledFunctions>
CompiledFunctions::jit(const std::string &functions) {
  std::unique_ptr<CompiledFunctions> compiled(new CompiledFunctions());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      compiled->lower(functions, /*analyse=*/false);
  if (!module)
    return nullptr;
  return jitLowered(std::move(compiled), *module);
}

std::unique_ptr<CompiledFunctions>
CompiledFunctions::jitAnalysed(const std::string &functions) {
  std::unique_ptr<CompiledFunctions> compiled(new CompiledFunctions());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      compiled->lower(functions, /*analyse=*/true);
  if (!module)
    return nullptr;
  return jitLowered(std::move(compiled), *module);
}

std::unique_ptr<CompiledFunctions>
CompiledFunctions::jitLowered(std::unique_ptr<CompiledFunctions> compiled,
                              mlir::ModuleOp module) {
  auto start = std::chrono::steady_clock::now();
  llvm::Expected<std::unique_ptr<JitProgram>> program =
      JitProgram::create(module);
  if (!program) {
    ADD_FAILURE() << llvm::toString(program.takeError());
    return nullptr;
  }
  // The first lookup generates the machine code of the whole module.
  for (const FunctionSpec &function : compiled->spec.functions)
    if (llvm::Error error = (*program)->lookup(function.name).takeError()) {
      ADD_FAILURE() << llvm::toString(std::move(error));
      return nullptr;
    }
  compiled->codegenSeconds = secondsSince(start);
  compiled->jitProgram = std::move(*program);
  return compiled;
}

std::unique_ptr<CompiledFunctions>
CompiledFunctions::sharedObject(const std::string &functions) {
  std::unique_ptr<CompiledFunctions> compiled(new CompiledFunctions());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      compiled->lower(functions, /*analyse=*/false);
  if (!module)
    return nullptr;
  llvm::SmallString<128> directory;
  if (llvm::sys::fs::createUniqueDirectory("shade-execution", directory)) {
    ADD_FAILURE() << "cannot create a temporary directory";
    return nullptr;
  }
  compiled->temporaryDirectory = directory.str().str();
  std::string object = compiled->temporaryDirectory + "/program.o";
  std::string library = compiled->temporaryDirectory + "/program.so";
  auto start = std::chrono::steady_clock::now();
  if (llvm::Error error = emitObjectFile(*module, object, 3)) {
    ADD_FAILURE() << llvm::toString(std::move(error));
    return nullptr;
  }
  if (llvm::Error error = linkSharedObject(object, library)) {
    ADD_FAILURE() << llvm::toString(std::move(error));
    return nullptr;
  }
  compiled->codegenSeconds = secondsSince(start);
  llvm::Expected<std::unique_ptr<SharedObjectProgram>> program =
      SharedObjectProgram::load(library);
  if (!program) {
    ADD_FAILURE() << llvm::toString(program.takeError());
    return nullptr;
  }
  compiled->sharedObjectProgram = std::move(*program);
  return compiled;
}

CompiledFunctions::~CompiledFunctions() {
  sharedObjectProgram.reset();
  if (!temporaryDirectory.empty())
    llvm::sys::fs::remove_directories(temporaryDirectory);
}

std::vector<Values>
CompiledFunctions::run(const std::string &name,
                       const std::vector<Values> &inputs) const {
  const FunctionSpec *function = spec.lookup(name);
  if (!function) {
    ADD_FAILURE() << "no function @" << name;
    return {};
  }
  EXPECT_EQ(inputs.size(), function->inputs.size()) << "inputs of @" << name;
  const TestKeys &keys =
      TestKeys::get(runtime::KeyLayout{spec.parameterSets, spec.patterns});
  std::vector<Buffer> buffers;
  for (auto [values, input] : llvm::zip(inputs, function->inputs)) {
    EXPECT_EQ(int64_t(values.size()), input.getNumElements());
    Buffer buffer = makeBuffer(input, spec.parameterSets);
    if (input.encrypted) {
      buffer.words =
          encrypt(keys, values, input.width, input.isSigned, input.keySet);
    } else {
      size_t elementSize = getClearElementSize(input.width);
      auto *bytes = static_cast<char *>(buffer.data());
      for (auto [index, value] : llvm::enumerate(values))
        std::memcpy(bytes + index * elementSize, &value, elementSize);
    }
    buffers.push_back(std::move(buffer));
  }
  for (const ValueSpec &output : function->outputs)
    buffers.push_back(makeBuffer(output, spec.parameterSets));
  std::vector<void *> pointers;
  for (Buffer &buffer : buffers)
    pointers.push_back(buffer.data());

  llvm::Expected<PackedEntryPoint> entryPoint =
      jitProgram ? jitProgram->lookup(name) : sharedObjectProgram->lookup(name);
  if (!entryPoint) {
    ADD_FAILURE() << llvm::toString(entryPoint.takeError());
    return {};
  }
  shade_rt_context *runtimeContext = keys.getContext();
  if (llvm::Error error = checkContextParameters(
          runtimeContext, spec.parameterSets, spec.patterns)) {
    ADD_FAILURE() << llvm::toString(std::move(error));
    return {};
  }
  if (llvm::Error error = invoke(*entryPoint, name, runtimeContext, pointers)) {
    ADD_FAILURE() << llvm::toString(std::move(error));
    return {};
  }

  std::vector<Values> outputs;
  for (auto [index, output] : llvm::enumerate(function->outputs)) {
    const Buffer &buffer = buffers[inputs.size() + index];
    size_t count = output.getNumElements();
    if (output.encrypted) {
      outputs.push_back(decrypt(keys, buffer.words, count, output.width,
                                output.isSigned, output.keySet));
      continue;
    }
    size_t elementSize = getClearElementSize(output.width);
    const auto *bytes = reinterpret_cast<const char *>(buffer.words.data());
    Values values;
    for (size_t i = 0; i < count; ++i) {
      int64_t value = 0;
      std::memcpy(&value, bytes + i * elementSize, elementSize);
      unsigned shift = 64 - output.width;
      values.push_back(int64_t(uint64_t(value) << shift) >> shift);
    }
    outputs.push_back(std::move(values));
  }
  return outputs;
}

} // namespace shade::execution::testing

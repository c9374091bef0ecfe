// Compiling fhe/fhelinalg functions and running them on real ciphertexts:
// keys of a runtime parameter set made once per process from a fixed seed,
// encryption under the tfhe dialect's encoding, and the calling convention
// of compiled programs.

#ifndef SHADE_TEST_UNIT_EXECUTION_EXECUTIONTESTSUPPORT_H
#define SHADE_TEST_UNIT_EXECUTION_EXECUTIONTESTSUPPORT_H

#include "compiler/Execution/EntryPoint.h"
#include "compiler/Execution/JitProgram.h"
#include "compiler/Execution/ProgramSpec.h"
#include "compiler/Execution/SharedObjectProgram.h"

#include "shade/runtime/CApi.h"
#include "shade/runtime/Keys.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace shade::execution::testing {

/// The keys of a key layout (parameter sets and key patterns), drawn once
/// per process and layout from a fixed seed, and a runtime context with the
/// evaluation keys.
class TestKeys {
public:
  /// By default, one set, runtime::defaultParameters(4) (n = 840, k = 1,
  /// N = 2048).
  static const TestKeys &get();
  static const TestKeys &get(const runtime::KeyLayout &layout);

  /// The secret keys of parameter set `set`.
  const runtime::SecretKeys &getSecretKeys(unsigned set = 0) const {
    return secretKeys.sets.at(set);
  }
  shade_rt_context *getContext() const { return context; }

  explicit TestKeys(const runtime::KeyLayout &layout);

private:
  runtime::SecretKeySet secretKeys;
  shade_rt_context *context = nullptr;
};

/// `#tfhe.parameters<...>` of `parameters`.
std::string formatParametersAttribute(const runtime::Parameters &parameters);

/// Values as the program sees them: one int64_t per element, row-major.
using Values = std::vector<int64_t>;

/// Encrypts under the big key of set `keySet` of `keys` with the tfhe
/// dialect's encoding: the plaintext of m (w bits) is m * 2^(63-w) mod 2^64,
/// sign-extended when signed.
std::vector<uint64_t> encrypt(const TestKeys &keys, const Values &values,
                              unsigned width, bool isSigned,
                              unsigned keySet = 0);
/// Decrypts and decodes `count` ciphertexts at rest under set `keySet`.
Values decrypt(const TestKeys &keys, const std::vector<uint64_t> &ciphertexts,
               size_t count, unsigned width, bool isSigned,
               unsigned keySet = 0);

/// Functions compiled together (JIT or shared object), called on values:
/// encrypted inputs are encrypted, clear ones passed as their integer
/// elements, and outputs decrypted.
class CompiledFunctions {
public:
  /// Parses `functions` (MLIR functions on fhe/fhelinalg types) into a module
  /// carrying the test keys' `fhe.parameters`, lowers it and compiles it
  /// with the JIT. Fails the current test (and returns null) on any error.
  static std::unique_ptr<CompiledFunctions> jit(const std::string &functions);
  /// The same, through an object file and a shared object in a temporary
  /// directory, loaded with dlopen.
  static std::unique_ptr<CompiledFunctions>
  sharedObject(const std::string &functions);
  /// Like jit, but the module has no parameters: the analyses of
  /// compiler/Transforms choose them (and decompose what they must), and the
  /// functions run with keys of the chosen parameters.
  static std::unique_ptr<CompiledFunctions>
  jitAnalysed(const std::string &functions);

  ~CompiledFunctions();

  /// Seconds spent parsing and lowering to the LLVM dialect, and then
  /// producing machine code (LLVM IR, optimization, code generation).
  double getLoweringSeconds() const { return loweringSeconds; }
  double getCodegenSeconds() const { return codegenSeconds; }

  /// Runs @name; one Values per input, returns one per output.
  std::vector<Values> run(const std::string &name,
                          const std::vector<Values> &inputs) const;

private:
  CompiledFunctions() = default;
  /// Parses (adding the default test keys' parameters unless `analyse`, in
  /// which case the analyses choose them) and lowers; fills `spec`.
  mlir::OwningOpRef<mlir::ModuleOp> lower(const std::string &functions,
                                          bool analyse);
  /// Compiles the lowered `module` with the JIT.
  static std::unique_ptr<CompiledFunctions>
  jitLowered(std::unique_ptr<CompiledFunctions> compiled,
             mlir::ModuleOp module);

  mlir::MLIRContext context;
  ProgramSpec spec;
  std::unique_ptr<JitProgram> jitProgram;
  std::unique_ptr<SharedObjectProgram> sharedObjectProgram;
  std::string temporaryDirectory;
  double loweringSeconds = 0;
  double codegenSeconds = 0;
};

} // namespace shade::execution::testing

#endif // SHADE_TEST_UNIT_EXECUTION_EXECUTIONTESTSUPPORT_H

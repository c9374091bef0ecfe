// What a client needs to know about a compiled program: the parameters its
// keys must have, and for each function the inputs and outputs it takes as
// buffers, in calling order (docs/lowering.md, "Calling convention").

#ifndef SHADE_COMPILER_EXECUTION_PROGRAMSPEC_H
#define SHADE_COMPILER_EXECUTION_PROGRAMSPEC_H

#include "shade/runtime/Keys.h"
#include "shade/runtime/Parameters.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace shade::execution {

/// One input or output of a compiled function.
struct ValueSpec {
  /// A ciphertext buffer holds, for each element in row-major order, the
  /// k * N + 1 torus elements of one ciphertext at rest (uint64_t). A clear
  /// buffer holds the elements themselves, each in the smallest of 1, 2, 4
  /// or 8 bytes that holds `width` bits (i1 takes one byte).
  bool encrypted = false;
  /// Empty for a scalar.
  llvm::SmallVector<int64_t> shape;
  /// The message width (encrypted) or the integer width (clear).
  unsigned width = 0;
  /// Two's complement (encrypted `!fhe.esint`; clear integers are read as
  /// two's complement too).
  bool isSigned = false;
  /// For a ciphertext: the parameter set whose big key encrypts it.
  unsigned keySet = 0;

  int64_t getNumElements() const;
};

struct FunctionSpec {
  std::string name;
  std::vector<ValueSpec> inputs;
  std::vector<ValueSpec> outputs;
};

struct ProgramSpec {
  /// The parameter sets of `fhe.parameters`, in order; the evaluation keys
  /// must have them.
  std::vector<runtime::Parameters> parameterSets;
  /// The key patterns of `fhe.key_patterns`: the compiled code names pattern
  /// p by its index p (dialects/TFHE/IR/TFHEKeyLayout.h).
  std::vector<runtime::KeyPattern> patterns;
  /// The public functions, in module order.
  std::vector<FunctionSpec> functions;

  /// The function named `name`, or null.
  const FunctionSpec *lookup(llvm::StringRef name) const;
};

/// Describes the public functions of `module`, which must be the analysed
/// fhe/fhelinalg module carrying `fhe.parameters` (before the lowering).
/// Emits an error on the module and fails otherwise, or when an argument or
/// result is neither an encrypted nor a clear integer (or a static tensor of
/// them).
mlir::FailureOr<ProgramSpec> describeProgram(mlir::ModuleOp module);

} // namespace shade::execution

#endif // SHADE_COMPILER_EXECUTION_PROGRAMSPEC_H

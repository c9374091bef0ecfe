// From an analysed fhe/fhelinalg module to machine code: the lowering to the
// LLVM dialect, LLVM IR, its optimization for the host, object files and
// shared objects.

#ifndef SHADE_COMPILER_EXECUTION_CODEGEN_H
#define SHADE_COMPILER_EXECUTION_CODEGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace shade::execution {

/// Registers in `context` what the translation to LLVM IR needs (the
/// builtin and LLVM dialect translations).
void registerTranslations(mlir::MLIRContext &context);

/// Runs the lowering pipeline (shade::buildLoweringPipeline) on `module`,
/// which must carry `fhe.parameters`; on success it is in the LLVM dialect.
mlir::LogicalResult lowerToLLVMDialect(mlir::ModuleOp module);

/// Drops the argument and result attributes of the LLVM functions in
/// `module` that have no LLVM IR counterpart (the `fhe.name` and `fhe.range`
/// of a program's arguments): the translation to LLVM IR warns about each
/// one, printing the whole function into the warning, time in the size of
/// the program.
void dropForeignAttributes(mlir::ModuleOp module);

/// A target machine for the host CPU (its features, so that the vectorizer
/// uses the widest vectors it has), position-independent code.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> createHostTargetMachine();

/// Optimizes `module` for `targetMachine` at `optLevel` (0 to 3). A
/// function of one basic block (the straight-line body of a compiled program:
/// one call per tensor op) is first simplified (the memref descriptors it
/// builds and reads back folded away); if it is still longer than
/// 2 * `kChunkInstructions` instructions, it is cut into chunks of that many
/// instructions moved into functions of their own, since LLVM's code
/// generation takes time superlinear in a function's size, and these
/// straight-line calls are compiled without optimization (the kernels they
/// call are optimized).
llvm::Error optimizeModule(llvm::Module &module,
                           llvm::TargetMachine &targetMachine,
                           unsigned optLevel);

/// Instructions per chunk of a straight-line function (see optimizeModule).
inline constexpr unsigned kChunkInstructions = 1000;

/// Translates an LLVM-dialect module to LLVM IR for `targetMachine` and
/// optimizes it at `optLevel` (0 to 3).
llvm::Expected<std::unique_ptr<llvm::Module>>
translateAndOptimize(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                     llvm::TargetMachine &targetMachine, unsigned optLevel);

/// Writes the object file of an LLVM-dialect module for the host. The
/// functions optimizeModule compiles without optimization (the chunks of a
/// long straight-line function) get their code from a second module,
/// generated at CodeGenOptLevel::None (fast instruction selection and
/// register allocation), the rest at `optLevel` and the aggressive code
/// generator; the two objects are joined into one (`cc -r`). What was
/// internal becomes hidden, so that the shared object exports nothing more.
llvm::Error emitObjectFile(mlir::ModuleOp module, llvm::StringRef path,
                           unsigned optLevel);

/// Links `objectPath` into the shared object `outputPath` with the system C
/// compiler driver, against the shared runtime libshade-runtime.so (found
/// through an rpath to its directory).
llvm::Error linkSharedObject(llvm::StringRef objectPath,
                             llvm::StringRef outputPath);

/// The directory of libshade-runtime.so: `lib/` beside the directory of the
/// binary this code is part of (`bin/shadec` next to `lib/`, installed or in
/// the build tree), else the build tree's.
std::string getRuntimeLibraryDirectory();

} // namespace shade::execution

#endif // SHADE_COMPILER_EXECUTION_CODEGEN_H

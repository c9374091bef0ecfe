// A program compiled ahead of time into a shared object (emitObjectFile,
// linkSharedObject), loaded with dlopen.

#ifndef SHADE_COMPILER_EXECUTION_SHAREDOBJECTPROGRAM_H
#define SHADE_COMPILER_EXECUTION_SHAREDOBJECTPROGRAM_H

#include "compiler/Execution/EntryPoint.h"

#include <memory>

namespace shade::execution {

class SharedObjectProgram {
public:
  /// Loads the shared object at `path`. Its runtime symbols resolve to the
  /// process's when it exports them (an executable linked with
  /// ENABLE_EXPORTS), else to libshade-runtime.so, which it links.
  static llvm::Expected<std::unique_ptr<SharedObjectProgram>>
  load(llvm::StringRef path);

  ~SharedObjectProgram();
  SharedObjectProgram(const SharedObjectProgram &) = delete;
  SharedObjectProgram &operator=(const SharedObjectProgram &) = delete;

  /// The packed entry point of function `name`.
  llvm::Expected<PackedEntryPoint> lookup(llvm::StringRef name) const;

private:
  explicit SharedObjectProgram(void *handle) : handle(handle) {}

  void *handle;
};

} // namespace shade::execution

#endif // SHADE_COMPILER_EXECUTION_SHAREDOBJECTPROGRAM_H

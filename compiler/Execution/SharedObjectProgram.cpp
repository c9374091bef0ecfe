#include "compiler/Execution/SharedObjectProgram.h"

#include <dlfcn.h>

namespace shade::execution {

llvm::Expected<std::unique_ptr<SharedObjectProgram>>
SharedObjectProgram::load(llvm::StringRef path) {
  void *handle = dlopen(path.str().c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot load %s: %s", path.str().c_str(),
                                   dlerror());
  return std::unique_ptr<SharedObjectProgram>(new SharedObjectProgram(handle));
}

SharedObjectProgram::~SharedObjectProgram() { dlclose(handle); }

llvm::Expected<PackedEntryPoint>
SharedObjectProgram::lookup(llvm::StringRef name) const {
  std::string symbol = getPackedEntryPointName(name);
  void *address = dlsym(handle, symbol.c_str());
  if (!address)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the program has no function @%s (%s)",
                                   name.str().c_str(), symbol.c_str());
  return reinterpret_cast<PackedEntryPoint>(address);
}

} // namespace shade::execution

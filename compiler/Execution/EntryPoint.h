// Calling a compiled function, whichever way it was compiled (JIT or shared
// object): every function `f` has the packed entry point
// `int32_t _shade_packed_f(shade_rt_context *context, void **arguments)`
// (--shade-packed-entry-points), `arguments` holding one pointer per input
// then per output buffer (docs/lowering.md, "Calling convention").

#ifndef SHADE_COMPILER_EXECUTION_ENTRYPOINT_H
#define SHADE_COMPILER_EXECUTION_ENTRYPOINT_H

#include "compiler/Execution/ProgramSpec.h"

#include "shade/runtime/CApi.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace shade::execution {

using PackedEntryPoint = int32_t (*)(shade_rt_context *context,
                                     void **arguments);

/// The symbol of the packed entry point of function `name`.
std::string getPackedEntryPointName(llvm::StringRef name);

/// Fails unless `context` holds evaluation keys of the parameter sets `sets`
/// (their dimensions and decompositions) and the key patterns `patterns`,
/// naming the first difference.
llvm::Error
checkContextParameters(const shade_rt_context *context,
                       const std::vector<runtime::Parameters> &sets,
                       const std::vector<runtime::KeyPattern> &patterns);

/// Calls `entryPoint` (of function `name`) with `buffers`, one per input then
/// per output; a failing status becomes an error carrying the runtime's
/// message.
llvm::Error invoke(PackedEntryPoint entryPoint, llvm::StringRef name,
                   shade_rt_context *context, llvm::ArrayRef<void *> buffers);

} // namespace shade::execution

#endif // SHADE_COMPILER_EXECUTION_ENTRYPOINT_H

//===- Execute.h - Running compiled code on ciphertexts ---------*- C++ -*-===//

#ifndef SHADE_COMPILER_DRIVER_EXECUTE_H
#define SHADE_COMPILER_DRIVER_EXECUTE_H

#include "compiler/Driver/RuntimeBridge.h"
#include "compiler/Execution/EntryPoint.h"

namespace shade::driver {

/// Checks `args` against the inputs of `spec`, lays them out as the calling
/// convention wants (docs/lowering.md), calls `entryPoint` with the
/// evaluation keys of `context` on `options.threads` threads, reporting
/// progress, and returns the outputs. `source` names the arguments in
/// errors.
std::vector<runtime::Tensor>
executeCompiled(const ClientSpec &spec, execution::PackedEntryPoint entryPoint,
                shade_rt_context *context,
                const std::vector<runtime::Tensor> &args,
                const ExecuteOptions &options, const std::string &source);

} // namespace shade::driver

#endif // SHADE_COMPILER_DRIVER_EXECUTE_H

#include "compiler/Execution/EntryPoint.h"
#include "compiler/Conversion/Passes.h"

#include "llvm/Support/FormatVariadic.h"

namespace shade::execution {

std::string getPackedEntryPointName(llvm::StringRef name) {
  return (kPackedEntryPointPrefix + name).str();
}

llvm::Error checkContextParameters(const shade_rt_context *context,
                                   const runtime::Parameters &expected) {
  shade_rt_parameters actual;
  if (shade_rt_context_get_parameters(context, &actual) != SHADE_RT_OK)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s",
                                   shade_rt_last_error());
  bool same = actual.lwe_dimension == expected.lweDimension &&
              actual.glwe_dimension == expected.glweDimension &&
              actual.polynomial_size == expected.polynomialSize &&
              actual.pbs_base_log == expected.pbs.baseLog &&
              actual.pbs_level == expected.pbs.level &&
              actual.ks_base_log == expected.keySwitch.baseLog &&
              actual.ks_level == expected.keySwitch.level;
  if (same)
    return llvm::Error::success();
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      llvm::formatv(
          "the evaluation keys have the parameters n = {0}, k = {1}, "
          "N = {2}, pbs {3}x{4}, ks {5}x{6}; the program was "
          "compiled for n = {7}, k = {8}, N = {9}, pbs {10}x{11}, "
          "ks {12}x{13} (base log x levels)",
          actual.lwe_dimension, actual.glwe_dimension, actual.polynomial_size,
          actual.pbs_base_log, actual.pbs_level, actual.ks_base_log,
          actual.ks_level, expected.lweDimension, expected.glweDimension,
          expected.polynomialSize, expected.pbs.baseLog, expected.pbs.level,
          expected.keySwitch.baseLog, expected.keySwitch.level)
          .str());
}

llvm::Error invoke(PackedEntryPoint entryPoint, llvm::StringRef name,
                   shade_rt_context *context, llvm::ArrayRef<void *> buffers) {
  llvm::SmallVector<void *> arguments(buffers);
  int32_t status = entryPoint(context, arguments.data());
  if (status == SHADE_RT_OK)
    return llvm::Error::success();
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(), "@%s failed with status %d: %s",
      name.str().c_str(), status, shade_rt_last_error());
}

} // namespace shade::execution

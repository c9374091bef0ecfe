#include "compiler/Execution/EntryPoint.h"
#include "compiler/Conversion/Passes.h"

#include "llvm/Support/FormatVariadic.h"

namespace shade::execution {

std::string getPackedEntryPointName(llvm::StringRef name) {
  return (kPackedEntryPointPrefix + name).str();
}

namespace {

llvm::Error runtimeError() {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s",
                                 shade_rt_last_error());
}

llvm::Error mismatch(const std::string &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s",
                                 message.c_str());
}

/// Whether the keys of `actual` serve code compiled for `expected`: the
/// dimensions and decompositions decide the sizes and the results; the
/// noise the keys were made with does not.
bool sameShape(const shade_rt_parameters &actual,
               const runtime::Parameters &expected) {
  return actual.lwe_dimension == expected.lweDimension &&
         actual.glwe_dimension == expected.glweDimension &&
         actual.polynomial_size == expected.polynomialSize &&
         actual.pbs_base_log == expected.pbs.baseLog &&
         actual.pbs_level == expected.pbs.level &&
         actual.ks_base_log == expected.keySwitch.baseLog &&
         actual.ks_level == expected.keySwitch.level;
}

} // namespace

llvm::Error
checkContextParameters(const shade_rt_context *context,
                       const std::vector<runtime::Parameters> &sets,
                       const std::vector<runtime::KeyPattern> &patterns) {
  uint32_t setCount = 0, patternCount = 0;
  if (shade_rt_context_get_set_count(context, &setCount) != SHADE_RT_OK ||
      shade_rt_context_get_pattern_count(context, &patternCount) != SHADE_RT_OK)
    return runtimeError();
  if (setCount != sets.size())
    return mismatch(llvm::formatv("the evaluation keys have {0} parameter "
                                  "set(s); the program was compiled for {1}",
                                  setCount, sets.size()));
  for (uint32_t set = 0; set < setCount; ++set) {
    shade_rt_parameters actual;
    if (shade_rt_context_get_parameters(context, set, &actual) != SHADE_RT_OK)
      return runtimeError();
    const runtime::Parameters &wanted = sets[set];
    if (sameShape(actual, wanted))
      continue;
    std::string which =
        setCount == 1 ? "" : llvm::formatv("set {0}: ", set).str();
    return mismatch(
        which + llvm::formatv(
                    "the evaluation keys have the parameters n = {0}, k = {1}, "
                    "N = {2}, pbs {3}x{4}, ks {5}x{6}; the program was "
                    "compiled for n = {7}, k = {8}, N = {9}, pbs {10}x{11}, "
                    "ks {12}x{13} (base log x levels)",
                    actual.lwe_dimension, actual.glwe_dimension,
                    actual.polynomial_size, actual.pbs_base_log,
                    actual.pbs_level, actual.ks_base_log, actual.ks_level,
                    wanted.lweDimension, wanted.glweDimension,
                    wanted.polynomialSize, wanted.pbs.baseLog, wanted.pbs.level,
                    wanted.keySwitch.baseLog, wanted.keySwitch.level)
                    .str());
  }
  if (patternCount != patterns.size())
    return mismatch(llvm::formatv("the evaluation keys have {0} key "
                                  "pattern(s); the program was compiled for "
                                  "{1}",
                                  patternCount, patterns.size()));
  for (uint32_t pattern = 0; pattern < patternCount; ++pattern) {
    shade_rt_key_pattern actual;
    if (shade_rt_context_get_pattern(context, pattern, &actual) != SHADE_RT_OK)
      return runtimeError();
    const runtime::KeyPattern &wanted = patterns[pattern];
    if (actual.source != wanted.source || actual.target != wanted.target)
      return mismatch(llvm::formatv(
          "the evaluation keys have the key pattern {0} = ({1}, {2}); the "
          "program was compiled for ({3}, {4})",
          pattern, actual.source, actual.target, wanted.source, wanted.target));
  }
  return llvm::Error::success();
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

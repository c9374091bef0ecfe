//===- CApi.cpp - The runtime's C interface, server side ------------------===//

#include "shade/runtime/CApi.h"
#include "CApiInternal.h"

#include "shade/runtime/Encoding.h"
#include "shade/runtime/ParameterSets.h"
#include "shade/runtime/Serialization.h"

#include <new>

using namespace shade::runtime;
using namespace shade::runtime::capi;

namespace {
thread_local std::string lastErrorMessage;
} // namespace

namespace shade::runtime::capi {

shade_rt_status fail(shade_rt_status status, const std::string &message) {
  try {
    lastErrorMessage = message;
  } catch (const std::bad_alloc &) {
    lastErrorMessage.clear();
  }
  return status;
}

shade_rt_status failWithCurrentException(const char *function) {
  std::string prefix = std::string(function) + ": ";
  try {
    throw;
  } catch (const ApiError &error) {
    return fail(error.status, prefix + error.what());
  } catch (const FileSystemError &error) {
    return fail(SHADE_RT_IO_ERROR, prefix + error.what());
  } catch (const SerializationError &error) {
    return fail(SHADE_RT_FORMAT_ERROR, prefix + error.what());
  } catch (const std::invalid_argument &error) {
    // ParameterError and the runtime's argument checks.
    return fail(SHADE_RT_INVALID_ARGUMENT, prefix + error.what());
  } catch (const std::bad_alloc &) {
    return fail(SHADE_RT_OUT_OF_MEMORY, prefix + "out of memory");
  } catch (const std::exception &error) {
    return fail(SHADE_RT_INTERNAL_ERROR, prefix + error.what());
  } catch (...) {
    return fail(SHADE_RT_INTERNAL_ERROR, prefix + "unknown exception");
  }
}

void requireNonNull(const void *pointer, const char *argument) {
  if (!pointer)
    throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                   std::string("argument '") + argument + "' is null");
}

void requireSize(const char *argument, size_t size, size_t expected,
                 const char *meaning) {
  if (size != expected)
    throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                   std::string(argument) + " is " + std::to_string(size) +
                       ", expected " + std::to_string(expected) + " (" +
                       meaning + ")");
}

size_t multiplySizes(size_t count, size_t elementSize, const char *argument) {
  size_t product;
  if (__builtin_mul_overflow(count, elementSize, &product))
    throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                   std::string(argument) + ": count " + std::to_string(count) +
                       " times " + std::to_string(elementSize) + " overflows");
  return product;
}

Parameters toParameters(const shade_rt_parameters &parameters) {
  Parameters result;
  result.lweDimension = parameters.lwe_dimension;
  result.glweDimension = parameters.glwe_dimension;
  result.polynomialSize = parameters.polynomial_size;
  result.lweNoiseStdDev = parameters.lwe_noise_std;
  result.glweNoiseStdDev = parameters.glwe_noise_std;
  result.pbs = {parameters.pbs_base_log, parameters.pbs_level};
  result.keySwitch = {parameters.ks_base_log, parameters.ks_level};
  result.validate();
  return result;
}

shade_rt_parameters fromParameters(const Parameters &parameters) {
  shade_rt_parameters result;
  result.lwe_dimension = parameters.lweDimension;
  result.glwe_dimension = parameters.glweDimension;
  result.polynomial_size = parameters.polynomialSize;
  result.lwe_noise_std = parameters.lweNoiseStdDev;
  result.glwe_noise_std = parameters.glweNoiseStdDev;
  result.pbs_base_log = parameters.pbs.baseLog;
  result.pbs_level = parameters.pbs.level;
  result.ks_base_log = parameters.keySwitch.baseLog;
  result.ks_level = parameters.keySwitch.level;
  return result;
}

KeyLayout toKeyLayout(const shade_rt_key_layout &layout) {
  if (layout.set_count != 0)
    requireNonNull(layout.sets, "sets");
  if (layout.pattern_count != 0)
    requireNonNull(layout.patterns, "patterns");
  KeyLayout result;
  for (uint32_t i = 0; i < layout.set_count; ++i)
    result.sets.push_back(toParameters(layout.sets[i]));
  for (uint32_t p = 0; p < layout.pattern_count; ++p)
    result.patterns.push_back(
        {layout.patterns[p].source, layout.patterns[p].target});
  result.validate();
  return result;
}

} // namespace shade::runtime::capi

shade_rt_context::shade_rt_context(EvaluationKeySet keys)
    : keys(std::move(keys)) {
  for (const EvaluationKeys &pair : this->keys.keys)
    evaluators.push_back(std::make_unique<BatchEvaluator>(pair, pool));
}

BatchEvaluator &shade_rt_context::evaluator(uint32_t pattern) {
  keysOf(pattern);
  return *evaluators[pattern];
}

const EvaluationKeys &shade_rt_context::keysOf(uint32_t pattern) const {
  if (pattern >= keys.keys.size())
    throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                   "pattern " + std::to_string(pattern) +
                       " is out of range: the evaluation keys have " +
                       std::to_string(keys.keys.size()) + " key pattern" +
                       (keys.keys.size() == 1 ? "" : "s"));
  return keys.keys[pattern];
}

namespace {

/// Sizes of one ciphertext and one table for the keys of a pattern.
struct Sizes {
  explicit Sizes(const EvaluationKeys &keys)
      : source(keys.inputSize()), big(keys.outputSize()),
        small(size_t(keys.parameters.lweDimension) + 1),
        table(keys.parameters.polynomialSize) {}

  /// Under the big key of the source set, and of the target set.
  size_t source;
  size_t big;
  size_t small;
  size_t table;
};

/// The number of tables in `tablesSize` elements: 1 or count.
size_t tableCount(const Sizes &sizes, size_t tablesSize, size_t count) {
  if (tablesSize == sizes.table)
    return 1;
  if (tablesSize == multiplySizes(count, sizes.table, "table size"))
    return count;
  throw ApiError(
      SHADE_RT_INVALID_ARGUMENT,
      "table size is " + std::to_string(tablesSize) + ", expected " +
          std::to_string(sizes.table) + " (one table of N coefficients) or " +
          std::to_string(count * sizes.table) + " (one table per ciphertext)");
}

/// The batched operations behind both the single and the batched C
/// functions; `function` names the C function in error messages.
shade_rt_status keySwitchBatch(const char *function, shade_rt_context *context,
                               uint32_t pattern, const uint64_t *inputs,
                               size_t inputsSize, uint64_t *outputs,
                               size_t outputsSize, size_t count) {
  return guard(function, [&] {
    requireNonNull(context, "context");
    requireNonNull(inputs, "input");
    requireNonNull(outputs, "output");
    Sizes sizes(context->keysOf(pattern));
    requireSize("input size", inputsSize,
                multiplySizes(count, sizes.source, "input size"),
                "count * (k_s * N_s + 1)");
    requireSize("output size", outputsSize,
                multiplySizes(count, sizes.small, "output size"),
                "count * (n + 1)");
    std::lock_guard<std::mutex> lock(context->callMutex);
    context->evaluator(pattern).keySwitch(inputs, outputs, count);
  });
}

/// `keySwitchFirst` selects inputs of dimension k_s * N_s and a key switch
/// before each bootstrap.
shade_rt_status bootstrapBatch(const char *function, bool keySwitchFirst,
                               shade_rt_context *context, uint32_t pattern,
                               const uint64_t *inputs, size_t inputsSize,
                               uint64_t *outputs, size_t outputsSize,
                               size_t count, const uint64_t *tables,
                               size_t tablesSize) {
  return guard(function, [&] {
    requireNonNull(context, "context");
    requireNonNull(inputs, "input");
    requireNonNull(outputs, "output");
    requireNonNull(tables, "table");
    Sizes sizes(context->keysOf(pattern));
    requireSize("input size", inputsSize,
                multiplySizes(count,
                              keySwitchFirst ? sizes.source : sizes.small,
                              "input size"),
                keySwitchFirst ? "count * (k_s * N_s + 1)" : "count * (n + 1)");
    requireSize("output size", outputsSize,
                multiplySizes(count, sizes.big, "output size"),
                "count * (k * N + 1)");
    size_t tablesCount = tableCount(sizes, tablesSize, count);
    std::lock_guard<std::mutex> lock(context->callMutex);
    BatchEvaluator &evaluator = context->evaluator(pattern);
    if (keySwitchFirst)
      evaluator.keySwitchBootstrap(inputs, outputs, count, tables, tablesCount);
    else
      evaluator.bootstrap(inputs, outputs, count, tables, tablesCount);
  });
}

/// The gathered forms from compact tables: `keySwitchFirst` selects
/// inputs of dimension k_s * N_s and a key switch before each bootstrap.
shade_rt_status
bootstrapTables(const char *function, bool keySwitchFirst,
                shade_rt_context *context, uint32_t pattern,
                const uint64_t *inputs, size_t inputsSize, uint64_t *outputs,
                size_t outputsSize, size_t count, const uint64_t *tables,
                size_t tablesSize, uint32_t inputWidth, uint32_t signedInput,
                const uint64_t *inputIndices, const uint64_t *tableIndices) {
  return guard(function, [&] {
    requireNonNull(context, "context");
    requireNonNull(inputs, "inputs");
    requireNonNull(outputs, "outputs");
    requireNonNull(tables, "tables");
    const EvaluationKeys &keys = context->keysOf(pattern);
    Sizes sizes(keys);
    size_t inputSize = keySwitchFirst ? sizes.source : sizes.small;
    const char *inputMeaning = keySwitchFirst ? "k_s * N_s + 1" : "n + 1";
    checkTableInputWidth(keys.parameters.polynomialSize, inputWidth,
                         "input_width");
    if (inputsSize % inputSize != 0)
      throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                     "inputs_size " + std::to_string(inputsSize) +
                         " is not a multiple of the ciphertext size " +
                         std::to_string(inputSize) + " (" + inputMeaning + ")");
    if (!inputIndices)
      requireSize("inputs_size", inputsSize,
                  multiplySizes(count, inputSize, "inputs_size"),
                  keySwitchFirst ? "count * (k_s * N_s + 1), input_indices "
                                   "being null"
                                 : "count * (n + 1), input_indices being null");
    requireSize("outputs_size", outputsSize,
                multiplySizes(count, sizes.big, "outputs_size"),
                "count * (k * N + 1)");
    size_t entries = size_t(1) << inputWidth;
    if (tablesSize == 0 || tablesSize % entries != 0)
      throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                     "tables_size " + std::to_string(tablesSize) +
                         " is not a nonzero multiple of 2^input_width = " +
                         std::to_string(entries));
    TableSelection selection;
    selection.tables = tables;
    selection.tableCount = tablesSize / entries;
    selection.inputWidth = inputWidth;
    selection.signedInput = signedInput != 0;
    selection.inputIndices = inputIndices;
    selection.tableIndices = tableIndices;
    size_t inputCount = inputsSize / inputSize;
    std::lock_guard<std::mutex> lock(context->callMutex);
    BatchEvaluator &evaluator = context->evaluator(pattern);
    if (keySwitchFirst)
      evaluator.keySwitchBootstrapTables(inputs, inputCount, outputs, count,
                                         selection);
    else
      evaluator.bootstrapTables(inputs, inputCount, outputs, count, selection);
  });
}

} // namespace

extern "C" {

const char *shade_rt_last_error(void) { return lastErrorMessage.c_str(); }

shade_rt_status shade_rt_default_parameters(uint32_t width,
                                            shade_rt_parameters *parameters) {
  return guard(__func__, [&] {
    requireNonNull(parameters, "parameters");
    *parameters = fromParameters(defaultParameters(width));
  });
}

shade_rt_key_layout
shade_rt_single_set_layout(const shade_rt_parameters *parameters) {
  static const shade_rt_key_pattern samePattern = {0, 0};
  return shade_rt_key_layout{parameters, 1, &samePattern, 1};
}

shade_rt_status shade_rt_context_load(const char *evaluation_key_path,
                                      const shade_rt_key_layout *expected,
                                      shade_rt_context **context) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    *context = nullptr;
    requireNonNull(evaluation_key_path, "evaluation_key_path");
    EvaluationKeySet keys =
        expected
            ? readEvaluationKeySet(evaluation_key_path, toKeyLayout(*expected))
            : readEvaluationKeySet(evaluation_key_path);
    *context = new shade_rt_context(std::move(keys));
  });
}

void shade_rt_context_destroy(shade_rt_context *context) { delete context; }

shade_rt_status shade_rt_context_get_set_count(const shade_rt_context *context,
                                               uint32_t *count) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    requireNonNull(count, "count");
    *count = uint32_t(context->keys.layout.sets.size());
  });
}

shade_rt_status
shade_rt_context_get_parameters(const shade_rt_context *context, uint32_t set,
                                shade_rt_parameters *parameters) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    requireNonNull(parameters, "parameters");
    const std::vector<Parameters> &sets = context->keys.layout.sets;
    if (set >= sets.size())
      throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                     "set " + std::to_string(set) +
                         " is out of range: the evaluation keys have " +
                         std::to_string(sets.size()) + " parameter set" +
                         (sets.size() == 1 ? "" : "s"));
    *parameters = fromParameters(sets[set]);
  });
}

shade_rt_status
shade_rt_context_get_pattern_count(const shade_rt_context *context,
                                   uint32_t *count) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    requireNonNull(count, "count");
    *count = uint32_t(context->keys.layout.patterns.size());
  });
}

shade_rt_status shade_rt_context_get_pattern(const shade_rt_context *context,
                                             uint32_t pattern,
                                             shade_rt_key_pattern *result) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    requireNonNull(result, "result");
    context->keysOf(pattern);
    const KeyPattern &found = context->keys.layout.patterns[pattern];
    *result = shade_rt_key_pattern{found.source, found.target};
  });
}

shade_rt_status shade_rt_context_set_thread_count(shade_rt_context *context,
                                                  uint32_t thread_count) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    std::lock_guard<std::mutex> lock(context->callMutex);
    context->pool.setThreadCount(thread_count);
  });
}

shade_rt_status
shade_rt_context_get_thread_count(const shade_rt_context *context,
                                  uint32_t *thread_count) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    requireNonNull(thread_count, "thread_count");
    *thread_count = context->pool.threadCount();
  });
}

shade_rt_status
shade_rt_context_get_bootstrap_count(const shade_rt_context *context,
                                     uint64_t *count) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    requireNonNull(count, "count");
    uint64_t total = 0;
    for (const std::unique_ptr<BatchEvaluator> &evaluator : context->evaluators)
      total += evaluator->bootstrapCount();
    *count = total;
  });
}

shade_rt_status shade_rt_encode_table(const shade_rt_context *context,
                                      uint32_t pattern, uint32_t input_width,
                                      uint32_t output_width,
                                      const uint64_t *table, size_t table_size,
                                      uint64_t *polynomial,
                                      size_t polynomial_size) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    requireNonNull(table, "table");
    requireNonNull(polynomial, "polynomial");
    uint32_t polynomialSize =
        context->keysOf(pattern).parameters.polynomialSize;
    requireSize("polynomial size", polynomial_size, polynomialSize,
                "the polynomial size N");
    if (input_width < 1 || input_width > 30)
      throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                     "input width " + std::to_string(input_width) +
                         " is outside [1, 30]");
    requireSize("table size", table_size, size_t(1) << input_width,
                "2^input_width entries");
    LookupTable lut = LookupTable::fromTable(
        polynomialSize, input_width, output_width,
        std::vector<uint64_t>(table, table + table_size));
    std::copy(lut.polynomial.begin(), lut.polynomial.end(), polynomial);
  });
}

shade_rt_status shade_rt_keyswitch(shade_rt_context *context, uint32_t pattern,
                                   const uint64_t *input, size_t input_size,
                                   uint64_t *output, size_t output_size) {
  return keySwitchBatch(__func__, context, pattern, input, input_size, output,
                        output_size, 1);
}

shade_rt_status shade_rt_bootstrap(shade_rt_context *context, uint32_t pattern,
                                   const uint64_t *input, size_t input_size,
                                   uint64_t *output, size_t output_size,
                                   const uint64_t *table, size_t table_size) {
  return bootstrapBatch(__func__, false, context, pattern, input, input_size,
                        output, output_size, 1, table, table_size);
}

shade_rt_status
shade_rt_keyswitch_bootstrap(shade_rt_context *context, uint32_t pattern,
                             const uint64_t *input, size_t input_size,
                             uint64_t *output, size_t output_size,
                             const uint64_t *table, size_t table_size) {
  return bootstrapBatch(__func__, true, context, pattern, input, input_size,
                        output, output_size, 1, table, table_size);
}

shade_rt_status shade_rt_keyswitch_batch(shade_rt_context *context,
                                         uint32_t pattern,
                                         const uint64_t *inputs,
                                         size_t inputs_size, uint64_t *outputs,
                                         size_t outputs_size, size_t count) {
  return keySwitchBatch(__func__, context, pattern, inputs, inputs_size,
                        outputs, outputs_size, count);
}

shade_rt_status
shade_rt_bootstrap_batch(shade_rt_context *context, uint32_t pattern,
                         const uint64_t *inputs, size_t inputs_size,
                         uint64_t *outputs, size_t outputs_size, size_t count,
                         const uint64_t *tables, size_t tables_size) {
  return bootstrapBatch(__func__, false, context, pattern, inputs, inputs_size,
                        outputs, outputs_size, count, tables, tables_size);
}

shade_rt_status shade_rt_keyswitch_bootstrap_batch(
    shade_rt_context *context, uint32_t pattern, const uint64_t *inputs,
    size_t inputs_size, uint64_t *outputs, size_t outputs_size, size_t count,
    const uint64_t *tables, size_t tables_size) {
  return bootstrapBatch(__func__, true, context, pattern, inputs, inputs_size,
                        outputs, outputs_size, count, tables, tables_size);
}

shade_rt_status shade_rt_bootstrap_tables(
    shade_rt_context *context, uint32_t pattern, const uint64_t *inputs,
    size_t inputs_size, uint64_t *outputs, size_t outputs_size, size_t count,
    const uint64_t *tables, size_t tables_size, uint32_t input_width,
    uint32_t signed_input, const uint64_t *input_indices,
    const uint64_t *table_indices) {
  return bootstrapTables(__func__, /*keySwitchFirst=*/false, context, pattern,
                         inputs, inputs_size, outputs, outputs_size, count,
                         tables, tables_size, input_width, signed_input,
                         input_indices, table_indices);
}

shade_rt_status shade_rt_keyswitch_bootstrap_tables(
    shade_rt_context *context, uint32_t pattern, const uint64_t *inputs,
    size_t inputs_size, uint64_t *outputs, size_t outputs_size, size_t count,
    const uint64_t *tables, size_t tables_size, uint32_t input_width,
    uint32_t signed_input, const uint64_t *input_indices,
    const uint64_t *table_indices) {
  return bootstrapTables(__func__, /*keySwitchFirst=*/true, context, pattern,
                         inputs, inputs_size, outputs, outputs_size, count,
                         tables, tables_size, input_width, signed_input,
                         input_indices, table_indices);
}

} // extern "C"

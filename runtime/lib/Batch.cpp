//===- Batch.cpp - Many key switches and bootstraps on all cores ----------===//

#include "shade/runtime/Batch.h"
#include "shade/runtime/Encoding.h"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>

namespace shade::runtime {

/// The scratch memory of one thread of the pool.
struct BatchEvaluator::Worker {
  explicit Worker(const EvaluationKeys &keys) : workspace(keys) {
    table.polynomial.resize(keys.parameters.polynomialSize);
  }

  AtomicPatternWorkspace workspace;
  /// The table of the current element; `loadedTable` is where it was copied
  /// or expanded from during the current call (null: nothing loaded yet).
  LookupTable table;
  const Torus *loadedTable = nullptr;
};

BatchEvaluator::BatchEvaluator(const EvaluationKeys &keys, ThreadPool &pool)
    : evaluationKeys(keys), threadPool(pool) {}

BatchEvaluator::~BatchEvaluator() = default;

void BatchEvaluator::checkArrays(const char *operation, const Torus *inputs,
                                 const Torus *outputs, size_t count) {
  if (count != 0 && (!inputs || !outputs))
    throw std::invalid_argument(std::string("batched ") + operation +
                                ": null " + (inputs ? "output" : "input") +
                                " array for " + std::to_string(count) +
                                " ciphertexts");
}

void BatchEvaluator::checkTables(const char *operation, const Torus *tables,
                                 size_t tableCount, size_t count) {
  if (count == 0)
    return;
  std::string prefix = std::string("batched ") + operation + ": ";
  if (!tables)
    throw std::invalid_argument(prefix + "null lookup table array");
  if (tableCount != 1 && tableCount != count)
    throw std::invalid_argument(prefix + std::to_string(tableCount) +
                                " lookup tables for " + std::to_string(count) +
                                " ciphertexts (needs 1 or " +
                                std::to_string(count) + ")");
}

void BatchEvaluator::checkDisjoint(const char *operation, const Torus *inputs,
                                   size_t inputsSize, const Torus *outputs,
                                   size_t outputsSize) {
  std::less<const Torus *> before;
  if (inputsSize != 0 && outputsSize != 0 &&
      before(outputs, inputs + inputsSize) &&
      before(inputs, outputs + outputsSize))
    throw std::invalid_argument(std::string(operation) +
                                ": the output array overlaps the input array "
                                "(outputs may read any input)");
}

void BatchEvaluator::prepareWorkers() {
  while (workers.size() < threadPool.threadCount())
    workers.push_back(std::make_unique<Worker>(evaluationKeys));
  for (std::unique_ptr<Worker> &worker : workers)
    worker->loadedTable = nullptr;
}

BatchEvaluator::Worker &BatchEvaluator::workerFor(unsigned index) {
  // Only if the pool grew behind the evaluator's back during this call.
  if (index >= workers.size())
    throw std::logic_error("BatchEvaluator: the thread pool's thread count "
                           "changed during a batch");
  return *workers[index];
}

void BatchEvaluator::setThreadCount(unsigned count) {
  std::lock_guard<std::mutex> lock(callMutex);
  threadPool.setThreadCount(count);
}

const LookupTable &BatchEvaluator::tableFor(Worker &worker, const Torus *tables,
                                            size_t tableCount,
                                            size_t index) const {
  size_t polynomialSize = evaluationKeys.parameters.polynomialSize;
  const Torus *source = tables + (tableCount == 1 ? 0 : index * polynomialSize);
  if (worker.loadedTable != source) {
    std::copy(source, source + polynomialSize, worker.table.polynomial.begin());
    worker.loadedTable = source;
  }
  return worker.table;
}

const LookupTable &BatchEvaluator::tableFor(Worker &worker,
                                            const TableSelection &selection,
                                            size_t index) const {
  size_t entries = size_t(1) << selection.inputWidth;
  size_t table = selection.tableIndices ? size_t(selection.tableIndices[index])
                 : selection.tableCount == 1 ? 0
                                             : index;
  const Torus *source = selection.tables + table * entries;
  if (worker.loadedTable != source) {
    expandTable(source, selection.inputWidth, selection.signedInput,
                evaluationKeys.parameters.polynomialSize,
                worker.table.polynomial.data());
    worker.loadedTable = source;
  }
  return worker.table;
}

void BatchEvaluator::checkSelection(const char *operation, const Torus *inputs,
                                    size_t inputCount, const Torus *outputs,
                                    size_t count,
                                    const TableSelection &selection) const {
  std::string prefix = std::string(operation) + ": ";
  auto fail = [&](const std::string &message) {
    throw std::invalid_argument(prefix + message);
  };
  checkTableInputWidth(evaluationKeys.parameters.polynomialSize,
                       selection.inputWidth, "input_width");
  if (count == 0)
    return;
  if (!outputs)
    fail("null output array for " + std::to_string(count) + " ciphertexts");
  if (!inputs)
    fail("null input array");
  if (!selection.tables)
    fail("null table array");
  if (selection.tableCount == 0)
    fail("no tables");
  if (!selection.inputIndices && inputCount != count)
    fail(std::to_string(inputCount) + " input ciphertexts for " +
         std::to_string(count) + " outputs without input_indices (needs " +
         std::to_string(count) + ")");
  if (!selection.tableIndices && selection.tableCount != 1 &&
      selection.tableCount != count)
    fail(std::to_string(selection.tableCount) + " tables for " +
         std::to_string(count) + " outputs without table_indices (needs 1 or " +
         std::to_string(count) + ")");
  auto checkIndices = [&](const uint64_t *indices, size_t limit,
                          const char *argument, const char *what) {
    if (!indices)
      return;
    for (size_t j = 0; j < count; ++j)
      if (indices[j] >= limit)
        fail(std::string(argument) + "[" + std::to_string(j) +
             "] = " + std::to_string(indices[j]) + " is out of range (" +
             std::to_string(limit) + " " + what + ")");
  };
  checkIndices(selection.inputIndices, inputCount, "input_indices",
               "input ciphertexts");
  checkIndices(selection.tableIndices, selection.tableCount, "table_indices",
               "tables");
}

void BatchEvaluator::keySwitch(const Torus *inputs, Torus *outputs,
                               size_t count) {
  checkArrays("key switch", inputs, outputs, count);
  const KeySwitchKey &key = evaluationKeys.keySwitch;
  size_t inputSize = size_t(key.inputDimension) + 1;
  size_t outputSize = size_t(key.outputDimension) + 1;
  std::lock_guard<std::mutex> lock(callMutex);
  threadPool.parallelFor(count, [&](unsigned, size_t i) {
    runtime::keySwitch(key, inputs + i * inputSize, outputs + i * outputSize);
  });
}

void BatchEvaluator::bootstrap(const Torus *inputs, Torus *outputs,
                               size_t count, const Torus *tables,
                               size_t tableCount) {
  checkArrays("bootstrap", inputs, outputs, count);
  checkTables("bootstrap", tables, tableCount, count);
  const FourierBootstrapKey &key = *evaluationKeys.bootstrap;
  size_t inputSize = size_t(key.inputLweDimension) + 1;
  size_t outputSize = size_t(key.outputLweDimension()) + 1;
  std::lock_guard<std::mutex> lock(callMutex);
  prepareWorkers();
  threadPool.parallelFor(count, [&](unsigned worker, size_t i) {
    Worker &state = workerFor(worker);
    runtime::bootstrap(key, tableFor(state, tables, tableCount, i),
                       inputs + i * inputSize, outputs + i * outputSize,
                       state.workspace.bootstrap);
    bootstrapsDone.fetch_add(1, std::memory_order_relaxed);
  });
}

void BatchEvaluator::keySwitchBootstrap(const Torus *inputs, Torus *outputs,
                                        size_t count, const Torus *tables,
                                        size_t tableCount) {
  const char *operation = "key switch + bootstrap";
  checkArrays(operation, inputs, outputs, count);
  checkTables(operation, tables, tableCount, count);
  size_t inputSize = evaluationKeys.inputSize();
  size_t outputSize = evaluationKeys.outputSize();
  // Element i is read before it is written, so in place works only when
  // element i of both arrays is the same memory.
  if (inputs != outputs || inputSize != outputSize)
    checkDisjoint(operation, inputs, count * inputSize, outputs,
                  count * outputSize);
  std::lock_guard<std::mutex> lock(callMutex);
  prepareWorkers();
  threadPool.parallelFor(count, [&](unsigned worker, size_t i) {
    Worker &state = workerFor(worker);
    runtime::keySwitchBootstrap(
        evaluationKeys, tableFor(state, tables, tableCount, i),
        inputs + i * inputSize, outputs + i * outputSize, state.workspace);
    bootstrapsDone.fetch_add(1, std::memory_order_relaxed);
  });
}

void BatchEvaluator::bootstrapTables(const Torus *inputs, size_t inputCount,
                                     Torus *outputs, size_t count,
                                     const TableSelection &selection) {
  const char *operation = "batched bootstrap from tables";
  const FourierBootstrapKey &key = *evaluationKeys.bootstrap;
  size_t inputSize = size_t(key.inputLweDimension) + 1;
  size_t outputSize = size_t(key.outputLweDimension()) + 1;
  checkSelection(operation, inputs, inputCount, outputs, count, selection);
  checkDisjoint(operation, inputs, inputCount * inputSize, outputs,
                count * outputSize);
  Torus bodyShift = selection.signedInput ? Torus(1) << 62 : 0;
  std::lock_guard<std::mutex> lock(callMutex);
  prepareWorkers();
  threadPool.parallelFor(count, [&](unsigned worker, size_t j) {
    Worker &state = workerFor(worker);
    const Torus *input = inputs + inputIndex(selection, j) * inputSize;
    if (selection.signedInput) {
      // A private copy with the padding bit flipped: the caller's inputs
      // are const and may be read by several outputs.
      Torus *shifted = state.workspace.switched.data();
      std::copy(input, input + inputSize, shifted);
      shifted[inputSize - 1] += bodyShift;
      input = shifted;
    }
    runtime::bootstrap(key, tableFor(state, selection, j), input,
                       outputs + j * outputSize, state.workspace.bootstrap);
    bootstrapsDone.fetch_add(1, std::memory_order_relaxed);
  });
}

void BatchEvaluator::keySwitchBootstrapTables(const Torus *inputs,
                                              size_t inputCount, Torus *outputs,
                                              size_t count,
                                              const TableSelection &selection) {
  const char *operation = "batched key switch + bootstrap from tables";
  size_t inputSize = evaluationKeys.inputSize();
  size_t outputSize = evaluationKeys.outputSize();
  checkSelection(operation, inputs, inputCount, outputs, count, selection);
  checkDisjoint(operation, inputs, inputCount * inputSize, outputs,
                count * outputSize);
  Torus bodyShift = selection.signedInput ? Torus(1) << 62 : 0;
  std::lock_guard<std::mutex> lock(callMutex);
  prepareWorkers();
  threadPool.parallelFor(count, [&](unsigned worker, size_t j) {
    Worker &state = workerFor(worker);
    Torus *switched = state.workspace.switched.data();
    runtime::keySwitch(evaluationKeys.keySwitch,
                       inputs + inputIndex(selection, j) * inputSize, switched);
    // The key switch carries the body through linearly: adding 2^62 after
    // it is adding it before, without touching the caller's input.
    switched[state.workspace.switched.size() - 1] += bodyShift;
    runtime::bootstrap(*evaluationKeys.bootstrap, tableFor(state, selection, j),
                       switched, outputs + j * outputSize,
                       state.workspace.bootstrap);
    bootstrapsDone.fetch_add(1, std::memory_order_relaxed);
  });
}

} // namespace shade::runtime

//===- Batch.cpp - Many key switches and bootstraps on all cores ----------===//

#include "shade/runtime/Batch.h"

#include <algorithm>
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
  /// from during the current call (null: nothing copied yet).
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
  const FourierBootstrapKey &key = evaluationKeys.bootstrap;
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
  checkArrays("key switch + bootstrap", inputs, outputs, count);
  checkTables("key switch + bootstrap", tables, tableCount, count);
  size_t size = size_t(evaluationKeys.parameters.bigLweDimension()) + 1;
  std::lock_guard<std::mutex> lock(callMutex);
  prepareWorkers();
  threadPool.parallelFor(count, [&](unsigned worker, size_t i) {
    Worker &state = workerFor(worker);
    runtime::keySwitchBootstrap(
        evaluationKeys, tableFor(state, tables, tableCount, i),
        inputs + i * size, outputs + i * size, state.workspace);
    bootstrapsDone.fetch_add(1, std::memory_order_relaxed);
  });
}

} // namespace shade::runtime

//===- Batch.h - Many key switches and bootstraps on all cores --*- C++ -*-===//
//
// Batched forms of the three server-side operations. Ciphertexts are passed
// as contiguous arrays: element i of an array of LWE ciphertexts of dimension
// d occupies [i * (d + 1), (i + 1) * (d + 1)). Lookup tables are test
// polynomials of N torus elements (LookupTable::polynomial), either one for
// every element or one per element, contiguous as well.
//
// Each element is processed exactly as the single-ciphertext function would
// process it, by one thread with that thread's own workspace, so the results
// do not depend on the thread count. Workspaces are made once per worker and
// reused by every later call.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_BATCH_H
#define SHADE_RUNTIME_BATCH_H

#include "shade/runtime/Keys.h"
#include "shade/runtime/ThreadPool.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace shade::runtime {

class BatchEvaluator {
public:
  /// `keys` and `pool` must outlive the evaluator.
  BatchEvaluator(const EvaluationKeys &keys, ThreadPool &pool);
  ~BatchEvaluator();

  const EvaluationKeys &keys() const { return evaluationKeys; }
  ThreadPool &pool() const { return threadPool; }

  /// Sets the pool's thread count (0: all cores) once no batch of this
  /// evaluator is running. Change the count through here, not directly on a
  /// pool that may be running one of this evaluator's batches.
  void setThreadCount(unsigned count);

  /// inputs: count ciphertexts of dimension k * N; outputs: count of
  /// dimension n.
  void keySwitch(const Torus *inputs, Torus *outputs, size_t count);

  /// inputs: count ciphertexts of dimension n; outputs: count of dimension
  /// k * N. `tables` holds tableCount polynomials of N elements, tableCount
  /// being 1 (the same table for every element) or count (table i for
  /// element i).
  void bootstrap(const Torus *inputs, Torus *outputs, size_t count,
                 const Torus *tables, size_t tableCount);

  /// The atomic pattern: key switch then bootstrap, from and to dimension
  /// k * N. `outputs` may be `inputs` (in place); tables as in bootstrap().
  void keySwitchBootstrap(const Torus *inputs, Torus *outputs, size_t count,
                          const Torus *tables, size_t tableCount);

  /// The bootstraps (with or without a key switch) this evaluator has
  /// completed, counted element by element as they finish: another thread
  /// may read it while a batch runs, to report progress.
  uint64_t bootstrapCount() const {
    return bootstrapsDone.load(std::memory_order_relaxed);
  }

private:
  struct Worker;

  /// Throw std::invalid_argument on a null array with count > 0 or a table
  /// count that is neither 1 nor count.
  static void checkArrays(const char *operation, const Torus *inputs,
                          const Torus *outputs, size_t count);
  static void checkTables(const char *operation, const Torus *tables,
                          size_t tableCount, size_t count);
  /// Makes a worker for every thread of the pool that has none yet.
  void prepareWorkers();
  /// The worker of pool thread `index`.
  Worker &workerFor(unsigned index);
  /// The lookup table of element `index`, in the worker's reused table.
  const LookupTable &tableFor(Worker &worker, const Torus *tables,
                              size_t tableCount, size_t index) const;

  const EvaluationKeys &evaluationKeys;
  ThreadPool &threadPool;
  /// One batch at a time: the workers' workspaces are shared by all calls.
  std::mutex callMutex;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<uint64_t> bootstrapsDone{0};
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_BATCH_H

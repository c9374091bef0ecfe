//===- Batch.h - Many key switches and bootstraps on all cores --*- C++ -*-===//
//
// Batched forms of the three server-side operations. Ciphertexts are passed
// as contiguous arrays: element i of an array of LWE ciphertexts of dimension
// d occupies [i * (d + 1), (i + 1) * (d + 1)). Lookup tables are test
// polynomials of N torus elements (LookupTable::polynomial), either one for
// every element or one per element, contiguous as well.
//
// The gathered forms (bootstrapTables, keySwitchBootstrapTables) take compact
// tables of 2^w encoded entries instead, and let each output choose its input
// and its table by index.
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

/// The compact lookup tables of a gathered batch and, for each output, the
/// input and the table it uses (bootstrapTables, keySwitchBootstrapTables).
struct TableSelection {
  /// tableCount tables of 2^inputWidth already encoded torus entries, one
  /// after the other: entry i of a table is the result for the input whose
  /// inputWidth-bit pattern is i. The evaluator expands them into test
  /// polynomials itself (expandTable in Encoding.h).
  const Torus *tables = nullptr;
  size_t tableCount = 0;
  /// In [1, log2(N) - 1].
  unsigned inputWidth = 0;
  /// Signed messages (m * 2^(63 - w), the padding bit being the sign): 2^62
  /// is added to each chosen input's body, in a private copy, and the box of
  /// pattern b reads entry b xor 2^(w-1), so the tables stay indexed by the
  /// two's complement pattern.
  bool signedInput = false;
  /// Output j bootstraps input inputIndices[j] (null: input j, and there
  /// must be exactly count inputs) ...
  const uint64_t *inputIndices = nullptr;
  /// ... through table tableIndices[j] (null: table j when there are count
  /// tables, table 0 when there is one).
  const uint64_t *tableIndices = nullptr;
};

class BatchEvaluator {
public:
  /// The evaluator of one key pattern; `keys` and `pool` must outlive it.
  /// Several evaluators may share a pool.
  BatchEvaluator(const EvaluationKeys &keys, ThreadPool &pool);
  ~BatchEvaluator();

  const EvaluationKeys &keys() const { return evaluationKeys; }
  ThreadPool &pool() const { return threadPool; }

  /// Sets the pool's thread count (0: all cores) once no batch of this
  /// evaluator is running. Change the count through here, not directly on a
  /// pool that may be running one of this evaluator's batches.
  void setThreadCount(unsigned count);

  /// inputs: count ciphertexts of the key switch's input dimension (k_s *
  /// N_s, the pattern's source); outputs: count of dimension n.
  void keySwitch(const Torus *inputs, Torus *outputs, size_t count);

  /// inputs: count ciphertexts of dimension n; outputs: count of dimension
  /// k * N. `tables` holds tableCount polynomials of N elements, tableCount
  /// being 1 (the same table for every element) or count (table i for
  /// element i).
  void bootstrap(const Torus *inputs, Torus *outputs, size_t count,
                 const Torus *tables, size_t tableCount);

  /// The atomic pattern: key switch then bootstrap, from dimension k_s * N_s
  /// to k * N. `outputs` may be `inputs` (in place) when both dimensions are
  /// the same, and must not overlap it otherwise; tables as in bootstrap().
  void keySwitchBootstrap(const Torus *inputs, Torus *outputs, size_t count,
                          const Torus *tables, size_t tableCount);

  /// Gathered bootstraps from compact tables: output j (of count, dimension
  /// k * N) is the bootstrap of input selection.inputIndices[j] (of
  /// inputCount, dimension n) through its table (see TableSelection). Every
  /// argument is checked before any work starts: std::invalid_argument (the
  /// message names the argument, as the C interface spells it, and the
  /// offending value) and nothing written. Several outputs may read the same
  /// input; the inputs are never written. `outputs` must not overlap
  /// `inputs`.
  void bootstrapTables(const Torus *inputs, size_t inputCount, Torus *outputs,
                       size_t count, const TableSelection &selection);

  /// The same with a key switch first: inputs of dimension k_s * N_s,
  /// outputs of dimension k * N.
  void keySwitchBootstrapTables(const Torus *inputs, size_t inputCount,
                                Torus *outputs, size_t count,
                                const TableSelection &selection);

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
  /// Throws std::invalid_argument unless the selection is valid for count
  /// outputs from inputCount inputs (see bootstrapTables).
  void checkSelection(const char *operation, const Torus *inputs,
                      size_t inputCount, const Torus *outputs, size_t count,
                      const TableSelection &selection) const;
  /// Throws std::invalid_argument when the two arrays (sizes in elements)
  /// overlap.
  static void checkDisjoint(const char *operation, const Torus *inputs,
                            size_t inputsSize, const Torus *outputs,
                            size_t outputsSize);
  /// Makes a worker for every thread of the pool that has none yet.
  void prepareWorkers();
  /// The worker of pool thread `index`.
  Worker &workerFor(unsigned index);
  /// The lookup table of element `index`, in the worker's reused table.
  const LookupTable &tableFor(Worker &worker, const Torus *tables,
                              size_t tableCount, size_t index) const;
  /// The test polynomial of output `index`'s compact table, expanded in the
  /// worker's reused table.
  const LookupTable &tableFor(Worker &worker, const TableSelection &selection,
                              size_t index) const;
  /// The input of output `index`.
  static size_t inputIndex(const TableSelection &selection, size_t index) {
    return selection.inputIndices ? size_t(selection.inputIndices[index])
                                  : index;
  }

  const EvaluationKeys &evaluationKeys;
  ThreadPool &threadPool;
  /// One batch at a time: the workers' workspaces are shared by all calls.
  std::mutex callMutex;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<uint64_t> bootstrapsDone{0};
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_BATCH_H

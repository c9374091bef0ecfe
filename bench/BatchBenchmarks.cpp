//===- BatchBenchmarks.cpp - Batched bootstraps on all cores --------------===//
//
// Throughput (bootstraps per second, Google Benchmark's items_per_second) of
// batched bootstraps and batched key switch + bootstrap at the default 4-bit
// parameter set, on one thread and on every core. Each multi-thread run also
// reports `speedup`: its fastest batch's throughput over that of the
// one-thread run of the same operation (registered, and therefore run, just
// before it), and `cpu_speedup`: threads x the one-thread run's process CPU
// time per ciphertext / its own, the speedup the threads would give on
// otherwise idle cores (it counts what they share, memory bandwidth and
// caches, but not other processes taking the cores). See
// docs/performance.md, "Runtime (batched, all cores)".
//
//===----------------------------------------------------------------------===//

#include "shade/runtime/Batch.h"
#include "shade/runtime/ParameterSets.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <string>
#include <utility>

using namespace shade::runtime;

namespace {

constexpr unsigned kWidth = 4;
/// Ciphertexts per batch: a multiple of every usual core count.
constexpr size_t kBatchSize = 48;

struct BenchKeys {
  SecretKeys secret;
  EvaluationKeys evaluation;
};

const BenchKeys &keys() {
  static const BenchKeys made = [] {
    Csprng rng;
    BenchKeys keys;
    keys.secret = generateSecretKeys(defaultParameters(kWidth), rng);
    keys.evaluation = generateEvaluationKeys(keys.secret, rng);
    return keys;
  }();
  return made;
}

/// kBatchSize fresh encryptions of m mod 16 under the big key, and the same
/// messages key-switched to the small key.
struct Inputs {
  std::vector<Torus> big;
  std::vector<Torus> small;
};

const Inputs &inputs() {
  static const Inputs made = [] {
    const BenchKeys &k = keys();
    const Parameters &p = k.secret.parameters;
    Csprng rng;
    Inputs inputs;
    for (size_t i = 0; i < kBatchSize; ++i) {
      LweCiphertext big =
          encryptBig(k.secret, encodeMessage(i % 16, kWidth), rng);
      inputs.big.insert(inputs.big.end(), big.data.begin(), big.data.end());
      std::vector<Torus> small(p.lweDimension + 1);
      keySwitch(k.evaluation.keySwitch, big.data.data(), small.data());
      inputs.small.insert(inputs.small.end(), small.begin(), small.end());
    }
    return inputs;
  }();
  return made;
}

/// m -> 3m + 1 mod 16.
LookupTable table() {
  std::vector<uint64_t> values(16);
  for (uint64_t m = 0; m < values.size(); ++m)
    values[m] = (3 * m + 1) % 16;
  return LookupTable::fromTable(keys().secret.parameters.polynomialSize, kWidth,
                                kWidth, values);
}

/// Best-batch throughput of the one-thread run of each operation, by name.
std::map<std::string, double> &singleThreadThroughput() {
  static std::map<std::string, double> throughput;
  return throughput;
}

/// Process CPU time per ciphertext of the one-thread run of each operation.
std::map<std::string, double> &singleThreadCpuPerItem() {
  static std::map<std::string, double> seconds;
  return seconds;
}

/// CPU time of every thread of the process, in seconds.
double processSeconds() {
  timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * now.tv_nsec;
}

/// Times every batch. Besides Google Benchmark's mean throughput
/// (items_per_second) it reports the throughput of the fastest batch
/// (best_per_second): on a machine shared with other work, the fastest batch
/// is the one least disturbed, and `speedup` compares fastest batches.
template <typename Run>
void runBatches(benchmark::State &state, const std::string &operation,
                Run &&run) {
  unsigned threads = static_cast<unsigned>(state.range(0));
  ThreadPool pool(threads);
  BatchEvaluator batch(keys().evaluation, pool);
  // One untimed batch makes the workers' workspaces and warms the caches.
  run(batch);
  double fastest = 1e30;
  double cpuStart = processSeconds();
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    run(batch);
    std::chrono::duration<double> elapsed =
        std::chrono::steady_clock::now() - start;
    fastest = std::min(fastest, elapsed.count());
  }
  double cpuPerItem =
      (processSeconds() - cpuStart) / double(state.iterations() * kBatchSize);
  double best = double(kBatchSize) / fastest;
  state.SetItemsProcessed(state.iterations() * kBatchSize);
  state.counters["threads"] = threads;
  state.counters["best_per_second"] = best;
  state.counters["cpu_ms_per_item"] = cpuPerItem * 1e3;
  if (threads == 1) {
    singleThreadThroughput()[operation] = best;
    singleThreadCpuPerItem()[operation] = cpuPerItem;
  } else if (singleThreadThroughput().count(operation)) {
    state.counters["speedup"] = best / singleThreadThroughput()[operation];
    state.counters["cpu_speedup"] =
        threads * singleThreadCpuPerItem()[operation] / cpuPerItem;
  }
}

void batchedBootstrap(benchmark::State &state) {
  LookupTable lut = table();
  std::vector<Torus> outputs(kBatchSize *
                             (keys().secret.parameters.bigLweDimension() + 1));
  runBatches(state, "bootstrap", [&](BatchEvaluator &batch) {
    batch.bootstrap(inputs().small.data(), outputs.data(), kBatchSize,
                    lut.polynomial.data(), 1);
    benchmark::DoNotOptimize(outputs.data());
  });
}

void batchedKeySwitchBootstrap(benchmark::State &state) {
  LookupTable lut = table();
  std::vector<Torus> outputs(inputs().big.size());
  runBatches(state, "keySwitchBootstrap", [&](BatchEvaluator &batch) {
    batch.keySwitchBootstrap(inputs().big.data(), outputs.data(), kBatchSize,
                             lut.polynomial.data(), 1);
    benchmark::DoNotOptimize(outputs.data());
  });
}

void registerBenchmarks() {
  unsigned cores = ThreadPool::defaultThreadCount();
  for (auto [name, function] :
       {std::pair{"batchedBootstrap", &batchedBootstrap},
        std::pair{"batchedKeySwitchBootstrap", &batchedKeySwitchBootstrap}}) {
    auto *benchmark = benchmark::RegisterBenchmark(name, function);
    benchmark->ArgName("threads")->Arg(1);
    if (cores > 1)
      benchmark->Arg(cores);
    benchmark->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);
  }
}

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  registerBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

//===- KeyGenerationThreads.h - Keys made on several threads ----*- C++ -*-===//
//
// Splits the independent parts of a key (GGSWs, key switching rows) into
// contiguous ranges, one per thread, each drawing from its own generator
// forked from the caller's in order: the result depends only on the caller's
// generator and the thread count.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_LIB_KEYGENERATIONTHREADS_H
#define SHADE_RUNTIME_LIB_KEYGENERATIONTHREADS_H

#include "shade/runtime/Csprng.h"

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace shade::runtime::detail {

/// Calls generate(begin, end, rng) on disjoint ranges covering [0, count).
/// With one thread, generate(0, count, rng) runs on the caller's generator.
template <typename Generate>
void generateInParallel(size_t count, unsigned threads, Csprng &rng,
                        const Generate &generate) {
  threads = static_cast<unsigned>(
      std::max<size_t>(1, std::min<size_t>(threads, count)));
  if (threads == 1) {
    generate(size_t(0), count, rng);
    return;
  }
  std::vector<Csprng> generators;
  for (unsigned t = 0; t < threads; ++t)
    generators.push_back(rng.fork());
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      generate(count * t / threads, count * (t + 1) / threads, generators[t]);
    });
  for (std::thread &worker : workers)
    worker.join();
}

} // namespace shade::runtime::detail

#endif // SHADE_RUNTIME_LIB_KEYGENERATIONTHREADS_H

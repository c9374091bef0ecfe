//===- BatchTest.cpp - Thread pool and batched operations -----------------===//

#include "SerializationTestSupport.h"

#include "shade/runtime/Batch.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/ThreadPool.h"

#include "gtest/gtest.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

using namespace shade::runtime;
using namespace shade::runtime::test;

TEST(ThreadPool, DefaultIsTheHardwareConcurrency) {
  unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(ThreadPool::defaultThreadCount(), hardware);
  EXPECT_EQ(ThreadPool().threadCount(), hardware);
  EXPECT_EQ(ThreadPool(0).threadCount(), hardware);
  EXPECT_EQ(ThreadPool(3).threadCount(), 3u);
}

TEST(ThreadPool, RunsEveryIndexOnceOnDistinctWorkers) {
  for (unsigned threads : {1u, 2u, 3u, 5u}) {
    ThreadPool pool(threads);
    std::vector<std::atomic<int>> runs(1000);
    std::vector<std::atomic<bool>> busy(threads);
    std::atomic<bool> sharedWorker{false};
    std::atomic<bool> badWorker{false};
    pool.parallelFor(runs.size(), [&](unsigned worker, size_t index) {
      if (worker >= threads) {
        badWorker = true;
        return;
      }
      if (busy[worker].exchange(true))
        sharedWorker = true;
      ++runs[index];
      busy[worker] = false;
    });
    EXPECT_FALSE(badWorker) << threads;
    EXPECT_FALSE(sharedWorker) << threads;
    for (size_t i = 0; i < runs.size(); ++i)
      ASSERT_EQ(runs[i].load(), 1) << "index " << i << ", " << threads;
  }
}

TEST(ThreadPool, UsesAtMostThreadCountThreadsIncludingTheCaller) {
  ThreadPool pool(3);
  std::mutex mutex;
  std::set<std::thread::id> threads;
  pool.parallelFor(60, [&](unsigned, size_t) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard<std::mutex> lock(mutex);
    threads.insert(std::this_thread::get_id());
  });
  EXPECT_LE(threads.size(), 3u);
  EXPECT_GE(threads.size(), 1u);
  pool.setThreadCount(1);
  threads.clear();
  pool.parallelFor(10, [&](unsigned, size_t) {
    std::lock_guard<std::mutex> lock(mutex);
    threads.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(threads, std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST(ThreadPool, PropagatesTheExceptionAndStaysUsable) {
  ThreadPool pool(2);
  std::atomic<int> started{0};
  try {
    pool.parallelFor(10000, [&](unsigned, size_t index) {
      ++started;
      if (index == 3)
        throw std::runtime_error("element 3 failed");
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error &error) {
    EXPECT_STREQ(error.what(), "element 3 failed");
  }
  // Indices after the failure are not started.
  EXPECT_LT(started.load(), 10000);
  std::atomic<int> runs{0};
  pool.parallelFor(100, [&](unsigned, size_t) { ++runs; });
  EXPECT_EQ(runs.load(), 100);
}

TEST(ThreadPool, RefusesNestedCalls) {
  ThreadPool pool(2);
  EXPECT_THROW(pool.parallelFor(4,
                                [&](unsigned, size_t) {
                                  pool.parallelFor(2, [](unsigned, size_t) {});
                                }),
               std::logic_error);
  EXPECT_THROW(
      pool.parallelFor(1, [&](unsigned, size_t) { pool.setThreadCount(1); }),
      std::logic_error);
}

TEST(ThreadPool, SetThreadCount) {
  ThreadPool pool(1);
  pool.setThreadCount(4);
  EXPECT_EQ(pool.threadCount(), 4u);
  std::set<unsigned> workers;
  std::mutex mutex;
  pool.parallelFor(400, [&](unsigned worker, size_t) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    std::lock_guard<std::mutex> lock(mutex);
    workers.insert(worker);
  });
  EXPECT_LE(*workers.rbegin(), 3u);
  pool.setThreadCount(0);
  EXPECT_EQ(pool.threadCount(), ThreadPool::defaultThreadCount());
}

namespace {

constexpr size_t kCount = 9;

/// kCount fresh encryptions of i mod 8 under the big key.
std::vector<Torus> encryptedInputs() {
  const SecretKeys &keys = smallKeys().secret;
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(4);
  std::vector<Torus> data;
  for (uint64_t i = 0; i < kCount; ++i) {
    LweCiphertext ciphertext =
        encryptBig(keys, encodeMessage(i % 8, kSmallWidth), rng);
    data.insert(data.end(), ciphertext.data.begin(), ciphertext.data.end());
  }
  return data;
}

/// Table t maps m to (m + t) mod 8.
std::vector<Torus> shiftTables(size_t count) {
  std::vector<Torus> tables;
  for (uint64_t t = 0; t < count; ++t) {
    std::vector<uint64_t> table;
    for (uint64_t m = 0; m < 8; ++m)
      table.push_back((m + t) % 8);
    LookupTable lut =
        LookupTable::fromTable(512, kSmallWidth, kSmallWidth, table);
    tables.insert(tables.end(), lut.polynomial.begin(), lut.polynomial.end());
  }
  return tables;
}

std::vector<uint64_t> decryptAll(const std::vector<Torus> &ciphertexts) {
  const SecretKeys &keys = smallKeys().secret;
  size_t size = keys.parameters.bigLweDimension() + 1;
  std::vector<uint64_t> messages;
  for (size_t i = 0; i * size < ciphertexts.size(); ++i)
    messages.push_back(decodeMessage(
        decryptBigPhase(keys, ciphertexts.data() + i * size), kSmallWidth));
  return messages;
}

LookupTable tableAt(const std::vector<Torus> &tables, size_t index) {
  LookupTable lut;
  lut.polynomial.assign(tables.begin() + index * 512,
                        tables.begin() + (index + 1) * 512);
  return lut;
}

} // namespace

TEST(Batch, KeySwitchMatchesTheSingleThreadResults) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  std::vector<Torus> inputs = encryptedInputs();
  std::vector<Torus> expected(kCount * 101);
  for (size_t i = 0; i < kCount; ++i)
    keySwitch(keys.keySwitch, inputs.data() + i * 513,
              expected.data() + i * 101);
  for (unsigned threads : {1u, 2u, 3u}) {
    ThreadPool pool(threads);
    BatchEvaluator batch(keys, pool);
    std::vector<Torus> outputs(kCount * 101);
    batch.keySwitch(inputs.data(), outputs.data(), kCount);
    EXPECT_EQ(outputs, expected) << threads << " threads";
  }
}

TEST(Batch, BootstrapMatchesTheSingleThreadResults) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  std::vector<Torus> big = encryptedInputs();
  std::vector<Torus> small(kCount * 101);
  for (size_t i = 0; i < kCount; ++i)
    keySwitch(keys.keySwitch, big.data() + i * 513, small.data() + i * 101);
  std::vector<Torus> tables = shiftTables(kCount);

  BootstrapWorkspace workspace(keys.bootstrap);
  std::vector<Torus> expectedOne(kCount * 513), expectedEach(kCount * 513);
  LookupTable first = tableAt(tables, 0);
  for (size_t i = 0; i < kCount; ++i) {
    bootstrap(keys.bootstrap, first, small.data() + i * 101,
              expectedOne.data() + i * 513, workspace);
    bootstrap(keys.bootstrap, tableAt(tables, i), small.data() + i * 101,
              expectedEach.data() + i * 513, workspace);
  }
  EXPECT_EQ(decryptAll(expectedOne),
            (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7, 0}));
  EXPECT_EQ(decryptAll(expectedEach),
            (std::vector<uint64_t>{0, 2, 4, 6, 0, 2, 4, 6, 0}));

  for (unsigned threads : {1u, 2u, 3u}) {
    ThreadPool pool(threads);
    BatchEvaluator batch(keys, pool);
    std::vector<Torus> outputs(kCount * 513);
    batch.bootstrap(small.data(), outputs.data(), kCount, tables.data(), 1);
    EXPECT_EQ(outputs, expectedOne) << threads << " threads";
    batch.bootstrap(small.data(), outputs.data(), kCount, tables.data(),
                    kCount);
    EXPECT_EQ(outputs, expectedEach) << threads << " threads";
  }
}

TEST(Batch, KeySwitchBootstrapMatchesTheSingleThreadResults) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  std::vector<Torus> inputs = encryptedInputs();
  std::vector<Torus> tables = shiftTables(kCount);
  AtomicPatternWorkspace workspace(keys);
  std::vector<Torus> expected(kCount * 513);
  for (size_t i = 0; i < kCount; ++i)
    keySwitchBootstrap(keys, tableAt(tables, i), inputs.data() + i * 513,
                       expected.data() + i * 513, workspace);
  EXPECT_EQ(decryptAll(expected),
            (std::vector<uint64_t>{0, 2, 4, 6, 0, 2, 4, 6, 0}));

  for (unsigned threads : {1u, 2u, 4u}) {
    ThreadPool pool(threads);
    BatchEvaluator batch(keys, pool);
    std::vector<Torus> outputs(kCount * 513);
    batch.keySwitchBootstrap(inputs.data(), outputs.data(), kCount,
                             tables.data(), kCount);
    EXPECT_EQ(outputs, expected) << threads << " threads";
    std::vector<Torus> inPlace = inputs;
    batch.keySwitchBootstrap(inPlace.data(), inPlace.data(), kCount,
                             tables.data(), kCount);
    EXPECT_EQ(inPlace, expected) << threads << " threads, in place";
  }
}

TEST(Batch, ReadsTheTablesAgainOnEveryCall) {
  // Workers keep a copy of the last table they used; a new call with new
  // contents at the same address must not reuse it.
  const EvaluationKeys &keys = smallKeys().evaluation;
  ThreadPool pool(2);
  BatchEvaluator batch(keys, pool);
  std::vector<Torus> inputs = encryptedInputs();
  std::vector<Torus> outputs(kCount * 513);
  std::vector<Torus> table = shiftTables(1);
  batch.keySwitchBootstrap(inputs.data(), outputs.data(), kCount, table.data(),
                           1);
  EXPECT_EQ(decryptAll(outputs),
            (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7, 0}));
  std::vector<Torus> shifted = shiftTables(2);
  std::copy(shifted.begin() + 512, shifted.end(), table.begin());
  batch.keySwitchBootstrap(inputs.data(), outputs.data(), kCount, table.data(),
                           1);
  EXPECT_EQ(decryptAll(outputs),
            (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7, 0, 1}));
}

TEST(Batch, FollowsTheThreadCount) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  ThreadPool pool(1);
  BatchEvaluator batch(keys, pool);
  std::vector<Torus> inputs = encryptedInputs();
  std::vector<Torus> tables = shiftTables(1);
  std::vector<Torus> single(kCount * 513), multi(kCount * 513);
  batch.keySwitchBootstrap(inputs.data(), single.data(), kCount, tables.data(),
                           1);
  batch.setThreadCount(3);
  EXPECT_EQ(pool.threadCount(), 3u);
  batch.keySwitchBootstrap(inputs.data(), multi.data(), kCount, tables.data(),
                           1);
  EXPECT_EQ(multi, single);
}

TEST(Batch, RejectsBadArguments) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  ThreadPool pool(2);
  BatchEvaluator batch(keys, pool);
  std::vector<Torus> inputs = encryptedInputs();
  std::vector<Torus> outputs(kCount * 513);
  std::vector<Torus> tables = shiftTables(3);
  try {
    batch.keySwitchBootstrap(inputs.data(), outputs.data(), kCount,
                             tables.data(), 3);
    FAIL() << "accepted 3 tables for 9 ciphertexts";
  } catch (const std::invalid_argument &error) {
    EXPECT_STREQ(error.what(), "batched key switch + bootstrap: 3 lookup "
                               "tables for 9 ciphertexts (needs 1 or 9)");
  }
  try {
    batch.keySwitch(nullptr, outputs.data(), 2);
    FAIL() << "accepted a null input array";
  } catch (const std::invalid_argument &error) {
    EXPECT_STREQ(error.what(),
                 "batched key switch: null input array for 2 ciphertexts");
  }
  EXPECT_THROW(batch.bootstrap(inputs.data(), outputs.data(), 2, nullptr, 1),
               std::invalid_argument);
  // Nothing to do: no array is read.
  EXPECT_NO_THROW(batch.bootstrap(nullptr, nullptr, 0, nullptr, 0));
}

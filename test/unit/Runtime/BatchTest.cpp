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
  try {
    pool.parallelFor(10000, [&](unsigned, size_t index) {
      if (index == 3)
        throw std::runtime_error("element 3 failed");
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error &error) {
    EXPECT_STREQ(error.what(), "element 3 failed");
  }
  std::atomic<int> runs{0};
  pool.parallelFor(100, [&](unsigned, size_t) { ++runs; });
  EXPECT_EQ(runs.load(), 100);
}

TEST(ThreadPool, StartsNoIndexAfterAFailure) {
  // One thread takes the indices in order, so exactly 0 to 3 start. (With
  // two, the other thread may finish every index before the failure stops
  // it: how many start is up to the scheduler.)
  ThreadPool pool(1);
  int started = 0;
  EXPECT_THROW(pool.parallelFor(10000,
                                [&](unsigned, size_t index) {
                                  ++started;
                                  if (index == 3)
                                    throw std::runtime_error("failed");
                                }),
               std::runtime_error);
  EXPECT_EQ(started, 4);
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

/// Each of the kCount ciphertexts of `big` key-switched to the small key,
/// one at a time: what the batched calls must reproduce.
std::vector<Torus> keySwitchedOneByOne(const EvaluationKeys &keys,
                                       const std::vector<Torus> &big) {
  std::vector<Torus> small(kCount * 101);
  for (size_t i = 0; i < kCount; ++i)
    keySwitch(keys.keySwitch, big.data() + i * 513, small.data() + i * 101);
  return small;
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
  std::vector<Torus> expected = keySwitchedOneByOne(keys, inputs);
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
  std::vector<Torus> small = keySwitchedOneByOne(keys, big);
  std::vector<Torus> tables = shiftTables(kCount);

  BootstrapWorkspace workspace(*keys.bootstrap);
  std::vector<Torus> expectedOne(kCount * 513), expectedEach(kCount * 513);
  LookupTable first = tableAt(tables, 0);
  for (size_t i = 0; i < kCount; ++i) {
    bootstrap(*keys.bootstrap, first, small.data() + i * 101,
              expectedOne.data() + i * 513, workspace);
    bootstrap(*keys.bootstrap, tableAt(tables, i), small.data() + i * 101,
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

namespace {

/// Raw table t (of `count`) maps m to (3 m + t) mod 8; its compact form
/// holds the entries times the output delta.
std::vector<std::vector<uint64_t>> rawTables(size_t count) {
  std::vector<std::vector<uint64_t>> tables;
  for (uint64_t t = 0; t < count; ++t) {
    std::vector<uint64_t> table;
    for (uint64_t m = 0; m < 8; ++m)
      table.push_back((3 * m + t) % 8);
    tables.push_back(table);
  }
  return tables;
}

std::vector<Torus> compact(const std::vector<std::vector<uint64_t>> &tables) {
  std::vector<Torus> entries;
  for (const std::vector<uint64_t> &table : tables)
    for (uint64_t entry : table)
      entries.push_back(encodeMessage(entry, kSmallWidth));
  return entries;
}

} // namespace

TEST(Batch, BootstrapTablesGathersAndMatchesTheSingleResults) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  std::vector<Torus> big = encryptedInputs();
  std::vector<Torus> small = keySwitchedOneByOne(keys, big);
  std::vector<std::vector<uint64_t>> raw = rawTables(3);
  std::vector<Torus> tables = compact(raw);

  // 12 outputs from the 9 inputs: repeated inputs, three tables.
  constexpr size_t kOutputs = 12;
  std::vector<uint64_t> inputIndices(kOutputs), tableIndices(kOutputs);
  for (size_t j = 0; j < kOutputs; ++j) {
    inputIndices[j] = (7 * j) % kCount;
    tableIndices[j] = (j * j) % 3;
  }
  TableSelection selection;
  selection.tables = tables.data();
  selection.tableCount = 3;
  selection.inputWidth = kSmallWidth;
  selection.inputIndices = inputIndices.data();
  selection.tableIndices = tableIndices.data();

  BootstrapWorkspace bootstrapWorkspace(*keys.bootstrap);
  AtomicPatternWorkspace atomicWorkspace(keys);
  std::vector<Torus> expected(kOutputs * 513), expectedAtomic(kOutputs * 513);
  std::vector<uint64_t> messages;
  for (size_t j = 0; j < kOutputs; ++j) {
    LookupTable lut = LookupTable::fromTable(512, kSmallWidth, kSmallWidth,
                                             raw[tableIndices[j]]);
    bootstrap(*keys.bootstrap, lut, small.data() + inputIndices[j] * 101,
              expected.data() + j * 513, bootstrapWorkspace);
    keySwitchBootstrap(keys, lut, big.data() + inputIndices[j] * 513,
                       expectedAtomic.data() + j * 513, atomicWorkspace);
    messages.push_back(raw[tableIndices[j]][inputIndices[j] % 8]);
  }
  EXPECT_EQ(decryptAll(expected), messages);
  EXPECT_EQ(expectedAtomic, expected); // Same key switch, same bootstrap.

  std::vector<Torus> smallCopy = small, bigCopy = big;
  for (unsigned threads : {1u, 2u}) {
    ThreadPool pool(threads);
    BatchEvaluator batch(keys, pool);
    std::vector<Torus> outputs(kOutputs * 513);
    batch.bootstrapTables(small.data(), kCount, outputs.data(), kOutputs,
                          selection);
    EXPECT_EQ(outputs, expected) << threads << " threads";
    batch.keySwitchBootstrapTables(big.data(), kCount, outputs.data(), kOutputs,
                                   selection);
    EXPECT_EQ(outputs, expected) << threads << " threads, key switch";
    EXPECT_EQ(batch.bootstrapCount(), 2 * kOutputs);
  }
  EXPECT_EQ(small, smallCopy);
  EXPECT_EQ(big, bigCopy);
}

TEST(Batch, BootstrapTablesOfSignedInputsDoesNotDependOnTheThreadCount) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  const SecretKeys &secret = smallKeys().secret;
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(5);
  std::vector<Torus> big;
  for (int64_t m = -4; m < 4; ++m) {
    // The tfhe dialect's signed encoding: the padding bit copies the sign.
    Torus plaintext = static_cast<Torus>(m) << 60;
    LweCiphertext ciphertext = encryptBig(secret, plaintext, rng);
    big.insert(big.end(), ciphertext.data.begin(), ciphertext.data.end());
  }
  std::vector<uint64_t> table = makeSignedTable(
      kSmallWidth, kSmallWidth, [](int64_t x) { return x < 0 ? -x - 1 : x; });
  std::vector<Torus> tables = compact({table});
  TableSelection selection;
  selection.tables = tables.data();
  selection.tableCount = 1;
  selection.inputWidth = kSmallWidth;
  selection.signedInput = true;
  std::vector<std::vector<Torus>> results;
  for (unsigned threads : {1u, 2u}) {
    ThreadPool pool(threads);
    BatchEvaluator batch(keys, pool);
    std::vector<Torus> outputs(8 * 513);
    batch.keySwitchBootstrapTables(big.data(), 8, outputs.data(), 8, selection);
    results.push_back(outputs);
  }
  EXPECT_EQ(results[0], results[1]);
  std::vector<int64_t> decoded;
  for (size_t i = 0; i < 8; ++i)
    decoded.push_back(decodeSignedMessage(
        decryptBigPhase(secret, results[0].data() + i * 513), kSmallWidth));
  EXPECT_EQ(decoded, (std::vector<int64_t>{3, 2, 1, 0, 0, 1, 2, 3}));
}

TEST(Batch, BootstrapTablesRejectsBadSelections) {
  const EvaluationKeys &keys = smallKeys().evaluation;
  ThreadPool pool(2);
  BatchEvaluator batch(keys, pool);
  std::vector<Torus> inputs(4 * 101), outputs(4 * 513, 7);
  std::vector<Torus> tables(16);
  std::vector<uint64_t> indices = {0, 1, 2, 9};
  TableSelection selection;
  selection.tables = tables.data();
  selection.tableCount = 2;
  selection.inputWidth = kSmallWidth;
  selection.inputIndices = indices.data();
  try {
    batch.bootstrapTables(inputs.data(), 4, outputs.data(), 4, selection);
    FAIL() << "accepted 2 tables for 4 outputs";
  } catch (const std::invalid_argument &error) {
    EXPECT_STREQ(error.what(), "batched bootstrap from tables: 2 tables for 4 "
                               "outputs without table_indices (needs 1 or 4)");
  }
  selection.tableCount = 1;
  try {
    batch.bootstrapTables(inputs.data(), 4, outputs.data(), 4, selection);
    FAIL() << "accepted input index 9";
  } catch (const std::invalid_argument &error) {
    EXPECT_STREQ(error.what(), "batched bootstrap from tables: "
                               "input_indices[3] = 9 is out of range (4 input "
                               "ciphertexts)");
  }
  selection.inputIndices = nullptr;
  selection.inputWidth = 9;
  EXPECT_THROW(
      batch.bootstrapTables(inputs.data(), 4, outputs.data(), 4, selection),
      std::invalid_argument);
  EXPECT_TRUE(std::all_of(outputs.begin(), outputs.end(),
                          [](Torus x) { return x == 7; }));
  EXPECT_EQ(batch.bootstrapCount(), 0u);
}

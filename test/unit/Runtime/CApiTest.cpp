//===- CApiTest.cpp - The C interface -------------------------------------===//

#include "SerializationTestSupport.h"

#include "shade/runtime/CApiClient.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>

using namespace shade::runtime::test;

extern "C" int shadeCApiUsedFromC(void);

namespace {

shade_rt_parameters smallCParameters() {
  return toCParameters(smallParameters());
}

constexpr size_t kBig = 513;
constexpr size_t kSmall = 101;
constexpr size_t kN = 512;

/// A client and a context made from it, destroyed at the end of the test.
class CApi : public ::testing::Test {
protected:
  void SetUp() override {
    shade_rt_parameters parameters = smallCParameters();
    shade_rt_key_layout layout = shade_rt_single_set_layout(&parameters);
    ASSERT_EQ(shade_rt_client_keygen(&layout, &client), SHADE_RT_OK)
        << shade_rt_last_error();
    ASSERT_EQ(shade_rt_client_make_context(client, &context), SHADE_RT_OK)
        << shade_rt_last_error();
  }
  void TearDown() override {
    shade_rt_context_destroy(context);
    shade_rt_client_destroy(client);
  }

  std::vector<uint64_t> encrypt(const std::vector<int64_t> &values,
                                bool isSigned = false) {
    std::vector<uint64_t> ciphertexts(values.size() * kBig);
    EXPECT_EQ(shade_rt_client_encrypt(client, 0, kSmallWidth, isSigned,
                                      values.data(), values.size(),
                                      ciphertexts.data(), ciphertexts.size()),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return ciphertexts;
  }

  std::vector<int64_t> decrypt(const std::vector<uint64_t> &ciphertexts,
                               bool isSigned = false) {
    std::vector<int64_t> values(ciphertexts.size() / kBig);
    EXPECT_EQ(shade_rt_client_decrypt(client, 0, kSmallWidth, isSigned,
                                      ciphertexts.data(), ciphertexts.size(),
                                      values.data(), values.size()),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return values;
  }

  std::vector<uint64_t> encodeTable(const std::vector<uint64_t> &table) {
    std::vector<uint64_t> polynomial(kN);
    EXPECT_EQ(shade_rt_encode_table(context, 0, kSmallWidth, kSmallWidth,
                                    table.data(), table.size(),
                                    polynomial.data(), polynomial.size()),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return polynomial;
  }

  shade_rt_client *client = nullptr;
  shade_rt_context *context = nullptr;
};

} // namespace

TEST_F(CApi, EncryptDecryptRoundTrip) {
  EXPECT_EQ(decrypt(encrypt({0, 1, 5, 7})), (std::vector<int64_t>{0, 1, 5, 7}));
  EXPECT_EQ(decrypt(encrypt({-4, -1, 0, 3}, true), true),
            (std::vector<int64_t>{-4, -1, 0, 3}));
}

TEST_F(CApi, SingleOperations) {
  std::vector<uint64_t> square = encodeTable({0, 1, 4, 1, 0, 1, 4, 1});
  std::vector<uint64_t> input = encrypt({3});
  std::vector<uint64_t> output(kBig);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, 0, input.data(), kBig,
                                         output.data(), kBig, square.data(),
                                         kN),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(output), (std::vector<int64_t>{1}));

  std::vector<uint64_t> small(kSmall);
  ASSERT_EQ(
      shade_rt_keyswitch(context, 0, input.data(), kBig, small.data(), kSmall),
      SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap(context, 0, small.data(), kSmall, output.data(),
                               kBig, square.data(), kN),
            SHADE_RT_OK);
  EXPECT_EQ(decrypt(output), (std::vector<int64_t>{1}));

  // In place, and linear operations done directly on the arrays: 2 * x.
  for (uint64_t &word : input)
    word *= 2;
  ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, 0, input.data(), kBig,
                                         input.data(), kBig, square.data(), kN),
            SHADE_RT_OK);
  EXPECT_EQ(decrypt(input), (std::vector<int64_t>{4})); // 6 * 6 mod 8 = 4
}

TEST_F(CApi, BatchedOperationsMatchTheSingleOnes) {
  std::vector<int64_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<uint64_t> inputs = encrypt(values);
  std::vector<uint64_t> tables;
  for (uint64_t t = 0; t < values.size(); ++t) {
    std::vector<uint64_t> table;
    for (uint64_t m = 0; m < 8; ++m)
      table.push_back((m * t) % 8);
    std::vector<uint64_t> polynomial = encodeTable(table);
    tables.insert(tables.end(), polynomial.begin(), polynomial.end());
  }
  std::vector<uint64_t> batched(inputs.size());
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, inputs.data(), inputs.size(), batched.data(),
                batched.size(), values.size(), tables.data(), tables.size()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(batched), (std::vector<int64_t>{0, 1, 4, 1, 0, 1, 4, 1}));
  std::vector<uint64_t> single(kBig);
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, 0, inputs.data() + i * kBig,
                                           kBig, single.data(), kBig,
                                           tables.data() + i * kN, kN),
              SHADE_RT_OK);
    EXPECT_TRUE(
        std::equal(single.begin(), single.end(), batched.begin() + i * kBig))
        << i;
  }

  // Key switch, then bootstrap with one table for all (the identity).
  std::vector<uint64_t> small(values.size() * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 0, inputs.data(), inputs.size(),
                                     small.data(), small.size(), values.size()),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap_batch(context, 0, small.data(), small.size(),
                                     batched.data(), batched.size(),
                                     values.size(), tables.data() + kN, kN),
            SHADE_RT_OK);
  EXPECT_EQ(decrypt(batched), values);
}

TEST_F(CApi, ThreadCount) {
  uint32_t threads = 0;
  ASSERT_EQ(shade_rt_context_get_thread_count(context, &threads), SHADE_RT_OK);
  EXPECT_EQ(threads, std::max(1u, std::thread::hardware_concurrency()));
  ASSERT_EQ(shade_rt_context_set_thread_count(context, 3), SHADE_RT_OK);
  ASSERT_EQ(shade_rt_context_get_thread_count(context, &threads), SHADE_RT_OK);
  EXPECT_EQ(threads, 3u);
  std::vector<uint64_t> inputs = encrypt({1, 2, 3, 4});
  std::vector<uint64_t> identity = encodeTable({0, 1, 2, 3, 4, 5, 6, 7});
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, inputs.data(), inputs.size(), inputs.data(),
                inputs.size(), 4, identity.data(), kN),
            SHADE_RT_OK);
  EXPECT_EQ(decrypt(inputs), (std::vector<int64_t>{1, 2, 3, 4}));
  ASSERT_EQ(shade_rt_context_set_thread_count(context, 0), SHADE_RT_OK);
  ASSERT_EQ(shade_rt_context_get_thread_count(context, &threads), SHADE_RT_OK);
  EXPECT_EQ(threads, std::max(1u, std::thread::hardware_concurrency()));
}

TEST_F(CApi, BootstrapCount) {
  auto bootstrapCount = [&] {
    uint64_t count = 99;
    EXPECT_EQ(shade_rt_context_get_bootstrap_count(context, &count),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return count;
  };
  EXPECT_EQ(bootstrapCount(), 0u);

  std::vector<uint64_t> identity = encodeTable({0, 1, 2, 3, 4, 5, 6, 7});
  std::vector<uint64_t> input = encrypt({5});
  std::vector<uint64_t> output(kBig);
  std::vector<uint64_t> small(kSmall);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, 0, input.data(), kBig,
                                         output.data(), kBig, identity.data(),
                                         kN),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 1u);
  // A key switch alone is not a bootstrap.
  ASSERT_EQ(
      shade_rt_keyswitch(context, 0, input.data(), kBig, small.data(), kSmall),
      SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 1u);
  ASSERT_EQ(shade_rt_bootstrap(context, 0, small.data(), kSmall, output.data(),
                               kBig, identity.data(), kN),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 2u);

  // Batches on 3 threads: 7 elements are counted in chunks of 3, 3 and 1,
  // with one table or one per element.
  ASSERT_EQ(shade_rt_context_set_thread_count(context, 3), SHADE_RT_OK);
  std::vector<int64_t> values = {0, 1, 2, 3, 4, 5, 6};
  std::vector<uint64_t> inputs = encrypt(values);
  std::vector<uint64_t> outputs(inputs.size());
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, inputs.data(), inputs.size(), outputs.data(),
                outputs.size(), values.size(), identity.data(), kN),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 9u);
  EXPECT_EQ(decrypt(outputs), values);

  std::vector<uint64_t> tables;
  for (uint64_t t = 0; t < values.size(); ++t) {
    std::vector<uint64_t> table;
    for (uint64_t m = 0; m < 8; ++m)
      table.push_back((m + t) % 8);
    std::vector<uint64_t> polynomial = encodeTable(table);
    tables.insert(tables.end(), polynomial.begin(), polynomial.end());
  }
  std::vector<uint64_t> smalls(values.size() * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 0, inputs.data(), inputs.size(),
                                     smalls.data(), smalls.size(),
                                     values.size()),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 9u);
  ASSERT_EQ(shade_rt_bootstrap_batch(
                context, 0, smalls.data(), smalls.size(), outputs.data(),
                outputs.size(), values.size(), tables.data(), tables.size()),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 16u);
  // Element i used table i: (i + i) mod 8.
  EXPECT_EQ(decrypt(outputs), (std::vector<int64_t>{0, 2, 4, 6, 0, 2, 4}));

  // A failed call counts nothing.
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, inputs.data(), inputs.size() - 1, outputs.data(),
                outputs.size(), values.size(), identity.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_EQ(bootstrapCount(), 16u);

  EXPECT_EQ(shade_rt_context_get_bootstrap_count(context, nullptr),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_context_get_bootstrap_count: argument 'count' is "
               "null");
}

TEST_F(CApi, BootstrapCountIsReadableDuringABatch) {
  std::vector<int64_t> values(24, 3);
  std::vector<uint64_t> inputs = encrypt(values);
  std::vector<uint64_t> identity = encodeTable({0, 1, 2, 3, 4, 5, 6, 7});
  ASSERT_EQ(shade_rt_context_set_thread_count(context, 2), SHADE_RT_OK);
  std::atomic<bool> done{false};
  std::vector<uint64_t> seen;
  std::thread monitor([&] {
    while (!done.load()) {
      uint64_t count = 0;
      shade_rt_context_get_bootstrap_count(context, &count);
      seen.push_back(count);
      std::this_thread::yield();
    }
  });
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, inputs.data(), inputs.size(), inputs.data(),
                inputs.size(), values.size(), identity.data(), kN),
            SHADE_RT_OK);
  done = true;
  monitor.join();
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_LE(seen.back(), 24u);
  uint64_t count = 0;
  ASSERT_EQ(shade_rt_context_get_bootstrap_count(context, &count), SHADE_RT_OK);
  EXPECT_EQ(count, 24u);
  EXPECT_EQ(decrypt(inputs), values);
}

TEST_F(CApi, KeysThroughFiles) {
  ScratchDirectory directory;
  std::string secretPath = directory.file("client.key");
  std::string evaluationPath = directory.file("server.key");
  ASSERT_EQ(shade_rt_client_save(client, secretPath.c_str()), SHADE_RT_OK);
  ASSERT_EQ(
      shade_rt_client_save_evaluation_keys(client, evaluationPath.c_str()),
      SHADE_RT_OK);

  shade_rt_parameters parameters = smallCParameters();
  shade_rt_key_layout layout = shade_rt_single_set_layout(&parameters);
  shade_rt_context *loaded = nullptr;
  ASSERT_EQ(shade_rt_context_load(evaluationPath.c_str(), &layout, &loaded),
            SHADE_RT_OK)
      << shade_rt_last_error();
  shade_rt_client *restored = nullptr;
  ASSERT_EQ(shade_rt_client_load(secretPath.c_str(), nullptr, &restored),
            SHADE_RT_OK);

  shade_rt_parameters read;
  ASSERT_EQ(shade_rt_context_get_parameters(loaded, 0, &read), SHADE_RT_OK);
  EXPECT_EQ(read.lwe_dimension, 100u);
  EXPECT_EQ(read.polynomial_size, 512u);
  EXPECT_EQ(read.pbs_level, 3u);
  EXPECT_EQ(read.ks_base_log, 4u);
  ASSERT_EQ(shade_rt_client_get_parameters(restored, 0, &read), SHADE_RT_OK);
  EXPECT_EQ(read.glwe_noise_std, 0x1p-40);

  std::vector<uint64_t> negate = encodeTable({0, 7, 6, 5, 4, 3, 2, 1});
  std::vector<uint64_t> data = encrypt({2, 5});
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(
                loaded, 0, data.data(), data.size(), data.data(), data.size(),
                2, negate.data(), kN),
            SHADE_RT_OK);
  std::vector<int64_t> values(2);
  ASSERT_EQ(shade_rt_client_decrypt(restored, 0, kSmallWidth, 0, data.data(),
                                    data.size(), values.data(), 2),
            SHADE_RT_OK);
  EXPECT_EQ(values, (std::vector<int64_t>{6, 3}));
  shade_rt_client_destroy(restored);
  shade_rt_context_destroy(loaded);
}

TEST_F(CApi, BadArgumentsReturnStatusesAndMessages) {
  std::vector<uint64_t> input = encrypt({1});
  std::vector<uint64_t> output(kBig);
  std::vector<uint64_t> table = encodeTable({0, 1, 2, 3, 4, 5, 6, 7});

  EXPECT_EQ(shade_rt_keyswitch_bootstrap(nullptr, 0, input.data(), kBig,
                                         output.data(), kBig, table.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap: argument 'context' is null");

  EXPECT_EQ(shade_rt_keyswitch(context, 0, input.data(), kBig - 1,
                               output.data(), kSmall),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch: input size is 512, expected 513 (count * "
               "(k_s * N_s + 1))");

  EXPECT_EQ(shade_rt_bootstrap(context, 0, input.data(), kBig, output.data(),
                               kBig, table.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_bootstrap: input size is 513, expected 101 (count * "
               "(n + 1))");

  std::vector<uint64_t> inputs = encrypt({1, 2, 3});
  std::vector<uint64_t> outputs(inputs.size());
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, inputs.data(), inputs.size(), outputs.data(),
                outputs.size(), 3, table.data(), 2 * kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap_batch: table size is 1024, "
               "expected 512 (one table of N coefficients) or 1536 (one table "
               "per ciphertext)");

  EXPECT_EQ(shade_rt_keyswitch_batch(context, 0, inputs.data(), SIZE_MAX,
                                     outputs.data(), 0, SIZE_MAX / 2),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_batch: input size: count "
               "9223372036854775807 times 513 overflows");

  std::vector<uint64_t> polynomial(kN);
  std::vector<uint64_t> shortTable = {0, 1, 2};
  EXPECT_EQ(shade_rt_encode_table(context, 0, kSmallWidth, kSmallWidth,
                                  shortTable.data(), shortTable.size(),
                                  polynomial.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_encode_table: table size is 3, expected 8 "
               "(2^input_width entries)");
  std::vector<uint64_t> wideTable = {0, 1, 2, 3, 4, 5, 6, 8};
  EXPECT_EQ(shade_rt_encode_table(context, 0, kSmallWidth, kSmallWidth,
                                  wideTable.data(), wideTable.size(),
                                  polynomial.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_encode_table: LookupTable: entry 7 = 8 does not fit "
               "in 3 bits");

  std::vector<int64_t> values = {1, 8};
  std::vector<uint64_t> ciphertexts(2 * kBig);
  EXPECT_EQ(shade_rt_client_encrypt(client, 0, kSmallWidth, 0, values.data(), 2,
                                    ciphertexts.data(), ciphertexts.size()),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_encrypt: value 1 = 8 is not an unsigned 3-bit "
               "integer (range [0, 7])");
  EXPECT_EQ(shade_rt_client_encrypt(client, 0, 0, 0, values.data(), 2,
                                    ciphertexts.data(), ciphertexts.size()),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_encrypt: width 0 is outside [1, 62]");

  shade_rt_parameters invalid = smallCParameters();
  invalid.polynomial_size = 500;
  shade_rt_client *other = nullptr;
  shade_rt_key_layout invalidLayout = shade_rt_single_set_layout(&invalid);
  EXPECT_EQ(shade_rt_client_keygen(&invalidLayout, &other),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_EQ(other, nullptr);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_keygen: invalid parameter polynomialSize = "
               "500: must be a power of two");

  EXPECT_EQ(shade_rt_default_parameters(9, &invalid),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_EQ(shade_rt_default_parameters(4, nullptr), SHADE_RT_INVALID_ARGUMENT);
  ASSERT_EQ(shade_rt_default_parameters(4, &invalid), SHADE_RT_OK);
  EXPECT_EQ(invalid.polynomial_size, 2048u);

  shade_rt_context_destroy(nullptr);
  shade_rt_client_destroy(nullptr);
}

TEST_F(CApi, FileErrorsReturnStatusesAndMessages) {
  ScratchDirectory directory;
  std::string missing = directory.file("missing.key");
  shade_rt_context *loaded = reinterpret_cast<shade_rt_context *>(1);
  EXPECT_EQ(shade_rt_context_load(missing.c_str(), nullptr, &loaded),
            SHADE_RT_IO_ERROR);
  EXPECT_EQ(loaded, nullptr);
  EXPECT_EQ(std::string(shade_rt_last_error()),
            "shade_rt_context_load: " + missing +
                ": cannot open: No such file or directory");

  std::string secretPath = directory.file("client.key");
  ASSERT_EQ(shade_rt_client_save(client, secretPath.c_str()), SHADE_RT_OK);
  EXPECT_EQ(shade_rt_context_load(secretPath.c_str(), nullptr, &loaded),
            SHADE_RT_FORMAT_ERROR);
  EXPECT_EQ(std::string(shade_rt_last_error()),
            "shade_rt_context_load: " + secretPath +
                ": this is a secret key file, expected an evaluation key "
                "file");

  shade_rt_parameters other = smallCParameters();
  other.lwe_dimension = 101;
  shade_rt_key_layout otherLayout = shade_rt_single_set_layout(&other);
  shade_rt_client *restored = nullptr;
  EXPECT_EQ(shade_rt_client_load(secretPath.c_str(), &otherLayout, &restored),
            SHADE_RT_FORMAT_ERROR);
  EXPECT_EQ(std::string(shade_rt_last_error()),
            "shade_rt_client_load: " + secretPath +
                ": parameters mismatch: the file has lweDimension = 100, "
                "expected 101");

  EXPECT_EQ(shade_rt_client_save(client, directory.file("no/dir").c_str()),
            SHADE_RT_IO_ERROR);
  EXPECT_EQ(shade_rt_client_load(nullptr, nullptr, &restored),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_load: argument 'secret_key_path' is null");
}

TEST_F(CApi, LastErrorIsPerThread) {
  EXPECT_EQ(shade_rt_keyswitch(nullptr, 0, nullptr, 0, nullptr, 0),
            SHADE_RT_INVALID_ARGUMENT);
  std::string other = "unset";
  std::thread([&] { other = shade_rt_last_error(); }).join();
  EXPECT_EQ(other, "");
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch: argument 'context' is null");
}

TEST(CApiFromC, HeadersAreValidC) { EXPECT_EQ(shadeCApiUsedFromC(), 0); }

namespace {

constexpr uint64_t kDelta3 = uint64_t(1) << 60; // 2^(63 - kSmallWidth)

/// The compact form of raw tables of kSmallWidth-bit entries: each entry
/// times the output delta, the tables one after the other.
std::vector<uint64_t>
compactTables(const std::vector<std::vector<uint64_t>> &tables,
              uint64_t delta = kDelta3) {
  std::vector<uint64_t> compact;
  for (const std::vector<uint64_t> &table : tables)
    for (uint64_t entry : table)
      compact.push_back(entry * delta);
  return compact;
}

/// Table t of `count` maps m to (m * t + 1) mod 8.
std::vector<std::vector<uint64_t>> affineTables(size_t count) {
  std::vector<std::vector<uint64_t>> tables;
  for (uint64_t t = 0; t < count; ++t) {
    std::vector<uint64_t> table;
    for (uint64_t m = 0; m < 8; ++m)
      table.push_back((m * t + 1) % 8);
    tables.push_back(table);
  }
  return tables;
}

/// The signed 3-bit table of f, indexed by two's complement pattern.
std::vector<uint64_t> signedTable(int64_t (*f)(int64_t)) {
  std::vector<uint64_t> table;
  for (uint64_t pattern = 0; pattern < 8; ++pattern) {
    int64_t x = pattern >= 4 ? int64_t(pattern) - 8 : int64_t(pattern);
    table.push_back(static_cast<uint64_t>(f(x)) & 7);
  }
  return table;
}

int64_t signExtend3(uint64_t pattern) {
  return pattern >= 4 ? int64_t(pattern) - 8 : int64_t(pattern);
}

} // namespace

TEST_F(CApi, BootstrapTablesMatchTheEncodedPolynomials) {
  std::vector<int64_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  size_t count = values.size();
  std::vector<uint64_t> big = encrypt(values);
  std::vector<uint64_t> small(count * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 0, big.data(), big.size(),
                                     small.data(), small.size(), count),
            SHADE_RT_OK);
  std::vector<std::vector<uint64_t>> raw = affineTables(count);
  std::vector<uint64_t> compact = compactTables(raw);
  std::vector<uint64_t> polynomials;
  for (const std::vector<uint64_t> &table : raw) {
    std::vector<uint64_t> polynomial = encodeTable(table);
    polynomials.insert(polynomials.end(), polynomial.begin(), polynomial.end());
  }

  // One shared table (table 3 alone), then one per element.
  std::vector<uint64_t> expected(count * kBig), actual(count * kBig);
  ASSERT_EQ(shade_rt_bootstrap_batch(context, 0, small.data(), small.size(),
                                     expected.data(), expected.size(), count,
                                     polynomials.data() + 3 * kN, kN),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), small.size(),
                                      actual.data(), actual.size(), count,
                                      compact.data() + 3 * 8, 8, kSmallWidth, 0,
                                      nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(decrypt(actual), (std::vector<int64_t>{1, 4, 7, 2, 5, 0, 3, 6}));

  ASSERT_EQ(shade_rt_bootstrap_batch(context, 0, small.data(), small.size(),
                                     expected.data(), expected.size(), count,
                                     polynomials.data(), polynomials.size()),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), small.size(),
                                      actual.data(), actual.size(), count,
                                      compact.data(), compact.size(),
                                      kSmallWidth, 0, nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(actual, expected);

  // The key switch form, per element and shared.
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, big.data(), big.size(), expected.data(),
                expected.size(), count, polynomials.data(), polynomials.size()),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 0, big.data(), big.size(), actual.data(),
                actual.size(), count, compact.data(), compact.size(),
                kSmallWidth, 0, nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(decrypt(actual), (std::vector<int64_t>{1, 2, 5, 2, 1, 2, 5, 2}));
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 0, big.data(), big.size(), expected.data(),
                expected.size(), count, polynomials.data() + 5 * kN, kN),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 0, big.data(), big.size(), actual.data(),
                actual.size(), count, compact.data() + 5 * 8, 8, kSmallWidth, 0,
                nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(actual, expected);

  // Other widths: 2-bit inputs into 5-bit outputs (the bits only).
  std::vector<uint64_t> raw2 = {3, 17, 30, 9};
  std::vector<uint64_t> polynomial2(kN);
  ASSERT_EQ(shade_rt_encode_table(context, 0, 2, 5, raw2.data(), raw2.size(),
                                  polynomial2.data(), kN),
            SHADE_RT_OK);
  std::vector<uint64_t> compact2 = compactTables({raw2}, uint64_t(1) << 58);
  ASSERT_EQ(shade_rt_bootstrap_batch(context, 0, small.data(), small.size(),
                                     expected.data(), expected.size(), count,
                                     polynomial2.data(), kN),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), small.size(),
                                      actual.data(), actual.size(), count,
                                      compact2.data(), compact2.size(), 2, 0,
                                      nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(actual, expected);
}

TEST_F(CApi, BootstrapTablesGathersInputsAndTables) {
  std::vector<int64_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<uint64_t> big = encrypt(values);
  std::vector<uint64_t> small(values.size() * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 0, big.data(), big.size(),
                                     small.data(), small.size(), values.size()),
            SHADE_RT_OK);
  // Three distinct tables; output j reads input (5 j) mod 8 through table
  // j / 8: every input is read three times, every table sees every message.
  std::vector<std::vector<uint64_t>> raw = {{0, 1, 2, 3, 4, 5, 6, 7},
                                            {7, 6, 5, 4, 3, 2, 1, 0},
                                            {0, 1, 4, 1, 0, 1, 4, 1}};
  std::vector<uint64_t> compact = compactTables(raw);
  constexpr size_t kOutputs = 24;
  std::vector<uint64_t> inputIndices(kOutputs), tableIndices(kOutputs);
  std::vector<int64_t> expected(kOutputs);
  for (size_t j = 0; j < kOutputs; ++j) {
    inputIndices[j] = (5 * j) % 8;
    tableIndices[j] = j / 8;
    expected[j] = int64_t(raw[tableIndices[j]][inputIndices[j]]);
  }
  std::vector<uint64_t> smallCopy = small, bigCopy = big;
  std::vector<uint64_t> outputs(kOutputs * kBig);
  ASSERT_EQ(shade_rt_bootstrap_tables(
                context, 0, small.data(), small.size(), outputs.data(),
                outputs.size(), kOutputs, compact.data(), compact.size(),
                kSmallWidth, 0, inputIndices.data(), tableIndices.data()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(outputs), expected);
  EXPECT_EQ(small, smallCopy);

  std::vector<uint64_t> again(kOutputs * kBig);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 0, big.data(), big.size(), again.data(), again.size(),
                kOutputs, compact.data(), compact.size(), kSmallWidth, 0,
                inputIndices.data(), tableIndices.data()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(again), expected);
  EXPECT_EQ(big, bigCopy);

  // Input indices with the default tables (one per output), and table
  // indices with the inputs in order: fewer outputs than inputs, too.
  std::vector<uint64_t> fewer(3 * kBig);
  std::vector<uint64_t> picks = {6, 6, 1};
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 0, big.data(), big.size(), fewer.data(), fewer.size(),
                3, compact.data(), compact.size(), kSmallWidth, 0, picks.data(),
                nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(fewer), (std::vector<int64_t>{6, 1, 1}));
  std::vector<uint64_t> oneTable = {2, 2, 2, 2, 2, 2, 2, 2};
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), small.size(),
                                      outputs.data(), 8 * kBig, 8,
                                      compact.data(), compact.size(),
                                      kSmallWidth, 0, nullptr, oneTable.data()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(std::vector<uint64_t>(outputs.begin(),
                                          outputs.begin() + 8 * kBig)),
            (std::vector<int64_t>{0, 1, 4, 1, 0, 1, 4, 1}));
}

TEST_F(CApi, BootstrapTablesOfSignedInputs) {
  std::vector<int64_t> values = {-4, -3, -2, -1, 0, 1, 2, 3};
  std::vector<uint64_t> big = encrypt(values, true);
  std::vector<uint64_t> small(values.size() * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 0, big.data(), big.size(),
                                     small.data(), small.size(), values.size()),
            SHADE_RT_OK);
  int64_t (*functions[])(int64_t) = {
      [](int64_t x) { return -x - 1; },
      [](int64_t x) { return x < 0 ? int64_t(0) : x; },
      [](int64_t x) { return x >= 0 ? x / 2 : -((-x + 1) / 2); },
  };
  std::vector<std::vector<uint64_t>> raw;
  for (auto *f : functions)
    raw.push_back(signedTable(f));
  std::vector<uint64_t> compact = compactTables(raw);
  constexpr size_t kOutputs = 24;
  std::vector<uint64_t> inputIndices(kOutputs), tableIndices(kOutputs);
  std::vector<int64_t> expected(kOutputs);
  for (size_t j = 0; j < kOutputs; ++j) {
    inputIndices[j] = (3 * j + 1) % 8;
    tableIndices[j] = j % 3;
    expected[j] = signExtend3(raw[j % 3][inputIndices[j] ^ 4]);
    EXPECT_EQ(expected[j], functions[j % 3](values[inputIndices[j]])) << j;
  }
  std::vector<uint64_t> smallCopy = small, bigCopy = big;
  std::vector<uint64_t> outputs(kOutputs * kBig);
  ASSERT_EQ(shade_rt_bootstrap_tables(
                context, 0, small.data(), small.size(), outputs.data(),
                outputs.size(), kOutputs, compact.data(), compact.size(),
                kSmallWidth, 1, inputIndices.data(), tableIndices.data()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(outputs, true), expected);
  EXPECT_EQ(small, smallCopy);

  std::vector<uint64_t> switched(kOutputs * kBig);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 0, big.data(), big.size(), switched.data(),
                switched.size(), kOutputs, compact.data(), compact.size(),
                kSmallWidth, 7, inputIndices.data(), tableIndices.data()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(switched, true), expected);
  EXPECT_EQ(big, bigCopy);

  // Bit-identical to adding 2^62 to each body and bootstrapping with the
  // polynomial of the table permuted by xor 2^(w-1).
  std::vector<uint64_t> permuted(8);
  for (size_t b = 0; b < 8; ++b)
    permuted[b] = raw[0][b ^ 4];
  std::vector<uint64_t> polynomial = encodeTable(permuted);
  std::vector<uint64_t> shifted = small;
  for (size_t i = 0; i < values.size(); ++i)
    shifted[i * kSmall + kSmall - 1] += uint64_t(1) << 62;
  std::vector<uint64_t> expectedBits(values.size() * kBig),
      actualBits(values.size() * kBig);
  ASSERT_EQ(shade_rt_bootstrap_batch(context, 0, shifted.data(), shifted.size(),
                                     expectedBits.data(), expectedBits.size(),
                                     values.size(), polynomial.data(), kN),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), small.size(),
                                      actualBits.data(), actualBits.size(),
                                      values.size(), compact.data(), 8,
                                      kSmallWidth, 1, nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(actualBits, expectedBits);
  EXPECT_EQ(decrypt(actualBits, true),
            (std::vector<int64_t>{3, 2, 1, 0, -1, -2, -3, -4}));
}

TEST_F(CApi, BootstrapTablesCountsBootstraps) {
  auto bootstrapCount = [&] {
    uint64_t count = 0;
    EXPECT_EQ(shade_rt_context_get_bootstrap_count(context, &count),
              SHADE_RT_OK);
    return count;
  };
  ASSERT_EQ(shade_rt_context_set_thread_count(context, 2), SHADE_RT_OK);
  std::vector<uint64_t> big = encrypt({1, 2, 3});
  std::vector<uint64_t> compact = compactTables({{0, 1, 2, 3, 4, 5, 6, 7}});
  std::vector<uint64_t> indices = {0, 1, 2, 2, 1, 0, 0};
  std::vector<uint64_t> outputs(indices.size() * kBig);
  EXPECT_EQ(bootstrapCount(), 0u);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 0, big.data(), big.size(), outputs.data(),
                outputs.size(), indices.size(), compact.data(), 8, kSmallWidth,
                0, indices.data(), nullptr),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 7u);
  EXPECT_EQ(decrypt(outputs), (std::vector<int64_t>{1, 2, 3, 3, 2, 1, 1}));
  std::vector<uint64_t> small(3 * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 0, big.data(), big.size(),
                                     small.data(), small.size(), 3),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), small.size(),
                                      outputs.data(), outputs.size(),
                                      indices.size(), compact.data(), 8,
                                      kSmallWidth, 0, indices.data(), nullptr),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 14u);
  // Zero outputs: nothing to do, nothing counted.
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), 0,
                                      outputs.data(), 0, 0, compact.data(), 8,
                                      kSmallWidth, 0, nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(bootstrapCount(), 14u);
}

TEST_F(CApi, BootstrapTablesRejectsBadArguments) {
  constexpr size_t kCount = 4;
  std::vector<uint64_t> big = encrypt({1, 2, 3, 4});
  std::vector<uint64_t> small(kCount * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 0, big.data(), big.size(),
                                     small.data(), small.size(), kCount),
            SHADE_RT_OK);
  std::vector<uint64_t> compact = compactTables(affineTables(2));
  constexpr uint64_t kUntouched = 0x5a5a5a5a5a5a5a5a;
  std::vector<uint64_t> outputs(kCount * kBig, kUntouched);
  std::vector<uint64_t> goodIndices = {0, 3, 1, 3};
  std::vector<uint64_t> badInputIndices = {0, 3, 4, 1};
  std::vector<uint64_t> badTableIndices = {0, 1, 1, 2};

  struct Call {
    bool keySwitch = false;
    const uint64_t *inputs;
    size_t inputsSize;
    uint64_t *outputs;
    size_t outputsSize;
    size_t count = kCount;
    const uint64_t *tables;
    size_t tablesSize;
    uint32_t inputWidth = kSmallWidth;
    const uint64_t *inputIndices = nullptr;
    const uint64_t *tableIndices = nullptr;
  };
  auto smallCall = [&] {
    Call call;
    call.inputs = small.data();
    call.inputsSize = small.size();
    call.outputs = outputs.data();
    call.outputsSize = outputs.size();
    call.tables = compact.data();
    call.tablesSize = 8;
    return call;
  };
  auto bigCall = [&] {
    Call call = smallCall();
    call.keySwitch = true;
    call.inputs = big.data();
    call.inputsSize = big.size();
    return call;
  };
  auto expectRejected = [&](shade_rt_context *target, const Call &call,
                            const std::string &message) {
    shade_rt_status status =
        (call.keySwitch ? shade_rt_keyswitch_bootstrap_tables
                        : shade_rt_bootstrap_tables)(
            target, 0, call.inputs, call.inputsSize, call.outputs,
            call.outputsSize, call.count, call.tables, call.tablesSize,
            call.inputWidth, 0, call.inputIndices, call.tableIndices);
    EXPECT_EQ(status, SHADE_RT_INVALID_ARGUMENT) << message;
    std::string function = call.keySwitch
                               ? "shade_rt_keyswitch_bootstrap_tables: "
                               : "shade_rt_bootstrap_tables: ";
    EXPECT_EQ(shade_rt_last_error(), function + message);
    EXPECT_TRUE(std::all_of(outputs.begin(), outputs.end(), [](uint64_t x) {
      return x == kUntouched;
    })) << message;
  };

  expectRejected(nullptr, smallCall(), "argument 'context' is null");
  Call call = smallCall();
  call.inputs = nullptr;
  expectRejected(context, call, "argument 'inputs' is null");
  call = bigCall();
  call.outputs = nullptr;
  expectRejected(context, call, "argument 'outputs' is null");
  call = smallCall();
  call.tables = nullptr;
  expectRejected(context, call, "argument 'tables' is null");

  const char *widthMessage =
      " is outside [1, 8] (a polynomial of size N = 512 holds tables of at "
      "most log2(N) - 1 input bits)";
  call = smallCall();
  call.inputWidth = 0;
  expectRejected(context, call, std::string("input_width 0") + widthMessage);
  call.inputWidth = 9;
  expectRejected(context, call, std::string("input_width 9") + widthMessage);
  call = bigCall();
  call.inputWidth = 64;
  expectRejected(context, call, std::string("input_width 64") + widthMessage);

  call = smallCall();
  call.inputsSize = small.size() - 1;
  expectRejected(context, call,
                 "inputs_size 403 is not a multiple of the ciphertext size "
                 "101 (n + 1)");
  call = bigCall();
  call.inputsSize = small.size();
  expectRejected(context, call,
                 "inputs_size 404 is not a multiple of the ciphertext size "
                 "513 (k_s * N_s + 1)");
  call = smallCall();
  call.inputsSize = 3 * kSmall;
  expectRejected(context, call,
                 "inputs_size is 303, expected 404 (count * (n + 1), "
                 "input_indices being null)");
  call = bigCall();
  call.outputsSize = outputs.size() - kBig;
  expectRejected(context, call,
                 "outputs_size is 1539, expected 2052 (count * (k * N + 1))");
  call = smallCall();
  call.tablesSize = 0;
  expectRejected(context, call,
                 "tables_size 0 is not a nonzero multiple of 2^input_width = "
                 "8");
  call.tablesSize = 12;
  expectRejected(context, call,
                 "tables_size 12 is not a nonzero multiple of 2^input_width = "
                 "8");
  call.tablesSize = 16;
  expectRejected(context, call,
                 "batched bootstrap from tables: 2 tables for 4 outputs "
                 "without table_indices (needs 1 or 4)");

  call = smallCall();
  call.inputIndices = badInputIndices.data();
  expectRejected(context, call,
                 "batched bootstrap from tables: input_indices[2] = 4 is out "
                 "of range (4 input ciphertexts)");
  call = bigCall();
  call.inputsSize = 2 * kBig;
  call.inputIndices = goodIndices.data();
  expectRejected(context, call,
                 "batched key switch + bootstrap from tables: input_indices[1] "
                 "= 3 is out of range (2 input ciphertexts)");
  call = bigCall();
  call.tablesSize = 16;
  call.tableIndices = badTableIndices.data();
  expectRejected(context, call,
                 "batched key switch + bootstrap from tables: "
                 "table_indices[3] = 2 is out of range (2 tables)");

  // Gathering into the inputs' own array would overwrite inputs that later
  // outputs read.
  std::vector<uint64_t> inPlace = big;
  shade_rt_status status = shade_rt_keyswitch_bootstrap_tables(
      context, 0, inPlace.data(), inPlace.size(), inPlace.data(),
      inPlace.size(), kCount, compact.data(), 8, kSmallWidth, 0, nullptr,
      nullptr);
  EXPECT_EQ(status, SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap_tables: batched key switch + "
               "bootstrap from tables: the output array overlaps the input "
               "array (outputs may read any input)");
  EXPECT_EQ(inPlace, big);

  // Nothing ran.
  uint64_t count = 99;
  ASSERT_EQ(shade_rt_context_get_bootstrap_count(context, &count), SHADE_RT_OK);
  EXPECT_EQ(count, 0u);
  // A valid call with the same arrays succeeds.
  // Tables (m * t + 1) mod 8 for t in {0, 1}, inputs 1 to 4.
  std::vector<uint64_t> tableIndices = {1, 1, 0, 1};
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 0, small.data(), small.size(),
                                      outputs.data(), outputs.size(), kCount,
                                      compact.data(), 16, kSmallWidth, 0,
                                      goodIndices.data(), tableIndices.data()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(outputs), (std::vector<int64_t>{2, 5, 1, 5}));
}

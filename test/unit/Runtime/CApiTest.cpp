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
  shade::runtime::Parameters parameters = smallParameters();
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

constexpr size_t kBig = 513;
constexpr size_t kSmall = 101;
constexpr size_t kN = 512;

/// A client and a context made from it, destroyed at the end of the test.
class CApi : public ::testing::Test {
protected:
  void SetUp() override {
    shade_rt_parameters parameters = smallCParameters();
    ASSERT_EQ(shade_rt_client_keygen(&parameters, &client), SHADE_RT_OK)
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
    EXPECT_EQ(shade_rt_client_encrypt(client, kSmallWidth, isSigned,
                                      values.data(), values.size(),
                                      ciphertexts.data(), ciphertexts.size()),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return ciphertexts;
  }

  std::vector<int64_t> decrypt(const std::vector<uint64_t> &ciphertexts,
                               bool isSigned = false) {
    std::vector<int64_t> values(ciphertexts.size() / kBig);
    EXPECT_EQ(shade_rt_client_decrypt(client, kSmallWidth, isSigned,
                                      ciphertexts.data(), ciphertexts.size(),
                                      values.data(), values.size()),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return values;
  }

  std::vector<uint64_t> encodeTable(const std::vector<uint64_t> &table) {
    std::vector<uint64_t> polynomial(kN);
    EXPECT_EQ(shade_rt_encode_table(context, kSmallWidth, kSmallWidth,
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
  ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, input.data(), kBig,
                                         output.data(), kBig, square.data(),
                                         kN),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(output), (std::vector<int64_t>{1}));

  std::vector<uint64_t> small(kSmall);
  ASSERT_EQ(
      shade_rt_keyswitch(context, input.data(), kBig, small.data(), kSmall),
      SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap(context, small.data(), kSmall, output.data(),
                               kBig, square.data(), kN),
            SHADE_RT_OK);
  EXPECT_EQ(decrypt(output), (std::vector<int64_t>{1}));

  // In place, and linear operations done directly on the arrays: 2 * x.
  for (uint64_t &word : input)
    word *= 2;
  ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, input.data(), kBig,
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
                context, inputs.data(), inputs.size(), batched.data(),
                batched.size(), values.size(), tables.data(), tables.size()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(batched), (std::vector<int64_t>{0, 1, 4, 1, 0, 1, 4, 1}));
  std::vector<uint64_t> single(kBig);
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, inputs.data() + i * kBig,
                                           kBig, single.data(), kBig,
                                           tables.data() + i * kN, kN),
              SHADE_RT_OK);
    EXPECT_TRUE(
        std::equal(single.begin(), single.end(), batched.begin() + i * kBig))
        << i;
  }

  // Key switch, then bootstrap with one table for all (the identity).
  std::vector<uint64_t> small(values.size() * kSmall);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, inputs.data(), inputs.size(),
                                     small.data(), small.size(), values.size()),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_bootstrap_batch(context, small.data(), small.size(),
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
                context, inputs.data(), inputs.size(), inputs.data(),
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
  ASSERT_EQ(shade_rt_keyswitch_bootstrap(context, input.data(), kBig,
                                         output.data(), kBig, identity.data(),
                                         kN),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 1u);
  // A key switch alone is not a bootstrap.
  ASSERT_EQ(
      shade_rt_keyswitch(context, input.data(), kBig, small.data(), kSmall),
      SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 1u);
  ASSERT_EQ(shade_rt_bootstrap(context, small.data(), kSmall, output.data(),
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
                context, inputs.data(), inputs.size(), outputs.data(),
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
  ASSERT_EQ(shade_rt_keyswitch_batch(context, inputs.data(), inputs.size(),
                                     smalls.data(), smalls.size(),
                                     values.size()),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 9u);
  ASSERT_EQ(shade_rt_bootstrap_batch(
                context, smalls.data(), smalls.size(), outputs.data(),
                outputs.size(), values.size(), tables.data(), tables.size()),
            SHADE_RT_OK);
  EXPECT_EQ(bootstrapCount(), 16u);
  // Element i used table i: (i + i) mod 8.
  EXPECT_EQ(decrypt(outputs), (std::vector<int64_t>{0, 2, 4, 6, 0, 2, 4}));

  // A failed call counts nothing.
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, inputs.data(), inputs.size() - 1, outputs.data(),
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
                context, inputs.data(), inputs.size(), inputs.data(),
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
  shade_rt_context *loaded = nullptr;
  ASSERT_EQ(shade_rt_context_load(evaluationPath.c_str(), &parameters, &loaded),
            SHADE_RT_OK)
      << shade_rt_last_error();
  shade_rt_client *restored = nullptr;
  ASSERT_EQ(shade_rt_client_load(secretPath.c_str(), nullptr, &restored),
            SHADE_RT_OK);

  shade_rt_parameters read;
  ASSERT_EQ(shade_rt_context_get_parameters(loaded, &read), SHADE_RT_OK);
  EXPECT_EQ(read.lwe_dimension, 100u);
  EXPECT_EQ(read.polynomial_size, 512u);
  EXPECT_EQ(read.pbs_level, 3u);
  EXPECT_EQ(read.ks_base_log, 4u);
  ASSERT_EQ(shade_rt_client_get_parameters(restored, &read), SHADE_RT_OK);
  EXPECT_EQ(read.glwe_noise_std, 0x1p-40);

  std::vector<uint64_t> negate = encodeTable({0, 7, 6, 5, 4, 3, 2, 1});
  std::vector<uint64_t> data = encrypt({2, 5});
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(loaded, data.data(), data.size(),
                                               data.data(), data.size(), 2,
                                               negate.data(), kN),
            SHADE_RT_OK);
  std::vector<int64_t> values(2);
  ASSERT_EQ(shade_rt_client_decrypt(restored, kSmallWidth, 0, data.data(),
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

  EXPECT_EQ(shade_rt_keyswitch_bootstrap(nullptr, input.data(), kBig,
                                         output.data(), kBig, table.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap: argument 'context' is null");

  EXPECT_EQ(shade_rt_keyswitch(context, input.data(), kBig - 1, output.data(),
                               kSmall),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch: input size is 512, expected 513 (count * "
               "(k * N + 1))");

  EXPECT_EQ(shade_rt_bootstrap(context, input.data(), kBig, output.data(), kBig,
                               table.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_bootstrap: input size is 513, expected 101 (count * "
               "(n + 1))");

  std::vector<uint64_t> inputs = encrypt({1, 2, 3});
  std::vector<uint64_t> outputs(inputs.size());
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, inputs.data(), inputs.size(), outputs.data(),
                outputs.size(), 3, table.data(), 2 * kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap_batch: table size is 1024, "
               "expected 512 (one table of N coefficients) or 1536 (one table "
               "per ciphertext)");

  EXPECT_EQ(shade_rt_keyswitch_batch(context, inputs.data(), SIZE_MAX,
                                     outputs.data(), 0, SIZE_MAX / 2),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_batch: input size: count "
               "9223372036854775807 times 513 overflows");

  std::vector<uint64_t> polynomial(kN);
  std::vector<uint64_t> shortTable = {0, 1, 2};
  EXPECT_EQ(shade_rt_encode_table(context, kSmallWidth, kSmallWidth,
                                  shortTable.data(), shortTable.size(),
                                  polynomial.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_encode_table: table size is 3, expected 8 "
               "(2^input_width entries)");
  std::vector<uint64_t> wideTable = {0, 1, 2, 3, 4, 5, 6, 8};
  EXPECT_EQ(shade_rt_encode_table(context, kSmallWidth, kSmallWidth,
                                  wideTable.data(), wideTable.size(),
                                  polynomial.data(), kN),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_encode_table: LookupTable: entry 7 = 8 does not fit "
               "in 3 bits");

  std::vector<int64_t> values = {1, 8};
  std::vector<uint64_t> ciphertexts(2 * kBig);
  EXPECT_EQ(shade_rt_client_encrypt(client, kSmallWidth, 0, values.data(), 2,
                                    ciphertexts.data(), ciphertexts.size()),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_encrypt: value 1 = 8 is not an unsigned 3-bit "
               "integer (range [0, 7])");
  EXPECT_EQ(shade_rt_client_encrypt(client, 0, 0, values.data(), 2,
                                    ciphertexts.data(), ciphertexts.size()),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_encrypt: width 0 is outside [1, 62]");

  shade_rt_parameters invalid = smallCParameters();
  invalid.polynomial_size = 500;
  shade_rt_client *other = nullptr;
  EXPECT_EQ(shade_rt_client_keygen(&invalid, &other),
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
  shade_rt_client *restored = nullptr;
  EXPECT_EQ(shade_rt_client_load(secretPath.c_str(), &other, &restored),
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
  EXPECT_EQ(shade_rt_keyswitch(nullptr, nullptr, 0, nullptr, 0),
            SHADE_RT_INVALID_ARGUMENT);
  std::string other = "unset";
  std::thread([&] { other = shade_rt_last_error(); }).join();
  EXPECT_EQ(other, "");
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch: argument 'context' is null");
}

TEST(CApiFromC, HeadersAreValidC) { EXPECT_EQ(shadeCApiUsedFromC(), 0); }

//===- KeySetTest.cpp - Programs with several parameter sets --------------===//
//
// Two small parameter sets of different dimensions and the key patterns
// (0, 0), (0, 1) and (1, 1): key generation, the switch from one set's big
// key to the other's through the batched evaluator and the C interface, the
// key files and every error a wrong pattern or layout gives.
//
//===----------------------------------------------------------------------===//

#include "SerializationTestSupport.h"

#include "shade/runtime/Batch.h"
#include "shade/runtime/CApiClient.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/Serialization.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace shade::runtime;
using namespace shade::runtime::test;

namespace {

/// Set 1: n = 110, k = 1, N = 1024, so that its big dimension (1024)
/// differs from set 0's (512).
Parameters otherParameters() {
  Parameters parameters = smallParameters();
  parameters.lweDimension = 110;
  parameters.polynomialSize = 1024;
  return parameters;
}

KeyLayout twoSetLayout() {
  return KeyLayout{{smallParameters(), otherParameters()},
                   {KeyPattern{0, 0}, KeyPattern{0, 1}, KeyPattern{1, 1}}};
}

struct TwoSetKeys {
  SecretKeySet secret;
  EvaluationKeySet evaluation;
};

/// Made once, from seed 3.
const TwoSetKeys &twoSetKeys() {
  static const TwoSetKeys keys = [] {
    Csprng rng = shade::runtime::testing::seededCsprngForTesting(3);
    TwoSetKeys made;
    made.secret = generateSecretKeySet(twoSetLayout(), rng);
    made.evaluation = generateEvaluationKeySet(made.secret, rng);
    return made;
  }();
  return keys;
}

/// Encryptions of 0 .. 7 under the big key of `keys`.
std::vector<Torus> encryptAll(const SecretKeys &keys) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(4);
  std::vector<Torus> ciphertexts;
  for (uint64_t m = 0; m < 8; ++m) {
    LweCiphertext ciphertext =
        encryptBig(keys, encodeMessage(m, kSmallWidth), rng);
    ciphertexts.insert(ciphertexts.end(), ciphertext.data.begin(),
                       ciphertext.data.end());
  }
  return ciphertexts;
}

std::vector<uint64_t> decryptAll(const SecretKeys &keys,
                                 const std::vector<Torus> &ciphertexts) {
  size_t size = size_t(keys.parameters.bigLweDimension()) + 1;
  std::vector<uint64_t> messages;
  for (size_t at = 0; at < ciphertexts.size(); at += size)
    messages.push_back(decodeMessage(
        decryptBigPhase(keys, ciphertexts.data() + at), kSmallWidth));
  return messages;
}

/// m -> 7 - m, as compact table entries of 3 bits.
std::vector<Torus> reverseTable() {
  std::vector<Torus> table;
  for (uint64_t m = 0; m < 8; ++m)
    table.push_back(encodeMessage(7 - m, kSmallWidth));
  return table;
}

const std::vector<uint64_t> kReversed = {7, 6, 5, 4, 3, 2, 1, 0};

template <typename Call> std::string invalidArgumentOf(Call &&call) {
  try {
    call();
  } catch (const std::invalid_argument &error) {
    return error.what();
  }
  ADD_FAILURE() << "no std::invalid_argument";
  return "";
}

} // namespace

TEST(KeySet, EveryPatternHasItsKeySwitchAndItsTargetsBootstrapKey) {
  const EvaluationKeySet &keys = twoSetKeys().evaluation;
  ASSERT_EQ(keys.keys.size(), 3u);
  const EvaluationKeys &switching = keys.keys[1];
  EXPECT_EQ(switching.keySwitch.inputDimension, 512u);
  EXPECT_EQ(switching.keySwitch.outputDimension, 110u);
  EXPECT_EQ(switching.inputSize(), 513u);
  EXPECT_EQ(switching.outputSize(), 1025u);
  EXPECT_EQ(keys.keys[2].keySwitch.inputDimension, 1024u);
  EXPECT_EQ(keys.keys[0].keySwitch.inputDimension, 512u);
  // Patterns 1 and 2 target set 1: one bootstrap key between them.
  EXPECT_EQ(keys.keys[1].bootstrap, keys.keys[2].bootstrap);
  EXPECT_NE(keys.keys[0].bootstrap, keys.keys[1].bootstrap);
  EXPECT_EQ(keys.keys[1].bootstrap->polynomialSize, 1024u);
  EXPECT_EQ(keys.keys[1].bootstrap->inputLweDimension, 110u);
}

TEST(KeySet, OneSetDrawsWhatTheSingleSetFunctionsDraw) {
  Csprng first = shade::runtime::testing::seededCsprngForTesting(5);
  Csprng second = shade::runtime::testing::seededCsprngForTesting(5);
  SecretKeys single = generateSecretKeys(smallParameters(), first);
  EvaluationKeys evaluation = generateEvaluationKeys(single, first);
  SecretKeySet set =
      generateSecretKeySet(KeyLayout::single(smallParameters()), second);
  EvaluationKeySet evaluationSet = generateEvaluationKeySet(set, second);
  EXPECT_EQ(set.sets[0].small.bits, single.small.bits);
  EXPECT_EQ(set.sets[0].glwe.bits, single.glwe.bits);
  EXPECT_EQ(serializeEvaluationKeySet(evaluationSet),
            serializeEvaluationKeys(evaluation));
}

TEST(KeySet, SwitchesFromOneSetToTheOtherExactly) {
  const TwoSetKeys &keys = twoSetKeys();
  const SecretKeys &first = keys.secret.sets[0];
  const SecretKeys &second = keys.secret.sets[1];
  ThreadPool pool(2);
  std::vector<Torus> inputs = encryptAll(first);
  std::vector<Torus> table = reverseTable();
  TableSelection selection;
  selection.tables = table.data();
  selection.tableCount = 1;
  selection.inputWidth = kSmallWidth;

  // (0, 1): from set 0's big key to set 1's.
  BatchEvaluator across(keys.evaluation.keys[1], pool);
  std::vector<Torus> switched(8 * 1025);
  across.keySwitchBootstrapTables(inputs.data(), 8, switched.data(), 8,
                                  selection);
  EXPECT_EQ(decryptAll(second, switched), kReversed);

  // (1, 1): within set 1, back to the original order.
  BatchEvaluator within(keys.evaluation.keys[2], pool);
  std::vector<Torus> again(8 * 1025);
  within.keySwitchBootstrapTables(switched.data(), 8, again.data(), 8,
                                  selection);
  EXPECT_EQ(decryptAll(second, again),
            (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7}));

  // The one-table form and the key switch alone agree.
  LookupTable lut = LookupTable::fromTable(1024, kSmallWidth, kSmallWidth,
                                           std::vector<uint64_t>(kReversed));
  std::vector<Torus> direct(8 * 1025);
  across.keySwitchBootstrap(inputs.data(), direct.data(), 8,
                            lut.polynomial.data(), 1);
  EXPECT_EQ(decryptAll(second, direct), kReversed);
  std::vector<Torus> small(8 * 111);
  across.keySwitch(inputs.data(), small.data(), 8);
  across.bootstrapTables(small.data(), 8, direct.data(), 8, selection);
  EXPECT_EQ(decryptAll(second, direct), kReversed);

  // Dimensions differ: working in place would overwrite unread inputs.
  std::vector<Torus> overlapping(8 * 1025);
  EXPECT_EQ(invalidArgumentOf([&] {
              across.keySwitchBootstrap(overlapping.data(), overlapping.data(),
                                        8, lut.polynomial.data(), 1);
            }),
            "key switch + bootstrap: the output array overlaps the input "
            "array (outputs may read any input)");
}

TEST(KeySet, InvalidLayoutsAreNamed) {
  KeyLayout layout = twoSetLayout();
  layout.patterns.push_back({2, 0});
  EXPECT_EQ(invalidArgumentOf([&] { layout.validate(); }),
            "key pattern 3 (2, 0) names a set out of range (2 sets)");
  layout = twoSetLayout();
  layout.patterns.push_back({0, 1});
  EXPECT_EQ(invalidArgumentOf([&] { layout.validate(); }),
            "key pattern 3 (0, 1) repeats key pattern 1");
  layout.patterns.clear();
  EXPECT_EQ(invalidArgumentOf([&] { layout.validate(); }),
            "a key set needs at least one key pattern");
  layout.sets.clear();
  EXPECT_EQ(invalidArgumentOf([&] { layout.validate(); }),
            "a key set needs at least one parameter set");
}

TEST(KeySetSerialization, SecretKeysRoundTrip) {
  const SecretKeySet &keys = twoSetKeys().secret;
  ScratchDirectory directory;
  std::string path = directory.file("client.sk");
  writeSecretKeySet(path, keys);
  SecretKeySet restored = readSecretKeySet(path, twoSetLayout());
  ASSERT_EQ(restored.sets.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(restored.sets[i].small.bits, keys.sets[i].small.bits);
    EXPECT_EQ(restored.sets[i].glwe.bits, keys.sets[i].glwe.bits);
  }
  EXPECT_EQ(restored.patterns, keys.patterns);
  EXPECT_EQ(serializeSecretKeySet(restored), serializeSecretKeySet(keys));
}

TEST(KeySetSerialization, EvaluationKeysRoundTripWithOneBootstrapKeyPerTarget) {
  const EvaluationKeySet &keys = twoSetKeys().evaluation;
  std::vector<uint8_t> bytes = serializeEvaluationKeySet(keys);
  // Header, counts, three parameter blocks, three patterns, three key
  // switching keys (512 -> 100, 512 -> 110, 1024 -> 110, 5 levels), two
  // bootstrap keys (n (k + 1)^2 levels N values), checksum: set 1's
  // bootstrap key, used by two patterns, is there once.
  size_t expected = format::headerSize + 8 + 2 * 44 + 3 * 8 +
                    8 * (3 + 512 * 5 * 101 + 512 * 5 * 111 + 1024 * 5 * 111) +
                    8 * (2 + 100 * 4 * 3 * 512 + 110 * 4 * 3 * 1024) +
                    format::checksumSize;
  EXPECT_EQ(bytes.size(), expected);

  EvaluationKeySet restored = deserializeEvaluationKeySet(bytes, "ek");
  ASSERT_EQ(restored.keys.size(), 3u);
  EXPECT_EQ(restored.layout.patterns, keys.layout.patterns);
  EXPECT_EQ(restored.keys[1].bootstrap, restored.keys[2].bootstrap);
  for (size_t p = 0; p < 3; ++p) {
    EXPECT_EQ(restored.keys[p].keySwitch.inputDimension,
              keys.keys[p].keySwitch.inputDimension);
    EXPECT_TRUE(restored.keys[p].keySwitch.data == keys.keys[p].keySwitch.data)
        << "pattern " << p;
    EXPECT_TRUE(restored.keys[p].bootstrap->data ==
                keys.keys[p].bootstrap->data)
        << "pattern " << p;
  }
  EXPECT_EQ(serializeEvaluationKeySet(restored), bytes);
}

TEST(KeySetSerialization, MismatchedLayoutsAreNamed) {
  ScratchDirectory directory;
  std::string path = directory.file("server.ek");
  writeEvaluationKeySet(path, twoSetKeys().evaluation);
  KeyLayout other = twoSetLayout();
  other.sets[1].lweDimension = 111;
  EXPECT_EQ(errorOf([&] { readEvaluationKeySet(path, other); }),
            path + ": parameters mismatch: the file has lweDimension = 110 in "
                   "set 1, expected 111");
  other = twoSetLayout();
  other.patterns[1] = {1, 0};
  EXPECT_EQ(errorOf([&] { readEvaluationKeySet(path, other); }),
            path + ": parameters mismatch: the file has key pattern 1 (0, 1), "
                   "expected (1, 0)");
  other.patterns.pop_back();
  EXPECT_EQ(errorOf([&] { readEvaluationKeySet(path, other); }),
            path + ": parameters mismatch: the file has 3 key patterns, "
                   "expected 2");
  EXPECT_EQ(errorOf([&] { readEvaluationKeys(path, smallParameters()); }),
            path + ": parameters mismatch: the file has 2 parameter sets, "
                   "expected 1");
  EXPECT_EQ(errorOf([&] { readEvaluationKeys(path); }),
            path + ": the file holds 2 parameter sets and 3 key patterns; "
                   "expected one set with the pattern (0, 0)");
}

TEST(KeySetSerialization, PatternsWithOneTargetMustShareItsBootstrapKey) {
  EvaluationKeySet keys = twoSetKeys().evaluation;
  keys.keys[2].bootstrap =
      std::make_shared<const FourierBootstrapKey>(*keys.keys[2].bootstrap);
  EXPECT_EQ(invalidArgumentOf([&] { serializeEvaluationKeySet(keys); }),
            "cannot serialize: key pattern 2 (1, 1) and key pattern 1 (0, 1) "
            "target the same set with different bootstrap keys");
}

TEST(KeySetSerialization, APatternOutOfRangeInAFileIsRejected) {
  std::vector<uint8_t> bytes = serializeSecretKeySet(twoSetKeys().secret);
  // The target of pattern 2, after the counts and the two parameter blocks.
  size_t target = format::headerSize + 8 + 2 * 44 + 2 * 8 + 4;
  bytes[target] = 2;
  size_t end = bytes.size() - format::checksumSize;
  uint64_t crc = format::crc64(bytes.data(), end);
  for (unsigned i = 0; i < 8; ++i)
    bytes[end + i] = static_cast<uint8_t>(crc >> (8 * i));
  EXPECT_EQ(errorOf([&] { deserializeSecretKeySet(bytes, "sk"); }),
            "sk: key pattern 2 (1, 2) names a set out of range (2 sets)");
}

TEST(KeySetSerialization, TensorsCarryTheirKeySet) {
  const SecretKeys &second = twoSetKeys().secret.sets[1];
  Tensor tensor;
  tensor.name = "y";
  tensor.width = kSmallWidth;
  tensor.lweDimension = 1024;
  tensor.keySet = 1;
  tensor.shape = {8};
  tensor.data = encryptAll(second);
  ScratchDirectory directory;
  std::string path = directory.file("results");
  writeTensors(path, {tensor});
  std::vector<Tensor> restored = readTensors(path, twoSetLayout().sets);
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].keySet, 1u);
  EXPECT_EQ(decryptAll(second, restored[0].data),
            (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(errorOf([&] { readTensors(path, {smallParameters()}); }),
            path + ": parameters mismatch: tensor 0 ('y') is under the key of "
                   "parameter set 1, there are 1");
  EXPECT_EQ(errorOf([&] {
              readTensors(path, {otherParameters(), smallParameters()});
            }),
            path + ": parameters mismatch: tensor 0 ('y') holds ciphertexts "
                   "of LWE dimension 1024, the parameters need 512 (k * N of "
                   "set 1)");
}

//===----------------------------------------------------------------------===//
// The C interface
//===----------------------------------------------------------------------===//

namespace {


/// A client of the two sets and a context made from it.
class KeySetCApi : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(shade_rt_client_keygen(&layout, &client), SHADE_RT_OK)
        << shade_rt_last_error();
    ASSERT_EQ(shade_rt_client_make_context(client, &context), SHADE_RT_OK)
        << shade_rt_last_error();
  }
  void TearDown() override {
    shade_rt_context_destroy(context);
    shade_rt_client_destroy(client);
  }

  std::vector<uint64_t> encrypt(uint32_t set, size_t size) {
    std::vector<int64_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
    std::vector<uint64_t> ciphertexts(8 * size);
    EXPECT_EQ(shade_rt_client_encrypt(client, set, kSmallWidth, 0,
                                      values.data(), 8, ciphertexts.data(),
                                      ciphertexts.size()),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return ciphertexts;
  }

  std::vector<int64_t> decrypt(uint32_t set,
                               const std::vector<uint64_t> &ciphertexts) {
    std::vector<int64_t> values(8);
    EXPECT_EQ(shade_rt_client_decrypt(client, set, kSmallWidth, 0,
                                      ciphertexts.data(), ciphertexts.size(),
                                      values.data(), values.size()),
              SHADE_RT_OK)
        << shade_rt_last_error();
    return values;
  }

  shade_rt_parameters sets[2] = {toCParameters(smallParameters()),
                                 toCParameters(otherParameters())};
  shade_rt_key_pattern patterns[3] = {{0, 0}, {0, 1}, {1, 1}};
  shade_rt_key_layout layout = {sets, 2, patterns, 3};
  shade_rt_client *client = nullptr;
  shade_rt_context *context = nullptr;
  std::vector<uint64_t> table = reverseTable();
  const std::vector<int64_t> reversed = {7, 6, 5, 4, 3, 2, 1, 0};
};

} // namespace

TEST_F(KeySetCApi, PatternsSwitchBetweenSets) {
  std::vector<uint64_t> inputs = encrypt(0, 513);
  std::vector<uint64_t> outputs(8 * 1025);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 1, inputs.data(), inputs.size(), outputs.data(),
                outputs.size(), 8, table.data(), table.size(), kSmallWidth, 0,
                nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(1, outputs), reversed);

  // The key switch and the bootstrap apart give the same messages.
  std::vector<uint64_t> small(8 * 111);
  ASSERT_EQ(shade_rt_keyswitch_batch(context, 1, inputs.data(), inputs.size(),
                                     small.data(), small.size(), 8),
            SHADE_RT_OK)
      << shade_rt_last_error();
  std::vector<uint64_t> again(8 * 1025);
  ASSERT_EQ(shade_rt_bootstrap_tables(context, 1, small.data(), small.size(),
                                      again.data(), again.size(), 8,
                                      table.data(), table.size(), kSmallWidth,
                                      0, nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(1, again), reversed);

  // (1, 1) reads set 1 ciphertexts; (0, 0) stays in set 0.
  std::vector<uint64_t> polynomial(1024);
  std::vector<uint64_t> entries(kReversed);
  ASSERT_EQ(shade_rt_encode_table(context, 2, kSmallWidth, kSmallWidth,
                                  entries.data(), entries.size(),
                                  polynomial.data(), polynomial.size()),
            SHADE_RT_OK);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_batch(
                context, 2, outputs.data(), outputs.size(), outputs.data(),
                outputs.size(), 8, polynomial.data(), polynomial.size()),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(1, outputs),
            (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  std::vector<uint64_t> same(8 * 513);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 0, inputs.data(), inputs.size(), same.data(),
                same.size(), 8, table.data(), table.size(), kSmallWidth, 0,
                nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  EXPECT_EQ(decrypt(0, same), reversed);

  uint64_t bootstraps = 0;
  ASSERT_EQ(shade_rt_context_get_bootstrap_count(context, &bootstraps),
            SHADE_RT_OK);
  EXPECT_EQ(bootstraps, 32u);
}

TEST_F(KeySetCApi, TheContextDescribesItsLayout) {
  uint32_t count = 0;
  ASSERT_EQ(shade_rt_context_get_set_count(context, &count), SHADE_RT_OK);
  EXPECT_EQ(count, 2u);
  ASSERT_EQ(shade_rt_context_get_pattern_count(context, &count), SHADE_RT_OK);
  EXPECT_EQ(count, 3u);
  shade_rt_parameters parameters;
  ASSERT_EQ(shade_rt_context_get_parameters(context, 1, &parameters),
            SHADE_RT_OK);
  EXPECT_EQ(parameters.polynomial_size, 1024u);
  shade_rt_key_pattern pattern;
  ASSERT_EQ(shade_rt_context_get_pattern(context, 1, &pattern), SHADE_RT_OK);
  EXPECT_EQ(pattern.source, 0u);
  EXPECT_EQ(pattern.target, 1u);
  ASSERT_EQ(shade_rt_client_get_set_count(client, &count), SHADE_RT_OK);
  EXPECT_EQ(count, 2u);
  ASSERT_EQ(shade_rt_client_get_parameters(client, 1, &parameters),
            SHADE_RT_OK);
  EXPECT_EQ(parameters.lwe_dimension, 110u);

  EXPECT_EQ(shade_rt_context_get_parameters(context, 2, &parameters),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_context_get_parameters: set 2 is out of range: the "
               "evaluation keys have 2 parameter sets");
  EXPECT_EQ(shade_rt_context_get_pattern(context, 3, &pattern),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_context_get_pattern: pattern 3 is out of range: the "
               "evaluation keys have 3 key patterns");
}

TEST_F(KeySetCApi, WrongPatternsAndSizesAreRejected) {
  std::vector<uint64_t> inputs = encrypt(0, 513);
  std::vector<uint64_t> outputs(8 * 1025, 0);
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 3, inputs.data(), inputs.size(), outputs.data(),
                outputs.size(), 8, table.data(), table.size(), kSmallWidth, 0,
                nullptr, nullptr),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap_tables: pattern 3 is out of "
               "range: the evaluation keys have 3 key patterns");
  EXPECT_EQ(shade_rt_bootstrap_tables(
                context, 7, inputs.data(), 111, outputs.data(), 1025, 1,
                table.data(), table.size(), kSmallWidth, 0, nullptr, nullptr),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_bootstrap_tables: pattern 7 is out of range: the "
               "evaluation keys have 3 key patterns");
  std::vector<uint64_t> small(8 * 111);
  EXPECT_EQ(shade_rt_keyswitch_batch(context, 3, inputs.data(), inputs.size(),
                                     small.data(), small.size(), 8),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_batch: pattern 3 is out of range: the "
               "evaluation keys have 3 key patterns");

  // Pattern 2 reads set 1 ciphertexts (1025 words), not set 0's.
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 2, inputs.data(), inputs.size(), outputs.data(),
                outputs.size(), 8, table.data(), table.size(), kSmallWidth, 0,
                nullptr, nullptr),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap_tables: inputs_size 4104 is not "
               "a multiple of the ciphertext size 1025 (k_s * N_s + 1)");
  // Pattern 1 writes set 1 ciphertexts.
  EXPECT_EQ(shade_rt_keyswitch_bootstrap_tables(
                context, 1, inputs.data(), inputs.size(), outputs.data(),
                inputs.size(), 8, table.data(), table.size(), kSmallWidth, 0,
                nullptr, nullptr),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_keyswitch_bootstrap_tables: outputs_size is 4104, "
               "expected 8200 (count * (k * N + 1))");
  EXPECT_EQ(outputs, std::vector<uint64_t>(8 * 1025, 0));

  std::vector<int64_t> values(8);
  EXPECT_EQ(shade_rt_client_decrypt(client, 2, kSmallWidth, 0, inputs.data(),
                                    inputs.size(), values.data(), 8),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_decrypt: set 2 is out of range: the secret "
               "keys have 2 parameter sets");
  EXPECT_EQ(shade_rt_client_decrypt(client, 1, kSmallWidth, 0, inputs.data(),
                                    inputs.size(), values.data(), 8),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_client_decrypt: ciphertexts_size is 4104, expected "
               "8200 (count * (k * N + 1))");
}

TEST_F(KeySetCApi, KeyFilesAreCheckedAgainstTheExpectedLayout) {
  ScratchDirectory directory;
  std::string secretPath = directory.file("client.sk");
  std::string evaluationPath = directory.file("server.ek");
  ASSERT_EQ(shade_rt_client_save(client, secretPath.c_str()), SHADE_RT_OK);
  ASSERT_EQ(
      shade_rt_client_save_evaluation_keys(client, evaluationPath.c_str()),
      SHADE_RT_OK)
      << shade_rt_last_error();

  shade_rt_context *loaded = nullptr;
  ASSERT_EQ(shade_rt_context_load(evaluationPath.c_str(), &layout, &loaded),
            SHADE_RT_OK)
      << shade_rt_last_error();
  std::vector<uint64_t> inputs = encrypt(0, 513);
  std::vector<uint64_t> outputs(8 * 1025);
  ASSERT_EQ(shade_rt_keyswitch_bootstrap_tables(
                loaded, 1, inputs.data(), inputs.size(), outputs.data(),
                outputs.size(), 8, table.data(), table.size(), kSmallWidth, 0,
                nullptr, nullptr),
            SHADE_RT_OK)
      << shade_rt_last_error();
  shade_rt_context_destroy(loaded);
  shade_rt_client *restored = nullptr;
  ASSERT_EQ(shade_rt_client_load(secretPath.c_str(), &layout, &restored),
            SHADE_RT_OK)
      << shade_rt_last_error();
  std::vector<int64_t> values(8);
  ASSERT_EQ(shade_rt_client_decrypt(restored, 1, kSmallWidth, 0, outputs.data(),
                                    outputs.size(), values.data(), 8),
            SHADE_RT_OK);
  EXPECT_EQ(values, reversed);
  shade_rt_client_destroy(restored);

  shade_rt_key_pattern swapped[3] = {{0, 0}, {1, 0}, {1, 1}};
  shade_rt_key_layout other = {sets, 2, swapped, 3};
  loaded = nullptr;
  EXPECT_EQ(shade_rt_context_load(evaluationPath.c_str(), &other, &loaded),
            SHADE_RT_FORMAT_ERROR);
  EXPECT_EQ(loaded, nullptr);
  EXPECT_EQ(std::string(shade_rt_last_error()),
            "shade_rt_context_load: " + evaluationPath +
                ": parameters mismatch: the file has key pattern 1 (0, 1), "
                "expected (1, 0)");
  shade_rt_key_layout single = shade_rt_single_set_layout(&sets[0]);
  EXPECT_EQ(shade_rt_client_load(secretPath.c_str(), &single, &restored),
            SHADE_RT_FORMAT_ERROR);
  EXPECT_EQ(std::string(shade_rt_last_error()),
            "shade_rt_client_load: " + secretPath +
                ": parameters mismatch: the file has 2 parameter sets, "
                "expected 1");
  shade_rt_key_pattern repeated[2] = {{0, 1}, {0, 1}};
  shade_rt_key_layout invalid = {sets, 2, repeated, 2};
  EXPECT_EQ(shade_rt_context_load(evaluationPath.c_str(), &invalid, &loaded),
            SHADE_RT_INVALID_ARGUMENT);
  EXPECT_STREQ(shade_rt_last_error(),
               "shade_rt_context_load: key pattern 1 (0, 1) repeats key "
               "pattern 0");
}

//===- SerializationCorruptionTest.cpp - Every flipped byte is caught -----===//
//
// Flips every byte of small files (and sampled bytes of a key file) and cuts
// files at every length: each damaged file must be rejected with a
// SerializationError that names it, never accepted, never a crash.
//
//===----------------------------------------------------------------------===//

#include "SerializationTestSupport.h"

#include "shade/runtime/Encoding.h"
#include "shade/runtime/Serialization.h"

#include "gtest/gtest.h"

#include <functional>

using namespace shade::runtime;
using namespace shade::runtime::test;

namespace {

using Reader = std::function<void(const std::vector<uint8_t> &)>;

/// True if `read` rejects `bytes` with a SerializationError whose message
/// starts with the source name "damaged: ".
::testing::AssertionResult isRejected(const Reader &read,
                                      const std::vector<uint8_t> &bytes) {
  try {
    read(bytes);
  } catch (const SerializationError &error) {
    if (std::string(error.what()).rfind("damaged: ", 0) == 0)
      return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "message does not name the file: " << error.what();
  }
  return ::testing::AssertionFailure() << "accepted";
}

/// Flips `position` with every mask in `masks`.
void expectFlipsRejected(const Reader &read, const std::vector<uint8_t> &file,
                         size_t position, const std::vector<uint8_t> &masks) {
  std::vector<uint8_t> damaged = file;
  for (uint8_t mask : masks) {
    damaged[position] = file[position] ^ mask;
    EXPECT_TRUE(isRejected(read, damaged))
        << "byte " << position << " xor " << int(mask);
  }
}

std::vector<uint8_t> allMasks() {
  std::vector<uint8_t> masks;
  for (unsigned mask = 1; mask < 256; ++mask)
    masks.push_back(static_cast<uint8_t>(mask));
  return masks;
}

void expectEveryTruncationRejected(const Reader &read,
                                   const std::vector<uint8_t> &file) {
  for (size_t length = 0; length < file.size(); ++length)
    EXPECT_TRUE(isRejected(
        read, std::vector<uint8_t>(file.begin(), file.begin() + length)))
        << "length " << length;
}

std::vector<uint8_t> smallCiphertextFile() {
  const SecretKeys &keys = smallKeys().secret;
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(3);
  Tensor encrypted;
  encrypted.name = "x";
  encrypted.width = kSmallWidth;
  encrypted.lweDimension = keys.parameters.bigLweDimension();
  encrypted.shape = {2};
  for (uint64_t m : {5, 2}) {
    LweCiphertext ciphertext =
        encryptBig(keys, encodeMessage(m, kSmallWidth), rng);
    encrypted.data.insert(encrypted.data.end(), ciphertext.data.begin(),
                          ciphertext.data.end());
  }
  Tensor clear;
  clear.name = "w";
  clear.encoding = TensorEncoding::Clear;
  clear.width = 4;
  clear.isSigned = true;
  clear.shape = {3};
  clear.data = {static_cast<uint64_t>(-8), 7, 1};
  return serializeTensors({encrypted, clear});
}

const Reader readParametersBytes = [](const std::vector<uint8_t> &bytes) {
  deserializeParameters(bytes, "damaged");
};
const Reader readSecretKeysBytes = [](const std::vector<uint8_t> &bytes) {
  deserializeSecretKeys(bytes, "damaged");
};
const Reader readEvaluationKeysBytes = [](const std::vector<uint8_t> &bytes) {
  deserializeEvaluationKeys(bytes, "damaged");
};
const Reader readTensorsBytes = [](const std::vector<uint8_t> &bytes) {
  deserializeTensors(bytes, "damaged");
};

} // namespace

TEST(SerializationCorruption, UndamagedFilesAreAccepted) {
  EXPECT_NO_THROW(readParametersBytes(serializeParameters(smallParameters())));
  EXPECT_NO_THROW(readTensorsBytes(smallCiphertextFile()));
  EXPECT_NO_THROW(readSecretKeysBytes(serializeSecretKeys(smallKeys().secret)));
}

TEST(SerializationCorruption, EveryFlipOfEveryParametersByteIsRejected) {
  std::vector<uint8_t> file = serializeParameters(smallParameters());
  std::vector<uint8_t> masks = allMasks();
  for (size_t position = 0; position < file.size(); ++position)
    expectFlipsRejected(readParametersBytes, file, position, masks);
}

TEST(SerializationCorruption, EveryFlippedCiphertextByteIsRejected) {
  std::vector<uint8_t> file = smallCiphertextFile();
  ASSERT_EQ(file.size(), 8342u);
  for (size_t position = 0; position < file.size(); ++position)
    expectFlipsRejected(readTensorsBytes, file, position, {0x01, 0x80, 0xFF});
}

TEST(SerializationCorruption, EveryFlippedSecretKeyByteIsRejected) {
  std::vector<uint8_t> file = serializeSecretKeys(smallKeys().secret);
  for (size_t position = 0; position < file.size(); ++position)
    expectFlipsRejected(readSecretKeysBytes, file, position, {0x01, 0xFF});
}

TEST(SerializationCorruption, SampledFlippedEvaluationKeyBytesAreRejected) {
  std::vector<uint8_t> file = serializeEvaluationKeys(smallKeys().evaluation);
  const size_t header = format::headerSize;
  // The set and pattern counts, the parameters and the pattern (0, 0).
  const size_t keySwitchCount = header + 8 + 44 + 8;
  const size_t keySwitchData = keySwitchCount + 8;
  const size_t keySwitchBytes = 512 * 5 * 101 * 8;
  const size_t bootstrapCount = keySwitchData + keySwitchBytes;
  const size_t bootstrapData = bootstrapCount + 8;
  const size_t checksum = file.size() - format::checksumSize;
  ASSERT_EQ(checksum, bootstrapData + 100 * 4 * 3 * 512 * 8);

  std::vector<size_t> positions;
  // The header, the layout, both size fields and the checksum: all.
  for (size_t i = 0; i < keySwitchData; ++i)
    positions.push_back(i);
  for (size_t i = 0; i < 8; ++i) {
    positions.push_back(bootstrapCount + i);
    positions.push_back(checksum + i);
  }
  // Start, middle and end of each payload array.
  for (size_t begin : {keySwitchData, bootstrapData}) {
    size_t end = begin == keySwitchData ? bootstrapCount : checksum;
    for (size_t at : {begin, begin + 1, (begin + end) / 2, end - 1})
      positions.push_back(at);
  }
  // And a spread of positions from a fixed sequence.
  uint64_t state = 12345;
  for (int i = 0; i < 24; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    positions.push_back((state >> 17) % file.size());
  }
  for (size_t position : positions)
    expectFlipsRejected(readEvaluationKeysBytes, file, position, {0x01});
}

TEST(SerializationCorruption, EveryTruncationIsRejected) {
  expectEveryTruncationRejected(readParametersBytes,
                                serializeParameters(smallParameters()));
  expectEveryTruncationRejected(readTensorsBytes, smallCiphertextFile());
  expectEveryTruncationRejected(readSecretKeysBytes,
                                serializeSecretKeys(smallKeys().secret));
}

TEST(SerializationCorruption, TruncatedKeyFilesAreRejected) {
  std::vector<uint8_t> file = serializeEvaluationKeys(smallKeys().evaluation);
  for (size_t length : {size_t(0), size_t(7), size_t(23), size_t(31),
                        file.size() / 2, file.size() - 9, file.size() - 1})
    EXPECT_TRUE(
        isRejected(readEvaluationKeysBytes,
                   std::vector<uint8_t>(file.begin(), file.begin() + length)))
        << "length " << length;
}

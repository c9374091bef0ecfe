//===- SerializationTest.cpp - Round trips and rejected files -------------===//

#include "SerializationTestSupport.h"

#include "shade/runtime/Encoding.h"
#include "shade/runtime/Fft.h"
#include "shade/runtime/Serialization.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

using namespace shade::runtime;
using namespace shade::runtime::test;

namespace {

void expectSameParameters(const Parameters &a, const Parameters &b) {
  EXPECT_EQ(a.lweDimension, b.lweDimension);
  EXPECT_EQ(a.glweDimension, b.glweDimension);
  EXPECT_EQ(a.polynomialSize, b.polynomialSize);
  EXPECT_EQ(a.lweNoiseStdDev, b.lweNoiseStdDev);
  EXPECT_EQ(a.glweNoiseStdDev, b.glweNoiseStdDev);
  EXPECT_EQ(a.pbs.baseLog, b.pbs.baseLog);
  EXPECT_EQ(a.pbs.level, b.pbs.level);
  EXPECT_EQ(a.keySwitch.baseLog, b.keySwitch.baseLog);
  EXPECT_EQ(a.keySwitch.level, b.keySwitch.level);
}

/// Encrypts 0 .. 2^kSmallWidth - 1 under the big key as one tensor.
Tensor encryptAllMessages(const SecretKeys &keys) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(2);
  Tensor tensor;
  tensor.name = "x";
  tensor.width = kSmallWidth;
  tensor.lweDimension = keys.parameters.bigLweDimension();
  tensor.shape = {2, 4};
  for (uint64_t m = 0; m < 8; ++m) {
    LweCiphertext ciphertext =
        encryptBig(keys, encodeMessage(m, kSmallWidth), rng);
    tensor.data.insert(tensor.data.end(), ciphertext.data.begin(),
                       ciphertext.data.end());
  }
  return tensor;
}

std::vector<uint64_t> decryptAll(const SecretKeys &keys, const Tensor &tensor) {
  std::vector<uint64_t> messages;
  for (uint64_t i = 0; i < tensor.elementCount(); ++i)
    messages.push_back(decodeMessage(
        decryptBigPhase(keys, tensor.data.data() + i * tensor.elementSize()),
        tensor.width));
  return messages;
}

/// Recomputes the trailing checksum after a deliberate edit, so that the
/// reader's checks beyond the checksum are reached.
void resealChecksum(std::vector<uint8_t> &bytes) {
  size_t end = bytes.size() - format::checksumSize;
  uint64_t crc = format::crc64(bytes.data(), end);
  for (unsigned i = 0; i < 8; ++i)
    bytes[end + i] = static_cast<uint8_t>(crc >> (8 * i));
}

void storeU64(std::vector<uint8_t> &bytes, size_t offset, uint64_t value) {
  for (unsigned i = 0; i < 8; ++i)
    bytes[offset + i] = static_cast<uint8_t>(value >> (8 * i));
}

} // namespace

TEST(Crc64, MatchesTheXzCheckValue) {
  const char *text = "123456789";
  EXPECT_EQ(format::crc64(reinterpret_cast<const uint8_t *>(text), 9),
            0x995DC9BBDF1939FAull);
  EXPECT_EQ(format::crc64(nullptr, 0), 0u);
}

TEST(Crc64, SlicedAndBytewisePathsAgree) {
  // 19 bytes: two 8-byte slices and a 3-byte tail; prefix by prefix.
  std::vector<uint8_t> bytes(19);
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<uint8_t>(i * 37 + 11);
  for (size_t length = 0; length <= bytes.size(); ++length) {
    uint64_t crc = ~0ull;
    for (size_t i = 0; i < length; ++i) {
      crc ^= bytes[i];
      for (int bit = 0; bit < 8; ++bit)
        crc = (crc & 1) ? (crc >> 1) ^ 0xC96C5795D7870F42ull : crc >> 1;
    }
    EXPECT_EQ(format::crc64(bytes.data(), length), ~crc) << length;
  }
}

TEST(Serialization, ParametersRoundTrip) {
  Parameters parameters = smallParameters();
  std::vector<uint8_t> bytes = serializeParameters(parameters);
  EXPECT_EQ(bytes.size(), format::headerSize + 44 + format::checksumSize);
  expectSameParameters(deserializeParameters(bytes, "p"), parameters);
}

TEST(Serialization, SecretKeysRoundTripDecryptTheSameMessages) {
  const SecretKeys &keys = smallKeys().secret;
  SecretKeys restored =
      deserializeSecretKeys(serializeSecretKeys(keys), "secret");
  expectSameParameters(restored.parameters, keys.parameters);
  EXPECT_EQ(restored.small.bits, keys.small.bits);
  EXPECT_EQ(restored.glwe.bits, keys.glwe.bits);
  EXPECT_EQ(restored.glwe.glweDimension, keys.glwe.glweDimension);
  EXPECT_EQ(restored.glwe.polynomialSize, keys.glwe.polynomialSize);
  Tensor tensor = encryptAllMessages(keys);
  EXPECT_EQ(decryptAll(restored, tensor),
            (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(Serialization, EvaluationKeysRoundTripBootstrapCorrectly) {
  const SmallKeys &keys = smallKeys();
  ScratchDirectory directory;
  std::string path = directory.file("eval.key");
  writeEvaluationKeys(path, keys.evaluation);
  EvaluationKeys restored = readEvaluationKeys(path, smallParameters());
  EXPECT_EQ(restored.keySwitch.data, keys.evaluation.keySwitch.data);
  EXPECT_EQ(restored.keySwitch.inputDimension, 512u);
  EXPECT_EQ(restored.keySwitch.outputDimension, 100u);
  ASSERT_EQ(restored.bootstrap->data.size(),
            keys.evaluation.bootstrap->data.size());
  EXPECT_TRUE(std::equal(restored.bootstrap->data.begin(),
                         restored.bootstrap->data.end(),
                         keys.evaluation.bootstrap->data.begin()));

  // m -> 7 - m through the restored keys.
  std::vector<uint64_t> table = {7, 6, 5, 4, 3, 2, 1, 0};
  LookupTable lut =
      LookupTable::fromTable(512, kSmallWidth, kSmallWidth, table);
  AtomicPatternWorkspace workspace(restored);
  Tensor tensor = encryptAllMessages(keys.secret);
  for (uint64_t m = 0; m < 8; ++m) {
    Torus *ciphertext = tensor.data.data() + m * tensor.elementSize();
    keySwitchBootstrap(restored, lut, ciphertext, ciphertext, workspace);
  }
  EXPECT_EQ(decryptAll(keys.secret, tensor), table);
}

TEST(Serialization, BootstrapKeyFileHoldsFftwPairs) {
  // The file keeps FFTW's (re, im) pairs whatever the runtime's layout in
  // memory (Fft.h), so that files do not depend on it.
  const FourierBootstrapKey &key = *smallKeys().evaluation.bootstrap;
  std::vector<uint8_t> bytes = serializeEvaluationKeys(smallKeys().evaluation);
  size_t count = key.data.size();
  size_t begin = bytes.size() - format::checksumSize - 8 * count;
  std::vector<double> pairs(key.data.begin(), key.data.end());
  blockedToInterleaved(pairs.data(), count, key.polynomialSize);
  std::vector<double> stored(count);
  std::memcpy(stored.data(), bytes.data() + begin, 8 * count);
  EXPECT_TRUE(std::equal(stored.begin(), stored.end(), pairs.begin()));
  EXPECT_FALSE(std::equal(stored.begin(), stored.end(), key.data.begin()));
}

TEST(Serialization, TensorsRoundTrip) {
  const SecretKeys &keys = smallKeys().secret;
  Tensor encrypted = encryptAllMessages(keys);
  Tensor clear;
  clear.name = "bias";
  clear.encoding = TensorEncoding::Clear;
  clear.width = 5;
  clear.isSigned = true;
  clear.shape = {3};
  clear.data = {static_cast<uint64_t>(-16), 15, 0};
  Tensor scalar;
  scalar.encoding = TensorEncoding::Clear;
  scalar.width = 64;
  scalar.data = {~0ull};

  ScratchDirectory directory;
  std::string path = directory.file("args.bin");
  writeTensors(path, {encrypted, clear, scalar});
  std::vector<Tensor> restored = readTensors(path, {smallParameters()});
  ASSERT_EQ(restored.size(), 3u);
  EXPECT_EQ(restored[0].name, "x");
  EXPECT_EQ(restored[0].encoding, TensorEncoding::Lwe);
  EXPECT_EQ(restored[0].width, kSmallWidth);
  EXPECT_FALSE(restored[0].isSigned);
  EXPECT_EQ(restored[0].lweDimension, 512u);
  EXPECT_EQ(restored[0].shape, (std::vector<uint64_t>{2, 4}));
  EXPECT_EQ(restored[0].data, encrypted.data);
  EXPECT_EQ(decryptAll(keys, restored[0]),
            (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(restored[1].name, "bias");
  EXPECT_EQ(restored[1].encoding, TensorEncoding::Clear);
  EXPECT_EQ(restored[1].width, 5u);
  EXPECT_TRUE(restored[1].isSigned);
  EXPECT_EQ(restored[1].data, clear.data);
  EXPECT_EQ(restored[2].name, "");
  EXPECT_TRUE(restored[2].shape.empty());
  EXPECT_EQ(restored[2].data, (std::vector<uint64_t>{~0ull}));
}

TEST(Serialization, WriterRefusesInconsistentTensors) {
  Tensor tensor;
  tensor.encoding = TensorEncoding::Clear;
  tensor.width = 4;
  tensor.shape = {2};
  tensor.data = {1};
  EXPECT_THROW(serializeTensors({tensor}), std::invalid_argument);
  tensor.data = {1, 16};
  EXPECT_THROW(serializeTensors({tensor}), std::invalid_argument);
  tensor.data = {1, 15};
  EXPECT_NO_THROW(serializeTensors({tensor}));
}

TEST(Serialization, SecretKeyFileHasMode0600) {
  ScratchDirectory directory;
  std::string path = directory.file("secret.key");
  mode_t previous = ::umask(0);
  writeSecretKeys(path, smallKeys().secret);
  writeParameters(directory.file("params"), smallParameters());
  ::umask(previous);
  struct stat status;
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0600u);
  ASSERT_EQ(::stat(directory.file("params").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0666u);

  // Replacing an existing, more open file also leaves mode 0600.
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  writeSecretKeys(path, smallKeys().secret);
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0600u);
  EXPECT_EQ(directory.entries(),
            (std::vector<std::string>{"params", "secret.key"}));
}

TEST(Serialization, FailedWriteLeavesNoFile) {
  ScratchDirectory directory;
  std::string path = directory.file("missing/eval.key");
  std::string message =
      errorOf([&] { writeParameters(path, smallParameters()); });
  EXPECT_EQ(message.rfind(path + ": cannot create a temporary file", 0), 0u)
      << message;
  EXPECT_TRUE(directory.entries().empty());
}

TEST(Serialization, MissingFileIsAFileSystemError) {
  ScratchDirectory directory;
  std::string path = directory.file("absent");
  EXPECT_THROW(readParameters(path), FileSystemError);
  EXPECT_EQ(errorOf([&] { readParameters(path); }),
            path + ": cannot open: No such file or directory");
}

TEST(Serialization, WrongKindIsNamed) {
  ScratchDirectory directory;
  std::string path = directory.file("secret.key");
  writeSecretKeys(path, smallKeys().secret);
  EXPECT_EQ(errorOf([&] { readEvaluationKeys(path); }),
            path + ": this is a secret key file, expected an evaluation key "
                   "file");
  EXPECT_EQ(errorOf([&] { readTensors(path); }),
            path + ": this is a secret key file, expected a ciphertext file");
  writeParameters(path, smallParameters());
  EXPECT_EQ(errorOf([&] { readSecretKeys(path); }),
            path + ": this is a parameters file, expected a secret key file");
}

TEST(Serialization, WrongVersionIsNamed) {
  std::vector<uint8_t> bytes = serializeParameters(smallParameters());
  bytes[8] = 3;
  resealChecksum(bytes);
  EXPECT_EQ(errorOf([&] { deserializeParameters(bytes, "p.bin"); }),
            "p.bin: format version 3, expected 2: the file is corrupted or "
            "from a newer Shade release");
}

TEST(Serialization, KeysOfTheSingleSetVersionAreToBeRegenerated) {
  // Version 1 held one parameter set; its files are refused before their
  // payload is read.
  std::vector<uint8_t> bytes = serializeEvaluationKeys(smallKeys().evaluation);
  bytes[8] = 1;
  resealChecksum(bytes);
  EXPECT_EQ(errorOf([&] { deserializeEvaluationKeys(bytes, "old.ek"); }),
            "old.ek: format version 1, expected 2: the file is from an older "
            "Shade release; regenerate the keys");
  bytes = serializeSecretKeys(smallKeys().secret);
  bytes[8] = 1;
  resealChecksum(bytes);
  EXPECT_EQ(errorOf([&] { deserializeSecretKeySet(bytes, "old.sk"); }),
            "old.sk: format version 1, expected 2: the file is from an older "
            "Shade release; regenerate the keys");
  bytes = serializeTensors({});
  bytes[8] = 1;
  resealChecksum(bytes);
  EXPECT_EQ(errorOf([&] { deserializeTensors(bytes, "old.args"); }),
            "old.args: format version 1, expected 2: the file is from an "
            "older Shade release; encrypt the values again");
}

TEST(Serialization, NotAShadeFile) {
  std::vector<uint8_t> text = {'h', 'e', 'l', 'l', 'o', ' ',
                               'w', 'o', 'r', 'l', 'd', '\n'};
  EXPECT_EQ(errorOf([&] { deserializeEvaluationKeys(text, "notes.txt"); }),
            "notes.txt: not a Shade file (the magic number SHADEFHE is "
            "missing); expected an evaluation key file");
  EXPECT_EQ(errorOf([&] { deserializeEvaluationKeys({}, "empty"); }),
            "empty: not a Shade file (the magic number SHADEFHE is missing); "
            "expected an evaluation key file");
}

TEST(Serialization, MismatchedParametersAreNamed) {
  ScratchDirectory directory;
  std::string keyPath = directory.file("eval.key");
  writeEvaluationKeys(keyPath, smallKeys().evaluation);
  Parameters other = smallParameters();
  other.pbs.level = 2;
  EXPECT_EQ(errorOf([&] { readEvaluationKeys(keyPath, other); }),
            keyPath + ": parameters mismatch: the file has pbs.level = 3, "
                      "expected 2");
  std::string secretPath = directory.file("secret.key");
  writeSecretKeys(secretPath, smallKeys().secret);
  other = smallParameters();
  other.glweNoiseStdDev = 0x1p-41;
  EXPECT_EQ(errorOf([&] { readSecretKeys(secretPath, other); }),
            secretPath + ": parameters mismatch: the file has glweNoiseStdDev "
                         "= 9.0949470177292824e-13, expected "
                         "4.5474735088646412e-13");

  std::string tensorPath = directory.file("args.bin");
  writeTensors(tensorPath, {encryptAllMessages(smallKeys().secret)});
  other = smallParameters();
  other.polynomialSize = 1024;
  EXPECT_EQ(errorOf([&] { readTensors(tensorPath, {other}); }),
            tensorPath + ": parameters mismatch: tensor 0 ('x') holds "
                         "ciphertexts of LWE dimension 512, the parameters "
                         "need 1024 (k * N)");
}

TEST(Serialization, InvalidParametersWithAValidChecksumAreRejected) {
  std::vector<uint8_t> bytes = serializeParameters(smallParameters());
  // polynomialSize = 500 (not a power of two).
  bytes[format::headerSize + 8] = 0xF4;
  bytes[format::headerSize + 9] = 0x01;
  resealChecksum(bytes);
  EXPECT_EQ(errorOf([&] { deserializeParameters(bytes, "p"); }),
            "p: invalid parameter polynomialSize = 500: must be a power of "
            "two");
}

TEST(Serialization, NonBinarySecretKeyIsRejected) {
  std::vector<uint8_t> bytes = serializeSecretKeys(smallKeys().secret);
  // First coefficient of the small key, after the two counts, the
  // parameters, the pattern and the key's count.
  bytes[format::headerSize + 8 + 44 + 8 + 8] = 2;
  resealChecksum(bytes);
  EXPECT_EQ(errorOf([&] { deserializeSecretKeys(bytes, "sk"); }),
            "sk: small LWE key holds the value 2, not a bit");
}

TEST(Serialization, NonFiniteBootstrapKeyIsRejected) {
  std::vector<uint8_t> bytes = serializeEvaluationKeys(smallKeys().evaluation);
  // The last bootstrap key value sits just before the checksum.
  size_t last = bytes.size() - format::checksumSize - 8;
  storeU64(bytes, last, 0x7FF8000000000000ull); // NaN
  resealChecksum(bytes);
  std::string message =
      errorOf([&] { deserializeEvaluationKeys(bytes, "ek"); });
  EXPECT_EQ(message.rfind("ek: bootstrap key value 614399 is nan, outside the "
                          "possible range",
                          0),
            0u)
      << message;
}

TEST(Serialization, HugeSizesAreRejectedBeforeAllocating) {
  auto tensorFile = [](uint32_t rank, std::vector<uint64_t> dims,
                       uint64_t dataSize) {
    format::ByteWriter writer;
    writer.writeU32(1);
    writer.writeString("t");
    writer.writeU8(0); // clear
    writer.writeU8(8);
    writer.writeU8(0);
    writer.writeU8(0);
    writer.writeU32(0);
    writer.writeU32(0);
    writer.writeU32(rank);
    for (uint64_t dimension : dims)
      writer.writeU64(dimension);
    writer.writeU64(dataSize);
    return format::frame(FileKind::Ciphertexts, writer.buffer());
  };
  EXPECT_EQ(errorOf([&] {
              deserializeTensors(
                  tensorFile(2, {1ull << 30, 1ull << 30}, 1ull << 60), "t");
            }),
            "t: truncated or corrupted: tensor 0 ('t') announces "
            "1152921504606846976 items of 8 bytes, only 0 bytes left");
  EXPECT_EQ(
      errorOf([&] {
        deserializeTensors(tensorFile(2, {1ull << 40, 1ull << 40}, 0), "t");
      }),
      "t: tensor 0 ('t'): the shape's size overflows 64 bits");
  EXPECT_EQ(
      errorOf([&] { deserializeTensors(tensorFile(100000, {}, 0), "t"); }),
      "t: tensor 0 ('t'): rank 100000 exceeds 64");

  format::ByteWriter manyTensors;
  manyTensors.writeU32(1000000);
  EXPECT_EQ(errorOf([&] {
              deserializeTensors(
                  format::frame(FileKind::Ciphertexts, manyTensors.buffer()),
                  "t");
            }),
            "t: truncated or corrupted: tensor list announces 1000000 items "
            "of 28 bytes, only 0 bytes left");

  format::ByteWriter longName;
  longName.writeU32(1);
  longName.writeU32(0xFFFFFFFF);
  for (int i = 0; i < 24; ++i)
    longName.writeU8(0);
  EXPECT_EQ(errorOf([&] {
              deserializeTensors(
                  format::frame(FileKind::Ciphertexts, longName.buffer()), "t");
            }),
            "t: tensor name is 4294967295 bytes long, at most 4096 allowed");
}

TEST(Serialization, TrailingBytesAreRejected) {
  std::vector<uint8_t> bytes = serializeParameters(smallParameters());
  bytes.push_back(0);
  EXPECT_EQ(errorOf([&] { deserializeParameters(bytes, "p"); }),
            "p: the header announces 44 payload bytes, the file holds 45 "
            "(corrupted size or trailing data)");
}

//===- Serialization.cpp - Parameters and key files -----------------------===//

#include "shade/runtime/Serialization.h"

#include "shade/runtime/Fft.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace shade::runtime {

using format::ByteReader;
using format::ByteWriter;

namespace {

//===----------------------------------------------------------------------===//
// Parameters block
//===----------------------------------------------------------------------===//

constexpr size_t kParametersBlockSize = 44;

void writeParametersBlock(ByteWriter &writer, const Parameters &parameters) {
  writer.writeU32(parameters.lweDimension);
  writer.writeU32(parameters.glweDimension);
  writer.writeU32(parameters.polynomialSize);
  writer.writeF64(parameters.lweNoiseStdDev);
  writer.writeF64(parameters.glweNoiseStdDev);
  writer.writeU32(parameters.pbs.baseLog);
  writer.writeU32(parameters.pbs.level);
  writer.writeU32(parameters.keySwitch.baseLog);
  writer.writeU32(parameters.keySwitch.level);
}

Parameters readParametersBlock(ByteReader &reader) {
  Parameters parameters;
  parameters.lweDimension = reader.readU32("lweDimension");
  parameters.glweDimension = reader.readU32("glweDimension");
  parameters.polynomialSize = reader.readU32("polynomialSize");
  parameters.lweNoiseStdDev = reader.readF64("lweNoiseStdDev");
  parameters.glweNoiseStdDev = reader.readF64("glweNoiseStdDev");
  parameters.pbs.baseLog = reader.readU32("pbs.baseLog");
  parameters.pbs.level = reader.readU32("pbs.level");
  parameters.keySwitch.baseLog = reader.readU32("keySwitch.baseLog");
  parameters.keySwitch.level = reader.readU32("keySwitch.level");
  try {
    parameters.validate();
  } catch (const ParameterError &error) {
    reader.fail(error.what());
  }
  return parameters;
}

//===----------------------------------------------------------------------===//
// Secret keys: one byte (0 or 1) per key coefficient.
//===----------------------------------------------------------------------===//

void writeKeyBits(ByteWriter &writer, const std::vector<uint64_t> &bits) {
  writer.writeU64(bits.size());
  for (uint64_t bit : bits)
    writer.writeU8(static_cast<uint8_t>(bit));
}

std::vector<uint64_t> readKeyBits(ByteReader &reader, const char *what,
                                  uint64_t expectedCount) {
  uint64_t count = reader.readU64(what);
  if (count != expectedCount)
    reader.fail(std::string(what) + " has " + std::to_string(count) +
                " coefficients, the parameters need " +
                std::to_string(expectedCount));
  reader.requireItems(what, count, 1);
  std::vector<uint64_t> bits(count);
  for (uint64_t &bit : bits) {
    bit = reader.readU8(what);
    if (bit > 1)
      reader.fail(std::string(what) + " holds the value " +
                  std::to_string(bit) + ", not a bit");
  }
  return bits;
}

//===----------------------------------------------------------------------===//
// Evaluation keys
//===----------------------------------------------------------------------===//

uint64_t keySwitchKeySize(const Parameters &parameters) {
  return uint64_t(parameters.bigLweDimension()) * parameters.keySwitch.level *
         (parameters.lweDimension + 1);
}

uint64_t bootstrapKeySize(const Parameters &parameters) {
  uint64_t columns = parameters.glweDimension + 1;
  return uint64_t(parameters.lweDimension) * columns * columns *
         parameters.pbs.level * parameters.polynomialSize;
}

uint64_t readArraySize(ByteReader &reader, const char *what,
                       uint64_t expected) {
  uint64_t size = reader.readU64(what);
  if (size != expected)
    reader.fail(std::string(what) + " holds " + std::to_string(size) +
                " values, the parameters need " + std::to_string(expected));
  reader.requireItems(what, size, sizeof(uint64_t));
  return size;
}

/// Fourier coefficients of a polynomial with coefficients in [-2^63, 2^63)
/// are bounded by N * 2^63; anything else (NaN, infinities) would silently
/// corrupt every bootstrap.
void checkFourierCoefficients(ByteReader &reader, const double *values,
                              size_t count, uint32_t polynomialSize) {
  double bound = double(polynomialSize) * 9223372036854775808.0;
  for (size_t i = 0; i < count; ++i)
    if (!(std::fabs(values[i]) <= bound)) {
      std::ostringstream text;
      text << "bootstrap key value " << i << " is " << values[i]
           << ", outside the possible range [-" << bound << ", " << bound
           << "]";
      reader.fail(text.str());
    }
}

template <typename T>
T readPayload(const std::vector<uint8_t> &bytes, FileKind kind,
              const std::string &source, T (*parse)(ByteReader &reader)) {
  format::PayloadView payload = format::unframe(bytes, kind, source);
  ByteReader reader(payload.data, payload.size, source);
  T value = parse(reader);
  reader.expectEnd();
  return value;
}

SecretKeys parseSecretKeys(ByteReader &reader) {
  SecretKeys keys;
  keys.parameters = readParametersBlock(reader);
  const Parameters &parameters = keys.parameters;
  keys.small.bits =
      readKeyBits(reader, "small LWE key", parameters.lweDimension);
  keys.glwe.glweDimension = parameters.glweDimension;
  keys.glwe.polynomialSize = parameters.polynomialSize;
  keys.glwe.bits =
      readKeyBits(reader, "GLWE key", parameters.bigLweDimension());
  return keys;
}

EvaluationKeys parseEvaluationKeys(ByteReader &reader) {
  EvaluationKeys keys;
  keys.parameters = readParametersBlock(reader);
  const Parameters &parameters = keys.parameters;

  KeySwitchKey &keySwitch = keys.keySwitch;
  keySwitch.inputDimension = parameters.bigLweDimension();
  keySwitch.outputDimension = parameters.lweDimension;
  keySwitch.decomposition = parameters.keySwitch;
  uint64_t keySwitchSize =
      readArraySize(reader, "key switching key", keySwitchKeySize(parameters));
  keySwitch.data.resize(keySwitchSize);
  reader.readU64Array("key switching key", keySwitch.data.data(),
                      keySwitchSize);

  FourierBootstrapKey &bootstrap = keys.bootstrap;
  bootstrap.inputLweDimension = parameters.lweDimension;
  bootstrap.glweDimension = parameters.glweDimension;
  bootstrap.polynomialSize = parameters.polynomialSize;
  bootstrap.decomposition = parameters.pbs;
  uint64_t bootstrapSize =
      readArraySize(reader, "bootstrap key", bootstrapKeySize(parameters));
  bootstrap.data.resize(bootstrapSize);
  reader.readF64Array("bootstrap key", bootstrap.data.data(), bootstrapSize);
  checkFourierCoefficients(reader, bootstrap.data.data(), bootstrapSize,
                           parameters.polynomialSize);
  // The file holds (re, im) pairs; the runtime, blocks (Fft.h).
  interleavedToBlocked(bootstrap.data.data(), bootstrapSize,
                       parameters.polynomialSize);
  return keys;
}

Parameters parseParameters(ByteReader &reader) {
  return readParametersBlock(reader);
}

void checkKeyShape(bool consistent, const char *what) {
  if (!consistent)
    throw std::invalid_argument(std::string("cannot serialize: the ") + what +
                                " does not match the key set's parameters");
}

} // namespace

void checkSameParameters(const Parameters &actual, const Parameters &expected,
                         const std::string &source) {
  auto check = [&](const char *field, auto actualValue, auto expectedValue) {
    if (actualValue == expectedValue)
      return;
    std::ostringstream text;
    text.precision(17);
    text << source << ": parameters mismatch: the file has " << field << " = "
         << actualValue << ", expected " << expectedValue;
    throw SerializationError(text.str());
  };
  check("lweDimension", actual.lweDimension, expected.lweDimension);
  check("glweDimension", actual.glweDimension, expected.glweDimension);
  check("polynomialSize", actual.polynomialSize, expected.polynomialSize);
  check("lweNoiseStdDev", actual.lweNoiseStdDev, expected.lweNoiseStdDev);
  check("glweNoiseStdDev", actual.glweNoiseStdDev, expected.glweNoiseStdDev);
  check("pbs.baseLog", actual.pbs.baseLog, expected.pbs.baseLog);
  check("pbs.level", actual.pbs.level, expected.pbs.level);
  check("keySwitch.baseLog", actual.keySwitch.baseLog,
        expected.keySwitch.baseLog);
  check("keySwitch.level", actual.keySwitch.level, expected.keySwitch.level);
}

std::vector<uint8_t> serializeParameters(const Parameters &parameters) {
  parameters.validate();
  ByteWriter writer = format::startFrame();
  writeParametersBlock(writer, parameters);
  return format::finishFrame(FileKind::Parameters, writer);
}

std::vector<uint8_t> serializeSecretKeys(const SecretKeys &keys) {
  const Parameters &parameters = keys.parameters;
  parameters.validate();
  checkKeyShape(keys.small.bits.size() == parameters.lweDimension,
                "small LWE key");
  checkKeyShape(keys.glwe.bits.size() == parameters.bigLweDimension(),
                "GLWE key");
  ByteWriter writer = format::startFrame();
  writeParametersBlock(writer, parameters);
  writeKeyBits(writer, keys.small.bits);
  writeKeyBits(writer, keys.glwe.bits);
  return format::finishFrame(FileKind::SecretKeys, writer);
}

std::vector<uint8_t> serializeEvaluationKeys(const EvaluationKeys &keys) {
  const Parameters &parameters = keys.parameters;
  parameters.validate();
  checkKeyShape(keys.keySwitch.data.size() == keySwitchKeySize(parameters),
                "key switching key");
  checkKeyShape(keys.bootstrap.data.size() == bootstrapKeySize(parameters),
                "bootstrap key");
  ByteWriter writer = format::startFrame();
  // Header, parameters, two counts, both keys, checksum: one allocation.
  writer.buffer().reserve(
      format::headerSize + kParametersBlockSize + 16 +
      8 * (keys.keySwitch.data.size() + keys.bootstrap.data.size()) +
      format::checksumSize);
  writeParametersBlock(writer, parameters);
  writer.writeU64(keys.keySwitch.data.size());
  writer.writeU64Array(keys.keySwitch.data.data(), keys.keySwitch.data.size());
  writer.writeU64(keys.bootstrap.data.size());
  // As (re, im) pairs, polynomial by polynomial (Fft.h).
  uint32_t polynomialSize = parameters.polynomialSize;
  std::vector<double> pairs(polynomialSize);
  for (size_t begin = 0; begin < keys.bootstrap.data.size();
       begin += polynomialSize) {
    std::copy_n(keys.bootstrap.data.data() + begin, polynomialSize,
                pairs.data());
    blockedToInterleaved(pairs.data(), polynomialSize, polynomialSize);
    writer.writeF64Array(pairs.data(), polynomialSize);
  }
  return format::finishFrame(FileKind::EvaluationKeys, writer);
}

Parameters deserializeParameters(const std::vector<uint8_t> &bytes,
                                 const std::string &source) {
  return readPayload(bytes, FileKind::Parameters, source, parseParameters);
}

SecretKeys deserializeSecretKeys(const std::vector<uint8_t> &bytes,
                                 const std::string &source) {
  return readPayload(bytes, FileKind::SecretKeys, source, parseSecretKeys);
}

EvaluationKeys deserializeEvaluationKeys(const std::vector<uint8_t> &bytes,
                                         const std::string &source) {
  return readPayload(bytes, FileKind::EvaluationKeys, source,
                     parseEvaluationKeys);
}

void writeParameters(const std::string &path, const Parameters &parameters) {
  format::writeFileAtomically(path, serializeParameters(parameters),
                              /*secret=*/false);
}

void writeSecretKeys(const std::string &path, const SecretKeys &keys) {
  format::writeFileAtomically(path, serializeSecretKeys(keys),
                              /*secret=*/true);
}

void writeEvaluationKeys(const std::string &path, const EvaluationKeys &keys) {
  format::writeFileAtomically(path, serializeEvaluationKeys(keys),
                              /*secret=*/false);
}

Parameters readParameters(const std::string &path) {
  return deserializeParameters(format::readFile(path), path);
}

SecretKeys readSecretKeys(const std::string &path) {
  return deserializeSecretKeys(format::readFile(path), path);
}

EvaluationKeys readEvaluationKeys(const std::string &path) {
  return deserializeEvaluationKeys(format::readFile(path), path);
}

SecretKeys readSecretKeys(const std::string &path, const Parameters &expected) {
  SecretKeys keys = readSecretKeys(path);
  checkSameParameters(keys.parameters, expected, path);
  return keys;
}

EvaluationKeys readEvaluationKeys(const std::string &path,
                                  const Parameters &expected) {
  EvaluationKeys keys = readEvaluationKeys(path);
  checkSameParameters(keys.parameters, expected, path);
  return keys;
}

} // namespace shade::runtime

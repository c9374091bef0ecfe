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

/// The size of a key switching key from dimension `inputDimension` to the
/// small key of `target`.
uint64_t keySwitchKeySize(uint32_t inputDimension, const Parameters &target) {
  return uint64_t(inputDimension) * target.keySwitch.level *
         (target.lweDimension + 1);
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

//===----------------------------------------------------------------------===//
// Key layout block: the sets and patterns every key file starts with.
//===----------------------------------------------------------------------===//

void writeLayoutBlock(ByteWriter &writer, const KeyLayout &layout) {
  writer.writeU32(static_cast<uint32_t>(layout.sets.size()));
  writer.writeU32(static_cast<uint32_t>(layout.patterns.size()));
  for (const Parameters &parameters : layout.sets)
    writeParametersBlock(writer, parameters);
  for (const KeyPattern &pattern : layout.patterns) {
    writer.writeU32(pattern.source);
    writer.writeU32(pattern.target);
  }
}

KeyLayout readLayoutBlock(ByteReader &reader) {
  uint32_t setCount = reader.readU32("parameter set count");
  if (setCount < 1 || setCount > kMaxParameterSets)
    reader.fail("parameter set count " + std::to_string(setCount) +
                " is outside [1, " + std::to_string(kMaxParameterSets) + "]");
  // No pattern repeats: there are at most setCount^2 of them.
  uint32_t patternCount = reader.readU32("key pattern count");
  if (patternCount < 1 || patternCount > setCount * setCount)
    reader.fail("key pattern count " + std::to_string(patternCount) +
                " is outside [1, " + std::to_string(setCount * setCount) +
                "] for " + std::to_string(setCount) + " parameter sets");
  KeyLayout layout;
  for (uint32_t i = 0; i < setCount; ++i)
    layout.sets.push_back(readParametersBlock(reader));
  for (uint32_t p = 0; p < patternCount; ++p) {
    KeyPattern pattern;
    pattern.source = reader.readU32("key pattern source");
    pattern.target = reader.readU32("key pattern target");
    layout.patterns.push_back(pattern);
  }
  try {
    layout.validate();
  } catch (const std::invalid_argument &error) {
    reader.fail(error.what());
  }
  return layout;
}

void checkSingleLayout(const KeyLayout &layout, const std::string &source) {
  if (layout.sets.size() != 1 || layout.patterns.size() != 1)
    throw SerializationError(
        source + ": the file holds " + std::to_string(layout.sets.size()) +
        " parameter sets and " + std::to_string(layout.patterns.size()) +
        " key patterns; expected one set with the pattern (0, 0)");
}

SecretKeySet parseSecretKeySet(ByteReader &reader) {
  KeyLayout layout = readLayoutBlock(reader);
  SecretKeySet keys;
  keys.patterns = layout.patterns;
  for (const Parameters &parameters : layout.sets) {
    SecretKeys set;
    set.parameters = parameters;
    set.small.bits =
        readKeyBits(reader, "small LWE key", parameters.lweDimension);
    set.glwe.glweDimension = parameters.glweDimension;
    set.glwe.polynomialSize = parameters.polynomialSize;
    set.glwe.bits =
        readKeyBits(reader, "GLWE key", parameters.bigLweDimension());
    keys.sets.push_back(std::move(set));
  }
  return keys;
}

/// The key switching key of a pattern from `source` to `target`.
KeySwitchKey readKeySwitchKey(ByteReader &reader, const Parameters &source,
                              const Parameters &target) {
  KeySwitchKey keySwitch;
  keySwitch.inputDimension = source.bigLweDimension();
  keySwitch.outputDimension = target.lweDimension;
  keySwitch.decomposition = target.keySwitch;
  uint64_t size =
      readArraySize(reader, "key switching key",
                    keySwitchKeySize(keySwitch.inputDimension, target));
  keySwitch.data.resize(size);
  reader.readU64Array("key switching key", keySwitch.data.data(), size);
  return keySwitch;
}

std::shared_ptr<const FourierBootstrapKey>
readBootstrapKey(ByteReader &reader, const Parameters &parameters) {
  auto bootstrap = std::make_shared<FourierBootstrapKey>();
  bootstrap->inputLweDimension = parameters.lweDimension;
  bootstrap->glweDimension = parameters.glweDimension;
  bootstrap->polynomialSize = parameters.polynomialSize;
  bootstrap->decomposition = parameters.pbs;
  uint64_t size =
      readArraySize(reader, "bootstrap key", bootstrapKeySize(parameters));
  bootstrap->data.resize(size);
  reader.readF64Array("bootstrap key", bootstrap->data.data(), size);
  checkFourierCoefficients(reader, bootstrap->data.data(), size,
                           parameters.polynomialSize);
  // The file holds (re, im) pairs; the runtime, blocks (Fft.h).
  interleavedToBlocked(bootstrap->data.data(), size, parameters.polynomialSize);
  return bootstrap;
}

EvaluationKeySet parseEvaluationKeySet(ByteReader &reader) {
  EvaluationKeySet keys;
  keys.layout = readLayoutBlock(reader);
  const KeyLayout &layout = keys.layout;
  for (const KeyPattern &pattern : layout.patterns) {
    EvaluationKeys pair;
    pair.parameters = layout.sets[pattern.target];
    pair.keySwitch = readKeySwitchKey(reader, layout.sets[pattern.source],
                                      layout.sets[pattern.target]);
    keys.keys.push_back(std::move(pair));
  }
  for (uint32_t set = 0; set < layout.sets.size(); ++set) {
    if (!layout.isTarget(set))
      continue;
    std::shared_ptr<const FourierBootstrapKey> bootstrap =
        readBootstrapKey(reader, layout.sets[set]);
    for (size_t p = 0; p < layout.patterns.size(); ++p)
      if (layout.patterns[p].target == set)
        keys.keys[p].bootstrap = bootstrap;
  }
  return keys;
}

Parameters parseParameters(ByteReader &reader) {
  return readParametersBlock(reader);
}

void checkKeyShape(bool consistent, const std::string &what) {
  if (!consistent)
    throw std::invalid_argument("cannot serialize: the " + what +
                                " does not match the key set's parameters");
}

bool sameDecomposition(const DecompositionParams &a,
                       const DecompositionParams &b) {
  return a.baseLog == b.baseLog && a.level == b.level;
}

/// "lweDimension = 600<where>, expected 700" for the first field of `actual`
/// that differs from `expected`; empty when they are equal.
std::string describeDifference(const Parameters &actual,
                               const Parameters &expected,
                               const std::string &where = "") {
  std::ostringstream text;
  text.precision(17);
  auto check = [&](const char *field, auto actualValue, auto expectedValue) {
    if (text.tellp() == 0 && actualValue != expectedValue)
      text << field << " = " << actualValue << where << ", expected "
           << expectedValue;
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
  return text.str();
}

std::string describePattern(size_t index, const KeyPattern &pattern) {
  return "key pattern " + std::to_string(index) + " (" +
         std::to_string(pattern.source) + ", " +
         std::to_string(pattern.target) + ")";
}

/// Throws std::invalid_argument unless `keys[p]` are keys of pattern p of
/// `layout`, with one bootstrap key per target set.
void checkEvaluationKeyShapes(const KeyLayout &layout,
                              const std::vector<const EvaluationKeys *> &keys) {
  layout.validate();
  if (keys.size() != layout.patterns.size())
    throw std::invalid_argument(
        "cannot serialize: " + std::to_string(keys.size()) +
        " pattern keys for " + std::to_string(layout.patterns.size()) +
        " key patterns");
  for (size_t p = 0; p < keys.size(); ++p) {
    const KeyPattern &pattern = layout.patterns[p];
    const Parameters &source = layout.sets[pattern.source];
    const Parameters &target = layout.sets[pattern.target];
    const EvaluationKeys &pair = *keys[p];
    std::string of = " of " + describePattern(p, pattern);
    checkKeyShape(describeDifference(pair.parameters, target).empty(),
                  "parameters" + of);
    const KeySwitchKey &keySwitch = pair.keySwitch;
    checkKeyShape(
        keySwitch.inputDimension == source.bigLweDimension() &&
            keySwitch.outputDimension == target.lweDimension &&
            sameDecomposition(keySwitch.decomposition, target.keySwitch) &&
            keySwitch.data.size() ==
                keySwitchKeySize(keySwitch.inputDimension, target),
        "key switching key" + of);
    const FourierBootstrapKey *bootstrap = pair.bootstrap.get();
    checkKeyShape(bootstrap &&
                      bootstrap->inputLweDimension == target.lweDimension &&
                      bootstrap->glweDimension == target.glweDimension &&
                      bootstrap->polynomialSize == target.polynomialSize &&
                      sameDecomposition(bootstrap->decomposition, target.pbs) &&
                      bootstrap->data.size() == bootstrapKeySize(target),
                  "bootstrap key" + of);
    // The file stores each target's key once: every pattern must use it.
    for (size_t q = 0; q < p; ++q)
      if (layout.patterns[q].target == pattern.target &&
          keys[q]->bootstrap != pair.bootstrap)
        throw std::invalid_argument(
            "cannot serialize: " + describePattern(p, pattern) + " and " +
            describePattern(q, layout.patterns[q]) +
            " target the same set with different bootstrap keys");
  }
}

std::vector<uint8_t>
serializeEvaluation(const KeyLayout &layout,
                    const std::vector<const EvaluationKeys *> &keys) {
  checkEvaluationKeyShapes(layout, keys);
  // The first pattern of each target set, whose bootstrap key is stored.
  std::vector<const EvaluationKeys *> bootstrapOf(layout.sets.size());
  for (size_t p = keys.size(); p-- > 0;)
    bootstrapOf[layout.patterns[p].target] = keys[p];
  uint64_t values = 0;
  for (const EvaluationKeys *pair : keys)
    values += 1 + pair->keySwitch.data.size();
  for (const EvaluationKeys *pair : bootstrapOf)
    if (pair)
      values += 1 + pair->bootstrap->data.size();
  ByteWriter writer = format::startFrame();
  // Header, layout, every key with its count, checksum: one allocation.
  writer.buffer().reserve(
      format::headerSize + 8 + kParametersBlockSize * layout.sets.size() +
      8 * layout.patterns.size() + 8 * values + format::checksumSize);
  writeLayoutBlock(writer, layout);
  for (const EvaluationKeys *pair : keys) {
    writer.writeU64(pair->keySwitch.data.size());
    writer.writeU64Array(pair->keySwitch.data.data(),
                         pair->keySwitch.data.size());
  }
  for (const EvaluationKeys *pair : bootstrapOf) {
    if (!pair)
      continue;
    const FourierBootstrapKey &bootstrap = *pair->bootstrap;
    writer.writeU64(bootstrap.data.size());
    // As (re, im) pairs, polynomial by polynomial (Fft.h).
    uint32_t polynomialSize = bootstrap.polynomialSize;
    std::vector<double> pairs(polynomialSize);
    for (size_t begin = 0; begin < bootstrap.data.size();
         begin += polynomialSize) {
      std::copy_n(bootstrap.data.data() + begin, polynomialSize, pairs.data());
      blockedToInterleaved(pairs.data(), polynomialSize, polynomialSize);
      writer.writeF64Array(pairs.data(), polynomialSize);
    }
  }
  return format::finishFrame(FileKind::EvaluationKeys, writer);
}

/// "1 parameter set", "3 parameter sets".
std::string countOf(size_t count, const std::string &noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

/// The first difference between two layouts, to follow "has"; empty when
/// they are equal (checkSameKeyLayout).
std::string describeKeyLayoutDifference(const KeyLayout &actual,
                                        const KeyLayout &expected) {
  if (actual.sets.size() != expected.sets.size())
    return countOf(actual.sets.size(), "parameter set") + ", expected " +
           std::to_string(expected.sets.size());
  for (size_t i = 0; i < actual.sets.size(); ++i) {
    std::string difference = describeDifference(
        actual.sets[i], expected.sets[i],
        actual.sets.size() == 1 ? "" : " in set " + std::to_string(i));
    if (!difference.empty())
      return difference;
  }
  if (actual.patterns.size() != expected.patterns.size())
    return countOf(actual.patterns.size(), "key pattern") + ", expected " +
           std::to_string(expected.patterns.size());
  for (size_t p = 0; p < actual.patterns.size(); ++p)
    if (!(actual.patterns[p] == expected.patterns[p]))
      return describePattern(p, actual.patterns[p]) + ", expected (" +
             std::to_string(expected.patterns[p].source) + ", " +
             std::to_string(expected.patterns[p].target) + ")";
  return "";
}

} // namespace

void checkSameParameters(const Parameters &actual, const Parameters &expected,
                         const std::string &source) {
  std::string difference = describeDifference(actual, expected);
  if (!difference.empty())
    throw SerializationError(source + ": parameters mismatch: the file has " +
                             difference);
}

void checkSameKeyLayout(const KeyLayout &actual, const KeyLayout &expected,
                        const std::string &source) {
  std::string difference = describeKeyLayoutDifference(actual, expected);
  if (!difference.empty())
    throw SerializationError(source + ": parameters mismatch: the file has " +
                             difference);
}

std::vector<uint8_t> serializeParameters(const Parameters &parameters) {
  parameters.validate();
  ByteWriter writer = format::startFrame();
  writeParametersBlock(writer, parameters);
  return format::finishFrame(FileKind::Parameters, writer);
}

std::vector<uint8_t> serializeSecretKeySet(const SecretKeySet &keys) {
  KeyLayout layout = keys.layout();
  layout.validate();
  ByteWriter writer = format::startFrame();
  writeLayoutBlock(writer, layout);
  for (size_t i = 0; i < keys.sets.size(); ++i) {
    const SecretKeys &set = keys.sets[i];
    std::string of =
        keys.sets.size() == 1 ? "" : " of set " + std::to_string(i);
    checkKeyShape(set.small.bits.size() == set.parameters.lweDimension,
                  "small LWE key" + of);
    checkKeyShape(set.glwe.bits.size() == set.parameters.bigLweDimension(),
                  "GLWE key" + of);
    writeKeyBits(writer, set.small.bits);
    writeKeyBits(writer, set.glwe.bits);
  }
  return format::finishFrame(FileKind::SecretKeys, writer);
}

std::vector<uint8_t> serializeSecretKeys(const SecretKeys &keys) {
  return serializeSecretKeySet(SecretKeySet{{keys}, {KeyPattern{0, 0}}});
}

std::vector<uint8_t> serializeEvaluationKeySet(const EvaluationKeySet &keys) {
  std::vector<const EvaluationKeys *> pairs;
  for (const EvaluationKeys &pair : keys.keys)
    pairs.push_back(&pair);
  return serializeEvaluation(keys.layout, pairs);
}

std::vector<uint8_t> serializeEvaluationKeys(const EvaluationKeys &keys) {
  return serializeEvaluation(KeyLayout::single(keys.parameters), {&keys});
}

Parameters deserializeParameters(const std::vector<uint8_t> &bytes,
                                 const std::string &source) {
  return readPayload(bytes, FileKind::Parameters, source, parseParameters);
}

SecretKeySet deserializeSecretKeySet(const std::vector<uint8_t> &bytes,
                                     const std::string &source) {
  return readPayload(bytes, FileKind::SecretKeys, source, parseSecretKeySet);
}

SecretKeys deserializeSecretKeys(const std::vector<uint8_t> &bytes,
                                 const std::string &source) {
  SecretKeySet keys = deserializeSecretKeySet(bytes, source);
  checkSingleLayout(keys.layout(), source);
  return std::move(keys.sets.front());
}

EvaluationKeySet deserializeEvaluationKeySet(const std::vector<uint8_t> &bytes,
                                             const std::string &source) {
  return readPayload(bytes, FileKind::EvaluationKeys, source,
                     parseEvaluationKeySet);
}

EvaluationKeys deserializeEvaluationKeys(const std::vector<uint8_t> &bytes,
                                         const std::string &source) {
  EvaluationKeySet keys = deserializeEvaluationKeySet(bytes, source);
  checkSingleLayout(keys.layout, source);
  return std::move(keys.keys.front());
}

void writeParameters(const std::string &path, const Parameters &parameters) {
  format::writeFileAtomically(path, serializeParameters(parameters),
                              /*secret=*/false);
}

void writeSecretKeys(const std::string &path, const SecretKeys &keys) {
  format::writeFileAtomically(path, serializeSecretKeys(keys),
                              /*secret=*/true);
}

void writeSecretKeySet(const std::string &path, const SecretKeySet &keys) {
  format::writeFileAtomically(path, serializeSecretKeySet(keys),
                              /*secret=*/true);
}

void writeEvaluationKeys(const std::string &path, const EvaluationKeys &keys) {
  format::writeFileAtomically(path, serializeEvaluationKeys(keys),
                              /*secret=*/false);
}

void writeEvaluationKeySet(const std::string &path,
                           const EvaluationKeySet &keys) {
  format::writeFileAtomically(path, serializeEvaluationKeySet(keys),
                              /*secret=*/false);
}

Parameters readParameters(const std::string &path) {
  return deserializeParameters(format::readFile(path), path);
}

SecretKeys readSecretKeys(const std::string &path) {
  return deserializeSecretKeys(format::readFile(path), path);
}

SecretKeySet readSecretKeySet(const std::string &path) {
  return deserializeSecretKeySet(format::readFile(path), path);
}

EvaluationKeys readEvaluationKeys(const std::string &path) {
  return deserializeEvaluationKeys(format::readFile(path), path);
}

EvaluationKeySet readEvaluationKeySet(const std::string &path) {
  return deserializeEvaluationKeySet(format::readFile(path), path);
}

SecretKeys readSecretKeys(const std::string &path, const Parameters &expected) {
  SecretKeySet keys = readSecretKeySet(path);
  checkSameKeyLayout(keys.layout(), KeyLayout::single(expected), path);
  return std::move(keys.sets.front());
}

SecretKeySet readSecretKeySet(const std::string &path,
                              const KeyLayout &expected) {
  SecretKeySet keys = readSecretKeySet(path);
  checkSameKeyLayout(keys.layout(), expected, path);
  return keys;
}

EvaluationKeys readEvaluationKeys(const std::string &path,
                                  const Parameters &expected) {
  EvaluationKeySet keys = readEvaluationKeySet(path);
  checkSameKeyLayout(keys.layout, KeyLayout::single(expected), path);
  return std::move(keys.keys.front());
}

EvaluationKeySet readEvaluationKeySet(const std::string &path,
                                      const KeyLayout &expected) {
  EvaluationKeySet keys = readEvaluationKeySet(path);
  checkSameKeyLayout(keys.layout, expected, path);
  return keys;
}

} // namespace shade::runtime

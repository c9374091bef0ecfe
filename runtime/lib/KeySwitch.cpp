//===- KeySwitch.cpp - LWE-to-LWE key switching ---------------------------===//

#include "shade/runtime/KeySwitch.h"
#include "KeyGenerationThreads.h"
#include "shade/runtime/Decomposition.h"

#include <stdexcept>
#include <string>

namespace shade::runtime {

KeySwitchKey generateKeySwitchKey(const LweSecretKey &inputKey,
                                  const LweSecretKey &outputKey,
                                  DecompositionParams decomposition,
                                  double noiseStdDev, Csprng &rng,
                                  unsigned threads) {
  decomposition.validate("keySwitch");
  KeySwitchKey key;
  key.inputDimension = static_cast<uint32_t>(inputKey.dimension());
  key.outputDimension = static_cast<uint32_t>(outputKey.dimension());
  key.decomposition = decomposition;
  size_t rowSize = key.outputDimension + 1;
  key.data.resize(size_t(key.inputDimension) * decomposition.level * rowSize);
  SignedDecomposer decomposer(decomposition);
  detail::generateInParallel(
      key.inputDimension, threads, rng,
      [&](size_t begin, size_t end, Csprng &generator) {
        for (size_t i = begin; i < end; ++i)
          for (uint32_t j = 0; j < decomposition.level; ++j) {
            Torus *row =
                key.data.data() + (i * decomposition.level + j) * rowSize;
            encryptLwe(outputKey, inputKey.bits[i] * decomposer.gadgetFactor(j),
                       noiseStdDev, generator, row);
          }
      });
  return key;
}

void keySwitch(const KeySwitchKey &key, const Torus *input, Torus *out) {
  size_t rowSize = key.outputDimension + 1;
  uint32_t levels = key.decomposition.level;
  for (size_t t = 0; t < key.outputDimension; ++t)
    out[t] = 0;
  out[key.outputDimension] = input[key.inputDimension];
  SignedDecomposer decomposer(key.decomposition);
  int64_t digits[64];
  const Torus *row = key.data.data();
  for (size_t i = 0; i < key.inputDimension; ++i) {
    decomposer.decompose(input[i], digits);
    for (uint32_t j = 0; j < levels; ++j, row += rowSize) {
      Torus digit = static_cast<Torus>(digits[j]);
      for (size_t t = 0; t < rowSize; ++t)
        out[t] -= digit * row[t];
    }
  }
}

} // namespace shade::runtime

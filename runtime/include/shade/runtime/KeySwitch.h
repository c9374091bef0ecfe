//===- KeySwitch.h - LWE-to-LWE key switching -------------------*- C++ -*-===//
//
// The key switching key from an input key s (dimension m) to an output key
// s' (dimension n) is m * l LWE ciphertexts under s', each n + 1 torus
// elements: row i * l + j encrypts s_i * 2^64 / B^(j+1). Switching a
// ciphertext (a, b) decomposes each a_i (rounded to baseLog * level bits)
// into digits d_{i,j} and computes (0, b) - sum_{i,j} d_{i,j} * row(i, j).
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_KEYSWITCH_H
#define SHADE_RUNTIME_KEYSWITCH_H

#include "shade/runtime/Aligned.h"
#include "shade/runtime/Csprng.h"
#include "shade/runtime/Lwe.h"
#include "shade/runtime/Parameters.h"

#include <cstdint>
#include <vector>

namespace shade::runtime {

struct KeySwitchKey {
  uint32_t inputDimension = 0;
  uint32_t outputDimension = 0;
  DecompositionParams decomposition;
  /// inputDimension * level rows of outputDimension + 1 elements; row
  /// i * level + j starts at (i * level + j) * (outputDimension + 1).
  /// Streamed once per key switch: aligned (huge pages when large).
  AlignedVector<Torus> data;
};

/// With `threads` > 1, the rows are shared among that many threads, each
/// with a generator forked from `rng`.
KeySwitchKey generateKeySwitchKey(const LweSecretKey &inputKey,
                                  const LweSecretKey &outputKey,
                                  DecompositionParams decomposition,
                                  double noiseStdDev, Csprng &rng,
                                  unsigned threads = 1);

/// Switches input[0..inputDimension] to out[0..outputDimension]. Streams the
/// key once, in memory order.
void keySwitch(const KeySwitchKey &key, const Torus *input, Torus *out);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_KEYSWITCH_H

//===- Keys.h - Key sets and the atomic pattern -----------------*- C++ -*-===//
//
// The secret keys of one parameter set, the public evaluation keys derived
// from them, and the atomic pattern on a ciphertext at rest (under the big
// key): key switch to the small key, then programmable bootstrap back.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_KEYS_H
#define SHADE_RUNTIME_KEYS_H

#include "shade/runtime/Bootstrap.h"
#include "shade/runtime/Csprng.h"
#include "shade/runtime/Glwe.h"
#include "shade/runtime/KeySwitch.h"
#include "shade/runtime/Lwe.h"
#include "shade/runtime/Parameters.h"

#include <vector>

namespace shade::runtime {

struct SecretKeys {
  Parameters parameters;
  /// Dimension n.
  LweSecretKey small;
  /// k polynomials of size N; big() is its flattening (dimension k * N).
  GlweSecretKey glwe;

  LweSecretKey big() const { return glwe.flatten(); }
};

struct EvaluationKeys {
  Parameters parameters;
  /// Big key (k * N) to small key (n), noise lweNoiseStdDev.
  KeySwitchKey keySwitch;
  /// Small key to GLWE key, noise glweNoiseStdDev.
  FourierBootstrapKey bootstrap;
};

/// Validates `parameters` (throws ParameterError) and draws fresh keys.
SecretKeys generateSecretKeys(const Parameters &parameters, Csprng &rng);
/// `threads`: see generateBootstrapKey and generateKeySwitchKey.
EvaluationKeys generateEvaluationKeys(const SecretKeys &keys, Csprng &rng,
                                      unsigned threads = 1);

/// A fresh encryption of `plaintext` under the big key (noise
/// glweNoiseStdDev): a ciphertext at rest, input of the atomic pattern.
LweCiphertext encryptBig(const SecretKeys &keys, Torus plaintext, Csprng &rng);
Torus decryptBigPhase(const SecretKeys &keys, const Torus *ciphertext);

/// Scratch memory of one atomic pattern at a time (one per thread).
struct AtomicPatternWorkspace {
  explicit AtomicPatternWorkspace(const EvaluationKeys &keys);
  /// n + 1 elements: the key-switched ciphertext.
  std::vector<Torus> switched;
  BootstrapWorkspace bootstrap;
};

/// input[0..kN] (big key) -> key switch -> bootstrap with `lut` ->
/// out[0..kN] (big key).
void keySwitchBootstrap(const EvaluationKeys &keys, const LookupTable &lut,
                        const Torus *input, Torus *out,
                        AtomicPatternWorkspace &workspace);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_KEYS_H

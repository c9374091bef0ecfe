//===- Keys.h - Key sets and the atomic pattern -----------------*- C++ -*-===//
//
// The secret keys of one parameter set, the public evaluation keys derived
// from them, and the atomic pattern on a ciphertext at rest (under the big
// key): key switch to the small key, then programmable bootstrap back.
//
// A program may use several parameter sets S_0..S_{K-1} (one per partition
// of its bootstraps) and key patterns P_0..P_{M-1}: SecretKeySet holds the
// secret keys of every set, EvaluationKeySet the keys of every pattern, each
// bootstrap key once however many patterns target its set.
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

#include <memory>
#include <vector>

namespace shade::runtime {

/// The keys of one kind of bootstrap in a program with several parameter
/// sets: a key switch from the big key of set `source` to the small key of
/// set `target`, then the bootstrap of set `target`, whose result is under
/// the big key of `target`. A program with one set has the pattern (0, 0).
struct KeyPattern {
  uint32_t source = 0;
  uint32_t target = 0;

  bool operator==(const KeyPattern &other) const {
    return source == other.source && target == other.target;
  }
};

struct SecretKeys {
  Parameters parameters;
  /// Dimension n.
  LweSecretKey small;
  /// k polynomials of size N; big() is its flattening (dimension k * N).
  GlweSecretKey glwe;

  LweSecretKey big() const { return glwe.flatten(); }
};

/// The keys of one key pattern: a key switch from the big key of the source
/// set to the small key of the target set, then the target's bootstrap.
struct EvaluationKeys {
  /// The target set's parameters (the key switch's decomposition and noise,
  /// the bootstrap's).
  Parameters parameters;
  /// Big key of the source (keySwitch.inputDimension, k_s * N_s) to small
  /// key (n), noise lweNoiseStdDev. With one set, the source is the target.
  KeySwitchKey keySwitch;
  /// Small key to GLWE key, noise glweNoiseStdDev; shared by every pattern
  /// of a key set that targets the same set.
  std::shared_ptr<const FourierBootstrapKey> bootstrap;

  /// Ciphertexts the pattern reads (k_s * N_s + 1) and writes (k * N + 1).
  size_t inputSize() const { return size_t(keySwitch.inputDimension) + 1; }
  size_t outputSize() const { return size_t(parameters.bigLweDimension()) + 1; }
};

/// The parameter sets of a program and the key patterns its bootstraps use.
struct KeyLayout {
  std::vector<Parameters> sets;
  std::vector<KeyPattern> patterns;

  /// One set with the pattern (0, 0): a program with one parameter set.
  static KeyLayout single(const Parameters &parameters);

  /// Throws std::invalid_argument (ParameterError for a set) unless there is
  /// at least one set, every set is valid, there is at least one pattern,
  /// every pattern names sets in range and no pattern is repeated.
  void validate() const;
  /// Whether some pattern targets `set` (then it has a bootstrap key).
  bool isTarget(uint32_t set) const;
};

/// The secret keys of every parameter set of a program, and the patterns
/// its evaluation keys are made for.
struct SecretKeySet {
  /// sets[i].parameters is parameter set i.
  std::vector<SecretKeys> sets;
  std::vector<KeyPattern> patterns;

  KeyLayout layout() const;
};

/// The evaluation keys of every pattern of a program.
struct EvaluationKeySet {
  KeyLayout layout;
  /// keys[p] for layout.patterns[p]. Patterns with the same target hold the
  /// same bootstrap key (one pointer), which is stored once.
  std::vector<EvaluationKeys> keys;
};

/// Validates `parameters` (throws ParameterError) and draws fresh keys.
SecretKeys generateSecretKeys(const Parameters &parameters, Csprng &rng);
/// The keys of every set, in order (validates `layout` first).
SecretKeySet generateSecretKeySet(const KeyLayout &layout, Csprng &rng);
/// The keys of the pattern (0, 0) of one set. `threads`: see
/// generateBootstrapKey and generateKeySwitchKey.
EvaluationKeys generateEvaluationKeys(const SecretKeys &keys, Csprng &rng,
                                      unsigned threads = 1);
/// The keys of every pattern: pattern by pattern, its key switching key,
/// then its target's bootstrap key unless an earlier pattern made it (so
/// one set draws exactly what generateEvaluationKeys draws).
EvaluationKeySet generateEvaluationKeySet(const SecretKeySet &keys, Csprng &rng,
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

/// input[0..k_s N_s] (big key of the source) -> key switch -> bootstrap
/// with `lut` -> out[0..kN] (big key of the target).
void keySwitchBootstrap(const EvaluationKeys &keys, const LookupTable &lut,
                        const Torus *input, Torus *out,
                        AtomicPatternWorkspace &workspace);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_KEYS_H

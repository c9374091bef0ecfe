//===- Keys.cpp - Key sets and the atomic pattern -------------------------===//

#include "shade/runtime/Keys.h"

#include <string>

namespace shade::runtime {

KeyLayout KeyLayout::single(const Parameters &parameters) {
  return KeyLayout{{parameters}, {KeyPattern{0, 0}}};
}

void KeyLayout::validate() const {
  if (sets.empty())
    throw std::invalid_argument("a key set needs at least one parameter set");
  for (const Parameters &parameters : sets)
    parameters.validate();
  if (patterns.empty())
    throw std::invalid_argument("a key set needs at least one key pattern");
  for (size_t p = 0; p < patterns.size(); ++p) {
    const KeyPattern &pattern = patterns[p];
    std::string what = "key pattern " + std::to_string(p) + " (" +
                       std::to_string(pattern.source) + ", " +
                       std::to_string(pattern.target) + ")";
    if (pattern.source >= sets.size() || pattern.target >= sets.size())
      throw std::invalid_argument(what + " names a set out of range (" +
                                  std::to_string(sets.size()) + " sets)");
    for (size_t q = 0; q < p; ++q)
      if (patterns[q] == pattern)
        throw std::invalid_argument(what + " repeats key pattern " +
                                    std::to_string(q));
  }
}

bool KeyLayout::isTarget(uint32_t set) const {
  for (const KeyPattern &pattern : patterns)
    if (pattern.target == set)
      return true;
  return false;
}

KeyLayout SecretKeySet::layout() const {
  KeyLayout result;
  for (const SecretKeys &set : sets)
    result.sets.push_back(set.parameters);
  result.patterns = patterns;
  return result;
}

SecretKeys generateSecretKeys(const Parameters &parameters, Csprng &rng) {
  parameters.validate();
  SecretKeys keys;
  keys.parameters = parameters;
  keys.small = generateLweSecretKey(parameters.lweDimension, rng);
  keys.glwe = generateGlweSecretKey(parameters.glweDimension,
                                    parameters.polynomialSize, rng);
  return keys;
}

SecretKeySet generateSecretKeySet(const KeyLayout &layout, Csprng &rng) {
  layout.validate();
  SecretKeySet keys;
  for (const Parameters &parameters : layout.sets)
    keys.sets.push_back(generateSecretKeys(parameters, rng));
  keys.patterns = layout.patterns;
  return keys;
}

namespace {

/// The key switching key of a pattern from `source` to `target`, with the
/// target's decomposition and noise.
KeySwitchKey makeKeySwitchKey(const SecretKeys &source,
                              const SecretKeys &target, Csprng &rng,
                              unsigned threads) {
  const Parameters &parameters = target.parameters;
  return generateKeySwitchKey(source.big(), target.small, parameters.keySwitch,
                              parameters.lweNoiseStdDev, rng, threads);
}

std::shared_ptr<const FourierBootstrapKey>
makeBootstrapKey(const SecretKeys &keys, Csprng &rng, unsigned threads) {
  const Parameters &parameters = keys.parameters;
  return std::make_shared<const FourierBootstrapKey>(
      generateBootstrapKey(keys.small, keys.glwe, parameters.pbs,
                           parameters.glweNoiseStdDev, rng, threads));
}

} // namespace

EvaluationKeys generateEvaluationKeys(const SecretKeys &keys, Csprng &rng,
                                      unsigned threads) {
  EvaluationKeys evaluation;
  evaluation.parameters = keys.parameters;
  evaluation.keySwitch = makeKeySwitchKey(keys, keys, rng, threads);
  evaluation.bootstrap = makeBootstrapKey(keys, rng, threads);
  return evaluation;
}

EvaluationKeySet generateEvaluationKeySet(const SecretKeySet &keys, Csprng &rng,
                                          unsigned threads) {
  EvaluationKeySet evaluation;
  evaluation.layout = keys.layout();
  evaluation.layout.validate();
  std::vector<std::shared_ptr<const FourierBootstrapKey>> bootstraps(
      keys.sets.size());
  for (const KeyPattern &pattern : keys.patterns) {
    const SecretKeys &target = keys.sets[pattern.target];
    EvaluationKeys pair;
    pair.parameters = target.parameters;
    pair.keySwitch =
        makeKeySwitchKey(keys.sets[pattern.source], target, rng, threads);
    if (!bootstraps[pattern.target])
      bootstraps[pattern.target] = makeBootstrapKey(target, rng, threads);
    pair.bootstrap = bootstraps[pattern.target];
    evaluation.keys.push_back(std::move(pair));
  }
  return evaluation;
}

LweCiphertext encryptBig(const SecretKeys &keys, Torus plaintext, Csprng &rng) {
  return encryptLwe(keys.big(), plaintext, keys.parameters.glweNoiseStdDev,
                    rng);
}

Torus decryptBigPhase(const SecretKeys &keys, const Torus *ciphertext) {
  return decryptLwePhase(keys.big(), ciphertext);
}

AtomicPatternWorkspace::AtomicPatternWorkspace(const EvaluationKeys &keys)
    : switched(keys.keySwitch.outputDimension + 1), bootstrap(*keys.bootstrap) {
}

void keySwitchBootstrap(const EvaluationKeys &keys, const LookupTable &lut,
                        const Torus *input, Torus *out,
                        AtomicPatternWorkspace &workspace) {
  keySwitch(keys.keySwitch, input, workspace.switched.data());
  runtime::bootstrap(*keys.bootstrap, lut, workspace.switched.data(), out,
                     workspace.bootstrap);
}

} // namespace shade::runtime

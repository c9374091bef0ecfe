//===- Keys.cpp - Key sets and the atomic pattern -------------------------===//

#include "shade/runtime/Keys.h"

namespace shade::runtime {

SecretKeys generateSecretKeys(const Parameters &parameters, Csprng &rng) {
  parameters.validate();
  SecretKeys keys;
  keys.parameters = parameters;
  keys.small = generateLweSecretKey(parameters.lweDimension, rng);
  keys.glwe = generateGlweSecretKey(parameters.glweDimension,
                                    parameters.polynomialSize, rng);
  return keys;
}

EvaluationKeys generateEvaluationKeys(const SecretKeys &keys, Csprng &rng,
                                      unsigned threads) {
  const Parameters &parameters = keys.parameters;
  EvaluationKeys evaluation;
  evaluation.parameters = parameters;
  evaluation.keySwitch =
      generateKeySwitchKey(keys.big(), keys.small, parameters.keySwitch,
                           parameters.lweNoiseStdDev, rng, threads);
  evaluation.bootstrap =
      generateBootstrapKey(keys.small, keys.glwe, parameters.pbs,
                           parameters.glweNoiseStdDev, rng, threads);
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
    : switched(keys.keySwitch.outputDimension + 1), bootstrap(keys.bootstrap) {}

void keySwitchBootstrap(const EvaluationKeys &keys, const LookupTable &lut,
                        const Torus *input, Torus *out,
                        AtomicPatternWorkspace &workspace) {
  keySwitch(keys.keySwitch, input, workspace.switched.data());
  runtime::bootstrap(keys.bootstrap, lut, workspace.switched.data(), out,
                     workspace.bootstrap);
}

} // namespace shade::runtime

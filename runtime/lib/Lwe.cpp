//===- Lwe.cpp - LWE encryption and decryption ----------------------------===//

#include "shade/runtime/Lwe.h"

namespace shade::runtime {

LweSecretKey generateLweSecretKey(size_t dimension, Csprng &rng) {
  LweSecretKey key;
  key.bits.resize(dimension);
  rng.fillBinary(key.bits.data(), dimension);
  return key;
}

void encryptLwe(const LweSecretKey &key, Torus plaintext, double noiseStdDev,
                Csprng &rng, Torus *out) {
  size_t n = key.dimension();
  rng.fillUniform(out, n);
  Torus body = plaintext + rng.nextGaussian(noiseStdDev);
  for (size_t i = 0; i < n; ++i)
    body += out[i] * key.bits[i];
  out[n] = body;
}

LweCiphertext encryptLwe(const LweSecretKey &key, Torus plaintext,
                         double noiseStdDev, Csprng &rng) {
  LweCiphertext ciphertext(key.dimension());
  encryptLwe(key, plaintext, noiseStdDev, rng, ciphertext.data.data());
  return ciphertext;
}

Torus decryptLwePhase(const LweSecretKey &key, const Torus *ciphertext) {
  size_t n = key.dimension();
  Torus phase = ciphertext[n];
  for (size_t i = 0; i < n; ++i)
    phase -= ciphertext[i] * key.bits[i];
  return phase;
}

Torus decryptLwePhase(const LweSecretKey &key,
                      const LweCiphertext &ciphertext) {
  return decryptLwePhase(key, ciphertext.data.data());
}

} // namespace shade::runtime

//===- Glwe.cpp - GLWE encryption, decryption, sample extraction ----------===//

#include "shade/runtime/Glwe.h"
#include "shade/runtime/Polynomial.h"

namespace shade::runtime {

GlweSecretKey generateGlweSecretKey(uint32_t glweDimension,
                                    uint32_t polynomialSize, Csprng &rng) {
  GlweSecretKey key;
  key.glweDimension = glweDimension;
  key.polynomialSize = polynomialSize;
  key.bits.resize(size_t(glweDimension) * polynomialSize);
  rng.fillBinary(key.bits.data(), key.bits.size());
  return key;
}

void encryptGlwe(const GlweSecretKey &key, const Torus *message,
                 double noiseStdDev, Csprng &rng, Torus *out) {
  size_t n = key.polynomialSize;
  uint32_t k = key.glweDimension;
  const NegacyclicFft &fft = NegacyclicFft::forSize(key.polynomialSize);
  Torus *body = out + k * n;
  rng.fillGaussian(body, n, noiseStdDev);
  for (size_t j = 0; j < n; ++j)
    body[j] += message[j];
  std::vector<Torus> product(n);
  for (uint32_t i = 0; i < k; ++i) {
    Torus *mask = out + i * n;
    rng.fillUniform(mask, n);
    exactProductWithBinary(fft, mask, key.bits.data() + i * n, product.data());
    for (size_t j = 0; j < n; ++j)
      body[j] += product[j];
  }
}

GlweCiphertext encryptGlwe(const GlweSecretKey &key, const Torus *message,
                           double noiseStdDev, Csprng &rng) {
  GlweCiphertext ciphertext(key.glweDimension, key.polynomialSize);
  encryptGlwe(key, message, noiseStdDev, rng, ciphertext.data.data());
  return ciphertext;
}

void decryptGlwePhase(const GlweSecretKey &key, const Torus *ciphertext,
                      Torus *phase) {
  size_t n = key.polynomialSize;
  uint32_t k = key.glweDimension;
  const NegacyclicFft &fft = NegacyclicFft::forSize(key.polynomialSize);
  const Torus *body = ciphertext + k * n;
  for (size_t j = 0; j < n; ++j)
    phase[j] = body[j];
  std::vector<Torus> product(n);
  for (uint32_t i = 0; i < k; ++i) {
    exactProductWithBinary(fft, ciphertext + i * n, key.bits.data() + i * n,
                           product.data());
    for (size_t j = 0; j < n; ++j)
      phase[j] -= product[j];
  }
}

void sampleExtract(const Torus *glwe, uint32_t glweDimension,
                   uint32_t polynomialSize, uint32_t index, Torus *out) {
  size_t n = polynomialSize;
  // Coefficient `index` of A * S is sum_{j <= index} A[index - j] S[j]
  // - sum_{j > index} A[N + index - j] S[j].
  for (uint32_t i = 0; i < glweDimension; ++i) {
    const Torus *mask = glwe + i * n;
    Torus *lweMask = out + i * n;
    for (size_t j = 0; j <= index; ++j)
      lweMask[j] = mask[index - j];
    for (size_t j = index + 1; j < n; ++j)
      lweMask[j] = Torus(0) - mask[n + index - j];
  }
  out[glweDimension * n] = glwe[glweDimension * n + index];
}

} // namespace shade::runtime

//===- Glwe.h - GLWE secret keys and ciphertexts ----------------*- C++ -*-===//
//
// Over R_q = Z_{2^64}[X] / (X^N + 1). A GLWE ciphertext of dimension k is
// k + 1 polynomials stored one after the other, N coefficients each
// (coefficient of X^j at index j): the masks A_0 .. A_{k-1}, then the body B,
// with phase B - sum_i A_i S_i.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_GLWE_H
#define SHADE_RUNTIME_GLWE_H

#include "shade/runtime/Csprng.h"
#include "shade/runtime/Lwe.h"
#include "shade/runtime/Torus.h"

#include <cstdint>
#include <vector>

namespace shade::runtime {

/// k uniform binary polynomials S_0 .. S_{k-1}: bits[i * N + j] is the
/// coefficient of X^j of S_i.
struct GlweSecretKey {
  uint32_t glweDimension = 0;
  uint32_t polynomialSize = 0;
  std::vector<uint64_t> bits;

  /// The LWE key of dimension k * N under which sample extraction produces
  /// ciphertexts: the same bits in the same order.
  LweSecretKey flatten() const { return LweSecretKey{bits}; }
};

struct GlweCiphertext {
  uint32_t glweDimension = 0;
  uint32_t polynomialSize = 0;
  /// (k + 1) * N coefficients: polynomial i at [i * N, (i + 1) * N).
  std::vector<Torus> data;

  GlweCiphertext() = default;
  /// The trivial (all-zero) ciphertext.
  GlweCiphertext(uint32_t glweDimension, uint32_t polynomialSize)
      : glweDimension(glweDimension), polynomialSize(polynomialSize),
        data(size_t(glweDimension + 1) * polynomialSize, 0) {}

  Torus *polynomial(uint32_t i) {
    return data.data() + size_t(i) * polynomialSize;
  }
  const Torus *polynomial(uint32_t i) const {
    return data.data() + size_t(i) * polynomialSize;
  }
  Torus *body() { return polynomial(glweDimension); }
  const Torus *body() const { return polynomial(glweDimension); }
};

GlweSecretKey generateGlweSecretKey(uint32_t glweDimension,
                                    uint32_t polynomialSize, Csprng &rng);

/// Encrypts the plaintext polynomial message[0..N) into out[0..(k+1)N):
/// uniform masks, body = sum_i A_i S_i + message + Gaussian noise.
void encryptGlwe(const GlweSecretKey &key, const Torus *message,
                 double noiseStdDev, Csprng &rng, Torus *out);
GlweCiphertext encryptGlwe(const GlweSecretKey &key, const Torus *message,
                           double noiseStdDev, Csprng &rng);

/// The phase polynomial B - sum_i A_i S_i, written to phase[0..N).
void decryptGlwePhase(const GlweSecretKey &key, const Torus *ciphertext,
                      Torus *phase);

/// The LWE ciphertext (dimension k * N, under key.flatten()) whose phase is
/// coefficient `index` of the GLWE phase. Written to out[0..kN].
void sampleExtract(const Torus *glwe, uint32_t glweDimension,
                   uint32_t polynomialSize, uint32_t index, Torus *out);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_GLWE_H

//===- Lwe.h - LWE secret keys and ciphertexts ------------------*- C++ -*-===//
//
// An LWE ciphertext of dimension n is n + 1 torus elements: the mask
// a_0 .. a_{n-1} followed by the body b, with phase b - sum_i a_i s_i =
// plaintext + noise.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_LWE_H
#define SHADE_RUNTIME_LWE_H

#include "shade/runtime/Csprng.h"
#include "shade/runtime/Torus.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace shade::runtime {

/// A uniform binary secret key: bits[i] in {0, 1}.
struct LweSecretKey {
  std::vector<uint64_t> bits;

  size_t dimension() const { return bits.size(); }
};

struct LweCiphertext {
  /// Mask (dimension() elements) then body: dimension() + 1 elements.
  std::vector<Torus> data;

  LweCiphertext() = default;
  /// The trivial (all-zero) ciphertext of dimension `dimension`.
  explicit LweCiphertext(size_t dimension) : data(dimension + 1, 0) {}

  size_t dimension() const { return data.size() - 1; }
  Torus body() const { return data.back(); }
};

LweSecretKey generateLweSecretKey(size_t dimension, Csprng &rng);

/// Encrypts `plaintext` (an already encoded torus element) with Gaussian
/// noise of standard deviation `noiseStdDev` into out[0..n]. Uniform mask.
void encryptLwe(const LweSecretKey &key, Torus plaintext, double noiseStdDev,
                Csprng &rng, Torus *out);
LweCiphertext encryptLwe(const LweSecretKey &key, Torus plaintext,
                         double noiseStdDev, Csprng &rng);

/// The phase b - <a, s> of ciphertext[0..n] (plaintext plus noise).
Torus decryptLwePhase(const LweSecretKey &key, const Torus *ciphertext);
Torus decryptLwePhase(const LweSecretKey &key, const LweCiphertext &ciphertext);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_LWE_H

//===- Ggsw.h - GGSW ciphertexts --------------------------------*- C++ -*-===//
//
// A GGSW encryption of an integer polynomial M under a GLWE key, for a
// decomposition (B = 2^baseLog, level l), is (k + 1) * l GLWE ciphertexts
// ("rows"). Row r = i * l + j (i in [0, k], j in [0, l), j = 0 most
// significant) encrypts zero, plus M * 2^64 / B^(j+1) added to its polynomial
// i: a mask polynomial for i < k, the body for i = k. Hence
// sum_{i,j} digit_{i,j}(C_i) * row(i, j) is a GLWE encryption of M times the
// phase of C = (C_0 .. C_k): the external product.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_GGSW_H
#define SHADE_RUNTIME_GGSW_H

#include "shade/runtime/Csprng.h"
#include "shade/runtime/Glwe.h"
#include "shade/runtime/Parameters.h"

#include <cstdint>
#include <vector>

namespace shade::runtime {

struct GgswCiphertext {
  uint32_t glweDimension = 0;
  uint32_t polynomialSize = 0;
  DecompositionParams decomposition;
  /// (k + 1) * l rows of (k + 1) * N coefficients: row r at
  /// [r * (k + 1) * N, (r + 1) * (k + 1) * N).
  std::vector<Torus> data;
};

/// GGSW encryption of the constant polynomial `message` (a small integer,
/// a bit of the LWE key for a bootstrap key).
GgswCiphertext encryptConstantGgsw(const GlweSecretKey &key, int64_t message,
                                   DecompositionParams decomposition,
                                   double noiseStdDev, Csprng &rng);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_GGSW_H

//===- Ggsw.cpp - GGSW encryption -----------------------------------------===//

#include "shade/runtime/Ggsw.h"
#include "shade/runtime/Decomposition.h"

namespace shade::runtime {

GgswCiphertext encryptConstantGgsw(const GlweSecretKey &key, int64_t message,
                                   DecompositionParams decomposition,
                                   double noiseStdDev, Csprng &rng) {
  uint32_t k = key.glweDimension;
  size_t n = key.polynomialSize;
  size_t rowSize = (k + 1) * n;
  SignedDecomposer decomposer(decomposition);
  GgswCiphertext ggsw;
  ggsw.glweDimension = k;
  ggsw.polynomialSize = key.polynomialSize;
  ggsw.decomposition = decomposition;
  ggsw.data.resize((k + 1) * decomposition.level * rowSize);
  std::vector<Torus> zero(n, 0);
  for (uint32_t i = 0; i <= k; ++i)
    for (uint32_t j = 0; j < decomposition.level; ++j) {
      Torus *row = ggsw.data.data() + (i * decomposition.level + j) * rowSize;
      encryptGlwe(key, zero.data(), noiseStdDev, rng, row);
      row[i * n] += static_cast<Torus>(message) * decomposer.gadgetFactor(j);
    }
  return ggsw;
}

} // namespace shade::runtime

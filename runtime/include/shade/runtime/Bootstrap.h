//===- Bootstrap.h - Programmable bootstrapping -----------------*- C++ -*-===//
//
// The bootstrap key, made once in the Fourier domain, and the programmable
// bootstrap: modulus switch of the input to 2N, blind rotation of the lookup
// table by CMUXes (external products with the key's GGSWs), and sample
// extraction of the constant coefficient.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_BOOTSTRAP_H
#define SHADE_RUNTIME_BOOTSTRAP_H

#include "shade/runtime/Aligned.h"
#include "shade/runtime/Csprng.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/Fft.h"
#include "shade/runtime/Glwe.h"
#include "shade/runtime/Lwe.h"
#include "shade/runtime/Parameters.h"

#include <cstdint>
#include <vector>

namespace shade::runtime {

/// n GGSW encryptions of the bits of the small LWE key under the GLWE key,
/// each polynomial transformed to the Fourier domain.
struct FourierBootstrapKey {
  uint32_t inputLweDimension = 0; // n
  uint32_t glweDimension = 0;     // k
  uint32_t polynomialSize = 0;    // N
  DecompositionParams decomposition;
  /// For GGSW g in [0, n), row r in [0, (k+1) l) (r = i * l + j as in
  /// Ggsw.h), column c in [0, k]: one Fourier polynomial (N doubles, see
  /// Fft.h) at offset ((g * (k+1) * l + r) * (k+1) + c) * N.
  AlignedVector<double> data;

  uint32_t outputLweDimension() const { return glweDimension * polynomialSize; }
  /// Doubles per GGSW: (k+1)^2 * l * N.
  size_t ggswSize() const;
  const double *ggsw(uint32_t index) const {
    return data.data() + index * ggswSize();
  }
};

/// Encrypts each bit of `lweKey` as a GGSW under `glweKey` (noise
/// `noiseStdDev`) and converts it to the Fourier domain, once. With
/// `threads` > 1, the GGSWs are shared among that many threads, each with a
/// generator forked from `rng`.
FourierBootstrapKey generateBootstrapKey(const LweSecretKey &lweKey,
                                         const GlweSecretKey &glweKey,
                                         DecompositionParams decomposition,
                                         double noiseStdDev, Csprng &rng,
                                         unsigned threads = 1);

/// Scratch memory for one bootstrap at a time; one per thread. Bootstraps
/// only read the key and lookup table, so any number may run concurrently,
/// each with its own workspace.
class BootstrapWorkspace {
public:
  explicit BootstrapWorkspace(const FourierBootstrapKey &key);

private:
  friend void blindRotate(const FourierBootstrapKey &, const LookupTable &,
                          const Torus *, GlweCiphertext &,
                          BootstrapWorkspace &);
  friend void bootstrap(const FourierBootstrapKey &, const LookupTable &,
                        const Torus *, Torus *, BootstrapWorkspace &);
  const NegacyclicFft *fft;
  /// The accumulator of bootstrap().
  GlweCiphertext accumulator;
  /// N decomposition states of one polynomial of X^a acc - acc.
  std::vector<uint64_t> states;
  /// One folded digit polynomial (N doubles: coefficients j < N/2, then
  /// j + N/2), FFT input.
  AlignedVector<double> folded;
  /// The Fourier transforms of the (k+1) l digit polynomials of a CMUX.
  AlignedVector<double> fourierDigits;
  /// (k+1) Fourier polynomials of the external product.
  AlignedVector<double> fourierProduct;
};

/// accumulator = the GLWE encryption of X^(-phase~) * lut.polynomial, where
/// phase~ is the input's phase switched to modulus 2N. `input` holds n + 1
/// elements under the small key.
void blindRotate(const FourierBootstrapKey &key, const LookupTable &lut,
                 const Torus *input, GlweCiphertext &accumulator,
                 BootstrapWorkspace &workspace);

/// Programmable bootstrap: input[0..n] under the small key to
/// out[0..kN] under the big key, encrypting table[m] with the output delta.
void bootstrap(const FourierBootstrapKey &key, const LookupTable &lut,
               const Torus *input, Torus *out, BootstrapWorkspace &workspace);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_BOOTSTRAP_H

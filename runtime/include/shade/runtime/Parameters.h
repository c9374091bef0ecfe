//===- Parameters.h - TFHE parameter sets -----------------------*- C++ -*-===//
//
// The parameters of the key-switch-then-bootstrap atomic pattern. Ciphertexts
// rest under the "big" LWE key, the GLWE key flattened (dimension k*N); the
// key switch goes to the "small" key (dimension n) and the bootstrap back to
// the big key.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_PARAMETERS_H
#define SHADE_RUNTIME_PARAMETERS_H

#include <cstdint>
#include <stdexcept>
#include <string>

namespace shade::runtime {

/// Thrown for an invalid parameter; the message names the field, its value
/// and the limit it breaks.
class ParameterError : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
};

/// A signed gadget decomposition: `level` digits in base 2^baseLog.
struct DecompositionParams {
  uint32_t baseLog = 0;
  uint32_t level = 0;

  /// Throws ParameterError (naming `field`) unless 1 <= baseLog <= 63,
  /// level >= 1 and baseLog * level <= 64.
  void validate(const std::string &field) const;
};

struct Parameters {
  /// n: dimension of the small LWE key (key-switch output, bootstrap input).
  uint32_t lweDimension = 0;
  /// k: number of mask polynomials of a GLWE ciphertext.
  uint32_t glweDimension = 0;
  /// N: degree of the ring Z[X] / (X^N + 1); a power of two.
  uint32_t polynomialSize = 0;
  /// Noise standard deviation of encryptions under the small key (key
  /// switching key), as a fraction of the torus.
  double lweNoiseStdDev = 0;
  /// Noise standard deviation of encryptions under the GLWE key (bootstrap
  /// key, fresh big-key ciphertexts), as a fraction of the torus.
  double glweNoiseStdDev = 0;
  DecompositionParams pbs;
  DecompositionParams keySwitch;

  /// k * N: dimension of the big LWE key.
  uint32_t bigLweDimension() const { return glweDimension * polynomialSize; }

  /// Throws ParameterError on the first invalid field:
  ///  - 1 <= n <= kMaxLweDimension, 1 <= k <= kMaxGlweDimension,
  ///  - N a power of two in [kMinPolynomialSize, kMaxPolynomialSize],
  ///  - k * N <= kMaxPolynomialSize,
  ///  - both standard deviations in the open interval (0, 1),
  ///  - each decomposition: 1 <= base log <= 63, level >= 1,
  ///    base log * level <= 64.
  void validate() const;

  static constexpr uint32_t kMaxLweDimension = 1 << 14;
  static constexpr uint32_t kMaxGlweDimension = 16;
  static constexpr uint32_t kMinPolynomialSize = 8;
  static constexpr uint32_t kMaxPolynomialSize = 1 << 17;
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_PARAMETERS_H

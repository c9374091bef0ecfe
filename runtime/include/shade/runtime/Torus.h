//===- Torus.h - The 64-bit discrete torus ----------------------*- C++ -*-===//
//
// Every ciphertext coefficient lives on the discrete torus T_q = Z / 2^64 Z,
// represented by a uint64_t whose wrapping arithmetic is exactly the torus
// arithmetic. The real torus value of t is t / 2^64 in [0, 1).
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_TORUS_H
#define SHADE_RUNTIME_TORUS_H

#include <cmath>
#include <cstdint>

namespace shade::runtime {

using Torus = uint64_t;

/// 2^64 and 2^-64 as doubles (exact).
inline constexpr double kTwoPow64 = 18446744073709551616.0;
inline constexpr double kTwoPowMinus64 = 1.0 / kTwoPow64;

/// The torus element closest to the real number `x` (taken modulo 1).
inline Torus torusFromReal(double x) {
  double fractional = x - std::nearbyint(x);
  double scaled = std::nearbyint(fractional * kTwoPow64);
  // fractional is in [-1/2, 1/2]; 2^63 itself is -2^63 modulo 2^64.
  if (scaled >= 9223372036854775808.0)
    scaled -= kTwoPow64;
  return static_cast<Torus>(static_cast<int64_t>(scaled));
}

/// The representative of `t` in [-1/2, 1/2) as a real number.
inline double torusToSignedReal(Torus t) {
  return static_cast<double>(static_cast<int64_t>(t)) * kTwoPowMinus64;
}

/// Rounds `t` to the closest multiple of 2^64 / 2^logModulus and returns that
/// multiple's index in [0, 2^logModulus): the modulus switch from 2^64 to
/// 2^logModulus (1 <= logModulus <= 63).
inline uint64_t modulusSwitch(Torus t, unsigned logModulus) {
  unsigned shift = 64 - logModulus;
  Torus rounded = t + (Torus(1) << (shift - 1));
  return rounded >> shift;
}

} // namespace shade::runtime

#endif // SHADE_RUNTIME_TORUS_H

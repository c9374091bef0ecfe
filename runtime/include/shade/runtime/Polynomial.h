//===- Polynomial.h - Polynomials of Z_{2^64}[X] / (X^N + 1) ---*- C++ -*-===//

#ifndef SHADE_RUNTIME_POLYNOMIAL_H
#define SHADE_RUNTIME_POLYNOMIAL_H

#include "shade/runtime/Fft.h"
#include "shade/runtime/Torus.h"

#include <cstdint>

namespace shade::runtime {

/// out = X^power * in modulo X^N + 1, for power in [0, 2N). `out` must not
/// alias `in`.
void negacyclicRotate(const Torus *in, uint32_t polynomialSize, uint64_t power,
                      Torus *out);

/// out = a * s modulo X^N + 1 and 2^64, exactly, for s with coefficients in
/// {0, 1} (a secret key polynomial). a is split into three limbs of at most
/// 22 bits so that every product coefficient computed by the FFT stays far
/// below 2^53 and rounds to the exact integer.
void exactProductWithBinary(const NegacyclicFft &fft, const Torus *a,
                            const uint64_t *s, Torus *out);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_POLYNOMIAL_H

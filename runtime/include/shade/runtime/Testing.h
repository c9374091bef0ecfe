//===- Testing.h - Test-only entry points -----------------------*- C++ -*-===//
//
// FOR TESTS AND BENCHMARKS ONLY. A generator with a fixed seed makes keys and
// ciphertexts reproducible, and therefore offers no security at all.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_TESTING_H
#define SHADE_RUNTIME_TESTING_H

#include "shade/runtime/Csprng.h"

namespace shade::runtime::testing {

/// A ChaCha20 generator whose key is derived from `seed` alone: the same seed
/// always gives the same stream. Never use it outside tests.
Csprng seededCsprngForTesting(uint64_t seed);

} // namespace shade::runtime::testing

#endif // SHADE_RUNTIME_TESTING_H

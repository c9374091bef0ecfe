//===- RuntimeTestKeys.h - Keys shared by the runtime tests -----*- C++ -*-===//
//
// Key generation dominates small tests: keys are made once per process and
// parameter set, from the test-only fixed seed, so every run is identical.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_TEST_UNIT_RUNTIME_RUNTIMETESTKEYS_H
#define SHADE_TEST_UNIT_RUNTIME_RUNTIMETESTKEYS_H

#include "shade/runtime/Keys.h"

#include <cstdint>

namespace shade::runtime::test {

/// The seed of every generator in the runtime tests.
inline constexpr uint64_t kTestSeed = 0x5ade;

/// The secret keys, bootstrap key and key switching key of
/// defaultParameters(width), each made on first use (the key switching key
/// is large for wide messages) and cached for the rest of the process.
const SecretKeys &secretKeysForWidth(unsigned width);
const FourierBootstrapKey &bootstrapKeyForWidth(unsigned width);
const KeySwitchKey &keySwitchKeyForWidth(unsigned width);

} // namespace shade::runtime::test

#endif // SHADE_TEST_UNIT_RUNTIME_RUNTIMETESTKEYS_H

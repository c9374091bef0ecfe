//===- RuntimeTestKeys.cpp - Keys shared by the runtime tests -------------===//

#include "RuntimeTestKeys.h"

#include "shade/runtime/ParameterSets.h"
#include "shade/runtime/Testing.h"

#include <map>
#include <memory>
#include <mutex>

namespace shade::runtime::test {
namespace {

/// The widest sets have gigabyte keys: generated on both cores.
unsigned keyGenerationThreads(unsigned width) { return width >= 6 ? 2 : 1; }

struct CachedKeys {
  SecretKeys secret;
  std::unique_ptr<FourierBootstrapKey> bootstrap;
  std::unique_ptr<KeySwitchKey> keySwitch;
};

std::mutex cacheMutex;

CachedKeys &cached(unsigned width) {
  static std::map<unsigned, CachedKeys> cache;
  auto it = cache.find(width);
  if (it == cache.end()) {
    Csprng rng = testing::seededCsprngForTesting(kTestSeed + width);
    CachedKeys keys;
    keys.secret = generateSecretKeys(defaultParameters(width), rng);
    it = cache.emplace(width, std::move(keys)).first;
  }
  return it->second;
}

} // namespace

const SecretKeys &secretKeysForWidth(unsigned width) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  return cached(width).secret;
}

const FourierBootstrapKey &bootstrapKeyForWidth(unsigned width) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  CachedKeys &keys = cached(width);
  if (!keys.bootstrap) {
    const Parameters &p = keys.secret.parameters;
    Csprng rng = testing::seededCsprngForTesting(kTestSeed + 100 + width);
    keys.bootstrap = std::make_unique<FourierBootstrapKey>(generateBootstrapKey(
        keys.secret.small, keys.secret.glwe, p.pbs, p.glweNoiseStdDev, rng,
        keyGenerationThreads(width)));
  }
  return *keys.bootstrap;
}

const KeySwitchKey &keySwitchKeyForWidth(unsigned width) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  CachedKeys &keys = cached(width);
  if (!keys.keySwitch) {
    const Parameters &p = keys.secret.parameters;
    Csprng rng = testing::seededCsprngForTesting(kTestSeed + 200 + width);
    keys.keySwitch = std::make_unique<KeySwitchKey>(generateKeySwitchKey(
        keys.secret.big(), keys.secret.small, p.keySwitch, p.lweNoiseStdDev,
        rng, keyGenerationThreads(width)));
  }
  return *keys.keySwitch;
}

} // namespace shade::runtime::test

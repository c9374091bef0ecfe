//===- KeySwitchTest.cpp - LWE key switching ------------------------------===//

#include "RuntimeTestKeys.h"

#include "shade/runtime/Encoding.h"
#include "shade/runtime/KeySwitch.h"
#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/Testing.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace shade::runtime;
using namespace shade::runtime::test;

TEST(KeySwitch, SwitchesEveryMessageToTheSmallKey) {
  const unsigned width = 4;
  const SecretKeys &keys = secretKeysForWidth(width);
  const KeySwitchKey &ksk = keySwitchKeyForWidth(width);
  EXPECT_EQ(ksk.inputDimension, keys.parameters.bigLweDimension());
  EXPECT_EQ(ksk.outputDimension, keys.parameters.lweDimension);
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(41);
  std::vector<Torus> out(ksk.outputDimension + 1);
  for (uint64_t m = 0; m < 16; ++m) {
    LweCiphertext c = encryptBig(keys, encodeMessage(m, width), rng);
    keySwitch(ksk, c.data.data(), out.data());
    EXPECT_EQ(decodeMessage(decryptLwePhase(keys.small, out.data()), width), m);
  }
}

// The error added by a key switch is its output phase minus its input phase.
// One sample per key switch: with M samples the variance estimate has a
// relative standard error of sqrt(2 / M), i.e. 2.2% for M = 4000 and 4.5% for
// M = 1000, so a 20% tolerance is more than 4 standard errors.
class KeySwitchVariance
    : public ::testing::TestWithParam<std::pair<unsigned, int>> {};

TEST_P(KeySwitchVariance, MatchesTheNoiseModel) {
  auto [width, samples] = GetParam();
  const SecretKeys &keys = secretKeysForWidth(width);
  const KeySwitchKey &ksk = keySwitchKeyForWidth(width);
  const Parameters &p = keys.parameters;
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(42);
  LweSecretKey big = keys.big();
  std::vector<Torus> out(ksk.outputDimension + 1);
  double sumSquares = 0;
  for (int i = 0; i < samples; ++i) {
    LweCiphertext c = encryptLwe(big, rng.nextU64(), p.glweNoiseStdDev, rng);
    keySwitch(ksk, c.data.data(), out.data());
    double error = torusToSignedReal(decryptLwePhase(keys.small, out.data()) -
                                     decryptLwePhase(big, c));
    sumSquares += error * error;
  }
  double measured = sumSquares / samples;
  double predicted = noise::keySwitchAddedVariance(
      p.bigLweDimension(), p.keySwitch, p.lweNoiseStdDev);
  EXPECT_NEAR(measured / predicted, 1.0, 0.2)
      << "measured 2^" << std::log2(measured) << ", predicted 2^"
      << std::log2(predicted);
}

// Between the keys of two parameter sets (docs/parameters.md, "Partitions"):
// from the big key of the 1-bit set (k * N = 2048) to the small key of the
// 4-bit set, with the 4-bit set's decomposition and noise. The noise model
// of the parameter search adds keySwitchAddedVariance(k_s * N_s, ...) of the
// target's decomposition and noise; 1000 samples.
TEST(KeySwitchVariance, BetweenTwoSetsMatchesTheNoiseModel) {
  const SecretKeys &source = secretKeysForWidth(1);
  const SecretKeys &target = secretKeysForWidth(4);
  const Parameters &p = target.parameters;
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(7);
  LweSecretKey big = source.big();
  KeySwitchKey ksk = generateKeySwitchKey(big, target.small, p.keySwitch,
                                          p.lweNoiseStdDev, rng);
  std::vector<Torus> out(ksk.outputDimension + 1);
  constexpr int kSamples = 1000;
  double sumSquares = 0;
  for (int i = 0; i < kSamples; ++i) {
    LweCiphertext c =
        encryptLwe(big, rng.nextU64(), source.parameters.glweNoiseStdDev, rng);
    keySwitch(ksk, c.data.data(), out.data());
    double error = torusToSignedReal(decryptLwePhase(target.small, out.data()) -
                                     decryptLwePhase(big, c));
    sumSquares += error * error;
  }
  double measured = sumSquares / kSamples;
  double predicted = noise::keySwitchAddedVariance(
      source.parameters.bigLweDimension(), p.keySwitch, p.lweNoiseStdDev);
  EXPECT_NE(source.parameters.bigLweDimension(), p.bigLweDimension());
  EXPECT_NEAR(measured / predicted, 1.0, 0.2)
      << "measured 2^" << std::log2(measured) << ", predicted 2^"
      << std::log2(predicted);
}

INSTANTIATE_TEST_SUITE_P(DefaultSets, KeySwitchVariance,
                         ::testing::Values(std::make_pair(1u, 4000),
                                           std::make_pair(4u, 1000)));

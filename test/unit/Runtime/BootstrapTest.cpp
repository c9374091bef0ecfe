//===- BootstrapTest.cpp - Programmable bootstrapping ---------------------===//

#include "RuntimeTestKeys.h"

#include "shade/runtime/Bootstrap.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/ParameterSets.h"
#include "shade/runtime/Polynomial.h"
#include "shade/runtime/Testing.h"

#include "gtest/gtest.h"

#include <cmath>
#include <memory>
#include <thread>
#include <vector>

using namespace shade::runtime;
using namespace shade::runtime::test;

namespace {

std::vector<uint64_t> randomTable(unsigned inputWidth, unsigned outputWidth,
                                  Csprng &rng) {
  std::vector<uint64_t> table(uint64_t(1) << inputWidth);
  for (uint64_t &entry : table)
    entry = rng.nextU64() & ((uint64_t(1) << outputWidth) - 1);
  return table;
}

/// Bootstraps a fresh small-key encryption of every input message with
/// `lut`, on `threads` threads, and returns the decoded outputs.
std::vector<uint64_t> bootstrapAll(unsigned width, const LookupTable &lut,
                                   unsigned threads) {
  const SecretKeys &keys = secretKeysForWidth(width);
  const FourierBootstrapKey &bsk = bootstrapKeyForWidth(width);
  const Parameters &p = keys.parameters;
  uint64_t count = uint64_t(1) << lut.inputWidth;
  std::vector<uint64_t> decoded(count);
  auto work = [&](unsigned thread) {
    Csprng rng = shade::runtime::testing::seededCsprngForTesting(kTestSeed +
                                                                 1000 + thread);
    BootstrapWorkspace workspace(bsk);
    std::vector<Torus> out(p.bigLweDimension() + 1);
    LweSecretKey big = keys.big();
    for (uint64_t m = thread; m < count; m += threads) {
      LweCiphertext c = encryptLwe(keys.small, encodeMessage(m, lut.inputWidth),
                                   p.lweNoiseStdDev, rng);
      bootstrap(bsk, lut, c.data.data(), out.data(), workspace);
      decoded[m] =
          decodeMessage(decryptLwePhase(big, out.data()), lut.outputWidth);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(work, t);
  work(0);
  for (std::thread &thread : pool)
    thread.join();
  return decoded;
}

} // namespace

// Every message of every width from 1 to 8 bits, each width under its own
// default set, with a random table (fixed seed): the input is a fresh
// encryption under the small key, so the decision variance is
// lweNoiseStdDev^2 + modulus switch, itself below the atomic pattern's.
class ExhaustiveBootstrap : public ::testing::TestWithParam<unsigned> {};

TEST_P(ExhaustiveBootstrap, EvaluatesARandomTableExactly) {
  unsigned width = GetParam();
  const Parameters &p = secretKeysForWidth(width).parameters;
  ASSERT_LE(noise::failureProbability(noise::freshBootstrapDecisionVariance(p),
                                      width),
            0x1p-40);
  Csprng rng =
      shade::runtime::testing::seededCsprngForTesting(kTestSeed + 50 + width);
  std::vector<uint64_t> table = randomTable(width, width, rng);
  LookupTable lut =
      LookupTable::fromTable(p.polynomialSize, width, width, table);
  // The widest sets take ~0.1 s (7 bits) and ~0.4 s (8 bits) per bootstrap.
  unsigned threads = width >= 7 ? 2 : 1;
  EXPECT_EQ(bootstrapAll(width, lut, threads), table);
}

INSTANTIATE_TEST_SUITE_P(Widths, ExhaustiveBootstrap,
                         ::testing::Range(1u, kMaxDefaultWidth + 1),
                         [](const auto &info) {
                           return std::to_string(info.param) + "Bits";
                         });

// The atomic pattern on ciphertexts at rest (big key): key switch, then
// bootstrap, exhaustively for the sets whose key switching key is small.
class ExhaustiveAtomicPattern : public ::testing::TestWithParam<unsigned> {};

TEST_P(ExhaustiveAtomicPattern, EvaluatesARandomTableExactly) {
  unsigned width = GetParam();
  const SecretKeys &keys = secretKeysForWidth(width);
  const Parameters &p = keys.parameters;
  ASSERT_LE(noise::failureProbability(noise::atomicPatternDecisionVariance(
                                          p, noise::bootstrapVariance(p)),
                                      width),
            0x1p-40);
  EvaluationKeys evaluation{
      p, keySwitchKeyForWidth(width),
      std::make_shared<const FourierBootstrapKey>(bootstrapKeyForWidth(width))};
  Csprng rng =
      shade::runtime::testing::seededCsprngForTesting(kTestSeed + 60 + width);
  std::vector<uint64_t> table = randomTable(width, width, rng);
  LookupTable lut =
      LookupTable::fromTable(p.polynomialSize, width, width, table);
  AtomicPatternWorkspace workspace(evaluation);
  std::vector<Torus> out(p.bigLweDimension() + 1);
  for (uint64_t m = 0; m < table.size(); ++m) {
    LweCiphertext c = encryptBig(keys, encodeMessage(m, width), rng);
    keySwitchBootstrap(evaluation, lut, c.data.data(), out.data(), workspace);
    // Chain a second application: the input now has the variance of a
    // bootstrap output, as in the noise model's atomic pattern.
    std::vector<Torus> again(out.size());
    keySwitchBootstrap(evaluation, lut, out.data(), again.data(), workspace);
    EXPECT_EQ(decodeMessage(decryptBigPhase(keys, out.data()), width), table[m])
        << "message " << m;
    EXPECT_EQ(decodeMessage(decryptBigPhase(keys, again.data()), width),
              table[table[m]])
        << "message " << m << " twice";
  }
}

INSTANTIATE_TEST_SUITE_P(Widths, ExhaustiveAtomicPattern,
                         ::testing::Values(1u, 2u, 3u, 4u),
                         [](const auto &info) {
                           return std::to_string(info.param) + "Bits";
                         });

TEST(Bootstrap, OutputWidthMayDifferFromInputWidth) {
  // Under the 4-bit set: 4-bit inputs to 2-bit outputs and 2-bit inputs to
  // 4-bit outputs.
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(kTestSeed + 70);
  const Parameters &p = secretKeysForWidth(4).parameters;
  for (auto [in, out] : {std::make_pair(4u, 2u), std::make_pair(2u, 4u)}) {
    std::vector<uint64_t> table = randomTable(in, out, rng);
    LookupTable lut = LookupTable::fromTable(p.polynomialSize, in, out, table);
    EXPECT_EQ(bootstrapAll(4, lut, 1), table) << in << " -> " << out << " bits";
  }
}

TEST(Bootstrap, SignedMessages) {
  // Signed 4-bit inputs [-8, 8) under the 4-bit set; outputs of 5 bits so
  // that -x and x^2 / 4 - 3 fit.
  const Parameters &p = secretKeysForWidth(4).parameters;
  const SecretKeys &keys = secretKeysForWidth(4);
  const FourierBootstrapKey &bsk = bootstrapKeyForWidth(4);
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(kTestSeed + 71);
  BootstrapWorkspace workspace(bsk);
  std::vector<Torus> out(p.bigLweDimension() + 1);
  LweSecretKey big = keys.big();
  for (auto f :
       {+[](int64_t x) { return -x; }, +[](int64_t x) { return x * x / 4 - 3; },
        +[](int64_t x) { return x < 0 ? int64_t(0) : x; }}) {
    LookupTable lut = LookupTable::fromTable(p.polynomialSize, 4, 5,
                                             makeSignedTable(4, 5, f));
    for (int64_t x = -8; x < 8; ++x) {
      LweCiphertext c = encryptLwe(keys.small, encodeSignedMessage(x, 4),
                                   p.lweNoiseStdDev, rng);
      bootstrap(bsk, lut, c.data.data(), out.data(), workspace);
      EXPECT_EQ(decodeSignedMessage(decryptLwePhase(big, out.data()), 5), f(x))
          << "x = " << x;
    }
  }
}

// Every coefficient of the blind-rotated accumulator carries the output
// error of a bootstrap (sample extraction of coefficient j gives it); their
// errors against X^(-phase~) * table are samples of the output noise. The
// samples of one rotation are not independent: the FFT error of a product is
// spread from its frequency bins over all coefficients, so one rotation of
// the 4-bit set is worth only about a hundred independent samples (eight
// rotations gave estimates spread by +-20% across seeds). 96 rotations
// (196608 samples) give estimates within a few percent of each other; the
// measured variance also depends on the particular keys (their Hamming
// weights) by a few percent, well inside the 20% tolerance.
class BootstrapVariance : public ::testing::TestWithParam<unsigned> {};

TEST_P(BootstrapVariance, MatchesTheNoiseModel) {
  unsigned width = GetParam();
  const SecretKeys &keys = secretKeysForWidth(width);
  const FourierBootstrapKey &bsk = bootstrapKeyForWidth(width);
  const Parameters &p = keys.parameters;
  uint32_t n = p.polynomialSize;
  unsigned logTwoN = static_cast<unsigned>(std::log2(n)) + 1;
  Csprng rng =
      shade::runtime::testing::seededCsprngForTesting(kTestSeed + 80 + width);
  LookupTable lut =
      LookupTable::fromTable(n, width, width, randomTable(width, width, rng));
  BootstrapWorkspace workspace(bsk);
  GlweCiphertext accumulator;
  std::vector<Torus> phase(n), expected(n);
  const int rotations = 96;
  double sumSquares = 0;
  for (int r = 0; r < rotations; ++r) {
    LweCiphertext c =
        encryptLwe(keys.small, rng.nextU64(), p.lweNoiseStdDev, rng);
    blindRotate(bsk, lut, c.data.data(), accumulator, workspace);
    uint64_t switched = modulusSwitch(c.body(), logTwoN);
    for (uint32_t i = 0; i < p.lweDimension; ++i)
      switched -= modulusSwitch(c.data[i], logTwoN) * keys.small.bits[i];
    switched &= 2 * n - 1;
    negacyclicRotate(lut.polynomial.data(), n, (2 * n - switched) % (2 * n),
                     expected.data());
    decryptGlwePhase(keys.glwe, accumulator.data.data(), phase.data());
    for (uint32_t j = 0; j < n; ++j) {
      double error = torusToSignedReal(phase[j] - expected[j]);
      sumSquares += error * error;
    }
  }
  double measured = sumSquares / (double(rotations) * n);
  double predicted = noise::bootstrapVariance(p);
  EXPECT_NEAR(measured / predicted, 1.0, 0.2)
      << "measured 2^" << std::log2(measured) << ", predicted 2^"
      << std::log2(predicted);
}

// 2 bits: the bootstrap key's noise dominates; 4 bits: the decomposition
// rounding dominates, with a third from the FFT error.
INSTANTIATE_TEST_SUITE_P(DefaultSets, BootstrapVariance,
                         ::testing::Values(2u, 4u), [](const auto &info) {
                           return std::to_string(info.param) + "Bits";
                         });

TEST(Bootstrap, RejectsAMismatchedLookupTable) {
  const FourierBootstrapKey &bsk = bootstrapKeyForWidth(1);
  BootstrapWorkspace workspace(bsk);
  LookupTable lut = LookupTable::fromTable(2048, 1, 1, {1, 0});
  std::vector<Torus> in(bsk.inputLweDimension + 1, 0),
      out(bsk.outputLweDimension() + 1);
  EXPECT_THROW(bootstrap(bsk, lut, in.data(), out.data(), workspace),
               std::invalid_argument);
}

// The optimizer's predicted failure probability against the runtime: at a
// deliberately loose p_error, where failures are frequent enough to count,
// the parameters it picks fail as often as it predicts (within a factor 2).

#include "compiler/Optimizer/ParameterSearch.h"

#include "shade/runtime/Batch.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/Keys.h"
#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/Testing.h"
#include "shade/runtime/ThreadPool.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace shade;
using namespace shade::optimizer;
using namespace shade::runtime;

namespace {

TEST(EmpiricalFailureTest, MeasuredFailureRateMatchesThePrediction) {
  constexpr unsigned kWidth = 2;
  constexpr size_t kSamples = 14000;
  DecisionPoint point{kWidth, 1, 1, DecisionKind::Bootstrap};
  SearchProblem problem;
  problem.points = {point};
  problem.maxErrorProbability = std::exp2(-6);
  SearchResult search = searchParameters(problem);
  ASSERT_TRUE(search.choice) << search.error;
  const Parameters &parameters = search.choice->sets.front();
  double predicted = errorProbability(parameters, point);
  double expectedFailures = predicted * kSamples;
  // Enough samples for a factor-2 check: the count's standard deviation is
  // at most sqrt(2 * 200) = 20, ten times smaller than the margin.
  ASSERT_GE(expectedFailures, 200);

  Csprng rng = runtime::testing::seededCsprngForTesting(20261123);
  SecretKeys secretKeys = generateSecretKeys(parameters, rng);
  EvaluationKeys evaluationKeys = generateEvaluationKeys(secretKeys, rng);
  LweSecretKey bigKey = secretKeys.big();

  // Inputs at rest with exactly the variance the model gives a norm2 = 1
  // value (a bootstrap output, which the runtime's BootstrapTest checks).
  double inputStdDev = std::sqrt(runtime::noise::bootstrapVariance(parameters));
  size_t size = bigKey.dimension() + 1;
  std::vector<uint64_t> messages(kSamples);
  std::vector<Torus> ciphertexts(kSamples * size);
  for (size_t i = 0; i < kSamples; ++i) {
    messages[i] = rng.nextU64() % (uint64_t(1) << kWidth);
    encryptLwe(bigKey, encodeMessage(messages[i], kWidth), inputStdDev, rng,
               ciphertexts.data() + i * size);
  }
  // Every failure must show: neighbouring boxes have different entries, and
  // a failure that wraps around the torus returns the negated entry of the
  // other end, which the output's padding bit tells apart. One output bit
  // keeps the output's own error far below its half slot.
  constexpr unsigned kOutputWidth = 1;
  std::vector<uint64_t> table = {0, 1, 0, 1};
  LookupTable lut = LookupTable::fromTable(parameters.polynomialSize, kWidth,
                                           kOutputWidth, table);
  ThreadPool pool;
  BatchEvaluator evaluator(evaluationKeys, pool);
  evaluator.keySwitchBootstrap(ciphertexts.data(), ciphertexts.data(), kSamples,
                               lut.polynomial.data(), 1);

  size_t failures = 0;
  for (size_t i = 0; i < kSamples; ++i) {
    Torus phase = decryptLwePhase(bigKey, ciphertexts.data() + i * size);
    // The output's bits with its padding bit: twice the entry.
    failures +=
        decodeMessage(phase, kOutputWidth + 1) != 2 * table[messages[i]];
  }
  EXPECT_GE(double(failures), expectedFailures / 2);
  EXPECT_LE(double(failures), expectedFailures * 2);
  RecordProperty("measured_failures", std::to_string(failures));
  RecordProperty("predicted_failures", std::to_string(expectedFailures));
}

} // namespace

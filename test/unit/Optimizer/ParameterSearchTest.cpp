#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Optimizer/CostModel.h"

#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/Security.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace shade;
using namespace shade::optimizer;
using runtime::Parameters;

namespace {

DecisionPoint bootstrapPoint(unsigned width, uint64_t norm2,
                             uint64_t count = 1) {
  return {width, double(norm2), count, DecisionKind::Bootstrap};
}

ParameterChoice choose(std::vector<DecisionPoint> points,
                       double maxErrorProbability = kDefaultErrorProbability) {
  SearchProblem problem;
  problem.points = std::move(points);
  problem.maxErrorProbability = maxErrorProbability;
  SearchResult result = searchParameters(problem);
  EXPECT_TRUE(result.choice) << result.error;
  return result.choice.value_or(ParameterChoice());
}

/// The published 4-bit reference choice, with the curve's noise.
Parameters referenceParameters() {
  Parameters parameters;
  parameters.lweDimension = 801;
  parameters.glweDimension = 2;
  parameters.polynomialSize = 1024;
  parameters.lweNoiseStdDev = runtime::security::minimalStdDev(801);
  parameters.glweNoiseStdDev = runtime::security::minimalStdDev(2 * 1024);
  parameters.pbs = {23, 1};
  parameters.keySwitch = {4, 3};
  return parameters;
}

TEST(ParameterSearchTest, WidthsOneToEightAreSecureAndWithinTheBound) {
  for (unsigned width = 1; width <= 8; ++width) {
    SCOPED_TRACE("width " + std::to_string(width));
    ParameterChoice choice = choose({bootstrapPoint(width, 1)});
    const Parameters &parameters = choice.sets.front();
    EXPECT_NO_THROW(parameters.validate());
    EXPECT_NO_THROW(runtime::security::checkSecurity(parameters));
    // Secure by the curve: sigma at least the curve's for n and for k N.
    EXPECT_GE(parameters.lweDimension, runtime::security::kMinCurveDimension);
    EXPECT_GE(parameters.bigLweDimension(),
              runtime::security::kMinCurveDimension);
    EXPECT_GE(
        std::log2(parameters.lweNoiseStdDev),
        std::max(runtime::security::curveLog2StdDev(parameters.lweDimension),
                 runtime::security::kLog2NoiseFloor));
    EXPECT_GE(std::log2(parameters.glweNoiseStdDev),
              std::max(runtime::security::curveLog2StdDev(
                           parameters.bigLweDimension()),
                       runtime::security::kLog2NoiseFloor));
    // The table's 2^w boxes of at least two coefficients fit.
    EXPECT_GE(parameters.polynomialSize, 2u << width);
    EXPECT_LE(parameters.polynomialSize, kMaxSearchPolynomialSize);
    // The predicted failure probability, from the runtime's formulas.
    double variance = runtime::noise::atomicPatternDecisionVariance(
        parameters, runtime::noise::bootstrapVariance(parameters));
    double failure = runtime::noise::failureProbability(variance, width);
    EXPECT_LE(failure, kDefaultErrorProbability);
    EXPECT_DOUBLE_EQ(choice.maxErrorProbability, failure);
    EXPECT_DOUBLE_EQ(choice.globalErrorProbability, failure);
    EXPECT_EQ(choice.bootstraps, 1u);
    EXPECT_DOUBLE_EQ(choice.totalCost, atomicPatternCost(parameters));
  }
}

TEST(ParameterSearchTest, NoMoreExpensiveThanTheReferenceAtFourBits) {
  double bound = std::exp2(-13.9);
  Parameters reference = referenceParameters();
  // The reference is feasible by our model, so the search, which covers it,
  // can only find something as cheap or cheaper.
  EXPECT_LE(errorProbability(reference, bootstrapPoint(4, 1)), bound);
  ParameterChoice choice = choose({bootstrapPoint(4, 1)}, bound);
  EXPECT_LE(atomicPatternCost(choice.sets.front()),
            atomicPatternCost(reference));
  EXPECT_LE(choice.maxErrorProbability, bound);
}

// With the calibrated costs, the search finds the published choice itself.
TEST(ParameterSearchTest, FindsTheReferenceAtFourBits) {
  ParameterChoice choice = choose({bootstrapPoint(4, 1)}, std::exp2(-13.9));
  const Parameters &parameters = choice.sets.front();
  EXPECT_EQ(parameters.lweDimension, 801u);
  EXPECT_EQ(parameters.glweDimension, 2u);
  EXPECT_EQ(parameters.polynomialSize, 1024u);
  EXPECT_EQ(parameters.pbs.baseLog, 23u);
  EXPECT_EQ(parameters.pbs.level, 1u);
  EXPECT_EQ(parameters.keySwitch.baseLog, 4u);
  EXPECT_EQ(parameters.keySwitch.level, 3u);
}

// The worked example of docs/parameters.md.
TEST(ParameterSearchTest, FourBitsAtTheDefaultBound) {
  ParameterChoice choice = choose({bootstrapPoint(4, 1)});
  const Parameters &parameters = choice.sets.front();
  EXPECT_EQ(parameters.lweDimension, 835u);
  EXPECT_EQ(parameters.glweDimension, 1u);
  EXPECT_EQ(parameters.polynomialSize, 2048u);
  EXPECT_EQ(parameters.pbs.baseLog, 23u);
  EXPECT_EQ(parameters.pbs.level, 1u);
  EXPECT_EQ(parameters.keySwitch.baseLog, 5u);
  EXPECT_EQ(parameters.keySwitch.level, 3u);
  EXPECT_DOUBLE_EQ(parameters.lweNoiseStdDev,
                   runtime::security::minimalStdDev(835));
  EXPECT_DOUBLE_EQ(parameters.glweNoiseStdDev,
                   runtime::security::minimalStdDev(2048));
  // The same set with n = 834 breaks the bound.
  Parameters smaller = parameters;
  smaller.lweDimension = 834;
  smaller.lweNoiseStdDev = runtime::security::minimalStdDev(834);
  EXPECT_GT(errorProbability(smaller, bootstrapPoint(4, 1)),
            kDefaultErrorProbability);
}

TEST(ParameterSearchTest, MoreBitsAreNeverCheaper) {
  double previous = 0;
  for (unsigned width = 1; width <= 9; ++width) {
    SCOPED_TRACE("width " + std::to_string(width));
    double cost =
        atomicPatternCost(choose({bootstrapPoint(width, 1)}).sets.front());
    EXPECT_GE(cost, previous);
    previous = cost;
  }
}

TEST(ParameterSearchTest, LargerNormsAreNeverCheaper) {
  for (unsigned width : {2u, 4u, 6u}) {
    double previous = 0;
    for (uint64_t norm2 = 1; norm2 <= (uint64_t(1) << 20); norm2 *= 4) {
      SCOPED_TRACE("width " + std::to_string(width) + ", norm2 " +
                   std::to_string(norm2));
      double cost = atomicPatternCost(
          choose({bootstrapPoint(width, norm2)}).sets.front());
      EXPECT_GE(cost, previous);
      previous = cost;
    }
  }
}

TEST(ParameterSearchTest, MaxMessageWidth) {
  EXPECT_EQ(maxMessageWidth(), 9u);
  SearchProblem problem;
  problem.points = {bootstrapPoint(maxMessageWidth() + 1, 1)};
  EXPECT_FALSE(searchParameters(problem).choice);
}

TEST(ParameterSearchTest, StatisticsCountEveryBootstrap) {
  ParameterChoice choice = choose({bootstrapPoint(3, 1, 100),
                                   bootstrapPoint(3, 12, 5),
                                   {3, 40, 7, DecisionKind::Decryption}});
  const Parameters &parameters = choice.sets.front();
  EXPECT_EQ(choice.bootstraps, 105u);
  EXPECT_DOUBLE_EQ(choice.totalCost, 105 * atomicPatternCost(parameters));
  double p1 = errorProbability(parameters, bootstrapPoint(3, 1));
  double p12 = errorProbability(parameters, bootstrapPoint(3, 12));
  double pResult =
      errorProbability(parameters, {3, 40, 1, DecisionKind::Decryption});
  EXPECT_LE(p1, p12);
  EXPECT_DOUBLE_EQ(choice.maxErrorProbability, std::max(p12, pResult));
  // For failure probabilities this small, 1 - prod (1 - p_i)^c_i is
  // sum c_i p_i to within its square.
  double expected = 100 * p1 + 5 * p12 + 7 * pResult;
  EXPECT_NEAR(choice.globalErrorProbability, expected, 1e-9 * expected);
}

TEST(ParameterSearchTest, DecryptionsSkipTheKeySwitchAndModulusSwitch) {
  Parameters parameters = referenceParameters();
  double bootstrapOutput = runtime::noise::bootstrapVariance(parameters);
  DecisionPoint result{4, 10, 1, DecisionKind::Decryption};
  EXPECT_DOUBLE_EQ(decisionVariance(parameters, result), 10 * bootstrapOutput);
  EXPECT_DOUBLE_EQ(decisionVariance(parameters, bootstrapPoint(4, 10)),
                   runtime::noise::atomicPatternDecisionVariance(
                       parameters, 10 * bootstrapOutput));
}

TEST(ParameterSearchTest, FreshAndBootstrappedErrorsHaveTheirOwnVariance) {
  Parameters parameters = referenceParameters();
  double fresh = runtime::noise::freshVariance(parameters.glweNoiseStdDev);
  double bootstrapOutput = runtime::noise::bootstrapVariance(parameters);
  DecisionPoint mixed{12, 3, 1, DecisionKind::Decryption, 0, 1000};
  EXPECT_DOUBLE_EQ(decisionVariance(parameters, mixed),
                   3 * bootstrapOutput + 1000 * fresh);
  // A fresh encryption is far less noisy than a bootstrap output: a 12-bit
  // sum of a thousand fresh inputs decrypts where three bootstrap outputs
  // would not at these 4-bit parameters.
  EXPECT_LT(1000 * fresh, bootstrapOutput);
  EXPECT_LT(errorProbability(parameters,
                             {12, 0, 1, DecisionKind::Decryption, 0, 1000}),
            0x1p-40);
  EXPECT_GT(
      errorProbability(parameters, {12, 3, 1, DecisionKind::Decryption, 0, 0}),
      0x1p-40);
}

TEST(ParameterSearchTest, OnlyTheLargestNormOfEachWidthMatters) {
  std::vector<DecisionPoint> many;
  for (uint64_t i = 0; i < 50000; ++i)
    many.push_back(bootstrapPoint(1 + i % 4, 1 + i % 97));
  std::vector<DecisionPoint> hardest = {
      bootstrapPoint(1, 97), bootstrapPoint(2, 97), bootstrapPoint(3, 97),
      bootstrapPoint(4, 97)};
  ParameterChoice all = choose(many);
  ParameterChoice reduced = choose(hardest);
  EXPECT_EQ(all.sets.front().lweDimension, reduced.sets.front().lweDimension);
  EXPECT_EQ(all.sets.front().polynomialSize,
            reduced.sets.front().polynomialSize);
  EXPECT_EQ(all.sets.front().glweDimension, reduced.sets.front().glweDimension);
  EXPECT_EQ(all.sets.front().keySwitch.level,
            reduced.sets.front().keySwitch.level);
  EXPECT_EQ(all.sets.front().pbs.level, reduced.sets.front().pbs.level);
  EXPECT_EQ(all.bootstraps, 50000u);
}

TEST(ParameterSearchTest, UnsupportedSecurityLevel) {
  SearchProblem problem;
  problem.points = {bootstrapPoint(4, 1)};
  problem.securityBits = 80;
  SearchResult result = searchParameters(problem);
  EXPECT_FALSE(result.choice);
  EXPECT_EQ(result.error, "no security curve for 80 bits; supported: 128");
  EXPECT_FALSE(result.failedPoint);
}

TEST(ParameterSearchTest, InfeasibleWidthNamesThePoint) {
  SearchProblem problem;
  problem.points = {bootstrapPoint(3, 1), bootstrapPoint(10, 1)};
  SearchResult result = searchParameters(problem);
  EXPECT_FALSE(result.choice);
  EXPECT_EQ(result.error,
            "no parameters decode a 10-bit lookup-table input of norm2 1 "
            "with a failure probability of at most 2^-40 at 128-bit security "
            "and polynomials of at most 65536 coefficients");
  EXPECT_EQ(result.failedPoint, std::optional<size_t>(1));
}

TEST(ParameterSearchTest, InfeasibleNormNamesThePoint) {
  SearchProblem problem;
  problem.points = {{6, uint64_t(1) << 60, 1, DecisionKind::Decryption}};
  problem.maxErrorProbability = std::exp2(-13.9);
  SearchResult result = searchParameters(problem);
  EXPECT_FALSE(result.choice);
  EXPECT_EQ(result.error,
            "no parameters decode a 6-bit decrypted function result of "
            "norm2 1152921504606846976 with a failure probability of at "
            "most 2^-13.9 at 128-bit security and polynomials of at most "
            "65536 coefficients");
  EXPECT_EQ(result.failedPoint, std::optional<size_t>(0));
}

TEST(ParameterSearchTest, InvalidProblems) {
  SearchProblem problem;
  problem.points = {bootstrapPoint(4, 1)};
  problem.maxErrorProbability = 0;
  EXPECT_EQ(searchParameters(problem).error,
            "the failure probability bound must be in (0, 1), got 0");
  problem.maxErrorProbability = kDefaultErrorProbability;
  problem.points = {bootstrapPoint(0, 1)};
  SearchResult result = searchParameters(problem);
  EXPECT_EQ(result.error,
            "a decision point of width 0: widths must be in [1, 62]");
  EXPECT_EQ(result.failedPoint, std::optional<size_t>(0));
}

TEST(ParameterSearchTest, Deterministic) {
  std::vector<DecisionPoint> points = {bootstrapPoint(5, 3, 10),
                                       bootstrapPoint(2, 30, 4)};
  ParameterChoice first = choose(points), second = choose(points);
  EXPECT_EQ(first.sets.front().lweDimension, second.sets.front().lweDimension);
  EXPECT_EQ(first.sets.front().keySwitch.baseLog,
            second.sets.front().keySwitch.baseLog);
  EXPECT_EQ(first.sets.front().pbs.baseLog, second.sets.front().pbs.baseLog);
  EXPECT_EQ(first.totalCost, second.totalCost);
}

/// A program of two partitions: inputs (partition 0) read by `count2` 2-bit
/// lookups and `count8` 8-bit lookups, whose results (partition 1 for the
/// 2-bit ones, 2 for the 8-bit ones) are decrypted.
SearchProblem mixedProblem(uint64_t count2, uint64_t count8) {
  SearchProblem problem;
  problem.partitions = 3;
  DecisionPoint read2{2, 0, count2, DecisionKind::Bootstrap, 0, 1, 0, 1};
  DecisionPoint read8{8, 0, count8, DecisionKind::Bootstrap, 0, 1, 0, 2};
  DecisionPoint result2{2, 1, count2, DecisionKind::Decryption, 0, 0, 1, 1};
  DecisionPoint result8{8, 1, count8, DecisionKind::Decryption, 0, 0, 2, 2};
  problem.points = {read2, read8, result2, result8};
  return problem;
}

TEST(ParameterSearchTest, PartitionsGetTheirOwnSets) {
  SearchProblem problem = mixedProblem(1000, 10);
  SearchResult result = searchParameters(problem);
  ASSERT_TRUE(result.choice) << result.error;
  const ParameterChoice &choice = *result.choice;
  ASSERT_EQ(choice.sets.size(), 3u);
  // The 2-bit bootstraps run on smaller polynomials than the 8-bit ones.
  EXPECT_LT(choice.sets[1].polynomialSize, choice.sets[2].polynomialSize);
  EXPECT_GE(choice.sets[2].polynomialSize, 2u << 8);
  for (const Parameters &set : choice.sets) {
    EXPECT_NO_THROW(set.validate());
    EXPECT_NO_THROW(runtime::security::checkSecurity(set));
  }
  // Every decision within the bound, with the key switch between sets; the
  // cost counts each bootstrap's key switch from its input's set.
  double cost = 0;
  for (const DecisionPoint &point : problem.points) {
    EXPECT_LE(errorProbability(choice.sets, point), kDefaultErrorProbability);
    if (point.kind != DecisionKind::Bootstrap)
      continue;
    const Parameters &source = choice.sets[point.partition];
    const Parameters &target = choice.sets[point.bootstrapPartition];
    OperationCounts counts = keySwitchOperations(
        source.bigLweDimension(), target.lweDimension, target.keySwitch.level);
    counts += bootstrapOperations(target.lweDimension, target.glweDimension,
                                  target.polynomialSize, target.pbs.level);
    cost += double(point.count) * estimateNanoseconds(counts);
  }
  EXPECT_DOUBLE_EQ(choice.totalCost, cost);
  EXPECT_LE(choice.maxErrorProbability, kDefaultErrorProbability);
}

TEST(ParameterSearchTest, PartitionsAreNeverDearerThanOneSet) {
  for (auto [count2, count8] :
       {std::pair<uint64_t, uint64_t>{1000, 10}, {10, 1000}, {100, 100}}) {
    SearchProblem problem = mixedProblem(count2, count8);
    SearchResult partitioned = searchParameters(problem);
    problem.partitions = 1;
    for (DecisionPoint &point : problem.points)
      point.partition = point.bootstrapPartition = 0;
    SearchResult single = searchParameters(problem);
    ASSERT_TRUE(partitioned.choice && single.choice);
    EXPECT_LE(partitioned.choice->totalCost, single.choice->totalCost);
  }
  // Mostly 2-bit bootstraps: far cheaper than paying for 8 bits everywhere.
  SearchProblem problem = mixedProblem(1000, 10);
  double partitioned = searchParameters(problem).choice->totalCost;
  problem.partitions = 1;
  for (DecisionPoint &point : problem.points)
    point.partition = point.bootstrapPartition = 0;
  EXPECT_LT(2 * partitioned, searchParameters(problem).choice->totalCost);
}

TEST(ParameterSearchTest, PartitionOutOfRange) {
  SearchProblem problem = mixedProblem(1, 1);
  problem.partitions = 2;
  SearchResult result = searchParameters(problem);
  EXPECT_FALSE(result.choice);
  EXPECT_EQ(result.error,
            "a decision point names a partition beyond the 2 of the problem");
  EXPECT_EQ(result.failedPoint, std::optional<size_t>(1));
}

} // namespace

//===- ParameterSearch.cpp - Choosing the TFHE parameters -----------------===//
//
// An exhaustive search with exact pruning (docs/parameters.md, "The search"):
// every step skips only candidates that are provably infeasible or no cheaper
// than the best one found, so the result is the cheapest feasible set of the
// whole space, found in milliseconds.
//
//===----------------------------------------------------------------------===//

#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Optimizer/CostModel.h"
#include "compiler/Optimizer/SearchSupport.h"

#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/Security.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <utility>

namespace shade::optimizer {

using runtime::DecompositionParams;
using runtime::Parameters;
namespace noise = runtime::noise;
namespace security = runtime::security;

using namespace detail;

namespace {

constexpr unsigned kMaxWidth = 62;

/// The hardest decision of one kind and width: the largest norm2.
struct Need {
  DecisionKind kind;
  unsigned width;
  /// The largest norms of each kind of source.
  double norm2;
  double freshNorm2;
  /// The first decision point with this norm2.
  size_t point;
  double maxVariance;
};

std::vector<Need> collectNeeds(const std::vector<DecisionPoint> &points,
                               double probability) {
  std::map<std::pair<DecisionKind, unsigned>, Need> hardest;
  for (size_t i = 0; i < points.size(); ++i) {
    const DecisionPoint &point = points[i];
    auto [it, inserted] = hardest.try_emplace(
        {point.kind, point.width},
        Need{point.kind, point.width, point.norm2, point.freshNorm2, i, 0.0});
    if (inserted)
      continue;
    // The variance grows with both norms: the largest of each bounds all.
    Need &need = it->second;
    if (point.norm2 > need.norm2 ||
        (point.norm2 == need.norm2 && point.freshNorm2 > need.freshNorm2))
      need.point = i;
    need.norm2 = std::max(need.norm2, point.norm2);
    need.freshNorm2 = std::max(need.freshNorm2, point.freshNorm2);
  }
  std::vector<Need> needs;
  for (auto &entry : hardest) {
    entry.second.maxVariance =
        maxDecisionVariance(entry.second.width, probability);
    needs.push_back(entry.second);
  }
  return needs;
}

class Search {
public:
  Search(const std::vector<Need> &needs, unsigned widestTable,
         double maxErrorProbability)
      : needs(needs), widestTable(widestTable),
        maxErrorProbability(maxErrorProbability),
        firstDimension(security::kMinCurveDimension),
        lastDimension(noiseFloorDimension()),
        keySwitches(firstDimension, lastDimension) {}

  std::optional<Parameters> run();

private:
  void searchGlwe(uint32_t glweDimension, uint32_t polynomialSize);
  void searchLweDimension(uint32_t glweDimension, uint32_t polynomialSize,
                          double glweStdDev, DecompositionParams pbs);
  bool feasible(const Parameters &candidate) const;

  const std::vector<Need> &needs;
  /// The widest table input of a bootstrap.
  unsigned widestTable;
  double maxErrorProbability;
  uint32_t firstDimension;
  uint32_t lastDimension;
  KeySwitchTable keySwitches;
  std::optional<Parameters> best;
  double bestCost = kInfinity;
};

std::optional<Parameters> Search::run() {
  // A lookup table of 2^w boxes needs boxes of at least two coefficients.
  if (widestTable >= 62)
    return std::nullopt;
  uint64_t smallestSize =
      std::max<uint64_t>(kMinSearchPolynomialSize, uint64_t(2) << widestTable);
  if (smallestSize > kMaxSearchPolynomialSize)
    return std::nullopt;
  // Costs grow with k, N, n and both level counts: the floor of (k, N) is
  // the candidate with the smallest n and one level each.
  forEachGlweShape(
      smallestSize,
      [&](uint32_t k, uint64_t size) {
        return atomicPatternCost(firstDimension, k, uint32_t(size), 1, 1);
      },
      [&] { return bestCost; },
      [&](uint32_t k, uint32_t size) { searchGlwe(k, size); });
  return best;
}

void Search::searchGlwe(uint32_t glweDimension, uint32_t polynomialSize) {
  double glweStdDev = security::minimalStdDev(glweDimension * polynomialSize);
  double lowestCmuxVariance = kInfinity;
  for (uint32_t levels = 1; levels <= kMaxLevels; ++levels) {
    if (atomicPatternCost(firstDimension, glweDimension, polynomialSize, levels,
                          1) >= bestCost)
      return;
    // The base log only changes the variance: take the best one.
    auto [pbs, cmuxVariance] = bestBootstrapDecomposition(
        glweDimension, polynomialSize, levels, glweStdDev);
    // Fewer levels with no more variance are cheaper in every case.
    if (cmuxVariance >= lowestCmuxVariance)
      continue;
    lowestCmuxVariance = cmuxVariance;
    searchLweDimension(glweDimension, polynomialSize, glweStdDev, pbs);
  }
}

void Search::searchLweDimension(uint32_t glweDimension, uint32_t polynomialSize,
                                double glweStdDev, DecompositionParams pbs) {
  double freshVariance = noise::freshVariance(glweStdDev);
  double bigDimension = double(glweDimension) * polynomialSize;
  for (uint32_t n = firstDimension; n <= lastDimension; ++n) {
    if (atomicPatternCost(n, glweDimension, polynomialSize, pbs.level, 1) >=
        bestCost)
      return;
    double bootstrapOutput = noise::bootstrapVariance(
        n, glweDimension, polynomialSize, pbs, glweStdDev);
    double modulusSwitch = noise::modulusSwitchVariance(n, polynomialSize);
    // The key-switch variance every bootstrap leaves room for. The
    // bootstrap output and the modulus switch variances grow with n: when a
    // decision has no room left, no larger n has any.
    double room = kInfinity;
    for (const Need &need : needs) {
      double own =
          need.norm2 * bootstrapOutput + need.freshNorm2 * freshVariance;
      if (need.kind == DecisionKind::Decryption) {
        if (own > need.maxVariance)
          return;
        continue;
      }
      room = std::min(room, need.maxVariance - own - modulusSwitch);
    }
    if (room <= 0)
      return;
    const KeySwitchTable::Row &row = keySwitches.row(n);
    if (bigDimension * row.lowest > room)
      continue;
    for (uint32_t levels = 1; levels <= kMaxLevels; ++levels) {
      double cost = atomicPatternCost(n, glweDimension, polynomialSize,
                                      pbs.level, levels);
      if (cost >= bestCost)
        break;
      const KeySwitchTable::Entry &entry = row.byLevels[levels - 1];
      if (bigDimension * entry.variancePerInput > room)
        continue;
      Parameters candidate;
      candidate.lweDimension = n;
      candidate.glweDimension = glweDimension;
      candidate.polynomialSize = polynomialSize;
      candidate.lweNoiseStdDev = security::minimalStdDev(n);
      candidate.glweNoiseStdDev = glweStdDev;
      candidate.pbs = pbs;
      candidate.keySwitch = {entry.baseLog, levels};
      // The room was computed in another order of floating-point additions:
      // the runtime's formulas decide.
      if (!feasible(candidate))
        continue;
      best = candidate;
      bestCost = cost;
      break;
    }
  }
}

bool Search::feasible(const Parameters &candidate) const {
  for (const Need &need : needs) {
    DecisionPoint point{need.width, need.norm2, 1,
                        need.kind,  0,          need.freshNorm2};
    if (errorProbability(candidate, point) > maxErrorProbability)
      return false;
  }
  return true;
}

/// "2^-40" for 2^-40, "2^-13.9" for 2^-13.9.
std::string formatProbability(double probability) {
  char text[32];
  std::snprintf(text, sizeof(text), "2^%.4g", std::log2(probability));
  return text;
}

std::string describe(const Need &need) {
  std::string what = need.kind == DecisionKind::Bootstrap
                         ? "lookup-table input"
                         : "decrypted function result";
  auto number = [](double value) {
    char text[48];
    std::snprintf(text, sizeof(text), "%.0f", value);
    return std::string(text);
  };
  std::string norm2 = number(need.norm2);
  if (need.freshNorm2 != 0)
    norm2 = need.norm2 == 0 ? number(need.freshNorm2) + " (fresh inputs)"
                            : norm2 + " (bootstrap outputs) + " +
                                  number(need.freshNorm2) + " (fresh inputs)";
  return "a " + std::to_string(need.width) + "-bit " + what + " of norm2 " +
         norm2;
}

/// The error when no parameter set serves all needs: the first need that no
/// parameter set serves on its own, or all of them together.
void explainInfeasibility(const std::vector<Need> &needs, unsigned widestTable,
                          double probability, SearchResult &result) {
  std::string limits = " with a failure probability of at most " +
                       formatProbability(probability) + " at " +
                       std::to_string(kSupportedSecurityBits) +
                       "-bit security and polynomials of at most " +
                       std::to_string(kMaxSearchPolynomialSize) +
                       " coefficients";
  for (const Need &need : needs) {
    std::vector<Need> alone = {need};
    unsigned table = need.kind == DecisionKind::Bootstrap ? need.width : 0;
    if (Search(alone, table, probability).run())
      continue;
    result.error = "no parameters decode " + describe(need) + limits;
    result.failedPoint = need.point;
    return;
  }
  result.error = "no single parameter set decodes all of";
  for (size_t i = 0; i < needs.size(); ++i)
    result.error += (i == 0 ? " " : ", ") + describe(needs[i]);
  result.error += limits;
}

} // namespace

double decisionVariance(const Parameters &source, const Parameters &target,
                        const DecisionPoint &point) {
  double own = point.norm2 * noise::bootstrapVariance(source) +
               point.freshNorm2 * noise::freshVariance(source.glweNoiseStdDev);
  if (point.kind == DecisionKind::Decryption)
    return own;
  return own +
         noise::keySwitchAddedVariance(source.bigLweDimension(),
                                       target.keySwitch,
                                       target.lweNoiseStdDev) +
         noise::modulusSwitchVariance(target.lweDimension,
                                      target.polynomialSize);
}

double decisionVariance(const Parameters &parameters,
                        const DecisionPoint &point) {
  return decisionVariance(parameters, parameters, point);
}

double decisionVariance(const std::vector<Parameters> &sets,
                        const DecisionPoint &point) {
  return decisionVariance(sets[point.partition], sets[point.bootstrapPartition],
                          point);
}

double errorProbability(const Parameters &parameters,
                        const DecisionPoint &point) {
  return noise::failureProbability(decisionVariance(parameters, point),
                                   point.width);
}

double errorProbability(const std::vector<Parameters> &sets,
                        const DecisionPoint &point) {
  return noise::failureProbability(decisionVariance(sets, point), point.width);
}

SearchResult searchParameters(const SearchProblem &problem) {
  SearchResult result;
  if (problem.securityBits != kSupportedSecurityBits) {
    result.error =
        "no security curve for " + std::to_string(problem.securityBits) +
        " bits; supported: " + std::to_string(kSupportedSecurityBits);
    return result;
  }
  double probability = problem.maxErrorProbability;
  if (!(probability > 0 && probability < 1)) {
    char text[32];
    std::snprintf(text, sizeof(text), "%g", probability);
    result.error =
        std::string("the failure probability bound must be in (0, 1), got ") +
        text;
    return result;
  }
  for (size_t i = 0; i < problem.points.size(); ++i) {
    if (problem.points[i].partition >= problem.partitions ||
        problem.points[i].bootstrapPartition >= problem.partitions) {
      result.error = "a decision point names a partition beyond the " +
                     std::to_string(problem.partitions) + " of the problem";
      result.failedPoint = i;
      return result;
    }
    unsigned width = problem.points[i].width;
    if (width < 1 || width > kMaxWidth) {
      result.error = "a decision point of width " + std::to_string(width) +
                     ": widths must be in [1, " + std::to_string(kMaxWidth) +
                     "]";
      result.failedPoint = i;
      return result;
    }
  }

  std::vector<Need> needs = collectNeeds(problem.points, probability);
  unsigned widestTable = 0;
  for (const DecisionPoint &point : problem.points)
    if (point.kind == DecisionKind::Bootstrap)
      widestTable = std::max(widestTable, point.getTableWidth());
  std::optional<Parameters> best =
      Search(needs, widestTable, probability).run();
  if (!best) {
    explainInfeasibility(needs, widestTable, probability, result);
    return result;
  }

  std::vector<Parameters> sets(problem.partitions, *best);
  if (problem.partitions > 1)
    sets = searchPartitionSets(problem.points, problem.partitions, probability,
                               std::move(sets));

  ParameterChoice choice;
  double logSuccess = 0;
  for (const DecisionPoint &point : problem.points) {
    double failure = errorProbability(sets, point);
    choice.maxErrorProbability = std::max(choice.maxErrorProbability, failure);
    logSuccess += double(point.count) * std::log1p(-failure);
    if (point.kind == DecisionKind::Bootstrap) {
      choice.bootstraps += point.count;
      choice.bootstrapsByWidth[point.getTableWidth()] += point.count;
      choice.totalCost +=
          double(point.count) *
          bootstrapCost(sets[point.partition], sets[point.bootstrapPartition]);
    }
  }
  // 0.0 - x, not -x: a program without bootstraps reports +0, not -0.
  choice.globalErrorProbability = 0.0 - std::expm1(logSuccess);
  choice.sets = std::move(sets);
  result.choice = choice;
  return result;
}

double bootstrapCostAtWidth(unsigned width, unsigned outputPrecision) {
  static std::mutex mutex;
  static std::map<std::pair<unsigned, unsigned>, double> costs;
  std::lock_guard<std::mutex> lock(mutex);
  auto [it, inserted] = costs.try_emplace({width, outputPrecision}, kInfinity);
  if (inserted) {
    SearchProblem problem;
    problem.points = {{width, 1, 1, DecisionKind::Bootstrap, 0}};
    if (outputPrecision > width)
      problem.points.push_back(
          {outputPrecision, 1, 1, DecisionKind::Decryption, 0});
    SearchResult result = searchParameters(problem);
    if (result.choice)
      it->second = atomicPatternCost(result.choice->sets.front());
  }
  return it->second;
}

unsigned maxMessageWidth() {
  static const unsigned width = [] {
    unsigned served = 0;
    while (served < kMaxWidth) {
      SearchProblem problem;
      problem.points = {{served + 1, 1, 1, DecisionKind::Bootstrap, 0}};
      if (!searchParameters(problem).choice)
        break;
      ++served;
    }
    return served;
  }();
  return width;
}

} // namespace shade::optimizer

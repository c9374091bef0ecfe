//===- PartitionSearch.cpp - One parameter set per partition --------------===//
//
// A program's bootstraps fall into partitions (the compiler's, see
// SelectParameters.cpp): each partition's set runs the bootstraps whose
// results join it, and its big key holds the values of the partition. A
// bootstrap that reads a value of partition s and writes partition t key
// switches from the big key of s to the small key of t. The cost of the
// program is the sum over its bootstraps; each decision point involves at
// most two sets. The search improves one partition's set at a time with the
// others fixed, by the same exhaustive enumeration with exact pruning as the
// one-set search, from a feasible start (the one set for all), so every
// step keeps the program feasible and never makes it dearer.
//
//===----------------------------------------------------------------------===//

#include "compiler/Optimizer/CostModel.h"
#include "compiler/Optimizer/SearchSupport.h"

#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/Security.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace shade::optimizer::detail {

using runtime::DecompositionParams;
using runtime::Parameters;
namespace noise = runtime::noise;
namespace security = runtime::security;

double bootstrapCost(const Parameters &source, const Parameters &target) {
  OperationCounts counts = keySwitchOperations(
      source.bigLweDimension(), target.lweDimension, target.keySwitch.level);
  counts += bootstrapOperations(target.lweDimension, target.glweDimension,
                                target.polynomialSize, target.pbs.level);
  return estimateNanoseconds(counts);
}

namespace {

/// The hardest decision of one kind, width and pair of partitions.
struct PartitionNeed {
  DecisionPoint point;
  double maxVariance;
};

/// The bootstraps from partition `source` into partition `target`.
struct Flow {
  unsigned source;
  unsigned target;
  uint64_t count;
};

class PartitionSearch {
public:
  PartitionSearch(const std::vector<DecisionPoint> &points, double probability);

  /// A set for `partition` cheaper than sets[partition] that keeps every
  /// decision feasible with the other sets, the cheapest of the space; none
  /// when there is none.
  std::optional<Parameters> improve(unsigned partition,
                                    const std::vector<Parameters> &sets);

private:
  /// The cost of the bootstraps that involve `partition` when its set is
  /// `candidate`: those it runs and the key switches out of its big key.
  double partialCost(unsigned partition, const Parameters &candidate,
                     const std::vector<Parameters> &sets) const;
  /// Whether every decision involving `partition` is feasible.
  bool feasible(unsigned partition, const Parameters &candidate,
                const std::vector<Parameters> &sets) const;
  void searchLweDimension(unsigned partition, const Parameters &glwe,
                          const std::vector<Parameters> &sets);

  double probability;
  std::vector<PartitionNeed> needs;
  std::vector<Flow> flows;
  uint32_t firstDimension;
  uint32_t lastDimension;
  KeySwitchTable keySwitches;
  std::optional<Parameters> best;
  double bestCost = kInfinity;
};

PartitionSearch::PartitionSearch(const std::vector<DecisionPoint> &points,
                                 double probability)
    : probability(probability), firstDimension(security::kMinCurveDimension),
      lastDimension(noiseFloorDimension()),
      keySwitches(firstDimension, lastDimension) {
  using Key = std::tuple<DecisionKind, unsigned, unsigned, unsigned, unsigned>;
  std::map<Key, DecisionPoint> hardest;
  std::map<std::pair<unsigned, unsigned>, uint64_t> counts;
  for (const DecisionPoint &point : points) {
    unsigned target = point.kind == DecisionKind::Bootstrap
                          ? point.bootstrapPartition
                          : point.partition;
    if (point.kind == DecisionKind::Bootstrap)
      counts[{point.partition, target}] += point.count;
    Key key{point.kind, point.width, point.getTableWidth(), point.partition,
            target};
    auto [it, inserted] = hardest.try_emplace(key, point);
    if (inserted)
      continue;
    // The variance grows with both norms: the largest of each bounds all.
    it->second.norm2 = std::max(it->second.norm2, point.norm2);
    it->second.freshNorm2 = std::max(it->second.freshNorm2, point.freshNorm2);
  }
  for (auto &[key, point] : hardest)
    needs.push_back({point, maxDecisionVariance(point.width, probability)});
  for (auto [pair, count] : counts)
    flows.push_back({pair.first, pair.second, count});
}

double PartitionSearch::partialCost(unsigned partition,
                                    const Parameters &candidate,
                                    const std::vector<Parameters> &sets) const {
  auto setOf = [&](unsigned index) -> const Parameters & {
    return index == partition ? candidate : sets[index];
  };
  double cost = 0;
  for (const Flow &flow : flows) {
    if (flow.target == partition)
      cost += double(flow.count) * bootstrapCost(setOf(flow.source), candidate);
    else if (flow.source == partition)
      cost += double(flow.count) *
              estimateNanoseconds(keySwitchOperations(
                  candidate.bigLweDimension(), sets[flow.target].lweDimension,
                  sets[flow.target].keySwitch.level));
  }
  return cost;
}

bool PartitionSearch::feasible(unsigned partition, const Parameters &candidate,
                               const std::vector<Parameters> &sets) const {
  auto setOf = [&](unsigned index) -> const Parameters & {
    return index == partition ? candidate : sets[index];
  };
  for (const PartitionNeed &need : needs) {
    const DecisionPoint &point = need.point;
    if (point.partition != partition &&
        (point.kind != DecisionKind::Bootstrap ||
         point.bootstrapPartition != partition))
      continue;
    double failure = noise::failureProbability(
        decisionVariance(setOf(point.partition),
                         setOf(point.bootstrapPartition), point),
        point.width);
    if (failure > probability)
      return false;
  }
  return true;
}

std::optional<Parameters>
PartitionSearch::improve(unsigned partition,
                         const std::vector<Parameters> &sets) {
  best.reset();
  bestCost = partialCost(partition, sets[partition], sets);
  // The widest table this partition's bootstraps read bounds N from below.
  unsigned widestTable = 0;
  for (const PartitionNeed &need : needs)
    if (need.point.kind == DecisionKind::Bootstrap &&
        need.point.bootstrapPartition == partition)
      widestTable = std::max(widestTable, need.point.getTableWidth());
  uint64_t smallestSize =
      std::max<uint64_t>(kMinSearchPolynomialSize, uint64_t(2) << widestTable);
  // The cheapest conceivable candidate with (k, N, levels): n and the key
  // switch levels at their least; costs grow with each of them.
  auto floorCost = [&](uint32_t k, uint64_t size, uint32_t levels) {
    Parameters floor;
    floor.lweDimension = firstDimension;
    floor.glweDimension = k;
    floor.polynomialSize = uint32_t(size);
    floor.pbs = {1, levels};
    floor.keySwitch = {1, 1};
    return partialCost(partition, floor, sets);
  };
  forEachGlweShape(
      smallestSize,
      [&](uint32_t k, uint64_t size) { return floorCost(k, size, 1); },
      [&] { return bestCost; },
      [&](uint32_t k, uint32_t size) {
        Parameters glwe;
        glwe.glweDimension = k;
        glwe.polynomialSize = size;
        glwe.glweNoiseStdDev = security::minimalStdDev(k * size);
        double lowestCmuxVariance = kInfinity;
        for (uint32_t levels = 1; levels <= kMaxLevels; ++levels) {
          if (floorCost(k, size, levels) >= bestCost)
            break;
          auto [pbs, cmuxVariance] =
              bestBootstrapDecomposition(k, size, levels, glwe.glweNoiseStdDev);
          // Fewer levels with no more variance are cheaper in every case.
          if (cmuxVariance >= lowestCmuxVariance)
            continue;
          lowestCmuxVariance = cmuxVariance;
          glwe.pbs = pbs;
          searchLweDimension(partition, glwe, sets);
        }
      });
  return best;
}

void PartitionSearch::searchLweDimension(unsigned partition,
                                         const Parameters &glwe,
                                         const std::vector<Parameters> &sets) {
  Parameters candidate = glwe;
  double freshVariance = noise::freshVariance(glwe.glweNoiseStdDev);
  for (uint32_t n = firstDimension; n <= lastDimension; ++n) {
    candidate.lweDimension = n;
    candidate.lweNoiseStdDev = security::minimalStdDev(n);
    candidate.keySwitch = {1, 1};
    if (partialCost(partition, candidate, sets) >= bestCost)
      return;
    double bootstrapOutput = noise::bootstrapVariance(candidate);
    double modulusSwitch = noise::modulusSwitchVariance(n, glwe.polynomialSize);
    // The key-switch variance per input coefficient that the bootstraps this
    // partition runs leave room for. Every variance below but the key
    // switch's grows with n: a decision with no room left at n has none at
    // any larger n.
    double roomPerInput = kInfinity;
    bool exhausted = false;
    for (const PartitionNeed &need : needs) {
      const DecisionPoint &point = need.point;
      bool runsHere = point.kind == DecisionKind::Bootstrap &&
                      point.bootstrapPartition == partition;
      if (point.partition != partition && !runsHere)
        continue;
      const Parameters &source =
          point.partition == partition ? candidate : sets[point.partition];
      double own =
          point.partition == partition
              ? point.norm2 * bootstrapOutput + point.freshNorm2 * freshVariance
              : decisionVariance(source, source,
                                 {point.width, point.norm2, 1,
                                  DecisionKind::Decryption, 0,
                                  point.freshNorm2});
      if (!runsHere) {
        // Read elsewhere or decrypted: the other set's key switch is fixed.
        double variance =
            point.kind == DecisionKind::Decryption
                ? own
                : decisionVariance(candidate, sets[point.bootstrapPartition],
                                   point);
        if (variance > need.maxVariance)
          exhausted = true;
        continue;
      }
      double room = need.maxVariance - own - modulusSwitch;
      if (room <= 0)
        exhausted = true;
      else
        roomPerInput =
            std::min(roomPerInput, room / double(source.bigLweDimension()));
    }
    if (exhausted)
      return;
    const KeySwitchTable::Row &row = keySwitches.row(n);
    if (row.lowest > roomPerInput)
      continue;
    for (uint32_t levels = 1; levels <= kMaxLevels; ++levels) {
      const KeySwitchTable::Entry &entry = row.byLevels[levels - 1];
      candidate.keySwitch = {entry.baseLog, levels};
      double cost = partialCost(partition, candidate, sets);
      if (cost >= bestCost)
        break;
      if (entry.variancePerInput > roomPerInput)
        continue;
      // The room was computed in another order of floating-point additions:
      // the runtime's formulas decide.
      if (!feasible(partition, candidate, sets))
        continue;
      best = candidate;
      bestCost = cost;
      break;
    }
  }
}

} // namespace

std::vector<Parameters>
searchPartitionSets(const std::vector<DecisionPoint> &points,
                    unsigned partitions, double probability,
                    std::vector<Parameters> initial) {
  PartitionSearch search(points, probability);
  std::vector<Parameters> sets = std::move(initial);
  // The partitions that run the most bootstraps choose first, while the
  // values they read are still under the start's generous keys: a
  // partition that only holds inputs would otherwise take the smallest,
  // noisiest big key its readers tolerate at the start's large parameters,
  // and hold them there.
  std::vector<uint64_t> bootstraps(partitions, 0);
  for (const DecisionPoint &point : points)
    if (point.kind == DecisionKind::Bootstrap)
      bootstraps[point.bootstrapPartition] += point.count;
  std::vector<unsigned> order(partitions);
  for (unsigned partition = 0; partition < partitions; ++partition)
    order[partition] = partition;
  std::stable_sort(order.begin(), order.end(), [&](unsigned a, unsigned b) {
    return bootstraps[a] > bootstraps[b];
  });
  // Each accepted step lowers the total cost; the bound on rounds only
  // guards against steps too small to matter.
  constexpr unsigned kMaxRounds = 8;
  for (unsigned round = 0; round < kMaxRounds; ++round) {
    bool changed = false;
    for (unsigned partition : order)
      if (std::optional<Parameters> better = search.improve(partition, sets)) {
        sets[partition] = *better;
        changed = true;
      }
    if (!changed)
      break;
  }
  return sets;
}

} // namespace shade::optimizer::detail

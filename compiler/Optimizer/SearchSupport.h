//===- SearchSupport.h - Pieces shared by the parameter searches -*- C++
//-*-===//
//
// The one-set search (ParameterSearch.cpp) and the search of one set per
// partition (PartitionSearch.cpp) share these bounds and tables.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_OPTIMIZER_SEARCHSUPPORT_H
#define SHADE_COMPILER_OPTIMIZER_SEARCHSUPPORT_H

#include "compiler/Optimizer/ParameterSearch.h"

#include "shade/runtime/Parameters.h"
#include "shade/runtime/Security.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace shade::optimizer::detail {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// A decomposition has at most 64 levels, of at least one bit each.
inline constexpr uint32_t kMaxLevels = 64;

/// The largest decision variance whose failure probability at `width` is at
/// most `probability`, by bisection on the runtime's failureProbability
/// (increasing in the variance).
double maxDecisionVariance(unsigned width, double probability);

/// For every LWE dimension n of the search and every number of levels, the
/// key-switch base log that adds the least variance with the curve's noise
/// for n, and that variance per input coefficient (the variance is linear in
/// the input dimension, so the best base does not depend on it). Rows are
/// computed on first use.
class KeySwitchTable {
public:
  struct Entry {
    uint32_t baseLog;
    double variancePerInput;
  };
  struct Row {
    std::array<Entry, kMaxLevels> byLevels;
    /// The least variancePerInput over all levels.
    double lowest;
  };

  KeySwitchTable(uint32_t firstDimension, uint32_t lastDimension)
      : firstDimension(firstDimension),
        rows(lastDimension - firstDimension + 1) {}

  const Row &row(uint32_t dimension) {
    std::optional<Row> &row = rows[dimension - firstDimension];
    if (!row)
      row = computeRow(dimension);
    return *row;
  }

private:
  static Row computeRow(uint32_t dimension);

  uint32_t firstDimension;
  std::vector<std::optional<Row>> rows;
};

/// The smallest LWE dimension at which the curve reaches the noise floor:
/// beyond it no variance decreases with n, so larger n are never better.
uint32_t noiseFloorDimension();

/// Visits the GLWE dimensions k and polynomial sizes N of the search, N from
/// `smallestSize`: `visit(k, N)` for each pair whose `floorCost(k, N)`, a
/// lower bound of the cost of every candidate with them that grows with k
/// and N, is below `bestCost()`, which falls as `visit` finds cheaper
/// candidates. A floor at or above it ends the loop over what it is the
/// smallest of.
template <typename FloorCost, typename BestCost, typename Visit>
void forEachGlweShape(uint64_t smallestSize, FloorCost floorCost,
                      BestCost bestCost, Visit visit) {
  for (uint32_t k = 1; k <= runtime::Parameters::kMaxGlweDimension; ++k) {
    if (floorCost(k, smallestSize) >= bestCost())
      break;
    for (uint64_t size = smallestSize; size <= kMaxSearchPolynomialSize;
         size *= 2) {
      uint64_t bigDimension = k * size;
      if (bigDimension > runtime::Parameters::kMaxPolynomialSize)
        break;
      if (bigDimension < runtime::security::kMinCurveDimension)
        continue;
      if (floorCost(k, size) >= bestCost())
        break;
      visit(k, uint32_t(size));
    }
  }
}

/// The bootstrap decomposition of `levels` digits whose base gives the least
/// CMUX variance at (k, N) and the GLWE noise `glweStdDev`, and that
/// variance.
std::pair<runtime::DecompositionParams, double>
bestBootstrapDecomposition(uint32_t glweDimension, uint32_t polynomialSize,
                           uint32_t levels, double glweStdDev);

/// The estimated nanoseconds of one bootstrap of a ciphertext under the big
/// key of `source` at the set `target`: the key switch from source's k * N to
/// target's n, then target's bootstrap.
double bootstrapCost(const runtime::Parameters &source,
                     const runtime::Parameters &target);

/// One set per partition of `points` (docs/parameters.md, "Partitions"):
/// starting from `initial` (feasible: every decision point decodes with a
/// failure probability of at most `probability`), each partition's set in
/// turn is replaced by the cheapest one that keeps every point feasible with
/// the other sets fixed, until a round changes nothing. The total cost never
/// grows. Deterministic.
std::vector<runtime::Parameters>
searchPartitionSets(const std::vector<DecisionPoint> &points,
                    unsigned partitions, double probability,
                    std::vector<runtime::Parameters> initial);

} // namespace shade::optimizer::detail

#endif // SHADE_COMPILER_OPTIMIZER_SEARCHSUPPORT_H

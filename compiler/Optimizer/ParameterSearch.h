//===- ParameterSearch.h - Choosing the TFHE parameters ---------*- C++ -*-===//
//
// The cheapest parameter set of the key-switch-then-bootstrap atomic pattern
// that is secure by the runtime's security curve (shade/runtime/Security.h)
// and decodes every decision point of a program with a failure probability
// of at most p_error by the runtime's noise model
// (shade/runtime/NoiseModel.h). The search, its bounds and a worked example:
// docs/parameters.md.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_OPTIMIZER_PARAMETERSEARCH_H
#define SHADE_COMPILER_OPTIMIZER_PARAMETERSEARCH_H

#include "shade/runtime/Parameters.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shade::optimizer {

inline constexpr double kDefaultErrorProbability = 0x1p-40;
/// The only security level the runtime has a curve for.
inline constexpr unsigned kSupportedSecurityBits = 128;
/// The polynomial sizes the search tries: 2^8 to 2^16.
inline constexpr uint32_t kMinSearchPolynomialSize = 1u << 8;
inline constexpr uint32_t kMaxSearchPolynomialSize = 1u << 16;

/// Where an encrypted value is decoded.
enum class DecisionKind {
  /// The input of a lookup table: key switch, modulus switch and blind
  /// rotation. The error reaching the rotation is the input's plus the key
  /// switch's and the modulus switch's.
  Bootstrap,
  /// A function result, decrypted by the client under the big key: only the
  /// value's own error.
  Decryption,
};

/// A place where a ciphertext must decode to the right `width`-bit message.
/// Its error is a linear combination of independent errors: bootstrap
/// outputs, whose coefficients have the squared 2-norm `norm2`, and fresh
/// encryptions under the big key, `freshNorm2` (a value multiplied by 2^k
/// before it is read has both times 4^k); it occurs `count` times in one run
/// of the program.
struct DecisionPoint {
  unsigned width = 0;
  double norm2 = 0;
  uint64_t count = 0;
  DecisionKind kind = DecisionKind::Bootstrap;
  /// For a bootstrap, the input width of its table when it differs from the
  /// precision `width` the decision needs: an approximate rounding to w bits
  /// reads a table of w bits but is only wrong when its error exceeds a
  /// whole step, the half step of w - 1 bits. 0 means `width`.
  unsigned tableWidth = 0;
  double freshNorm2 = 0;
  /// The partition whose big key holds the decoded value: its bootstrap
  /// outputs and fresh inputs are those of that partition's parameter set.
  unsigned partition = 0;
  /// For a bootstrap, the partition whose set runs it: the key switch goes
  /// from the big key of `partition` to the small key of this one.
  unsigned bootstrapPartition = 0;

  unsigned getTableWidth() const { return tableWidth ? tableWidth : width; }
};

struct SearchProblem {
  std::vector<DecisionPoint> points;
  /// The largest failure probability allowed for each decision.
  double maxErrorProbability = kDefaultErrorProbability;
  unsigned securityBits = kSupportedSecurityBits;
  /// The number of partitions the points name; each gets its own set.
  unsigned partitions = 1;
};

struct ParameterChoice {
  /// The parameter set of each partition (several partitions may get equal
  /// sets).
  std::vector<runtime::Parameters> sets;
  /// Key switches and bootstraps of one run (one each per bootstrap point).
  uint64_t bootstraps = 0;
  /// The bootstraps by the input width of their tables.
  std::map<unsigned, uint64_t> bootstrapsByWidth;
  /// The estimated nanoseconds of one run: each bootstrap's key switch (from
  /// its input's partition) and bootstrap at its partition's set.
  double totalCost = 0;
  /// The largest failure probability of one decision.
  double maxErrorProbability = 0;
  /// The probability that at least one decision of a run fails:
  /// 1 - prod_i (1 - p_i)^count_i.
  double globalErrorProbability = 0;
};

struct SearchResult {
  std::optional<ParameterChoice> choice;
  /// Why there is no choice.
  std::string error;
  /// The decision point the error is about, if it is about one.
  std::optional<size_t> failedPoint;
};

/// The cheapest feasible parameter set (see the file comment). Deterministic;
/// its running time depends only on the distinct (kind, width) pairs of the
/// problem and their largest norm2, not on the number of points.
SearchResult searchParameters(const SearchProblem &problem);

/// The variance of the phase decoded at `point`: norm2 times the variance of
/// a bootstrap output plus freshNorm2 times that of a fresh big-key
/// encryption, both at the set of the value's partition (`source`), plus,
/// for a bootstrap, the key switch from that set's big key to the small key
/// of the bootstrap's set (`target`) and the modulus switch of `target`.
double decisionVariance(const runtime::Parameters &source,
                        const runtime::Parameters &target,
                        const DecisionPoint &point);
/// The same with one set for everything.
double decisionVariance(const runtime::Parameters &parameters,
                        const DecisionPoint &point);
/// The same with the set of each partition.
double decisionVariance(const std::vector<runtime::Parameters> &sets,
                        const DecisionPoint &point);

/// The failure probability of one decision at `point`.
double errorProbability(const runtime::Parameters &parameters,
                        const DecisionPoint &point);
double errorProbability(const std::vector<runtime::Parameters> &sets,
                        const DecisionPoint &point);

/// The estimated nanoseconds of one key switch and bootstrap of a `width`-bit
/// table input of norm2 1 at the default p_error, on the cheapest parameters
/// that serve it alone; infinity when none do. With `outputPrecision`, the
/// bootstrap's own output must also be precise enough for a value of that
/// many bits (a decryption of norm2 1 at that width): what the bootstraps
/// that clear the low bits of an `outputPrecision`-bit value need, since
/// each reads the results of the previous ones multiplied by up to
/// 2^(outputPrecision - width). Computed once per pair.
double bootstrapCostAtWidth(unsigned width, unsigned outputPrecision = 0);

/// The largest width a parameter set exists for, with polynomials of at most
/// kMaxSearchPolynomialSize coefficients, for a bootstrap of a norm2 = 1
/// input at the default p_error. Computed once.
unsigned maxMessageWidth();

} // namespace shade::optimizer

#endif // SHADE_COMPILER_OPTIMIZER_PARAMETERSEARCH_H

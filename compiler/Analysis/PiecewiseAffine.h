//===- PiecewiseAffine.h - Tables as sums of steps and ramps ----*- C++ -*-===//
//
// A lookup table on a value too wide for one bootstrap is evaluated through
// its shape: most tables that numpy programs apply to wide values (relu,
// clip, abs, comparisons, maximum and minimum of a difference, and the
// chains of these the importer fuses) are affine between a few breakpoints.
// Such a table is
//
//   f(x) = constant + slope * x + sum over breakpoints t of
//          [x >= t] * (jump_t + slopeChange_t * (x - t))
//
// and each breakpoint costs the sign of x - t and, when the slope changes,
// the digits of x - t masked by that sign (docs/graph-import.md, "Wide
// tables").
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_ANALYSIS_PIECEWISEAFFINE_H
#define SHADE_COMPILER_ANALYSIS_PIECEWISEAFFINE_H

#include "compiler/Analysis/Interval.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace shade::analysis {

struct Breakpoint {
  /// The first input the term applies to.
  int64_t at;
  /// The term's value at `at` and its slope from there.
  int64_t jump;
  int64_t slopeChange;
};

struct PiecewiseAffine {
  int64_t constant = 0;
  int64_t slope = 0;
  llvm::SmallVector<Breakpoint> breakpoints;

  /// The value at `x`, if it fits int64.
  std::optional<int64_t> evaluate(int64_t x) const;
};

/// `values` (f(domain.lo), ..., f(domain.hi)) as constant + slope * x plus
/// terms at breakpoints inside the domain, with at most `maxBreakpoints` of
/// them; none when the table needs more or when an intermediate value of the
/// sum would leave int64.
std::optional<PiecewiseAffine>
fitPiecewiseAffine(Interval domain, llvm::ArrayRef<int64_t> values,
                   unsigned maxBreakpoints);

/// f(x) = a * x^2 + b * x + c: a square, or a square with affine steps
/// around it (the importer fuses (x + 1)^2 into one table).
struct Quadratic {
  int64_t a = 0, b = 0, c = 0;
};

/// `values` (f(domain.lo), ..., f(domain.hi)) as a * x^2 + b * x + c with
/// a != 0, if they are exactly that (with every term within int64).
std::optional<Quadratic> fitQuadratic(Interval domain,
                                      llvm::ArrayRef<int64_t> values);

} // namespace shade::analysis

#endif // SHADE_COMPILER_ANALYSIS_PIECEWISEAFFINE_H

#include "compiler/Analysis/PiecewiseAffine.h"

namespace shade::analysis {
namespace {

/// `value` as int64, if it fits.
std::optional<int64_t> narrow(__int128 value) {
  if (value < INT64_MIN || value > INT64_MAX)
    return std::nullopt;
  return int64_t(value);
}

} // namespace

std::optional<int64_t> PiecewiseAffine::evaluate(int64_t x) const {
  __int128 value = __int128(constant) + __int128(slope) * x;
  for (const Breakpoint &breakpoint : breakpoints)
    if (x >= breakpoint.at)
      value += breakpoint.jump +
               __int128(breakpoint.slopeChange) * (__int128(x) - breakpoint.at);
  return narrow(value);
}

std::optional<PiecewiseAffine>
fitPiecewiseAffine(Interval domain, llvm::ArrayRef<int64_t> values,
                   unsigned maxBreakpoints) {
  size_t count = values.size();
  if (count == 0 || __int128(domain.hi) - domain.lo + 1 != __int128(count))
    return std::nullopt;
  // The differences f(x) - f(x - 1), at index x - domain.lo.
  llvm::SmallVector<__int128> differences(count, 0);
  for (size_t i = 1; i < count; ++i)
    differences[i] = __int128(values[i]) - values[i - 1];

  // The slope is the difference that persists: a lone different difference
  // is a jump, one that the next difference repeats starts a new slope.
  __int128 slope = count < 2 ? 0 : differences[1];
  if (count > 2 && differences[1] != differences[2])
    slope = differences[2];
  PiecewiseAffine fit;
  std::optional<int64_t> firstSlope = narrow(slope);
  std::optional<int64_t> constant =
      narrow(__int128(values[0]) - slope * domain.lo);
  if (!firstSlope || !constant)
    return std::nullopt;
  fit.slope = *firstSlope;
  fit.constant = *constant;
  for (size_t i = 1; i < count; ++i) {
    if (differences[i] == slope)
      continue;
    int64_t at = domain.lo + int64_t(i);
    __int128 jump = differences[i] - slope;
    __int128 slopeChange = 0;
    if (i + 1 < count && differences[i + 1] != slope &&
        differences[i + 1] == differences[i]) {
      // The new slope starts after x = at - 1: the term is
      // slopeChange * (x - (at - 1)) from there, with no jump.
      slopeChange = jump;
      jump = 0;
      slope = differences[i];
      --at;
    }
    std::optional<int64_t> jump64 = narrow(jump);
    std::optional<int64_t> change64 = narrow(slopeChange);
    if (!jump64 || !change64)
      return std::nullopt;
    if (!fit.breakpoints.empty() && fit.breakpoints.back().at == at) {
      // A jump at at - 1 and the slope change after it: one term.
      fit.breakpoints.back().slopeChange = *change64;
      continue;
    }
    if (fit.breakpoints.size() == maxBreakpoints)
      return std::nullopt;
    fit.breakpoints.push_back({at, *jump64, *change64});
  }
  for (size_t i = 0; i < count; ++i)
    if (fit.evaluate(domain.lo + int64_t(i)) != values[i])
      return std::nullopt;
  return fit;
}

std::optional<Quadratic> fitQuadratic(Interval domain,
                                      llvm::ArrayRef<int64_t> values) {
  size_t count = values.size();
  if (count < 3 || __int128(domain.hi) - domain.lo + 1 != __int128(count))
    return std::nullopt;
  // The second difference of a x^2 + b x + c is 2a everywhere.
  __int128 second = __int128(values[2]) - 2 * __int128(values[1]) + values[0];
  if (second == 0 || second % 2 != 0)
    return std::nullopt;
  __int128 a = second / 2;
  __int128 x0 = domain.lo;
  // f(x0 + 1) - f(x0) = a (2 x0 + 1) + b.
  __int128 b = __int128(values[1]) - values[0] - a * (2 * x0 + 1);
  __int128 c = __int128(values[0]) - a * x0 * x0 - b * x0;
  std::optional<int64_t> a64 = narrow(a), b64 = narrow(b), c64 = narrow(c);
  if (!a64 || !b64 || !c64)
    return std::nullopt;
  for (size_t i = 0; i < count; ++i) {
    __int128 x = x0 + __int128(i);
    __int128 value = a * x * x + b * x + c;
    if (value != values[i])
      return std::nullopt;
  }
  return Quadratic{*a64, *b64, *c64};
}

} // namespace shade::analysis

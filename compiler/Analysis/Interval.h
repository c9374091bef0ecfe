#ifndef SHADE_COMPILER_ANALYSIS_INTERVAL_H
#define SHADE_COMPILER_ANALYSIS_INTERVAL_H

#include <cstdint>
#include <optional>
#include <string>

namespace shade::analysis {

/// A closed interval [lo, hi] of 64-bit integers, lo <= hi.
///
/// The arithmetic is exact: each operation returns std::nullopt when a bound
/// of the exact result does not fit in int64_t, and the caller reports the
/// overflow against the op it evaluates.
struct Interval {
  int64_t lo;
  int64_t hi;

  static Interval point(int64_t value) { return {value, value}; }
  /// The values of an unsigned `width`-bit integer: [0, 2^width - 1].
  static std::optional<Interval> unsignedRange(unsigned width);
  /// The values of a two's-complement `width`-bit integer.
  static std::optional<Interval> signedRange(unsigned width);

  bool contains(int64_t value) const { return lo <= value && value <= hi; }
  bool contains(const Interval &other) const {
    return lo <= other.lo && other.hi <= hi;
  }
  bool operator==(const Interval &other) const {
    return lo == other.lo && hi == other.hi;
  }
  bool operator!=(const Interval &other) const { return !(*this == other); }

  /// "[lo, hi]", as error messages print ranges.
  std::string str() const;
};

/// The smallest interval holding both.
Interval hull(const Interval &a, const Interval &b);
/// The values in both; std::nullopt when there are none.
std::optional<Interval> intersect(const Interval &a, const Interval &b);

std::optional<Interval> add(const Interval &a, const Interval &b);
std::optional<Interval> sub(const Interval &a, const Interval &b);
std::optional<Interval> neg(const Interval &a);
std::optional<Interval> mul(const Interval &a, const Interval &b);
/// The values of `a * c` for a constant `c`.
std::optional<Interval> mulConstant(const Interval &a, int64_t c);
/// The values of max(a, b) for a in `a` and b in `b`.
Interval max(const Interval &a, const Interval &b);
/// The values of min(a, b) for a in `a` and b in `b`.
Interval min(const Interval &a, const Interval &b);
/// The values of floor(a / b) for a in `a` and b in `b`; std::nullopt when
/// `b` contains 0 or on overflow.
std::optional<Interval> floorDiv(const Interval &a, const Interval &b);
/// The values of floor(x / 2^shift + 1/2) for x in `a` (0 <= shift < 63):
/// rounding to the nearest multiple of 2^shift, ties up, then dividing.
Interval roundShift(const Interval &a, unsigned shift);
/// The values of x^2 for x in `a`.
std::optional<Interval> square(const Interval &a);
/// The values of a & b, a | b and a ^ b (two's complement, as numpy computes
/// them on int64) for a in `a` and b in `b`: the least and greatest exactly.
Interval bitwiseAnd(const Interval &a, const Interval &b);
Interval bitwiseOr(const Interval &a, const Interval &b);
Interval bitwiseXor(const Interval &a, const Interval &b);

/// Checked scalar helpers: std::nullopt on int64_t overflow.
std::optional<int64_t> checkedAdd(int64_t a, int64_t b);
std::optional<int64_t> checkedMul(int64_t a, int64_t b);

/// The least number of bits of an unsigned integer holding every value of
/// `range` (at least 1); `range.lo` must be >= 0.
unsigned unsignedWidth(const Interval &range);
/// The least number of bits of a two's-complement integer holding every value
/// of `range` (at least 1).
unsigned signedWidth(const Interval &range);

} // namespace shade::analysis

#endif // SHADE_COMPILER_ANALYSIS_INTERVAL_H

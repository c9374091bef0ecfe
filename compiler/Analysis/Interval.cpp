#include "compiler/Analysis/Interval.h"

#include <algorithm>
#include <cassert>

namespace shade::analysis {

std::optional<int64_t> checkedAdd(int64_t a, int64_t b) {
  int64_t result;
  if (__builtin_add_overflow(a, b, &result))
    return std::nullopt;
  return result;
}

std::optional<int64_t> checkedMul(int64_t a, int64_t b) {
  int64_t result;
  if (__builtin_mul_overflow(a, b, &result))
    return std::nullopt;
  return result;
}

static std::optional<int64_t> checkedSub(int64_t a, int64_t b) {
  int64_t result;
  if (__builtin_sub_overflow(a, b, &result))
    return std::nullopt;
  return result;
}

std::optional<Interval> Interval::unsignedRange(unsigned width) {
  if (width == 0 || width > 63)
    return std::nullopt;
  return Interval{0, (int64_t(1) << width) - 1};
}

std::optional<Interval> Interval::signedRange(unsigned width) {
  if (width == 0 || width > 64)
    return std::nullopt;
  if (width == 64)
    return Interval{INT64_MIN, INT64_MAX};
  int64_t half = int64_t(1) << (width - 1);
  return Interval{-half, half - 1};
}

std::string Interval::str() const {
  return "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

Interval hull(const Interval &a, const Interval &b) {
  return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}

std::optional<Interval> intersect(const Interval &a, const Interval &b) {
  Interval both{std::max(a.lo, b.lo), std::min(a.hi, b.hi)};
  if (both.lo > both.hi)
    return std::nullopt;
  return both;
}

std::optional<Interval> add(const Interval &a, const Interval &b) {
  std::optional<int64_t> lo = checkedAdd(a.lo, b.lo);
  std::optional<int64_t> hi = checkedAdd(a.hi, b.hi);
  if (!lo || !hi)
    return std::nullopt;
  return Interval{*lo, *hi};
}

std::optional<Interval> sub(const Interval &a, const Interval &b) {
  std::optional<int64_t> lo = checkedSub(a.lo, b.hi);
  std::optional<int64_t> hi = checkedSub(a.hi, b.lo);
  if (!lo || !hi)
    return std::nullopt;
  return Interval{*lo, *hi};
}

std::optional<Interval> neg(const Interval &a) {
  return sub(Interval::point(0), a);
}

std::optional<Interval> mul(const Interval &a, const Interval &b) {
  int64_t corners[4];
  int64_t lhs[2] = {a.lo, a.hi};
  int64_t rhs[2] = {b.lo, b.hi};
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      std::optional<int64_t> product = checkedMul(lhs[i], rhs[j]);
      if (!product)
        return std::nullopt;
      corners[2 * i + j] = *product;
    }
  }
  return Interval{*std::min_element(corners, corners + 4),
                  *std::max_element(corners, corners + 4)};
}

std::optional<Interval> mulConstant(const Interval &a, int64_t c) {
  return mul(a, Interval::point(c));
}

Interval max(const Interval &a, const Interval &b) {
  return {std::max(a.lo, b.lo), std::max(a.hi, b.hi)};
}

Interval min(const Interval &a, const Interval &b) {
  return {std::min(a.lo, b.lo), std::min(a.hi, b.hi)};
}

static int64_t floorDivValue(int64_t a, int64_t b) {
  int64_t quotient = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}

std::optional<Interval> floorDiv(const Interval &a, const Interval &b) {
  if (b.contains(0))
    return std::nullopt;
  // With a divisor of one sign, floor(a / b) is monotonic in each argument:
  // the extremes are at the corners.
  int64_t corners[4];
  int count = 0;
  for (int64_t x : {a.lo, a.hi}) {
    for (int64_t y : {b.lo, b.hi}) {
      if (x == INT64_MIN && y == -1)
        return std::nullopt;
      corners[count++] = floorDivValue(x, y);
    }
  }
  return Interval{*std::min_element(corners, corners + 4),
                  *std::max_element(corners, corners + 4)};
}

/// floor(x / 2^shift + 1/2) = floor((x + 2^(shift-1)) / 2^shift), computed
/// without overflow: the low bits decide whether to round up.
static int64_t roundShiftValue(int64_t x, unsigned shift) {
  if (shift == 0)
    return x;
  int64_t quotient = x >> shift; // Arithmetic shift: floor division.
  int64_t remainder = x - (quotient << shift);
  return quotient + (remainder >= (int64_t(1) << (shift - 1)) ? 1 : 0);
}

Interval roundShift(const Interval &a, unsigned shift) {
  assert(shift < 63 && "shift out of range");
  // Monotonic non-decreasing in x.
  return {roundShiftValue(a.lo, shift), roundShiftValue(a.hi, shift)};
}

std::optional<Interval> square(const Interval &a) {
  std::optional<Interval> corners = mul(a, a);
  if (!corners)
    return std::nullopt;
  if (a.contains(0))
    return Interval{0, corners->hi};
  return Interval{std::min(*checkedMul(a.lo, a.lo), *checkedMul(a.hi, a.hi)),
                  corners->hi};
}

unsigned unsignedWidth(const Interval &range) {
  assert(range.lo >= 0 && "unsigned width of a negative range");
  unsigned width = 1;
  while (width < 63 && (range.hi >> width) != 0)
    ++width;
  return width;
}

unsigned signedWidth(const Interval &range) {
  for (unsigned width = 1; width < 64; ++width) {
    int64_t half = int64_t(1) << (width - 1);
    if (-half <= range.lo && range.hi <= half - 1)
      return width;
  }
  return 64;
}

} // namespace shade::analysis

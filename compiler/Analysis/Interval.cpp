#include "compiler/Analysis/Interval.h"

#include "llvm/ADT/SmallVector.h"

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

// Bitwise ops. The bounds of a & b, a | b and a ^ b over two intervals of
// unsigned integers are those of Hacker's Delight (2nd ed., 4-3): from the
// highest bit down, the first bit where one bound can be moved to a power of
// two without leaving its interval decides the extreme. Two's-complement
// operands are split at 0: on each part the 64-bit patterns read unsigned are
// ordered as the values, and the result's sign is fixed by the parts' signs,
// so the unsigned extremes of the patterns are the signed extremes.

namespace {
/// An interval of 64-bit patterns read unsigned.
struct Patterns {
  uint64_t lo, hi;
};
} // namespace

static constexpr uint64_t kHighBit = uint64_t(1) << 63;

static uint64_t minOr(Patterns a, Patterns b) {
  for (uint64_t m = kHighBit; m; m >>= 1) {
    if (~a.lo & b.lo & m) {
      uint64_t raised = (a.lo | m) & -m;
      if (raised <= a.hi) {
        a.lo = raised;
        break;
      }
    } else if (a.lo & ~b.lo & m) {
      uint64_t raised = (b.lo | m) & -m;
      if (raised <= b.hi) {
        b.lo = raised;
        break;
      }
    }
  }
  return a.lo | b.lo;
}

static uint64_t maxOr(Patterns a, Patterns b) {
  for (uint64_t m = kHighBit; m; m >>= 1) {
    if (a.hi & b.hi & m) {
      uint64_t lowered = (a.hi - m) | (m - 1);
      if (lowered >= a.lo) {
        a.hi = lowered;
        break;
      }
      lowered = (b.hi - m) | (m - 1);
      if (lowered >= b.lo) {
        b.hi = lowered;
        break;
      }
    }
  }
  return a.hi | b.hi;
}

static uint64_t minAnd(Patterns a, Patterns b) {
  for (uint64_t m = kHighBit; m; m >>= 1) {
    if (~a.lo & ~b.lo & m) {
      uint64_t raised = (a.lo | m) & -m;
      if (raised <= a.hi) {
        a.lo = raised;
        break;
      }
      raised = (b.lo | m) & -m;
      if (raised <= b.hi) {
        b.lo = raised;
        break;
      }
    }
  }
  return a.lo & b.lo;
}

static uint64_t maxAnd(Patterns a, Patterns b) {
  for (uint64_t m = kHighBit; m; m >>= 1) {
    if (a.hi & ~b.hi & m) {
      uint64_t lowered = (a.hi & ~m) | (m - 1);
      if (lowered >= a.lo) {
        a.hi = lowered;
        break;
      }
    } else if (~a.hi & b.hi & m) {
      uint64_t lowered = (b.hi & ~m) | (m - 1);
      if (lowered >= b.lo) {
        b.hi = lowered;
        break;
      }
    }
  }
  return a.hi & b.hi;
}

static uint64_t minXor(Patterns a, Patterns b) {
  for (uint64_t m = kHighBit; m; m >>= 1) {
    if (~a.lo & b.lo & m) {
      uint64_t raised = (a.lo | m) & -m;
      if (raised <= a.hi)
        a.lo = raised;
    } else if (a.lo & ~b.lo & m) {
      uint64_t raised = (b.lo | m) & -m;
      if (raised <= b.hi)
        b.lo = raised;
    }
  }
  return a.lo ^ b.lo;
}

static uint64_t maxXor(Patterns a, Patterns b) {
  for (uint64_t m = kHighBit; m; m >>= 1) {
    if (a.hi & b.hi & m) {
      uint64_t lowered = (a.hi - m) | (m - 1);
      if (lowered >= a.lo) {
        a.hi = lowered;
      } else {
        lowered = (b.hi - m) | (m - 1);
        if (lowered >= b.lo)
          b.hi = lowered;
      }
    }
  }
  return a.hi ^ b.hi;
}

/// The negative and the non-negative part of `a`, as patterns.
static llvm::SmallVector<Patterns, 2> splitAtZero(const Interval &a) {
  llvm::SmallVector<Patterns, 2> parts;
  if (a.lo < 0)
    parts.push_back({uint64_t(a.lo), uint64_t(std::min<int64_t>(a.hi, -1))});
  if (a.hi >= 0)
    parts.push_back({uint64_t(std::max<int64_t>(a.lo, 0)), uint64_t(a.hi)});
  return parts;
}

/// The hull of `lowest(p, q)` to `highest(p, q)` over the parts of `a` and
/// `b`, each read back as a signed value.
static Interval bitwise(const Interval &a, const Interval &b,
                        uint64_t (*lowest)(Patterns, Patterns),
                        uint64_t (*highest)(Patterns, Patterns)) {
  std::optional<Interval> result;
  for (Patterns p : splitAtZero(a))
    for (Patterns q : splitAtZero(b)) {
      Interval part{int64_t(lowest(p, q)), int64_t(highest(p, q))};
      result = result ? hull(*result, part) : part;
    }
  return *result;
}

Interval bitwiseAnd(const Interval &a, const Interval &b) {
  return bitwise(a, b, minAnd, maxAnd);
}

Interval bitwiseOr(const Interval &a, const Interval &b) {
  return bitwise(a, b, minOr, maxOr);
}

Interval bitwiseXor(const Interval &a, const Interval &b) {
  return bitwise(a, b, minXor, maxXor);
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

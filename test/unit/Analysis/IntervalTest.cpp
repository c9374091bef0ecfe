#include "compiler/Analysis/Interval.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <vector>

using namespace shade::analysis;

TEST(Interval, TypeRanges) {
  EXPECT_EQ(*Interval::unsignedRange(4), (Interval{0, 15}));
  EXPECT_EQ(*Interval::signedRange(4), (Interval{-8, 7}));
  EXPECT_EQ(*Interval::signedRange(1), (Interval{-1, 0}));
  EXPECT_EQ(*Interval::unsignedRange(63), (Interval{0, INT64_MAX}));
  EXPECT_EQ(*Interval::signedRange(64), (Interval{INT64_MIN, INT64_MAX}));
  EXPECT_FALSE(Interval::unsignedRange(64));
  EXPECT_FALSE(Interval::signedRange(0));
}

TEST(Interval, Arithmetic) {
  Interval a{-3, 5}, b{2, 4};
  EXPECT_EQ(*add(a, b), (Interval{-1, 9}));
  EXPECT_EQ(*sub(a, b), (Interval{-7, 3}));
  EXPECT_EQ(*neg(a), (Interval{-5, 3}));
  EXPECT_EQ(*mul(a, b), (Interval{-12, 20}));
  EXPECT_EQ(*mul(a, Interval{-2, -1}), (Interval{-10, 6}));
  EXPECT_EQ(*mulConstant(a, -3), (Interval{-15, 9}));
  EXPECT_EQ(max(a, b), (Interval{2, 5}));
  EXPECT_EQ(min(a, b), (Interval{-3, 4}));
  EXPECT_EQ(hull(a, Interval{7, 9}), (Interval{-3, 9}));
  EXPECT_EQ(*square(a), (Interval{0, 25}));
  EXPECT_EQ(*square(Interval{-4, -2}), (Interval{4, 16}));
}

TEST(Interval, FloorDivision) {
  EXPECT_EQ(*floorDiv(Interval{-7, 7}, Interval{2, 2}), (Interval{-4, 3}));
  EXPECT_EQ(*floorDiv(Interval{-7, 7}, Interval{-2, -1}), (Interval{-7, 7}));
  EXPECT_EQ(*floorDiv(Interval{5, 9}, Interval{2, 3}), (Interval{1, 4}));
  EXPECT_FALSE(floorDiv(Interval{1, 2}, Interval{-1, 1}));
  EXPECT_FALSE(floorDiv(Interval{INT64_MIN, 0}, Interval{-1, -1}));
}

TEST(Interval, RoundShiftRoundsHalfUp) {
  // floor(x / 4 + 1/2): 5 -> 1, 6 -> 2, 13 -> 3, -6 -> -1, -2 -> 0.
  EXPECT_EQ(roundShift(Interval{5, 5}, 2), (Interval{1, 1}));
  EXPECT_EQ(roundShift(Interval{6, 6}, 2), (Interval{2, 2}));
  EXPECT_EQ(roundShift(Interval{13, 13}, 2), (Interval{3, 3}));
  EXPECT_EQ(roundShift(Interval{-6, -6}, 2), (Interval{-1, -1}));
  EXPECT_EQ(roundShift(Interval{-2, -2}, 2), (Interval{0, 0}));
  EXPECT_EQ(roundShift(Interval{0, 255}, 3), (Interval{0, 32}));
  EXPECT_EQ(roundShift(Interval{-3, 4}, 0), (Interval{-3, 4}));
}

TEST(Interval, OverflowIsReported) {
  Interval big{0, INT64_MAX};
  EXPECT_FALSE(add(big, Interval{1, 1}));
  EXPECT_FALSE(sub(Interval{INT64_MIN, 0}, Interval{1, 1}));
  EXPECT_FALSE(neg(Interval{INT64_MIN, 0}));
  EXPECT_FALSE(mul(big, Interval{2, 2}));
  EXPECT_FALSE(square(Interval{-(int64_t(1) << 32), 0}));
  EXPECT_EQ(*add(big, Interval{-1, 0}), (Interval{-1, INT64_MAX}));
}

TEST(Interval, Widths) {
  EXPECT_EQ(unsignedWidth(Interval{0, 0}), 1u);
  EXPECT_EQ(unsignedWidth(Interval{0, 1}), 1u);
  EXPECT_EQ(unsignedWidth(Interval{3, 15}), 4u);
  EXPECT_EQ(unsignedWidth(Interval{0, 16}), 5u);
  EXPECT_EQ(signedWidth(Interval{-1, 0}), 1u);
  EXPECT_EQ(signedWidth(Interval{-8, 7}), 4u);
  EXPECT_EQ(signedWidth(Interval{-9, 7}), 5u);
  EXPECT_EQ(signedWidth(Interval{0, 8}), 5u);
  EXPECT_EQ(signedWidth(Interval{-700, 900}), 11u);
  EXPECT_EQ(signedWidth(Interval{INT64_MIN, 0}), 64u);
  EXPECT_EQ(Interval({-700, 900}).str(), "[-700, 900]");
}

/// The exact hull of `op` over every pair of values of `a` and `b`.
template <typename Op>
static Interval bruteForceHull(Interval a, Interval b, Op op) {
  Interval result = Interval::point(op(a.lo, b.lo));
  for (int64_t x = a.lo; x <= a.hi; ++x)
    for (int64_t y = b.lo; y <= b.hi; ++y)
      result = hull(result, Interval::point(op(x, y)));
  return result;
}

TEST(Interval, BitwiseOpsAreExactOnEverySmallInterval) {
  // Every pair of intervals within [-9, 9]: signed, unsigned and mixed.
  std::vector<Interval> intervals;
  for (int64_t lo = -9; lo <= 9; ++lo)
    for (int64_t hi = lo; hi <= 9; ++hi)
      intervals.push_back({lo, hi});
  for (Interval a : intervals)
    for (Interval b : intervals) {
      ASSERT_EQ(
          bitwiseAnd(a, b),
          bruteForceHull(a, b, [](int64_t x, int64_t y) { return x & y; }))
          << a.str() << " & " << b.str();
      ASSERT_EQ(
          bitwiseOr(a, b),
          bruteForceHull(a, b, [](int64_t x, int64_t y) { return x | y; }))
          << a.str() << " | " << b.str();
      ASSERT_EQ(
          bitwiseXor(a, b),
          bruteForceHull(a, b, [](int64_t x, int64_t y) { return x ^ y; }))
          << a.str() << " ^ " << b.str();
    }
}

TEST(Interval, BitwiseOpsAtTheEndsOfInt64) {
  Interval all{INT64_MIN, INT64_MAX};
  EXPECT_EQ(bitwiseAnd(all, Interval{0, 12}), (Interval{0, 12}));
  EXPECT_EQ(bitwiseAnd(all, Interval{-4, -4}),
            (Interval{INT64_MIN, INT64_MAX - 3}));
  EXPECT_EQ(bitwiseOr(Interval{0, 5}, Interval{8, 8}), (Interval{8, 13}));
  EXPECT_EQ(bitwiseOr(all, Interval{1, 1}),
            (Interval{INT64_MIN + 1, INT64_MAX}));
  EXPECT_EQ(bitwiseXor(Interval{INT64_MIN, INT64_MIN}, Interval{-1, -1}),
            (Interval{INT64_MAX, INT64_MAX}));
  EXPECT_EQ(bitwiseXor(Interval{0, 15}, Interval{0, 15}), (Interval{0, 15}));
  EXPECT_EQ(bitwiseXor(Interval{-8, 7}, Interval{-8, 7}), (Interval{-8, 7}));
  EXPECT_EQ(bitwiseAnd(Interval{-8, -1}, Interval{0, 7}), (Interval{0, 7}));
}

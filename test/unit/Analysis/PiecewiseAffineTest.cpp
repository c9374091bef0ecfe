#include "compiler/Analysis/PiecewiseAffine.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <functional>
#include <vector>

using namespace shade::analysis;

namespace {

std::vector<int64_t> tabulate(Interval domain,
                              const std::function<int64_t(int64_t)> &f) {
  std::vector<int64_t> values;
  for (int64_t x = domain.lo; x <= domain.hi; ++x)
    values.push_back(f(x));
  return values;
}

/// Fits f over `domain` and checks the fit against every value.
std::optional<PiecewiseAffine> fit(Interval domain,
                                   const std::function<int64_t(int64_t)> &f,
                                   unsigned maxBreakpoints = 4) {
  std::vector<int64_t> values = tabulate(domain, f);
  std::optional<PiecewiseAffine> result =
      fitPiecewiseAffine(domain, values, maxBreakpoints);
  if (result) {
    for (int64_t x = domain.lo; x <= domain.hi; ++x)
      EXPECT_EQ(result->evaluate(x), f(x)) << "at " << x;
  }
  return result;
}

} // namespace

TEST(PiecewiseAffine, ReluIsOneSlopeChange) {
  std::optional<PiecewiseAffine> relu =
      fit({-2048, 2047}, [](int64_t x) { return std::max<int64_t>(x, 0); });
  ASSERT_TRUE(relu);
  EXPECT_EQ(relu->constant, 0);
  EXPECT_EQ(relu->slope, 0);
  ASSERT_EQ(relu->breakpoints.size(), 1u);
  EXPECT_EQ(relu->breakpoints[0].at, 0);
  EXPECT_EQ(relu->breakpoints[0].jump, 0);
  EXPECT_EQ(relu->breakpoints[0].slopeChange, 1);
}

TEST(PiecewiseAffine, ComparisonsAreSteps) {
  std::optional<PiecewiseAffine> less =
      fit({-4095, 4095}, [](int64_t d) { return d < 0 ? 1 : 0; });
  ASSERT_TRUE(less);
  EXPECT_EQ(less->constant, 1);
  ASSERT_EQ(less->breakpoints.size(), 1u);
  EXPECT_EQ(less->breakpoints[0].at, 0);
  EXPECT_EQ(less->breakpoints[0].jump, -1);
  EXPECT_EQ(less->breakpoints[0].slopeChange, 0);

  // equal: a step up at 0 and down at 1, not two slope changes.
  std::optional<PiecewiseAffine> equal =
      fit({-100, 100}, [](int64_t d) { return d == 0 ? 1 : 0; });
  ASSERT_TRUE(equal);
  ASSERT_EQ(equal->breakpoints.size(), 2u);
  for (const Breakpoint &breakpoint : equal->breakpoints)
    EXPECT_EQ(breakpoint.slopeChange, 0);
  // At the ends of the domain, the same.
  EXPECT_TRUE(fit({0, 10}, [](int64_t d) { return d == 0 ? 1 : 0; }));
  EXPECT_TRUE(fit({-10, 0}, [](int64_t d) { return d == 0 ? 1 : 0; }));
}

TEST(PiecewiseAffine, AbsClipAndAffine) {
  std::optional<PiecewiseAffine> abs =
      fit({-32768, 32767}, [](int64_t x) { return x < 0 ? -x : x; });
  ASSERT_TRUE(abs);
  EXPECT_EQ(abs->slope, -1);
  EXPECT_EQ(abs->breakpoints.size(), 1u);

  std::optional<PiecewiseAffine> clip = fit(
      {-1000, 1000}, [](int64_t x) { return std::clamp<int64_t>(x, -5, 300); });
  ASSERT_TRUE(clip);
  EXPECT_EQ(clip->breakpoints.size(), 2u);

  std::optional<PiecewiseAffine> affine =
      fit({-7, 70000}, [](int64_t x) { return 3 * x - 11; });
  ASSERT_TRUE(affine);
  EXPECT_EQ(affine->slope, 3);
  EXPECT_EQ(affine->constant, -11);
  EXPECT_TRUE(affine->breakpoints.empty());

  // A jump and a slope change at once are one term.
  std::optional<PiecewiseAffine> both =
      fit({-50, 50}, [](int64_t x) { return x < 0 ? 0 : 2 * x + 3; });
  ASSERT_TRUE(both);
  ASSERT_EQ(both->breakpoints.size(), 1u);
  EXPECT_EQ(both->breakpoints[0].at, 0);
  EXPECT_EQ(both->breakpoints[0].jump, 3);
  EXPECT_EQ(both->breakpoints[0].slopeChange, 2);
  // A single point.
  EXPECT_TRUE(fit({5, 5}, [](int64_t) { return 42; }));
}

TEST(PiecewiseAffine, TooManyBreakpointsOrOverflow) {
  // x^2 changes slope everywhere; floor(x / 3) steps every third value.
  EXPECT_FALSE(fit({-100, 100}, [](int64_t x) { return x * x; }));
  EXPECT_FALSE(fit({0, 100}, [](int64_t x) { return x / 3; }));
  // Four breakpoints fit, five do not.
  auto fourSteps = [](int64_t x) {
    return int64_t(x >= 0) + (x >= 10) + (x >= 20) + (x >= 30);
  };
  EXPECT_TRUE(fit({-5, 40}, fourSteps, 4));
  EXPECT_FALSE(fit({-5, 40}, fourSteps, 3));
  // Differences beyond int64.
  std::vector<int64_t> extremes = {INT64_MIN, INT64_MAX, INT64_MIN};
  EXPECT_FALSE(fitPiecewiseAffine({0, 2}, extremes, 4));
  // A domain that does not match the values.
  EXPECT_FALSE(fitPiecewiseAffine({0, 5}, extremes, 4));
}

TEST(PiecewiseAffine, Quadratics) {
  auto values = [](Interval domain, auto f) {
    return tabulate(domain, [&](int64_t x) { return int64_t(f(x)); });
  };
  std::optional<Quadratic> square = fitQuadratic(
      {-128, 127}, values({-128, 127}, [](int64_t x) { return x * x; }));
  ASSERT_TRUE(square);
  EXPECT_EQ(square->a, 1);
  EXPECT_EQ(square->b, 0);
  EXPECT_EQ(square->c, 0);
  // -(y + 3)^2 = -y^2 - 6y - 9.
  std::optional<Quadratic> shifted = fitQuadratic(
      {0, 1023},
      values({0, 1023}, [](int64_t y) { return -(y + 3) * (y + 3); }));
  ASSERT_TRUE(shifted);
  EXPECT_EQ(shifted->a, -1);
  EXPECT_EQ(shifted->b, -6);
  EXPECT_EQ(shifted->c, -9);
  // Not quadratics: affine, floor(x^2 / 2), relu.
  EXPECT_FALSE(fitQuadratic({0, 100},
                            values({0, 100}, [](int64_t x) { return 3 * x; })));
  EXPECT_FALSE(fitQuadratic(
      {0, 100}, values({0, 100}, [](int64_t x) { return x * x / 2; })));
  EXPECT_FALSE(fitQuadratic(
      {-9, 9}, values({-9, 9}, [](int64_t x) { return x > 0 ? x : 0; })));
  // Too few values to tell.
  EXPECT_FALSE(
      fitQuadratic({0, 1}, values({0, 1}, [](int64_t x) { return x; })));
}

//===- ParametersTest.cpp - Validation, security, default sets ------------===//

#include "shade/runtime/Parameters.h"
#include "shade/runtime/NoiseModel.h"
#include "shade/runtime/ParameterSets.h"
#include "shade/runtime/Security.h"

#include "gtest/gtest.h"

#include <cmath>
#include <functional>
#include <string>

using namespace shade::runtime;

namespace {

/// The message of the ParameterError thrown by `f`, or "" if none.
std::string errorOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const ParameterError &error) {
    return error.what();
  }
  return "";
}

Parameters valid() { return defaultParameters(4); }

} // namespace

TEST(Parameters, DefaultSetsAreValid) {
  for (unsigned width = 1; width <= kMaxDefaultWidth; ++width)
    EXPECT_NO_THROW(defaultParameters(width).validate()) << width << " bits";
}

TEST(Parameters, ErrorsNameTheFieldAndTheLimit) {
  auto check = [](std::function<void(Parameters &)> change,
                  const std::string &expected) {
    Parameters p = valid();
    change(p);
    EXPECT_EQ(errorOf([&] { p.validate(); }), expected);
  };
  check([](Parameters &p) { p.polynomialSize = 1000; },
        "invalid parameter polynomialSize = 1000: must be a power of two");
  check([](Parameters &p) { p.polynomialSize = 4; },
        "invalid parameter polynomialSize = 4: must be in [8, 131072]");
  check([](Parameters &p) { p.lweDimension = 0; },
        "invalid parameter lweDimension = 0: must be in [1, 16384]");
  check([](Parameters &p) { p.glweDimension = 17; },
        "invalid parameter glweDimension = 17: must be in [1, 16]");
  check(
      [](Parameters &p) {
        p.glweDimension = 4;
        p.polynomialSize = 65536;
      },
      "invalid parameter glweDimension * polynomialSize = 262144: must be at "
      "most 131072");
  check([](Parameters &p) { p.lweNoiseStdDev = 0; },
        "invalid parameter lweNoiseStdDev = 0: must be in the open interval "
        "(0, 1) (a fraction of the torus)");
  check([](Parameters &p) { p.glweNoiseStdDev = 1.5; },
        "invalid parameter glweNoiseStdDev = 1.5: must be in the open "
        "interval (0, 1) (a fraction of the torus)");
  check(
      [](Parameters &p) {
        p.pbs = {0, 1};
      },
      "invalid parameter pbs.baseLog = 0: must be in [1, 63]");
  check(
      [](Parameters &p) {
        p.keySwitch = {4, 0};
      },
      "invalid parameter keySwitch.level = 0: must be in [1, 64]");
  check(
      [](Parameters &p) {
        p.pbs = {23, 3};
      },
      "invalid parameter pbs.baseLog * pbs.level = 23 * 3: must be at most "
      "64 (the torus has 64 bits)");
}

TEST(Parameters, DefaultWidthOutOfRange) {
  EXPECT_EQ(errorOf([] { defaultParameters(9); }),
            "defaultParameters: width 9 must be in [1, 8]");
  EXPECT_EQ(errorOf([] { defaultParameters(0); }),
            "defaultParameters: width 0 must be in [1, 8]");
}

TEST(Security, CurveValues) {
  EXPECT_DOUBLE_EQ(security::curveLog2StdDev(1000),
                   -0.025696778711484593 * 1000 + 2.675931372549016);
  EXPECT_DOUBLE_EQ(security::minimalStdDev(2048),
                   std::exp2(-0.025696778711484593 * 2048 + 2.675931372549016));
  // Beyond ~2520 the curve falls below 4 integer units: the floor applies.
  EXPECT_DOUBLE_EQ(security::minimalStdDev(4096), 0x1p-62);
  EXPECT_EQ(errorOf([] { security::curveLog2StdDev(449); }),
            "security curve: dimension 449 is below its validity limit 450");
}

TEST(Security, DefaultSetsAre128BitSecure) {
  for (unsigned width = 1; width <= kMaxDefaultWidth; ++width)
    EXPECT_NO_THROW(security::checkSecurity(defaultParameters(width)))
        << width << " bits";
}

TEST(Security, InsecureSetsAreRejected) {
  Parameters p = valid();
  p.lweNoiseStdDev = 0x1p-30;
  std::string error = errorOf([&] { security::checkSecurity(p); });
  EXPECT_EQ(error.rfind("insecure parameter lweNoiseStdDev = 2^-30: below the "
                        "128-bit minimum 2^-18.9",
                        0),
            0u)
      << error;
  p = valid();
  p.glweDimension = 1;
  p.polynomialSize = 256;
  EXPECT_EQ(errorOf([&] { security::checkSecurity(p); }),
            "insecure parameter glweDimension * polynomialSize = 256: the "
            "128-bit security curve holds for dimensions >= 450");
}

TEST(NoiseModel, DefaultSetsFailAtMostOnceIn2To40) {
  for (unsigned width = 1; width <= kMaxDefaultWidth; ++width) {
    Parameters p = defaultParameters(width);
    double decision =
        noise::atomicPatternDecisionVariance(p, noise::bootstrapVariance(p));
    EXPECT_LE(noise::failureProbability(decision, width), 0x1p-40)
        << width << " bits";
  }
}

TEST(NoiseModel, FormulaValues) {
  DecompositionParams ks{5, 3};
  EXPECT_DOUBLE_EQ(noise::digitSquareMean(ks), (32.0 * 32.0 + 2.0) / 12.0);
  EXPECT_DOUBLE_EQ(noise::decompositionRoundingVariance(ks),
                   (0x1p-30 - 0x1p-128) / 12.0);
  EXPECT_DOUBLE_EQ(noise::decompositionRoundingVariance({32, 2}), 0.0);
  EXPECT_DOUBLE_EQ(noise::keySwitchAddedVariance(2048, ks, 0x1p-20),
                   2048.0 * 3 * 0x1p-40 * (1026.0 / 12.0) +
                       1024.0 * (0x1p-30 - 0x1p-128) / 12.0);
  EXPECT_DOUBLE_EQ(noise::modulusSwitchVariance(800, 2048),
                   401.0 * (0x1p-24 - 0x1p-128) / 12.0);
  EXPECT_DOUBLE_EQ(noise::failureProbability(0x1p-20, 4),
                   std::erfc(0x1p-6 / std::sqrt(2.0 * 0x1p-20)));
  double cmux = noise::cmuxVariance(1, 1024, {6, 3}, 0x1p-24);
  double expectedCmux = 2.0 * 3 * 1024 * 0x1p-48 * (4098.0 / 12.0) +
                        0.5 * (0x1p-36 - 0x1p-128) / 12.0 * 513.0 +
                        noise::fftErrorVariance(1, 1024, {6, 3});
  EXPECT_DOUBLE_EQ(cmux, expectedCmux);
  EXPECT_DOUBLE_EQ(noise::bootstrapVariance(700, 1, 1024, {6, 3}, 0x1p-24),
                   700 * cmux);
}

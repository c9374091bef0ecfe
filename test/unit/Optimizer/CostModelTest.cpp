#include "compiler/Optimizer/CostModel.h"

#include <gtest/gtest.h>

using namespace shade;
using namespace shade::optimizer;

namespace {

// The published 4-bit reference set: k = 2, N = 1024, n = 801, bootstrap
// l = 1, key switch l = 3.
TEST(CostModelTest, KeySwitchCountsOfTheReferenceSet) {
  OperationCounts counts = keySwitchOperations(2048, 801, 3);
  // 2048 * 3 digits, each times a key row of 802 elements; clearing the
  // 802 output elements.
  EXPECT_EQ(counts.integerMultiplyAdds, 2048u * 3 * 802);
  EXPECT_EQ(counts.coefficientOperations, 2048u * 3 + 802);
  EXPECT_EQ(counts.ffts, 0u);
  EXPECT_EQ(counts.complexMultiplyAdds, 0u);
}

TEST(CostModelTest, BootstrapCountsOfTheReferenceSet) {
  OperationCounts counts = bootstrapOperations(801, 2, 1024, 1);
  // Per CMUX: (k+1) l = 3 forward and k+1 = 3 backward 512-point FFTs,
  // (k+1)^2 l N/2 = 9 * 512 complex multiply-adds, (k+1)(l+2) N = 9 * 1024
  // coefficient operations.
  EXPECT_EQ(counts.fftPoints, 512u);
  EXPECT_EQ(counts.ffts, 801u * 6);
  EXPECT_EQ(counts.complexMultiplyAdds, 801u * 9 * 512);
  // Plus the accumulator's initialization and rotation, (k+2) N, and the
  // sample extraction, k N + 1.
  EXPECT_EQ(counts.coefficientOperations,
            801u * 9 * 1024 + 4 * 1024 + 2 * 1024 + 1);
  EXPECT_EQ(counts.integerMultiplyAdds, 0u);
}

TEST(CostModelTest, LevelsMultiplyTheForwardTransformsAndProducts) {
  OperationCounts one = bootstrapOperations(500, 1, 2048, 1);
  OperationCounts three = bootstrapOperations(500, 1, 2048, 3);
  EXPECT_EQ(one.ffts, 500u * (2 * 1 + 2));
  EXPECT_EQ(three.ffts, 500u * (2 * 3 + 2));
  EXPECT_EQ(three.complexMultiplyAdds, 3 * one.complexMultiplyAdds);
}

TEST(CostModelTest, NanosecondsWeighEachKindOfWork) {
  OperationCounts counts;
  counts.ffts = 10;
  counts.fftPoints = 512;
  counts.complexMultiplyAdds = 100;
  counts.coefficientOperations = 1000;
  counts.integerMultiplyAdds = 10000;
  // An M-point transform costs M log2 M units of fftPointStage.
  EXPECT_DOUBLE_EQ(estimateNanoseconds(counts, {1, 0, 0, 0}), 10.0 * 512 * 9);
  EXPECT_DOUBLE_EQ(estimateNanoseconds(counts, {0, 1, 0, 0}), 100.0);
  EXPECT_DOUBLE_EQ(estimateNanoseconds(counts, {0, 0, 1, 0}), 1000.0);
  EXPECT_DOUBLE_EQ(estimateNanoseconds(counts, {0, 0, 0, 1}), 10000.0);
  EXPECT_DOUBLE_EQ(estimateNanoseconds(OperationCounts(), {1, 1, 1, 1}), 0.0);
}

TEST(CostModelTest, AtomicPatternIsKeySwitchPlusBootstrap) {
  runtime::Parameters parameters;
  parameters.lweDimension = 801;
  parameters.glweDimension = 2;
  parameters.polynomialSize = 1024;
  parameters.pbs = {23, 1};
  parameters.keySwitch = {4, 3};
  double expected = estimateNanoseconds(keySwitchOperations(2048, 801, 3)) +
                    estimateNanoseconds(bootstrapOperations(801, 2, 1024, 1));
  EXPECT_DOUBLE_EQ(atomicPatternCost(parameters), expected);
  EXPECT_DOUBLE_EQ(atomicPatternCost(801, 2, 1024, 1, 3), expected);
}

TEST(CostModelTest, CostGrowsWithEveryDimension) {
  double base = atomicPatternCost(700, 1, 1024, 1, 2);
  EXPECT_GT(atomicPatternCost(701, 1, 1024, 1, 2), base);
  EXPECT_GT(atomicPatternCost(700, 2, 1024, 1, 2), base);
  EXPECT_GT(atomicPatternCost(700, 1, 2048, 1, 2), base);
  EXPECT_GT(atomicPatternCost(700, 1, 1024, 2, 2), base);
  EXPECT_GT(atomicPatternCost(700, 1, 1024, 1, 3), base);
}

} // namespace

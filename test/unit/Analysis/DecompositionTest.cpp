#include "compiler/Analysis/Decomposition.h"

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHETypes.h"

#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace shade;
using namespace shade::analysis;

TEST(Decomposition, QuarterSquaresGiveExactProducts) {
  for (int64_t a = -64; a <= 63; ++a)
    for (int64_t b = -64; b <= 63; ++b)
      ASSERT_EQ(*quarterSquare(a + b) - *quarterSquare(a - b), a * b)
          << a << " * " << b;
}

TEST(Decomposition, ProductHeadroom) {
  std::optional<DecompositionHeadroom> headroom =
      productHeadroom({0, 3}, {-2, 1});
  ASSERT_TRUE(headroom);
  EXPECT_TRUE(headroom->decomposed);
  EXPECT_FALSE(headroom->resultTiedToOperands);
  // a + b, a - b; floor((a+b)^2/4), floor((a-b)^2/4), a * b.
  EXPECT_EQ(headroom->operandClass[0], (Interval{-2, 4}));
  EXPECT_EQ(headroom->operandClass[1], (Interval{-1, 5}));
  EXPECT_EQ(headroom->resultClass[0], (Interval{0, 4}));
  EXPECT_EQ(headroom->resultClass[1], (Interval{0, 6}));
  EXPECT_EQ(headroom->resultClass[2], (Interval{-6, 3}));
}

TEST(Decomposition, SignedTablesAreBuiltByValue) {
  mlir::MLIRContext context;
  context.loadDialect<fhe::FHEDialect>();
  auto type = fhe::EncryptedSignedIntegerType::get(&context, 3);
  // Entries for 0, 1, 2, 3, -4, -3, -2, -1; only -2 to 2 are reachable.
  std::optional<llvm::SmallVector<int64_t>> table = buildLookupTable(
      type, {-2, 2}, [](int64_t x) { return std::optional<int64_t>(10 * x); });
  ASSERT_TRUE(table);
  EXPECT_EQ(*table, (llvm::SmallVector<int64_t>{0, 10, 20, 0, 0, 0, -20, -10}));
  EXPECT_EQ(relu({-3, 4}), (Interval{0, 4}));
  EXPECT_EQ(relu({-3, -1}), (Interval{0, 0}));
  EXPECT_EQ(*quarterSquare(Interval{-3, 2}), (Interval{0, 2}));
}

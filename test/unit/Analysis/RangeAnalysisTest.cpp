#include "compiler/Analysis/RangeAnalysis.h"

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "gtest/gtest.h"

#include <string>
#include <vector>

using namespace mlir;
using namespace shade;
using namespace shade::analysis;

namespace {

/// Builds functions op by op, as the graph importer does: the encrypted
/// types are not unified and the IR is never verified.
class RangeAnalysisTest : public ::testing::Test {
protected:
  RangeAnalysisTest() : builder(&context) {
    context.loadDialect<fhe::FHEDialect, fhelinalg::FHELinalgDialect,
                        arith::ArithDialect, func::FuncDialect,
                        tensor::TensorDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
    builder.setInsertionPointToEnd(module->getBody());
  }

  Type eint(unsigned width) {
    return fhe::EncryptedUnsignedIntegerType::get(&context, width);
  }
  Type esint(unsigned width) {
    return fhe::EncryptedSignedIntegerType::get(&context, width);
  }
  RankedTensorType tensor(ArrayRef<int64_t> shape, Type element) {
    return RankedTensorType::get(shape, element);
  }

  /// A function of these argument types, the builder inside its body.
  func::FuncOp function(TypeRange arguments) {
    auto func = builder.create<func::FuncOp>(
        builder.getUnknownLoc(), "f", builder.getFunctionType(arguments, {}));
    builder.setInsertionPointToEnd(func.addEntryBlock());
    return func;
  }

  Value constant(ArrayRef<int64_t> shape, ArrayRef<int64_t> values) {
    auto type = tensor(shape, builder.getI64Type());
    return builder.create<arith::ConstantOp>(
        builder.getUnknownLoc(), DenseIntElementsAttr::get(type, values));
  }

  static std::vector<Interval> elements(const RangeInfo &range) {
    return {range.getElements().begin(), range.getElements().end()};
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};

TEST_F(RangeAnalysisTest, MatmulPerOutputElementFromTheWeights) {
  func::FuncOp func = function({tensor({2, 3}, eint(4))});
  Location loc = builder.getUnknownLoc();
  // x + [[0, 10, 20], [1, 2, 3]] gives each element its own interval; the
  // result type is deliberately not the operand's.
  Value shifted = builder.create<fhelinalg::AddEintIntOp>(
      loc, tensor({2, 3}, eint(6)), func.getArgument(0),
      constant({2, 3}, {0, 10, 20, 1, 2, 3}));
  Value weights = constant({3, 2}, {1, -2, 0, 3, 4, -1});
  Value product = builder.create<fhelinalg::MatmulEintIntOp>(
      loc, tensor({2, 2}, esint(8)), shifted, weights);

  RangeAnalysis ranges;
  ranges.setArgumentRange(func.getArgument(0), {0, 3});
  for (Operation &op : func.getBody().getOps())
    ASSERT_TRUE(succeeded(ranges.visit(&op)));

  EXPECT_EQ(elements(ranges.getRange(shifted)),
            (std::vector<Interval>{
                {0, 3}, {10, 13}, {20, 23}, {1, 4}, {2, 5}, {3, 6}}));
  // Row 0: col 0 = [0,3] + 4*[20,23], col 1 = -2*[0,3] + 3*[10,13] - [20,23].
  // Row 1: col 0 = [1,4] + 4*[3,6], col 1 = -2*[1,4] + 3*[2,5] - [3,6].
  const RangeInfo &result = ranges.getRange(product);
  EXPECT_EQ(elements(result),
            (std::vector<Interval>{{80, 95}, {1, 19}, {13, 28}, {-8, 10}}));
  EXPECT_EQ(result.getHull(), (Interval{-8, 95}));
  ASSERT_EQ(result.getShape().size(), 2u);

  ranges.annotate(product.getDefiningOp());
  EXPECT_EQ(*parseRangeAttr(product.getDefiningOp()->getAttr(kRangeAttrName)),
            (Interval{-8, 95}));
}

TEST_F(RangeAnalysisTest, LargeTensorsKeepSoundHulls) {
  func::FuncOp func = function({tensor({4, 3}, eint(2))});
  Value weights = constant({3, 1}, {1, -2, 4});
  Value product = builder.create<fhelinalg::MatmulEintIntOp>(
      builder.getUnknownLoc(), tensor({4, 1}, esint(8)), func.getArgument(0),
      weights);

  // Only tensors of at most 3 elements are tracked: the weights are, the
  // input and the result are not. By columns: [0,3] + -2*[0,3] + 4*[0,3] =
  // [-6, 15]; by rows: 3 * ([0,3] * [-2,4]) = [-18, 36]; intersected.
  RangeAnalysis ranges(/*maxTrackedElements=*/3);
  ranges.setArgumentRange(func.getArgument(0), {0, 3});
  for (Operation &op : func.getBody().getOps())
    ASSERT_TRUE(succeeded(ranges.visit(&op)));
  EXPECT_TRUE(ranges.getRange(weights).tracksElements());
  EXPECT_FALSE(ranges.getRange(product).tracksElements());
  EXPECT_EQ(ranges.getRange(product).getHull(), (Interval{-6, 15}));
}

TEST_F(RangeAnalysisTest, TablesAreIndexedWithTheInputsOwnType) {
  func::FuncOp func = function({esint(3), eint(2)});
  Location loc = builder.getUnknownLoc();
  // Entries for 0, 1, 2, 3, -4, -3, -2, -1.
  Value table = constant({8}, {100, 101, 102, 103, -4, -3, -2, -1});
  Value signedLookup = builder.create<fhe::ApplyLookupTableOp>(
      loc, eint(7), func.getArgument(0), table);
  Value unsignedLookup = builder.create<fhe::ApplyLookupTableOp>(
      loc, eint(7), func.getArgument(1), constant({4}, {7, 5, 9, 1}));

  RangeAnalysis ranges;
  ranges.setArgumentRange(func.getArgument(0), {-2, 1});
  ranges.setArgumentRange(func.getArgument(1), {1, 2});
  for (Operation &op : func.getBody().getOps())
    ASSERT_TRUE(succeeded(ranges.visit(&op)));
  // -2, -1, 0, 1 reach entries -2, -1, 100, 101.
  EXPECT_EQ(ranges.getRange(signedLookup).getHull(), (Interval{-2, 101}));
  EXPECT_EQ(ranges.getRange(unsignedLookup).getHull(), (Interval{5, 9}));
}

TEST_F(RangeAnalysisTest, MultiLookupTablePerElement) {
  func::FuncOp func = function({tensor({2, 2}, eint(2))});
  Value tables = constant({2, 4}, {0, 1, 2, 3, 10, 20, 30, 40});
  Value lookup = builder.create<fhelinalg::ApplyMultiLookupTableOp>(
      builder.getUnknownLoc(), tensor({2, 2}, eint(6)), func.getArgument(0),
      tables);
  RangeAnalysis ranges;
  ranges.setArgumentRange(func.getArgument(0), {1, 2});
  for (Operation &op : func.getBody().getOps())
    ASSERT_TRUE(succeeded(ranges.visit(&op)));
  // One table per column.
  EXPECT_EQ(elements(ranges.getRange(lookup)),
            (std::vector<Interval>{{1, 2}, {20, 30}, {1, 2}, {20, 30}}));
}

TEST_F(RangeAnalysisTest, Conv2dPerElementWithPadding) {
  // A 1x1x2x2 image of range [1, 2], a 1x1x2x2 kernel, pads 1 on the top and
  // the left: each output cell sees the kernel cells that overlap the image.
  func::FuncOp func = function({tensor({1, 1, 2, 2}, eint(3))});
  Value weight = constant({1, 1, 2, 2}, {1, 10, 100, 1000});
  auto conv = builder.create<fhelinalg::Conv2dOp>(
      builder.getUnknownLoc(), tensor({1, 1, 2, 2}, eint(12)),
      func.getArgument(0), weight, Value(), builder.getI64ArrayAttr({1, 1}),
      builder.getI64ArrayAttr({1, 1, 0, 0}), builder.getI64ArrayAttr({1, 1}),
      builder.getI64IntegerAttr(1));
  RangeAnalysis ranges;
  ranges.setArgumentRange(func.getArgument(0), {1, 2});
  for (Operation &op : func.getBody().getOps())
    ASSERT_TRUE(succeeded(ranges.visit(&op)));
  EXPECT_EQ(elements(ranges.getRange(conv)),
            (std::vector<Interval>{
                {1000, 2000}, {1100, 2200}, {1010, 2020}, {1111, 2222}}));
}

TEST_F(RangeAnalysisTest, PresetRangesAreKept) {
  func::FuncOp func = function({eint(4)});
  Value doubled = builder.create<fhe::AddEintOp>(
      builder.getUnknownLoc(), func.getArgument(0), func.getArgument(0));
  RangeAnalysis ranges;
  ranges.setRange(doubled, {0, 7});
  // The argument gets the range of its type on first use.
  ASSERT_TRUE(succeeded(ranges.visit(doubled.getDefiningOp())));
  EXPECT_EQ(ranges.getRange(doubled).getHull(), (Interval{0, 7}));
  EXPECT_EQ(ranges.lookup(func.getArgument(0)), nullptr);

  Value quadrupled =
      builder.create<fhe::AddEintOp>(builder.getUnknownLoc(), doubled, doubled);
  ASSERT_TRUE(succeeded(ranges.visit(quadrupled.getDefiningOp())));
  EXPECT_EQ(ranges.getRange(quadrupled).getHull(), (Interval{0, 14}));
}

TEST_F(RangeAnalysisTest, ArgumentsWithoutRangeUseTheirType) {
  func::FuncOp func = function({esint(5), builder.getI8Type()});
  Value sum = builder.create<fhe::AddEintIntOp>(
      builder.getUnknownLoc(), func.getArgument(0), func.getArgument(1));
  RangeAnalysis ranges;
  ASSERT_TRUE(succeeded(ranges.visit(sum.getDefiningOp())));
  EXPECT_EQ(ranges.getRange(sum).getHull(), (Interval{-144, 142}));
}

TEST_F(RangeAnalysisTest, ErrorsNameTheOp) {
  func::FuncOp func = function({eint(2)});
  Value lookup = builder.create<fhe::ApplyLookupTableOp>(
      builder.getUnknownLoc(), eint(4), func.getArgument(0),
      constant({4}, {0, 1, 2, 3}));
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diagnostic) {
    message = diagnostic.str();
    return success();
  });
  RangeAnalysis ranges;
  ranges.setArgumentRange(func.getArgument(0), {0, 5});
  ASSERT_TRUE(succeeded(ranges.visit(&*func.getBody().op_begin())));
  EXPECT_TRUE(failed(ranges.visit(lookup.getDefiningOp())));
  EXPECT_EQ(message, "'fhe.apply_lookup_table' op input range [0, 5] reaches "
                     "outside the table, which covers [0, 3] for an input of "
                     "type '!fhe.eint<2>'");
}

} // namespace

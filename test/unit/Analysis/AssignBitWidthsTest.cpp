// The graph importer's flow: IR built op by op with types that are not
// unified, ranges computed as it goes, then widths assigned by a call.

#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "gtest/gtest.h"

#include <string>

using namespace mlir;
using namespace shade;
using namespace shade::analysis;

TEST(AssignBitWidths, UnifiesTheImportersTypes) {
  MLIRContext context;
  context.loadDialect<fhe::FHEDialect, fhelinalg::FHELinalgDialect,
                      arith::ArithDialect, func::FuncDialect>();
  OpBuilder builder(&context);
  Location loc = builder.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());
  auto eint = [&](unsigned width) -> Type {
    return fhe::EncryptedUnsignedIntegerType::get(&context, width);
  };
  auto func = builder.create<func::FuncOp>(
      loc, "f", builder.getFunctionType({eint(8), eint(3)}, {eint(8)}));
  builder.setInsertionPointToEnd(func.addEntryBlock());

  RangeAnalysis ranges;
  ranges.setArgumentRange(func.getArgument(0), {0, 5});
  ranges.setArgumentRange(func.getArgument(1), {1, 2});
  auto visit = [&](Operation *op) {
    EXPECT_TRUE(succeeded(ranges.visit(op)));
    return op->getResult(0);
  };
  // x + y with three different encrypted types: [1, 7].
  Value sum = visit(builder.create<fhe::AddEintOp>(
      loc, eint(6), func.getArgument(0), func.getArgument(1)));
  // A table on the 6-bit sum, indexed by value: 2x.
  SmallVector<int64_t> doubles;
  for (int64_t value = 0; value < 64; ++value)
    doubles.push_back(2 * value);
  Value table = visit(builder.create<arith::ConstantOp>(
      loc, DenseIntElementsAttr::get(
               RankedTensorType::get({64}, builder.getI64Type()), doubles)));
  Value doubled =
      visit(builder.create<fhe::ApplyLookupTableOp>(loc, eint(8), sum, table));
  EXPECT_EQ(ranges.getRange(doubled).getHull(), (Interval{2, 14}));
  builder.create<func::ReturnOp>(loc, doubled);
  {
    std::string message;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diagnostic) {
      message = diagnostic.str();
      return success();
    });
    EXPECT_TRUE(failed(verify(*module)));
    EXPECT_EQ(message,
              "'fhe.add_eint' op requires the same type for all operands and "
              "results");
  }

  ASSERT_TRUE(succeeded(assignBitWidths(func, ranges, /*maxWidth=*/8)));
  EXPECT_TRUE(succeeded(verify(*module)));
  EXPECT_EQ(func.getFunctionType(),
            builder.getFunctionType({eint(3), eint(3)}, {eint(4)}));
  EXPECT_EQ(*parseRangeAttr(func.getArgAttr(0, kRangeAttrName)),
            (Interval{0, 5}));
  // The table now has 8 entries: 2x for the reachable 1 to 7.
  auto lookup = cast<fhe::ApplyLookupTableOp>(doubled.getDefiningOp());
  auto rebuilt = lookup.getTable().getDefiningOp<arith::ConstantOp>();
  ASSERT_TRUE(rebuilt);
  EXPECT_EQ(
      llvm::to_vector(
          cast<DenseIntElementsAttr>(rebuilt.getValue()).getValues<int64_t>()),
      (SmallVector<int64_t>{0, 2, 4, 6, 8, 10, 12, 14}));
}

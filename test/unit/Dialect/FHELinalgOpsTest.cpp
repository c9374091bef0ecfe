#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/FHE/IR/FHEDialect.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace shade;

namespace {

/// Builds fhelinalg operations in the body of a function whose arguments
/// have the given types.
class FHELinalgOpsTest : public ::testing::Test {
protected:
  FHELinalgOpsTest() : builder(&context) {
    context.loadDialect<fhe::FHEDialect, fhelinalg::FHELinalgDialect,
                        func::FuncDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
    builder.setInsertionPointToEnd(module->getBody());
  }

  Block *functionBody(TypeRange argumentTypes) {
    auto function = builder.create<func::FuncOp>(
        builder.getUnknownLoc(), "f",
        builder.getFunctionType(argumentTypes, {}));
    Block *body = function.addEntryBlock();
    builder.setInsertionPointToEnd(body);
    return body;
  }

  RankedTensorType encryptedTensor(ArrayRef<int64_t> shape, unsigned width) {
    return RankedTensorType::get(
        shape, fhe::EncryptedUnsignedIntegerType::get(&context, width));
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};

TEST_F(FHELinalgOpsTest, Conv2dBuiltWithoutAttributesTakesTheOnnxDefaults) {
  RankedTensorType input = encryptedTensor({1, 3, 8, 8}, 6);
  auto weight = RankedTensorType::get({4, 3, 3, 3}, builder.getI64Type());
  Block *body = functionBody({input, weight});
  auto conv = builder.create<fhelinalg::Conv2dOp>(
      builder.getUnknownLoc(), encryptedTensor({1, 4, 6, 6}, 6),
      body->getArgument(0), body->getArgument(1), /*bias=*/Value());

  EXPECT_TRUE(succeeded(verify(conv)));
  EXPECT_EQ(conv.getStrides(), builder.getI64ArrayAttr({1, 1}));
  EXPECT_EQ(conv.getPads(), builder.getI64ArrayAttr({0, 0, 0, 0}));
  EXPECT_EQ(conv.getDilations(), builder.getI64ArrayAttr({1, 1}));
  EXPECT_EQ(conv.getGroup(), 1u);
}

TEST_F(FHELinalgOpsTest, CreateOrFoldDropsIdentityLayoutChanges) {
  RankedTensorType type = encryptedTensor({2, 3}, 5);
  Block *body = functionBody({type});
  Value x = body->getArgument(0);
  Location loc = builder.getUnknownLoc();

  EXPECT_EQ(builder.createOrFold<fhelinalg::BroadcastOp>(loc, type, x), x);
  EXPECT_EQ(builder.createOrFold<fhelinalg::TransposeOp>(
                loc, type, x, builder.getI64ArrayAttr({0, 1})),
            x);

  Value transposed = builder.createOrFold<fhelinalg::TransposeOp>(
      loc, encryptedTensor({3, 2}, 5), x, builder.getI64ArrayAttr({}));
  ASSERT_NE(transposed, x);
  EXPECT_TRUE(isa<fhelinalg::TransposeOp>(transposed.getDefiningOp()));
}

} // namespace

// The C++ builders of the fhe ops, which lowerings use and the textual tests
// cannot reach: inferred result types and folding at creation.

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHE/IR/FHEDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/IR/Verifier.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace shade::fhe;

namespace {

/// A function taking an !fhe.eint<4> and an !fhe.esint<4>, with the builder
/// inserting before its return.
class FHEOpsTest : public ::testing::Test {
protected:
  FHEOpsTest() {
    context.loadDialect<FHEDialect, arith::ArithDialect, func::FuncDialect>();
    eint4 = EncryptedUnsignedIntegerType::get(&context, 4);
    esint4 = EncryptedSignedIntegerType::get(&context, 4);
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
    auto function = builder.create<func::FuncOp>(
        loc, "f", builder.getFunctionType({eint4, esint4}, {}));
    Block *body = function.addEntryBlock();
    builder.setInsertionPointToEnd(body);
    builder.setInsertionPoint(builder.create<func::ReturnOp>(loc));
    unsignedValue = body->getArgument(0);
    signedValue = body->getArgument(1);
  }

  Value clearConstant(int64_t value, unsigned width) {
    return builder.create<arith::ConstantIntOp>(loc, value, width);
  }

  MLIRContext context;
  OpBuilder builder{&context};
  Location loc = builder.getUnknownLoc();
  Type eint4;
  Type esint4;
  OwningOpRef<ModuleOp> module;
  Value unsignedValue;
  Value signedValue;
};

TEST_F(FHEOpsTest, ClearOperandOpsTakeTheEncryptedOperandType) {
  Value clear = clearConstant(3, 8);
  auto add = builder.create<AddEintIntOp>(loc, unsignedValue, clear);
  auto subFromClear = builder.create<SubIntEintOp>(loc, clear, signedValue);
  auto mul = builder.create<MulEintIntOp>(loc, signedValue, clear);
  EXPECT_EQ(add.getType(), eint4);
  EXPECT_EQ(subFromClear.getType(), esint4);
  EXPECT_EQ(mul.getType(), esint4);
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(FHEOpsTest, SameTypeOpsInferTheirResultType) {
  auto add = builder.create<AddEintOp>(loc, unsignedValue, unsignedValue);
  auto neg = builder.create<NegEintOp>(loc, signedValue);
  EXPECT_EQ(add.getType(), eint4);
  EXPECT_EQ(neg.getType(), esint4);
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(FHEOpsTest, CastsKeepTheWidth) {
  auto toSigned = builder.create<ToSignedOp>(loc, unsignedValue);
  auto toUnsigned = builder.create<ToUnsignedOp>(loc, signedValue);
  EXPECT_EQ(toSigned.getType(), esint4);
  EXPECT_EQ(toUnsigned.getType(), eint4);
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(FHEOpsTest, CreateOrFoldDropsIdentities) {
  EXPECT_EQ(builder.createOrFold<AddEintIntOp>(loc, unsignedValue,
                                               clearConstant(0, 5)),
            unsignedValue);
  EXPECT_EQ(
      builder.createOrFold<MulEintIntOp>(loc, signedValue, clearConstant(1, 8)),
      signedValue);
  Value negated = builder.create<NegEintOp>(loc, signedValue);
  EXPECT_EQ(builder.createOrFold<NegEintOp>(loc, negated), signedValue);
  Value asSigned = builder.create<ToSignedOp>(loc, unsignedValue);
  EXPECT_EQ(builder.createOrFold<ToUnsignedOp>(loc, asSigned), unsignedValue);
}

TEST_F(FHEOpsTest, CreateOrFoldKeepsOtherConstants) {
  // An i1 true is -1: multiplying by it negates.
  Value byTrue =
      builder.createOrFold<MulEintIntOp>(loc, signedValue, clearConstant(1, 1));
  Value byTwo =
      builder.createOrFold<MulEintIntOp>(loc, signedValue, clearConstant(2, 8));
  EXPECT_TRUE(byTrue.getDefiningOp<MulEintIntOp>());
  EXPECT_TRUE(byTwo.getDefiningOp<MulEintIntOp>());
}

} // namespace

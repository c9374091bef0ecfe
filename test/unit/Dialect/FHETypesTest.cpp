#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHE/IR/FHEDialect.h"

#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace shade::fhe;

TEST(FHETypes, UniquedByWidth) {
  mlir::MLIRContext context;
  context.loadDialect<FHEDialect>();
  auto a = EncryptedUnsignedIntegerType::get(&context, 4);
  auto b = EncryptedUnsignedIntegerType::get(&context, 4);
  auto c = EncryptedSignedIntegerType::get(&context, 4);
  EXPECT_EQ(a, b);
  EXPECT_NE(mlir::Type(a), mlir::Type(c));
  EXPECT_EQ(a.getWidth(), 4u);
  EXPECT_FALSE(llvm::cast<EncryptedIntegerType>(a).isSigned());
  EXPECT_TRUE(llvm::cast<EncryptedIntegerType>(c).isSigned());
}

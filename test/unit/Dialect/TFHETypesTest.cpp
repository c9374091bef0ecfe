#include "dialects/TFHE/IR/TFHETypes.h"
#include "dialects/TFHE/IR/TFHEAttributes.h"
#include "dialects/TFHE/IR/TFHEDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

#include <string>

using namespace shade::tfhe;

namespace {
class TFHETest : public ::testing::Test {
protected:
  TFHETest() { context.loadDialect<TFHEDialect>(); }

  mlir::MLIRContext context;
};
} // namespace

TEST_F(TFHETest, CiphertextTypesAreUniquedByEncodingAndDimension) {
  auto unparametrized = LweCiphertextType::get(&context, 4, false, {});
  auto parametrized = LweCiphertextType::get(&context, 4, false, 742u);
  EXPECT_EQ(unparametrized, LweCiphertextType::get(&context, 4, false, {}));
  EXPECT_EQ(parametrized, LweCiphertextType::get(&context, 4, false, 742u));
  EXPECT_NE(unparametrized, parametrized);
  EXPECT_NE(parametrized, LweCiphertextType::get(&context, 4, false, 743u));
  EXPECT_NE(unparametrized, LweCiphertextType::get(&context, 4, true, {}));

  EXPECT_FALSE(unparametrized.isParametrized());
  EXPECT_TRUE(parametrized.isParametrized());
  EXPECT_EQ(parametrized.getDimension(), std::optional<unsigned>(742));
  EXPECT_EQ(parametrized.getWidth(), 4u);
  EXPECT_FALSE(parametrized.getIsSigned());
}

TEST_F(TFHETest, SameEncodingIgnoresTheDimension) {
  auto small = LweCiphertextType::get(&context, 4, true, 742u);
  EXPECT_TRUE(
      small.hasSameEncoding(LweCiphertextType::get(&context, 4, true, 2048u)));
  EXPECT_TRUE(small.hasSameEncoding(
      LweCiphertextType::get(&context, 4, true, std::nullopt)));
  EXPECT_FALSE(
      small.hasSameEncoding(LweCiphertextType::get(&context, 4, false, 742u)));
  EXPECT_FALSE(
      small.hasSameEncoding(LweCiphertextType::get(&context, 5, true, 742u)));
}

TEST_F(TFHETest, InvalidCiphertextTypeIsRejectedWithItsReason) {
  std::string message;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &diag) {
    message = diag.str();
    return mlir::success();
  });
  auto location = mlir::UnknownLoc::get(&context);
  auto emitAtLocation = [&] { return mlir::emitError(location); };
  llvm::function_ref<mlir::InFlightDiagnostic()> emitError = emitAtLocation;
  std::optional<unsigned> unparametrized;
  EXPECT_FALSE(LweCiphertextType::getChecked(emitError, &context, 64u, false,
                                             unparametrized));
  EXPECT_EQ(message, "LWE message width 64 is out of range: a message has 1 "
                     "to 63 bits (the 64-bit torus element keeps one padding "
                     "bit)");
  std::optional<unsigned> dimensionZero = 0u;
  EXPECT_FALSE(LweCiphertextType::getChecked(emitError, &context, 4u, false,
                                             dimensionZero));
  EXPECT_EQ(message, "LWE dimension must be positive, got 0");
}

TEST_F(TFHETest, BootstrapOutputDimensionIsGlweDimensionTimesPolynomialSize) {
  auto bsk = BootstrapKeyAttr::get(&context, 742, 2, 1024, 15, 2, 0);
  EXPECT_EQ(bsk.getOutputDim(), 2048u);
  // k * N is computed in 64 bits: it does not wrap around 2^32.
  auto huge = BootstrapKeyAttr::get(&context, 742, 1u << 20, 1u << 16, 1, 1, 0);
  EXPECT_EQ(huge.getOutputDim(), uint64_t(1) << 36);
}

TEST_F(TFHETest, KeySwitchKeyKeepsItsParameters) {
  auto ksk = KeySwitchKeyAttr::get(&context, 2048, 742, 3, 5, 0, 0);
  EXPECT_EQ(ksk, KeySwitchKeyAttr::get(&context, 2048, 742, 3, 5, 0, 0));
  EXPECT_NE(ksk, KeySwitchKeyAttr::get(&context, 2048, 742, 4, 5, 0, 0));
  EXPECT_EQ(ksk.getInputDim(), 2048u);
  EXPECT_EQ(ksk.getOutputDim(), 742u);
  EXPECT_EQ(ksk.getBaseLog(), 3u);
  EXPECT_EQ(ksk.getLevels(), 5u);
}

#include "dialects/FHELinalg/IR/FHELinalgShapes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

#include <functional>
#include <string>

using namespace shade::fhelinalg;
using llvm::SmallVector;

namespace {

/// Collects the message of the errors that the shape functions report.
class ShapesTest : public ::testing::Test {
protected:
  ShapesTest()
      : handler(&context, [this](mlir::Diagnostic &diag) {
          message = diag.str();
          return mlir::success();
        }) {}

  mlir::MLIRContext context;
  mlir::ScopedDiagnosticHandler handler;
  std::string message;
  std::function<mlir::InFlightDiagnostic()> emitError = [this] {
    return mlir::emitError(mlir::UnknownLoc::get(&context));
  };
};

TEST_F(ShapesTest, FormatsShapesAsNumpy) {
  EXPECT_EQ(formatShape({}), "[]");
  EXPECT_EQ(formatShape({7}), "[7]");
  EXPECT_EQ(formatShape({3, 4, 1}), "[3, 4, 1]");
}

TEST_F(ShapesTest, BroadcastsAsNumpy) {
  auto broadcast = [&](SmallVector<int64_t> lhs, SmallVector<int64_t> rhs) {
    return broadcastShapes("lhs", lhs, "rhs", rhs, emitError);
  };
  EXPECT_EQ(*broadcast({3, 1}, {4}), (SmallVector<int64_t>{3, 4}));
  EXPECT_EQ(*broadcast({}, {2, 3}), (SmallVector<int64_t>{2, 3}));
  EXPECT_EQ(*broadcast({5, 1, 4}, {3, 1}), (SmallVector<int64_t>{5, 3, 4}));
  EXPECT_EQ(*broadcast({2, 3}, {2, 3}), (SmallVector<int64_t>{2, 3}));
  EXPECT_TRUE(message.empty());

  EXPECT_TRUE(mlir::failed(broadcast({2, 3, 4}, {5, 1})));
  EXPECT_EQ(message, "cannot broadcast lhs shape [2, 3, 4] with rhs shape "
                     "[5, 1]: lhs dimension 1 has size 3 and rhs dimension 0 "
                     "has size 5, and neither is 1");
}

TEST_F(ShapesTest, BroadcastsToATargetOneWayOnly) {
  EXPECT_TRUE(broadcastsTo({}, {2, 3}));
  EXPECT_TRUE(broadcastsTo({3, 1}, {2, 3, 4}));
  EXPECT_TRUE(broadcastsTo({2, 3}, {2, 3}));
  EXPECT_FALSE(broadcastsTo({3}, {2, 4}));
  EXPECT_FALSE(broadcastsTo({1, 3}, {3}));
  EXPECT_FALSE(broadcastsTo({4}, {1}));
}

TEST_F(ShapesTest, MatmulShapesFollowNumpy) {
  auto matmul = [&](SmallVector<int64_t> lhs, SmallVector<int64_t> rhs) {
    return matmulShape(lhs, rhs, emitError);
  };
  EXPECT_EQ(*matmul({2, 4}, {4, 3}), (SmallVector<int64_t>{2, 3}));
  EXPECT_EQ(*matmul({4}, {4, 3}), (SmallVector<int64_t>{3}));
  EXPECT_EQ(*matmul({2, 4}, {4}), (SmallVector<int64_t>{2}));
  EXPECT_EQ(*matmul({4}, {6, 4, 3}), (SmallVector<int64_t>{6, 3}));
  EXPECT_EQ(*matmul({6, 2, 4}, {4}), (SmallVector<int64_t>{6, 2}));
  EXPECT_EQ(*matmul({6, 1, 2, 4}, {5, 4, 3}),
            (SmallVector<int64_t>{6, 5, 2, 3}));
  EXPECT_TRUE(message.empty());

  EXPECT_TRUE(mlir::failed(matmul({4}, {4})));
  EXPECT_EQ(message, "lhs shape [4] and rhs shape [4] are both 1-D: their "
                     "product is a scalar, which the dot operations compute");
  EXPECT_TRUE(mlir::failed(matmul({2, 4}, {}))) << message;
  EXPECT_EQ(message, "cannot multiply lhs shape [2, 4] by rhs shape []: "
                     "matmul operands need at least one dimension");
  EXPECT_TRUE(mlir::failed(matmul({2, 4}, {3, 2})));
  EXPECT_EQ(message, "lhs shape [2, 4] and rhs shape [3, 2] do not contract: "
                     "lhs dimension 1 has size 4 but rhs dimension 0 has "
                     "size 3");
  EXPECT_TRUE(mlir::failed(matmul({2, 3, 4}, {3, 4, 5})));
  EXPECT_EQ(message, "cannot broadcast lhs batch shape [2] with rhs batch "
                     "shape [3]: lhs batch dimension 0 has size 2 and rhs "
                     "batch dimension 0 has size 3, and neither is 1");
}

TEST_F(ShapesTest, NormalizesNegativeAxes) {
  EXPECT_EQ(*normalizeAxes({-1, 0}, 3, emitError),
            (SmallVector<int64_t>{2, 0}));
  EXPECT_EQ(*normalizeAxes({}, 0, emitError), (SmallVector<int64_t>{}));

  EXPECT_TRUE(mlir::failed(normalizeAxes({3}, 3, emitError)));
  EXPECT_EQ(message, "axis 3 is out of range for rank 3 (expected -3 to 2)");
  EXPECT_TRUE(mlir::failed(normalizeAxes({1, -2}, 3, emitError)));
  EXPECT_EQ(message, "axes [1, -2] name dimension 1 twice");
  EXPECT_TRUE(mlir::failed(normalizeAxes({-1}, 0, emitError)));
  EXPECT_EQ(message, "axis -1 is out of range: a tensor of rank 0 has no axes");
}

TEST_F(ShapesTest, SumsDropOrKeepTheSummedDimensions) {
  EXPECT_EQ(sumShape({3, 4, 5}, {1}, false), (SmallVector<int64_t>{3, 5}));
  EXPECT_EQ(sumShape({3, 4, 5}, {2, 0}, true), (SmallVector<int64_t>{1, 4, 1}));
  EXPECT_EQ(sumShape({3, 4}, {}, false), (SmallVector<int64_t>{}));
  EXPECT_EQ(sumShape({3, 4}, {}, true), (SmallVector<int64_t>{1, 1}));
}

TEST_F(ShapesTest, CountsWindowsAsOnnx) {
  // floor((8 + 1 + 1 - 1*(3-1) - 1) / 2) + 1 = 4
  EXPECT_EQ(*windowCount("height", {8, 3, 2, 1, 1, 1}, emitError), 4);
  // floor((7 + 0 + 2 - 2*(2-1) - 1) / 2) + 1 = 4
  EXPECT_EQ(*windowCount("width", {7, 2, 2, 2, 0, 2}, emitError), 4);
  // A kernel exactly as large as the padded input fits once.
  EXPECT_EQ(*windowCount("width", {3, 5, 1, 1, 1, 1}, emitError), 1);
  EXPECT_TRUE(message.empty());

  EXPECT_TRUE(
      mlir::failed(windowCount("height", {4, 3, 1, 2, 0, 0}, emitError)));
  EXPECT_EQ(message, "the dilated kernel height 5 (kernel 3, dilation 2) "
                     "exceeds the padded input height 4 (input 4, pads 0 and "
                     "0)");
}

TEST_F(ShapesTest, FindsWindowsOfPaddingOnly) {
  // Pad 1 with a kernel of 2: every window holds a cell of the image.
  EXPECT_EQ(firstPaddingOnlyWindow({8, 2, 1, 1, 1, 1}), std::nullopt);
  // Pad 2 before a kernel of 2: window 0 covers rows -2 and -1.
  EXPECT_EQ(firstPaddingOnlyWindow({8, 2, 1, 1, 2, 0}), 0);
  // Pad 2 after a kernel of 2, stride 1: the last window (8) covers 8 and 9.
  EXPECT_EQ(firstPaddingOnlyWindow({8, 2, 1, 1, 0, 2}), 8);
  // Dilation 3 over a 1-wide image padded by 2: window 0 takes -2 and 1.
  EXPECT_EQ(firstPaddingOnlyWindow({1, 2, 1, 3, 2, 2}), 0);
  // Padded by 3: windows 0 (-3, 0) and 3 (0, 3) see the image, window 1
  // (-2, 1) does not.
  EXPECT_EQ(firstPaddingOnlyWindow({1, 2, 1, 3, 3, 3}), 1);
}

} // namespace

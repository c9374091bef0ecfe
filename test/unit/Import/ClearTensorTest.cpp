// ClearTensor against the results numpy gives on int64 arrays, worked out by
// hand in the comments.

#include "compiler/Import/ClearTensor.h"

#include "nlohmann/json.hpp"

#include <gtest/gtest.h>

using namespace shade::import;

namespace {

ClearTensor tensor(llvm::ArrayRef<int64_t> shape,
                   std::vector<int64_t> elements) {
  return ClearTensor(shape, std::move(elements));
}

/// The integers first, first + 1, ... in a tensor of `shape`.
ClearTensor iota(llvm::ArrayRef<int64_t> shape, int64_t first = 1) {
  std::vector<int64_t> elements(numElements(shape));
  for (auto &element : elements)
    element = first++;
  return ClearTensor(shape, std::move(elements));
}

ClearTensor value(llvm::Expected<ClearTensor> result) {
  if (!result) {
    ADD_FAILURE() << toString(result.takeError());
    return ClearTensor();
  }
  return std::move(*result);
}

std::string error(llvm::Expected<ClearTensor> result) {
  if (result) {
    ADD_FAILURE() << "expected an error, got " << result->str();
    return "";
  }
  return toString(result.takeError());
}

UnaryOp unary(OpKind kind, int64_t parameter = 0) {
  UnaryOp op;
  op.kind = kind;
  op.parameter = parameter;
  return op;
}

TEST(ClearTensorTest, BinaryOpsBroadcast) {
  ClearTensor column = tensor({2, 1}, {1, 2});
  ClearTensor row = tensor({3}, {10, 20, 30});
  // np.array([[1], [2]]) + np.array([10, 20, 30])
  EXPECT_EQ(value(applyBinary(OpKind::Add, column, row)),
            tensor({2, 3}, {11, 21, 31, 12, 22, 32}));
  EXPECT_EQ(value(applyBinary(OpKind::Subtract, row, column)),
            tensor({2, 3}, {9, 19, 29, 8, 18, 28}));
  EXPECT_EQ(
      value(applyBinary(OpKind::Multiply, column, ClearTensor::scalar(-3))),
      tensor({2, 1}, {-3, -6}));
  ClearTensor a = tensor({4}, {-2, 0, 3, 5});
  ClearTensor b = tensor({4}, {1, 0, 3, -5});
  EXPECT_EQ(value(applyBinary(OpKind::Maximum, a, b)),
            tensor({4}, {1, 0, 3, 5}));
  EXPECT_EQ(value(applyBinary(OpKind::Minimum, a, b)),
            tensor({4}, {-2, 0, 3, -5}));
  EXPECT_EQ(value(applyBinary(OpKind::Less, a, b)), tensor({4}, {1, 0, 0, 0}));
  EXPECT_EQ(value(applyBinary(OpKind::LessEqual, a, b)),
            tensor({4}, {1, 1, 1, 0}));
  EXPECT_EQ(value(applyBinary(OpKind::Greater, a, b)),
            tensor({4}, {0, 0, 0, 1}));
  EXPECT_EQ(value(applyBinary(OpKind::GreaterEqual, a, b)),
            tensor({4}, {0, 1, 1, 1}));
  EXPECT_EQ(value(applyBinary(OpKind::Equal, a, b)), tensor({4}, {0, 1, 1, 0}));
  EXPECT_EQ(value(applyBinary(OpKind::NotEqual, a, b)),
            tensor({4}, {1, 0, 0, 1}));
  EXPECT_EQ(error(applyBinary(OpKind::Add, tensor({2}, {1, 2}), row)),
            "shapes [2] and [3] do not broadcast");
}

TEST(ClearTensorTest, BitwiseOpsAreTwosComplement) {
  // numpy: np.array([12, -6, 5, -1]) & np.array([10, 3, -8, -9]) and so on.
  ClearTensor a = tensor({4}, {12, -6, 5, -1});
  ClearTensor b = tensor({4}, {10, 3, -8, -9});
  EXPECT_EQ(value(applyBinary(OpKind::BitwiseAnd, a, b)),
            tensor({4}, {8, 2, 0, -9}));
  EXPECT_EQ(value(applyBinary(OpKind::BitwiseOr, a, b)),
            tensor({4}, {14, -5, -3, -1}));
  EXPECT_EQ(value(applyBinary(OpKind::BitwiseXor, a, b)),
            tensor({4}, {6, -7, -3, 8}));
  // A column and a row broadcast: [[1], [-2]] | [4, 5, 6].
  EXPECT_EQ(value(applyBinary(OpKind::BitwiseOr, tensor({2, 1}, {1, -2}),
                              tensor({3}, {4, 5, 6}))),
            tensor({2, 3}, {5, 5, 7, -2, -1, -2}));
  EXPECT_EQ(
      value(applyBinary(OpKind::BitwiseXor, ClearTensor::scalar(INT64_MIN),
                        ClearTensor::scalar(-1))),
      ClearTensor::scalar(INT64_MAX));
}

TEST(ClearTensorTest, WhereBroadcastsItsThreeOperands) {
  // np.where(np.array([[2], [0]]) != 0, np.array([1, 2, 3]), -5)
  EXPECT_EQ(value(where(tensor({2, 1}, {2, 0}), tensor({3}, {1, 2, 3}),
                        ClearTensor::scalar(-5))),
            tensor({2, 3}, {1, 2, 3, -5, -5, -5}));
  // Any non-zero condition selects a, negative ones included.
  EXPECT_EQ(value(where(tensor({3}, {-1, 0, 7}), ClearTensor::scalar(1),
                        tensor({3}, {4, 5, 6}))),
            tensor({3}, {1, 5, 1}));
  EXPECT_EQ(error(where(tensor({2}, {1, 0}), tensor({3}, {1, 2, 3}),
                        ClearTensor::scalar(0))),
            "shapes [2], [3] and [] do not broadcast");
}

TEST(ClearTensorTest, OverflowIsAnError) {
  ClearTensor max = ClearTensor::scalar(INT64_MAX);
  ClearTensor min = ClearTensor::scalar(INT64_MIN);
  EXPECT_EQ(error(applyBinary(OpKind::Add, max, ClearTensor::scalar(1))),
            "add of 9223372036854775807 and 1 overflows int64");
  EXPECT_EQ(error(applyBinary(OpKind::Subtract, min, ClearTensor::scalar(1))),
            "subtract of -9223372036854775808 and 1 overflows int64");
  EXPECT_EQ(error(applyUnary(unary(OpKind::Negative), min)),
            "negative of -9223372036854775808 overflows int64");
  EXPECT_EQ(error(applyUnary(unary(OpKind::Abs), min)),
            "abs of -9223372036854775808 overflows int64");
  EXPECT_EQ(error(applyUnary(unary(OpKind::Square),
                             ClearTensor::scalar(int64_t(1) << 32))),
            "square of 4294967296 overflows int64");
  EXPECT_EQ(error(applyUnary(unary(OpKind::FloorDivide, -1), min)),
            "floor_divide of -9223372036854775808 by -1 overflows int64");
  EXPECT_EQ(
      error(applyUnary(unary(OpKind::LeftShift, 62), ClearTensor::scalar(2))),
      "left_shift of 2 by 62 overflows int64");
  // The largest values that fit are exact.
  EXPECT_EQ(
      value(applyUnary(unary(OpKind::LeftShift, 62), ClearTensor::scalar(-2))),
      min);
  EXPECT_EQ(value(applyBinary(OpKind::Subtract, ClearTensor::scalar(-1), max)),
            min);
}

TEST(ClearTensorTest, UnaryOps) {
  ClearTensor a = tensor({5}, {-7, -1, 0, 1, 7});
  EXPECT_EQ(value(applyUnary(unary(OpKind::Negative), a)),
            tensor({5}, {7, 1, 0, -1, -7}));
  EXPECT_EQ(value(applyUnary(unary(OpKind::Abs), a)),
            tensor({5}, {7, 1, 0, 1, 7}));
  EXPECT_EQ(value(applyUnary(unary(OpKind::Square), a)),
            tensor({5}, {49, 1, 0, 1, 49}));
  EXPECT_EQ(value(applyUnary(unary(OpKind::Relu), a)),
            tensor({5}, {0, 0, 0, 1, 7}));
  // a // 2 and a // -2 floor towards -infinity.
  EXPECT_EQ(value(applyUnary(unary(OpKind::FloorDivide, 2), a)),
            tensor({5}, {-4, -1, 0, 0, 3}));
  EXPECT_EQ(value(applyUnary(unary(OpKind::FloorDivide, -2), a)),
            tensor({5}, {3, 0, 0, -1, -4}));
  // a << 3; a >> 1 is arithmetic; shifting by 64 bits or more leaves the sign.
  EXPECT_EQ(value(applyUnary(unary(OpKind::LeftShift, 3), a)),
            tensor({5}, {-56, -8, 0, 8, 56}));
  EXPECT_EQ(value(applyUnary(unary(OpKind::RightShift, 1), a)),
            tensor({5}, {-4, -1, 0, 0, 3}));
  EXPECT_EQ(value(applyUnary(unary(OpKind::RightShift, 70), a)),
            tensor({5}, {-1, -1, 0, 0, 0}));
  EXPECT_EQ(
      value(applyUnary(unary(OpKind::LeftShift, 100), ClearTensor::scalar(0))),
      ClearTensor::scalar(0));
}

TEST(ClearTensorTest, Clip) {
  ClearTensor a = tensor({5}, {-7, -1, 0, 1, 7});
  UnaryOp clip = unary(OpKind::Clip);
  clip.min = -1;
  clip.max = 2;
  EXPECT_EQ(value(applyUnary(clip, a)), tensor({5}, {-1, -1, 0, 1, 2}));
  // np.clip(a, None, 0)
  clip.min.reset();
  clip.max = 0;
  EXPECT_EQ(value(applyUnary(clip, a)), tensor({5}, {-7, -1, 0, 0, 0}));
  // np.clip(a, 3, 1): the maximum wins, as numpy's minimum(maximum(a, 3), 1).
  clip.min = 3;
  clip.max = 1;
  EXPECT_EQ(value(applyUnary(clip, a)), tensor({5}, {1, 1, 1, 1, 1}));
}

TEST(ClearTensorTest, RoundBits) {
  // ((a + 2) >> 2) << 2: the nearest multiple of 4, ties upwards.
  ClearTensor a = tensor({8}, {-6, -5, -3, -2, 1, 2, 5, 6});
  EXPECT_EQ(value(applyUnary(unary(OpKind::RoundBits, 2), a)),
            tensor({8}, {-4, -4, -4, 0, 0, 4, 4, 8}));
  EXPECT_EQ(value(applyUnary(unary(OpKind::RoundBits, 64), a)),
            ClearTensor::splat({8}, 0));
  EXPECT_EQ(error(applyUnary(unary(OpKind::RoundBits, 62),
                             ClearTensor::scalar(INT64_MAX))),
            "round_bits of 9223372036854775807 by 62 overflows int64");
}

TEST(ClearTensorTest, Lut) {
  UnaryOp lut = unary(OpKind::Lut, -1);
  lut.table = {10, 20, 30};
  EXPECT_EQ(value(applyUnary(lut, tensor({2, 2}, {-1, 0, 1, 0}))),
            tensor({2, 2}, {10, 20, 30, 20}));
  EXPECT_EQ(
      error(applyUnary(lut, tensor({1}, {2}))),
      "the value 2 minus the offset -1 is outside the table of 3 entries");
  EXPECT_EQ(error(applyUnary(lut, tensor({1}, {-2}))),
            "the value -2 minus the offset -1 is outside the table of 3 "
            "entries");
}

TEST(ClearTensorTest, Dot) {
  EXPECT_EQ(value(dot(tensor({3}, {1, 2, 3}), tensor({3}, {4, 5, 6}))),
            ClearTensor::scalar(32));
  EXPECT_EQ(error(dot(tensor({3}, {1, 2, 3}), tensor({2}, {4, 5}))),
            "dot of vectors of different lengths [3] and [2]");
  EXPECT_EQ(error(dot(iota({2, 2}), iota({2}))),
            "dot takes two 1-D tensors, got shapes [2, 2] and [2]");
}

TEST(ClearTensorTest, Matmul) {
  ClearTensor a = iota({2, 3}); // [[1,2,3],[4,5,6]]
  ClearTensor b = tensor({3, 2}, {7, 8, 9, 10, 11, 12});
  EXPECT_EQ(value(matmul(a, b)), tensor({2, 2}, {58, 64, 139, 154}));
  // A vector on the left is a row, on the right a column.
  EXPECT_EQ(value(matmul(tensor({3}, {1, 2, 3}), b)), tensor({2}, {58, 64}));
  EXPECT_EQ(value(matmul(a, tensor({3}, {1, 0, -1}))), tensor({2}, {-2, -2}));
  EXPECT_EQ(value(matmul(tensor({3}, {1, 2, 3}), tensor({3}, {4, 5, 6}))),
            ClearTensor::scalar(32));
  // A stack of two 1x2 matrices by one 2x2 matrix.
  EXPECT_EQ(value(matmul(tensor({2, 1, 2}, {1, 2, 3, 4}), iota({2, 2}))),
            tensor({2, 1, 2}, {7, 10, 15, 22}));
  // Stack dimensions (2, 1) and (3,) broadcast to (2, 3): rows [1, 2] and
  // [3, 4] times columns [1, 0], [0, 1] and [1, 1].
  ClearTensor rows = tensor({2, 1, 1, 2}, {1, 2, 3, 4});
  ClearTensor columns = tensor({3, 2, 1}, {1, 0, 0, 1, 1, 1});
  EXPECT_EQ(value(matmul(rows, columns)),
            tensor({2, 3, 1, 1}, {1, 2, 3, 3, 4, 7}));
  EXPECT_EQ(error(matmul(a, a)),
            "matmul of shapes [2, 3] and [2, 3]: the contracted dimensions 3 "
            "and 2 differ");
  EXPECT_EQ(error(matmul(ClearTensor::scalar(2), a)),
            "matmul does not take scalars, got shapes [] and [2, 3]");
  EXPECT_EQ(error(matmul(iota({2, 2, 3}), iota({3, 3, 2}))),
            "matmul of shapes [2, 2, 3] and [3, 3, 2]: the stack dimensions "
            "shapes [2] and [3] do not broadcast");
}

TEST(ClearTensorTest, Sum) {
  ClearTensor a = iota({2, 3}); // [[1,2,3],[4,5,6]]
  EXPECT_EQ(value(sum(a, std::nullopt, false)), ClearTensor::scalar(21));
  EXPECT_EQ(value(sum(a, std::nullopt, true)), tensor({1, 1}, {21}));
  Shape axis0 = {0}, last = {-1}, none = {}, both = {1, 0};
  EXPECT_EQ(value(sum(a, llvm::ArrayRef(axis0), false)),
            tensor({3}, {5, 7, 9}));
  EXPECT_EQ(value(sum(a, llvm::ArrayRef(last), true)), tensor({2, 1}, {6, 15}));
  // np.sum(a, axis=()) sums nothing.
  EXPECT_EQ(value(sum(a, llvm::ArrayRef(none), false)), a);
  EXPECT_EQ(value(sum(a, llvm::ArrayRef(both), false)),
            ClearTensor::scalar(21));
  EXPECT_EQ(value(sum(iota({2, 3, 2}), llvm::ArrayRef(axis0), false)),
            tensor({3, 2}, {8, 10, 12, 14, 16, 18}));
  Shape repeated = {1, -1}, outside = {2};
  EXPECT_EQ(error(sum(a, llvm::ArrayRef(repeated), false)),
            "axis -1 is repeated in [1, -1]");
  EXPECT_EQ(error(sum(a, llvm::ArrayRef(outside), false)),
            "axis 2 is out of bounds for a tensor of rank 2");
}

Window2d window(std::vector<int64_t> strides, std::vector<int64_t> pads,
                std::vector<int64_t> dilations = {1, 1}) {
  Window2d result;
  result.strides.assign(strides.begin(), strides.end());
  result.pads.assign(pads.begin(), pads.end());
  result.dilations.assign(dilations.begin(), dilations.end());
  return result;
}

TEST(ClearTensorTest, Conv2d) {
  ClearTensor image = iota({1, 1, 3, 3}); // 1..9
  ClearTensor diagonal = tensor({1, 1, 2, 2}, {1, 0, 0, -1});
  EXPECT_EQ(
      value(conv2d(image, diagonal, nullptr, window({1, 1}, {0, 0, 0, 0}), 1)),
      tensor({1, 1, 2, 2}, {-4, -4, -4, -4}));
  // One zero row on top, one zero column on the left, and a bias of 10.
  ClearTensor bias = tensor({1}, {10});
  EXPECT_EQ(
      value(conv2d(image, diagonal, &bias, window({1, 1}, {1, 1, 0, 0}), 1)),
      tensor({1, 1, 3, 3}, {9, 8, 7, 6, 6, 6, 3, 6, 6}));
  ClearTensor ones = ClearTensor::splat({1, 1, 2, 2}, 1);
  ClearTensor big = iota({1, 1, 4, 4}); // 1..16
  EXPECT_EQ(value(conv2d(big, ones, nullptr, window({2, 2}, {0, 0, 0, 0}), 1)),
            tensor({1, 1, 2, 2}, {14, 22, 46, 54}));
  EXPECT_EQ(value(conv2d(big, ones, nullptr,
                         window({1, 1}, {0, 0, 0, 0}, {2, 2}), 1)),
            tensor({1, 1, 2, 2}, {24, 28, 40, 44}));
  // Two groups: each filter sees its own channel.
  ClearTensor channels = iota({1, 2, 2, 2}); // [[1,2],[3,4]], [[5,6],[7,8]]
  ClearTensor scales = tensor({2, 1, 1, 1}, {2, 3});
  EXPECT_EQ(
      value(conv2d(channels, scales, nullptr, window({1, 1}, {0, 0, 0, 0}), 2)),
      tensor({1, 2, 2, 2}, {2, 4, 6, 8, 15, 18, 21, 24}));
  // One group: each filter sums both channels.
  ClearTensor mix = tensor({1, 2, 1, 1}, {1, -1});
  EXPECT_EQ(
      value(conv2d(channels, mix, nullptr, window({1, 1}, {0, 0, 0, 0}), 1)),
      tensor({1, 1, 2, 2}, {-4, -4, -4, -4}));
  EXPECT_EQ(
      error(conv2d(channels, scales, nullptr, window({1, 1}, {0, 0, 0, 0}), 1)),
      "the weight [2, 1, 1, 1] has 1 channels per filter, but 2 input "
      "channels in 1 group(s) need 2");
  EXPECT_EQ(error(conv2d(image, diagonal, &bias, window({1}, {0, 0, 0, 0}), 1)),
            "'strides' must be 2 positive integers [sh, sw], got [1]");
  ClearTensor wrongBias = tensor({2}, {1, 2});
  EXPECT_EQ(error(conv2d(image, diagonal, &wrongBias,
                         window({1, 1}, {0, 0, 0, 0}), 1)),
            "the bias must have one element per filter (shape [1]), got shape "
            "[2]");
}

TEST(ClearTensorTest, Maxpool2d) {
  ClearTensor image =
      tensor({1, 1, 3, 3}, {-1, -2, -3, -4, -5, -6, -7, -8, -9});
  Shape kernel = {2, 2};
  EXPECT_EQ(value(maxpool2d(image, kernel, window({2, 2}, {0, 0, 0, 0}))),
            tensor({1, 1, 1, 1}, {-1}));
  // Padded cells never win, although they would if they held 0.
  EXPECT_EQ(value(maxpool2d(image, kernel, window({2, 2}, {1, 1, 1, 1}))),
            tensor({1, 1, 2, 2}, {-1, -2, -4, -5}));
  EXPECT_EQ(value(maxpool2d(iota({1, 1, 3, 3}), kernel,
                            window({1, 1}, {0, 0, 0, 0}))),
            tensor({1, 1, 2, 2}, {5, 6, 8, 9}));
  EXPECT_EQ(error(maxpool2d(image, kernel, window({1, 1}, {2, 0, 0, 0}))),
            "the window at height position 0 covers only padding: the pads "
            "[2, 0, 0, 0] are too large for the kernel [2, 2]");
}

TEST(ClearTensorTest, ReshapeAndFlatten) {
  ClearTensor a = iota({2, 3});
  Shape inferred = {3, -1};
  EXPECT_EQ(value(reshape(a, inferred)), iota({3, 2}));
  Shape scalar = {};
  EXPECT_EQ(value(reshape(iota({1, 1}), scalar)), ClearTensor::scalar(1));
  Shape wrong = {4, -1};
  EXPECT_EQ(error(reshape(a, wrong)), "cannot reshape [2, 3] into [4, -1]");
  EXPECT_EQ(flatten(a), iota({6}));
  EXPECT_EQ(flatten(ClearTensor::scalar(5)), tensor({1}, {5}));
}

TEST(ClearTensorTest, Transpose) {
  EXPECT_EQ(value(transpose(iota({2, 3}), std::nullopt)),
            tensor({3, 2}, {1, 4, 2, 5, 3, 6}));
  // result[i, j, k] = a[k, i, j]
  ClearTensor a = iota({2, 3, 4}, 0);
  Shape axes = {1, -1, 0};
  ClearTensor t = value(transpose(a, llvm::ArrayRef(axes)));
  ASSERT_EQ(t.getShape(), llvm::ArrayRef<int64_t>({3, 4, 2}));
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 4; ++j)
      for (int64_t k = 0; k < 2; ++k)
        EXPECT_EQ(t.at({i, j, k}), a.at({k, i, j}));
  Shape notPermutation = {0, 0, 1};
  EXPECT_EQ(error(transpose(a, llvm::ArrayRef(notPermutation))),
            "axis 0 is repeated in [0, 0, 1]");
}

TEST(ClearTensorTest, Concatenate) {
  ClearTensor a = iota({2, 2});
  ClearTensor b = tensor({2, 1}, {9, 8});
  EXPECT_EQ(value(concatenate({&a, &b}, -1)),
            tensor({2, 3}, {1, 2, 9, 3, 4, 8}));
  EXPECT_EQ(value(concatenate({&a, &a}, 0)),
            tensor({4, 2}, {1, 2, 3, 4, 1, 2, 3, 4}));
  // axis=None flattens first.
  EXPECT_EQ(value(concatenate({&a, &b}, std::nullopt)),
            tensor({6}, {1, 2, 3, 4, 9, 8}));
  EXPECT_EQ(error(concatenate({&a, &b}, 0)),
            "cannot concatenate shapes [2, 2] and [2, 1] along axis 0");
  ClearTensor scalar = ClearTensor::scalar(1);
  EXPECT_EQ(error(concatenate({&scalar}, 0)), "cannot concatenate scalars");
}

TEST(ClearTensorTest, BroadcastExpandSqueeze) {
  Shape target = {2, 3, 2};
  EXPECT_EQ(value(broadcastTo(tensor({3, 1}, {1, 2, 3}), target)),
            tensor({2, 3, 2}, {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}));
  Shape smaller = {3};
  EXPECT_EQ(error(broadcastTo(iota({2}), smaller)),
            "shape [2] does not broadcast to [3]");
  Shape axes = {0, -1};
  EXPECT_EQ(value(expandDims(iota({3}), axes)), iota({1, 3, 1}));
  EXPECT_EQ(value(squeeze(iota({1, 3, 1}), std::nullopt)), iota({3}));
  Shape last = {2};
  EXPECT_EQ(value(squeeze(iota({1, 3, 1}), llvm::ArrayRef(last))),
            iota({1, 3}));
  Shape middle = {1};
  EXPECT_EQ(error(squeeze(iota({1, 3, 1}), llvm::ArrayRef(middle))),
            "cannot squeeze axis 1 of size 3 in shape [1, 3, 1]");
}

TEST(ClearTensorTest, Slice) {
  ClearTensor a = iota({10}, 0);
  using Bounds = std::vector<std::optional<int64_t>>;
  // a[8:2:-3], a[-3:], a[::-1], a[100:-100:-4]
  EXPECT_EQ(value(slice(a, Bounds{8}, Bounds{2}, Bounds{-3})),
            tensor({2}, {8, 5}));
  EXPECT_EQ(value(slice(a, Bounds{-3}, Bounds{}, Bounds{})),
            tensor({3}, {7, 8, 9}));
  EXPECT_EQ(value(slice(a, Bounds{}, Bounds{}, Bounds{-1})),
            tensor({10}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(value(slice(a, Bounds{100}, Bounds{-100}, Bounds{-4})),
            tensor({3}, {9, 5, 1}));
  // a[::2, 1::-1] on a 3x3 matrix, and a[1:] on the leading axis only.
  ClearTensor m = iota({3, 3}, 0);
  EXPECT_EQ(value(slice(m, Bounds{std::nullopt, 1}, Bounds{}, Bounds{2, -1})),
            tensor({2, 2}, {1, 0, 7, 6}));
  EXPECT_EQ(value(slice(m, Bounds{1}, Bounds{}, Bounds{})),
            tensor({2, 3}, {3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(error(slice(a, Bounds{}, Bounds{}, Bounds{0})),
            "the step of axis 0 is zero");
  EXPECT_EQ(error(slice(a, Bounds{5}, Bounds{5}, Bounds{})),
            "the slice selects no element along axis 0 of shape [10]");
}

TEST(ClearTensorTest, Json) {
  auto json = nlohmann::json::parse("[[1, -2], [3, 9223372036854775807]]");
  ClearTensor t = value(ClearTensor::fromJson(json));
  EXPECT_EQ(t, tensor({2, 2}, {1, -2, 3, INT64_MAX}));
  EXPECT_EQ(t.toJson(), json);
  EXPECT_EQ(t.str(), "[[1, -2], [3, 9223372036854775807]]");
  EXPECT_EQ(value(ClearTensor::fromJson(nlohmann::json(7))),
            ClearTensor::scalar(7));
  EXPECT_EQ(ClearTensor::scalar(7).toJson(), nlohmann::json(7));
  EXPECT_EQ(error(ClearTensor::fromJson(nlohmann::json::parse("[[1], 2]"))),
            "the element at [1] does not match the shape [2, 1] of the first "
            "elements: nested lists must be rectangular");
  EXPECT_EQ(error(ClearTensor::fromJson(nlohmann::json::parse("[1, 2.5]"))),
            "expected an integer at [1], got 2.5");
  EXPECT_EQ(error(ClearTensor::fromJson(nlohmann::json::parse("[]"))),
            "the list at top is empty");
  EXPECT_EQ(error(ClearTensor::fromJson(
                nlohmann::json::parse("9223372036854775808"))),
            "the integer 9223372036854775808 does not fit int64");
}

} // namespace

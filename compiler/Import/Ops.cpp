#include "compiler/Import/Ops.h"
#include "compiler/Import/Shapes.h"

#include <algorithm>

namespace shade::import {

namespace {
struct OpEntry {
  OpKind kind;
  const char *name;
};
} // namespace

static constexpr OpEntry kOps[] = {
    {OpKind::Constant, "constant"},
    {OpKind::Add, "add"},
    {OpKind::Subtract, "subtract"},
    {OpKind::Multiply, "multiply"},
    {OpKind::Maximum, "maximum"},
    {OpKind::Minimum, "minimum"},
    {OpKind::Less, "less"},
    {OpKind::LessEqual, "less_equal"},
    {OpKind::Greater, "greater"},
    {OpKind::GreaterEqual, "greater_equal"},
    {OpKind::Equal, "equal"},
    {OpKind::NotEqual, "not_equal"},
    {OpKind::BitwiseAnd, "bitwise_and"},
    {OpKind::BitwiseOr, "bitwise_or"},
    {OpKind::BitwiseXor, "bitwise_xor"},
    {OpKind::Where, "where"},
    {OpKind::Negative, "negative"},
    {OpKind::Abs, "abs"},
    {OpKind::Square, "square"},
    {OpKind::Relu, "relu"},
    {OpKind::Clip, "clip"},
    {OpKind::FloorDivide, "floor_divide"},
    {OpKind::LeftShift, "left_shift"},
    {OpKind::RightShift, "right_shift"},
    {OpKind::RoundBits, "round_bits"},
    {OpKind::Lut, "lut"},
    {OpKind::Dot, "dot"},
    {OpKind::Matmul, "matmul"},
    {OpKind::Sum, "sum"},
    {OpKind::Conv2d, "conv2d"},
    {OpKind::Maxpool2d, "maxpool2d"},
    {OpKind::Reshape, "reshape"},
    {OpKind::Transpose, "transpose"},
    {OpKind::Concatenate, "concatenate"},
    {OpKind::BroadcastTo, "broadcast_to"},
    {OpKind::ExpandDims, "expand_dims"},
    {OpKind::Squeeze, "squeeze"},
    {OpKind::Flatten, "flatten"},
    {OpKind::Slice, "slice"},
};

llvm::StringRef getOpName(OpKind kind) {
  for (const OpEntry &entry : kOps)
    if (entry.kind == kind)
      return entry.name;
  llvm_unreachable("every op kind has a name");
}

std::optional<OpKind> parseOpName(llvm::StringRef name) {
  for (const OpEntry &entry : kOps)
    if (name == entry.name)
      return entry.kind;
  return std::nullopt;
}

bool isElementwiseBinary(OpKind kind) {
  return kind >= OpKind::Add && kind <= OpKind::BitwiseXor;
}

bool isComparison(OpKind kind) {
  return kind >= OpKind::Less && kind <= OpKind::NotEqual;
}

bool isBitwise(OpKind kind) {
  return kind >= OpKind::BitwiseAnd && kind <= OpKind::BitwiseXor;
}

bool isElementwiseUnary(OpKind kind) {
  return kind >= OpKind::Negative && kind <= OpKind::Lut;
}

static llvm::Error overflow(OpKind kind, int64_t lhs, int64_t rhs) {
  return makeError(getOpName(kind) + " of " + llvm::Twine(lhs) + " and " +
                   llvm::Twine(rhs) + " overflows int64");
}

static llvm::Error overflow(const UnaryOp &op, int64_t value) {
  bool hasParameter = op.kind == OpKind::FloorDivide ||
                      op.kind == OpKind::LeftShift ||
                      op.kind == OpKind::RoundBits;
  std::string by =
      hasParameter ? " by " + std::to_string(op.parameter) : std::string();
  return makeError(getOpName(op.kind) + " of " + llvm::Twine(value) + by +
                   " overflows int64");
}

/// `value` when it fits int64.
static std::optional<int64_t> narrow(__int128 value) {
  if (value < INT64_MIN || value > INT64_MAX)
    return std::nullopt;
  return int64_t(value);
}

llvm::Expected<int64_t> applyBinary(OpKind kind, int64_t lhs, int64_t rhs) {
  int64_t result;
  switch (kind) {
  case OpKind::Add:
    if (__builtin_add_overflow(lhs, rhs, &result))
      return overflow(kind, lhs, rhs);
    return result;
  case OpKind::Subtract:
    if (__builtin_sub_overflow(lhs, rhs, &result))
      return overflow(kind, lhs, rhs);
    return result;
  case OpKind::Multiply:
    if (__builtin_mul_overflow(lhs, rhs, &result))
      return overflow(kind, lhs, rhs);
    return result;
  case OpKind::Maximum:
    return std::max(lhs, rhs);
  case OpKind::Minimum:
    return std::min(lhs, rhs);
  case OpKind::Less:
    return int64_t(lhs < rhs);
  case OpKind::LessEqual:
    return int64_t(lhs <= rhs);
  case OpKind::Greater:
    return int64_t(lhs > rhs);
  case OpKind::GreaterEqual:
    return int64_t(lhs >= rhs);
  case OpKind::Equal:
    return int64_t(lhs == rhs);
  case OpKind::NotEqual:
    return int64_t(lhs != rhs);
  // int64 is two's complement, as numpy's bitwise ops read it.
  case OpKind::BitwiseAnd:
    return lhs & rhs;
  case OpKind::BitwiseOr:
    return lhs | rhs;
  case OpKind::BitwiseXor:
    return lhs ^ rhs;
  default:
    llvm_unreachable("not an element-wise binary op");
  }
}

/// numpy's `a // b` on int64: the quotient rounded towards -infinity.
static std::optional<int64_t> floorDivide(int64_t a, int64_t b) {
  if (a == INT64_MIN && b == -1)
    return std::nullopt;
  int64_t quotient = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0)))
    --quotient;
  return quotient;
}

/// `((a + 2^(lsbs-1)) >> lsbs) << lsbs`, computed exactly.
static std::optional<int64_t> roundBits(int64_t a, int64_t lsbs) {
  // From 64 low bits up, every int64 rounds to 0.
  if (lsbs >= 64)
    return 0;
  __int128 half = __int128(1) << (lsbs - 1);
  __int128 rounded = ((__int128(a) + half) >> lsbs) << lsbs;
  return narrow(rounded);
}

llvm::Expected<int64_t> applyUnary(const UnaryOp &op, int64_t value) {
  std::optional<int64_t> result;
  switch (op.kind) {
  case OpKind::Negative:
    result = narrow(-__int128(value));
    break;
  case OpKind::Abs:
    result = narrow(value < 0 ? -__int128(value) : __int128(value));
    break;
  case OpKind::Square:
    result = narrow(__int128(value) * value);
    break;
  case OpKind::Relu:
    return std::max<int64_t>(value, 0);
  case OpKind::Clip: {
    int64_t clipped = value;
    if (op.min)
      clipped = std::max(clipped, *op.min);
    if (op.max)
      clipped = std::min(clipped, *op.max);
    return clipped;
  }
  case OpKind::FloorDivide:
    result = floorDivide(value, op.parameter);
    break;
  case OpKind::LeftShift:
    if (value == 0)
      return 0;
    if (op.parameter < 63)
      result = narrow(__int128(value) << op.parameter);
    break;
  case OpKind::RightShift:
    return op.parameter >= 64 ? (value < 0 ? -1 : 0) : value >> op.parameter;
  case OpKind::RoundBits:
    result = roundBits(value, op.parameter);
    break;
  case OpKind::Lut: {
    __int128 index = __int128(value) - op.parameter;
    if (index < 0 || index >= __int128(op.table.size()))
      return makeError("the value " + llvm::Twine(value) +
                       " minus the offset " + llvm::Twine(op.parameter) +
                       " is outside the table of " +
                       llvm::Twine(op.table.size()) + " entries");
    return op.table[size_t(index)];
  }
  default:
    llvm_unreachable("not an element-wise unary op");
  }
  if (!result)
    return overflow(op, value);
  return *result;
}

} // namespace shade::import

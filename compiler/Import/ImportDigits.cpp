// Encrypted × encrypted products of wide values, digit by digit: each operand
// is split into digits of a few bits by small bootstraps (a chain of
// clear_low_bits), every pair of digits is read by one small table that
// gives its share of the product, and the shares are added (docs/
// graph-import.md, "Wide products"), and the digits' other uses.

#include "compiler/Analysis/BitExtraction.h"
#include "compiler/Analysis/Decomposition.h"
#include "compiler/Import/GraphImporter.h"
#include "compiler/Optimizer/ParameterSearch.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include <cassert>

using namespace mlir;

namespace shade::import {
namespace {

/// The widest digit of an operand: a pair of digits is read by a table of
/// twice as many bits.
constexpr unsigned kProductDigitBits = 3;

/// The widest operand (after its offset) of a digit product: the contract's
/// 16 bits, and the difference of two such values that `where` multiplies.
constexpr unsigned kMaxDigitProductWidth = 18;

/// The estimated cost per element of a * x^2 + ... on a `width`-bit x into a
/// `result`-bit value: the clearing of x's low digits, one table per digit
/// and one per pair of different digits.
double digitQuadraticCost(unsigned width, unsigned result) {
  llvm::SmallVector<int64_t> digits =
      analysis::planChunks(width, kProductDigitBits - 1);
  double cost = digitClearingCost(width, llvm::ArrayRef(digits).drop_back());
  for (size_t i = 0; i < digits.size(); ++i) {
    cost += optimizer::bootstrapCostAtWidth(unsigned(digits[i]), result);
    for (size_t j = i + 1; j < digits.size(); ++j)
      cost += optimizer::bootstrapCostAtWidth(unsigned(digits[i] + digits[j]),
                                              result);
  }
  return cost;
}

/// The estimated cost per element of the digit product of operands of `a`
/// and `b` bits into a `result`-bit value: the clearing of each operand's
/// low digits and one table per pair of digits.
double digitProductCost(unsigned a, unsigned b, unsigned result) {
  double cost = 0;
  llvm::SmallVector<int64_t> aDigits =
      analysis::planChunks(a, kProductDigitBits - 1);
  llvm::SmallVector<int64_t> bDigits =
      analysis::planChunks(b, kProductDigitBits - 1);
  cost += digitClearingCost(a, llvm::ArrayRef(aDigits).drop_back());
  cost += digitClearingCost(b, llvm::ArrayRef(bDigits).drop_back());
  for (int64_t aBits : aDigits)
    for (int64_t bBits : bDigits)
      cost += optimizer::bootstrapCostAtWidth(unsigned(aBits + bBits), result);
  return cost;
}

} // namespace

double digitClearingCost(unsigned width, llvm::ArrayRef<int64_t> digits) {
  double cost = 0;
  for (const analysis::ExtractionStep &step :
       analysis::extractionSteps(width, digits))
    cost += optimizer::bootstrapCostAtWidth(step.lookupWidth, width);
  return cost;
}

llvm::Expected<GraphImporter::Digits>
GraphImporter::emitDigits(Value value, int64_t offset, unsigned digitBits,
                          Location loc, std::optional<unsigned> bits) {
  llvm::ArrayRef<int64_t> shape =
      cast<RankedTensorType>(value.getType()).getShape();
  RankedTensorType type = getEncryptedType(shape);
  Digits digits;
  digits.offset = offset;
  Value remaining = value;
  if (offset != 0) {
    llvm::Expected<Value> shifted =
        emitTyped(builder.create<fhelinalg::AddEintIntOp>(
            loc, type, value,
            createConstant(ClearTensor::scalar(offset), loc)));
    if (!shifted)
      return shifted.takeError();
    remaining = *shifted;
  }
  analysis::Interval range = ranges.getRange(remaining).getHull();
  assert(range.lo >= 0 && "digits of a non-negative value");
  unsigned ownBits = analysis::unsignedWidth(range);
  llvm::SmallVector<int64_t> plan =
      analysis::planChunks(std::max(bits.value_or(0), ownBits), digitBits - 1);
  // The digits the value reaches: all but the last of them cleared in turn.
  size_t reached = 0;
  for (unsigned lowBit = 0; reached < plan.size() && lowBit < ownBits;)
    lowBit += plan[reached++];
  llvm::Expected<Value> top =
      emitDigitChain(remaining, llvm::ArrayRef(plan).take_front(reached - 1),
                     digits.digits, loc);
  if (!top)
    return top.takeError();
  // The top digit is what the clearing leaves; those above it are zero.
  unsigned lowBit = digits.digits.empty() ? 0
                                          : digits.digits.back().lowBit +
                                                digits.digits.back().bits;
  digits.digits.push_back({*top, lowBit, unsigned(plan[reached - 1])});
  for (int64_t bits : llvm::ArrayRef(plan).drop_front(reached)) {
    lowBit += digits.digits.back().bits;
    digits.digits.push_back({Value(), lowBit, unsigned(bits)});
  }
  return digits;
}

llvm::Expected<Value>
GraphImporter::emitDigitChain(Value value, llvm::ArrayRef<int64_t> plan,
                              llvm::SmallVectorImpl<Digit> &digits,
                              Location loc) {
  RankedTensorType type =
      getEncryptedType(cast<RankedTensorType>(value.getType()).getShape());
  Value remaining = value;
  unsigned lowBit = 0;
  for (int64_t bits : plan) {
    llvm::Expected<Value> cleared =
        emitTyped(builder.create<fhelinalg::ClearLowBitsOp>(
            loc, type, remaining, lowBit + bits, /*chunks=*/nullptr, lowBit));
    if (!cleared)
      return cleared.takeError();
    llvm::Expected<Value> digit = emitTyped(
        builder.create<fhelinalg::SubEintOp>(loc, type, remaining, *cleared),
        analysis::Interval{0, ((int64_t(1) << bits) - 1) << lowBit});
    if (!digit)
      return digit.takeError();
    digits.push_back({*digit, lowBit, unsigned(bits)});
    remaining = *cleared;
    lowBit += bits;
  }
  return remaining;
}

llvm::Expected<Value> GraphImporter::emitDigitPair(
    const Digit &high, const Digit &low, llvm::ArrayRef<int64_t> shape,
    llvm::function_ref<int64_t(int64_t, int64_t)> entry, Location loc) {
  auto typeOf = [&](Value value) {
    return getEncryptedType(cast<RankedTensorType>(value.getType()).getShape());
  };
  // high * 2^low.bits + low, read at the top of a narrow encoding: the high
  // digit rescaled by 2^(lowBit - low.bits) (after moving it up when it sits
  // lower than that), the low one by 2^lowBit. A digit beyond its value's
  // width is zero and read as such.
  int64_t lowMask = (int64_t(1) << low.bits) - 1;
  auto table = [&](Value joined) {
    return emitTable(
        joined,
        [&](int64_t v) -> llvm::Expected<int64_t> {
          return entry(v >> low.bits, v & lowMask);
        },
        loc);
  };
  Value highRead, lowRead;
  if (high.value) {
    Value moved = high.value;
    unsigned shift = high.lowBit;
    if (shift < low.bits) {
      llvm::Expected<Value> up =
          emitTyped(builder.create<fhelinalg::MulEintIntOp>(
              loc, typeOf(high.value), high.value,
              createConstant(
                  ClearTensor::scalar(int64_t(1) << (low.bits - shift)), loc)));
      if (!up)
        return up.takeError();
      moved = *up;
      shift = low.bits;
    }
    llvm::Expected<Value> read = emitTyped(builder.create<fhelinalg::RescaleOp>(
        loc, typeOf(moved), moved, shift - low.bits, /*offset=*/0,
        /*approximate=*/false));
    if (!read)
      return read.takeError();
    highRead = *read;
  }
  if (low.value) {
    llvm::Expected<Value> read = emitTyped(builder.create<fhelinalg::RescaleOp>(
        loc, typeOf(low.value), low.value, low.lowBit, /*offset=*/0,
        /*approximate=*/false));
    if (!read)
      return read.takeError();
    lowRead = *read;
  }
  if (!highRead && !lowRead)
    return encryptClear(
        createConstant(ClearTensor::splat(shape, entry(0, 0)), loc), loc);
  if (!highRead || !lowRead)
    return table(highRead ? highRead : lowRead);
  llvm::Expected<Value> joined = emitTyped(builder.create<fhelinalg::AddEintOp>(
      loc, getEncryptedType(shape), highRead, lowRead));
  if (!joined)
    return joined.takeError();
  return table(*joined);
}

llvm::Expected<std::optional<Value>>
GraphImporter::emitDigitProduct(Value lhs, Value rhs,
                                llvm::ArrayRef<int64_t> shape, Location loc) {
  analysis::Interval a = ranges.getRange(lhs).getHull();
  analysis::Interval b = ranges.getRange(rhs).getHull();
  std::optional<analysis::DecompositionHeadroom> headroom =
      analysis::productHeadroom(a, b);
  std::optional<analysis::Interval> product = analysis::mul(a, b);
  if (!headroom || !product)
    return std::nullopt;
  // The quarter squares read a + b and a - b: one table each when it can
  // read them and that is not clearly dearer than the digits.
  unsigned squaresWidth =
      analysis::tableReading(
          analysis::hull(headroom->operandClass[0], headroom->operandClass[1]))
          .width;
  unsigned aBits = analysis::unsignedWidth({0, a.hi - a.lo});
  unsigned bBits = analysis::unsignedWidth({0, b.hi - b.lo});
  if (aBits > kMaxDigitProductWidth || bBits > kMaxDigitProductWidth)
    return std::nullopt;
  unsigned resultBits = analysis::tableReading(*product).width;
  if (squaresWidth <= maxWidth &&
      digitProductCost(aBits, bBits, resultBits) * kDecomposedCostMargin >=
          2 * optimizer::bootstrapCostAtWidth(squaresWidth))
    return std::nullopt;

  // a * b = (u + a.lo)(v + b.lo) for the non-negative u = a - a.lo and
  // v = b - b.lo: u * v digit by digit, and the terms of a.lo and b.lo in
  // the tables of the pairs with the lowest digit of the other operand.
  llvm::Expected<Digits> u = emitDigits(lhs, -a.lo, kProductDigitBits, loc);
  if (!u)
    return u.takeError();
  llvm::Expected<Digits> v = emitDigits(rhs, -b.lo, kProductDigitBits, loc);
  if (!v)
    return v.takeError();
  Value total;
  for (size_t i = 0; i < u->digits.size(); ++i)
    for (size_t j = 0; j < v->digits.size(); ++j) {
      const Digit &x = u->digits[i], &y = v->digits[j];
      llvm::Expected<Value> share = emitDigitPair(
          x, y, shape,
          [&](int64_t xd, int64_t yd) {
            int64_t xs = xd << x.lowBit, ys = yd << y.lowBit;
            int64_t value = xs * ys;
            if (j == 0)
              value += b.lo * xs;
            if (i == 0)
              value += a.lo * ys;
            if (i == 0 && j == 0)
              value += a.lo * b.lo;
            return value;
          },
          loc);
      if (!share)
        return share.takeError();
      bool last = i + 1 == u->digits.size() && j + 1 == v->digits.size();
      if (llvm::Error error =
              addShare(total, *share, shape,
                       last ? std::optional(*product) : std::nullopt, loc))
        return error;
    }
  return std::optional<Value>(total);
}

llvm::Expected<std::optional<Value>> GraphImporter::emitDigitQuadratic(
    Value source, const analysis::Quadratic &quadratic, Location loc) {
  analysis::Interval x = ranges.getRange(source).getHull();
  unsigned width = analysis::unsignedWidth({0, x.hi - x.lo});
  if (width > kMaxDigitProductWidth)
    return std::nullopt;
  // The exact range of the result, and of every partial sum's bound.
  __int128 lo = INT64_MAX, hi = INT64_MIN;
  for (int64_t v = x.lo;; ++v) {
    __int128 value =
        __int128(quadratic.a) * v * v + __int128(quadratic.b) * v + quadratic.c;
    lo = std::min(lo, value);
    hi = std::max(hi, value);
    if (v == x.hi)
      break;
  }
  if (lo < INT64_MIN / 4 || hi > INT64_MAX / 4)
    return std::nullopt;
  analysis::Interval result{int64_t(lo), int64_t(hi)};
  unsigned sourceWidth = analysis::encryptedWidth(source);
  if (sourceWidth <= maxWidth &&
      digitQuadraticCost(width, analysis::tableReading(result).width) *
              kDecomposedCostMargin >=
          optimizer::bootstrapCostAtWidth(sourceWidth))
    return std::nullopt;

  // With u = x - x.lo = sum of u_i 2^s_i: a x^2 + b x + c
  //   = a u^2 + (2 a x.lo + b) u + (a x.lo^2 + b x.lo + c),
  // u^2 = sum of u_i^2 4^s_i + sum over i < j of 2 u_i u_j 2^(s_i + s_j).
  llvm::Expected<Digits> u = emitDigits(source, -x.lo, kProductDigitBits, loc);
  if (!u)
    return u.takeError();
  int64_t a = quadratic.a;
  int64_t linear = 2 * a * x.lo + quadratic.b;
  int64_t constant = a * x.lo * x.lo + quadratic.b * x.lo + quadratic.c;
  llvm::ArrayRef<int64_t> shape =
      cast<RankedTensorType>(source.getType()).getShape();
  RankedTensorType type = getEncryptedType(shape);
  Value total;
  auto add = [&](Value share, bool last) {
    return addShare(total, share, shape,
                    last ? std::optional(result) : std::nullopt, loc);
  };
  size_t count = u->digits.size();
  for (size_t i = 0; i < count; ++i) {
    const Digit &di = u->digits[i];
    // The digit read alone, at the top of its own encoding.
    llvm::Expected<Value> read = emitTyped(builder.create<fhelinalg::RescaleOp>(
        loc, type, di.value, di.lowBit, /*offset=*/0, /*approximate=*/false));
    if (!read)
      return read.takeError();
    int64_t weight = int64_t(1) << di.lowBit;
    llvm::Expected<Value> own = emitTable(
        *read,
        [&](int64_t d) -> llvm::Expected<int64_t> {
          return a * d * d * weight * weight + linear * d * weight +
                 (i == 0 ? constant : 0);
        },
        loc);
    if (!own)
      return own.takeError();
    if (llvm::Error error = add(*own, i + 1 == count))
      return error;
    for (size_t j = i + 1; j < count; ++j) {
      const Digit &dj = u->digits[j];
      llvm::Expected<Value> pair = emitDigitPair(
          dj, di, shape,
          [&](int64_t high, int64_t low) {
            return 2 * a * (high << dj.lowBit) * (low << di.lowBit);
          },
          loc);
      if (!pair)
        return pair.takeError();
      if (llvm::Error error = add(*pair, /*last=*/false))
        return error;
    }
  }
  return std::optional<Value>(total);
}

} // namespace shade::import

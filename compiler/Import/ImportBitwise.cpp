// Bitwise ops and where on encrypted values (docs/graph-import.md).
//
// A bitwise op of an encrypted value and a constant of one value is a step of
// a fused chain (ImportElementwise.cpp). Any other bitwise op is a function
// of two encrypted values (a clear operand is encrypted trivially): both are
// packed into one value by levelled ops, which one lookup table reads
// (emitBivariateTable). where(cond, a, b) is b + c * (a - b) with c the 0/1
// value of cond != 0: levelled when cond is clear, a table for c and a
// product when it is encrypted.

#include "compiler/Import/GraphImporter.h"
#include "compiler/Import/GraphParser.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <algorithm>

using namespace mlir;
using shade::analysis::Interval;

namespace shade::import {

/// The number of values of `range`, which a packing of two encrypted values
/// counts in (at most 2^63).
static uint64_t countValues(Interval range) {
  return uint64_t(__int128(range.hi) - range.lo + 1);
}

llvm::Error GraphImporter::importBitwise(const GraphNode &node,
                                         ImportedValue &result) {
  Location loc = getLoc(node);
  llvm::Expected<Value> lhs = materializeEncrypted(getArg(node, 0), loc);
  if (!lhs)
    return lhs.takeError();
  llvm::Expected<Value> rhs = materializeEncrypted(getArg(node, 1), loc);
  if (!rhs)
    return rhs.takeError();
  llvm::Expected<std::optional<Value>> digitwise =
      emitDigitwiseBitwise(node.op, *lhs, *rhs, result.shape, loc);
  if (!digitwise)
    return digitwise.takeError();
  if (*digitwise) {
    result.value = **digitwise;
    return llvm::Error::success();
  }
  llvm::Expected<Value> value = emitBivariateTable(
      *lhs, *rhs,
      [&](int64_t a, int64_t b) { return applyBinary(node.op, a, b); }, loc);
  if (!value)
    return value.takeError();
  result.value = *value;
  return llvm::Error::success();
}

llvm::Expected<std::optional<Value>>
GraphImporter::emitDigitwiseBitwise(OpKind op, Value lhs, Value rhs,
                                    llvm::ArrayRef<int64_t> shape,
                                    Location loc) {
  Interval a = ranges.getRange(lhs).getHull();
  Interval b = ranges.getRange(rhs).getHull();
  if ((unsigned __int128)countValues(a) * countValues(b) <=
      (unsigned __int128)1 << kMaxPackedTableWidth)
    return std::nullopt;
  // Two's complement on w bits, w holding both operands: the digits of
  // x + 2^(w-1) are those of x with the top bit flipped (none of this for
  // two non-negative operands).
  Interval both = analysis::hull(a, b);
  bool isSigned = both.lo < 0;
  unsigned width =
      isSigned ? analysis::signedWidth(both) : analysis::unsignedWidth(both);
  if (width > kMaxDigitwiseWidth)
    return std::nullopt;
  int64_t offset = isSigned ? int64_t(1) << (width - 1) : 0;
  llvm::Expected<Digits> x =
      emitDigits(lhs, offset, kBitwiseDigitBits, loc, width);
  if (!x)
    return x.takeError();
  llvm::Expected<Digits> y =
      emitDigits(rhs, offset, kBitwiseDigitBits, loc, width);
  if (!y)
    return y.takeError();

  Interval exact = op == OpKind::BitwiseAnd  ? analysis::bitwiseAnd(a, b)
                   : op == OpKind::BitwiseOr ? analysis::bitwiseOr(a, b)
                                             : analysis::bitwiseXor(a, b);
  Value total;
  size_t count = x->digits.size();
  for (size_t k = 0; k < count; ++k) {
    const Digit &xk = x->digits[k], &yk = y->digits[k];
    bool top = isSigned && k + 1 == count;
    int64_t topBit = int64_t(1) << (xk.bits - 1);
    llvm::Expected<Value> share = emitDigitPair(
        xk, yk, shape,
        [&](int64_t xd, int64_t yd) {
          if (top) {
            xd ^= topBit;
            yd ^= topBit;
          }
          int64_t digit = cantFail(applyBinary(op, xd, yd));
          // The top bit of a signed result weighs -2^(w-1).
          if (top && (digit & topBit))
            digit -= 2 * topBit;
          return digit * (int64_t(1) << xk.lowBit);
        },
        loc);
    if (!share)
      return share.takeError();
    if (llvm::Error error =
            addShare(total, *share, shape,
                     k + 1 == count ? std::optional(exact) : std::nullopt, loc))
      return error;
  }
  return std::optional<Value>(total);
}

llvm::Expected<Value> GraphImporter::emitBivariateTable(
    Value lhs, Value rhs,
    llvm::function_ref<llvm::Expected<int64_t>(int64_t, int64_t)> function,
    Location loc) {
  // p = (a - a.lo) * |b| + (b - b.lo) takes each pair of values of the two
  // ranges to its own value of [0, |a| * |b| - 1], with no gap: the table on
  // p is as narrow as a packing can be. Each operand is brought to 0 first
  // so that the values tied to the operands by levelled ops stay within
  // p's width.
  Interval lhsRange = ranges.getRange(lhs).getHull();
  Interval rhsRange = ranges.getRange(rhs).getHull();
  uint64_t lhsCount = countValues(lhsRange), rhsCount = countValues(rhsRange);
  unsigned __int128 packedCount = (unsigned __int128)lhsCount * rhsCount;
  if (packedCount > (unsigned __int128)1 << kMaxEncryptedWidth) {
    unsigned width = 0;
    while (((unsigned __int128)1 << width) < packedCount)
      ++width;
    return makeError(
        "a lookup table would read values that need " + llvm::Twine(width) +
        " bits (two operands in " + lhsRange.str() + " and " + rhsRange.str() +
        "); the largest width Shade can bootstrap is " + llvm::Twine(maxWidth) +
        ": bring the values to fewer bits first (round_bits, "
        "right_shift)");
  }

  auto emit = [&](Operation *op) -> llvm::Expected<Value> {
    if (llvm::Error error = setEncryptedTypes(op))
      return error;
    return op->getResult(0);
  };
  auto shapeOf = [](Value value) {
    return cast<RankedTensorType>(value.getType()).getShape();
  };
  auto constant = [&](int64_t value) {
    return createConstant(ClearTensor::scalar(value), loc);
  };
  auto fromZero = [&](Value value, Interval range) -> llvm::Expected<Value> {
    if (range.lo == 0)
      return value;
    // -lo fits: the range of an encrypted value is within 62 bits.
    return emit(builder.create<fhelinalg::AddEintIntOp>(
        loc, getEncryptedType(shapeOf(value)), value, constant(-range.lo)));
  };
  llvm::Expected<Value> high = fromZero(lhs, lhsRange);
  if (!high)
    return high.takeError();
  llvm::Expected<Value> low = fromZero(rhs, rhsRange);
  if (!low)
    return low.takeError();
  if (rhsCount > 1) {
    high = emit(builder.create<fhelinalg::MulEintIntOp>(
        loc, getEncryptedType(shapeOf(*high)), *high,
        constant(int64_t(rhsCount))));
    if (!high)
      return high.takeError();
  }
  llvm::Expected<Shape> shape = broadcastShapes(shapeOf(lhs), shapeOf(rhs));
  if (!shape)
    return shape.takeError();
  llvm::Expected<Value> packed = emit(builder.create<fhelinalg::AddEintOp>(
      loc, getEncryptedType(*shape), *high, *low));
  if (!packed)
    return packed.takeError();

  return emitTable(
      *packed,
      [&](int64_t value) {
        int64_t a = lhsRange.lo + int64_t(uint64_t(value) / rhsCount);
        int64_t b = rhsRange.lo + int64_t(uint64_t(value) % rhsCount);
        return function(a, b);
      },
      loc);
}

/// The exact range of where(cond, a, b) from the ranges of its operands: a's
/// where cond is not 0, b's where it is.
static Interval whereRange(Interval cond, Interval lhs, Interval rhs) {
  bool canBeZero = cond.contains(0);
  bool canBeNonZero = cond != Interval::point(0);
  if (!canBeZero)
    return lhs;
  if (!canBeNonZero)
    return rhs;
  return analysis::hull(lhs, rhs);
}

llvm::Error GraphImporter::importWhere(const GraphNode &node,
                                       ImportedValue &result) {
  Location loc = getLoc(node);
  const ImportedValue &condValue = getArg(node, 0);
  const ImportedValue &lhsValue = getArg(node, 1), &rhsValue = getArg(node, 2);
  auto isEncrypted = [](const ImportedValue &value) {
    return value.kind == ImportedValue::Kind::Encrypted;
  };
  bool lhsEncrypted = isEncrypted(lhsValue);
  bool rhsEncrypted = isEncrypted(rhsValue);
  // Constants are materialized only where the IR reads them.
  auto rangeOf = [&](const ImportedValue &value) {
    if (value.kind != ImportedValue::Kind::Constant)
      return ranges.getRange(value.value).getHull();
    auto [lo, hi] = std::minmax_element(value.constant.getElements().begin(),
                                        value.constant.getElements().end());
    return Interval{*lo, *hi};
  };
  Value cond = condValue.value;
  Interval condRange = rangeOf(condValue);
  Interval exact = whereRange(condRange, rangeOf(lhsValue), rangeOf(rhsValue));
  auto isSplatConstant = [](const ImportedValue &value) {
    return value.kind == ImportedValue::Kind::Constant &&
           value.constant.isSplat();
  };

  // An encrypted condition choosing between two constants of one value each:
  // one table on the condition.
  if (isEncrypted(condValue) && isSplatConstant(lhsValue) &&
      isSplatConstant(rhsValue) && condValue.shape == result.shape) {
    int64_t whenTrue = lhsValue.constant.getElements()[0];
    int64_t whenFalse = rhsValue.constant.getElements()[0];
    llvm::Expected<Value> table = emitTable(
        cond,
        [&](int64_t value) -> llvm::Expected<int64_t> {
          return value != 0 ? whenTrue : whenFalse;
        },
        loc);
    if (!table)
      return table.takeError();
    result.value = *table;
    return llvm::Error::success();
  }

  // The selector c, 0 or 1, and the difference d = a - b.
  Value lhs = materialize(lhsValue, loc), rhs = materialize(rhsValue, loc);
  Value selector;
  if (isEncrypted(condValue)) {
    selector = cond;
    if (!Interval{0, 1}.contains(condRange)) {
      llvm::Expected<Value> table = emitTable(
          cond,
          [](int64_t value) -> llvm::Expected<int64_t> { return value != 0; },
          loc);
      if (!table)
        return table.takeError();
      selector = *table;
    }
  } else if (condValue.kind == ImportedValue::Kind::Constant) {
    std::vector<int64_t> bits;
    for (int64_t element : condValue.constant.getElements())
      bits.push_back(element != 0);
    selector = createConstant(
        ClearTensor(condValue.constant.getShape(), std::move(bits)), loc);
  } else {
    auto condType = cast<RankedTensorType>(cond.getType());
    Value zero =
        createConstant(ClearTensor::splat(condType.getShape(), 0), loc);
    auto nonZero = builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne,
                                                 cond, zero);
    if (llvm::Error error = visitClear(nonZero))
      return error;
    auto extended = builder.create<arith::ExtUIOp>(loc, condType, nonZero);
    if (llvm::Error error = visitClear(extended))
      return error;
    selector = extended;
  }
  llvm::Expected<Shape> differenceShape =
      broadcastShapes(lhsValue.shape, rhsValue.shape);
  if (!differenceShape)
    return differenceShape.takeError();
  llvm::Expected<Value> difference = Value();
  if (lhsEncrypted || rhsEncrypted) {
    difference = emitBinaryLevelled(OpKind::Subtract, lhs, lhsEncrypted, rhs,
                                    rhsEncrypted, *differenceShape, loc);
  } else if (lhsValue.kind == ImportedValue::Kind::Constant &&
             rhsValue.kind == ImportedValue::Kind::Constant) {
    llvm::Expected<ClearTensor> folded =
        applyBinary(OpKind::Subtract, lhsValue.constant, rhsValue.constant);
    if (!folded)
      return folded.takeError();
    difference = createConstant(*folded, loc);
  } else {
    // a - b in clear, both broadcast to the shape of the difference.
    auto broadcast = [&](const ImportedValue &value,
                         Value ir) -> llvm::Expected<Value> {
      if (value.kind != ImportedValue::Kind::Constant)
        return broadcastClear(ir, *differenceShape, loc);
      return createConstant(
          cantFail(broadcastTo(value.constant, *differenceShape)), loc);
    };
    llvm::Expected<Value> lhsClear = broadcast(lhsValue, lhs);
    if (!lhsClear)
      return lhsClear.takeError();
    llvm::Expected<Value> rhsClear = broadcast(rhsValue, rhs);
    if (!rhsClear)
      return rhsClear.takeError();
    auto subtract = builder.create<arith::SubIOp>(loc, *lhsClear, *rhsClear);
    if (llvm::Error error = visitClear(subtract))
      return error;
    difference = subtract.getResult();
  }
  if (!difference)
    return difference.takeError();

  // c * d: levelled when one of them is clear; two encrypted ones are read
  // together by one table when their packing fits a table (cheaper than
  // mul_eint's two tables of squares), else multiplied by mul_eint.
  llvm::Expected<Value> selected = Value();
  bool selectorEncrypted = isEncrypted(condValue);
  bool differenceEncrypted = lhsEncrypted || rhsEncrypted;
  if (selectorEncrypted && differenceEncrypted) {
    unsigned __int128 packedCount =
        (unsigned __int128)countValues(ranges.getRange(selector).getHull()) *
        countValues(ranges.getRange(*difference).getHull());
    if (packedCount <= (unsigned __int128)1 << kMaxPackedTableWidth) {
      selected = emitBivariateTable(
          selector, *difference,
          [](int64_t c, int64_t d) -> llvm::Expected<int64_t> {
            return c != 0 ? d : 0;
          },
          loc);
    } else {
      // The selector times the digits of the difference, or mul_eint.
      llvm::Expected<std::optional<Value>> product =
          emitDigitProduct(selector, *difference, result.shape, loc);
      if (!product)
        return product.takeError();
      selected = *product
                     ? **product
                     : emitBinaryLevelled(OpKind::Multiply, selector, true,
                                          *difference, true, result.shape, loc);
    }
  } else {
    selected =
        emitBinaryLevelled(OpKind::Multiply, selector, selectorEncrypted,
                           *difference, differenceEncrypted, result.shape, loc);
  }
  if (!selected)
    return selected.takeError();

  // b + c * (a - b) is a or b, whose exact range intervals of the terms
  // overestimate (a table after it must cover only what is reachable).
  llvm::Expected<Value> value =
      emitBinaryLevelled(OpKind::Add, *selected, true, rhs, rhsEncrypted,
                         result.shape, loc, exact);
  if (!value)
    return value.takeError();
  result.value = *value;
  return llvm::Error::success();
}

} // namespace shade::import

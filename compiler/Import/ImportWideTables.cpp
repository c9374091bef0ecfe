// Lookup tables on values wider than one bootstrap reads: a table that is
// affine between a few breakpoints (compiler/Analysis/PiecewiseAffine.h) is
// a sum of terms [x >= t] * (jump + slopeChange * (x - t)), each evaluated
// by small bootstraps on x - t (docs/graph-import.md, "Wide tables").

#include "compiler/Analysis/BitExtraction.h"
#include "compiler/Analysis/PiecewiseAffine.h"
#include "compiler/Import/GraphImporter.h"
#include "compiler/Optimizer/ParameterSearch.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include <algorithm>

using namespace mlir;

namespace shade::import {
namespace {

/// The widest digit of a masked difference: its mask table reads the digit
/// and the sign, digitBits + 1 bits, and clearing it costs two bootstraps of
/// digitBits - 1 bits.
constexpr unsigned kDigitBits = 3;

/// The least d with every value of `range` (which holds -1 and 0) in
/// [-2^d, 2^d): floor(y / 2^d) is then -1 for the negative values and 0 for
/// the others.
unsigned signShift(analysis::Interval range) {
  return analysis::signedWidth(range) - 1;
}

/// The estimated cost per element of evaluating `fit` over `reachable` by
/// small bootstraps, as emitWideTable does: per breakpoint, the clearing of
/// the difference's low bits (tables of a few bits whose results must be
/// precise at the difference's width) and the tables after it.
double decomposedCost(const analysis::PiecewiseAffine &fit,
                      analysis::Interval reachable) {
  double cost = 0;
  for (const analysis::Breakpoint &breakpoint : fit.breakpoints) {
    unsigned shift =
        signShift({reachable.lo - breakpoint.at, reachable.hi - breakpoint.at});
    unsigned width = shift + 1;
    if (shift == 0) {
      cost += optimizer::bootstrapCostAtWidth(1);
      continue;
    }
    llvm::SmallVector<int64_t> digits =
        analysis::planChunks(shift, kDigitBits - 1);
    cost += digitClearingCost(width, digits);
    if (breakpoint.slopeChange == 0)
      cost += optimizer::bootstrapCostAtWidth(1);
    else
      for (int64_t bits : digits)
        cost += optimizer::bootstrapCostAtWidth(unsigned(bits) + 1, width);
  }
  return cost;
}

} // namespace

llvm::Expected<Value>
GraphImporter::emitTyped(Operation *op,
                         std::optional<analysis::Interval> provenRange) {
  if (provenRange)
    op->setAttr(analysis::kProvenRangeAttrName,
                analysis::makeRangeAttr(&context, *provenRange));
  if (llvm::Error error = setEncryptedTypes(op))
    return error;
  return op->getResult(0);
}

llvm::Error GraphImporter::addShare(
    Value &total, Value share, llvm::ArrayRef<int64_t> shape,
    std::optional<analysis::Interval> provenRange, Location loc) {
  if (!total) {
    total = share;
    return llvm::Error::success();
  }
  llvm::Expected<Value> sum =
      emitTyped(builder.create<fhelinalg::AddEintOp>(
                    loc, getEncryptedType(shape), total, share),
                provenRange);
  if (!sum)
    return sum.takeError();
  total = *sum;
  return llvm::Error::success();
}

llvm::Expected<std::optional<Value>> GraphImporter::emitWideTable(
    Value source, analysis::Interval reachable,
    llvm::function_ref<llvm::Expected<int64_t>(int64_t)> entry, Location loc) {
  unsigned width = analysis::encryptedWidth(source);
  if (width > kMaxWideTableWidth)
    return std::nullopt;
  // An approximate rescale is rounded by the bootstrap of the table that
  // reads it: nothing else may read it.
  if (auto rescale = source.getDefiningOp<fhelinalg::RescaleOp>();
      rescale && rescale.getApproximate())
    return std::nullopt;
  std::vector<int64_t> values;
  values.reserve(reachable.hi - reachable.lo + 1);
  for (int64_t x = reachable.lo;; ++x) {
    llvm::Expected<int64_t> value = entry(x);
    if (!value)
      return value.takeError();
    values.push_back(*value);
    if (x == reachable.hi)
      break;
  }
  std::optional<analysis::PiecewiseAffine> fit =
      analysis::fitPiecewiseAffine(reachable, values, kMaxWideTableBreakpoints);
  if (!fit) {
    if (std::optional<analysis::Quadratic> quadratic =
            analysis::fitQuadratic(reachable, values))
      return emitDigitQuadratic(source, *quadratic, loc);
    return std::nullopt;
  }
  // A table one bootstrap can read is decomposed only when that is clearly
  // cheaper.
  if (width <= maxWidth &&
      decomposedCost(*fit, reachable) * kDecomposedCostMargin >=
          optimizer::bootstrapCostAtWidth(width))
    return std::nullopt;

  llvm::ArrayRef<int64_t> shape =
      cast<RankedTensorType>(source.getType()).getShape();
  RankedTensorType type = getEncryptedType(shape);
  auto constant = [&](int64_t value) {
    return createConstant(ClearTensor::scalar(value), loc);
  };
  // The exact range of a sum of terms over the reachable inputs: levelled
  // arithmetic is exact modulo the encoding, so only the sums' own ranges
  // must fit it, not those of the intervals of their terms.
  auto rangeOf = [&](llvm::function_ref<int64_t(int64_t)> sum) {
    analysis::Interval range = analysis::Interval::point(sum(reachable.lo));
    for (int64_t x = reachable.lo; x != reachable.hi;) {
      int64_t value = sum(++x);
      range = {std::min(range.lo, value), std::max(range.hi, value)};
    }
    return range;
  };

  // The first term's tables also add the constant.
  Value total;
  size_t summed = 0;
  auto partialSum = [&](int64_t x) {
    int64_t sum = fit->constant;
    for (const analysis::Breakpoint &breakpoint :
         llvm::ArrayRef(fit->breakpoints).take_front(summed))
      if (x >= breakpoint.at)
        sum += breakpoint.jump + breakpoint.slopeChange * (x - breakpoint.at);
    return sum;
  };
  for (const analysis::Breakpoint &breakpoint : fit->breakpoints) {
    // y = x - t, whose sign selects the term.
    Value difference = source;
    if (breakpoint.at != 0) {
      llvm::Expected<Value> shifted =
          emitTyped(builder.create<fhelinalg::SubEintIntOp>(
              loc, type, source, constant(breakpoint.at)));
      if (!shifted)
        return shifted.takeError();
      difference = *shifted;
    }
    analysis::Interval differenceRange = {reachable.lo - breakpoint.at,
                                          reachable.hi - breakpoint.at};
    unsigned shift = signShift(differenceRange);
    int64_t base = total ? 0 : fit->constant;
    llvm::Expected<Value> term =
        breakpoint.slopeChange == 0
            ? emitStep(difference, shift, breakpoint.jump, base, loc)
            : emitMaskedDifference(difference, shift, breakpoint, base, loc);
    if (!term)
      return term.takeError();
    ++summed;
    if (llvm::Error error =
            addShare(total, *term, shape, rangeOf(partialSum), loc))
      return error;
  }
  if (fit->slope == 0) {
    if (!total)
      return encryptClear(constant(fit->constant), loc);
    return std::optional<Value>(total);
  }

  Value scaled = source;
  if (fit->slope != 1) {
    llvm::Expected<Value> product =
        emitTyped(builder.create<fhelinalg::MulEintIntOp>(
            loc, type, source, constant(fit->slope)));
    if (!product)
      return product.takeError();
    scaled = *product;
  }
  analysis::Interval resultRange =
      rangeOf([&](int64_t x) { return *fit->evaluate(x); });
  Operation *sum = nullptr;
  if (total)
    sum = builder.create<fhelinalg::AddEintOp>(loc, type, total, scaled);
  else if (fit->constant != 0)
    sum = builder.create<fhelinalg::AddEintIntOp>(loc, type, scaled,
                                                  constant(fit->constant));
  else
    return std::optional<Value>(scaled);
  llvm::Expected<Value> result = emitTyped(sum, resultRange);
  if (!result)
    return result.takeError();
  return std::optional<Value>(*result);
}

llvm::Expected<Value> GraphImporter::emitSignQuotient(Value difference,
                                                      unsigned shift,
                                                      Location loc) {
  if (shift == 0)
    return difference;
  llvm::ArrayRef<int64_t> shape =
      cast<RankedTensorType>(difference.getType()).getShape();
  llvm::Expected<Value> cleared =
      emitTyped(builder.create<fhelinalg::ClearLowBitsOp>(
          loc, getEncryptedType(shape), difference, shift, /*chunks=*/nullptr));
  if (!cleared)
    return cleared.takeError();
  return emitTyped(builder.create<fhelinalg::RescaleOp>(
      loc, getEncryptedType(shape), *cleared, shift, /*offset=*/0,
      /*approximate=*/false));
}

llvm::Expected<Value> GraphImporter::emitStep(Value difference, unsigned shift,
                                              int64_t jump, int64_t base,
                                              Location loc) {
  // floor(y / 2^shift) is -1 or 0 as y is negative or not.
  llvm::Expected<Value> quotient = emitSignQuotient(difference, shift, loc);
  if (!quotient)
    return quotient.takeError();
  return emitTable(
      *quotient,
      [&](int64_t q) -> llvm::Expected<int64_t> {
        return base + (q >= 0 ? jump : 0);
      },
      loc);
}

llvm::Expected<Value>
GraphImporter::emitMaskedDifference(Value difference, unsigned shift,
                                    const analysis::Breakpoint &breakpoint,
                                    int64_t base, Location loc) {
  llvm::ArrayRef<int64_t> shape =
      cast<RankedTensorType>(difference.getType()).getShape();
  RankedTensorType type = getEncryptedType(shape);
  auto constant = [&](int64_t value) {
    return createConstant(ClearTensor::scalar(value), loc);
  };
  int64_t jump = breakpoint.jump, slopeChange = breakpoint.slopeChange;
  if (shift == 0)
    return emitTable(
        difference,
        [&](int64_t y) -> llvm::Expected<int64_t> {
          return base + (y >= 0 ? jump + slopeChange * y : 0);
        },
        loc);

  // y = q * 2^shift + the digits, q being -1 or 0.
  llvm::SmallVector<Digit> digits;
  llvm::Expected<Value> cleared = emitDigitChain(
      difference, analysis::planChunks(shift, kDigitBits - 1), digits, loc);
  if (!cleared)
    return cleared.takeError();
  Value remaining = *cleared;

  // Each digit joins q under it, (q * 2^bits + digit) * 2^(shift - bits),
  // and is read at the top of a (bits + 1)-bit encoding: its table gives
  // the digit's share of the term when q is 0, nothing when it is -1.
  Value total;
  for (const Digit &digit : digits) {
    Value moved = digit.value;
    if (unsigned up = shift - digit.lowBit - digit.bits) {
      llvm::Expected<Value> product =
          emitTyped(builder.create<fhelinalg::MulEintIntOp>(
              loc, type, digit.value, constant(int64_t(1) << up)));
      if (!product)
        return product.takeError();
      moved = *product;
    }
    llvm::Expected<Value> joined = emitTyped(
        builder.create<fhelinalg::AddEintOp>(loc, type, moved, remaining));
    if (!joined)
      return joined.takeError();
    llvm::Expected<Value> read = emitTyped(builder.create<fhelinalg::RescaleOp>(
        loc, type, *joined, shift - digit.bits, /*offset=*/0,
        /*approximate=*/false));
    if (!read)
      return read.takeError();
    bool first = !total;
    int64_t weight = int64_t(1) << digit.lowBit;
    llvm::Expected<Value> share = emitTable(
        *read,
        [&](int64_t v) -> llvm::Expected<int64_t> {
          int64_t own = first ? base : 0;
          if (v < 0)
            return own;
          return own + slopeChange * v * weight + (first ? jump : 0);
        },
        loc);
    if (!share)
      return share.takeError();
    if (llvm::Error error = addShare(total, *share, shape, std::nullopt, loc))
      return error;
  }
  return total;
}

} // namespace shade::import

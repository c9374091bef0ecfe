// --shade-decompose-rounding: every fhelinalg.clear_low_bits gets the chunks
// its bootstraps clear, or, when one lookup table on the unrounded value
// costs less, the rounding and what reads it become that table. See
// docs/parameters.md, "Rounding: chunks or one table".

#include "compiler/Analysis/BitExtraction.h"
#include "compiler/Analysis/Decomposition.h"
#include "compiler/Analysis/RangeAnalysis.h"
#include "compiler/Optimizer/ParameterSearch.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

#include <limits>
#include <map>

namespace shade {
#define GEN_PASS_DEF_DECOMPOSEROUNDING
#include "compiler/Transforms/Passes.h.inc"
} // namespace shade

using namespace mlir;
using namespace shade::analysis;

namespace shade {
namespace {

int64_t elementsOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getNumElements();
}

/// The bootstraps of one run by the width of their tables, and the widest
/// value whose low bits they clear.
class BootstrapCensus {
public:
  void add(unsigned width, int64_t count) { byWidth[width] += count; }
  void addCleared(unsigned width) { cleared = std::max(cleared, width); }
  unsigned widestCleared() const { return cleared; }
  void remove(unsigned width, int64_t count) {
    if ((byWidth[width] -= count) == 0)
      byWidth.erase(width);
  }
  int64_t total() const {
    int64_t sum = 0;
    for (auto [width, count] : byWidth)
      sum += count;
    return sum;
  }
  unsigned widest() const {
    return byWidth.empty() ? 0 : byWidth.rbegin()->first;
  }

private:
  std::map<unsigned, int64_t> byWidth;
  unsigned cleared = 0;
};

/// The estimated cost of `count` bootstraps at the parameters of a table of
/// `width` bits whose outputs are precise enough for a `cleared`-bit value
/// (0: no clearing). With one parameter set for the whole program, `width`
/// is the widest table and `cleared` the widest value cleared.
double runCost(int64_t count, unsigned width, unsigned cleared) {
  if (count == 0)
    return 0;
  return double(count) * optimizer::bootstrapCostAtWidth(width, cleared);
}

/// A clear_low_bits op and what reads it, as a rounding: x (+ offset), its
/// low bits cleared, perhaps rescaled, perhaps read by one lookup table.
struct Rounding {
  fhelinalg::ClearLowBitsOp clear;
  /// The unrounded value and the constant the rounding adds to it first.
  Value source;
  int64_t offset = 0;
  Operation *offsetOp = nullptr;
  fhelinalg::RescaleOp rescale;
  /// The rescale by 2^0 that narrows the quotient for the lookup, if any.
  fhelinalg::RescaleOp narrowing;
  fhelinalg::ApplyLookupTableOp lookup;
  DenseIntElementsAttr table;

  /// The last value of the chain, which one table on the source can replace.
  Value last() {
    if (lookup)
      return lookup.getResult();
    if (rescale)
      return rescale.getResult();
    return clear.getResult();
  }
};

/// The single user of `value`, if it has exactly one.
Operation *singleUser(Value value) {
  return value.hasOneUse() ? *value.getUsers().begin() : nullptr;
}

Rounding matchRounding(fhelinalg::ClearLowBitsOp clear) {
  Rounding rounding;
  rounding.clear = clear;
  rounding.source = clear.getInput();
  if (auto add = clear.getInput().getDefiningOp<fhelinalg::AddEintIntOp>()) {
    DenseIntElementsAttr constant;
    if (add.getResult().hasOneUse() &&
        matchPattern(add.getRhs(), m_Constant(&constant)) &&
        constant.isSplat() &&
        add.getLhs().getType() == add.getResult().getType()) {
      rounding.source = add.getLhs();
      rounding.offset = constant.getSplatValue<APInt>().getSExtValue();
      rounding.offsetOp = add;
    }
  }
  auto rescale =
      dyn_cast_or_null<fhelinalg::RescaleOp>(singleUser(clear.getResult()));
  if (!rescale || rescale.getApproximate() || rescale.getOffset() != 0 ||
      uint64_t(rescale.getShift()) > uint64_t(clear.getBits()))
    return rounding;
  rounding.rescale = rescale;
  Value quotient = rescale.getResult();
  auto narrowing = dyn_cast_or_null<fhelinalg::RescaleOp>(singleUser(quotient));
  if (narrowing && narrowing.getShift() == 0 && !narrowing.getApproximate())
    quotient = narrowing.getResult();
  else
    narrowing = nullptr;
  auto lookup =
      dyn_cast_or_null<fhelinalg::ApplyLookupTableOp>(singleUser(quotient));
  DenseIntElementsAttr table;
  if (lookup && lookup.getInput() == quotient &&
      matchPattern(lookup.getLut(), m_Constant(&table))) {
    rounding.narrowing = narrowing;
    rounding.lookup = lookup;
    rounding.table = table;
  }
  return rounding;
}

/// The value the chain gives for source value `x`.
int64_t evaluate(Rounding rounding, int64_t x) {
  int64_t bits = rounding.clear.getBits();
  int64_t value = ((x + rounding.offset) >> bits) * (int64_t(1) << bits);
  if (!rounding.rescale)
    return value;
  value >>= rounding.rescale.getShift();
  if (!rounding.lookup)
    return value;
  Value read = rounding.rescale.getResult();
  if (rounding.narrowing) {
    value += rounding.narrowing.getOffset();
    read = rounding.narrowing.getResult();
  }
  return rounding.table
      .getValues<APInt>()[lookupTableIndex(value, getElementTypeOrSelf(read))]
      .getSExtValue();
}

/// Replaces the chain by one lookup table on the source.
LogicalResult collapse(Rounding rounding, Interval sourceRange) {
  Value last = rounding.last();
  OpBuilder builder(last.getDefiningOp());
  Location loc = last.getLoc();
  NarrowedInput input =
      narrowForLookup(builder, loc, rounding.source, sourceRange);
  Type inputType = getElementTypeOrSelf(input.value);
  Interval reachable = {sourceRange.lo + input.offset,
                        sourceRange.hi + input.offset};
  std::optional<SmallVector<int64_t>> entries =
      buildLookupTable(inputType, reachable, [&](int64_t x) {
        return std::optional<int64_t>(evaluate(rounding, x - input.offset));
      });
  Value table = createTableConstant(builder, loc, *entries);
  auto lookup = builder.create<fhelinalg::ApplyLookupTableOp>(
      loc, last.getType(), input.value, table);
  lookup->setAttr(kRangeAttrName,
                  last.getDefiningOp()->getAttr(kRangeAttrName));
  last.replaceAllUsesWith(lookup.getResult());
  SmallVector<Operation *> chain = {rounding.lookup, rounding.narrowing,
                                    rounding.rescale, rounding.clear,
                                    rounding.offsetOp};
  for (Operation *op : chain)
    if (op && op->use_empty())
      op->erase();
  return success();
}

struct DecomposeRoundingPass
    : impl::DecomposeRoundingBase<DecomposeRoundingPass> {
  using DecomposeRoundingBase::DecomposeRoundingBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    unsigned maxWidth = optimizer::maxMessageWidth();
    if (chunkWidth > maxWidth) {
      func.emitError() << "chunk-width " << unsigned(chunkWidth)
                       << " exceeds the largest width Shade can bootstrap, "
                       << maxWidth;
      return signalPassFailure();
    }
    BootstrapCensus census;
    SmallVector<fhelinalg::ClearLowBitsOp> unplanned;
    func.walk([&](Operation *op) {
      if (isa<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp,
              fhelinalg::ApplyMultiLookupTableOp>(op)) {
        Value input = op->getOperand(0);
        census.add(encryptedWidth(input),
                   isa<ShapedType>(input.getType()) ? elementsOf(input) : 1);
      } else if (auto clear = dyn_cast<fhelinalg::ClearLowBitsOp>(op)) {
        if (std::optional<ArrayRef<int64_t>> chunks = clear.getChunks()) {
          for (const ExtractionStep &step : extractionSteps(
                   encryptedWidth(clear.getInput()), *chunks, clear.getFrom()))
            census.add(step.lookupWidth, elementsOf(clear.getInput()));
          census.addCleared(encryptedWidth(clear.getInput()));
        } else {
          unplanned.push_back(clear);
        }
      }
    });

    for (fhelinalg::ClearLowBitsOp clear : unplanned) {
      Rounding rounding = matchRounding(clear);
      int64_t count = elementsOf(clear.getInput());
      unsigned bits = clear.getBits() - clear.getFrom();
      unsigned from = clear.getFrom();
      // The chain's own lookup is counted with each option.
      if (rounding.lookup)
        census.remove(encryptedWidth(rounding.lookup.getInput()), count);
      unsigned lookupWidth =
          rounding.lookup ? encryptedWidth(rounding.lookup.getInput()) : 0;

      double bestCost = std::numeric_limits<double>::infinity();
      unsigned bestChunkWidth = 0;
      unsigned valueWidth = encryptedWidth(clear.getInput());
      auto consider = [&](double cost, unsigned chunkWidth) {
        if (cost < bestCost) {
          bestCost = cost;
          bestChunkWidth = chunkWidth;
        }
      };
      // Chunks of every width the tables allow, or the one asked for.
      unsigned lastChunkWidth = std::min(maxWidth, std::max(bits - 1, 1u));
      for (unsigned width = chunkWidth ? chunkWidth : 1;
           width <= (chunkWidth ? chunkWidth : lastChunkWidth); ++width) {
        int64_t extraction = 0;
        unsigned widestTable = 0;
        for (const ExtractionStep &step :
             extractionSteps(valueWidth, planChunks(bits, width), from)) {
          extraction += count;
          widestTable = std::max(widestTable, step.lookupWidth);
        }
        int64_t lookups = rounding.lookup ? count : 0;
        if (singleSet)
          consider(
              runCost(census.total() + extraction + lookups,
                      std::max({census.widest(), widestTable, lookupWidth}),
                      std::max(census.widestCleared(), valueWidth)),
              width);
        else
          consider(runCost(extraction, widestTable, valueWidth) +
                       runCost(lookups, lookupWidth, 0),
                   width);
      }
      // One table on the source, when a table can read it.
      Interval sourceRange = *getRecordedRange(rounding.source);
      unsigned sourceWidth = tableReading(sourceRange).width;
      if (!chunkWidth && sourceWidth <= maxWidth)
        consider(singleSet ? runCost(census.total() + count,
                                     std::max(census.widest(), sourceWidth),
                                     census.widestCleared())
                           : runCost(count, sourceWidth, 0),
                 0);

      if (bestChunkWidth == 0) {
        census.add(sourceWidth, count);
        if (failed(collapse(rounding, sourceRange)))
          return signalPassFailure();
        continue;
      }
      if (rounding.lookup)
        census.add(lookupWidth, count);
      SmallVector<int64_t> chunks = planChunks(bits, bestChunkWidth);
      for (const ExtractionStep &step :
           extractionSteps(valueWidth, chunks, from))
        census.add(step.lookupWidth, count);
      census.addCleared(valueWidth);
      clear.setChunksAttr(DenseI64ArrayAttr::get(&getContext(), chunks));
    }
  }
};

} // namespace
} // namespace shade

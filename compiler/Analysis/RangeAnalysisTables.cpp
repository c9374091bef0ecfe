// Transfer functions of the lookup-table ops: the hull of the table entries
// over the values the input can reach.

#include "compiler/Analysis/RangeAnalysisTransfer.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace shade::analysis::detail {

namespace {

/// Hulls of consecutive table entries in constant time (a sparse table of
/// minima of the lower bounds and maxima of the upper bounds).
class EntryHulls {
public:
  explicit EntryHulls(ArrayRef<Interval> entries) {
    levels.emplace_back(entries.begin(), entries.end());
    for (size_t span = 1; 2 * span <= entries.size(); span *= 2) {
      const std::vector<Interval> &previous = levels.back();
      std::vector<Interval> next;
      next.reserve(previous.size() - span);
      for (size_t i = 0; i + span < previous.size(); ++i)
        next.push_back(hull(previous[i], previous[i + span]));
      levels.push_back(std::move(next));
    }
  }

  /// The hull of entries `first` to `last`, inclusive.
  Interval get(int64_t first, int64_t last) const {
    unsigned level = 0;
    while ((int64_t(2) << level) <= last - first + 1)
      ++level;
    return hull(levels[level][first],
                levels[level][last - (int64_t(1) << level) + 1]);
  }

private:
  std::vector<std::vector<Interval>> levels;
};

/// One table of a lookup-table op.
class Table {
public:
  /// The `size` entries of `tables` from row-major position `offset`.
  Table(const RangeInfo &tables, int64_t offset, int64_t size)
      : hullOnly(!tables.tracksElements()), tablesHull(tables.getHull()),
        entries(hullOnly ? ArrayRef<Interval>()
                         : tables.getElements().slice(offset, size)) {}

  /// The hull of the entries for the input values `x`, for an input of
  /// element type `inputType` (x must lie in its range).
  Interval lookup(Interval x, Type inputType) const {
    if (hullOnly)
      return tablesHull;
    std::optional<Interval> result;
    auto addSegment = [&](int64_t lo, int64_t hi) {
      Interval segment = entries.get(lookupTableIndex(lo, inputType),
                                     lookupTableIndex(hi, inputType));
      result = result ? hull(*result, segment) : segment;
    };
    // Negative values of a signed input sit after the non-negative ones.
    if (x.lo < 0)
      addSegment(x.lo, std::min<int64_t>(x.hi, -1));
    if (x.hi >= 0)
      addSegment(std::max<int64_t>(x.lo, 0), x.hi);
    return *result;
  }

private:
  bool hullOnly;
  Interval tablesHull;
  EntryHulls entries;
};

} // namespace

/// Checks that the table length is 2^w for the input's width and that the
/// input cannot leave the table; returns the table length.
static FailureOr<int64_t> checkTableInput(const TransferContext &ctx,
                                          int64_t tableLength) {
  Type inputType = elementTypeOf(ctx.op->getOperand(0));
  auto encrypted = cast<fhe::EncryptedIntegerType>(inputType);
  int64_t expected = int64_t(1) << encrypted.getWidth();
  if (tableLength != expected)
    return ctx.op->emitOpError()
           << "has tables of " << tableLength << " entries; an input of type "
           << inputType << " needs " << expected;
  Interval input = ctx.operand(0).getHull();
  Interval declared = *typeRange(inputType);
  if (!declared.contains(input))
    return ctx.op->emitOpError()
           << "input range " << input.str()
           << " reaches outside the table, which covers " << declared.str()
           << " for an input of type " << inputType;
  return expected;
}

/// `fhe.apply_lookup_table` and `fhelinalg.apply_lookup_table`: one table
/// for every element.
static TransferResult singleTable(const TransferContext &ctx) {
  const RangeInfo &tables = ctx.operand(1);
  FailureOr<int64_t> length = checkTableInput(ctx, tables.getNumElements());
  if (failed(length))
    return failure();
  Type inputType = elementTypeOf(ctx.op->getOperand(0));
  Table table(tables, 0, *length);
  return mapElementwise(ctx, shapeOf(ctx.op->getResult(0)), {&ctx.operand(0)},
                        [&](ArrayRef<Interval> x) -> std::optional<Interval> {
                          return table.lookup(x[0], inputType);
                        });
}

/// `fhelinalg.apply_multi_lookup_table`: the table that broadcasting the
/// leading dimensions of `tables` places at each element.
static TransferResult multiTable(const TransferContext &ctx) {
  const RangeInfo &input = ctx.operand(0);
  const RangeInfo &tables = ctx.operand(1);
  ArrayRef<int64_t> tablesShape = tables.getShape();
  if (tablesShape.empty())
    return ctx.op->emitOpError() << "has a tables operand of rank 0";
  FailureOr<int64_t> length = checkTableInput(ctx, tablesShape.back());
  if (failed(length))
    return failure();
  Type inputType = elementTypeOf(ctx.op->getOperand(0));
  ArrayRef<int64_t> leading = tablesShape.drop_back();
  std::vector<Table> perTable;
  for (int64_t table = 0, count = numElements(leading); table < count; ++table)
    perTable.emplace_back(tables, table * *length, *length);

  ArrayRef<int64_t> shape = input.getShape();
  if (!ctx.tracks(shape)) {
    Interval result = perTable[0].lookup(input.getHull(), inputType);
    for (const Table &table : perTable)
      result = hull(result, table.lookup(input.getHull(), inputType));
    return RangeInfo(shape, result);
  }
  SmallVector<int64_t> tableStrides = broadcastStrides(leading, shape);
  std::vector<Interval> elements;
  elements.reserve(numElements(shape));
  int64_t flat = 0;
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    const Table &table = perTable[offsetOf(index, tableStrides)];
    elements.push_back(table.lookup(input.getElement(flat++), inputType));
  });
  return RangeInfo(shape, std::move(elements));
}

std::optional<TransferResult> inferLookupTable(const TransferContext &ctx) {
  return llvm::TypeSwitch<Operation *, std::optional<TransferResult>>(ctx.op)
      .Case<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp>(
          [&](auto) { return singleTable(ctx); })
      .Case<fhelinalg::ApplyMultiLookupTableOp>(
          [&](auto) { return multiTable(ctx); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace shade::analysis::detail

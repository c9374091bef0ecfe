// --shade-batch-bootstraps: the bootstraps of one depth, key and types
// become one tfhe.gather_bootstrap, after the function body is reordered by
// bootstrap depth.

#include "compiler/Conversion/Passes.h"

#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/MapVector.h"

#include <map>
#include <tuple>

namespace shade {
#define GEN_PASS_DEF_BATCHBOOTSTRAPS
#include "compiler/Conversion/Passes.h.inc"
} // namespace shade

using namespace mlir;
using namespace shade;

namespace {

/// A bootstrap that may join a batch: its constant table and the value whose
/// ciphertexts it reads, before the key switch that feeds it if any.
struct Member {
  tfhe::BootstrapOp bootstrap;
  DenseIntElementsAttr table;
  tfhe::KeySwitchOp keySwitch; // null when the input is not key switched
  Value source;
};

/// What the bootstraps of one batch share: depth, bootstrap key, the element
/// types of their sources, inputs and results, and the key-switching key.
using BatchKey = std::tuple<unsigned, Attribute, Type, Type, Type, Attribute>;

/// The number of ciphertexts in a value of `type`: 1 for a scalar.
int64_t countCiphertexts(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor ? tensor.getNumElements() : 1;
}

/// The member `bootstrap` would be, or nothing when it cannot join a batch.
std::optional<Member> getMember(tfhe::BootstrapOp bootstrap) {
  DenseIntElementsAttr table;
  if (!matchPattern(bootstrap.getTable(), m_Constant(&table)))
    return std::nullopt;
  Type type = bootstrap.getInput().getType();
  if (auto tensor = dyn_cast<RankedTensorType>(type))
    if (tensor.getRank() == 0 || !tensor.hasStaticShape())
      return std::nullopt;
  Member member{bootstrap, table, nullptr, bootstrap.getInput()};
  if (auto keySwitch =
          bootstrap.getInput().getDefiningOp<tfhe::KeySwitchOp>()) {
    member.keySwitch = keySwitch;
    member.source = keySwitch.getInput();
  }
  return member;
}

/// `value` as a 1-D tensor of its ciphertexts, in row-major order.
Value flatten(OpBuilder &builder, Location loc, Value value) {
  auto tensor = dyn_cast<RankedTensorType>(value.getType());
  if (!tensor)
    return builder.create<tensor::FromElementsOp>(loc, value);
  if (tensor.getRank() == 1)
    return value;
  ReassociationIndices all(tensor.getRank());
  std::iota(all.begin(), all.end(), 0);
  return builder.create<tensor::CollapseShapeOp>(
      loc, value, ArrayRef<ReassociationIndices>{all});
}

/// Elements [offset, offset + count of `type`) of the 1-D `batch`, as a
/// value of `type`.
Value unflatten(OpBuilder &builder, Location loc, Value batch, int64_t offset,
                Type type) {
  int64_t count = countCiphertexts(type);
  Value slice = builder.create<tensor::ExtractSliceOp>(
      loc, batch, ArrayRef<OpFoldResult>{builder.getIndexAttr(offset)},
      ArrayRef<OpFoldResult>{builder.getIndexAttr(count)},
      ArrayRef<OpFoldResult>{builder.getIndexAttr(1)});
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor) {
    Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
    return builder.create<tensor::ExtractOp>(loc, slice, zero);
  }
  if (tensor.getRank() == 1)
    return slice;
  ReassociationIndices all(tensor.getRank());
  std::iota(all.begin(), all.end(), 0);
  return builder.create<tensor::ExpandShapeOp>(
      loc, tensor, slice, ArrayRef<ReassociationIndices>{all});
}

/// Replaces the uses of `members` (at least two, in program order) by those
/// of one tfhe.gather_bootstrap built at the builder's insertion point.
void buildBatch(OpBuilder &builder, ArrayRef<Member> members) {
  tfhe::BootstrapOp first = members.front().bootstrap;
  Location loc = first.getLoc();

  // The distinct sources, concatenated.
  llvm::MapVector<Value, int64_t> sourceOffsets;
  int64_t sourceCount = 0;
  for (const Member &member : members)
    if (sourceOffsets.insert({member.source, sourceCount}).second)
      sourceCount += countCiphertexts(member.source.getType());
  SmallVector<Value> flattened;
  for (auto &entry : sourceOffsets)
    flattened.push_back(flatten(builder, loc, entry.first));
  Value inputs =
      flattened.size() == 1
          ? flattened.front()
          : builder.create<tensor::ConcatOp>(loc, 0, flattened).getResult();
  tfhe::LweCiphertextType inputElement =
      tfhe::getCiphertextElementType(first.getInput().getType());
  if (tfhe::KeySwitchOp keySwitch = members.front().keySwitch)
    inputs = builder.create<tfhe::KeySwitchOp>(
        loc, RankedTensorType::get({sourceCount}, inputElement), inputs,
        keySwitch.getKey());

  // The distinct table rows, and the indices of every result element.
  int64_t entries = int64_t(1) << inputElement.getWidth();
  std::map<SmallVector<int64_t>, int64_t> rowIndices;
  SmallVector<int64_t> rows;
  SmallVector<int64_t> inputIndices;
  SmallVector<int64_t> tableIndices;
  for (const Member &member : members) {
    SmallVector<int64_t> values;
    for (const APInt &value : member.table.getValues<APInt>())
      values.push_back(value.getSExtValue());
    int64_t tables = int64_t(values.size()) / entries;
    int64_t count = countCiphertexts(member.source.getType());
    int64_t offset = sourceOffsets.lookup(member.source);
    for (int64_t element = 0; element < count; ++element) {
      int64_t row = tables == 1 ? 0 : element;
      SmallVector<int64_t> entriesOfRow(values.begin() + row * entries,
                                        values.begin() + (row + 1) * entries);
      auto [it, inserted] =
          rowIndices.insert({entriesOfRow, int64_t(rows.size()) / entries});
      if (inserted)
        rows.append(entriesOfRow);
      inputIndices.push_back(offset + element);
      tableIndices.push_back(it->second);
    }
  }
  auto tablesType = RankedTensorType::get(
      {int64_t(rows.size()) / entries, entries}, builder.getI64Type());
  Value tables = builder.create<arith::ConstantOp>(
      loc, DenseElementsAttr::get(tablesType, ArrayRef<int64_t>(rows)));

  auto resultType =
      RankedTensorType::get({int64_t(inputIndices.size())},
                            tfhe::getCiphertextElementType(first.getType()));
  Value batch = builder.create<tfhe::GatherBootstrapOp>(
      loc, resultType, inputs, inputIndices, tables, tableIndices,
      first.getKey());

  int64_t offset = 0;
  for (Member member : members) {
    Type type = member.bootstrap.getType();
    member.bootstrap.replaceAllUsesWith(
        unflatten(builder, loc, batch, offset, type));
    offset += countCiphertexts(type);
  }
}

/// The static, unit-stride slice of `value`'s source that takes whole
/// trailing dimensions, as (source, offset, size) along dimension 0.
std::optional<std::tuple<Value, int64_t, int64_t>>
getLeadingSlice(Value value) {
  auto slice = value.getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice || !slice.hasUnitStride() ||
      slice.getSourceType().getRank() != slice.getType().getRank())
    return std::nullopt;
  ArrayRef<int64_t> offsets = slice.getStaticOffsets();
  ArrayRef<int64_t> sizes = slice.getStaticSizes();
  ArrayRef<int64_t> sourceShape = slice.getSourceType().getShape();
  if (ShapedType::isDynamic(offsets[0]) || ShapedType::isDynamic(sizes[0]))
    return std::nullopt;
  for (size_t dim = 1; dim < sizes.size(); ++dim)
    if (offsets[dim] != 0 || ShapedType::isDynamic(sourceShape[dim]) ||
        sizes[dim] != sourceShape[dim])
      return std::nullopt;
  return std::make_tuple(slice.getSource(), offsets[0], sizes[0]);
}

/// Merges the runs of consecutive slices of one source among the operands of
/// a concatenation along dimension 0 into one slice each (or the source
/// itself, when a run covers it).
void mergeConcatenatedSlices(tensor::ConcatOp concat) {
  if (concat.getDim() != 0)
    return;
  OpBuilder builder(concat);
  Location loc = concat.getLoc();
  SmallVector<Value> operands;
  bool merged = false;
  OperandRange inputs = concat.getInputs();
  for (size_t start = 0; start < inputs.size();) {
    auto slice = getLeadingSlice(inputs[start]);
    size_t end = start + 1;
    if (slice) {
      auto [source, offset, size] = *slice;
      int64_t next = offset + size;
      for (; end < inputs.size(); ++end) {
        auto following = getLeadingSlice(inputs[end]);
        if (!following || std::get<0>(*following) != source ||
            std::get<1>(*following) != next)
          break;
        next += std::get<2>(*following);
      }
      if (end - start > 1) {
        merged = true;
        auto sourceType = cast<RankedTensorType>(source.getType());
        if (offset == 0 && next == sourceType.getDimSize(0)) {
          operands.push_back(source);
        } else {
          SmallVector<OpFoldResult> offsets(sourceType.getRank(),
                                            builder.getIndexAttr(0));
          offsets[0] = builder.getIndexAttr(offset);
          SmallVector<OpFoldResult> sizes;
          for (int64_t dim : sourceType.getShape())
            sizes.push_back(builder.getIndexAttr(dim));
          sizes[0] = builder.getIndexAttr(next - offset);
          SmallVector<OpFoldResult> strides(sourceType.getRank(),
                                            builder.getIndexAttr(1));
          operands.push_back(builder.create<tensor::ExtractSliceOp>(
              loc, source, offsets, sizes, strides));
        }
        start = end;
        continue;
      }
    }
    operands.push_back(inputs[start]);
    start = end;
  }
  if (!merged)
    return;
  Value replacement =
      operands.size() == 1 && operands.front().getType() == concat.getType()
          ? operands.front()
          : builder.create<tensor::ConcatOp>(loc, 0, operands).getResult();
  concat.replaceAllUsesWith(replacement);
  concat.erase();
}

/// Records the operations a builder creates, in order.
struct InsertedOps : OpBuilder::Listener {
  void notifyOperationInserted(Operation *op, OpBuilder::InsertPoint) override {
    ops.push_back(op);
  }
  SmallVector<Operation *> ops;
};

struct BatchBootstrapsPass
    : shade::impl::BatchBootstrapsBase<BatchBootstrapsPass> {
  void runOnOperation() override {
    func::FuncOp function = getOperation();
    if (function.isExternal() || !function.getBody().hasOneBlock())
      return;
    Block &body = function.getBody().front();
    for (Operation &op : body.without_terminator())
      if (!isMemoryEffectFree(&op))
        return;

    // Bootstrap depths, and the candidate batches.
    DenseMap<Operation *, unsigned> depths;
    auto depthOf = [&](Value value) -> unsigned {
      Operation *producer = value.getDefiningOp();
      return producer ? depths.lookup(producer) : 0;
    };
    unsigned maxDepth = 0;
    llvm::MapVector<BatchKey, SmallVector<Member>> batches;
    for (Operation &op : body.without_terminator()) {
      unsigned depth = 0;
      for (Value operand : op.getOperands())
        depth = std::max(depth, depthOf(operand));
      if (op.getNumRegions() != 0) {
        llvm::SetVector<Value> captured;
        getUsedValuesDefinedAbove(op.getRegions(), captured);
        for (Value value : captured)
          depth = std::max(depth, depthOf(value));
      }
      if (isa<tfhe::BootstrapOp, tfhe::GatherBootstrapOp>(op))
        ++depth;
      depths[&op] = depth;
      maxDepth = std::max(maxDepth, depth);
      auto bootstrap = dyn_cast<tfhe::BootstrapOp>(op);
      if (!bootstrap)
        continue;
      if (std::optional<Member> member = getMember(bootstrap)) {
        Attribute keySwitchKey =
            member->keySwitch ? member->keySwitch.getKey() : Attribute();
        BatchKey key{depth,
                     bootstrap.getKey(),
                     getElementTypeOrSelf(member->source.getType()),
                     getElementTypeOrSelf(bootstrap.getInput().getType()),
                     getElementTypeOrSelf(bootstrap.getType()),
                     keySwitchKey};
        batches[key].push_back(*member);
      }
    }
    if (llvm::none_of(batches,
                      [](auto &batch) { return batch.second.size() > 1; }))
      return;

    // The original order, by depth, of the operations that stay: those
    // producing a depth first, then those of that depth.
    DenseSet<Operation *> erased;
    for (auto &batch : batches)
      if (batch.second.size() > 1)
        for (const Member &member : batch.second)
          erased.insert(member.bootstrap);
    SmallVector<SmallVector<Operation *>> leading(maxDepth + 1);
    SmallVector<SmallVector<Operation *>> following(maxDepth + 1);
    for (Operation &op : body.without_terminator()) {
      if (erased.contains(&op))
        continue;
      unsigned depth = depths.lookup(&op);
      (isa<tfhe::BootstrapOp, tfhe::GatherBootstrapOp>(op) ? leading
                                                           : following)[depth]
          .push_back(&op);
    }

    // The batches, each built before the terminator and placed at the start
    // of its depth.
    Operation *terminator = body.getTerminator();
    OpBuilder builder(terminator);
    InsertedOps inserted;
    builder.setListener(&inserted);
    for (auto &[key, members] : batches) {
      if (members.size() < 2)
        continue;
      buildBatch(builder, members);
      llvm::append_range(leading[std::get<0>(key)], inserted.ops);
      inserted.ops.clear();
    }
    // No operation is created from here on: the addresses of the erased ones
    // stay unused while the lists are read.
    for (auto &batch : batches) {
      if (batch.second.size() < 2)
        continue;
      for (Member member : batch.second)
        member.bootstrap.erase();
      for (Member member : batch.second)
        if (member.keySwitch && !erased.contains(member.keySwitch) &&
            member.keySwitch->use_empty()) {
          erased.insert(member.keySwitch);
          member.keySwitch.erase();
        }
    }

    for (unsigned depth = 0; depth <= maxDepth; ++depth)
      for (auto *part : {&leading[depth], &following[depth]})
        for (Operation *op : *part)
          if (!erased.contains(op))
            op->moveBefore(terminator);
    for (Operation &op : llvm::make_early_inc_range(body.without_terminator()))
      if (auto concat = dyn_cast<tensor::ConcatOp>(op))
        mergeConcatenatedSlices(concat);
    // The slices a merge left unused, and the tables now in the batches'.
    for (Operation *op = terminator->getPrevNode(); op;) {
      Operation *previous = op->getPrevNode();
      if (isOpTriviallyDead(op))
        op->erase();
      op = previous;
    }
  }
};

} // namespace

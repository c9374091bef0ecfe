#include "compiler/Analysis/Decomposition.h"
#include "compiler/Analysis/RangeAnalysis.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cassert>

using namespace mlir;

namespace shade::analysis {

std::optional<int64_t> quarterSquare(int64_t x) {
  std::optional<int64_t> square = checkedMul(x, x);
  if (!square)
    return std::nullopt;
  return *square / 4;
}

std::optional<Interval> quarterSquare(Interval x) {
  std::optional<Interval> squares = square(x);
  if (!squares)
    return std::nullopt;
  // Squares are non-negative: the division rounds down.
  return Interval{squares->lo / 4, squares->hi / 4};
}

Interval relu(Interval x) {
  return {std::max<int64_t>(x.lo, 0), std::max<int64_t>(x.hi, 0)};
}

std::optional<DecompositionHeadroom> productHeadroom(Interval a, Interval b) {
  std::optional<Interval> sum = add(a, b), difference = sub(a, b);
  if (!sum || !difference)
    return std::nullopt;
  std::optional<Interval> sumSquare = quarterSquare(*sum);
  std::optional<Interval> differenceSquare = quarterSquare(*difference);
  std::optional<Interval> products = mul(a, b);
  if (!sumSquare || !differenceSquare || !products)
    return std::nullopt;
  DecompositionHeadroom headroom;
  headroom.decomposed = true;
  headroom.operandClass = {*sum, *difference};
  headroom.resultClass = {*sumSquare, *differenceSquare, *products};
  return headroom;
}

/// max(a, b) = b + relu(a - b), all levelled with the operands.
static std::optional<DecompositionHeadroom> maximum(Interval a, Interval b) {
  std::optional<Interval> difference = sub(a, b);
  if (!difference)
    return std::nullopt;
  DecompositionHeadroom headroom;
  headroom.decomposed = true;
  headroom.operandClass = {*difference, relu(*difference)};
  headroom.resultTiedToOperands = true;
  return headroom;
}

FailureOr<DecompositionHeadroom>
decompositionHeadroom(Operation *op, ArrayRef<Interval> operandHulls) {
  std::optional<DecompositionHeadroom> headroom =
      llvm::TypeSwitch<Operation *, std::optional<DecompositionHeadroom>>(op)
          .Case<fhe::MulEintOp, fhelinalg::MulEintOp, fhelinalg::DotEintEintOp,
                fhelinalg::MatmulEintEintOp>([&](auto) {
            return productHeadroom(operandHulls[0], operandHulls[1]);
          })
          // An encrypted weight makes every term a product of encrypted
          // values; padded cells enter the products as 0.
          .Case<fhelinalg::Conv2dOp>(
              [&](fhelinalg::Conv2dOp conv)
                  -> std::optional<DecompositionHeadroom> {
                if (!isEncrypted(conv.getWeight().getType()))
                  return DecompositionHeadroom();
                Interval input = operandHulls[0];
                if (llvm::any_of(conv.getPads(), [](Attribute pad) {
                      return cast<IntegerAttr>(pad).getInt() != 0;
                    }))
                  input = hull(input, Interval::point(0));
                std::optional<DecompositionHeadroom> headroom =
                    productHeadroom(input, operandHulls[1]);
                if (headroom && conv.getBias())
                  headroom->resultLevelledOperands.push_back(2);
                return headroom;
              })
          .Case<fhe::MaxEintOp, fhelinalg::MaxEintOp>(
              [&](auto) { return maximum(operandHulls[0], operandHulls[1]); })
          // A window's maximum is a chain of maxima of its cells.
          .Case<fhelinalg::Maxpool2dOp>(
              [&](auto) { return maximum(operandHulls[0], operandHulls[0]); })
          // One table from the input to the result.
          .Case<fhe::RoundOp, fhelinalg::RoundOp>([&](auto) {
            DecompositionHeadroom round;
            round.decomposed = true;
            return std::optional<DecompositionHeadroom>(round);
          })
          .Default([](Operation *) {
            return std::optional<DecompositionHeadroom>(
                DecompositionHeadroom());
          });
  if (!headroom)
    return op->emitOpError()
           << "range of the values of its decomposition overflows 64-bit "
              "integers";
  return *headroom;
}

std::optional<SmallVector<int64_t>>
buildLookupTable(Type inputType, Interval reachable,
                 function_ref<std::optional<int64_t>(int64_t)> entry) {
  auto encrypted = cast<fhe::EncryptedIntegerType>(inputType);
  assert(typeRange(inputType)->contains(reachable) &&
         "reachable values outside the input type");
  SmallVector<int64_t> table(size_t(1) << encrypted.getWidth(), 0);
  for (int64_t value = reachable.lo;; ++value) {
    std::optional<int64_t> result = entry(value);
    if (!result)
      return std::nullopt;
    table[lookupTableIndex(value, inputType)] = *result;
    if (value == reachable.hi)
      break;
  }
  return table;
}

Value createTableConstant(OpBuilder &builder, Location loc,
                          ArrayRef<int64_t> entries) {
  Interval range = Interval::point(entries.front());
  for (int64_t entry : entries)
    range = hull(range, Interval::point(entry));
  auto type =
      RankedTensorType::get({int64_t(entries.size())}, builder.getI64Type());
  auto constant = builder.create<arith::ConstantOp>(
      loc, DenseIntElementsAttr::get(type, entries));
  constant->setAttr(kRangeAttrName, makeRangeAttr(builder.getContext(), range));
  return constant;
}

Type TableReading::getType(MLIRContext *context) const {
  if (isSigned)
    return fhe::EncryptedSignedIntegerType::get(context, width);
  return fhe::EncryptedUnsignedIntegerType::get(context, width);
}

TableReading tableReading(Interval range) {
  bool isSigned = range.lo < 0;
  unsigned width = isSigned ? signedWidth(range) : unsignedWidth(range);
  std::optional<Interval> moved = sub(range, Interval::point(range.lo));
  if (moved && unsignedWidth(*moved) < width)
    return {unsignedWidth(*moved), false, -range.lo};
  return {width, isSigned, 0};
}

NarrowedInput narrowForLookup(OpBuilder &builder, Location loc, Value input,
                              Interval range) {
  auto type = cast<RankedTensorType>(input.getType());
  TableReading reading = tableReading(range);
  if (reading.width >=
      cast<fhe::EncryptedIntegerType>(type.getElementType()).getWidth())
    return {input, 0};
  auto rescale = builder.create<fhelinalg::RescaleOp>(
      loc, type.clone(reading.getType(builder.getContext())), input,
      /*shift=*/0, reading.offset, /*approximate=*/false);
  rescale->setAttr(kRangeAttrName, makeRangeAttr(builder.getContext(),
                                                 {range.lo + reading.offset,
                                                  range.hi + reading.offset}));
  return {rescale.getResult(), reading.offset};
}

} // namespace shade::analysis

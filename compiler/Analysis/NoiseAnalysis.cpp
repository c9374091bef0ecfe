//===- NoiseAnalysis.cpp - Squared 2-norms of encrypted values ------------===//
//
// The driver and the rules of the element-wise and data-movement ops; the
// weighted sums (dot, matmul, conv2d, sum) are in NoiseAnalysisLinalg.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/Analysis/NoiseAnalysis.h"
#include "compiler/Analysis/BitExtraction.h"
#include "compiler/Analysis/NoiseAnalysisRules.h"
#include "compiler/Analysis/RangeAnalysis.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/APInt.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>
#include <iterator>

using namespace mlir;

namespace shade::analysis::noise {

//===----------------------------------------------------------------------===//
// Norm arithmetic
//===----------------------------------------------------------------------===//

std::optional<uint64_t> addNorms(uint64_t a, uint64_t b) {
  std::optional<uint64_t> sum = llvm::checkedAddUnsigned(a, b);
  if (!sum || *sum > kMaxNorm2)
    return std::nullopt;
  return sum;
}

std::optional<uint64_t> mulNorms(uint64_t a, uint64_t b) {
  std::optional<uint64_t> product = llvm::checkedMulUnsigned(a, b);
  if (!product || *product > kMaxNorm2)
    return std::nullopt;
  return product;
}

/// ||u + v||^2 <= (||u|| + ||v||)^2 = a + b + 2 sqrt(a b) for vectors u, v
/// of squared norms a and b that may share coordinates.
static std::optional<uint64_t> addCorrelatedNorms(uint64_t a, uint64_t b) {
  llvm::APInt product = llvm::APInt(128, a) * llvm::APInt(128, b);
  llvm::APInt root = product.sqrt();
  if (root * root != product)
    root += 1;
  std::optional<uint64_t> cross = mulNorms(2, root.getZExtValue());
  if (!cross)
    return std::nullopt;
  std::optional<uint64_t> sum = addNorms(a, b);
  return sum ? addNorms(*sum, *cross) : std::nullopt;
}

std::optional<uint64_t> WeightedSum::norm2(uint64_t termNorm2,
                                           bool independentTerms) const {
  if (independentTerms)
    return mulNorms(squares, termNorm2);
  // Terms sharing sources: ||sum w_i t_i||^2 <= (sum |w_i| ||t_i||)^2.
  std::optional<uint64_t> square = mulNorms(magnitudes, magnitudes);
  return square ? mulNorms(*square, termNorm2) : std::nullopt;
}

std::optional<Norm2> WeightedSum::norm2(Norm2 termNorm2,
                                        bool independentTerms) const {
  return mapNorm2(termNorm2,
                  [&](uint64_t term) { return norm2(term, independentTerms); });
}

std::optional<Norm2>
mapNorm2(Norm2 norm2,
         llvm::function_ref<std::optional<uint64_t>(uint64_t)> apply) {
  std::optional<uint64_t> fresh = apply(norm2.fresh);
  std::optional<uint64_t> bootstrapped = apply(norm2.bootstrapped);
  if (!fresh || !bootstrapped)
    return std::nullopt;
  return Norm2{*fresh, *bootstrapped};
}

Norm2 maxNorm2(Norm2 a, Norm2 b) {
  return {std::max(a.fresh, b.fresh), std::max(a.bootstrapped, b.bootstrapped)};
}

bool WeightedSum::add(uint64_t magnitude, uint64_t count) {
  std::optional<uint64_t> square = mulNorms(magnitude, magnitude);
  std::optional<uint64_t> squareTerms =
      square ? mulNorms(*square, count) : std::nullopt;
  std::optional<uint64_t> magnitudeTerms = mulNorms(magnitude, count);
  std::optional<uint64_t> newSquares =
      squareTerms ? addNorms(squares, *squareTerms) : std::nullopt;
  std::optional<uint64_t> newMagnitudes =
      magnitudeTerms ? addNorms(magnitudes, *magnitudeTerms) : std::nullopt;
  if (!newSquares || !newMagnitudes)
    return false;
  squares = *newSquares;
  magnitudes = *newMagnitudes;
  return true;
}

bool WeightedSum::add(const WeightedSum &other) {
  std::optional<uint64_t> newSquares = addNorms(squares, other.squares);
  std::optional<uint64_t> newMagnitudes =
      addNorms(magnitudes, other.magnitudes);
  if (!newSquares || !newMagnitudes)
    return false;
  squares = *newSquares;
  magnitudes = *newMagnitudes;
  return true;
}

//===----------------------------------------------------------------------===//
// Sources
//===----------------------------------------------------------------------===//

static SmallVector<unsigned> uniteSources(ArrayRef<unsigned> a,
                                          ArrayRef<unsigned> b) {
  SmallVector<unsigned> united;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(),
                 std::back_inserter(united));
  return united;
}

static bool disjointSources(ArrayRef<unsigned> a, ArrayRef<unsigned> b) {
  auto i = a.begin(), j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j)
      return false;
    if (*i < *j)
      ++i;
    else
      ++j;
  }
  return true;
}

std::optional<Norm2> sumNorm(const NoiseInfo &a, const NoiseInfo &b) {
  auto add =
      disjointSources(a.sources, b.sources) ? addNorms : addCorrelatedNorms;
  std::optional<uint64_t> fresh = add(a.norm2.fresh, b.norm2.fresh);
  std::optional<uint64_t> bootstrapped =
      add(a.norm2.bootstrapped, b.norm2.bootstrapped);
  if (!fresh || !bootstrapped)
    return std::nullopt;
  return Norm2{*fresh, *bootstrapped};
}

NoiseInfo finishInfo(NoiseInfo info) {
  // Copies of noiseless elements (trivial encryptions) are harmless.
  if (info.sources.empty())
    info.independentElements = true;
  return info;
}

//===----------------------------------------------------------------------===//
// Types and clear operands
//===----------------------------------------------------------------------===//

int64_t elementCount(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return shaped.getNumElements();
  return 1;
}

LogicalResult emitOverflow(Operation *op) {
  return op->emitOpError() << "squared 2-norm of the result overflows "
                              "64-bit integers";
}

/// |value| for a clear integer held in 64 bits.
static std::optional<uint64_t> magnitudeOf(const llvm::APInt &value) {
  if (value.getBitWidth() > 64 && !value.isSignedIntN(64))
    return std::nullopt;
  int64_t signedValue = value.getSExtValue();
  return signedValue < 0 ? uint64_t(-(signedValue + 1)) + 1
                         : uint64_t(signedValue);
}

/// The largest |v| over the declared range of a clear value: its `fhe.range`
/// (on its defining op or function argument), else its type.
static std::optional<uint64_t> rangeMagnitude(Value clear) {
  DenseI64ArrayAttr range;
  if (Operation *def = clear.getDefiningOp()) {
    range = def->getAttrOfType<DenseI64ArrayAttr>("fhe.range");
  } else {
    auto argument = cast<BlockArgument>(clear);
    if (auto function =
            dyn_cast<func::FuncOp>(argument.getOwner()->getParentOp()))
      range = function.getArgAttrOfType<DenseI64ArrayAttr>(
          argument.getArgNumber(), "fhe.range");
  }
  if (range && range.size() == 2) {
    std::optional<uint64_t> lo = magnitudeOf(llvm::APInt(64, range[0], true));
    std::optional<uint64_t> hi = magnitudeOf(llvm::APInt(64, range[1], true));
    return std::max(*lo, *hi);
  }
  unsigned width =
      getElementTypeOrSelf(clear.getType()).getIntOrFloatBitWidth();
  if (width == 0 || width > 64)
    return std::nullopt;
  // A two's-complement iN reaches -2^(N-1).
  return uint64_t(1) << (width - 1);
}

FailureOr<ClearMagnitudes> clearMagnitudes(Operation *user, Value clear) {
  ClearMagnitudes result;
  Attribute constant;
  if (matchPattern(clear, m_Constant(&constant))) {
    if (auto elements = dyn_cast<DenseIntElementsAttr>(constant)) {
      result.values.reserve(elements.getNumElements());
      for (const llvm::APInt &value : elements.getValues<llvm::APInt>()) {
        std::optional<uint64_t> magnitude = magnitudeOf(value);
        if (!magnitude)
          return emitOverflow(user);
        result.values.push_back(*magnitude);
      }
      return result;
    }
    if (auto integer = dyn_cast<IntegerAttr>(constant)) {
      std::optional<uint64_t> magnitude = magnitudeOf(integer.getValue());
      if (!magnitude)
        return emitOverflow(user);
      result.values.push_back(*magnitude);
      return result;
    }
  }
  std::optional<uint64_t> bound = rangeMagnitude(clear);
  if (!bound)
    return emitOverflow(user);
  result.uniform = *bound;
  return result;
}

uint64_t ClearMagnitudes::largest() const {
  if (uniform)
    return *uniform;
  uint64_t result = 0;
  for (uint64_t value : values)
    result = std::max(result, value);
  return result;
}

bool ClearMagnitudes::accumulate(WeightedSum &sum, int64_t first,
                                 int64_t stride, int64_t count) const {
  if (uniform)
    return sum.add(*uniform, count);
  for (int64_t i = 0; i < count; ++i)
    if (!sum.add(values[first + i * stride]))
      return false;
  return true;
}

} // namespace shade::analysis::noise

//===----------------------------------------------------------------------===//
// Element-wise and data-movement rules
//===----------------------------------------------------------------------===//

namespace shade::analysis {
namespace {

using namespace noise;

class NoiseVisitor {
public:
  explicit NoiseVisitor(NoiseAnalysis &analysis) : analysis(analysis) {}

  LogicalResult visit(Operation *op);

private:
  const NoiseInfo &info(Value value) const { return analysis.lookup(value); }

  /// Whether the element count of `operand` equals that of the result:
  /// no element is repeated by broadcasting.
  static bool keepsElements(Value operand, Operation *op) {
    return elementCount(operand.getType()) ==
           elementCount(op->getResult(0).getType());
  }

  /// The sum or difference of two encrypted operands.
  FailureOr<NoiseInfo> combine(Operation *op, Value lhs, Value rhs);
  /// The union of several values placed side by side in a result.
  FailureOr<NoiseInfo> gather(Operation *op, ValueRange parts,
                              bool repeatsElements);
  /// An encrypted operand times a clear one.
  FailureOr<NoiseInfo> scale(Operation *op, Value encrypted, Value clear);
  /// The rule for `op`, whose results are encrypted.
  FailureOr<NoiseInfo> rule(Operation *op);

  NoiseAnalysis &analysis;
};

} // namespace

FailureOr<NoiseInfo> NoiseVisitor::combine(Operation *op, Value lhs,
                                           Value rhs) {
  const NoiseInfo &a = info(lhs), &b = info(rhs);
  bool disjoint = disjointSources(a.sources, b.sources);
  std::optional<Norm2> norm2 = sumNorm(a, b);
  if (!norm2)
    return emitOverflow(op);
  NoiseInfo result;
  result.norm2 = *norm2;
  result.sources = uniteSources(a.sources, b.sources);
  result.independentElements = disjoint && a.independentElements &&
                               b.independentElements &&
                               keepsElements(lhs, op) && keepsElements(rhs, op);
  return finishInfo(std::move(result));
}

FailureOr<NoiseInfo> NoiseVisitor::gather(Operation *op, ValueRange parts,
                                          bool repeatsElements) {
  NoiseInfo result;
  result.independentElements = !repeatsElements;
  // All the parts' sources at once, then sorted: uniting them one part at a
  // time would take time quadratic in the number of parts (a concatenation
  // of 100 000 lookups). Each part's sources are distinct, so a source that
  // appears twice is shared by two parts.
  for (Value part : parts) {
    const NoiseInfo &partInfo = info(part);
    result.norm2 = maxNorm2(result.norm2, partInfo.norm2);
    result.independentElements &= partInfo.independentElements;
    llvm::append_range(result.sources, partInfo.sources);
  }
  llvm::sort(result.sources);
  auto duplicates = std::unique(result.sources.begin(), result.sources.end());
  result.independentElements &= duplicates == result.sources.end();
  result.sources.erase(duplicates, result.sources.end());
  return finishInfo(std::move(result));
}

FailureOr<NoiseInfo> NoiseVisitor::scale(Operation *op, Value encrypted,
                                         Value clear) {
  FailureOr<ClearMagnitudes> factors = clearMagnitudes(op, clear);
  if (failed(factors))
    return failure();
  uint64_t factor = factors->largest();
  std::optional<uint64_t> square = mulNorms(factor, factor);
  const NoiseInfo &input = info(encrypted);
  std::optional<Norm2> norm2 =
      square ? mapNorm2(input.norm2,
                        [&](uint64_t part) { return mulNorms(*square, part); })
             : std::nullopt;
  if (!norm2)
    return emitOverflow(op);
  NoiseInfo result = input;
  result.norm2 = *norm2;
  result.independentElements &= keepsElements(encrypted, op);
  return finishInfo(std::move(result));
}

FailureOr<NoiseInfo> NoiseVisitor::rule(Operation *op) {
  // The encrypted operand of an op with a clear one.
  auto encryptedOperand = [](Operation *op) -> Value {
    for (Value operand : op->getOperands())
      if (isEncrypted(operand.getType()))
        return operand;
    return {};
  };
  auto sameAsOperand = [&](Value operand) -> FailureOr<NoiseInfo> {
    return info(operand);
  };
  auto elementwise = [&](Operation *op) -> FailureOr<NoiseInfo> {
    Value operand = encryptedOperand(op);
    NoiseInfo result = info(operand);
    result.independentElements &= keepsElements(operand, op);
    return finishInfo(std::move(result));
  };
  return llvm::TypeSwitch<Operation *, FailureOr<NoiseInfo>>(op)
      .Case<fhe::ZeroOp, fhelinalg::ZeroOp>(
          [](auto) -> FailureOr<NoiseInfo> { return NoiseInfo(); })
      .Case<fhe::ApplyLookupTableOp, fhelinalg::ApplyLookupTableOp,
            fhelinalg::ApplyMultiLookupTableOp>(
          [&](auto) { return analysis.newSource(SourceKind::Bootstrapped); })
      .Case<fhe::AddEintOp, fhe::SubEintOp, fhelinalg::AddEintOp,
            fhelinalg::SubEintOp>([&](auto binary) {
        return combine(op, binary.getLhs(), binary.getRhs());
      })
      .Case<fhe::AddEintIntOp, fhe::SubEintIntOp, fhe::SubIntEintOp,
            fhe::NegEintOp, fhe::ToSignedOp, fhe::ToUnsignedOp,
            fhelinalg::AddEintIntOp, fhelinalg::SubEintIntOp,
            fhelinalg::SubIntEintOp, fhelinalg::NegEintOp>(
          [&](auto) { return elementwise(op); })
      .Case<fhelinalg::ToSignedOp, fhelinalg::ToUnsignedOp>(
          [&](auto cast) -> FailureOr<NoiseInfo> {
            // Values outside [0, 2^(w-1)) go through an identity table.
            if (isFreeSignednessCast(cast, encryptedWidth(cast.getInput())))
              return elementwise(op);
            return analysis.newSource(SourceKind::Bootstrapped);
          })
      .Case<fhe::MulEintIntOp, fhelinalg::MulEintIntOp>([&](auto multiply) {
        return scale(op, multiply.getLhs(), multiply.getRhs());
      })
      .Case<fhelinalg::ClearLowBitsOp>(
          [&](fhelinalg::ClearLowBitsOp clear) -> FailureOr<NoiseInfo> {
            std::optional<ArrayRef<int64_t>> chunks = clear.getChunks();
            if (!chunks)
              return clear.emitOpError()
                     << "has no chunks: run --shade-decompose-rounding "
                        "before the noise analysis";
            // Every bootstrap result it subtracts is a new source.
            NoiseInfo result = info(clear.getInput());
            for (int64_t chunk : *chunks)
              for (unsigned i = 0; i < chunkBootstraps(chunk); ++i) {
                std::optional<uint64_t> norm2 =
                    addNorms(result.norm2.bootstrapped, 1);
                if (!norm2)
                  return emitOverflow(op);
                result.norm2.bootstrapped = *norm2;
                result.sources.push_back(
                    analysis.newSource(SourceKind::Bootstrapped).sources[0]);
              }
            return finishInfo(std::move(result));
          })
      .Case<fhelinalg::RescaleOp>(
          [&](fhelinalg::RescaleOp rescale) -> FailureOr<NoiseInfo> {
            // The ciphertext is multiplied by 2^(W - shift - w).
            unsigned multiplierLog2 = encryptedWidth(rescale.getInput()) -
                                      rescale.getShift() -
                                      encryptedWidth(rescale.getResult());
            NoiseInfo result = info(rescale.getInput());
            std::optional<Norm2> norm2 =
                multiplierLog2 >= 32
                    ? std::nullopt
                    : mapNorm2(result.norm2, [&](uint64_t part) {
                        return mulNorms(part, uint64_t(1)
                                                  << (2 * multiplierLog2));
                      });
            if (!norm2)
              return emitOverflow(op);
            result.norm2 = *norm2;
            return finishInfo(std::move(result));
          })
      .Case<fhelinalg::DotEintIntOp>(
          [&](auto dot) { return dotRule(dot, info(dot.getLhs())); })
      .Case<fhelinalg::MatmulEintIntOp>([&](auto matmul) {
        return matmulEintIntRule(matmul, info(matmul.getLhs()));
      })
      .Case<fhelinalg::MatmulIntEintOp>([&](auto matmul) {
        return matmulIntEintRule(matmul, info(matmul.getRhs()));
      })
      .Case<fhelinalg::SumOp>(
          [&](auto sum) { return sumRule(sum, info(sum.getInput())); })
      .Case<fhelinalg::Conv2dOp>(
          [&](auto conv) { return conv2dRule(conv, analysis); })
      .Case<fhelinalg::TransposeOp, tensor::ExpandShapeOp,
            tensor::CollapseShapeOp, tensor::ExtractSliceOp>(
          [&](auto layout) { return sameAsOperand(layout->getOperand(0)); })
      .Case<tensor::ReshapeOp>(
          [&](auto reshape) { return sameAsOperand(reshape.getSource()); })
      .Case<tensor::ExtractOp>([&](auto extract) {
        NoiseInfo result = info(extract.getTensor());
        result.independentElements = true;
        return FailureOr<NoiseInfo>(std::move(result));
      })
      .Case<fhelinalg::BroadcastOp>([&](auto broadcast) {
        return gather(op, broadcast.getInput(),
                      !keepsElements(broadcast.getInput(), op));
      })
      .Case<fhelinalg::ConcatOp>(
          [&](auto concat) { return gather(op, concat.getInputs(), false); })
      .Case<tensor::FromElementsOp>([&](auto fromElements) {
        return gather(op, fromElements.getElements(), false);
      })
      .Case<tensor::InsertOp>([&](auto insert) {
        return gather(op, ValueRange{insert.getScalar(), insert.getDest()},
                      false);
      })
      .Case<tensor::InsertSliceOp>([&](auto insert) {
        return gather(op, ValueRange{insert.getSource(), insert.getDest()},
                      false);
      })
      .Case<tensor::PadOp>([&](tensor::PadOp pad) -> FailureOr<NoiseInfo> {
        Value padding = pad.getConstantPaddingValue();
        if (!padding)
          return pad.emitOpError()
                 << "pads an encrypted tensor with a value computed in its "
                    "region: the noise analysis needs one padding value";
        // Only the padding value is repeated.
        return gather(op, ValueRange{pad.getSource(), padding},
                      !info(padding).sources.empty());
      })
      .Default([](Operation *op) -> FailureOr<NoiseInfo> {
        return op->emitOpError() << "produces an encrypted value the noise "
                                    "analysis has no rule for";
      });
}

LogicalResult NoiseVisitor::visit(Operation *op) {
  if (!llvm::any_of(op->getResultTypes(), analysis::isEncrypted))
    return success();
  if (isa<fhe::MulEintOp, fhe::MaxEintOp, fhe::RoundOp, fhelinalg::MulEintOp,
          fhelinalg::MaxEintOp, fhelinalg::RoundOp, fhelinalg::DotEintEintOp,
          fhelinalg::MatmulEintEintOp, fhelinalg::Maxpool2dOp>(op))
    return op->emitOpError()
           << "is not levelled: run --shade-decompose-encrypted-ops before "
              "the noise analysis";
  // Every encrypted operand must come from an analyzed op: an op nested in a
  // region the analysis does not enter has none.
  for (Value operand : op->getOperands())
    if (isEncrypted(operand.getType()) && !analysis.contains(operand))
      return op->emitOpError()
             << "uses an encrypted value the noise analysis has no rule for";
  FailureOr<NoiseInfo> result = rule(op);
  if (failed(result))
    return failure();
  analysis.set(op->getResult(0), std::move(*result));
  return success();
}

//===----------------------------------------------------------------------===//
// NoiseAnalysis
//===----------------------------------------------------------------------===//

const NoiseInfo &NoiseAnalysis::lookup(Value value) const {
  auto it = infos.find(value);
  assert(it != infos.end() && "encrypted value not analyzed");
  return it->second;
}

bool NoiseAnalysis::contains(Value value) const { return infos.count(value); }

void NoiseAnalysis::set(Value value, NoiseInfo info) {
  infos[value] = std::move(info);
}

NoiseInfo NoiseAnalysis::newSource(SourceKind kind) {
  NoiseInfo info;
  (kind == SourceKind::Fresh ? info.norm2.fresh : info.norm2.bootstrapped) = 1;
  info.sources.push_back(nextSource++);
  return info;
}

Attribute makeNorm2Attr(MLIRContext *context, Norm2 norm2) {
  return DenseI64ArrayAttr::get(
      context, {int64_t(norm2.fresh), int64_t(norm2.bootstrapped)});
}

std::optional<Norm2> parseNorm2Attr(Attribute attribute) {
  auto array = dyn_cast_or_null<DenseI64ArrayAttr>(attribute);
  if (!array || array.size() != 2 || array[0] < 0 || array[1] < 0)
    return std::nullopt;
  return Norm2{uint64_t(array[0]), uint64_t(array[1])};
}

FailureOr<NoiseAnalysis> NoiseAnalysis::run(func::FuncOp function) {
  NoiseAnalysis analysis;
  for (BlockArgument argument : function.getArguments())
    if (isEncrypted(argument.getType()))
      analysis.set(argument, analysis.newSource(SourceKind::Fresh));
  NoiseVisitor visitor(analysis);
  WalkResult walk = function.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (failed(visitor.visit(op)))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  return analysis;
}

} // namespace shade::analysis

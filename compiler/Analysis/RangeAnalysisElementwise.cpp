// Transfer functions of the elementwise ops of fhe and fhelinalg.

#include "compiler/Analysis/RangeAnalysisTransfer.h"

#include "dialects/FHE/IR/FHEOps.h"
#include "dialects/FHELinalg/IR/FHELinalgOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace shade::analysis::detail {

using IntervalFn = std::optional<Interval> (*)(ArrayRef<Interval>);

static std::optional<Interval> addFn(ArrayRef<Interval> x) {
  return add(x[0], x[1]);
}
static std::optional<Interval> subFn(ArrayRef<Interval> x) {
  return sub(x[0], x[1]);
}
static std::optional<Interval> mulFn(ArrayRef<Interval> x) {
  return mul(x[0], x[1]);
}
static std::optional<Interval> maxFn(ArrayRef<Interval> x) {
  return max(x[0], x[1]);
}
static std::optional<Interval> negFn(ArrayRef<Interval> x) { return neg(x[0]); }

/// The op's operands, all broadcast to its result, through `apply`.
static TransferResult mapOperands(const TransferContext &ctx,
                                  IntervalFn apply) {
  return mapElementwise(ctx, shapeOf(ctx.op->getResult(0)), ctx.operands,
                        apply);
}

/// The result of an encryption of zero.
static TransferResult zero(const TransferContext &ctx) {
  return RangeInfo(shapeOf(ctx.op->getResult(0)), Interval::point(0));
}

/// `fhe.round` and `fhelinalg.round`: floor(x / 2^d + 1/2) with d the input
/// width minus the result width.
static TransferResult round(const TransferContext &ctx) {
  auto input =
      cast<fhe::EncryptedIntegerType>(elementTypeOf(ctx.op->getOperand(0)));
  auto result =
      cast<fhe::EncryptedIntegerType>(elementTypeOf(ctx.op->getResult(0)));
  if (result.getWidth() >= input.getWidth())
    return ctx.op->emitOpError() << "rounds " << input << " to " << result
                                 << ", which is not narrower";
  unsigned shift = input.getWidth() - result.getWidth();
  return mapElementwise(ctx, shapeOf(ctx.op->getResult(0)), ctx.operands,
                        [&](ArrayRef<Interval> x) -> std::optional<Interval> {
                          return roundShift(x[0], shift);
                        });
}

/// `fhelinalg.clear_low_bits`: floor(x / 2^bits) * 2^bits, non-decreasing.
static TransferResult clearLowBits(const TransferContext &ctx, unsigned bits) {
  auto clear = [bits](int64_t x) { return (x >> bits) * (int64_t(1) << bits); };
  return mapElementwise(ctx, shapeOf(ctx.op->getResult(0)), ctx.operands,
                        [&](ArrayRef<Interval> x) -> std::optional<Interval> {
                          return Interval{clear(x[0].lo), clear(x[0].hi)};
                        });
}

/// `fhelinalg.rescale`: (x + offset) / 2^shift, exact on the multiples of
/// 2^shift it requires; approximate, either neighbour of it.
static TransferResult rescale(const TransferContext &ctx,
                              fhelinalg::RescaleOp op) {
  unsigned shift = op.getShift();
  bool approximate = op.getApproximate();
  Interval offset = Interval::point(op.getOffset());
  return mapElementwise(ctx, shapeOf(op.getResult()), ctx.operands,
                        [&](ArrayRef<Interval> x) -> std::optional<Interval> {
                          std::optional<Interval> moved = add(x[0], offset);
                          if (!moved)
                            return std::nullopt;
                          int64_t lo = moved->lo >> shift,
                                  hi = moved->hi >> shift;
                          if (approximate && (hi << shift) != moved->hi)
                            ++hi;
                          return Interval{lo, hi};
                        });
}

/// The values of the w-bit patterns of `x` read with the other signedness:
/// a signedness cast changes no bit of the ciphertext.
static Interval reinterpret(Interval x, unsigned width, bool toSigned) {
  int64_t modulus = int64_t(1) << width;
  int64_t half = modulus / 2;
  if (toSigned) {
    if (x.hi < half)
      return x;
    if (x.lo >= half)
      return {x.lo - modulus, x.hi - modulus};
    return {-half, half - 1};
  }
  if (x.lo >= 0)
    return x;
  if (x.hi < 0)
    return {x.lo + modulus, x.hi + modulus};
  return {0, modulus - 1};
}

/// `to_signed` and `to_unsigned` of fhe and fhelinalg.
static TransferResult signednessCast(const TransferContext &ctx,
                                     bool toSigned) {
  Type inputType = elementTypeOf(ctx.op->getOperand(0));
  Interval declared = *typeRange(inputType);
  Interval input = ctx.operand(0).getHull();
  if (!declared.contains(input))
    return ctx.op->emitOpError()
           << "input range " << input.str() << " exceeds its type " << inputType
           << " " << declared.str()
           << ": the cast reinterprets its bit pattern";
  unsigned width = cast<fhe::EncryptedIntegerType>(inputType).getWidth();
  return mapElementwise(ctx, shapeOf(ctx.op->getResult(0)), ctx.operands,
                        [&](ArrayRef<Interval> x) -> std::optional<Interval> {
                          return reinterpret(x[0], width, toSigned);
                        });
}

std::optional<TransferResult> inferElementwise(const TransferContext &ctx) {
  return llvm::TypeSwitch<Operation *, std::optional<TransferResult>>(ctx.op)
      .Case<fhe::ZeroOp, fhelinalg::ZeroOp>([&](auto) { return zero(ctx); })
      .Case<fhe::AddEintOp, fhe::AddEintIntOp, fhelinalg::AddEintOp,
            fhelinalg::AddEintIntOp>(
          [&](auto) { return mapOperands(ctx, addFn); })
      .Case<fhe::SubEintOp, fhe::SubEintIntOp, fhe::SubIntEintOp,
            fhelinalg::SubEintOp, fhelinalg::SubEintIntOp,
            fhelinalg::SubIntEintOp>(
          [&](auto) { return mapOperands(ctx, subFn); })
      .Case<fhe::MulEintIntOp, fhe::MulEintOp, fhelinalg::MulEintIntOp,
            fhelinalg::MulEintOp>([&](auto) { return mapOperands(ctx, mulFn); })
      .Case<fhe::MaxEintOp, fhelinalg::MaxEintOp>(
          [&](auto) { return mapOperands(ctx, maxFn); })
      .Case<fhe::NegEintOp, fhelinalg::NegEintOp>(
          [&](auto) { return mapOperands(ctx, negFn); })
      .Case<fhe::RoundOp, fhelinalg::RoundOp>([&](auto) { return round(ctx); })
      .Case<fhelinalg::ClearLowBitsOp>([&](fhelinalg::ClearLowBitsOp op) {
        return clearLowBits(ctx, op.getBits());
      })
      .Case<fhelinalg::RescaleOp>(
          [&](fhelinalg::RescaleOp op) { return rescale(ctx, op); })
      .Case<fhe::ToSignedOp, fhelinalg::ToSignedOp>(
          [&](auto) { return signednessCast(ctx, /*toSigned=*/true); })
      .Case<fhe::ToUnsignedOp, fhelinalg::ToUnsignedOp>(
          [&](auto) { return signednessCast(ctx, /*toSigned=*/false); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace shade::analysis::detail

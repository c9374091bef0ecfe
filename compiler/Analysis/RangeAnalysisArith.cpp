// Transfer functions of the clear run-time computations on integers (arith
// ops, on scalars or elementwise on tensors). Clear integers are read as two's
// complement, i1 included (true is -1). An arith op wraps around its type: a
// range leaving the type is an error rather than a wrapped range.

#include "compiler/Analysis/RangeAnalysisTransfer.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace shade::analysis::detail {

static const Interval kTrue = Interval::point(-1);
static const Interval kFalse = Interval::point(0);
static const Interval kUnknownCondition = {-1, 0};

/// floor(x / 2^shift) for 0 <= shift < 64.
static int64_t shiftRight(int64_t x, int64_t shift) {
  return shift >= 63 ? (x < 0 ? -1 : 0) : x >> shift;
}

/// The values of x << s for s in `shift`, which must lie in [0, 62].
static std::optional<Interval> shiftLeft(Interval x, Interval shift) {
  return mul(x, {int64_t(1) << shift.lo, int64_t(1) << shift.hi});
}

/// Floor shifts are monotonic in each argument: the extremes are corners.
static Interval shiftRight(Interval x, Interval shift) {
  int64_t corners[] = {shiftRight(x.lo, shift.lo), shiftRight(x.lo, shift.hi),
                       shiftRight(x.hi, shift.lo), shiftRight(x.hi, shift.hi)};
  return {*std::min_element(std::begin(corners), std::end(corners)),
          *std::max_element(std::begin(corners), std::end(corners))};
}

/// Whether `a predicate b` holds for all, none or some of the values.
static Interval compare(arith::CmpIPredicate predicate, Interval a,
                        Interval b) {
  auto decide = [](bool always, bool never) {
    return always ? kTrue : never ? kFalse : kUnknownCondition;
  };
  // Unsigned comparisons agree with signed ones on non-negative values.
  bool nonNegative = a.lo >= 0 && b.lo >= 0;
  switch (predicate) {
  case arith::CmpIPredicate::eq:
    return decide(a.lo == a.hi && a == b, a.hi < b.lo || b.hi < a.lo);
  case arith::CmpIPredicate::ne:
    return decide(a.hi < b.lo || b.hi < a.lo, a.lo == a.hi && a == b);
  case arith::CmpIPredicate::ult:
  case arith::CmpIPredicate::ule:
  case arith::CmpIPredicate::ugt:
  case arith::CmpIPredicate::uge:
    if (!nonNegative)
      return kUnknownCondition;
    [[fallthrough]];
  default:
    break;
  }
  switch (predicate) {
  case arith::CmpIPredicate::slt:
  case arith::CmpIPredicate::ult:
    return decide(a.hi < b.lo, a.lo >= b.hi);
  case arith::CmpIPredicate::sle:
  case arith::CmpIPredicate::ule:
    return decide(a.hi <= b.lo, a.lo > b.hi);
  case arith::CmpIPredicate::sgt:
  case arith::CmpIPredicate::ugt:
    return decide(a.lo > b.hi, a.hi <= b.lo);
  default:
    return decide(a.lo >= b.hi, a.hi < b.lo);
  }
}

/// Checks that the result range stays in the result type, which the op would
/// otherwise wrap around.
static TransferResult inType(const TransferContext &ctx,
                             TransferResult result) {
  if (failed(result))
    return result;
  Type type = ctx.op->getResult(0).getType();
  Interval declared = *typeRange(type);
  if (!declared.contains(result->getHull()))
    return ctx.op->emitOpError()
           << "range " << result->getHull().str() << " leaves its type "
           << getElementTypeOrSelf(type) << " " << declared.str()
           << ", which the op wraps around";
  return result;
}

/// The elementwise op through `apply`, operands broadcast (a scalar
/// condition of a select) to the result shape.
static TransferResult
elementwise(const TransferContext &ctx,
            function_ref<std::optional<Interval>(ArrayRef<Interval>)> apply) {
  return inType(ctx, mapElementwise(ctx, shapeOf(ctx.op->getResult(0)),
                                    ctx.operands, apply));
}

static TransferResult shift(const TransferContext &ctx, bool left) {
  unsigned width =
      cast<IntegerType>(elementTypeOf(ctx.op->getResult(0))).getWidth();
  Interval amounts = ctx.operand(1).getHull();
  if (amounts.lo < 0 || amounts.hi >= int64_t(std::min(width, 63u)))
    return ctx.op->emitOpError()
           << "shift amounts " << amounts.str() << " leave [0, "
           << std::min(width, 63u) - 1 << "]";
  return elementwise(ctx, [&](ArrayRef<Interval> x) {
    return left ? shiftLeft(x[0], x[1])
                : std::optional<Interval>(shiftRight(x[0], x[1]));
  });
}

/// Zero extension: the N-bit pattern of a negative value read unsigned.
static TransferResult zeroExtend(const TransferContext &ctx) {
  unsigned width =
      cast<IntegerType>(elementTypeOf(ctx.op->getOperand(0))).getWidth();
  return elementwise(ctx, [&](ArrayRef<Interval> x) -> std::optional<Interval> {
    if (x[0].lo >= 0)
      return x[0];
    if (width >= 63)
      return std::nullopt;
    int64_t modulus = int64_t(1) << width;
    if (x[0].hi < 0)
      return Interval{x[0].lo + modulus, x[0].hi + modulus};
    return Interval{0, modulus - 1};
  });
}

std::optional<TransferResult> inferClearArith(const TransferContext &ctx) {
  using Operands = ArrayRef<Interval>;
  return llvm::TypeSwitch<Operation *, std::optional<TransferResult>>(ctx.op)
      .Case<arith::AddIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) { return add(x[0], x[1]); });
      })
      .Case<arith::SubIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) { return sub(x[0], x[1]); });
      })
      .Case<arith::MulIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) { return mul(x[0], x[1]); });
      })
      .Case<arith::MaxSIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) {
          return std::optional<Interval>(max(x[0], x[1]));
        });
      })
      .Case<arith::MinSIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) {
          return std::optional<Interval>(min(x[0], x[1]));
        });
      })
      .Case<arith::AndIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) {
          return std::optional<Interval>(bitwiseAnd(x[0], x[1]));
        });
      })
      .Case<arith::OrIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) {
          return std::optional<Interval>(bitwiseOr(x[0], x[1]));
        });
      })
      .Case<arith::XOrIOp>([&](auto) {
        return elementwise(ctx, [](Operands x) {
          return std::optional<Interval>(bitwiseXor(x[0], x[1]));
        });
      })
      .Case<arith::FloorDivSIOp>([&](auto op) -> TransferResult {
        if (ctx.operand(1).getHull().contains(0))
          return op.emitOpError()
                 << "divisor range " << ctx.operand(1).getHull().str()
                 << " contains 0";
        return elementwise(ctx,
                           [](Operands x) { return floorDiv(x[0], x[1]); });
      })
      .Case<arith::ShLIOp>([&](auto) { return shift(ctx, /*left=*/true); })
      .Case<arith::ShRSIOp>([&](auto) { return shift(ctx, /*left=*/false); })
      .Case<arith::SelectOp>([&](auto) {
        return elementwise(ctx, [](Operands x) {
          return std::optional<Interval>(x[0] == kTrue    ? x[1]
                                         : x[0] == kFalse ? x[2]
                                                          : hull(x[1], x[2]));
        });
      })
      .Case<arith::CmpIOp>([&](auto op) {
        return elementwise(ctx, [&](Operands x) {
          return std::optional<Interval>(
              compare(op.getPredicate(), x[0], x[1]));
        });
      })
      .Case<arith::ExtUIOp>([&](auto) { return zeroExtend(ctx); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace shade::analysis::detail

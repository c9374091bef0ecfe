// fhelinalg.clear_low_bits and fhelinalg.rescale: the bootstraps that clear a
// wide value's low bits chunk by chunk (compiler/Analysis/BitExtraction.h)
// and the multiplication that moves a value to a narrower encoding. Both
// work on whole tensors, so each step is one batch of bootstraps.

#include "compiler/Analysis/BitExtraction.h"
#include "compiler/Conversion/FHEToTFHE/Patterns.h"

#include "dialects/FHELinalg/IR/FHELinalgOps.h"
#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

namespace shade::fhe_to_tfhe {
namespace {

/// A tensor of `shape` filled with the 64-bit pattern `value`.
Value splat(OpBuilder &builder, Location loc, ArrayRef<int64_t> shape,
            uint64_t value) {
  auto type = RankedTensorType::get(shape, builder.getI64Type());
  return builder.create<arith::ConstantOp>(
      loc, DenseIntElementsAttr::get(type, APInt(64, value)));
}

/// The ciphertexts of `input` (a tensor) with the same bits read under
/// `element`'s width and signedness.
Value reinterpret(OpBuilder &builder, Location loc, Value input,
                  tfhe::LweCiphertextType element) {
  auto type = cast<RankedTensorType>(input.getType());
  auto converted =
      tfhe::LweCiphertextType::get(builder.getContext(), element.getWidth(),
                                   element.getIsSigned(), std::nullopt);
  return builder
      .create<UnrealizedConversionCastOp>(loc, type.clone(converted), input)
      .getResult(0);
}

/// `input` times 2^log2 (nothing for 2^0).
Value multiplyByPowerOfTwo(OpBuilder &builder, Location loc, Value input,
                           unsigned log2) {
  if (log2 == 0)
    return input;
  ArrayRef<int64_t> shape = cast<RankedTensorType>(input.getType()).getShape();
  return builder.create<tfhe::MulIntOp>(
      loc, input, splat(builder, loc, shape, uint64_t(1) << log2));
}

struct ClearLowBitsPattern : OpConversionPattern<fhelinalg::ClearLowBitsOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::ClearLowBitsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::optional<ArrayRef<int64_t>> chunks = op.getChunks();
    if (!chunks)
      return rewriter.notifyMatchFailure(op, "no chunks");
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(adaptor.getInput().getType());
    tfhe::LweCiphertextType encoding = getCiphertextElementType(type);
    unsigned width = encoding.getWidth();
    ArrayRef<int64_t> shape = type.getShape();
    const auto &converter = *getTypeConverter<CiphertextTypeConverter>();
    // Bit b of a value of this encoding is the torus value 2^(63 - W + b).
    auto torusBit = [&](int bit) { return uint64_t(1) << (63 - width + bit); };

    Value value = adaptor.getInput();
    for (const analysis::ExtractionStep &step :
         analysis::extractionSteps(width, *chunks, op.getFrom())) {
      Value shifted =
          multiplyByPowerOfTwo(rewriter, loc, value, step.multiplierLog2);
      auto lookupEncoding = tfhe::LweCiphertextType::get(
          getContext(), step.lookupWidth, /*isSigned=*/false, std::nullopt);
      Value read = reinterpret(rewriter, loc, shifted, lookupEncoding);
      int64_t entries = int64_t(1) << step.lookupWidth;
      // The step that reads the chunk's top bit: half that bit's weight, which
      // the bootstrap returns as +half when the bit is 0 and -half when it is
      // 1; the other: the value of the bits below it.
      uint64_t half = torusBit(step.lowBit + step.chunkBits - 1) / 2;
      SmallVector<APInt> table;
      for (int64_t low = 0; low < entries; ++low)
        table.push_back(APInt(64, step.readsTopBit
                                      ? half
                                      : uint64_t(low) * torusBit(step.lowBit)));
      Value tableConstant = rewriter.create<arith::ConstantOp>(
          loc,
          DenseIntElementsAttr::get(
              RankedTensorType::get({entries}, rewriter.getI64Type()), table));
      Value looked = buildLookup(rewriter, loc, read, tableConstant, type,
                                 converter, tfhe::getKeyPattern(op));
      if (step.readsTopBit) {
        // value - half + (+half or -half) clears the bit.
        Value sum = rewriter.create<tfhe::AddOp>(loc, value, looked);
        value = rewriter.create<tfhe::AddPlaintextOp>(
            loc, sum, splat(rewriter, loc, shape, -half));
      } else {
        value = rewriter.create<tfhe::SubOp>(loc, value, looked);
      }
    }
    rewriter.replaceOp(op, value);
    return success();
  }
};

struct RescalePattern : OpConversionPattern<fhelinalg::RescaleOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(fhelinalg::RescaleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    tfhe::LweCiphertextType input =
        getCiphertextElementType(adaptor.getInput().getType());
    tfhe::LweCiphertextType result = getCiphertextElementType(resultType);
    unsigned log2 = input.getWidth() - op.getShift() - result.getWidth();
    Value moved = adaptor.getInput();
    if (int64_t offset = op.getOffset()) {
      // offset * 2^(63 - W) mod 2^64: the wrap-around only touches the bits
      // the multiplication drops.
      uint64_t plaintext = uint64_t(offset) << (63 - input.getWidth());
      ArrayRef<int64_t> shape =
          cast<RankedTensorType>(moved.getType()).getShape();
      moved = rewriter.create<tfhe::AddPlaintextOp>(
          loc, moved, splat(rewriter, loc, shape, plaintext));
    }
    Value multiplied = multiplyByPowerOfTwo(rewriter, loc, moved, log2);
    rewriter.replaceOp(op, reinterpret(rewriter, loc, multiplied, result));
    return success();
  }
};

} // namespace

void populateRoundingPatterns(const CiphertextTypeConverter &converter,
                              RewritePatternSet &patterns) {
  patterns.add<ClearLowBitsPattern, RescalePattern>(converter,
                                                    patterns.getContext());
}

} // namespace shade::fhe_to_tfhe

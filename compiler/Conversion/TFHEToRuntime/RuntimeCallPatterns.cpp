// tfhe.keyswitch and tfhe.bootstrap become calls into the runtime's batched C
// interface (runtime/include/shade/runtime/CApi.h), one call for a whole
// tensor of ciphertexts, which the runtime spreads over its threads.

#include "compiler/Conversion/TFHEToRuntime/Patterns.h"

#include "dialects/TFHE/IR/TFHEOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace shade::tfhe_to_runtime {
namespace {

/// The runtime functions called, with their C signatures: pointers, size_t
/// sizes and counts (i64), a shade_rt_status result (i32).
enum class RuntimeFunction { KeySwitchBootstrap, KeySwitch, Bootstrap };

StringRef getName(RuntimeFunction function) {
  switch (function) {
  case RuntimeFunction::KeySwitchBootstrap:
    return "shade_rt_keyswitch_bootstrap_batch";
  case RuntimeFunction::KeySwitch:
    return "shade_rt_keyswitch_batch";
  case RuntimeFunction::Bootstrap:
    return "shade_rt_bootstrap_batch";
  }
  llvm_unreachable("unknown runtime function");
}

/// The declaration of `function` in the module around `op`, added on first
/// use.
func::FuncOp getOrDeclare(OpBuilder &builder, Operation *op,
                          RuntimeFunction function) {
  auto module = op->getParentOfType<ModuleOp>();
  StringRef name = getName(function);
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  MLIRContext *context = builder.getContext();
  Type pointer = LLVM::LLVMPointerType::get(context);
  Type i64 = builder.getI64Type();
  // (context, inputs, inputs_size, outputs, outputs_size, count
  //  [, tables, tables_size])
  SmallVector<Type> arguments = {pointer, pointer, i64, pointer, i64, i64};
  if (function != RuntimeFunction::KeySwitch)
    arguments.append({pointer, i64});
  auto type = FunctionType::get(context, arguments, builder.getI32Type());
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(module.getBody());
  auto declaration = builder.create<func::FuncOp>(module.getLoc(), name, type);
  declaration.setPrivate();
  return declaration;
}

MemRefType getBufferType(Type tensorType) {
  auto type = cast<RankedTensorType>(tensorType);
  return MemRefType::get(type.getShape(), type.getElementType());
}

/// The address of the first element of `buffer` (identity layout, so
/// offset 0) as an `!llvm.ptr`.
Value getPointer(OpBuilder &builder, Location loc, Value buffer) {
  Value index =
      builder.create<memref::ExtractAlignedPointerAsIndexOp>(loc, buffer);
  Value address =
      builder.create<arith::IndexCastOp>(loc, builder.getI64Type(), index);
  return builder.create<LLVM::IntToPtrOp>(
      loc, LLVM::LLVMPointerType::get(builder.getContext()), address);
}

/// A read-only pointer to the contents of `tensor`.
Value getReadPointer(OpBuilder &builder, Location loc, Value tensor) {
  Value buffer = builder.create<bufferization::ToMemrefOp>(
      loc, getBufferType(tensor.getType()), tensor, /*read_only=*/true);
  return getPointer(builder, loc, buffer);
}

Value getI64(OpBuilder &builder, Location loc, int64_t value) {
  return builder.create<arith::ConstantIntOp>(loc, value, 64);
}

int64_t getNumElements(Value tensor) {
  return cast<RankedTensorType>(tensor.getType()).getNumElements();
}

/// Calls `function` with `inputs` (torus elements, last dimension the
/// ciphertext size), writing a new tensor of `resultType`, and optionally
/// test polynomials. Returns the result tensor.
Value buildRuntimeCall(OpBuilder &builder, Location loc, Operation *anchor,
                       RuntimeFunction function, Value inputs,
                       RankedTensorType resultType, Value tables) {
  func::FuncOp callee = getOrDeclare(builder, anchor, function);
  MemRefType outputType = getBufferType(resultType);
  Value output = builder.create<memref::AllocOp>(loc, outputType);
  int64_t count = resultType.getNumElements() / resultType.getShape().back();
  SmallVector<Value> arguments = {
      getRuntimeContext(anchor),
      getReadPointer(builder, loc, inputs),
      getI64(builder, loc, getNumElements(inputs)),
      getPointer(builder, loc, output),
      getI64(builder, loc, resultType.getNumElements()),
      getI64(builder, loc, count)};
  if (tables) {
    arguments.push_back(getReadPointer(builder, loc, tables));
    arguments.push_back(getI64(builder, loc, getNumElements(tables)));
  }
  auto call = builder.create<func::CallOp>(loc, callee, arguments);
  call->setAttr(kRuntimeCallAttrName, builder.getUnitAttr());
  return builder.create<bufferization::ToTensorOp>(
      loc, resultType, output, /*restrict=*/true, /*writable=*/true);
}

/// Adds 2^62 to the body of every ciphertext. For a signed input of width w,
/// 2^62 is 2^(w-1) * delta: a message m in [-2^(w-1), 2^(w-1)), encoded as
/// m * delta mod 2^64 (padding bit = sign bit), becomes m + 2^(w-1) in
/// [0, 2^w), whose padding bit is 0 as the bootstrap needs.
Value addSignedOffset(OpBuilder &builder, Location loc, Value ciphertexts) {
  // One element-wise op over the whole tensor (a select on the body's
  // index), not an extraction of the bodies and an insertion: one kernel
  // call and one new buffer, where the insertion copied the whole tensor.
  auto type = cast<RankedTensorType>(ciphertexts.getType());
  int64_t rank = type.getRank();
  int64_t body = type.getShape().back() - 1;
  Value init = builder.create<tensor::EmptyOp>(loc, type.getShape(),
                                               type.getElementType());
  AffineMap identity = builder.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = builder.create<linalg::GenericOp>(
      loc, type, ValueRange{ciphertexts}, ValueRange{init},
      ArrayRef<AffineMap>{identity, identity}, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange elements) {
        Value index = nested.create<linalg::IndexOp>(nestedLoc, rank - 1);
        Value bodyIndex =
            nested.create<arith::ConstantIndexOp>(nestedLoc, body);
        Value isBody = nested.create<arith::CmpIOp>(
            nestedLoc, arith::CmpIPredicate::eq, index, bodyIndex);
        Value offset = getI64(nested, nestedLoc, int64_t(1) << 62);
        Value shifted =
            nested.create<arith::AddIOp>(nestedLoc, elements[0], offset);
        Value result = nested.create<arith::SelectOp>(nestedLoc, isBody,
                                                      shifted, elements[0]);
        nested.create<linalg::YieldOp>(nestedLoc, result);
      });
  return generic.getResult(0);
}

/// The test polynomials of N coefficients of `tables` (last dimension: 2^w
/// torus values, entry i for the input whose w-bit pattern is i), as the
/// runtime's LookupTable::fromTable builds them: coefficient j of the box
/// expansion holds the entry of box j / (N / 2^w), and the polynomial is
/// multiplied by X^(-box/2) so that each box is centered on its message,
/// negating the coefficients that wrap around. For a signed input the
/// message was shifted by 2^(w-1) (addSignedOffset), so box b holds the
/// entry of pattern b xor 2^(w-1).
Value expandTables(OpBuilder &builder, Location loc, Value tables,
                   int64_t polySize, bool signedInput) {
  auto type = cast<RankedTensorType>(tables.getType());
  int64_t entries = type.getShape().back();
  unsigned width = llvm::Log2_64(entries);
  int64_t box = polySize / entries;
  SmallVector<int64_t> shape(type.getShape().drop_back());
  shape.push_back(polySize);
  auto resultType = RankedTensorType::get(shape, builder.getI64Type());
  int64_t rank = resultType.getRank();
  Value init =
      builder.create<tensor::EmptyOp>(loc, shape, builder.getI64Type());
  auto generic = builder.create<linalg::GenericOp>(
      loc, resultType, ValueRange{}, init,
      AffineMap::getMultiDimIdentityMap(rank, builder.getContext()),
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &b, Location l, ValueRange) {
        auto index = [&](int64_t value) {
          return b.create<arith::ConstantIndexOp>(l, value);
        };
        SmallVector<Value> position;
        for (int64_t dim = 0; dim + 1 < rank; ++dim)
          position.push_back(b.create<linalg::IndexOp>(l, dim));
        Value coefficient = b.create<linalg::IndexOp>(l, rank - 1);
        Value shifted = b.create<arith::AddIOp>(l, coefficient, index(box / 2));
        Value wraps = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::uge,
                                              shifted, index(polySize));
        Value unwrapped = b.create<arith::SelectOp>(
            l, wraps, b.create<arith::SubIOp>(l, shifted, index(polySize)),
            shifted);
        Value boxIndex =
            b.create<arith::ShRUIOp>(l, unwrapped, index(llvm::Log2_64(box)));
        if (signedInput)
          boxIndex = b.create<arith::XOrIOp>(l, boxIndex,
                                             index(int64_t(1) << (width - 1)));
        position.push_back(boxIndex);
        Value entry = b.create<tensor::ExtractOp>(l, tables, position);
        Value negated = b.create<arith::SubIOp>(l, getI64(b, l, 0), entry);
        Value coefficientValue =
            b.create<arith::SelectOp>(l, wraps, negated, entry);
        b.create<linalg::YieldOp>(l, coefficientValue);
      });
  return generic.getResult(0);
}

/// The key switch of a tfhe.keyswitch whose only user is a tfhe.bootstrap
/// and that bootstrap become one call of the atomic pattern; otherwise a key
/// switch call.
struct KeySwitchPattern : OpConversionPattern<tfhe::KeySwitchOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tfhe::KeySwitchOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value inputs = adaptor.getInput();
    auto bootstrap = op->hasOneUse()
                         ? dyn_cast<tfhe::BootstrapOp>(*op->user_begin())
                         : nullptr;
    if (!bootstrap) {
      auto resultType =
          cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
      rewriter.replaceOp(op, buildRuntimeCall(rewriter, loc, op,
                                              RuntimeFunction::KeySwitch,
                                              inputs, resultType, nullptr));
      return success();
    }
    // At the bootstrap, where its table is defined.
    rewriter.setInsertionPoint(bootstrap);
    auto resultType = cast<RankedTensorType>(
        getTypeConverter()->convertType(bootstrap.getType()));
    bool signedInput = getCiphertextElementType(op.getType()).getIsSigned();
    if (signedInput)
      inputs = addSignedOffset(rewriter, loc, inputs);
    Value polynomials =
        expandTables(rewriter, bootstrap.getLoc(),
                     rewriter.getRemappedValue(bootstrap.getTable()),
                     bootstrap.getKey().getPolySize(), signedInput);
    rewriter.replaceOp(bootstrap,
                       buildRuntimeCall(rewriter, bootstrap.getLoc(), op,
                                        RuntimeFunction::KeySwitchBootstrap,
                                        inputs, resultType, polynomials));
    rewriter.eraseOp(op);
    return success();
  }
};

/// A bootstrap whose input does not come from a key switch of its own.
struct BootstrapPattern : OpConversionPattern<tfhe::BootstrapOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(tfhe::BootstrapOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType =
        cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
    bool signedInput =
        getCiphertextElementType(op.getInput().getType()).getIsSigned();
    Value inputs = adaptor.getInput();
    if (signedInput)
      inputs = addSignedOffset(rewriter, loc, inputs);
    Value polynomials = expandTables(rewriter, loc, adaptor.getTable(),
                                     op.getKey().getPolySize(), signedInput);
    rewriter.replaceOp(op, buildRuntimeCall(rewriter, loc, op,
                                            RuntimeFunction::Bootstrap, inputs,
                                            resultType, polynomials));
    return success();
  }
};

} // namespace

void populateRuntimeCallPatterns(const TorusTypeConverter &converter,
                                 RewritePatternSet &patterns) {
  patterns.add<KeySwitchPattern, BootstrapPattern>(converter,
                                                   patterns.getContext());
}

} // namespace shade::tfhe_to_runtime

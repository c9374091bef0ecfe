// tfhe.keyswitch and tfhe.bootstrap become calls into the runtime's batched C
// interface (runtime/include/shade/runtime/CApi.h), one call for a whole
// tensor of ciphertexts, which the runtime spreads over its threads.

#include "compiler/Conversion/TFHEToRuntime/Patterns.h"

#include "dialects/TFHE/IR/TFHEKeyLayout.h"
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
/// sizes and counts (i64), uint32_t key patterns, widths and flags (i32), a
/// shade_rt_status result (i32).
enum class RuntimeFunction { KeySwitch, Bootstrap, KeySwitchBootstrap };

StringRef getName(RuntimeFunction function) {
  switch (function) {
  case RuntimeFunction::KeySwitch:
    return "shade_rt_keyswitch_batch";
  case RuntimeFunction::Bootstrap:
    return "shade_rt_bootstrap_tables";
  case RuntimeFunction::KeySwitchBootstrap:
    return "shade_rt_keyswitch_bootstrap_tables";
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
  Type i32 = builder.getI32Type();
  // (context, pattern, inputs, inputs_size, outputs, outputs_size, count
  //  [, tables, tables_size, input_width, signed_input, input_indices,
  //  table_indices])
  SmallVector<Type> arguments = {pointer, i32, pointer, i64, pointer, i64, i64};
  if (function != RuntimeFunction::KeySwitch)
    arguments.append({pointer, i64, i32, i32, pointer, pointer});
  auto type = FunctionType::get(context, arguments, i32);
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

/// What a bootstrap call reads besides its inputs: the compact tables
/// (last dimension 2^w), whether the input messages are signed, and, for a
/// gather, the constant input and table index of every result.
struct TableSelection {
  Value tables;
  bool signedInput = false;
  ArrayRef<int64_t> inputIndices;
  ArrayRef<int64_t> tableIndices;
};

/// A read-only pointer to the constant `values`, or a null pointer when
/// there are none.
Value getIndexArray(OpBuilder &builder, Location loc,
                    ArrayRef<int64_t> values) {
  if (values.empty())
    return builder.create<LLVM::ZeroOp>(
        loc, LLVM::LLVMPointerType::get(builder.getContext()));
  auto type =
      RankedTensorType::get({int64_t(values.size())}, builder.getI64Type());
  Value array = builder.create<arith::ConstantOp>(
      loc, DenseElementsAttr::get(type, values));
  return getReadPointer(builder, loc, array);
}

/// Calls `function` with the keys of pattern `pattern` on `inputs` (torus
/// elements, last dimension the ciphertext size), writing a new tensor of
/// `resultType`, which it returns. A bootstrap takes its tables from
/// `selection`.
Value buildRuntimeCall(OpBuilder &builder, Location loc, Operation *anchor,
                       RuntimeFunction function, unsigned pattern, Value inputs,
                       RankedTensorType resultType,
                       const TableSelection &selection = {}) {
  func::FuncOp callee = getOrDeclare(builder, anchor, function);
  MemRefType outputType = getBufferType(resultType);
  Value output = builder.create<memref::AllocOp>(loc, outputType);
  int64_t count = resultType.getNumElements() / resultType.getShape().back();
  SmallVector<Value> arguments = {
      getRuntimeContext(anchor),
      builder.create<arith::ConstantIntOp>(loc, pattern, 32),
      getReadPointer(builder, loc, inputs),
      getI64(builder, loc, getNumElements(inputs)),
      getPointer(builder, loc, output),
      getI64(builder, loc, resultType.getNumElements()),
      getI64(builder, loc, count)};
  if (function != RuntimeFunction::KeySwitch) {
    int64_t entries =
        cast<RankedTensorType>(selection.tables.getType()).getShape().back();
    arguments.append(
        {getReadPointer(builder, loc, selection.tables),
         getI64(builder, loc, getNumElements(selection.tables)),
         builder.create<arith::ConstantIntOp>(loc, llvm::Log2_64(entries), 32),
         builder.create<arith::ConstantIntOp>(loc, selection.signedInput, 32),
         getIndexArray(builder, loc, selection.inputIndices),
         getIndexArray(builder, loc, selection.tableIndices)});
  }
  auto call = builder.create<func::CallOp>(loc, callee, arguments);
  call->setAttr(kRuntimeCallAttrName, builder.getUnitAttr());
  return builder.create<bufferization::ToTensorOp>(
      loc, resultType, output, /*restrict=*/true, /*writable=*/true);
}

/// The tables a bootstrap reads, once its operands are converted.
TableSelection getSelection(tfhe::BootstrapOp bootstrap, Value tables) {
  TableSelection selection;
  selection.tables = tables;
  selection.signedInput =
      getCiphertextElementType(bootstrap.getInput().getType()).getIsSigned();
  return selection;
}

TableSelection getSelection(tfhe::GatherBootstrapOp gather, Value tables) {
  return {tables,
          getCiphertextElementType(gather.getInputs().getType()).getIsSigned(),
          gather.getInputIndices(), gather.getTableIndices()};
}

/// Whether the key switch feeding `op` can run in the same call, once per
/// result: a gather that reads an input twice would switch it twice.
bool canFuseKeySwitch(Operation *op) {
  if (isa<tfhe::BootstrapOp>(op))
    return true;
  auto gather = dyn_cast<tfhe::GatherBootstrapOp>(op);
  if (!gather)
    return false;
  SmallVector<int64_t> indices(gather.getInputIndices());
  llvm::sort(indices);
  return std::adjacent_find(indices.begin(), indices.end()) == indices.end();
}

/// The key switch of a tfhe.keyswitch whose only user is a bootstrap (or a
/// gather that reads each input once) and that bootstrap become one call of
/// the atomic pattern; otherwise a key switch call.
struct KeySwitchPattern : OpConversionPattern<tfhe::KeySwitchOp> {
  KeySwitchPattern(const TypeConverter &converter, MLIRContext *context,
                   ArrayRef<tfhe::KeyPattern> keyPatterns)
      : OpConversionPattern(converter, context), keyPatterns(keyPatterns) {}

  LogicalResult
  matchAndRewrite(tfhe::KeySwitchOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value inputs = adaptor.getInput();
    unsigned pattern = *tfhe::findKeyPattern(keyPatterns, op.getKey());
    Operation *bootstrap = op->hasOneUse() ? *op->user_begin() : nullptr;
    if (!bootstrap || !canFuseKeySwitch(bootstrap)) {
      auto resultType =
          cast<RankedTensorType>(getTypeConverter()->convertType(op.getType()));
      rewriter.replaceOp(op, buildRuntimeCall(rewriter, op.getLoc(), op,
                                              RuntimeFunction::KeySwitch,
                                              pattern, inputs, resultType));
      return success();
    }
    // At the bootstrap, where its tables are defined.
    rewriter.setInsertionPoint(bootstrap);
    auto resultType = cast<RankedTensorType>(
        getTypeConverter()->convertType(bootstrap->getResult(0).getType()));
    Value tables = rewriter.getRemappedValue(bootstrap->getOperand(1));
    TableSelection selection =
        isa<tfhe::BootstrapOp>(bootstrap)
            ? getSelection(cast<tfhe::BootstrapOp>(bootstrap), tables)
            : getSelection(cast<tfhe::GatherBootstrapOp>(bootstrap), tables);
    rewriter.replaceOp(
        bootstrap, buildRuntimeCall(rewriter, bootstrap->getLoc(), op,
                                    RuntimeFunction::KeySwitchBootstrap,
                                    pattern, inputs, resultType, selection));
    rewriter.eraseOp(op);
    return success();
  }

private:
  ArrayRef<tfhe::KeyPattern> keyPatterns;
};

/// A bootstrap or gather whose input does not come from a key switch of its
/// own.
template <typename BootstrapOpType>
struct BootstrapPattern : OpConversionPattern<BootstrapOpType> {
  using OpAdaptor = typename BootstrapOpType::Adaptor;

  BootstrapPattern(const TypeConverter &converter, MLIRContext *context,
                   ArrayRef<tfhe::KeyPattern> keyPatterns)
      : OpConversionPattern<BootstrapOpType>(converter, context),
        keyPatterns(keyPatterns) {}

  LogicalResult
  matchAndRewrite(BootstrapOpType op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getType()));
    rewriter.replaceOp(
        op,
        buildRuntimeCall(rewriter, op.getLoc(), op, RuntimeFunction::Bootstrap,
                         *tfhe::findKeyPattern(keyPatterns, op.getKey()),
                         adaptor.getOperands()[0], resultType,
                         getSelection(op, adaptor.getOperands()[1])));
    return success();
  }

private:
  ArrayRef<tfhe::KeyPattern> keyPatterns;
};

} // namespace

void populateRuntimeCallPatterns(const TorusTypeConverter &converter,
                                 ArrayRef<tfhe::KeyPattern> keyPatterns,
                                 RewritePatternSet &patterns) {
  patterns.add<KeySwitchPattern, BootstrapPattern<tfhe::BootstrapOp>,
               BootstrapPattern<tfhe::GatherBootstrapOp>>(
      converter, patterns.getContext(), keyPatterns);
}

} // namespace shade::tfhe_to_runtime

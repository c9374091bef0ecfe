// The pieces of --shade-tfhe-to-runtime shared by its files.

#ifndef SHADE_COMPILER_CONVERSION_TFHETORUNTIME_PATTERNS_H
#define SHADE_COMPILER_CONVERSION_TFHETORUNTIME_PATTERNS_H

#include "dialects/TFHE/IR/TFHETypes.h"

#include "dialects/TFHE/IR/TFHEKeyLayout.h"

#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

namespace shade::tfhe_to_runtime {

/// A ciphertext of dimension d becomes its d + 1 torus elements:
/// `!tfhe.lwe<w, dim = d>` becomes `tensor<(d+1)xi64>`, a tensor of shape S
/// of them `tensor<S x (d+1) x i64>`. Ciphertexts without a dimension are not
/// converted. Other types are kept.
class TorusTypeConverter : public mlir::TypeConverter {
public:
  TorusTypeConverter();
};

using tfhe::getCiphertextElementType;

/// The number of torus elements of one ciphertext of `type`'s elements.
int64_t getCiphertextSize(tfhe::LweCiphertextType type);

/// Tfhe ops on ciphertexts and tensors of ciphertexts outside linalg bodies,
/// and linalg.generic / linalg.transpose on tensors of ciphertexts.
void populateCiphertextPatterns(const TorusTypeConverter &converter,
                                mlir::RewritePatternSet &patterns);
/// tfhe.keyswitch and tfhe.bootstrap: calls into the runtime's batched C
/// interface, which name their keys by index in `keyPatterns` (checked
/// beforehand to hold them all).
void populateRuntimeCallPatterns(const TorusTypeConverter &converter,
                                 llvm::ArrayRef<tfhe::KeyPattern> keyPatterns,
                                 mlir::RewritePatternSet &patterns);
/// Tensor ops on tensors of ciphertexts, unrealized casts between encodings.
void populateTensorPatterns(const TorusTypeConverter &converter,
                            mlir::RewritePatternSet &patterns);

/// A `linalg.generic` over `resultType`'s shape, every operand read with the
/// identity map, yielding `body` of their elements.
mlir::Value buildElementwise(
    mlir::OpBuilder &builder, mlir::Location loc, mlir::ValueRange operands,
    mlir::RankedTensorType resultType,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::ValueRange)>
        body);

/// A tensor of `type` filled with zeros.
mlir::Value buildZeros(mlir::OpBuilder &builder, mlir::Location loc,
                       mlir::RankedTensorType type);

/// The runtime context: the first argument of the function around `op`.
mlir::Value getRuntimeContext(mlir::Operation *op);

/// The name of the attribute marking the func.call ops into the runtime,
/// whose `i32` result is a status.
inline constexpr llvm::StringLiteral kRuntimeCallAttrName =
    "shade.runtime_call";

} // namespace shade::tfhe_to_runtime

#endif // SHADE_COMPILER_CONVERSION_TFHETORUNTIME_PATTERNS_H

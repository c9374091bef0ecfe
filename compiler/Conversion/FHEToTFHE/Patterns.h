// The pieces of --shade-fhe-to-tfhe shared by its files: the type converter
// and the builders every family of patterns uses.

#ifndef SHADE_COMPILER_CONVERSION_FHETOTFHE_PATTERNS_H
#define SHADE_COMPILER_CONVERSION_FHETOTFHE_PATTERNS_H

#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/TFHE/IR/TFHEAttributes.h"
#include "dialects/TFHE/IR/TFHETypes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>

namespace shade::fhe_to_tfhe {

/// Encrypted integers, and tensors of them, to ciphertexts at rest: LWE
/// ciphertexts of dimension k * N under the module's parameters, with the
/// same width and signedness. Other types are kept.
class CiphertextTypeConverter : public mlir::TypeConverter {
public:
  explicit CiphertextTypeConverter(tfhe::ParametersAttr parameters);

  tfhe::ParametersAttr getParameters() const { return parameters; }
  /// k * N, the dimension of ciphertexts at rest and of bootstrap results.
  unsigned getBigDimension() const;
  /// From dimension k * N to n.
  tfhe::KeySwitchKeyAttr getKeySwitchKey() const;
  /// From dimension n to k * N.
  tfhe::BootstrapKeyAttr getBootstrapKey() const;
  /// The ciphertext of `type`'s encoding at `dimension`.
  tfhe::LweCiphertextType getCiphertextType(fhe::EncryptedIntegerType type,
                                            unsigned dimension) const;

private:
  tfhe::ParametersAttr parameters;
};

void populateScalarPatterns(const CiphertextTypeConverter &converter,
                            mlir::RewritePatternSet &patterns);
void populateElementwisePatterns(const CiphertextTypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);
void populateLinearPatterns(const CiphertextTypeConverter &converter,
                            mlir::RewritePatternSet &patterns);
void populateLookupTablePatterns(const CiphertextTypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);
void populateLayoutPatterns(const CiphertextTypeConverter &converter,
                            mlir::RewritePatternSet &patterns);
void populateRoundingPatterns(const CiphertextTypeConverter &converter,
                              mlir::RewritePatternSet &patterns);

/// Whether the signedness cast `cast` (fhe or fhelinalg to_signed /
/// to_unsigned, of `width`-bit values) keeps the ciphertext: always for the
/// fhe casts, whose value must lie in [0, 2^(w-1)); for the fhelinalg
/// reinterpretations, when the cast's `fhe.range` lies there.
bool isFreeSignednessCast(mlir::Operation *cast, unsigned width);

/// `clear` (a signless integer of any width) as an `i64`, read as two's
/// complement as the fhe dialects read clear operands.
mlir::Value signExtendToI64(mlir::OpBuilder &builder, mlir::Location loc,
                            mlir::Value clear);

/// The plaintext of the clear integer `clear` under `encoding`.
mlir::Value encodeClear(mlir::OpBuilder &builder, mlir::Location loc,
                        mlir::Value clear, tfhe::LweCiphertextType encoding);

/// The indexing map, from the loops over `resultShape`, that reads an operand
/// of `operandShape` broadcast to `resultShape` as numpy does: dimensions
/// aligned on the last one, a size-1 dimension read at index 0.
mlir::AffineMap getBroadcastMap(llvm::ArrayRef<int64_t> operandShape,
                                llvm::ArrayRef<int64_t> resultShape,
                                mlir::MLIRContext *context);

/// A `linalg.generic` over `resultType`'s shape, all loops parallel, reading
/// each of `operands` broadcast to that shape and yielding `body` of their
/// elements.
mlir::Value buildBroadcastingGeneric(
    mlir::OpBuilder &builder, mlir::Location loc, mlir::ValueRange operands,
    mlir::RankedTensorType resultType,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::ValueRange)>
        body);

/// The body of the linear ops: `accumulator + ciphertext * clear`.
mlir::Value buildMultiplyAccumulate(mlir::OpBuilder &builder,
                                    mlir::Location loc, mlir::Value ciphertext,
                                    mlir::Value clear, mlir::Value accumulator);

/// `tables` (clear, last dimension 2^w) encoded under the encoding of
/// `result`.
mlir::Value encodeTables(mlir::OpBuilder &builder, mlir::Location loc,
                         mlir::Value tables, tfhe::LweCiphertextType result);

/// The key switch then bootstrap of `input` (a ciphertext at rest or a tensor
/// of them) through `encodedTables`, to `resultType`.
mlir::Value buildLookup(mlir::OpBuilder &builder, mlir::Location loc,
                        mlir::Value input, mlir::Value encodedTables,
                        mlir::Type resultType,
                        const CiphertextTypeConverter &converter);

using tfhe::getCiphertextElementType;

} // namespace shade::fhe_to_tfhe

#endif // SHADE_COMPILER_CONVERSION_FHETOTFHE_PATTERNS_H

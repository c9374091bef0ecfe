// The pieces of --shade-fhe-to-tfhe shared by its files: the type converter
// and the builders every family of patterns uses.

#ifndef SHADE_COMPILER_CONVERSION_FHETOTFHE_PATTERNS_H
#define SHADE_COMPILER_CONVERSION_FHETOTFHE_PATTERNS_H

#include "dialects/FHE/IR/FHETypes.h"
#include "dialects/TFHE/IR/TFHEAttributes.h"
#include "dialects/TFHE/IR/TFHEKeyLayout.h"
#include "dialects/TFHE/IR/TFHETypes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

#include <optional>

namespace shade::fhe_to_tfhe {

/// Encrypted integers, and tensors of them, to LWE ciphertexts of the same
/// width and signedness, without a dimension: which key a ciphertext is
/// under follows from the bootstraps around it, and assignKeyDimensions
/// sets it once the patterns have run. Other types are kept.
class CiphertextTypeConverter : public mlir::TypeConverter {
public:
  explicit CiphertextTypeConverter(tfhe::KeyLayout layout);

  const tfhe::KeyLayout &getLayout() const { return layout; }
  /// The ciphertext of `type`'s encoding.
  tfhe::LweCiphertextType
  getCiphertextType(fhe::EncryptedIntegerType type) const;

private:
  tfhe::KeyLayout layout;
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

/// The key switch then bootstrap of `input` (a ciphertext or a tensor of
/// them) through `encodedTables`, to `resultType`, with the keys of pattern
/// `pattern` of the converter's layout.
mlir::Value buildLookup(mlir::OpBuilder &builder, mlir::Location loc,
                        mlir::Value input, mlir::Value encodedTables,
                        mlir::Type resultType,
                        const CiphertextTypeConverter &converter,
                        unsigned pattern);

/// Gives every ciphertext of `module` the dimension of the key it is under
/// (KeyDimensions.cpp); fails when levelled ops tie two keys.
mlir::LogicalResult assignKeyDimensions(mlir::ModuleOp module,
                                        const tfhe::KeyLayout &layout);

using tfhe::getCiphertextElementType;

} // namespace shade::fhe_to_tfhe

#endif // SHADE_COMPILER_CONVERSION_FHETOTFHE_PATTERNS_H

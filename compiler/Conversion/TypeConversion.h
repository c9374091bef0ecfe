// What both type-changing lowerings (--shade-fhe-to-tfhe and
// --shade-tfhe-to-runtime) set up the same way around their own patterns.

#ifndef SHADE_COMPILER_CONVERSION_TYPECONVERSION_H
#define SHADE_COMPILER_CONVERSION_TYPECONVERSION_H

#include "mlir/Transforms/DialectConversion.h"

namespace shade {

/// Makes func.func legal once `converter` accepts its signature and body,
/// and every other op not marked otherwise legal once it accepts its
/// operands, results and region arguments. `converter` must outlive
/// `target`.
void addTypeLegality(mlir::ConversionTarget &target,
                     const mlir::TypeConverter &converter);

/// The conversions of func.func signatures, func.return and func.call.
void populateFunctionTypeConversionPatterns(mlir::TypeConverter &converter,
                                            mlir::RewritePatternSet &patterns);

} // namespace shade

#endif // SHADE_COMPILER_CONVERSION_TYPECONVERSION_H

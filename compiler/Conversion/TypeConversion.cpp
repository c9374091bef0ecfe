#include "compiler/Conversion/TypeConversion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"

using namespace mlir;

namespace shade {

void addTypeLegality(ConversionTarget &target, const TypeConverter &converter) {
  target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp func) {
    return converter.isSignatureLegal(func.getFunctionType()) &&
           converter.isLegal(&func.getBody());
  });
  target.markUnknownOpDynamicallyLegal([&](Operation *op) {
    if (!converter.isLegal(op))
      return false;
    return llvm::all_of(op->getRegions(), [&](Region &region) {
      return converter.isLegal(&region);
    });
  });
}

void populateFunctionTypeConversionPatterns(TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                 converter);
  populateReturnOpTypeConversionPattern(patterns, converter);
  populateCallOpTypeConversionPattern(patterns, converter);
}

} // namespace shade

#include "dialects/TFHE/IR/TFHETypes.h"
#include "dialects/TFHE/IR/TFHEDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace shade::tfhe;

#define GET_TYPEDEF_CLASSES
#include "dialects/TFHE/IR/TFHETypes.cpp.inc"

LweCiphertextType shade::tfhe::getCiphertextElementType(Type type) {
  return dyn_cast<LweCiphertextType>(getElementTypeOrSelf(type));
}

LogicalResult
LweCiphertextType::verify(function_ref<InFlightDiagnostic()> emitError,
                          unsigned width, bool isSigned,
                          std::optional<unsigned> dimension) {
  if (width < 1 || width > 63)
    return emitError() << "LWE message width " << width
                       << " is out of range: a message has 1 to 63 bits (the "
                          "64-bit torus element keeps one padding bit)";
  if (dimension == 0u)
    return emitError() << "LWE dimension must be positive, got 0";
  return success();
}

// `<` width (`,` `signed`)? (`,` `dim` `=` dimension)? `>`: the declarative
// format cannot make a bool parameter a bare keyword.
Type LweCiphertextType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  unsigned width;
  if (parser.parseLess() || parser.parseInteger(width))
    return {};
  bool isSigned = false;
  std::optional<unsigned> dimension;
  if (succeeded(parser.parseOptionalComma())) {
    isSigned = succeeded(parser.parseOptionalKeyword("signed"));
    if (!isSigned || succeeded(parser.parseOptionalComma())) {
      unsigned dim;
      if (failed(parser.parseOptionalKeyword("dim"))) {
        parser.emitError(parser.getCurrentLocation(),
                         isSigned ? "expected 'dim'"
                                  : "expected 'signed' or 'dim'");
        return {};
      }
      if (parser.parseEqual() || parser.parseInteger(dim))
        return {};
      dimension = dim;
    }
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<LweCiphertextType>(loc, parser.getContext(), width,
                                              isSigned, dimension);
}

void LweCiphertextType::print(AsmPrinter &printer) const {
  printer << '<' << getWidth();
  if (getIsSigned())
    printer << ", signed";
  if (std::optional<unsigned> dimension = getDimension())
    printer << ", dim = " << *dimension;
  printer << '>';
}

void TFHEDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/TFHE/IR/TFHETypes.cpp.inc"
      >();
}

//===- Diagnostics.cpp - MLIR diagnostics as one error line ---------------===//

#include "compiler/Driver/Diagnostics.h"
#include "shade/Shade.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"

namespace shade::driver {

namespace {

/// `text` on one line.
std::string flatten(std::string text) {
  for (char &c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}

/// The innermost file or name location inside `location`, if any.
std::optional<std::string> findPlace(mlir::Location location,
                                     const std::string &source) {
  if (auto file = llvm::dyn_cast<mlir::FileLineColLoc>(location)) {
    std::string name = file.getFilename().str();
    if (name.empty() || name == "-")
      name = source;
    if (file.getLine() == 0)
      return name;
    return name + ":" + std::to_string(file.getLine()) + ":" +
           std::to_string(file.getColumn());
  }
  if (auto named = llvm::dyn_cast<mlir::NameLoc>(location))
    return source + ": node '" + named.getName().str() + "'";
  if (auto call = llvm::dyn_cast<mlir::CallSiteLoc>(location))
    return findPlace(call.getCallee(), source);
  if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(location))
    for (mlir::Location inner : fused.getLocations())
      if (std::optional<std::string> place = findPlace(inner, source))
        return place;
  return std::nullopt;
}

} // namespace

std::string describeLocation(mlir::Location location,
                             const std::string &source) {
  return findPlace(location, source).value_or(source);
}

DiagnosticCapture::DiagnosticCapture(mlir::MLIRContext *context,
                                     std::string source)
    : source(std::move(source)),
      handler(context, [this](mlir::Diagnostic &diagnostic) {
        if (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Error &&
            !error)
          error = describeLocation(diagnostic.getLocation(), this->source) +
                  ": " + flatten(diagnostic.str());
        return mlir::success();
      }) {}

void DiagnosticCapture::fail(const std::string &fallback) const {
  throw Error(error ? *error : source + ": " + fallback);
}

} // namespace shade::driver

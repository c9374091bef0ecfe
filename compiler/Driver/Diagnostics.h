//===- Diagnostics.h - MLIR diagnostics as one error line -------*- C++ -*-===//
//
// While a DiagnosticCapture lives, MLIR diagnostics of its context are not
// printed: the first error is kept, with its location, so that a failed
// step becomes one shade::Error "<where>: <what>".
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_DRIVER_DIAGNOSTICS_H
#define SHADE_COMPILER_DRIVER_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"

#include <optional>
#include <string>

namespace shade::driver {

class DiagnosticCapture {
public:
  /// `source` names the program when a diagnostic has no location of its
  /// own.
  DiagnosticCapture(mlir::MLIRContext *context, std::string source);

  /// Throws Error with the first error reported so far, or with
  /// "<source>: <fallback>" if there was none.
  [[noreturn]] void fail(const std::string &fallback) const;

  /// The first error, formatted, if any.
  const std::optional<std::string> &firstError() const { return error; }

private:
  std::string source;
  std::optional<std::string> error;
  mlir::ScopedDiagnosticHandler handler;
};

/// Where `location` points, for an error line: "file:line:col" for a file
/// location, "node 'name'" for a graph node's name, `source` if unknown.
std::string describeLocation(mlir::Location location,
                             const std::string &source);

} // namespace shade::driver

#endif // SHADE_COMPILER_DRIVER_DIAGNOSTICS_H

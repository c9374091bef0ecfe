//===- Specification.h - The client specification as JSON -------*- C++ -*-===//
//
// An artifact's `client.json` (docs/user-guide.md, "The artifact"): the
// report of --emit=params plus the function, its inputs and its outputs.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_DRIVER_SPECIFICATION_H
#define SHADE_COMPILER_DRIVER_SPECIFICATION_H

#include "shade/Shade.h"

#include <string>

namespace shade::driver {

/// The name of the specification file inside an artifact directory.
inline constexpr const char *kSpecFileName = "client.json";

/// The specification as a JSON document (indented, newline-terminated).
std::string formatSpec(const ClientSpec &spec);
/// Parses and checks a specification; `source` names it in errors.
ClientSpec parseSpec(const std::string &text, const std::string &source);

/// The number of elements of a shape (1 for a scalar).
uint64_t countElements(const std::vector<int64_t> &shape);
/// "[2, 3]", or "[]" for a scalar.
std::string formatShape(const std::vector<int64_t> &shape);

} // namespace shade::driver

#endif // SHADE_COMPILER_DRIVER_SPECIFICATION_H

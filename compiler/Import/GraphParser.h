// Internal to the graph parser: the pieces GraphParser.cpp and
// NodeAttributes.cpp share.

#ifndef SHADE_COMPILER_IMPORT_GRAPHPARSER_H
#define SHADE_COMPILER_IMPORT_GRAPHPARSER_H

#include "compiler/Import/Graph.h"

#include "llvm/ADT/StringMap.h"

#include "nlohmann/json_fwd.hpp"

namespace shade::import {

/// "node 'y' (relu)", as errors name a node.
std::string describeNode(llvm::StringRef name, llvm::StringRef op);

/// Rejects a key of `object` not in `known`; `what` names the keys in the
/// error ("field", "attribute").
llvm::Error checkKnownFields(const nlohmann::json &object,
                             llvm::ArrayRef<llvm::StringRef> known,
                             llvm::StringRef what);

/// Whether `name` matches [A-Za-z_][A-Za-z0-9_.]*.
bool isValidName(llvm::StringRef name);

/// Parses the node `object` named `name`: its op, its arguments (resolved
/// through `values`, the indices of the inputs and earlier nodes) and its
/// attributes. Errors name the node.
llvm::Expected<GraphNode> parseNode(const nlohmann::json &object,
                                    const std::string &name,
                                    const llvm::StringMap<size_t> &values);

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_GRAPHPARSER_H

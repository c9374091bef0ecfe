// What a graph node computes, independently of encryption: the shape of its
// result (checking its arguments' shapes and its attributes) and its value on
// clear tensors.

#ifndef SHADE_COMPILER_IMPORT_NODESEMANTICS_H
#define SHADE_COMPILER_IMPORT_NODESEMANTICS_H

#include "compiler/Import/Graph.h"

namespace shade::import {

/// The shape of `node`'s result for arguments of shapes `args`. The error
/// says what does not fit, without naming the node.
llvm::Expected<Shape> inferShape(const GraphNode &node,
                                 llvm::ArrayRef<Shape> args);

/// The value of `node` on clear arguments. The error says what fails (a shape
/// mismatch, an overflow, a table index), without naming the node.
llvm::Expected<ClearTensor>
evaluateNode(const GraphNode &node, llvm::ArrayRef<const ClearTensor *> args);

/// The outputs of `graph` for the given input values (in input order), all
/// computed in clear. The error names the node or the input.
llvm::Expected<std::vector<ClearTensor>>
evaluateGraph(const Graph &graph, llvm::ArrayRef<ClearTensor> inputs);

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_NODESEMANTICS_H

// A graph file (docs/graph-import.md, shared/contract/graph-format.md) after
// parsing: every field checked, every default applied, every name resolved.

#ifndef SHADE_COMPILER_IMPORT_GRAPH_H
#define SHADE_COMPILER_IMPORT_GRAPH_H

#include "compiler/Import/ClearTensor.h"
#include "compiler/Import/Ops.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace shade::import {

struct GraphInput {
  std::string name;
  Shape shape;
  bool encrypted = true;
  /// The inclusive range of every element.
  int64_t lo = 0, hi = 0;
};

/// One node with its attributes. Only the fields of the node's op are set.
struct GraphNode {
  std::string name;
  OpKind op;
  /// The indices of the argument values: inputs first (0 to #inputs - 1),
  /// then nodes (#inputs + node index).
  std::vector<size_t> args;

  /// `constant`: the value.
  ClearTensor value;
  /// The element-wise unary ops: the op with its attributes.
  UnaryOp unary;
  /// `sum`, `transpose`, `expand_dims` and `squeeze`: the axes, or
  /// std::nullopt for numpy's None (every axis, reversed axes, every axis of
  /// size 1).
  std::optional<Shape> axes;
  /// `sum`
  bool keepDims = false;
  /// `concatenate`: the axis, or std::nullopt for numpy's None.
  std::optional<int64_t> axis;
  /// `reshape` and `broadcast_to`
  Shape shape;
  /// `conv2d` and `maxpool2d`
  Window2d window;
  /// `conv2d`
  int64_t group = 1;
  /// `maxpool2d`
  Shape kernel;
  /// `slice`, one entry per leading axis; std::nullopt is numpy's default.
  std::vector<std::optional<int64_t>> starts, stops, steps;
};

struct Graph {
  std::string name = "main";
  std::vector<GraphInput> inputs;
  std::vector<GraphNode> nodes;
  /// The indices of the output values (see GraphNode::args).
  std::vector<size_t> outputs;

  size_t getNumValues() const { return inputs.size() + nodes.size(); }
  bool isInput(size_t value) const { return value < inputs.size(); }
  const GraphNode &getNode(size_t value) const {
    return nodes[value - inputs.size()];
  }
  llvm::StringRef getValueName(size_t value) const {
    return isInput(value) ? llvm::StringRef(inputs[value].name)
                          : llvm::StringRef(getNode(value).name);
  }
};

/// Parses and checks a graph document. The error message names what is wrong
/// and where: `node 'y' (relu): ...`, `input 'x': ...`, `output 'z': ...`, or
/// the document field.
llvm::Expected<Graph> parseGraph(llvm::StringRef text);

} // namespace shade::import

#endif // SHADE_COMPILER_IMPORT_GRAPH_H

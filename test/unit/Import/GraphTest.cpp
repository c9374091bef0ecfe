// The graph parser's defaults and the clear evaluation of a whole graph.

#include "compiler/Import/NodeSemantics.h"

#include <gtest/gtest.h>

using namespace shade::import;

namespace {

Graph parse(llvm::StringRef text) {
  llvm::Expected<Graph> graph = parseGraph(text);
  if (!graph) {
    ADD_FAILURE() << toString(graph.takeError());
    return Graph();
  }
  return std::move(*graph);
}

TEST(GraphTest, InputsAndDefaults) {
  Graph graph = parse(R"({
    "format": "shade-graph", "version": 1,
    "inputs": [{"name": "x", "shape": [1, 2, 4, 4], "dtype": "int4"},
               {"name": "c", "shape": [], "encrypted": false, "dtype": "uint3"}],
    "nodes": [{"name": "w", "op": "constant", "value": [[[[1]], [[2]]]]},
              {"name": "conv", "op": "conv2d", "args": ["x", "w"]},
              {"name": "pool", "op": "maxpool2d", "args": ["x"], "kernel": [2, 3]},
              {"name": "sum", "op": "sum", "args": ["x"]},
              {"name": "cat", "op": "concatenate", "args": ["x"]},
              {"name": "lut", "op": "lut", "args": ["c"], "table": [1, 2]}],
    "outputs": ["conv", "pool"]})");
  EXPECT_EQ(graph.name, "main");
  ASSERT_EQ(graph.inputs.size(), 2u);
  EXPECT_TRUE(graph.inputs[0].encrypted);
  EXPECT_EQ(graph.inputs[0].lo, -8);
  EXPECT_EQ(graph.inputs[0].hi, 7);
  EXPECT_FALSE(graph.inputs[1].encrypted);
  EXPECT_EQ(graph.inputs[1].lo, 0);
  EXPECT_EQ(graph.inputs[1].hi, 7);
  ASSERT_EQ(graph.nodes.size(), 6u);
  const GraphNode &conv = graph.nodes[1];
  EXPECT_EQ(conv.args, (std::vector<size_t>{0, 2}));
  EXPECT_EQ(conv.window.strides, (llvm::SmallVector<int64_t, 2>{1, 1}));
  EXPECT_EQ(conv.window.pads, (llvm::SmallVector<int64_t, 4>{0, 0, 0, 0}));
  EXPECT_EQ(conv.window.dilations, (llvm::SmallVector<int64_t, 2>{1, 1}));
  EXPECT_EQ(conv.group, 1);
  // The strides of a max pooling default to its kernel.
  EXPECT_EQ(graph.nodes[2].window.strides,
            (llvm::SmallVector<int64_t, 2>{2, 3}));
  EXPECT_FALSE(graph.nodes[3].axes.has_value());
  EXPECT_FALSE(graph.nodes[3].keepDims);
  EXPECT_EQ(graph.nodes[4].axis, 0);
  EXPECT_EQ(graph.nodes[5].unary.parameter, 0);
  EXPECT_EQ(graph.outputs, (std::vector<size_t>{3, 4}));
}

TEST(GraphTest, EvaluatesInClear) {
  Graph graph = parse(R"({
    "format": "shade-graph", "version": 1, "name": "dense_relu",
    "inputs": [{"name": "x", "shape": [4], "range": [0, 15]}],
    "nodes": [{"name": "w", "op": "constant",
               "value": [[1, -2], [3, 0], [0, 1], [2, 2]]},
              {"name": "y", "op": "matmul", "args": ["x", "w"]},
              {"name": "z", "op": "relu", "args": ["y"]}],
    "outputs": ["z", "y"]})");
  // [3, 0, 15, 7] @ w = [3 + 14, -6 + 15 + 14]; [0, 1, 0, 0] @ w = [3, 0].
  llvm::Expected<std::vector<ClearTensor>> outputs =
      evaluateGraph(graph, {ClearTensor({4}, {3, 0, 15, 7})});
  ASSERT_TRUE(bool(outputs)) << toString(outputs.takeError());
  EXPECT_EQ((*outputs)[0], ClearTensor({2}, {17, 23}));
  EXPECT_EQ((*outputs)[1], ClearTensor({2}, {17, 23}));
  outputs = evaluateGraph(graph, {ClearTensor({4}, {0, 1, 0, 0})});
  ASSERT_TRUE(bool(outputs)) << toString(outputs.takeError());
  EXPECT_EQ((*outputs)[0], ClearTensor({2}, {3, 0}));
  EXPECT_EQ((*outputs)[1], ClearTensor({2}, {3, 0}));
  outputs = evaluateGraph(graph, {ClearTensor({4}, {0, 16, 0, 0})});
  ASSERT_FALSE(bool(outputs));
  EXPECT_EQ(toString(outputs.takeError()),
            "input 'x': the value 16 is outside the range [0, 15]");
}

} // namespace

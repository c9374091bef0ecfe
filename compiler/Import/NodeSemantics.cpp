#include "compiler/Import/NodeSemantics.h"
#include "compiler/Import/GraphParser.h"

namespace shade::import {

/// The axes of `node`, or std::nullopt for numpy's None.
static std::optional<llvm::ArrayRef<int64_t>> getAxes(const GraphNode &node) {
  if (!node.axes)
    return std::nullopt;
  return llvm::ArrayRef<int64_t>(*node.axes);
}

llvm::Expected<Shape> inferShape(const GraphNode &node,
                                 llvm::ArrayRef<Shape> args) {
  switch (node.op) {
  case OpKind::Constant:
    return Shape(node.value.getShape());
  case OpKind::Where:
    return broadcastAllShapes(args);
  case OpKind::Dot:
    return dotShape(args[0], args[1]);
  case OpKind::Matmul:
    return matmulShape(args[0], args[1]);
  case OpKind::Sum: {
    if (!node.axes)
      return sumShape(args[0], std::nullopt, node.keepDims);
    llvm::Expected<Shape> axes = normalizeAxes(*node.axes, args[0].size());
    if (!axes)
      return axes.takeError();
    return sumShape(args[0], llvm::ArrayRef<int64_t>(*axes), node.keepDims);
  }
  case OpKind::Conv2d: {
    std::optional<llvm::ArrayRef<int64_t>> bias;
    if (args.size() == 3)
      bias = args[2];
    return conv2dShape(args[0], args[1], bias, node.window, node.group);
  }
  case OpKind::Maxpool2d:
    return maxpool2dShape(args[0], node.kernel, node.window);
  case OpKind::Reshape:
    return reshapeShape(args[0], node.shape);
  case OpKind::Transpose: {
    llvm::Expected<Shape> permutation =
        transposePermutation(args[0].size(), getAxes(node));
    if (!permutation)
      return permutation.takeError();
    Shape shape;
    for (int64_t d : *permutation)
      shape.push_back(args[0][d]);
    return shape;
  }
  case OpKind::Concatenate: {
    if (!node.axis) {
      int64_t count = 0;
      for (const Shape &shape : args)
        count += numElements(shape);
      return Shape{count};
    }
    int64_t axis = *node.axis;
    return concatenateShape(args, axis);
  }
  case OpKind::BroadcastTo:
    if (llvm::Error error = checkBroadcastTo(args[0], node.shape))
      return error;
    return node.shape;
  case OpKind::ExpandDims:
    return expandDimsShape(args[0], *node.axes);
  case OpKind::Squeeze:
    return squeezeShape(args[0], getAxes(node));
  case OpKind::Flatten:
    return Shape{numElements(args[0])};
  case OpKind::Slice: {
    llvm::Expected<llvm::SmallVector<SliceDim, 4>> dims =
        normalizeSlice(args[0], node.starts, node.stops, node.steps);
    if (!dims)
      return dims.takeError();
    Shape shape;
    for (const SliceDim &dim : *dims)
      shape.push_back(dim.count);
    return shape;
  }
  default:
    if (isElementwiseBinary(node.op))
      return broadcastShapes(args[0], args[1]);
    return args[0];
  }
}

llvm::Expected<ClearTensor>
evaluateNode(const GraphNode &node, llvm::ArrayRef<const ClearTensor *> args) {
  switch (node.op) {
  case OpKind::Constant:
    return node.value;
  case OpKind::Where:
    return where(*args[0], *args[1], *args[2]);
  case OpKind::Dot:
    return dot(*args[0], *args[1]);
  case OpKind::Matmul:
    return matmul(*args[0], *args[1]);
  case OpKind::Sum:
    return sum(*args[0], getAxes(node), node.keepDims);
  case OpKind::Conv2d:
    return conv2d(*args[0], *args[1], args.size() == 3 ? args[2] : nullptr,
                  node.window, node.group);
  case OpKind::Maxpool2d:
    return maxpool2d(*args[0], node.kernel, node.window);
  case OpKind::Reshape:
    return reshape(*args[0], node.shape);
  case OpKind::Transpose:
    return transpose(*args[0], getAxes(node));
  case OpKind::Concatenate:
    return concatenate(args, node.axis);
  case OpKind::BroadcastTo:
    return broadcastTo(*args[0], node.shape);
  case OpKind::ExpandDims:
    return expandDims(*args[0], *node.axes);
  case OpKind::Squeeze:
    return squeeze(*args[0], getAxes(node));
  case OpKind::Flatten:
    return flatten(*args[0]);
  case OpKind::Slice:
    return slice(*args[0], node.starts, node.stops, node.steps);
  default:
    if (isElementwiseBinary(node.op))
      return applyBinary(node.op, *args[0], *args[1]);
    return applyUnary(node.unary, *args[0]);
  }
}

llvm::Expected<std::vector<ClearTensor>>
evaluateGraph(const Graph &graph, llvm::ArrayRef<ClearTensor> inputs) {
  if (inputs.size() != graph.inputs.size())
    return makeError("the graph has " + llvm::Twine(graph.inputs.size()) +
                     " inputs, got " + llvm::Twine(inputs.size()) + " values");
  std::vector<ClearTensor> values(inputs.begin(), inputs.end());
  for (auto [input, value] : llvm::zip_equal(graph.inputs, inputs)) {
    if (value.getShape() != llvm::ArrayRef<int64_t>(input.shape))
      return makeError("input '" + input.name + "': expected shape " +
                       formatList(input.shape) + ", got " +
                       formatList(value.getShape()));
    for (int64_t element : value.getElements())
      if (element < input.lo || element > input.hi)
        return makeError("input '" + input.name + "': the value " +
                         llvm::Twine(element) + " is outside the range [" +
                         llvm::Twine(input.lo) + ", " + llvm::Twine(input.hi) +
                         "]");
  }
  for (const GraphNode &node : graph.nodes) {
    llvm::SmallVector<const ClearTensor *> args;
    for (size_t arg : node.args)
      args.push_back(&values[arg]);
    llvm::Expected<ClearTensor> value = evaluateNode(node, args);
    if (!value)
      return makeError(describeNode(node.name, getOpName(node.op)) + ": " +
                       toString(value.takeError()));
    values.push_back(std::move(*value));
  }
  std::vector<ClearTensor> outputs;
  for (size_t output : graph.outputs)
    outputs.push_back(values[output]);
  return outputs;
}

} // namespace shade::import

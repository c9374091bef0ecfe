// Parsing of one node: its op, its arguments and the attributes of its op,
// with the defaults of the graph format.

#include "compiler/Import/GraphParser.h"

#include "nlohmann/json.hpp"

using nlohmann::json;

namespace shade::import {

std::string describeNode(llvm::StringRef name, llvm::StringRef op) {
  return ("node '" + name + "' (" + op + ")").str();
}

/// `value` as an int64, if it is an integer that fits.
static std::optional<int64_t> asInt64(const json &value) {
  if (!value.is_number_integer())
    return std::nullopt;
  if (value.is_number_unsigned() && value.get<uint64_t>() > uint64_t(INT64_MAX))
    return std::nullopt;
  return value.get<int64_t>();
}

namespace {
/// Reads the attributes of one node object, remembering which it read so
/// that the others can be rejected as unknown.
class AttributeReader {
public:
  explicit AttributeReader(const json &node) : node(node) {}

  bool has(llvm::StringRef name) const { return node.contains(name); }

  /// A required integer.
  llvm::Expected<int64_t> getInteger(llvm::StringRef name) {
    if (!has(name))
      return makeError("missing attribute '" + name + "'");
    return getIntegerOr(name, 0);
  }

  llvm::Expected<int64_t> getIntegerOr(llvm::StringRef name,
                                       int64_t defaultValue) {
    if (!has(name))
      return defaultValue;
    std::optional<int64_t> value = asInt64(get(name));
    if (!value)
      return invalid(name, "an int64 integer");
    return *value;
  }

  /// An integer, or std::nullopt when missing or null.
  llvm::Expected<std::optional<int64_t>>
  getOptionalInteger(llvm::StringRef name) {
    if (!has(name) || get(name).is_null())
      return std::nullopt;
    llvm::Expected<int64_t> value = getInteger(name);
    if (!value)
      return value.takeError();
    return std::optional<int64_t>(*value);
  }

  /// One of `choices` (the first when missing).
  llvm::Expected<unsigned> getChoice(llvm::StringRef name,
                                     llvm::ArrayRef<llvm::StringRef> choices) {
    if (!has(name))
      return 0;
    if (get(name).is_string())
      for (auto [index, choice] : llvm::enumerate(choices))
        if (get(name).get<std::string>() == choice)
          return unsigned(index);
    std::string expected;
    for (auto [index, choice] : llvm::enumerate(choices))
      expected += (index == 0                    ? ""
                   : index + 1 == choices.size() ? " or "
                                                 : ", ") +
                  ("\"" + choice + "\"").str();
    return invalid(name, expected);
  }

  llvm::Expected<bool> getBoolOr(llvm::StringRef name, bool defaultValue) {
    if (!has(name))
      return defaultValue;
    if (!get(name).is_boolean())
      return invalid(name, "true or false");
    return get(name).get<bool>();
  }

  /// A required list of integers.
  llvm::Expected<Shape> getIntegerList(llvm::StringRef name) {
    if (!has(name))
      return makeError("missing attribute '" + name + "'");
    return readIntegerList(name);
  }

  llvm::Expected<Shape> getIntegerListOr(llvm::StringRef name,
                                         llvm::ArrayRef<int64_t> defaultValue) {
    if (!has(name))
      return Shape(defaultValue);
    return readIntegerList(name);
  }

  /// An axis or a list of axes; std::nullopt when missing or null.
  llvm::Expected<std::optional<Shape>> getAxes(llvm::StringRef name) {
    if (!has(name) || get(name).is_null())
      return std::nullopt;
    if (std::optional<int64_t> axis = asInt64(get(name)))
      return std::optional<Shape>(Shape{*axis});
    if (!get(name).is_array())
      return invalid(name, "null, an integer or a list of integers");
    llvm::Expected<Shape> axes = readIntegerList(name);
    if (!axes)
      return axes.takeError();
    return std::optional<Shape>(*axes);
  }

  /// A list of integers and nulls; empty when missing.
  llvm::Expected<std::vector<std::optional<int64_t>>>
  getSliceBounds(llvm::StringRef name) {
    std::vector<std::optional<int64_t>> bounds;
    if (!has(name))
      return bounds;
    if (!get(name).is_array())
      return invalid(name, "a list of integers and nulls");
    for (const json &entry : get(name)) {
      std::optional<int64_t> value = asInt64(entry);
      if (!value && !entry.is_null())
        return invalid(name, "a list of integers and nulls");
      bounds.push_back(value);
    }
    return bounds;
  }

  llvm::Error invalid(llvm::StringRef name, llvm::StringRef expected) const {
    return makeError("attribute '" + name + "' must be " + expected + ", got " +
                     get(name).dump());
  }

private:
  const json &get(llvm::StringRef name) const {
    return node[std::string(name)];
  }

  llvm::Expected<Shape> readIntegerList(llvm::StringRef name) {
    const json &list = get(name);
    Shape values;
    if (list.is_array())
      for (const json &entry : list) {
        std::optional<int64_t> value = asInt64(entry);
        if (!value)
          break;
        values.push_back(*value);
      }
    if (!list.is_array() || values.size() != list.size())
      return invalid(name, "a list of int64 integers");
    return values;
  }

  const json &node;
};
} // namespace

/// The number of arguments `op` takes: [min, max].
static std::pair<size_t, size_t> getArity(OpKind op) {
  if (op == OpKind::Constant)
    return {0, 0};
  if (isElementwiseBinary(op) || op == OpKind::Dot || op == OpKind::Matmul)
    return {2, 2};
  if (op == OpKind::Where)
    return {3, 3};
  if (op == OpKind::Conv2d)
    return {2, 3};
  if (op == OpKind::Concatenate)
    return {1, SIZE_MAX};
  return {1, 1};
}

/// The attribute names of `op`.
static llvm::SmallVector<llvm::StringRef> getAttributeNames(OpKind op) {
  switch (op) {
  case OpKind::Constant:
    return {"value"};
  case OpKind::Clip:
    return {"min", "max"};
  case OpKind::FloorDivide:
    return {"divisor"};
  case OpKind::LeftShift:
  case OpKind::RightShift:
    return {"bits"};
  case OpKind::RoundBits:
    return {"lsbs", "exactness"};
  case OpKind::Lut:
    return {"table", "offset"};
  case OpKind::Sum:
    return {"axis", "keepdims"};
  case OpKind::Conv2d:
    return {"strides", "pads", "dilations", "group"};
  case OpKind::Maxpool2d:
    return {"kernel", "strides", "pads"};
  case OpKind::Reshape:
  case OpKind::BroadcastTo:
    return {"shape"};
  case OpKind::Transpose:
    return {"axes"};
  case OpKind::Concatenate:
  case OpKind::ExpandDims:
  case OpKind::Squeeze:
    return {"axis"};
  case OpKind::Slice:
    return {"starts", "stops", "steps"};
  default:
    return {};
  }
}

/// Assigns `value` to `target` or returns its error.
template <typename T, typename U>
static llvm::Error assign(llvm::Expected<T> value, U &target) {
  if (!value)
    return value.takeError();
  target = std::move(*value);
  return llvm::Error::success();
}

/// Reads a parameter that must be at least `minimum` (or non-zero when
/// `nonZero`) into `node.unary.parameter`.
static llvm::Error readParameter(AttributeReader &reader, GraphNode &node,
                                 llvm::StringRef name, int64_t minimum,
                                 bool nonZero) {
  llvm::Expected<int64_t> value = reader.getInteger(name);
  if (!value)
    return value.takeError();
  if (nonZero && *value == 0)
    return reader.invalid(name, "a non-zero integer");
  if (!nonZero && *value < minimum)
    return reader.invalid(name, "an integer >= " + std::to_string(minimum));
  node.unary.parameter = *value;
  return llvm::Error::success();
}

static llvm::Error readAttributes(const json &object, GraphNode &node) {
  AttributeReader reader(object);
  node.unary.kind = node.op;
  switch (node.op) {
  case OpKind::Constant: {
    if (!reader.has("value"))
      return makeError("missing attribute 'value'");
    llvm::Expected<ClearTensor> value = ClearTensor::fromJson(object["value"]);
    if (!value)
      return makeError("attribute 'value': " + toString(value.takeError()));
    node.value = std::move(*value);
    return llvm::Error::success();
  }
  case OpKind::Clip:
    if (llvm::Error error =
            assign(reader.getOptionalInteger("min"), node.unary.min))
      return error;
    return assign(reader.getOptionalInteger("max"), node.unary.max);
  case OpKind::FloorDivide:
    return readParameter(reader, node, "divisor", 0, /*nonZero=*/true);
  case OpKind::LeftShift:
  case OpKind::RightShift:
    return readParameter(reader, node, "bits", 0, false);
  case OpKind::RoundBits: {
    llvm::Expected<unsigned> exactness =
        reader.getChoice("exactness", {"exact", "approximate"});
    if (!exactness)
      return exactness.takeError();
    node.unary.approximate = *exactness == 1;
    return readParameter(reader, node, "lsbs", 1, false);
  }
  case OpKind::Lut: {
    llvm::Expected<Shape> table = reader.getIntegerList("table");
    if (!table)
      return table.takeError();
    if (table->empty())
      return reader.invalid("table", "a non-empty list of integers");
    node.unary.table.assign(table->begin(), table->end());
    return assign(reader.getIntegerOr("offset", 0), node.unary.parameter);
  }
  case OpKind::Sum:
    if (llvm::Error error = assign(reader.getAxes("axis"), node.axes))
      return error;
    return assign(reader.getBoolOr("keepdims", false), node.keepDims);
  case OpKind::Conv2d:
    if (llvm::Error error = assign(reader.getIntegerListOr("strides", {1, 1}),
                                   node.window.strides))
      return error;
    if (llvm::Error error = assign(
            reader.getIntegerListOr("pads", {0, 0, 0, 0}), node.window.pads))
      return error;
    if (llvm::Error error = assign(reader.getIntegerListOr("dilations", {1, 1}),
                                   node.window.dilations))
      return error;
    return assign(reader.getIntegerOr("group", 1), node.group);
  case OpKind::Maxpool2d:
    if (llvm::Error error =
            assign(reader.getIntegerList("kernel"), node.kernel))
      return error;
    if (llvm::Error error =
            assign(reader.getIntegerListOr("strides", node.kernel),
                   node.window.strides))
      return error;
    node.window.dilations = {1, 1};
    return assign(reader.getIntegerListOr("pads", {0, 0, 0, 0}),
                  node.window.pads);
  case OpKind::Reshape:
  case OpKind::BroadcastTo:
    return assign(reader.getIntegerList("shape"), node.shape);
  case OpKind::Transpose:
    return assign(reader.getAxes("axes"), node.axes);
  case OpKind::Concatenate:
    if (reader.has("axis") && object["axis"].is_null())
      return llvm::Error::success();
    return assign(reader.getIntegerOr("axis", 0), node.axis);
  case OpKind::ExpandDims:
    if (!reader.has("axis"))
      return makeError("missing attribute 'axis'");
    if (llvm::Error error = assign(reader.getAxes("axis"), node.axes))
      return error;
    if (!node.axes)
      return reader.invalid("axis", "an integer or a list of integers");
    return llvm::Error::success();
  case OpKind::Squeeze:
    return assign(reader.getAxes("axis"), node.axes);
  case OpKind::Slice:
    if (llvm::Error error =
            assign(reader.getSliceBounds("starts"), node.starts))
      return error;
    if (llvm::Error error = assign(reader.getSliceBounds("stops"), node.stops))
      return error;
    return assign(reader.getSliceBounds("steps"), node.steps);
  default:
    return llvm::Error::success();
  }
}

llvm::Expected<GraphNode> parseNode(const json &object, const std::string &name,
                                    const llvm::StringMap<size_t> &values) {
  if (!object.contains("op") || !object["op"].is_string())
    return makeError("node '" + name +
                     "': 'op' must be the name of an op, got " +
                     (object.contains("op") ? object["op"].dump() : "nothing"));
  std::string opName = object["op"].get<std::string>();
  std::string where = describeNode(name, opName);
  std::optional<OpKind> op = parseOpName(opName);
  if (!op)
    return makeError(where + ": unknown op '" + opName + "'");

  GraphNode node;
  node.name = name;
  node.op = *op;
  const json &args = object.contains("args") ? object["args"] : json::array();
  if (!args.is_array())
    return makeError(where + ": 'args' must be a list of names, got " +
                     args.dump());
  for (const json &arg : args) {
    if (!arg.is_string())
      return makeError(where + ": 'args' must be a list of names, got " +
                       args.dump());
    auto it = values.find(arg.get<std::string>());
    if (it == values.end())
      return makeError(where + ": argument '" + arg.get<std::string>() +
                       "' is not an input or an earlier node");
    node.args.push_back(it->second);
  }
  auto [minArgs, maxArgs] = getArity(*op);
  if (args.size() < minArgs || args.size() > maxArgs) {
    std::string expected =
        minArgs == maxArgs ? std::to_string(minArgs)
        : maxArgs == SIZE_MAX
            ? "at least " + std::to_string(minArgs)
            : std::to_string(minArgs) + " or " + std::to_string(maxArgs);
    return makeError(where + ": takes " + expected + " argument(s), got " +
                     std::to_string(args.size()));
  }

  llvm::SmallVector<llvm::StringRef> known = {"name", "op", "args"};
  llvm::append_range(known, getAttributeNames(*op));
  if (llvm::Error error = checkKnownFields(object, known, "attribute"))
    return makeError(where + ": " + toString(std::move(error)));
  if (llvm::Error error = readAttributes(object, node))
    return makeError(where + ": " + toString(std::move(error)));
  return node;
}

} // namespace shade::import

// Parsing of the graph document: its fields, the inputs, the names and the
// outputs. The attributes of each op are read in NodeAttributes.cpp.

#include "compiler/Import/GraphParser.h"

#include "llvm/ADT/StringMap.h"

#include "nlohmann/json.hpp"

using nlohmann::json;

namespace shade::import {

llvm::Error checkKnownFields(const json &object,
                             llvm::ArrayRef<llvm::StringRef> known,
                             llvm::StringRef what) {
  for (const auto &[key, value] : object.items())
    if (!llvm::is_contained(known, llvm::StringRef(key)))
      return makeError("unknown " + what + " '" + key + "'");
  return llvm::Error::success();
}

bool isValidName(llvm::StringRef name) {
  auto isStart = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  };
  auto isRest = [&](char c) {
    return isStart(c) || (c >= '0' && c <= '9') || c == '.';
  };
  return !name.empty() && isStart(name.front()) &&
         llvm::all_of(name.drop_front(), isRest);
}

/// Reads `[lo, hi]` or a dtype into `input`.
static llvm::Error parseInputRange(const json &object, GraphInput &input) {
  bool hasRange = object.contains("range"), hasDtype = object.contains("dtype");
  if (hasRange == hasDtype)
    return makeError("give exactly one of 'range' and 'dtype'");
  if (hasRange) {
    const json &range = object["range"];
    if (!range.is_array() || range.size() != 2 ||
        !llvm::all_of(range, [](const json &bound) {
          return bound.is_number_integer() &&
                 (!bound.is_number_unsigned() ||
                  bound.get<uint64_t>() <= uint64_t(INT64_MAX));
        }))
      return makeError("'range' must be [lo, hi], two int64 integers, got " +
                       range.dump());
    input.lo = range[0].get<int64_t>();
    input.hi = range[1].get<int64_t>();
    if (input.lo > input.hi)
      return makeError("'range' " + range.dump() + " has lo > hi");
    return llvm::Error::success();
  }
  const json &dtype = object["dtype"];
  std::string text = dtype.is_string() ? dtype.get<std::string>() : "";
  llvm::StringRef rest(text);
  bool isUnsigned = rest.consume_front("uint");
  unsigned bits = 0;
  bool valid = (isUnsigned || rest.consume_front("int")) &&
               !rest.getAsInteger(10, bits) && bits >= 1 &&
               bits <= (isUnsigned ? 63u : 64u);
  if (!valid)
    return makeError("'dtype' must be \"uintN\" (N from 1 to 63) or \"intN\" "
                     "(N from 1 to 64), got " +
                     dtype.dump());
  if (isUnsigned) {
    input.lo = 0;
    input.hi = int64_t((uint64_t(1) << bits) - 1);
  } else {
    input.lo = bits == 64 ? INT64_MIN : -(int64_t(1) << (bits - 1));
    input.hi = bits == 64 ? INT64_MAX : (int64_t(1) << (bits - 1)) - 1;
  }
  return llvm::Error::success();
}

static llvm::Error parseInput(const json &object, GraphInput &input) {
  if (llvm::Error error = checkKnownFields(
          object, {"name", "shape", "encrypted", "range", "dtype"}, "field"))
    return error;
  const json &shape = object.contains("shape") ? object["shape"] : json();
  if (!shape.is_array() || !llvm::all_of(shape, [](const json &size) {
        return size.is_number_integer() && size.get<int64_t>() > 0 &&
               (!size.is_number_unsigned() ||
                size.get<uint64_t>() <= uint64_t(INT64_MAX));
      }))
    return makeError("'shape' must be a list of positive integers, got " +
                     (object.contains("shape") ? shape.dump() : "nothing"));
  for (const json &size : shape)
    input.shape.push_back(size.get<int64_t>());
  if (object.contains("encrypted")) {
    if (!object["encrypted"].is_boolean())
      return makeError("'encrypted' must be true or false, got " +
                       object["encrypted"].dump());
    input.encrypted = object["encrypted"].get<bool>();
  }
  return parseInputRange(object, input);
}

/// Reads the `name` field of an input or a node; `what` says which
/// ("input #2").
static llvm::Expected<std::string> parseName(const json &object,
                                             const std::string &what) {
  if (!object.is_object())
    return makeError(what + ": expected an object, got " + object.dump());
  if (!object.contains("name"))
    return makeError(what + ": missing 'name'");
  const json &name = object["name"];
  if (!name.is_string() || !isValidName(name.get<std::string>()))
    return makeError(what + ": the name " + name.dump() +
                     " does not match [A-Za-z_][A-Za-z0-9_.]*");
  return name.get<std::string>();
}

/// Reads a list field of the document that must exist.
static llvm::Expected<const json *> getList(const json &document,
                                            llvm::StringRef field) {
  if (!document.contains(field))
    return makeError("missing '" + field + "'");
  const json &list = document[std::string(field)];
  if (!list.is_array())
    return makeError("'" + field + "' must be a list, got " + list.dump());
  return &list;
}

static llvm::Error parseHeader(const json &document, Graph &graph) {
  if (!document.is_object())
    return makeError("the document must be a JSON object");
  if (llvm::Error error = checkKnownFields(
          document, {"format", "version", "name", "inputs", "nodes", "outputs"},
          "field"))
    return error;
  if (!document.contains("format") || document["format"] != "shade-graph")
    return makeError(
        "'format' must be \"shade-graph\", got " +
        (document.contains("format") ? document["format"].dump() : "nothing"));
  const json *version =
      document.contains("version") ? &document["version"] : nullptr;
  if (!version || !version->is_number_integer() || *version != 1)
    return makeError("'version' must be 1, got " +
                     (version ? version->dump() : "nothing"));
  if (document.contains("name")) {
    const json &name = document["name"];
    if (!name.is_string() || name.get<std::string>().empty())
      return makeError("'name' must be a non-empty string, got " + name.dump());
    graph.name = name.get<std::string>();
  }
  return llvm::Error::success();
}

llvm::Expected<Graph> parseGraph(llvm::StringRef text) {
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::parse_error &error) {
    return makeError("invalid JSON: " + llvm::Twine(error.what()));
  }
  Graph graph;
  if (llvm::Error error = parseHeader(document, graph))
    return error;

  llvm::StringMap<size_t> values;
  llvm::Expected<const json *> inputs = getList(document, "inputs");
  if (!inputs)
    return inputs.takeError();
  for (const json &object : **inputs) {
    llvm::Expected<std::string> name =
        parseName(object, "input #" + std::to_string(graph.inputs.size()));
    if (!name)
      return name.takeError();
    GraphInput input;
    input.name = *name;
    if (llvm::Error error = parseInput(object, input))
      return makeError("input '" + *name + "': " + toString(std::move(error)));
    if (!values.try_emplace(*name, graph.inputs.size()).second)
      return makeError("input '" + *name + "': the name is used twice");
    graph.inputs.push_back(std::move(input));
  }

  llvm::Expected<const json *> nodes = getList(document, "nodes");
  if (!nodes)
    return nodes.takeError();
  for (const json &object : **nodes) {
    llvm::Expected<std::string> name =
        parseName(object, "node #" + std::to_string(graph.nodes.size()));
    if (!name)
      return name.takeError();
    llvm::Expected<GraphNode> node = parseNode(object, *name, values);
    if (!node)
      return node.takeError();
    if (!values.try_emplace(*name, graph.getNumValues()).second)
      return makeError(describeNode(*name, getOpName(node->op)) +
                       ": the name is used twice");
    graph.nodes.push_back(std::move(*node));
  }

  llvm::Expected<const json *> outputs = getList(document, "outputs");
  if (!outputs)
    return outputs.takeError();
  if ((*outputs)->empty())
    return makeError("'outputs' must name at least one value");
  for (const json &output : **outputs) {
    if (!output.is_string())
      return makeError("'outputs' must hold names, got " + output.dump());
    std::string name = output.get<std::string>();
    auto it = values.find(name);
    if (it == values.end())
      return makeError("output '" + name + "' is not an input or a node");
    if (llvm::is_contained(graph.outputs, it->second))
      return makeError("output '" + name + "' is listed twice");
    graph.outputs.push_back(it->second);
  }
  return graph;
}

} // namespace shade::import

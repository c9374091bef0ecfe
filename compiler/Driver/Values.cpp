//===- Values.cpp - Values files ------------------------------------------===//
//
// A values file maps names to integers or nested lists (graph-format.md,
// "Values files"). The element syntax is that of graph constants, so the
// importer's ClearTensor reads and writes it.

#include "compiler/Driver/Files.h"
#include "compiler/Import/ClearTensor.h"
#include "shade/Shade.h"

#include "nlohmann/json.hpp"

#include <set>

namespace shade {

namespace {

/// The message of a JSON parse error without nlohmann's
/// "[json.exception.parse_error.101] " prefix.
std::string describeParseError(const nlohmann::json::parse_error &error) {
  std::string message = error.what();
  size_t prefixEnd = message.find("] ");
  if (message.rfind("[json.exception.", 0) == 0 &&
      prefixEnd != std::string::npos)
    message = message.substr(prefixEnd + 2);
  return message;
}

} // namespace

Values parseValues(const std::string &text, const std::string &source) {
  // Names given twice are an error; nlohmann would keep the last one.
  std::string duplicate;
  std::set<std::string> names;
  auto rejectDuplicates = [&](int depth,
                              nlohmann::ordered_json::parse_event_t event,
                              nlohmann::ordered_json &parsed) {
    if (depth == 1 && event == nlohmann::ordered_json::parse_event_t::key &&
        !names.insert(parsed.get<std::string>()).second && duplicate.empty())
      duplicate = parsed.get<std::string>();
    return true;
  };
  nlohmann::ordered_json document;
  try {
    document = nlohmann::ordered_json::parse(text, rejectDuplicates);
  } catch (const nlohmann::json::parse_error &error) {
    throw Error(source + ": invalid JSON: " + describeParseError(error));
  }
  if (!document.is_object())
    throw Error(source +
                ": expected a JSON object mapping each name to an "
                "integer or a nested list of integers, got " +
                std::string(document.type_name()));
  if (!duplicate.empty())
    throw Error(source + ": input '" + duplicate + "' is given twice");

  Values values;
  for (auto &[name, json] : document.items()) {
    // ClearTensor reads the unordered json type.
    llvm::Expected<import::ClearTensor> tensor =
        import::ClearTensor::fromJson(nlohmann::json(json));
    if (!tensor)
      throw Error(source + ": input '" + name +
                  "': " + llvm::toString(tensor.takeError()));
    Value value;
    value.name = name;
    value.shape.assign(tensor->getShape().begin(), tensor->getShape().end());
    value.elements.assign(tensor->getElements().begin(),
                          tensor->getElements().end());
    values.push_back(std::move(value));
  }
  return values;
}

Values readValues(const std::string &path) {
  return parseValues(driver::readTextFile(path),
                     path == "-" ? "<stdin>" : path);
}

std::string formatValues(const Values &values) {
  nlohmann::ordered_json document = nlohmann::ordered_json::object();
  for (const Value &value : values)
    document[value.name] =
        import::ClearTensor(value.shape, value.elements).toJson();
  return document.dump();
}

} // namespace shade

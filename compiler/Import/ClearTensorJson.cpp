// ClearTensor to and from JSON: an integer for a scalar, nested lists for a
// tensor, as graph constants and values files write them.

#include "compiler/Import/ClearTensor.h"

#include "nlohmann/json.hpp"

namespace shade::import {

/// Appends the elements of `json` at nesting `depth`, checking that it is
/// rectangular with the sizes already in `shape` (or setting them the first
/// time a depth is reached). `path` locates `json` in errors, e.g. "[1][0]".
static llvm::Error flattenJson(const nlohmann::json &json, size_t depth,
                               const std::string &path, Shape &shape,
                               std::vector<int64_t> &elements,
                               bool &shapeKnown) {
  if (json.is_array()) {
    if (json.empty())
      return makeError("the list at " + (path.empty() ? "top" : path) +
                       " is empty");
    if (!shapeKnown && depth == shape.size())
      shape.push_back(json.size());
    if (depth >= shape.size() || shape[depth] != int64_t(json.size()))
      return makeError("the list at " + (path.empty() ? "top" : path) +
                       " does not match the shape " + formatList(shape) +
                       " of the first elements: nested lists must be "
                       "rectangular");
    for (size_t i = 0; i < json.size(); ++i)
      if (llvm::Error error = flattenJson(json[i], depth + 1,
                                          path + "[" + std::to_string(i) + "]",
                                          shape, elements, shapeKnown))
        return error;
    return llvm::Error::success();
  }
  // The first scalar fixes the rank.
  shapeKnown = true;
  std::string where = path.empty() ? "" : " at " + path;
  if (depth != shape.size())
    return makeError("the element" + where + " does not match the shape " +
                     formatList(shape) +
                     " of the first elements: nested lists must be "
                     "rectangular");
  if (json.is_number_integer() &&
      (json.is_number_unsigned() ? json.get<uint64_t>() <= uint64_t(INT64_MAX)
                                 : true)) {
    elements.push_back(json.get<int64_t>());
    return llvm::Error::success();
  }
  if (json.is_number_integer())
    return makeError("the integer " + json.dump() + where +
                     " does not fit int64");
  return makeError("expected an integer" + where + ", got " + json.dump());
}

llvm::Expected<ClearTensor> ClearTensor::fromJson(const nlohmann::json &json) {
  Shape shape;
  std::vector<int64_t> elements;
  bool shapeKnown = false;
  if (llvm::Error error = flattenJson(json, 0, "", shape, elements, shapeKnown))
    return error;
  return ClearTensor(shape, std::move(elements));
}

nlohmann::json ClearTensor::toJson() const {
  if (shape.empty())
    return elements.front();
  // Builds the nested lists from the innermost dimension out.
  std::vector<nlohmann::json> level(elements.begin(), elements.end());
  for (int64_t d = getRank() - 1; d >= 0; --d) {
    std::vector<nlohmann::json> outer;
    for (size_t i = 0; i < level.size(); i += shape[d])
      outer.emplace_back(nlohmann::json::array_t(level.begin() + i,
                                                 level.begin() + i + shape[d]));
    level = std::move(outer);
  }
  return level.front();
}

} // namespace shade::import

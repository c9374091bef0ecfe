//===- Specification.cpp - The client specification as JSON ---------------===//

#include "compiler/Driver/Specification.h"

#include "shade/runtime/Serialization.h"

#include "nlohmann/json.hpp"
#include "llvm/ADT/StringRef.h"

#include <limits>

namespace shade {

using Json = nlohmann::ordered_json;

namespace {

constexpr const char *kSpecFormat = "shade-client-spec";
/// 2: several parameter sets, the key patterns and each encrypted tensor's
/// key set. Version 1 (one set, no key sets) is still read.
constexpr int kSpecVersion = 2;

Json parametersToJson(const CryptoParameters &parameters) {
  return Json{{"lwe_dimension", parameters.lweDimension},
              {"glwe_dimension", parameters.glweDimension},
              {"polynomial_size", parameters.polynomialSize},
              {"lwe_noise_std", parameters.lweNoiseStd},
              {"glwe_noise_std", parameters.glweNoiseStd},
              {"pbs_base_log", parameters.pbsBaseLog},
              {"pbs_level", parameters.pbsLevel},
              {"ks_base_log", parameters.ksBaseLog},
              {"ks_level", parameters.ksLevel}};
}

Json reportToJson(const CircuitReport &report) {
  Json byWidth = Json::object();
  for (auto [width, count] : report.bootstrapsByWidth)
    byWidth[std::to_string(width)] = count;
  Json statistics{{"bootstraps", report.bootstraps},
                  {"keyswitches", report.keyswitches},
                  {"estimated_cost_ns", report.cost},
                  {"bootstraps_by_width", byWidth}};
  // Only with several sets, so the report of one set is as it always was.
  bool severalSets = report.parameters.size() > 1;
  if (severalSets) {
    Json bySet = Json::object();
    for (auto [set, count] : report.bootstrapsBySet)
      bySet[std::to_string(set)] = count;
    statistics["bootstraps_by_set"] = bySet;
  }
  if (report.approximateRoundings) {
    statistics["approximate_roundings"] = report.approximateRoundings;
    statistics["p_off_by_one"] = report.offByOneProbability;
  }
  Json sets = Json::array();
  for (const CryptoParameters &parameters : report.parameters)
    sets.push_back(parametersToJson(parameters));
  Json json{{"security_bits", report.securityBits},
            {"p_error", report.pError},
            {"global_p_error", report.globalPError},
            {"parameters", sets}};
  if (severalSets) {
    Json patterns = Json::array();
    for (const KeyPattern &pattern : report.keyPatterns)
      patterns.push_back({pattern.source, pattern.target});
    json["key_patterns"] = patterns;
  }
  json["statistics"] = statistics;
  return json;
}

Json tensorToJson(const TensorSpec &tensor) {
  Json json{{"name", tensor.name},
            {"shape", tensor.shape},
            {"encrypted", tensor.encrypted},
            {"encoding", tensor.encrypted ? "lwe" : "clear"},
            {"width", tensor.width},
            {"signed", tensor.isSigned},
            {"range", {tensor.min, tensor.max}}};
  if (tensor.encrypted)
    json["key_set"] = tensor.keySet;
  return json;
}

/// Reads the fields of a specification, naming the field in every error.
class SpecReader {
public:
  explicit SpecReader(std::string source) : source(std::move(source)) {}

  [[noreturn]] void fail(const std::string &where,
                         const std::string &what) const {
    throw Error(source + ": " + where + ": " + what);
  }

  const Json &field(const Json &object, const std::string &where,
                    const char *key) const {
    if (!object.is_object())
      fail(where, "expected an object");
    auto found = object.find(key);
    if (found == object.end())
      fail(where, std::string("missing field '") + key + "'");
    return *found;
  }

  uint64_t getUnsigned(const Json &object, const std::string &where,
                       const char *key, uint64_t max) const {
    const Json &value = field(object, where, key);
    if (!value.is_number_unsigned() &&
        !(value.is_number_integer() && value.get<int64_t>() >= 0))
      fail(where + "." + key, "expected a non-negative integer");
    if (value.get<uint64_t>() > max)
      fail(where + "." + key, "is larger than " + std::to_string(max));
    return value.get<uint64_t>();
  }

  int64_t getInteger(const Json &value, const std::string &where) const {
    if (!value.is_number_integer() ||
        (value.is_number_unsigned() &&
         value.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max())))
      fail(where, "expected a 64-bit integer");
    return value.get<int64_t>();
  }

  double getProbability(const Json &object, const std::string &where,
                        const char *key) const {
    const Json &value = field(object, where, key);
    if (!value.is_number() || value.get<double>() < 0 ||
        value.get<double>() > 1)
      fail(where + "." + key, "expected a number in [0, 1]");
    return value.get<double>();
  }

  double getNumber(const Json &object, const std::string &where,
                   const char *key) const {
    const Json &value = field(object, where, key);
    if (!value.is_number())
      fail(where + "." + key, "expected a number");
    return value.get<double>();
  }

  bool getBool(const Json &object, const std::string &where,
               const char *key) const {
    const Json &value = field(object, where, key);
    if (!value.is_boolean())
      fail(where + "." + key, "expected true or false");
    return value.get<bool>();
  }

  std::string getString(const Json &object, const std::string &where,
                        const char *key) const {
    const Json &value = field(object, where, key);
    if (!value.is_string())
      fail(where + "." + key, "expected a string");
    return value.get<std::string>();
  }

  CryptoParameters getParameters(const Json &object,
                                 const std::string &where) const {
    constexpr uint64_t maxU32 = std::numeric_limits<uint32_t>::max();
    CryptoParameters parameters;
    parameters.lweDimension =
        getUnsigned(object, where, "lwe_dimension", maxU32);
    parameters.glweDimension =
        getUnsigned(object, where, "glwe_dimension", maxU32);
    parameters.polynomialSize =
        getUnsigned(object, where, "polynomial_size", maxU32);
    parameters.lweNoiseStd = getProbability(object, where, "lwe_noise_std");
    parameters.glweNoiseStd = getProbability(object, where, "glwe_noise_std");
    parameters.pbsBaseLog = getUnsigned(object, where, "pbs_base_log", 64);
    parameters.pbsLevel = getUnsigned(object, where, "pbs_level", 64);
    parameters.ksBaseLog = getUnsigned(object, where, "ks_base_log", 64);
    parameters.ksLevel = getUnsigned(object, where, "ks_level", 64);
    return parameters;
  }

  /// `setCount` bounds the key set of an encrypted tensor, which a version 1
  /// specification (`withKeySets` false) does not give.
  TensorSpec getTensor(const Json &object, const std::string &where,
                       bool withKeySets, size_t setCount) const {
    TensorSpec tensor;
    tensor.name = getString(object, where, "name");
    const Json &shape = field(object, where, "shape");
    if (!shape.is_array())
      fail(where + ".shape", "expected a list of positive integers");
    for (const Json &size : shape) {
      int64_t extent = getInteger(size, where + ".shape");
      if (extent <= 0)
        fail(where + ".shape", "expected a list of positive integers");
      tensor.shape.push_back(extent);
    }
    tensor.encrypted = getBool(object, where, "encrypted");
    std::string encoding = getString(object, where, "encoding");
    if (encoding != (tensor.encrypted ? "lwe" : "clear"))
      fail(where + ".encoding", "'" + encoding +
                                    "' does not match encrypted = " +
                                    (tensor.encrypted ? "true" : "false"));
    tensor.width =
        getUnsigned(object, where, "width", tensor.encrypted ? 62 : 64);
    if (tensor.width == 0)
      fail(where + ".width", "must be at least 1");
    tensor.isSigned = getBool(object, where, "signed");
    const Json &range = field(object, where, "range");
    if (!range.is_array() || range.size() != 2)
      fail(where + ".range", "expected [min, max]");
    tensor.min = getInteger(range[0], where + ".range");
    tensor.max = getInteger(range[1], where + ".range");
    if (tensor.min > tensor.max)
      fail(where + ".range", "min is larger than max");
    if (tensor.encrypted && withKeySets)
      tensor.keySet = getUnsigned(object, where, "key_set", setCount - 1);
    return tensor;
  }

  std::vector<TensorSpec> getTensors(const Json &object, const char *key,
                                     bool withKeySets, size_t setCount) const {
    const Json &list = field(object, "", key);
    if (!list.is_array())
      fail(key, "expected a list");
    std::vector<TensorSpec> tensors;
    for (size_t i = 0; i < list.size(); ++i)
      tensors.push_back(
          getTensor(list[i], std::string(key) + "[" + std::to_string(i) + "]",
                    withKeySets, setCount));
    return tensors;
  }

  /// The `key_patterns` of a specification with `setCount` sets; one set
  /// and no such field is the pattern (0, 0).
  std::vector<KeyPattern> getKeyPatterns(const Json &document,
                                         size_t setCount) const {
    if (!document.contains("key_patterns")) {
      if (setCount != 1)
        fail("top level", "missing field 'key_patterns' (required with " +
                              std::to_string(setCount) + " parameter sets)");
      return {KeyPattern{0, 0}};
    }
    const Json &list = document["key_patterns"];
    if (!list.is_array() || list.empty())
      fail("key_patterns", "expected a non-empty list of [source, target]");
    std::vector<KeyPattern> patterns;
    for (size_t i = 0; i < list.size(); ++i) {
      std::string where = "key_patterns[" + std::to_string(i) + "]";
      if (!list[i].is_array() || list[i].size() != 2)
        fail(where, "expected [source, target]");
      KeyPattern pattern;
      for (unsigned j = 0; j < 2; ++j) {
        int64_t set = getInteger(list[i][j], where);
        if (set < 0 || uint64_t(set) >= setCount)
          fail(where, "names the set " + std::to_string(set) + ", there are " +
                          std::to_string(setCount));
        (j == 0 ? pattern.source : pattern.target) = uint32_t(set);
      }
      for (size_t k = 0; k < patterns.size(); ++k)
        if (patterns[k].source == pattern.source &&
            patterns[k].target == pattern.target)
          fail(where, "repeats key_patterns[" + std::to_string(k) + "]");
      patterns.push_back(pattern);
    }
    return patterns;
  }

private:
  std::string source;
};

} // namespace

std::string formatReport(const CircuitReport &report) {
  return reportToJson(report).dump();
}

namespace driver {

uint64_t countElements(const std::vector<int64_t> &shape) {
  uint64_t count = 1;
  for (int64_t extent : shape)
    count *= static_cast<uint64_t>(extent);
  return count;
}

std::string formatShape(const std::vector<int64_t> &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

std::string formatSpec(const ClientSpec &spec) {
  Json document{{"format", kSpecFormat},
                {"version", kSpecVersion},
                {"function", spec.function}};
  Json report = reportToJson(spec.report);
  for (auto &[key, value] : report.items())
    document[key] = value;
  Json inputs = Json::array(), outputs = Json::array();
  for (const TensorSpec &input : spec.inputs)
    inputs.push_back(tensorToJson(input));
  for (const TensorSpec &output : spec.outputs)
    outputs.push_back(tensorToJson(output));
  document["inputs"] = std::move(inputs);
  document["outputs"] = std::move(outputs);
  return document.dump(2) + "\n";
}

ClientSpec parseSpec(const std::string &text, const std::string &source) {
  Json document;
  try {
    document = Json::parse(text);
  } catch (const nlohmann::json::parse_error &error) {
    throw Error(source + ": not a Shade client specification (invalid JSON)");
  }
  SpecReader reader(source);
  if (!document.is_object() || !document.contains("format") ||
      document["format"] != kSpecFormat)
    throw Error(source +
                ": not a Shade client specification (the field "
                "\"format\" is not \"" +
                std::string(kSpecFormat) + "\")");
  bool withKeySets = document["version"] == kSpecVersion;
  if (!withKeySets && document["version"] != 1)
    throw Error(source + ": unsupported specification version " +
                document["version"].dump() +
                " (this build reads versions 1 "
                "and " +
                std::to_string(kSpecVersion) + ")");

  ClientSpec spec;
  spec.function = reader.getString(document, "top level", "function");
  CircuitReport &report = spec.report;
  report.securityBits =
      reader.getUnsigned(document, "top level", "security_bits", 1024);
  report.pError = reader.getProbability(document, "top level", "p_error");
  report.globalPError =
      reader.getProbability(document, "top level", "global_p_error");
  const Json &parameters = reader.field(document, "top level", "parameters");
  if (!parameters.is_array() || parameters.empty() ||
      (!withKeySets && parameters.size() != 1))
    reader.fail("parameters",
                withKeySets ? "expected a non-empty list of parameter sets"
                            : "expected a list of one parameter set");
  if (parameters.size() > runtime::kMaxParameterSets)
    reader.fail("parameters", "more than " +
                                  std::to_string(runtime::kMaxParameterSets) +
                                  " parameter sets");
  for (size_t i = 0; i < parameters.size(); ++i)
    report.parameters.push_back(reader.getParameters(
        parameters[i], "parameters[" + std::to_string(i) + "]"));
  report.keyPatterns =
      reader.getKeyPatterns(document, report.parameters.size());
  const Json &statistics = reader.field(document, "top level", "statistics");
  report.bootstraps = reader.getUnsigned(statistics, "statistics", "bootstraps",
                                         std::numeric_limits<int64_t>::max());
  report.keyswitches =
      reader.getUnsigned(statistics, "statistics", "keyswitches",
                         std::numeric_limits<int64_t>::max());
  report.cost = reader.getNumber(statistics, "statistics", "estimated_cost_ns");
  if (statistics.contains("bootstraps_by_width")) {
    const Json &byWidth = statistics["bootstraps_by_width"];
    if (!byWidth.is_object())
      reader.fail("statistics.bootstraps_by_width", "expected an object");
    for (auto entry = byWidth.begin(); entry != byWidth.end(); ++entry) {
      unsigned width = 0;
      if (llvm::StringRef(entry.key()).getAsInteger(10, width) || width == 0 ||
          width > 62)
        reader.fail("statistics.bootstraps_by_width",
                    "key '" + entry.key() + "' is not a width in [1, 62]");
      report.bootstrapsByWidth[width] = reader.getUnsigned(
          byWidth, "statistics.bootstraps_by_width", entry.key().c_str(),
          std::numeric_limits<int64_t>::max());
    }
  }
  if (statistics.contains("bootstraps_by_set")) {
    const Json &bySet = statistics["bootstraps_by_set"];
    if (!bySet.is_object())
      reader.fail("statistics.bootstraps_by_set", "expected an object");
    for (auto entry = bySet.begin(); entry != bySet.end(); ++entry) {
      unsigned set = 0;
      if (llvm::StringRef(entry.key()).getAsInteger(10, set) ||
          set >= report.parameters.size())
        reader.fail("statistics.bootstraps_by_set",
                    "key '" + entry.key() + "' is not a parameter set");
      report.bootstrapsBySet[set] = reader.getUnsigned(
          bySet, "statistics.bootstraps_by_set", entry.key().c_str(),
          std::numeric_limits<int64_t>::max());
    }
  }
  if (statistics.contains("approximate_roundings")) {
    report.approximateRoundings =
        reader.getUnsigned(statistics, "statistics", "approximate_roundings",
                           std::numeric_limits<int64_t>::max());
    report.offByOneProbability =
        reader.getProbability(statistics, "statistics", "p_off_by_one");
  }
  size_t setCount = report.parameters.size();
  spec.inputs = reader.getTensors(document, "inputs", withKeySets, setCount);
  spec.outputs = reader.getTensors(document, "outputs", withKeySets, setCount);
  return spec;
}

} // namespace driver
} // namespace shade

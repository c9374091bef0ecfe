//===- Specification.cpp - The client specification as JSON ---------------===//

#include "compiler/Driver/Specification.h"

#include "nlohmann/json.hpp"
#include "llvm/ADT/StringRef.h"

#include <limits>

namespace shade {

using Json = nlohmann::ordered_json;

namespace {

constexpr const char *kSpecFormat = "shade-client-spec";
constexpr int kSpecVersion = 1;

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
  if (report.approximateRoundings) {
    statistics["approximate_roundings"] = report.approximateRoundings;
    statistics["p_off_by_one"] = report.offByOneProbability;
  }
  return Json{
      {"security_bits", report.securityBits},
      {"p_error", report.pError},
      {"global_p_error", report.globalPError},
      {"parameters", Json::array({parametersToJson(report.parameters)})},
      {"statistics", statistics}};
}

Json tensorToJson(const TensorSpec &tensor) {
  return Json{{"name", tensor.name},
              {"shape", tensor.shape},
              {"encrypted", tensor.encrypted},
              {"encoding", tensor.encrypted ? "lwe" : "clear"},
              {"width", tensor.width},
              {"signed", tensor.isSigned},
              {"range", {tensor.min, tensor.max}}};
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

  TensorSpec getTensor(const Json &object, const std::string &where) const {
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
    return tensor;
  }

  std::vector<TensorSpec> getTensors(const Json &object,
                                     const char *key) const {
    const Json &list = field(object, "", key);
    if (!list.is_array())
      fail(key, "expected a list");
    std::vector<TensorSpec> tensors;
    for (size_t i = 0; i < list.size(); ++i)
      tensors.push_back(
          getTensor(list[i], std::string(key) + "[" + std::to_string(i) + "]"));
    return tensors;
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
  if (document["version"] != kSpecVersion)
    throw Error(source + ": unsupported specification version " +
                document["version"].dump() + " (this build reads version " +
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
  if (!parameters.is_array() || parameters.size() != 1)
    reader.fail("parameters", "expected a list of one parameter set");
  report.parameters = reader.getParameters(parameters[0], "parameters[0]");
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
  if (statistics.contains("approximate_roundings")) {
    report.approximateRoundings =
        reader.getUnsigned(statistics, "statistics", "approximate_roundings",
                           std::numeric_limits<int64_t>::max());
    report.offByOneProbability =
        reader.getProbability(statistics, "statistics", "p_off_by_one");
  }
  spec.inputs = reader.getTensors(document, "inputs");
  spec.outputs = reader.getTensors(document, "outputs");
  return spec;
}

} // namespace driver
} // namespace shade

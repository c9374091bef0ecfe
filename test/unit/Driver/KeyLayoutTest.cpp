//===- KeyLayoutTest.cpp - Client specifications of several sets ---------===//
//
// The report and client specification of a program with two parameter sets
// and three key patterns: the JSON of --emit=params (unchanged for one set),
// client.json read back (and version 1 still read), keys for every set, each
// input encrypted under its own set's key and every mismatch named.
//
//===----------------------------------------------------------------------===//

#include "shade/Shade.h"

#include "gtest/gtest.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace {

/// Two small, insecure sets: 512 and 1024 big dimensions.
const char *kSets = R"("parameters": [
    {"lwe_dimension": 100, "glwe_dimension": 1, "polynomial_size": 512,
     "lwe_noise_std": 9.313225746154785e-10, "glwe_noise_std": 9.094947017729282e-13,
     "pbs_base_log": 12, "pbs_level": 3, "ks_base_log": 4, "ks_level": 5},
    {"lwe_dimension": 110, "glwe_dimension": 1, "polynomial_size": 1024,
     "lwe_noise_std": 9.313225746154785e-10, "glwe_noise_std": 9.094947017729282e-13,
     "pbs_base_log": 12, "pbs_level": 3, "ks_base_log": 4, "ks_level": 5}],
  "key_patterns": [[0, 0], [0, 1], [1, 1]],)";

std::string tensor(const std::string &name, unsigned keySet) {
  return R"({"name": ")" + name +
         R"(", "shape": [2], "encrypted": true, "encoding": "lwe", "width": 3,
             "signed": false, "range": [0, 7], "key_set": )" +
         std::to_string(keySet) + "}";
}

/// A client.json of version 2 with input x under `inputSet` and output
/// `output` under `outputSet`.
std::string twoSetSpec(const std::string &output, unsigned inputSet,
                       unsigned outputSet, const std::string &layout = kSets) {
  return R"({"format": "shade-client-spec", "version": 2, "function": "f",
  "security_bits": 128, "p_error": 1e-12, "global_p_error": 1e-11,
  )" + layout +
         R"(
  "statistics": {"bootstraps": 8, "keyswitches": 8, "estimated_cost_ns": 1.0,
                 "bootstraps_by_width": {"3": 8},
                 "bootstraps_by_set": {"0": 2, "1": 6}},
  "inputs": [)" +
         tensor("x", inputSet) + R"(], "outputs": [)" +
         tensor(output, outputSet) + "]}";
}

/// A scratch directory holding artifacts made of a client.json only.
class Scratch {
public:
  Scratch() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "shade-layout-XXXXXX")
            .string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a scratch directory");
    root = pattern;
  }
  ~Scratch() { std::filesystem::remove_all(root); }

  std::string file(const std::string &name) const {
    return (root / name).string();
  }

  shade::ClientSpec spec(const std::string &name, const std::string &text) {
    std::filesystem::create_directory(root / name);
    std::ofstream(root / name / "client.json") << text;
    return shade::readClientSpec(file(name));
  }

private:
  std::filesystem::path root;
};

std::string errorOf(const std::function<void()> &body) {
  try {
    body();
  } catch (const shade::Error &error) {
    return error.what();
  }
  ADD_FAILURE() << "no shade::Error";
  return "";
}

} // namespace

TEST(KeyLayout, ReportOfOneSetHasNoPatternsNorBootstrapsBySet) {
  shade::CircuitReport report;
  report.parameters.push_back({});
  report.keyPatterns.push_back({0, 0});
  report.bootstrapsBySet[0] = 4;
  std::string json = shade::formatReport(report);
  EXPECT_EQ(json.find("key_patterns"), std::string::npos) << json;
  EXPECT_EQ(json.find("bootstraps_by_set"), std::string::npos) << json;

  report.parameters.push_back({});
  report.keyPatterns = {{0, 0}, {0, 1}, {1, 1}};
  report.bootstrapsBySet[1] = 6;
  json = shade::formatReport(report);
  EXPECT_NE(json.find(R"(}],"key_patterns":[[0,0],[0,1],[1,1]],"statistics":)"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("bootstraps_by_set":{"0":4,"1":6})"),
            std::string::npos)
      << json;
}

TEST(KeyLayout, SpecificationsOfTwoSetsEncryptUnderEachInputsSet) {
  Scratch scratch;
  shade::ClientSpec spec = scratch.spec("encrypt", twoSetSpec("y", 1, 1));
  ASSERT_EQ(spec.report.parameters.size(), 2u);
  EXPECT_EQ(spec.report.parameters[1].polynomialSize, 1024u);
  ASSERT_EQ(spec.report.keyPatterns.size(), 3u);
  EXPECT_EQ(spec.report.keyPatterns[1].source, 0u);
  EXPECT_EQ(spec.report.keyPatterns[1].target, 1u);
  EXPECT_EQ(spec.report.bootstrapsBySet.at(1), 6u);
  EXPECT_EQ(spec.inputs[0].keySet, 1u);

  shade::SecretKeys keys = shade::SecretKeys::generate(spec);
  shade::Values inputs = {{"x", {2}, {3, 6}}};
  shade::Ciphertexts args = keys.encrypt(spec, inputs);
  std::string argsPath = scratch.file("args");
  args.write(argsPath);
  shade::Ciphertexts read = shade::Ciphertexts::read(argsPath, spec);

  // A specification whose output is that input, under set 1, decrypts it;
  // one that expects it under set 0 refuses it.
  shade::ClientSpec echo = scratch.spec("echo", twoSetSpec("x", 1, 1));
  shade::Values values = keys.decrypt(echo, read);
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0].elements, (std::vector<int64_t>{3, 6}));
  shade::ClientSpec other = scratch.spec("other", twoSetSpec("x", 1, 0));
  EXPECT_EQ(errorOf([&] { keys.decrypt(other, read); }),
            "results: output 'x' holds ciphertexts of dimension 1024 under the "
            "key of parameter set 1, the program expects dimension 512 under "
            "set 0");

  std::string secretPath = scratch.file("client.sk");
  std::string evaluationPath = scratch.file("server.ek");
  shade::generateKeyFiles(spec, secretPath, evaluationPath);
  shade::SecretKeys::read(secretPath, spec);
  shade::EvaluationKeys::read(evaluationPath, spec);
  shade::ClientSpec swapped = scratch.spec(
      "swapped",
      twoSetSpec("y", 0, 0,
                 std::string(kSets).replace(std::string(kSets).find("[0, 1]"),
                                            6, "[1, 0]")));
  EXPECT_EQ(
      errorOf([&] { shade::EvaluationKeys::read(evaluationPath, swapped); }),
      evaluationPath + ": parameters mismatch: the file has key "
                       "pattern 1 (0, 1), expected (1, 0)");
}

TEST(KeyLayout, VersionOneSpecificationsAreStillRead) {
  Scratch scratch;
  shade::ClientSpec spec = scratch.spec("old", R"(
{"format": "shade-client-spec", "version": 1, "function": "f",
 "security_bits": 128, "p_error": 1e-12, "global_p_error": 1e-11,
 "parameters": [
    {"lwe_dimension": 100, "glwe_dimension": 1, "polynomial_size": 512,
     "lwe_noise_std": 9.313225746154785e-10, "glwe_noise_std": 9.094947017729282e-13,
     "pbs_base_log": 12, "pbs_level": 3, "ks_base_log": 4, "ks_level": 5}],
 "statistics": {"bootstraps": 2, "keyswitches": 2, "estimated_cost_ns": 1.0},
 "inputs": [{"name": "x", "shape": [2], "encrypted": true, "encoding": "lwe",
             "width": 3, "signed": false, "range": [0, 7]}],
 "outputs": []})");
  ASSERT_EQ(spec.report.parameters.size(), 1u);
  ASSERT_EQ(spec.report.keyPatterns.size(), 1u);
  EXPECT_EQ(spec.report.keyPatterns[0].source, 0u);
  EXPECT_EQ(spec.report.keyPatterns[0].target, 0u);
  EXPECT_EQ(spec.inputs[0].keySet, 0u);
}

TEST(KeyLayout, BadLayoutsInSpecificationsAreNamed) {
  Scratch scratch;
  auto errorFor = [&](const std::string &name, const std::string &text) {
    return errorOf([&] { scratch.spec(name, text); });
  };
  std::string noPatterns = kSets;
  noPatterns.erase(noPatterns.find("\n  \"key_patterns\""));
  EXPECT_EQ(errorFor("a", twoSetSpec("y", 0, 1, noPatterns)),
            scratch.file("a") + "/client.json: top level: missing field "
                                "'key_patterns' (required with 2 parameter "
                                "sets)");
  std::string outOfRange = kSets;
  outOfRange.replace(outOfRange.find("[1, 1]"), 6, "[1, 2]");
  EXPECT_EQ(errorFor("b", twoSetSpec("y", 0, 1, outOfRange)),
            scratch.file("b") + "/client.json: key_patterns[2]: names the set "
                                "2, there are 2");
  EXPECT_EQ(errorFor("c", twoSetSpec("y", 2, 1)),
            scratch.file("c") + "/client.json: inputs[0].key_set: is larger "
                                "than 1");
}

// A program that uses Shade as a library (shade/Shade.h): it compiles a small
// graph, runs it in one call, then goes through the client/server steps in
// memory and through an artifact directory, as `shadec` does. README.md shows
// how to build it against an installed Shade.

#include "shade/Shade.h"

#include <cstdio>
#include <filesystem>

namespace {

// y = relu(x @ w): a dense layer on 4 encrypted inputs in [0, 3].
const char *const kGraph = R"({
  "format": "shade-graph", "version": 1, "name": "dense_relu",
  "inputs": [{"name": "x", "shape": [4], "range": [0, 3]}],
  "nodes": [{"name": "w", "op": "constant", "value": [[1, -1], [0, 1], [1, 0], [-1, 1]]},
            {"name": "y", "op": "matmul", "args": ["x", "w"]},
            {"name": "z", "op": "relu", "args": ["y"]}],
  "outputs": ["z"]
})";

void runExample(const std::filesystem::path &workDirectory) {
  shade::Program program =
      shade::Program::compileSource(kGraph, "dense_relu.json");
  std::printf("parameters and statistics: %s\n",
              shade::formatReport(program.spec().report).c_str());

  shade::Values inputs = shade::parseValues(R"({"x": [3, 0, 2, 1]})", "x");
  std::printf("run: %s\n", shade::formatValues(program.run(inputs)).c_str());

  // The compiler writes the artifact; the client reads its specification,
  // makes the keys and encrypts; the server runs the shared object with the
  // evaluation keys only; the client decrypts.
  std::filesystem::path artifactPath = workDirectory / "dense_relu.shade";
  program.writeArtifact(artifactPath.string());
  shade::Artifact artifact = shade::Artifact::load(artifactPath.string());
  const shade::ClientSpec &spec = artifact.spec();
  shade::SecretKeys keys = shade::SecretKeys::generate(spec);
  shade::Ciphertexts args = keys.encrypt(spec, inputs);
  shade::Ciphertexts results =
      artifact.execute(keys.makeEvaluationKeys(), args);
  std::printf("client/server: %s\n",
              shade::formatValues(keys.decrypt(spec, results)).c_str());
}

} // namespace

int main() {
  std::error_code ignored;
  std::filesystem::path workDirectory =
      std::filesystem::temp_directory_path() / "shade-embedding-example";
  std::filesystem::create_directories(workDirectory);
  int status = 0;
  try {
    runExample(workDirectory);
  } catch (const shade::Error &error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    status = 1;
  }
  std::filesystem::remove_all(workDirectory, ignored);
  return status;
}

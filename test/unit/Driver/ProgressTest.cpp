//===- ProgressTest.cpp - Progress reports of a running program -----------===//
//
// The library calls ExecuteOptions::progress while a program runs; shadec
// shows these reports on a terminal only, so they are tested here, through
// the library.
//
//===----------------------------------------------------------------------===//

#include "shade/Shade.h"

#include "gtest/gtest.h"

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

/// 48 bootstraps at 3 bits, in one batch.
const char *kGraph = R"({"format": "shade-graph", "version": 1,
  "inputs": [{"name": "x", "shape": [48], "range": [0, 7]}],
  "nodes": [{"name": "y", "op": "lut", "args": ["x"],
             "table": [7, 6, 5, 4, 3, 2, 1, 0]}],
  "outputs": ["y"]})";

shade::Values inputs() {
  shade::Value x;
  x.name = "x";
  x.shape = {48};
  for (int64_t i = 0; i < 48; ++i)
    x.elements.push_back(i % 8);
  return {x};
}

std::string expectedResults() {
  std::string text = R"({"y":[)";
  for (int i = 0; i < 48; ++i)
    text += (i ? "," : "") + std::to_string(7 - i % 8);
  return text + "]}";
}

/// Collects the reports of one run.
struct Recorder {
  shade::ExecuteOptions options(unsigned threads) {
    shade::ExecuteOptions options;
    options.threads = threads;
    options.progress = [this](const shade::Progress &progress) {
      std::lock_guard<std::mutex> lock(mutex);
      reports.push_back(progress);
    };
    return options;
  }

  std::mutex mutex;
  std::vector<shade::Progress> reports;
};

/// The reports of one run: bootstraps done grow to the total, time grows,
/// only the last report is final, and the estimate comes from the measured
/// rate once bootstraps are done.
void checkReports(const std::vector<shade::Progress> &reports, uint64_t total) {
  ASSERT_FALSE(reports.empty());
  for (size_t i = 0; i < reports.size(); ++i) {
    const shade::Progress &report = reports[i];
    EXPECT_EQ(report.bootstraps, total);
    EXPECT_LE(report.bootstrapsDone, total);
    EXPECT_EQ(report.finished, i + 1 == reports.size());
    if (i > 0) {
      EXPECT_GE(report.bootstrapsDone, reports[i - 1].bootstrapsDone);
      EXPECT_GE(report.secondsElapsed, reports[i - 1].secondsElapsed);
    }
    if (report.bootstrapsDone > 0)
      EXPECT_DOUBLE_EQ(report.secondsEstimated,
                       report.secondsElapsed * double(total) /
                           double(report.bootstrapsDone));
    else
      EXPECT_GT(report.secondsEstimated, 0);
  }
  EXPECT_EQ(reports.back().bootstrapsDone, total);
}

} // namespace

TEST(Progress, RunReportsEveryBootstrap) {
  shade::Program program =
      shade::Program::compileSource(kGraph, "progress.json");
  ASSERT_EQ(program.spec().report.bootstraps, 48u);
  Recorder recorder;
  shade::Values results = program.run(inputs(), recorder.options(2));
  EXPECT_EQ(shade::formatValues(results), expectedResults());
  checkReports(recorder.reports, 48);
}

TEST(Progress, EachExecutionCountsItsOwnBootstraps) {
  shade::Program program =
      shade::Program::compileSource(kGraph, "progress.json");
  std::filesystem::path directory =
      std::filesystem::temp_directory_path() /
      ("shade-progress-test-" + std::to_string(::getpid()));
  program.writeArtifact(directory.string());
  shade::Artifact artifact = shade::Artifact::load(directory.string());
  std::filesystem::remove_all(directory);
  shade::SecretKeys secret = shade::SecretKeys::generate(artifact.spec());
  shade::EvaluationKeys keys = secret.makeEvaluationKeys();
  shade::Ciphertexts args = secret.encrypt(artifact.spec(), inputs());
  // The same keys (one runtime context) for two executions: the second
  // reports its own 48 bootstraps, not 96.
  for (unsigned threads : {1u, 2u}) {
    Recorder recorder;
    shade::Ciphertexts out =
        artifact.execute(keys, args, recorder.options(threads));
    EXPECT_EQ(shade::formatValues(secret.decrypt(artifact.spec(), out)),
              expectedResults());
    checkReports(recorder.reports, 48);
  }
}

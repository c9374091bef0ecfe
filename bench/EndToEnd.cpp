//===- EndToEnd.cpp - A compiled program's run time against its bound ----===//
//
// shade-bench-end-to-end PROGRAM VALUES [--threads=N] [--runs=R]
//                        [--single-parameter-set]
//
// Compiles PROGRAM (a graph or MLIR file), writes and loads its artifact,
// makes keys, encrypts VALUES and times the server's execution (the compiled
// code on evaluation keys already in memory) R times (default 5) on N
// threads (default 2). Then times one key switch + bootstrap on one thread
// at the parameters the compiler chose (the median of 21) and prints the
// median execution time, the bound bootstraps x (KS+PBS time) / threads and
// their ratio. The decrypted results are printed as well, so that a run
// that computes wrong values is seen. With --single-parameter-set the
// program is compiled with one parameter set for all its bootstraps. See
// docs/performance.md, "End to end".
//
//===----------------------------------------------------------------------===//

#include "compiler/Driver/RuntimeBridge.h"
#include "shade/Shade.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/Keys.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// CPU time of the whole process (every thread) or of the calling thread.
double cpuSeconds(clockid_t clock) {
  timespec now;
  clock_gettime(clock, &now);
  return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

double median(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  size_t middle = samples.size() / 2;
  return samples.size() % 2 ? samples[middle]
                            : (samples[middle - 1] + samples[middle]) / 2;
}

struct Timing {
  double wall;
  double cpu;
};

/// The median wall time and thread CPU time of one key switch + bootstrap on
/// this thread.
Timing keySwitchBootstrapTime(const shade::CryptoParameters &chosen) {
  using namespace shade::runtime;
  Csprng rng;
  SecretKeys secret =
      generateSecretKeys(shade::driver::toParameters(chosen), rng);
  EvaluationKeys keys = generateEvaluationKeys(secret, rng);
  AtomicPatternWorkspace workspace(keys);
  LookupTable identity = LookupTable::fromTable(
      chosen.polynomialSize, 2, 2, std::vector<uint64_t>{0, 1, 2, 3});
  LweCiphertext input = encryptBig(secret, encodeMessage(1, 2), rng);
  LweCiphertext output = input;
  std::vector<double> wall, cpu;
  for (int run = 0; run < 22; ++run) {
    Clock::time_point start = Clock::now();
    double cpuStart = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    keySwitchBootstrap(keys, identity, input.data.data(), output.data.data(),
                       workspace);
    if (run == 0) // The first run warms the caches and FFT plans.
      continue;
    wall.push_back(secondsSince(start));
    cpu.push_back(cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart);
  }
  return {median(wall), median(cpu)};
}

/// The value of `--name=N` if `argument` is that option.
std::optional<unsigned> optionValue(const std::string &argument,
                                    const std::string &name) {
  std::string prefix = name + "=";
  if (argument.rfind(prefix, 0) != 0)
    return std::nullopt;
  return static_cast<unsigned>(std::stoul(argument.substr(prefix.size())));
}

int run(int argc, char **argv) {
  std::vector<std::string> positionals;
  unsigned threads = 2, runs = 5;
  shade::CompileOptions compileOptions;
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    if (argument == "--single-parameter-set")
      compileOptions.singleParameterSet = true;
    else if (auto value = optionValue(argument, "--threads"))
      threads = std::max(1u, *value);
    else if (auto value = optionValue(argument, "--runs"))
      runs = std::max(1u, *value);
    else if (argument.rfind("--", 0) == 0)
      throw shade::Error("unknown option " + argument);
    else
      positionals.push_back(argument);
  }
  if (positionals.size() != 2) {
    std::fprintf(stderr,
                 "usage: %s PROGRAM VALUES [--threads=N] [--runs=R] "
                 "[--single-parameter-set]\n",
                 argv[0]);
    return 2;
  }

  Clock::time_point start = Clock::now();
  shade::Program program =
      shade::Program::compileFile(positionals[0], compileOptions);
  std::filesystem::path directory =
      std::filesystem::temp_directory_path() /
      ("shade-bench-end-to-end-" + std::to_string(::getpid()));
  program.writeArtifact(directory.string());
  shade::Artifact artifact = shade::Artifact::load(directory.string());
  std::filesystem::remove_all(directory);
  double compileSeconds = secondsSince(start);
  const shade::ClientSpec &spec = artifact.spec();

  start = Clock::now();
  shade::SecretKeys secret = shade::SecretKeys::generate(spec);
  shade::EvaluationKeys keys = secret.makeEvaluationKeys();
  double keySeconds = secondsSince(start);
  shade::Ciphertexts args =
      secret.encrypt(spec, shade::readValues(positionals[1]), positionals[1]);

  shade::ExecuteOptions options;
  options.threads = threads;
  std::vector<double> samples, cpuSamples;
  std::string results;
  for (unsigned i = 0; i < runs; ++i) {
    start = Clock::now();
    double cpuStart = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    shade::Ciphertexts out = artifact.execute(keys, args, options);
    samples.push_back(secondsSince(start));
    cpuSamples.push_back(cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart);
    results = shade::formatValues(secret.decrypt(spec, out));
  }
  double executeSeconds = median(samples);
  double bestSeconds = *std::min_element(samples.begin(), samples.end());
  double executeCpu = median(cpuSamples);
  // Each set's bootstraps at that set's speed (with one set, all of them).
  const shade::CircuitReport &report = spec.report;
  double bootstraps = double(report.bootstraps);
  double atomSeconds = 0, atomCpuSeconds = 0;
  for (size_t set = 0; set < report.parameters.size(); ++set) {
    const shade::CryptoParameters &p = report.parameters[set];
    Timing atom = keySwitchBootstrapTime(p);
    double count = report.parameters.size() == 1
                       ? bootstraps
                       : double(report.bootstrapsBySet.count(set)
                                    ? report.bootstrapsBySet.at(set)
                                    : 0);
    atomSeconds += count * atom.wall;
    atomCpuSeconds += count * atom.cpu;
    std::printf("parameters %zu: n=%u k=%u N=%u pbs=%ux2^%u ks=%ux2^%u; "
                "KS+PBS on one thread: %.2f ms wall, %.2f ms CPU (medians of "
                "21)\n",
                set, p.lweDimension, p.glweDimension, p.polynomialSize,
                p.pbsLevel, p.pbsBaseLog, p.ksLevel, p.ksBaseLog,
                atom.wall * 1e3, atom.cpu * 1e3);
  }
  double bound = atomSeconds / threads;

  std::printf("results: %s\n", results.c_str());
  std::printf("compile + artifact: %.3f s, keys in memory: %.3f s\n",
              compileSeconds, keySeconds);
  std::printf("execute on %u threads, %u runs:", threads, runs);
  for (double sample : samples)
    std::printf(" %.3f", sample);
  std::printf(" s; median %.3f s, best %.3f s, CPU (all threads) median "
              "%.3f s\n",
              executeSeconds, bestSeconds, executeCpu);
  std::printf("bound: %.0f bootstraps, %.3f s of KS+PBS / %u threads = "
              "%.3f s\n",
              bootstraps, atomSeconds, threads, bound);
  std::printf("ratio execute / bound: median %.2f, best %.2f\n",
              executeSeconds / bound, bestSeconds / bound);
  std::printf("ratio CPU / (bootstraps x KS+PBS CPU): %.2f\n",
              executeCpu / atomCpuSeconds);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception &error) {
    std::fprintf(stderr, "shade-bench-end-to-end: %s\n", error.what());
    return 1;
  }
}

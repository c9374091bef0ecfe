//===- RuntimeBenchmarks.cpp - Single-thread TFHE runtime benchmarks ------===//
//
// Key generation, key switch, bootstrap and key switch + bootstrap for the
// default parameter sets of 2, 4, 6 and 8 bits, and the FFT floor of a
// bootstrap: n * ((k+1) l forward + (k+1) backward) N/2-point complex FFTW
// transforms, planned here with FFTW_MEASURE like the runtime's. The
// bootstrap benchmarks also report their ratio to the floor measured right
// after them, both in thread CPU time so that the ratio does not depend on
// other processes sharing the machine. See docs/performance.md.
//
//===----------------------------------------------------------------------===//

#include "shade/runtime/Keys.h"
#include "shade/runtime/ParameterSets.h"

#include <benchmark/benchmark.h>
#include <fftw3.h>

#include <ctime>
#include <map>
#include <memory>

using namespace shade::runtime;

namespace {

/// CPU time of the calling thread, in seconds.
double threadSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * now.tv_nsec;
}

struct BenchKeys {
  SecretKeys secret;
  EvaluationKeys evaluation;
};

std::map<unsigned, std::unique_ptr<BenchKeys>> &keyCache() {
  static std::map<unsigned, std::unique_ptr<BenchKeys>> cache;
  return cache;
}

std::unique_ptr<BenchKeys> makeKeys(unsigned width) {
  Csprng rng;
  auto keys = std::make_unique<BenchKeys>();
  keys->secret = generateSecretKeys(defaultParameters(width), rng);
  keys->evaluation = generateEvaluationKeys(keys->secret, rng);
  return keys;
}

const BenchKeys &keysFor(unsigned width) {
  auto &slot = keyCache()[width];
  if (!slot)
    slot = makeKeys(width);
  return *slot;
}

double megabytes(size_t bytes) { return static_cast<double>(bytes) / 1e6; }

/// Thread CPU seconds for one FFT floor of `p`: n * ((k+1) l + (k+1))
/// N/2-point transforms, the minimum of five runs.
double fftFloorSeconds(const Parameters &p) {
  int half = static_cast<int>(p.polynomialSize / 2);
  fftw_complex *in = fftw_alloc_complex(half);
  fftw_complex *out = fftw_alloc_complex(half);
  fftw_plan forward =
      fftw_plan_dft_1d(half, in, out, FFTW_BACKWARD, FFTW_MEASURE);
  fftw_plan backward =
      fftw_plan_dft_1d(half, in, out, FFTW_FORWARD, FFTW_MEASURE);
  for (int i = 0; i < half; ++i) {
    in[i][0] = i % 7;
    in[i][1] = -(i % 5);
  }
  uint32_t columns = p.glweDimension + 1;
  double best = 1e30;
  for (int run = 0; run < 5; ++run) {
    double start = threadSeconds();
    for (uint32_t g = 0; g < p.lweDimension; ++g) {
      for (uint32_t r = 0; r < columns * p.pbs.level; ++r)
        fftw_execute_dft(forward, in, out);
      for (uint32_t c = 0; c < columns; ++c)
        fftw_execute_dft(backward, out, in);
    }
    best = std::min(best, threadSeconds() - start);
  }
  fftw_destroy_plan(forward);
  fftw_destroy_plan(backward);
  fftw_free(in);
  fftw_free(out);
  return best;
}

void setFloorCounters(benchmark::State &state, const Parameters &p,
                      double secondsPerIteration) {
  double floor = fftFloorSeconds(p);
  state.counters["fft_floor_ms"] = floor * 1e3;
  state.counters["ratio_to_floor"] = secondsPerIteration / floor;
}

LookupTable identityTable(const Parameters &p, unsigned width) {
  std::vector<uint64_t> table(uint64_t(1) << width);
  for (uint64_t m = 0; m < table.size(); ++m)
    table[m] = (m * 3 + 1) % table.size();
  return LookupTable::fromTable(p.polynomialSize, width, width, table);
}

void keyGeneration(benchmark::State &state) {
  unsigned width = static_cast<unsigned>(state.range(0));
  std::unique_ptr<BenchKeys> keys;
  for (auto _ : state) {
    keys.reset();
    keys = makeKeys(width);
  }
  const EvaluationKeys &e = keys->evaluation;
  state.counters["bsk_MB"] =
      megabytes(e.bootstrap->data.size() * sizeof(double));
  state.counters["ksk_MB"] = megabytes(e.keySwitch.data.size() * sizeof(Torus));
  keyCache()[width] = std::move(keys);
}

void keySwitchOnly(benchmark::State &state) {
  unsigned width = static_cast<unsigned>(state.range(0));
  const BenchKeys &keys = keysFor(width);
  Csprng rng;
  LweCiphertext in = encryptBig(keys.secret, encodeMessage(1, width), rng);
  std::vector<Torus> out(keys.secret.parameters.lweDimension + 1);
  for (auto _ : state) {
    keySwitch(keys.evaluation.keySwitch, in.data.data(), out.data());
    benchmark::DoNotOptimize(out.data());
  }
}

void bootstrapOnly(benchmark::State &state) {
  unsigned width = static_cast<unsigned>(state.range(0));
  const BenchKeys &keys = keysFor(width);
  const Parameters &p = keys.secret.parameters;
  Csprng rng;
  LweCiphertext in = encryptLwe(keys.secret.small, encodeMessage(1, width),
                                p.lweNoiseStdDev, rng);
  LookupTable lut = identityTable(p, width);
  BootstrapWorkspace workspace(*keys.evaluation.bootstrap);
  std::vector<Torus> out(p.bigLweDimension() + 1);
  double start = threadSeconds();
  for (auto _ : state) {
    bootstrap(*keys.evaluation.bootstrap, lut, in.data.data(), out.data(),
              workspace);
    benchmark::DoNotOptimize(out.data());
  }
  setFloorCounters(state, p, (threadSeconds() - start) / state.iterations());
}

void keySwitchBootstrapPattern(benchmark::State &state) {
  unsigned width = static_cast<unsigned>(state.range(0));
  const BenchKeys &keys = keysFor(width);
  const Parameters &p = keys.secret.parameters;
  Csprng rng;
  LweCiphertext in = encryptBig(keys.secret, encodeMessage(1, width), rng);
  LookupTable lut = identityTable(p, width);
  AtomicPatternWorkspace workspace(keys.evaluation);
  std::vector<Torus> out(p.bigLweDimension() + 1);
  double start = threadSeconds();
  for (auto _ : state) {
    keySwitchBootstrap(keys.evaluation, lut, in.data.data(), out.data(),
                       workspace);
    benchmark::DoNotOptimize(out.data());
  }
  setFloorCounters(state, p, (threadSeconds() - start) / state.iterations());
}

/// The floor alone (its time is the minimum of five runs; the CPU column
/// also counts FFTW's planning and the other runs).
void fftFloor(benchmark::State &state) {
  const Parameters p = defaultParameters(static_cast<unsigned>(state.range(0)));
  for (auto _ : state)
    state.SetIterationTime(fftFloorSeconds(p));
}

} // namespace

BENCHMARK(keyGeneration)
    ->Arg(2)
    ->Arg(4)
    ->Arg(6)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(keySwitchOnly)
    ->Arg(2)
    ->Arg(4)
    ->Arg(6)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bootstrapOnly)
    ->Arg(2)
    ->Arg(4)
    ->Arg(6)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(keySwitchBootstrapPattern)
    ->Arg(2)
    ->Arg(4)
    ->Arg(6)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(fftFloor)
    ->Arg(2)
    ->Arg(4)
    ->Arg(6)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1);

BENCHMARK_MAIN();

//===- SerializationTestSupport.h - Keys shared by the I/O tests -*- C++
//-*-===//
//
// A small, fast and deliberately insecure parameter set, keys made once per
// test binary from a fixed seed, and a scratch directory. Used by the
// serialization, batch and C interface tests.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_TEST_UNIT_RUNTIME_SERIALIZATIONTESTSUPPORT_H
#define SHADE_TEST_UNIT_RUNTIME_SERIALIZATIONTESTSUPPORT_H

#include "shade/runtime/CApi.h"
#include "shade/runtime/Keys.h"
#include "shade/runtime/SerializationFormat.h"
#include "shade/runtime/Testing.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#include "gtest/gtest.h"

namespace shade::runtime::test {

/// n = 100, k = 1, N = 512: a bootstrap takes about a millisecond, and 3-bit
/// messages decrypt correctly with overwhelming probability.
inline Parameters smallParameters() {
  Parameters parameters;
  parameters.lweDimension = 100;
  parameters.glweDimension = 1;
  parameters.polynomialSize = 512;
  parameters.lweNoiseStdDev = 0x1p-30;
  parameters.glweNoiseStdDev = 0x1p-40;
  parameters.pbs = {12, 3};
  parameters.keySwitch = {4, 5};
  return parameters;
}

/// `parameters` as the C interface's struct.
inline shade_rt_parameters toCParameters(const Parameters &parameters) {
  shade_rt_parameters result;
  result.lwe_dimension = parameters.lweDimension;
  result.glwe_dimension = parameters.glweDimension;
  result.polynomial_size = parameters.polynomialSize;
  result.lwe_noise_std = parameters.lweNoiseStdDev;
  result.glwe_noise_std = parameters.glweNoiseStdDev;
  result.pbs_base_log = parameters.pbs.baseLog;
  result.pbs_level = parameters.pbs.level;
  result.ks_base_log = parameters.keySwitch.baseLog;
  result.ks_level = parameters.keySwitch.level;
  return result;
}

/// Message width used with smallParameters().
inline constexpr unsigned kSmallWidth = 3;

struct SmallKeys {
  SecretKeys secret;
  EvaluationKeys evaluation;
};

/// Made once, from seed 1.
inline const SmallKeys &smallKeys() {
  static const SmallKeys keys = [] {
    Csprng rng = testing::seededCsprngForTesting(1);
    SmallKeys made;
    made.secret = generateSecretKeys(smallParameters(), rng);
    made.evaluation = generateEvaluationKeys(made.secret, rng);
    return made;
  }();
  return keys;
}

/// A fresh empty directory, removed with its contents on destruction.
class ScratchDirectory {
public:
  ScratchDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "shade-io-test-XXXXXX")
            .string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a scratch directory");
    path = pattern;
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
  ScratchDirectory(const ScratchDirectory &) = delete;
  ScratchDirectory &operator=(const ScratchDirectory &) = delete;

  std::string file(const std::string &name) const {
    return (path / name).string();
  }
  /// The names of the files in the directory, sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto &entry : std::filesystem::directory_iterator(path))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

private:
  std::filesystem::path path;
};

/// Runs `read` and returns the message of the SerializationError it throws;
/// fails the test if it throws nothing or something else.
template <typename Read> std::string errorOf(Read &&read) {
  try {
    read();
  } catch (const SerializationError &error) {
    return error.what();
  }
  ADD_FAILURE() << "no SerializationError";
  return "";
}

} // namespace shade::runtime::test

#endif // SHADE_TEST_UNIT_RUNTIME_SERIALIZATIONTESTSUPPORT_H

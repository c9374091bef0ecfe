//===- ParameterSets.cpp - Shade's default parameter sets -----------------===//

#include "shade/runtime/ParameterSets.h"
#include "shade/runtime/Security.h"

#include <string>

namespace shade::runtime {
namespace {

struct Row {
  uint32_t n, k, polynomialSize;
  DecompositionParams pbs, keySwitch;
};

// Chosen by minimizing the estimated single-thread cost of key switch +
// bootstrap under the constraints of docs/runtime.md ("Parameter sets").
constexpr Row kRows[kMaxDefaultWidth] = {
    // n     k  N      pbs {log, l}  ks {log, l}
    {690, 1, 1024, {7, 2}, {5, 2}},    // 1 bit
    {750, 1, 1024, {6, 3}, {5, 2}},    // 2 bits
    {760, 1, 1024, {5, 4}, {4, 3}},    // 3 bits
    {840, 1, 2048, {23, 1}, {5, 3}},   // 4 bits
    {1010, 1, 4096, {23, 1}, {8, 2}},  // 5 bits
    {1000, 1, 8192, {23, 1}, {6, 3}},  // 6 bits
    {1050, 1, 16384, {22, 1}, {4, 5}}, // 7 bits
    {1090, 1, 32768, {15, 2}, {5, 4}}, // 8 bits
};

} // namespace

Parameters defaultParameters(unsigned width) {
  if (width < 1 || width > kMaxDefaultWidth)
    throw ParameterError("defaultParameters: width " + std::to_string(width) +
                         " must be in [1, " + std::to_string(kMaxDefaultWidth) +
                         "]");
  const Row &row = kRows[width - 1];
  Parameters parameters;
  parameters.lweDimension = row.n;
  parameters.glweDimension = row.k;
  parameters.polynomialSize = row.polynomialSize;
  // The smallest noise the security curve allows for each dimension.
  parameters.lweNoiseStdDev = security::minimalStdDev(row.n);
  parameters.glweNoiseStdDev =
      security::minimalStdDev(row.k * row.polynomialSize);
  parameters.pbs = row.pbs;
  parameters.keySwitch = row.keySwitch;
  return parameters;
}

} // namespace shade::runtime

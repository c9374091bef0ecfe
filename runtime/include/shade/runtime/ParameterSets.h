//===- ParameterSets.h - Shade's default parameter sets ---------*- C++ -*-===//
//
// One parameter set per message width (1 to 8 bits, plus the padding bit):
// 128-bit secure by the curve of Security.h and with a failure probability
// of the atomic pattern below 2^-40 by NoiseModel.h, for an input of variance
// bootstrapVariance. The table and how it was chosen: docs/runtime.md.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_PARAMETERSETS_H
#define SHADE_RUNTIME_PARAMETERSETS_H

#include "shade/runtime/Parameters.h"

namespace shade::runtime {

inline constexpr unsigned kMaxDefaultWidth = 8;

/// The set for messages of `width` bits, 1 <= width <= kMaxDefaultWidth;
/// throws ParameterError otherwise.
Parameters defaultParameters(unsigned width);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_PARAMETERSETS_H

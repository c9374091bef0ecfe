//===- Decomposition.h - Signed balanced gadget decomposition --*- C++ -*-===//
//
// A torus element t is first rounded to its closest multiple of
// 2^(64 - baseLog*level), then written as sum_{j=1..level} d_j * 2^64/B^j
// (B = 2^baseLog) with balanced digits d_j in [-B/2, B/2]. A digit equal to
// B/2 stays or becomes -B/2 (with a carry) depending on the next bit, so
// +-B/2 are equally likely and E[d^2] = (B^2 + 2) / 12 for uniform inputs.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_DECOMPOSITION_H
#define SHADE_RUNTIME_DECOMPOSITION_H

#include "shade/runtime/Parameters.h"
#include "shade/runtime/Torus.h"

#include <cstddef>
#include <cstdint>

namespace shade::runtime {

class SignedDecomposer {
public:
  explicit SignedDecomposer(DecompositionParams params)
      : baseLog(params.baseLog), level(params.level),
        shift(64 - params.baseLog * params.level),
        roundingBit(shift == 0 ? 0 : Torus(1) << (shift - 1)),
        digitMask((uint64_t(1) << params.baseLog) - 1) {}

  /// The closest multiple of 2^(64 - baseLog*level) to `t` (ties up).
  Torus closestRepresentable(Torus t) const { return roundedState(t) << shift; }

  /// The gadget factor of level j (0-based, 0 most significant):
  /// 2^64 / B^(j+1).
  Torus gadgetFactor(uint32_t j) const {
    return Torus(1) << (64 - baseLog * (j + 1));
  }

  /// Writes the `level` digits of `t` to digits[0..level), most significant
  /// first, so that closestRepresentable(t) == sum_j digits[j] *
  /// gadgetFactor(j) (mod 2^64).
  void decompose(Torus t, int64_t *digits) const {
    uint64_t state = roundedState(t);
    for (uint32_t j = level; j-- > 0;)
      digits[j] = nextDigit(state);
  }

  /// Decomposes count values at once: digit j of in[i] goes to
  /// digits[j * count + i]. Level by level, so that each loop vectorizes;
  /// the most significant row holds the running states until it is written.
  void decomposeSlice(const Torus *in, size_t count, int64_t *digits) const {
    auto *state = reinterpret_cast<uint64_t *>(digits);
    for (size_t i = 0; i < count; ++i)
      state[i] = roundedState(in[i]);
    for (uint32_t j = level; j-- > 0;) {
      int64_t *row = digits + j * count;
      for (size_t i = 0; i < count; ++i)
        row[i] = nextDigit(state[i]);
    }
  }

  uint32_t levelCount() const { return level; }

  /// The top baseLog*level bits of t, rounded to nearest: the state from
  /// which nextDigit() extracts the digits, least significant first.
  uint64_t roundedState(Torus t) const { return (t + roundingBit) >> shift; }

  /// Extracts the least significant balanced digit from `state` and shifts
  /// it out, carrying into the next digit when the digit is above B/2, or
  /// equal to B/2 with bit baseLog - 1 of the remaining state set (so that
  /// +-B/2 are equally likely).
  int64_t nextDigit(uint64_t &state) const {
    uint64_t digit = state & digitMask;
    state >>= baseLog;
    uint64_t carry = (((digit - 1) | state) & digit) >> (baseLog - 1);
    state += carry;
    return static_cast<int64_t>(digit) - static_cast<int64_t>(carry << baseLog);
  }

private:
  uint32_t baseLog;
  uint32_t level;
  uint32_t shift;
  Torus roundingBit;
  uint64_t digitMask;
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_DECOMPOSITION_H

//===- Csprng.cpp - ChaCha20 keyed by getrandom() -------------------------===//

#include "shade/runtime/Csprng.h"
#include "shade/runtime/Testing.h"

#include <cerrno>
#include <cmath>
#include <sys/random.h>
#include <system_error>

namespace shade::runtime {
namespace {

constexpr std::array<uint32_t, 4> kSigma = {0x61707865, 0x3320646e, 0x79622d32,
                                            0x6b206574};
constexpr int kDoubleRounds = 10;

/// Eight blocks in parallel, one per lane of a GCC/Clang vector of 32-bit
/// words: every quarter-round step is then a single vector instruction
/// (split into narrower ones on targets without wide vectors).
using Lanes = uint32_t __attribute__((vector_size(32)));
constexpr size_t kLanes = sizeof(Lanes) / sizeof(uint32_t);

template <typename Word> inline Word rotateLeft(Word value, int bits) {
  return (value << bits) | (value >> (32 - bits));
}

/// The ChaCha state of one block (Word = uint32_t) or of kLanes blocks
/// (Word = Lanes).
template <typename Word> struct ChaChaState {
  Word word[16];

  void quarterRound(int a, int b, int c, int d) {
    word[a] += word[b];
    word[d] = rotateLeft(word[d] ^ word[a], 16);
    word[c] += word[d];
    word[b] = rotateLeft(word[b] ^ word[c], 12);
    word[a] += word[b];
    word[d] = rotateLeft(word[d] ^ word[a], 8);
    word[c] += word[d];
    word[b] = rotateLeft(word[b] ^ word[c], 7);
  }

  void doubleRounds() {
    for (int round = 0; round < kDoubleRounds; ++round) {
      quarterRound(0, 4, 8, 12);
      quarterRound(1, 5, 9, 13);
      quarterRound(2, 6, 10, 14);
      quarterRound(3, 7, 11, 15);
      quarterRound(0, 5, 10, 15);
      quarterRound(1, 6, 11, 12);
      quarterRound(2, 7, 8, 13);
      quarterRound(3, 4, 9, 14);
    }
  }
};

/// The initial state of one block, words 0 to 15.
std::array<uint32_t, 16>
initialState(const std::array<uint32_t, 8> &key,
             const std::array<uint32_t, 4> &counterAndNonce) {
  std::array<uint32_t, 16> state;
  for (int i = 0; i < 4; ++i)
    state[i] = kSigma[i];
  for (int i = 0; i < 8; ++i)
    state[4 + i] = key[i];
  for (int i = 0; i < 4; ++i)
    state[12 + i] = counterAndNonce[i];
  return state;
}

} // namespace

std::array<uint32_t, 16>
chacha20Block(const std::array<uint32_t, 8> &key,
              const std::array<uint32_t, 4> &counterAndNonce) {
  std::array<uint32_t, 16> initial = initialState(key, counterAndNonce);
  ChaChaState<uint32_t> state;
  for (int w = 0; w < 16; ++w)
    state.word[w] = initial[w];
  state.doubleRounds();
  std::array<uint32_t, 16> out;
  for (int w = 0; w < 16; ++w)
    out[w] = state.word[w] + initial[w];
  return out;
}

Csprng::Csprng() {
  auto *bytes = reinterpret_cast<unsigned char *>(key.data());
  size_t filled = 0;
  while (filled < sizeof(key)) {
    ssize_t got = getrandom(bytes + filled, sizeof(key) - filled, 0);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      throw std::system_error(errno, std::generic_category(),
                              "Csprng: getrandom() failed");
    }
    filled += static_cast<size_t>(got);
  }
}

Csprng::Csprng(const std::array<uint32_t, 8> &key) : key(key) {}

void Csprng::refill() {
  static_assert(kBlocksPerRefill == kLanes, "one block per vector lane");
  std::array<uint32_t, 16> initial = initialState(key, {0, 0, 0, 0});
  ChaChaState<Lanes> start;
  for (int w = 0; w < 16; ++w)
    for (size_t l = 0; l < kLanes; ++l)
      start.word[w][l] = initial[w];
  for (size_t l = 0; l < kLanes; ++l) {
    uint64_t blockCounter = counter + l;
    start.word[12][l] = static_cast<uint32_t>(blockCounter);
    start.word[13][l] = static_cast<uint32_t>(blockCounter >> 32);
  }
  ChaChaState<Lanes> state = start;
  state.doubleRounds();
  for (int w = 0; w < 16; ++w)
    state.word[w] += start.word[w];
  for (size_t l = 0; l < kLanes; ++l)
    for (int w = 0; w < 16; w += 2)
      buffer[l * 8 + w / 2] =
          uint64_t(state.word[w][l]) | uint64_t(state.word[w + 1][l]) << 32;
  counter += kLanes;
  position = 0;
}

void Csprng::fillUniform(Torus *out, size_t count) {
  for (size_t i = 0; i < count; ++i)
    out[i] = nextU64();
}

void Csprng::fillBinary(uint64_t *out, size_t count) {
  uint64_t word = 0;
  for (size_t i = 0; i < count; ++i) {
    if (i % 64 == 0)
      word = nextU64();
    out[i] = (word >> (i % 64)) & 1;
  }
}

void Csprng::addGaussian(Torus *inOut, size_t count, double stdDev) {
  size_t i = 0;
  while (i < count) {
    double u = nextSignedUnit(), v = nextSignedUnit();
    double square = u * u + v * v;
    if (square >= 1.0 || square == 0.0)
      continue; // outside the unit disc: 21% of the pairs
    double factor = stdDev * std::sqrt(-2.0 * std::log(square) / square);
    inOut[i++] += torusFromReal(u * factor);
    if (i < count)
      inOut[i++] += torusFromReal(v * factor);
  }
}

void Csprng::fillGaussian(Torus *out, size_t count, double stdDev) {
  for (size_t i = 0; i < count; ++i)
    out[i] = 0;
  addGaussian(out, count, stdDev);
}

Torus Csprng::nextGaussian(double stdDev) {
  Torus sample = 0;
  addGaussian(&sample, 1, stdDev);
  return sample;
}

Csprng Csprng::fork() {
  std::array<uint32_t, 8> childKey;
  for (int i = 0; i < 8; i += 2) {
    uint64_t word = nextU64();
    childKey[i] = static_cast<uint32_t>(word);
    childKey[i + 1] = static_cast<uint32_t>(word >> 32);
  }
  return Csprng(childKey);
}

namespace testing {

Csprng seededCsprngForTesting(uint64_t seed) {
  std::array<uint32_t, 8> seedKey = {static_cast<uint32_t>(seed),
                                     static_cast<uint32_t>(seed >> 32)};
  std::array<uint32_t, 16> block = chacha20Block(seedKey, {0, 0, 0, 0});
  std::array<uint32_t, 8> key;
  for (int i = 0; i < 8; ++i)
    key[i] = block[i];
  return Csprng(key);
}

} // namespace testing
} // namespace shade::runtime

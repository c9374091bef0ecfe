//===- Csprng.h - Cryptographically secure random generator ----*- C++ -*-===//
//
// ChaCha20 (RFC 8439 block function) in counter mode, keyed with 32 bytes
// from the kernel's getrandom(). Block i of the stream is the block function
// with a 64-bit counter i in state words 12 (low) and 13 (high) and a zero
// nonce in words 14 and 15; each block gives eight little-endian 64-bit
// words. Secret keys, masks and noise all come from here. A fixed seed is
// available only through shade/runtime/Testing.h.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_CSPRNG_H
#define SHADE_RUNTIME_CSPRNG_H

#include "shade/runtime/Torus.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace shade::runtime {

/// The ChaCha20 block function of RFC 8439: 16 output words from the key and
/// state words 12 to 15 (block counter and nonce).
std::array<uint32_t, 16>
chacha20Block(const std::array<uint32_t, 8> &key,
              const std::array<uint32_t, 4> &counterAndNonce);

class Csprng;
namespace testing {
Csprng seededCsprngForTesting(uint64_t seed);
} // namespace testing

class Csprng {
public:
  /// A generator keyed with 256 bits from getrandom(); throws
  /// std::system_error if the kernel cannot provide them.
  Csprng();

  /// Not copyable, so that two generators never share a stream by accident
  /// (use fork() for an independent one).
  Csprng(const Csprng &) = delete;
  Csprng &operator=(const Csprng &) = delete;
  Csprng(Csprng &&) = default;
  Csprng &operator=(Csprng &&) = default;

  /// A uniformly random 64-bit word.
  uint64_t nextU64() {
    if (position == kBufferWords)
      refill();
    return buffer[position++];
  }

  /// Fills `out[0..count)` with uniform torus elements.
  void fillUniform(Torus *out, size_t count);

  /// Fills `out[0..count)` with uniform bits (0 or 1).
  void fillBinary(uint64_t *out, size_t count);

  /// Fills `out[0..count)` with samples of the rounded Gaussian of standard
  /// deviation `stdDev` (a fraction of the torus) centered at 0, on the
  /// torus: the polar Box-Muller method on pairs of 53-bit uniforms of
  /// [-1, 1), scaled to the torus and rounded to the nearest integer.
  void fillGaussian(Torus *out, size_t count, double stdDev);

  /// Adds (modulo 2^64) rounded Gaussian samples to `inOut[0..count)`.
  void addGaussian(Torus *inOut, size_t count, double stdDev);

  /// One rounded Gaussian sample on the torus.
  Torus nextGaussian(double stdDev);

  /// An independent generator keyed with 256 bits drawn from this one, for
  /// another thread.
  Csprng fork();

private:
  friend Csprng testing::seededCsprngForTesting(uint64_t seed);
  static constexpr size_t kBlocksPerRefill = 8;
  static constexpr size_t kBufferWords = kBlocksPerRefill * 8;

  explicit Csprng(const std::array<uint32_t, 8> &key);
  void refill();
  /// A uniform double in [-1, 1) with 53 random bits.
  double nextSignedUnit() {
    return static_cast<double>(static_cast<int64_t>(nextU64()) >> 11) * 0x1p-52;
  }

  std::array<uint32_t, 8> key;
  uint64_t counter = 0;
  std::array<uint64_t, kBufferWords> buffer;
  size_t position = kBufferWords;
};

} // namespace shade::runtime

#endif // SHADE_RUNTIME_CSPRNG_H

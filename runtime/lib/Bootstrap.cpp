//===- Bootstrap.cpp - Programmable bootstrapping -------------------------===//

#include "shade/runtime/Bootstrap.h"
#include "KeyGenerationThreads.h"
#include "shade/runtime/Decomposition.h"
#include "shade/runtime/Ggsw.h"
#include "shade/runtime/Polynomial.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace shade::runtime {
namespace {

unsigned log2Exact(uint32_t value) {
  unsigned log = 0;
  while ((uint32_t(1) << log) < value)
    ++log;
  return log;
}

/// The Fourier key is streamed from memory once per bootstrap (64 KiB per
/// CMUX for the 4-bit set): left to the multiply-accumulate, its loads stall
/// it for longer than its arithmetic. Instead, the loops of each CMUX ask for
/// the next GGSW a few cache lines per block of work, so that the memory
/// system works during the whole CMUX and the next multiply-accumulate finds
/// its rows in the cache.
class KeyPrefetcher {
public:
  /// Elements per block of the loops below.
  static constexpr size_t kBlock = 64;

  KeyPrefetcher(size_t ggswDoubles, size_t blocksPerCmux)
      : bytes(ggswDoubles * sizeof(double)),
        linesPerBlock((bytes / 64 + blocksPerCmux - 1) / blocksPerCmux) {}

  /// Starts streaming `ggsw` (nullptr: nothing left to stream).
  void target(const double *ggsw) {
    next = reinterpret_cast<const char *>(ggsw);
    end = ggsw ? next + bytes : next;
  }

  /// Called once per block of work.
  void block() {
    for (size_t i = 0; i < linesPerBlock && next < end; ++i, next += 64)
      __builtin_prefetch(next, 0, 3);
  }

private:
  size_t bytes;
  size_t linesPerBlock;
  const char *next = nullptr;
  const char *end = nullptr;
};

/// The rotation X^power (power in (0, 2N)) of a polynomial of size n:
/// coefficient t of X^power * p is (p[t - shift] ^ mask) - mask, with
/// t - shift wrapping (and wrapMask) for t < shift, keepMask otherwise.
struct Rotation {
  Rotation(size_t n, uint64_t power)
      : n(n), shift(power >= n ? power - n : power),
        wrapMask(power >= n ? 0 : ~Torus(0)),
        keepMask(power >= n ? ~Torus(0) : 0) {}

  size_t n, shift;
  Torus wrapMask, keepMask;
};

/// digits[i] = the least significant digit of (rotated[i] ^ mask) - mask -
/// p[i], and states[i] its remaining state if KeepStates. One vectorized
/// pass with every intermediate in registers: as separate difference,
/// rounding and digit passes through stack buffers, the digits took about
/// twice as long.
template <bool KeepStates>
inline void differenceDigits(const SignedDecomposer &decomposer,
                             const Torus *rotated, const Torus *p, Torus mask,
                             size_t count, double *digits, uint64_t *states) {
  for (size_t i = 0; i < count; ++i) {
    uint64_t state =
        decomposer.roundedState(((rotated[i] ^ mask) - mask) - p[i]);
    digits[i] = static_cast<double>(decomposer.nextDigit(state));
    if (KeepStates)
      states[i] = state;
  }
}

/// For one polynomial p of the accumulator: the least significant digit
/// polynomial of X^power * p - p into `folded` (N doubles, coefficient t at
/// folded[t]: the low then the high half of NegacyclicFft::forwardFolded),
/// in one pass; with KeepStates, the decomposition states of the higher
/// levels go to `states` (coefficient t at states[t]). Blocks of 2 kBlock
/// coefficients, as counted in blindRotate.
template <bool KeepStates>
void firstFoldedDigits(const SignedDecomposer &decomposer,
                       const Rotation &rotation, const Torus *p, double *folded,
                       uint64_t *states, KeyPrefetcher &prefetcher) {
  size_t n = rotation.n, shift = rotation.shift;
  constexpr size_t kBlock = 2 * KeyPrefetcher::kBlock;
  for (size_t begin = 0; begin < n; begin += kBlock) {
    prefetcher.block();
    size_t end = std::min(begin + kBlock, n);
    size_t split = std::clamp(shift, begin, end);
    if (begin < split)
      differenceDigits<KeepStates>(decomposer, p + begin + n - shift, p + begin,
                                   rotation.wrapMask, split - begin,
                                   folded + begin, states + begin);
    if (split < end)
      differenceDigits<KeepStates>(decomposer, p + split - shift, p + split,
                                   rotation.keepMask, end - split,
                                   folded + split, states + split);
  }
}

/// The next digit polynomial from `states`, folded.
void nextFoldedDigits(const SignedDecomposer &decomposer, uint64_t *states,
                      size_t n, double *folded, KeyPrefetcher &prefetcher) {
  constexpr size_t kBlock = 2 * KeyPrefetcher::kBlock;
  for (size_t begin = 0; begin < n; begin += kBlock) {
    prefetcher.block();
    size_t end = std::min(begin + kBlock, n);
    for (size_t t = begin; t < end; ++t)
      folded[t] = static_cast<double>(decomposer.nextDigit(states[t]));
  }
}

/// product (=, or += unless First) digit * g, pointwise on `doubles`
/// doubles of Fourier polynomials in blocks of Block values (Fft.h): the
/// loops over a block's lanes vectorize without shuffles, and without
/// run-time overlap checks since the product has its own array.
template <size_t Block, bool First>
inline void multiplyAccumulate(const double *digit, const double *g,
                               double *__restrict product, size_t doubles) {
  for (size_t chunk = 0; chunk < doubles; chunk += 2 * Block)
    for (size_t l = 0; l < Block; ++l) {
      size_t r = chunk + l, i = chunk + Block + l;
      double re = digit[r] * g[r] - digit[i] * g[i];
      double im = digit[r] * g[i] + digit[i] * g[r];
      product[r] = First ? re : product[r] + re;
      product[i] = First ? im : product[i] + im;
    }
}

/// product (=, or += unless First) d0 * g0 + d1 * g1, likewise: one pass
/// over the product per two rows rather than per row.
template <size_t Block, bool First>
inline void multiplyAccumulatePair(const double *d0, const double *g0,
                                   const double *d1, const double *g1,
                                   double *__restrict product, size_t doubles) {
  for (size_t chunk = 0; chunk < doubles; chunk += 2 * Block)
    for (size_t l = 0; l < Block; ++l) {
      size_t r = chunk + l, i = chunk + Block + l;
      double re = d0[r] * g0[r] - d0[i] * g0[i] + d1[r] * g1[r] - d1[i] * g1[i];
      double im = d0[r] * g0[i] + d0[i] * g0[r] + d1[r] * g1[i] + d1[i] * g1[r];
      product[r] = First ? re : product[r] + re;
      product[i] = First ? im : product[i] + im;
    }
}

/// The external product in the Fourier domain, for the doubles [begin, end)
/// of every column: product_c = sum over rows r of digits_r * ggsw_(r, c).
/// The key is read in one pass per CMUX and each output block stays in the
/// L1 cache while the rows accumulate into it.
template <size_t Block>
void externalProductBlock(const double *digits, const double *ggsw,
                          double *product, uint32_t rows, uint32_t columns,
                          size_t n, size_t begin, size_t end,
                          KeyPrefetcher &prefetcher) {
  auto row = [&](uint32_t r, uint32_t c) {
    return ggsw + (size_t(r) * columns + c) * n + begin;
  };
  size_t doubles = end - begin;
  for (uint32_t c = 0; c < columns; ++c) {
    prefetcher.block();
    double *out = product + c * n + begin;
    uint32_t r = 0;
    for (; r + 1 < rows; r += 2) {
      const double *d0 = digits + r * n + begin, *d1 = d0 + n;
      if (r == 0)
        multiplyAccumulatePair<Block, true>(d0, row(r, c), d1, row(r + 1, c),
                                            out, doubles);
      else
        multiplyAccumulatePair<Block, false>(d0, row(r, c), d1, row(r + 1, c),
                                             out, doubles);
    }
    if (r < rows) {
      if (r == 0)
        multiplyAccumulate<Block, true>(digits + begin, row(0, c), out,
                                        doubles);
      else
        multiplyAccumulate<Block, false>(digits + r * n + begin, row(r, c), out,
                                         doubles);
    }
  }
}

} // namespace

size_t FourierBootstrapKey::ggswSize() const {
  size_t columns = glweDimension + 1;
  return columns * columns * decomposition.level * polynomialSize;
}

FourierBootstrapKey generateBootstrapKey(const LweSecretKey &lweKey,
                                         const GlweSecretKey &glweKey,
                                         DecompositionParams decomposition,
                                         double noiseStdDev, Csprng &rng,
                                         unsigned threads) {
  decomposition.validate("pbs");
  FourierBootstrapKey key;
  key.inputLweDimension = static_cast<uint32_t>(lweKey.dimension());
  key.glweDimension = glweKey.glweDimension;
  key.polynomialSize = glweKey.polynomialSize;
  key.decomposition = decomposition;
  key.data.resize(key.inputLweDimension * key.ggswSize());
  const NegacyclicFft &fft = NegacyclicFft::forSize(key.polynomialSize);
  size_t polynomials = key.ggswSize() / key.polynomialSize;
  detail::generateInParallel(
      key.inputLweDimension, threads, rng,
      [&](size_t begin, size_t end, Csprng &generator) {
        for (size_t g = begin; g < end; ++g) {
          GgswCiphertext ggsw =
              encryptConstantGgsw(glweKey, static_cast<int64_t>(lweKey.bits[g]),
                                  decomposition, noiseStdDev, generator);
          double *fourier = key.data.data() + g * key.ggswSize();
          for (size_t p = 0; p < polynomials; ++p)
            fft.forwardTorus(ggsw.data.data() + p * key.polynomialSize,
                             fourier + p * key.polynomialSize);
        }
      });
  return key;
}

BootstrapWorkspace::BootstrapWorkspace(const FourierBootstrapKey &key)
    : fft(&NegacyclicFft::forSize(key.polynomialSize)),
      accumulator(key.glweDimension, key.polynomialSize),
      states(key.polynomialSize), folded(key.polynomialSize),
      fourierDigits(size_t(key.glweDimension + 1) * key.decomposition.level *
                    key.polynomialSize),
      fourierProduct(size_t(key.glweDimension + 1) * key.polynomialSize) {}

void blindRotate(const FourierBootstrapKey &key, const LookupTable &lut,
                 const Torus *input, GlweCiphertext &accumulator,
                 BootstrapWorkspace &workspace) {
  size_t n = key.polynomialSize;
  uint32_t columns = key.glweDimension + 1;
  uint32_t levels = key.decomposition.level;
  if (lut.polynomial.size() != n)
    throw std::invalid_argument(
        "blindRotate: lookup table of " +
        std::to_string(lut.polynomial.size()) +
        " coefficients for a bootstrap key of polynomial size " +
        std::to_string(n));
  unsigned logTwoN = log2Exact(key.polynomialSize) + 1;
  const NegacyclicFft &fft = *workspace.fft;
  SignedDecomposer decomposer(key.decomposition);
  uint32_t rows = columns * levels;
  // Blocks of work per CMUX: the digits (rows * N/2 coefficient pairs) and
  // the external product (columns * N/2 complex values).
  size_t blocks = std::max<size_t>(1, (rows * (n / 2) + columns * (n / 2)) /
                                          KeyPrefetcher::kBlock);
  KeyPrefetcher prefetcher(key.ggswSize(), blocks);
  // Blocks of 8 values but for N = 8 (Fft.h).
  auto *externalProduct = fourierBlock(key.polynomialSize) == 8
                              ? &externalProductBlock<8>
                              : &externalProductBlock<fourierBlock(8)>;

  accumulator.glweDimension = key.glweDimension;
  accumulator.polynomialSize = key.polynomialSize;
  accumulator.data.assign(size_t(columns) * n, 0);
  uint64_t body = modulusSwitch(input[key.inputLweDimension], logTwoN);
  negacyclicRotate(lut.polynomial.data(), key.polynomialSize,
                   (2 * n - body) % (2 * n), accumulator.body());

  uint64_t *states = workspace.states.data();
  double *folded = workspace.folded.data();
  double *fourierDigits = workspace.fourierDigits.data();
  double *product = workspace.fourierProduct.data();
  for (uint32_t g = 0; g < key.inputLweDimension; ++g) {
    uint64_t power = modulusSwitch(input[g], logTwoN);
    if (power == 0)
      continue;
    // CMUX: acc += GGSW(s_g) [x] (X^power acc - acc). Digit row
    // r = c * levels + j (j = 0 most significant) as in the GGSW layout.
    const double *ggsw = key.ggsw(g);
    prefetcher.target(g + 1 < key.inputLweDimension ? key.ggsw(g + 1)
                                                    : nullptr);
    Rotation rotation(n, power);
    for (uint32_t c = 0; c < columns; ++c) {
      // Digits come least significant first: row r = c * levels + j.
      for (uint32_t j = levels; j-- > 0;) {
        if (j != levels - 1)
          nextFoldedDigits(decomposer, states, n, folded, prefetcher);
        else if (levels > 1)
          firstFoldedDigits</*KeepStates=*/true>(decomposer, rotation,
                                                 accumulator.polynomial(c),
                                                 folded, states, prefetcher);
        else
          firstFoldedDigits</*KeepStates=*/false>(decomposer, rotation,
                                                  accumulator.polynomial(c),
                                                  folded, states, prefetcher);
        fft.forwardFolded(folded, folded + n / 2,
                          fourierDigits + (c * levels + j) * n);
      }
    }
    for (size_t begin = 0; begin < n; begin += 2 * KeyPrefetcher::kBlock)
      externalProduct(fourierDigits, ggsw, product, rows, columns, n, begin,
                      std::min(begin + 2 * KeyPrefetcher::kBlock, n),
                      prefetcher);
    for (uint32_t c = 0; c < columns; ++c)
      fft.backwardAddTorus(product + c * n, accumulator.polynomial(c));
  }
}

void bootstrap(const FourierBootstrapKey &key, const LookupTable &lut,
               const Torus *input, Torus *out, BootstrapWorkspace &workspace) {
  blindRotate(key, lut, input, workspace.accumulator, workspace);
  sampleExtract(workspace.accumulator.data.data(), key.glweDimension,
                key.polynomialSize, 0, out);
}

} // namespace shade::runtime

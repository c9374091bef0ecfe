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

/// The rotation X^power (power in (0, 2N)) of a polynomial of size n as a
/// sign mask per segment: coefficient t of X^power * p is
/// (p[t - shift] ^ mask) - mask, where t - shift wraps for t < shift.
struct Rotation {
  Rotation(size_t n, uint64_t power)
      : n(n), shift(power >= n ? power - n : power),
        wrapMask(power >= n ? 0 : ~Torus(0)),
        keepMask(power >= n ? ~Torus(0) : 0) {}

  /// out[i] = (X^power * p - p)[begin + i] for i < count.
  void difference(const Torus *p, size_t begin, size_t count,
                  Torus *out) const {
    size_t end = begin + count;
    size_t split = shift < begin ? begin : shift > end ? end : shift;
    for (size_t t = begin; t < split; ++t)
      out[t - begin] = ((p[t + n - shift] ^ wrapMask) - wrapMask) - p[t];
    for (size_t t = split; t < end; ++t)
      out[t - begin] = ((p[t - shift] ^ keepMask) - keepMask) - p[t];
  }

  size_t n, shift;
  Torus wrapMask, keepMask;
};

/// Writes the digits taken from the states low[j] (coefficient j) and
/// high[j] (coefficient j + N/2), j in [begin, begin + count), as the folded
/// polynomial of NegacyclicFft::forwardFolded (lowDigits[j], highDigits[j]),
/// and keeps the remaining states.
inline void foldedDigits(const SignedDecomposer &decomposer, uint64_t *low,
                         uint64_t *high, size_t count, double *lowDigits,
                         double *highDigits) {
  for (size_t j = 0; j < count; ++j) {
    lowDigits[j] = static_cast<double>(decomposer.nextDigit(low[j]));
    highDigits[j] = static_cast<double>(decomposer.nextDigit(high[j]));
  }
}

/// For one polynomial p of the accumulator: the least significant digit
/// polynomial of X^power * p - p, folded into `folded` (N doubles: low
/// half, then high half), in one pass; the decomposition states of the
/// higher levels go to `states` (coefficient t at states[t]).
void firstFoldedDigits(const SignedDecomposer &decomposer,
                       const Rotation &rotation, const Torus *p, double *folded,
                       uint64_t *states, KeyPrefetcher &prefetcher) {
  size_t half = rotation.n / 2;
  constexpr size_t kBlock = KeyPrefetcher::kBlock;
  uint64_t low[kBlock], high[kBlock];
  for (size_t begin = 0; begin < half; begin += kBlock) {
    prefetcher.block();
    size_t count = std::min(kBlock, half - begin);
    rotation.difference(p, begin, count, low);
    rotation.difference(p, begin + half, count, high);
    for (size_t j = 0; j < count; ++j) {
      low[j] = decomposer.roundedState(low[j]);
      high[j] = decomposer.roundedState(high[j]);
    }
    foldedDigits(decomposer, low, high, count, folded + begin,
                 folded + half + begin);
    if (decomposer.levelCount() > 1)
      for (size_t j = 0; j < count; ++j) {
        states[begin + j] = low[j];
        states[begin + half + j] = high[j];
      }
  }
}

/// The next digit polynomial from `states`, folded.
void nextFoldedDigits(const SignedDecomposer &decomposer, uint64_t *states,
                      size_t n, double *folded, KeyPrefetcher &prefetcher) {
  size_t half = n / 2;
  for (size_t begin = 0; begin < half; begin += KeyPrefetcher::kBlock) {
    prefetcher.block();
    size_t count = std::min(KeyPrefetcher::kBlock, half - begin);
    foldedDigits(decomposer, states + begin, states + half + begin, count,
                 folded + begin, folded + half + begin);
  }
}

/// product (=, or += unless First) digit * g, pointwise on `doubles`
/// doubles of Fourier polynomials.
template <bool First>
inline void multiplyAccumulate(const double *digit, const double *g,
                               double *product, size_t doubles) {
  for (size_t f = 0; f < doubles; f += 2) {
    double dr = digit[f], di = digit[f + 1];
    double gr = g[f], gi = g[f + 1];
    double re = dr * gr - di * gi, im = dr * gi + di * gr;
    if (First) {
      product[f] = re;
      product[f + 1] = im;
    } else {
      product[f] += re;
      product[f + 1] += im;
    }
  }
}

/// The external product in the Fourier domain, for the doubles [begin, end)
/// of every column: product_c = sum over rows r of digits_r * ggsw_(r, c).
/// The key is read in one pass per CMUX and each output block stays in the
/// L1 cache while the rows accumulate into it.
void externalProductBlock(const double *digits, const double *ggsw,
                          double *product, uint32_t rows, uint32_t columns,
                          size_t n, size_t begin, size_t end,
                          KeyPrefetcher &prefetcher) {
  for (uint32_t c = 0; c < columns; ++c) {
    prefetcher.block();
    multiplyAccumulate<true>(digits + begin, ggsw + c * n + begin,
                             product + c * n + begin, end - begin);
    for (uint32_t r = 1; r < rows; ++r)
      multiplyAccumulate<false>(digits + r * n + begin,
                                ggsw + (size_t(r) * columns + c) * n + begin,
                                product + c * n + begin, end - begin);
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
        if (j == levels - 1)
          firstFoldedDigits(decomposer, rotation, accumulator.polynomial(c),
                            folded, states, prefetcher);
        else
          nextFoldedDigits(decomposer, states, n, folded, prefetcher);
        fft.forwardFolded(folded, folded + n / 2,
                          fourierDigits + (c * levels + j) * n);
      }
    }
    for (size_t begin = 0; begin < n; begin += 2 * KeyPrefetcher::kBlock)
      externalProductBlock(
          fourierDigits, ggsw, product, rows, columns, n, begin,
          std::min(begin + 2 * KeyPrefetcher::kBlock, n), prefetcher);
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

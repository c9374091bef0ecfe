//===- Encoding.h - Messages, plaintexts and lookup tables ------*- C++ -*-===//
//
// A w-bit message m in [0, 2^w) is encoded as m * Delta with
// Delta = 2^(63 - w): the top bit of the torus stays 0 (the padding bit), so
// every phase lies in [0, 1/2) and the negacyclic bootstrap can evaluate an
// arbitrary function of it.
//
// A signed w-bit message m in [-2^(w-1), 2^(w-1)) is encoded as its w-bit
// two's complement pattern u = m mod 2^w, i.e. (m mod 2^w) * Delta; decoding
// sign-extends the w-bit pattern. A table for a signed input is indexed by
// that pattern: entry u holds f(signExtend(u)); a signed output value v is
// stored as its two's complement pattern in the output width, v mod 2^wOut.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_ENCODING_H
#define SHADE_RUNTIME_ENCODING_H

#include "shade/runtime/Torus.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace shade::runtime {

/// 2^(63 - width); 1 <= width <= 62.
Torus messageDelta(unsigned width);

/// m * Delta for m in [0, 2^width); throws std::invalid_argument otherwise.
Torus encodeMessage(uint64_t message, unsigned width);
/// The closest multiple of Delta to `phase`, divided by Delta, modulo 2^width
/// (the padding bit is dropped).
uint64_t decodeMessage(Torus phase, unsigned width);

/// Two's complement encoding: m in [-2^(width-1), 2^(width-1)); throws
/// std::invalid_argument otherwise.
Torus encodeSignedMessage(int64_t message, unsigned width);
/// Decodes the w-bit pattern and sign-extends it.
int64_t decodeSignedMessage(Torus phase, unsigned width);

/// The table of `f` over signed inputs of `inputWidth` bits with signed
/// outputs of `outputWidth` bits, in the pattern layout above: entry u is
/// f(signExtend(u)) mod 2^outputWidth. Throws std::invalid_argument if some
/// f(x) is out of the signed output range.
std::vector<uint64_t> makeSignedTable(unsigned inputWidth, unsigned outputWidth,
                                      const std::function<int64_t(int64_t)> &f);

/// The test polynomial ("accumulator") of a programmable bootstrap that maps
/// an encryption of m (inputWidth bits) to an encryption of table[m] encoded
/// with the output delta 2^(63 - outputWidth).
struct LookupTable {
  unsigned inputWidth = 0;
  unsigned outputWidth = 0;
  /// N coefficients. Coefficient j (before the half-box rotation below)
  /// holds table[j / (N / 2^inputWidth)] * Delta_out; the polynomial is then
  /// multiplied by X^(-N / 2^(inputWidth+1)) so that each message's box is
  /// centered on it.
  std::vector<Torus> polynomial;

  /// Throws std::invalid_argument unless table has 2^inputWidth entries, each
  /// below 2^outputWidth, and N >= 2^(inputWidth + 1) (at least two
  /// coefficients per box).
  static LookupTable fromTable(uint32_t polynomialSize, unsigned inputWidth,
                               unsigned outputWidth,
                               const std::vector<uint64_t> &table);
};

/// Throws std::invalid_argument unless 1 <= inputWidth <= log2(N) - 1, the
/// input widths a test polynomial of N coefficients can hold (at least two
/// coefficients per box). The message names the width as `argument`.
void checkTableInputWidth(uint32_t polynomialSize, unsigned inputWidth,
                          const char *argument = "input width");

/// Writes the test polynomial of a table of 2^inputWidth already encoded
/// torus entries to polynomial[0, N), N = polynomialSize: with
/// box = N / 2^inputWidth, coefficient j holds the entry of box
/// ((j + box/2) mod N) / box, negated when j + box/2 >= N (the box expansion
/// multiplied by X^(-box/2), as in LookupTable). With `signedInput`, box b
/// holds entries[b xor 2^(inputWidth-1)]: a table indexed by two's
/// complement patterns, for inputs whose padding bit was flipped by adding
/// 2^62. Only N writes, no allocation; the width must pass
/// checkTableInputWidth (not checked here).
void expandTable(const Torus *entries, unsigned inputWidth, bool signedInput,
                 uint32_t polynomialSize, Torus *polynomial);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_ENCODING_H

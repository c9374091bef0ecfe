//===- EncodingTest.cpp - Messages and lookup tables ----------------------===//

#include "shade/runtime/Encoding.h"

#include "gtest/gtest.h"

using namespace shade::runtime;

TEST(Encoding, UnsignedMessages) {
  EXPECT_EQ(messageDelta(4), Torus(1) << 59);
  EXPECT_EQ(encodeMessage(5, 4), Torus(5) << 59);
  EXPECT_EQ(decodeMessage((Torus(5) << 59) + (Torus(1) << 57), 4), 5u);
  EXPECT_EQ(decodeMessage((Torus(5) << 59) - (Torus(1) << 57), 4), 5u);
  EXPECT_EQ(decodeMessage((Torus(1) << 59) - 1, 4), 1u);
  EXPECT_THROW(encodeMessage(16, 4), std::invalid_argument);
  EXPECT_THROW(encodeMessage(0, 63), std::invalid_argument);
}

TEST(Encoding, SignedMessagesAreTwosComplementPatterns) {
  // -3 in 4 bits is the pattern 1101 = 13, times 2^59.
  EXPECT_EQ(encodeSignedMessage(-3, 4), Torus(13) << 59);
  EXPECT_EQ(encodeSignedMessage(7, 4), Torus(7) << 59);
  EXPECT_EQ(encodeSignedMessage(-8, 4), Torus(8) << 59);
  for (int64_t m = -8; m < 8; ++m)
    EXPECT_EQ(decodeSignedMessage(encodeSignedMessage(m, 4), 4), m);
  EXPECT_THROW(encodeSignedMessage(8, 4), std::invalid_argument);
  EXPECT_THROW(encodeSignedMessage(-9, 4), std::invalid_argument);
}

TEST(Encoding, SignedTableIsIndexedByPattern) {
  std::vector<uint64_t> table =
      makeSignedTable(2, 3, [](int64_t x) { return 2 * x; });
  // Patterns 0, 1, 2, 3 are 0, 1, -2, -1; doubled: 0, 2, -4, -2 in 3 bits.
  EXPECT_EQ(table, (std::vector<uint64_t>{0, 2, 4, 6}));
  EXPECT_THROW(makeSignedTable(2, 2, [](int64_t x) { return 2 * x; }),
               std::invalid_argument);
}

TEST(Encoding, LookupTableBoxesAreCentered) {
  // N = 16, 2-bit inputs: boxes of 4 coefficients, rotated by -2.
  LookupTable lut = LookupTable::fromTable(16, 2, 3, {1, 2, 3, 4});
  Torus d = Torus(1) << 60;
  std::vector<Torus> expected = {1 * d, 1 * d, 2 * d, 2 * d, 2 * d, 2 * d,
                                 3 * d, 3 * d, 3 * d, 3 * d, 4 * d, 4 * d,
                                 4 * d, 4 * d, 0 - d, 0 - d};
  EXPECT_EQ(lut.polynomial, expected);
}

TEST(Encoding, LookupTableErrors) {
  EXPECT_THROW(LookupTable::fromTable(16, 2, 2, {0, 1, 2}),
               std::invalid_argument);
  EXPECT_THROW(LookupTable::fromTable(16, 2, 2, {0, 1, 2, 4}),
               std::invalid_argument);
  EXPECT_THROW(LookupTable::fromTable(8, 3, 3, {0, 1, 2, 3, 4, 5, 6, 7}),
               std::invalid_argument);
}

namespace {

/// The test polynomial by the definition, one coefficient at a time:
/// coefficient j reads box ((j + box/2) mod N) / box (xor 2^(w-1) when
/// signed), negated when j + box/2 >= N.
std::vector<Torus> referenceExpansion(const std::vector<Torus> &entries,
                                      unsigned width, bool isSigned,
                                      uint32_t n) {
  size_t box = n >> width;
  std::vector<Torus> polynomial(n);
  for (size_t j = 0; j < n; ++j) {
    size_t shifted = j + box / 2;
    size_t b = (shifted % n) / box;
    if (isSigned)
      b ^= size_t(1) << (width - 1);
    polynomial[j] = shifted >= n ? Torus(0) - entries[b] : entries[b];
  }
  return polynomial;
}

} // namespace

TEST(Encoding, ExpandTableMatchesFromTableAndTheDefinition) {
  for (uint32_t n : {4u, 64u, 512u}) {
    for (unsigned width = 1; (uint32_t(2) << width) <= n; ++width) {
      unsigned outputWidth = width % 3 + 2;
      std::vector<uint64_t> table(size_t(1) << width);
      std::vector<Torus> entries(table.size());
      for (size_t m = 0; m < table.size(); ++m) {
        table[m] = (m * 5 + 3) % (uint64_t(1) << outputWidth);
        entries[m] = table[m] * messageDelta(outputWidth);
      }
      std::vector<Torus> expanded(n, 0xdead);
      expandTable(entries.data(), width, false, n, expanded.data());
      EXPECT_EQ(expanded,
                LookupTable::fromTable(n, width, outputWidth, table).polynomial)
          << "N = " << n << ", width " << width;
      EXPECT_EQ(expanded, referenceExpansion(entries, width, false, n));

      // Signed: box b holds the entry of pattern b xor 2^(w-1), which is
      // the unsigned expansion of the table permuted that way.
      std::vector<uint64_t> permuted(table.size());
      for (size_t b = 0; b < table.size(); ++b)
        permuted[b] = table[b ^ (table.size() / 2)];
      expandTable(entries.data(), width, true, n, expanded.data());
      EXPECT_EQ(
          expanded,
          LookupTable::fromTable(n, width, outputWidth, permuted).polynomial)
          << "N = " << n << ", width " << width << ", signed";
      EXPECT_EQ(expanded, referenceExpansion(entries, width, true, n));
    }
  }
}

TEST(Encoding, TableInputWidthRange) {
  EXPECT_NO_THROW(checkTableInputWidth(512, 1));
  EXPECT_NO_THROW(checkTableInputWidth(512, 8));
  try {
    checkTableInputWidth(512, 9, "input_width");
    FAIL() << "accepted 9-bit inputs for N = 512";
  } catch (const std::invalid_argument &error) {
    EXPECT_STREQ(error.what(),
                 "input_width 9 is outside [1, 8] (a polynomial of size N = "
                 "512 holds tables of at most log2(N) - 1 input bits)");
  }
  EXPECT_THROW(checkTableInputWidth(512, 0), std::invalid_argument);
  EXPECT_THROW(checkTableInputWidth(512, 40), std::invalid_argument);
}

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

#include "compiler/Analysis/BitExtraction.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <numeric>
#include <vector>

using namespace shade::analysis;

TEST(BitExtraction, ChunksAreFewAndBalanced) {
  using Chunks = llvm::SmallVector<int64_t>;
  EXPECT_EQ(planChunks(10, 4), (Chunks{5, 5}));
  EXPECT_EQ(planChunks(10, 2), (Chunks{3, 3, 2, 2}));
  EXPECT_EQ(planChunks(10, 1), (Chunks{2, 2, 2, 2, 2}));
  EXPECT_EQ(planChunks(1, 3), (Chunks{1}));
  EXPECT_EQ(planChunks(7, 9), (Chunks{7}));
  for (unsigned bits = 1; bits <= 40; ++bits)
    for (unsigned width = 1; width <= 9; ++width) {
      Chunks chunks = planChunks(bits, width);
      EXPECT_EQ(std::accumulate(chunks.begin(), chunks.end(), int64_t(0)),
                int64_t(bits));
      for (int64_t chunk : chunks)
        EXPECT_TRUE(chunk >= 1 && chunk <= int64_t(width) + 1);
      EXPECT_EQ(chunks.size(), (bits + width) / (width + 1));
    }
}

TEST(BitExtraction, StepsOfEachChunk) {
  llvm::SmallVector<ExtractionStep> steps = extractionSteps(16, {5, 1, 4});
  ASSERT_EQ(steps.size(), 5u);
  // Chunk [0, 5): bit 4 onto the padding bit (times 2^12), then bits 0-3.
  EXPECT_EQ(steps[0].lowBit, 0u);
  EXPECT_TRUE(steps[0].readsTopBit);
  EXPECT_EQ(steps[0].lookupWidth, 4u);
  EXPECT_EQ(steps[0].multiplierLog2, 12u);
  EXPECT_EQ(steps[0].previousBootstraps, 0u);
  EXPECT_FALSE(steps[1].readsTopBit);
  EXPECT_EQ(steps[1].lookupWidth, 4u);
  EXPECT_EQ(steps[1].multiplierLog2, 12u);
  EXPECT_EQ(steps[1].previousBootstraps, 1u);
  // Chunk [5, 6): one step, read as 1 bit, bit 5 onto the padding bit.
  EXPECT_EQ(steps[2].lowBit, 5u);
  EXPECT_TRUE(steps[2].readsTopBit);
  EXPECT_EQ(steps[2].lookupWidth, 1u);
  EXPECT_EQ(steps[2].multiplierLog2, 11u);
  // Chunk [6, 10).
  EXPECT_EQ(steps[3].lowBit, 6u);
  EXPECT_EQ(steps[3].lookupWidth, 3u);
  EXPECT_EQ(steps[3].multiplierLog2, 7u);
  EXPECT_EQ(steps[4].previousBootstraps, 4u);
  EXPECT_EQ(chunkBootstraps(1), 1u);
  EXPECT_EQ(chunkBootstraps(5), 2u);
}

namespace {

/// The clearing of docs/lowering.md on noiseless 64-bit torus values, with a
/// bootstrap modelled as what it computes: the phase read as a c-bit message
/// (the nearest multiple of 2^(63 - c), its c + 1 low bits as a box) and the
/// negacyclic table: entry `box` in the first half, the negated entry of
/// `box - 2^c` in the second.
uint64_t bootstrap(uint64_t phase, unsigned width,
                   const std::vector<uint64_t> &table) {
  unsigned shift = 63 - width;
  uint64_t box = ((phase + (uint64_t(1) << (shift - 1))) >> shift) &
                 ((uint64_t(2) << width) - 1);
  uint64_t half = uint64_t(1) << width;
  return box < half ? table[box] : uint64_t(0) - table[box - half];
}

/// x (a `width`-bit value: signed in two's complement, whose padding bit is
/// then the sign's copy, or unsigned) with its low bits cleared by `chunks`,
/// following extractionSteps.
int64_t clearLowBits(int64_t x, unsigned width, bool isSigned,
                     llvm::ArrayRef<int64_t> chunks) {
  auto bit = [&](int b) { return uint64_t(1) << (63 - width + b); };
  uint64_t value = uint64_t(x) << (63 - width);
  for (const ExtractionStep &step : extractionSteps(width, chunks)) {
    uint64_t read = value << step.multiplierLog2;
    std::vector<uint64_t> table(size_t(1) << step.lookupWidth);
    if (step.readsTopBit) {
      uint64_t half = bit(step.lowBit + step.chunkBits - 1) / 2;
      std::fill(table.begin(), table.end(), half);
      value = value - half + bootstrap(read, step.lookupWidth, table);
    } else {
      for (size_t low = 0; low < table.size(); ++low)
        table[low] = low * bit(step.lowBit);
      value -= bootstrap(read, step.lookupWidth, table);
    }
  }
  if (isSigned)
    return int64_t(value) >> (63 - width);
  return int64_t(value >> (63 - width));
}

} // namespace

TEST(BitExtraction, ClearsEveryValueExactly) {
  constexpr unsigned kWidth = 10;
  std::vector<llvm::SmallVector<int64_t>> plans = {
      {1}, {2}, {1, 1, 1}, {3, 3}, {5, 4}, {2, 1, 3}, {9}};
  for (const llvm::SmallVector<int64_t> &chunks : plans) {
    int64_t bits = std::accumulate(chunks.begin(), chunks.end(), int64_t(0));
    for (int64_t x = -(int64_t(1) << (kWidth - 1));
         x < (int64_t(1) << (kWidth - 1)); ++x)
      ASSERT_EQ(clearLowBits(x, kWidth, /*isSigned=*/true, chunks), (x >> bits)
                                                                        << bits)
          << "signed x = " << x << ", " << chunks.size() << " chunks, " << bits
          << " bits";
    for (int64_t x = 0; x < (int64_t(1) << kWidth); ++x)
      ASSERT_EQ(clearLowBits(x, kWidth, /*isSigned=*/false, chunks),
                (x >> bits) << bits)
          << "unsigned x = " << x << ", " << chunks.size() << " chunks, "
          << bits << " bits";
  }
}

TEST(BitExtraction, StepsFromAFirstBit) {
  // Bits [6, 9) of a 12-bit value whose bits below 6 are zero: the same
  // steps as the third chunk of {3, 3, 3}, counted from the op's own start.
  llvm::SmallVector<ExtractionStep> from = extractionSteps(12, {3}, 6);
  llvm::SmallVector<ExtractionStep> whole = extractionSteps(12, {3, 3, 3});
  ASSERT_EQ(from.size(), 2u);
  for (unsigned i = 0; i < 2; ++i) {
    EXPECT_EQ(from[i].lowBit, 6u);
    EXPECT_EQ(from[i].lowBit, whole[4 + i].lowBit);
    EXPECT_EQ(from[i].multiplierLog2, whole[4 + i].multiplierLog2);
    EXPECT_EQ(from[i].lookupWidth, whole[4 + i].lookupWidth);
    EXPECT_EQ(from[i].readsTopBit, whole[4 + i].readsTopBit);
    EXPECT_EQ(from[i].previousBootstraps, i);
  }
}

//===- BitExtraction.h - The bootstraps that clear low bits -----*- C++ -*-===//
//
// `fhelinalg.clear_low_bits` clears the low bits of a W-bit value x from the
// least significant up, one chunk of m bits at a time, with bootstraps whose
// tables read only a few bits (docs/lowering.md, "Clearing low bits"). For a
// chunk of bits [s, s + m), with the bits below s already zero:
//
//  1. x * 2^(W - s - m + 1) moves bit s + m - 1 to the padding bit and the
//     m - 1 bits below it to the top of the message: a bootstrap of width
//     c = max(m - 1, 1) through a constant table v = 2^(s + m - 2) gives +v
//     or -v as that bit is 0 or 1 (the negacyclic rotation negates the
//     second half of the torus), so x - v + result clears it;
//  2. when m >= 2, the same multiple now has a zero padding bit, and a
//     bootstrap of width m - 1 reads the m - 1 low bits l exactly and
//     returns l * 2^s, which is subtracted.
//
// The noise analysis, the parameter selection and the lowering all follow
// this one description.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_ANALYSIS_BITEXTRACTION_H
#define SHADE_COMPILER_ANALYSIS_BITEXTRACTION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace shade::analysis {

/// One bootstrap of the evaluation of clear_low_bits on W-bit values.
struct ExtractionStep {
  /// The chunk's bits: [lowBit, lowBit + chunkBits).
  unsigned lowBit;
  unsigned chunkBits;
  /// Step 1 of the chunk (the bit under the padding, by its sign) or step 2
  /// (the bits below it).
  bool readsTopBit;
  /// The width of the table the bootstrap reads: its input is the value
  /// multiplied by 2^multiplierLog2 and read as a lookupWidth-bit message.
  unsigned lookupWidth;
  unsigned multiplierLog2;
  /// How many bootstrap results the value has absorbed before this step:
  /// each adds one unit of error variance.
  unsigned previousBootstraps;
};

/// The bootstraps, in order, that clear the chunks (bits per step, from bit
/// `firstBit` up; the bits below it are zero) of a `width`-bit value.
llvm::SmallVector<ExtractionStep>
extractionSteps(unsigned width, llvm::ArrayRef<int64_t> chunks,
                unsigned firstBit = 0);

/// The bootstraps per element that clear a chunk of `bits` bits: 1 or 2.
unsigned chunkBootstraps(unsigned bits);

/// The chunks that clear `bits` low bits with tables of at most
/// `lookupWidth` bits: the fewest chunks (of at most lookupWidth + 1 bits),
/// of balanced sizes.
llvm::SmallVector<int64_t> planChunks(unsigned bits, unsigned lookupWidth);

} // namespace shade::analysis

#endif // SHADE_COMPILER_ANALYSIS_BITEXTRACTION_H

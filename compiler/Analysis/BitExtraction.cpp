#include "compiler/Analysis/BitExtraction.h"

#include <algorithm>
#include <cassert>

namespace shade::analysis {

unsigned chunkBootstraps(unsigned bits) { return bits == 1 ? 1 : 2; }

llvm::SmallVector<ExtractionStep>
extractionSteps(unsigned width, llvm::ArrayRef<int64_t> chunks,
                unsigned firstBit) {
  llvm::SmallVector<ExtractionStep> steps;
  unsigned lowBit = firstBit, previous = 0;
  for (int64_t chunk : chunks) {
    unsigned bits = unsigned(chunk);
    assert(bits >= 1 && lowBit + bits < width + 1 && "chunk outside the value");
    unsigned multiplierLog2 = width - lowBit - (bits - 1);
    unsigned lookupWidth = std::max(bits - 1, 1u);
    steps.push_back(
        {lowBit, bits, true, lookupWidth, multiplierLog2, previous++});
    if (bits >= 2)
      steps.push_back(
          {lowBit, bits, false, bits - 1, multiplierLog2, previous++});
    lowBit += bits;
  }
  return steps;
}

llvm::SmallVector<int64_t> planChunks(unsigned bits, unsigned lookupWidth) {
  assert(lookupWidth >= 1 && "tables read at least one bit");
  // As few chunks as tables of lookupWidth bits allow, of balanced sizes:
  // the same bootstraps, on tables as narrow as possible.
  unsigned count = (bits + lookupWidth) / (lookupWidth + 1);
  llvm::SmallVector<int64_t> chunks;
  for (unsigned i = 0; i < count; ++i)
    chunks.push_back(bits / count + (i < bits % count ? 1 : 0));
  return chunks;
}

} // namespace shade::analysis

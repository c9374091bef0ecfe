//===- Encoding.cpp - Messages, plaintexts and lookup tables --------------===//

#include "shade/runtime/Encoding.h"
#include <algorithm>
#include <stdexcept>
#include <string>

namespace shade::runtime {
namespace {

void checkWidth(const char *what, unsigned width) {
  if (width < 1 || width > 62)
    throw std::invalid_argument(std::string(what) + ": width " +
                                std::to_string(width) + " must be in [1, 62]");
}

int64_t signExtend(uint64_t pattern, unsigned width) {
  uint64_t sign = uint64_t(1) << (width - 1);
  return static_cast<int64_t>((pattern ^ sign) - sign);
}

} // namespace

Torus messageDelta(unsigned width) {
  checkWidth("messageDelta", width);
  return Torus(1) << (63 - width);
}

Torus encodeMessage(uint64_t message, unsigned width) {
  checkWidth("encodeMessage", width);
  if (message >> width)
    throw std::invalid_argument("encodeMessage: message " +
                                std::to_string(message) + " does not fit in " +
                                std::to_string(width) + " bits");
  return message * messageDelta(width);
}

uint64_t decodeMessage(Torus phase, unsigned width) {
  checkWidth("decodeMessage", width);
  unsigned shift = 63 - width;
  Torus rounded = phase + (Torus(1) << (shift - 1));
  return (rounded >> shift) & ((uint64_t(1) << width) - 1);
}

Torus encodeSignedMessage(int64_t message, unsigned width) {
  checkWidth("encodeSignedMessage", width);
  int64_t bound = int64_t(1) << (width - 1);
  if (message < -bound || message >= bound)
    throw std::invalid_argument("encodeSignedMessage: message " +
                                std::to_string(message) + " is not a signed " +
                                std::to_string(width) + "-bit integer");
  uint64_t pattern =
      static_cast<uint64_t>(message) & ((uint64_t(1) << width) - 1);
  return pattern * messageDelta(width);
}

int64_t decodeSignedMessage(Torus phase, unsigned width) {
  return signExtend(decodeMessage(phase, width), width);
}

std::vector<uint64_t>
makeSignedTable(unsigned inputWidth, unsigned outputWidth,
                const std::function<int64_t(int64_t)> &f) {
  checkWidth("makeSignedTable", inputWidth);
  checkWidth("makeSignedTable", outputWidth);
  int64_t bound = int64_t(1) << (outputWidth - 1);
  uint64_t outputMask = (uint64_t(1) << outputWidth) - 1;
  std::vector<uint64_t> table(uint64_t(1) << inputWidth);
  for (uint64_t pattern = 0; pattern < table.size(); ++pattern) {
    int64_t input = signExtend(pattern, inputWidth);
    int64_t value = f(input);
    if (value < -bound || value >= bound)
      throw std::invalid_argument(
          "makeSignedTable: f(" + std::to_string(input) +
          ") = " + std::to_string(value) + " is not a signed " +
          std::to_string(outputWidth) + "-bit integer");
    table[pattern] = static_cast<uint64_t>(value) & outputMask;
  }
  return table;
}

void checkTableInputWidth(uint32_t polynomialSize, unsigned inputWidth,
                          const char *argument) {
  if (inputWidth < 1 || inputWidth >= 31 ||
      polynomialSize < (uint32_t(2) << inputWidth)) {
    unsigned maxWidth = 0;
    while (maxWidth < 31 && (uint64_t(4) << maxWidth) <= polynomialSize)
      ++maxWidth;
    throw std::invalid_argument(
        std::string(argument) + " " + std::to_string(inputWidth) +
        " is outside [1, " + std::to_string(maxWidth) +
        "] (a polynomial of size N = " + std::to_string(polynomialSize) +
        " holds tables of at most log2(N) - 1 input bits)");
  }
}

void expandTable(const Torus *entries, unsigned inputWidth, bool signedInput,
                 uint32_t polynomialSize, Torus *polynomial) {
  size_t n = polynomialSize;
  size_t boxes = size_t(1) << inputWidth;
  size_t box = n >> inputWidth;
  size_t half = box / 2;
  size_t flip = signedInput ? boxes / 2 : 0;
  // Coefficient j reads box ((j + half) mod N) / box: the first half box
  // reads box 0, then each box b >= 1 covers [b * box - half, b * box +
  // half), and the last half box wraps around to box 0, negated (X^N = -1).
  Torus first = entries[flip];
  std::fill(polynomial, polynomial + half, first);
  for (size_t b = 1; b < boxes; ++b)
    std::fill(polynomial + b * box - half, polynomial + b * box + half,
              entries[b ^ flip]);
  std::fill(polynomial + n - half, polynomial + n, Torus(0) - first);
}

LookupTable LookupTable::fromTable(uint32_t polynomialSize, unsigned inputWidth,
                                   unsigned outputWidth,
                                   const std::vector<uint64_t> &table) {
  checkWidth("LookupTable", inputWidth);
  checkWidth("LookupTable", outputWidth);
  if (table.size() != (uint64_t(1) << inputWidth))
    throw std::invalid_argument(
        "LookupTable: a table for " + std::to_string(inputWidth) +
        "-bit inputs needs " + std::to_string(uint64_t(1) << inputWidth) +
        " entries, got " + std::to_string(table.size()));
  if (inputWidth >= 31 || polynomialSize < (uint32_t(2) << inputWidth))
    throw std::invalid_argument(
        "LookupTable: polynomial size " + std::to_string(polynomialSize) +
        " is too small for " + std::to_string(inputWidth) +
        "-bit inputs (needs at least 2^(width+1) = " +
        std::to_string(uint64_t(2) << inputWidth) + ")");
  Torus delta = messageDelta(outputWidth);
  std::vector<Torus> entries(table.size());
  for (size_t m = 0; m < table.size(); ++m) {
    if (table[m] >> outputWidth)
      throw std::invalid_argument("LookupTable: entry " + std::to_string(m) +
                                  " = " + std::to_string(table[m]) +
                                  " does not fit in " +
                                  std::to_string(outputWidth) + " bits");
    entries[m] = table[m] * delta;
  }
  LookupTable lut;
  lut.inputWidth = inputWidth;
  lut.outputWidth = outputWidth;
  lut.polynomial.resize(polynomialSize);
  expandTable(entries.data(), inputWidth, /*signedInput=*/false, polynomialSize,
              lut.polynomial.data());
  return lut;
}

} // namespace shade::runtime

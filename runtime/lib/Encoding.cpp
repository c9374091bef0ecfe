//===- Encoding.cpp - Messages, plaintexts and lookup tables --------------===//

#include "shade/runtime/Encoding.h"
#include "shade/runtime/Polynomial.h"

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
  LookupTable lut;
  lut.inputWidth = inputWidth;
  lut.outputWidth = outputWidth;
  Torus delta = messageDelta(outputWidth);
  size_t box = polynomialSize >> inputWidth;
  std::vector<Torus> boxes(polynomialSize);
  for (size_t j = 0; j < polynomialSize; ++j) {
    uint64_t value = table[j / box];
    if (value >> outputWidth)
      throw std::invalid_argument("LookupTable: entry " +
                                  std::to_string(j / box) + " = " +
                                  std::to_string(value) + " does not fit in " +
                                  std::to_string(outputWidth) + " bits");
    boxes[j] = value * delta;
  }
  // X^(-box/2) = X^(2N - box/2): centers box m on phase m * box.
  lut.polynomial.resize(polynomialSize);
  negacyclicRotate(boxes.data(), polynomialSize,
                   2 * uint64_t(polynomialSize) - box / 2,
                   lut.polynomial.data());
  return lut;
}

} // namespace shade::runtime

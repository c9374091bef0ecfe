//===- WideValuesTest.cpp - Encrypted values wider than a table reads -----===//
//
// Values wider than 9 bits, run through the library on real ciphertexts and
// compared exactly with int64 computations written here (numpy semantics):
//
// - levelled ops (add, subtract, negative, multiply by clear integers,
//   matmul, dot, sum) on inputs of every width from 10 to 24 bits, signed
//   and unsigned, declared by dtype (even widths) or by range (odd widths),
//   on random values and the extremes of the range;
// - exact rounding (round_bits, right_shift, floor_divide by 2^lsbs) of
//   inputs of every width from 10 to 16 bits, signed and unsigned, for every
//   lsbs from 1 to width - 1, on the extremes of the range, the values on
//   either side of a random multiple of 2^lsbs (floors) or midpoint between
//   two (round_bits), and random values; each output is a fresh input.
//
// The test data comes from a fixed-seed std::mt19937_64: it is plain test
// data, not cryptographic material.
//
//===----------------------------------------------------------------------===//

#include "shade/Shade.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// Runtime threads of every run.
constexpr unsigned kThreads = 2;

struct Range {
  int64_t lo, hi;
};

Range rangeOf(unsigned width, bool isSigned) {
  if (isSigned)
    return {-(int64_t(1) << (width - 1)), (int64_t(1) << (width - 1)) - 1};
  return {0, (int64_t(1) << width) - 1};
}

/// An encrypted input of `width` bits, declared by dtype for even widths and
/// by range for odd ones.
std::string declareInput(const std::string &name,
                         const std::vector<int64_t> &shape, unsigned width,
                         bool isSigned) {
  std::ostringstream os;
  os << R"({"name": ")" << name << R"(", "shape": [)";
  for (size_t i = 0; i < shape.size(); ++i)
    os << (i ? ", " : "") << shape[i];
  os << "], ";
  if (width % 2 == 0) {
    os << R"("dtype": ")" << (isSigned ? "int" : "uint") << width << '"';
  } else {
    Range range = rangeOf(width, isSigned);
    os << R"("range": [)" << range.lo << ", " << range.hi << "]";
  }
  os << "}";
  return os.str();
}

std::string describe(unsigned width, bool isSigned) {
  return std::string(isSigned ? "int" : "uint") + std::to_string(width) +
         (width % 2 == 0 ? " (dtype)" : " (range)");
}

std::string formatList(const std::vector<int64_t> &values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i)
    text += (i ? ", " : "") + std::to_string(values[i]);
  return text + "]";
}

/// numpy's a // d: the quotient rounded towards minus infinity.
int64_t floorDivide(int64_t a, int64_t d) {
  int64_t q = a / d;
  if (a % d != 0 && ((a < 0) != (d < 0)))
    --q;
  return q;
}

/// numpy's a >> bits on int64: arithmetic, towards minus infinity.
int64_t rightShift(int64_t a, unsigned bits) {
  return floorDivide(a, int64_t(1) << bits);
}

/// ((a + 2^(lsbs-1)) >> lsbs) << lsbs.
int64_t roundBits(int64_t a, unsigned lsbs) {
  return rightShift(a + (int64_t(1) << (lsbs - 1)), lsbs) *
         (int64_t(1) << lsbs);
}

/// A row-major tensor of int64.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<int64_t> elements;

  int64_t &at(int64_t i, int64_t j) { return elements[i * shape[1] + j]; }
  int64_t at(int64_t i, int64_t j) const { return elements[i * shape[1] + j]; }
};

Tensor zeros(std::vector<int64_t> shape) {
  int64_t count = 1;
  for (int64_t extent : shape)
    count *= extent;
  return {std::move(shape), std::vector<int64_t>(count, 0)};
}

/// One input of a run: its name and its value.
shade::Value value(const std::string &name, const Tensor &tensor) {
  return {name, tensor.shape, tensor.elements};
}

/// Compares the results of `program` on `inputs` with `expected` (names,
/// shapes and every element), and checks that every result lies in the range
/// the compiler inferred for it. `what` names the program in failures, and
/// `inputOf(output, element)` describes the input an element comes from.
void checkResults(const std::string &what, const shade::ClientSpec &spec,
                  const shade::Values &results, const shade::Values &expected,
                  const std::function<std::string(size_t, size_t)> &inputOf) {
  ASSERT_EQ(results.size(), expected.size()) << what;
  ASSERT_EQ(spec.outputs.size(), expected.size()) << what;
  for (size_t o = 0; o < expected.size(); ++o) {
    const shade::Value &result = results[o];
    const shade::Value &reference = expected[o];
    const shade::TensorSpec &output = spec.outputs[o];
    EXPECT_EQ(result.name, reference.name) << what;
    EXPECT_EQ(result.shape, reference.shape)
        << what << ", output " << reference.name;
    ASSERT_EQ(result.elements.size(), reference.elements.size())
        << what << ", output " << reference.name;
    unsigned reported = 0;
    for (size_t e = 0; e < reference.elements.size(); ++e) {
      int64_t actual = result.elements[e];
      int64_t wanted = reference.elements[e];
      if (actual != wanted && reported++ < 16)
        ADD_FAILURE() << what << ", output " << reference.name << ", element "
                      << e << " (" << inputOf(o, e) << "): expected " << wanted
                      << ", got " << actual << " (off by " << (actual - wanted)
                      << ")";
      EXPECT_LE(output.min, wanted)
          << what << ", output " << reference.name << ", element " << e
          << ": inferred range [" << output.min << ", " << output.max << "]";
      EXPECT_GE(output.max, wanted)
          << what << ", output " << reference.name << ", element " << e
          << ": inferred range [" << output.min << ", " << output.max << "]";
    }
    if (reported > 16)
      ADD_FAILURE() << what << ", output " << reference.name << ": "
                    << reported - 16 << " more wrong elements";
  }
}

/// Checks that every encrypted input of `spec` has the declared range.
void checkInputRanges(const std::string &what, const shade::ClientSpec &spec,
                      Range range) {
  for (const shade::TensorSpec &input : spec.inputs) {
    if (!input.encrypted)
      continue;
    EXPECT_EQ(input.min, range.lo) << what << ", input " << input.name;
    EXPECT_EQ(input.max, range.hi) << what << ", input " << input.name;
  }
}

struct WidthCase {
  unsigned width;
  bool isSigned;
};

std::string caseName(const testing::TestParamInfo<WidthCase> &info) {
  return std::string(info.param.isSigned ? "Int" : "Uint") +
         std::to_string(info.param.width);
}

std::vector<WidthCase> widths(unsigned from, unsigned to) {
  std::vector<WidthCase> cases;
  for (unsigned width = from; width <= to; ++width)
    for (bool isSigned : {false, true})
      cases.push_back({width, isSigned});
  return cases;
}

//===----------------------------------------------------------------------===//
// Levelled ops
//===----------------------------------------------------------------------===//

// Clear operands of the levelled program.
const std::vector<int64_t> kScale = {3, -5, 7};            // x * c
const int64_t kWeights[3][2] = {{1, -2}, {3, 0}, {-1, 4}}; // x @ w
// Rows of x and y: 16 rather than 8 also makes the program quicker to
// compile (LLVM unrolls the loops on 8 rows).
constexpr int64_t kRows = 16;
const int64_t kLeft[2][kRows] = { // l @ y
    {1, -1, 2, 0, -3, 1, 1, -2, 3, 0, -1, 2, 1, 1, -3, 2},
    {-2, 3, 0, 1, 1, -1, 2, 3, 0, -2, 1, 1, -1, 3, 2, -3}};
const std::vector<int64_t> kVector = {2, -1, 3, 0, -4}; // dot
constexpr int64_t kFactorMin = -4, kFactorMax = 4;      // clear k

std::string levelledGraph(unsigned width, bool isSigned) {
  std::ostringstream os;
  os << R"({"format": "shade-graph", "version": 1, "name": "levelled",
  "inputs": [)"
     << declareInput("x", {kRows, 3}, width, isSigned) << ",\n    "
     << declareInput("y", {kRows, 3}, width, isSigned) << ",\n    "
     << declareInput("z", {5}, width, isSigned) << ",\n    "
     << declareInput("u", {5}, width, isSigned) << ",\n    "
     << R"({"name": "k", "shape": [3], "encrypted": false, "range": [)"
     << kFactorMin << ", " << kFactorMax << R"(]}],
  "nodes": [
    {"name": "c", "op": "constant", "value": [3, -5, 7]},
    {"name": "w", "op": "constant", "value": [[1, -2], [3, 0], [-1, 4]]},
    {"name": "l", "op": "constant",
     "value": [[1, -1, 2, 0, -3, 1, 1, -2, 3, 0, -1, 2, 1, 1, -3, 2],
               [-2, 3, 0, 1, 1, -1, 2, 3, 0, -2, 1, 1, -1, 3, 2, -3]]},
    {"name": "v", "op": "constant", "value": [2, -1, 3, 0, -4]},
    {"name": "add", "op": "add", "args": ["x", "y"]},
    {"name": "subtract", "op": "subtract", "args": ["x", "y"]},
    {"name": "negative", "op": "negative", "args": ["x"]},
    {"name": "scale", "op": "multiply", "args": ["x", "c"]},
    {"name": "factor", "op": "multiply", "args": ["k", "y"]},
    {"name": "matmul", "op": "matmul", "args": ["x", "w"]},
    {"name": "matmul_left", "op": "matmul", "args": ["l", "y"]},
    {"name": "dot_z", "op": "dot", "args": ["z", "v"]},
    {"name": "dot_u", "op": "dot", "args": ["v", "u"]},
    {"name": "sum_0", "op": "sum", "args": ["x"], "axis": 0},
    {"name": "sum_1", "op": "sum", "args": ["y"], "axis": 1, "keepdims": true},
    {"name": "sum_all", "op": "sum", "args": ["x"]},
    {"name": "scaled_minus_y", "op": "subtract", "args": ["scale", "y"]},
    {"name": "chain", "op": "sum", "args": ["scaled_minus_y"], "axis": 1}],
  "outputs": ["add", "subtract", "negative", "scale", "factor", "matmul",
              "matmul_left", "dot_z", "dot_u", "sum_0", "sum_1", "sum_all",
              "chain"]})";
  return os.str();
}

/// The inputs that element `e` of output `o` (in the order of the graph's
/// outputs) is computed from.
std::string levelledInputsOf(size_t o, size_t e, const Tensor &x,
                             const Tensor &y, const Tensor &z, const Tensor &u,
                             const Tensor &k) {
  auto row = [](const Tensor &t, int64_t i) {
    return formatList(
        std::vector<int64_t>(t.elements.begin() + i * t.shape[1],
                             t.elements.begin() + (i + 1) * t.shape[1]));
  };
  auto column = [](const Tensor &t, int64_t j) {
    std::vector<int64_t> values;
    for (int64_t i = 0; i < t.shape[0]; ++i)
      values.push_back(t.at(i, j));
    return formatList(values);
  };
  const int64_t i = int64_t(e) / 3, j = int64_t(e) % 3;
  switch (o) {
  case 0: // add
  case 1: // subtract
  case 2: // negative
  case 3: // scale
  case 4: // factor
    return "x = " + std::to_string(x.at(i, j)) +
           ", y = " + std::to_string(y.at(i, j)) +
           ", k = " + std::to_string(k.elements[j]);
  case 5: // matmul
    return "row of x = " + row(x, int64_t(e) / 2);
  case 6: // matmul_left
    return "column of y = " + column(y, int64_t(e) % 3);
  case 7: // dot_z
    return "z = " + formatList(z.elements);
  case 8: // dot_u
    return "u = " + formatList(u.elements);
  case 9: // sum_0
    return "column of x = " + column(x, int64_t(e));
  case 10: // sum_1
    return "row of y = " + row(y, int64_t(e));
  case 11: // sum_all
    return "x = " + formatList(x.elements);
  default: // chain
    return "row of x = " + row(x, int64_t(e)) +
           ", row of y = " + row(y, int64_t(e));
  }
}

class LevelledOps : public testing::TestWithParam<WidthCase> {};

TEST_P(LevelledOps, ExactOnRandomAndExtremeValues) {
  const unsigned width = GetParam().width;
  const bool isSigned = GetParam().isSigned;
  const Range range = rangeOf(width, isSigned);
  const int64_t lo = range.lo, hi = range.hi;
  std::mt19937_64 generator(0x5eed0000u + width * 2 + isSigned);
  std::uniform_int_distribution<int64_t> draw(lo, hi);

  // x and y: rows of extremes that reach the ends of the ranges of the sums,
  // differences, products and matmuls, then random rows.
  Tensor x = zeros({kRows, 3}), y = zeros({kRows, 3});
  const int64_t xRows[6][3] = {{lo, lo, lo}, {hi, hi, hi}, {hi, hi, lo},
                               {lo, lo, hi}, {hi, lo, hi}, {lo, hi, lo}};
  const int64_t yRows[4][3] = {
      {lo, lo, lo}, {hi, hi, hi}, {lo, lo, hi}, {hi, hi, lo}};
  for (int64_t i = 0; i < kRows; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      x.at(i, j) = i < 6 ? xRows[i][j] : draw(generator);
      y.at(i, j) = i < 4 ? yRows[i][j] : draw(generator);
    }
  // Swap in a few more extremes among y's random rows.
  y.at(5, 0) = hi;
  y.at(6, 2) = lo;
  // z reaches the largest dot with v, u the smallest.
  Tensor z{{5}, {hi, lo, hi, draw(generator), lo}};
  Tensor u{{5}, {lo, hi, lo, draw(generator), hi}};
  Tensor k{{3}, {kFactorMin, kFactorMax, 3}};

  // The reference, on int64.
  Tensor add = zeros({kRows, 3}), subtract = zeros({kRows, 3}),
         negative = zeros({kRows, 3}), scale = zeros({kRows, 3}),
         factor = zeros({kRows, 3}), matmul = zeros({kRows, 2}),
         matmulLeft = zeros({2, 3}), sum0 = zeros({3}),
         sum1 = zeros({kRows, 1}), sumAll = zeros({}), chain = zeros({kRows});
  for (int64_t i = 0; i < kRows; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      add.at(i, j) = x.at(i, j) + y.at(i, j);
      subtract.at(i, j) = x.at(i, j) - y.at(i, j);
      negative.at(i, j) = -x.at(i, j);
      scale.at(i, j) = x.at(i, j) * kScale[j];
      factor.at(i, j) = k.elements[j] * y.at(i, j);
      for (int64_t n = 0; n < 2; ++n)
        matmul.at(i, n) += x.at(i, j) * kWeights[j][n];
      for (int64_t m = 0; m < 2; ++m)
        matmulLeft.at(m, j) += kLeft[m][i] * y.at(i, j);
      sum0.elements[j] += x.at(i, j);
      sum1.at(i, 0) += y.at(i, j);
      sumAll.elements[0] += x.at(i, j);
      chain.elements[i] += x.at(i, j) * kScale[j] - y.at(i, j);
    }
  Tensor dotZ = zeros({}), dotU = zeros({});
  for (int64_t i = 0; i < 5; ++i) {
    dotZ.elements[0] += z.elements[i] * kVector[i];
    dotU.elements[0] += kVector[i] * u.elements[i];
  }

  const std::string what = "levelled program on " + describe(width, isSigned);
  SCOPED_TRACE(what);
  shade::Program program = shade::Program::compileSource(
      levelledGraph(width, isSigned), "levelled.json");
  checkInputRanges(what, program.spec(), range);
  const shade::Values inputs = {value("x", x), value("y", y), value("z", z),
                                value("u", u), value("k", k)};
  shade::ExecuteOptions options;
  options.threads = kThreads;
  shade::Values results = program.run(inputs, options);

  const shade::Values expected = {value("add", add),
                                  value("subtract", subtract),
                                  value("negative", negative),
                                  value("scale", scale),
                                  value("factor", factor),
                                  value("matmul", matmul),
                                  value("matmul_left", matmulLeft),
                                  value("dot_z", dotZ),
                                  value("dot_u", dotU),
                                  value("sum_0", sum0),
                                  value("sum_1", sum1),
                                  value("sum_all", sumAll),
                                  value("chain", chain)};
  checkResults(what, program.spec(), results, expected,
               [&](size_t output, size_t element) {
                 return levelledInputsOf(output, element, x, y, z, u, k);
               });
}

INSTANTIATE_TEST_SUITE_P(WideValues, LevelledOps,
                         testing::ValuesIn(widths(10, 24)), caseName);

//===----------------------------------------------------------------------===//
// Exact rounding
//===----------------------------------------------------------------------===//

/// The rounding ops, each on its own input so that every op sees values
/// chosen around its own boundaries.
enum class Rounding { RoundBits, RightShift, FloorDivide };
const Rounding kRoundings[] = {Rounding::RoundBits, Rounding::RightShift,
                               Rounding::FloorDivide};

std::string nodeName(Rounding rounding, unsigned lsbs) {
  switch (rounding) {
  case Rounding::RoundBits:
    return "round_bits_" + std::to_string(lsbs);
  case Rounding::RightShift:
    return "right_shift_" + std::to_string(lsbs);
  case Rounding::FloorDivide:
    return "floor_divide_" + std::to_string(lsbs);
  }
  return "";
}

int64_t reference(Rounding rounding, int64_t a, unsigned lsbs) {
  switch (rounding) {
  case Rounding::RoundBits:
    return roundBits(a, lsbs);
  case Rounding::RightShift:
    return rightShift(a, lsbs);
  case Rounding::FloorDivide:
    return floorDivide(a, int64_t(1) << lsbs);
  }
  return 0;
}

/// Elements rounded per output. The bootstraps of a run (lsbs of them per
/// element) and its compilation time grow with it: 6 keeps the 14 programs
/// at a few minutes of two cores.
constexpr size_t kRoundingElements = 6;

/// A uniform multiple q of 2^lsbs plus `offset` such that q + offset + d
/// lies in `range` for every d in [-1, 1].
int64_t drawAround(std::mt19937_64 &generator, Range range, unsigned lsbs,
                   int64_t offset) {
  const int64_t step = int64_t(1) << lsbs;
  const int64_t first = -floorDivide(-(range.lo + 1 - offset), step);
  const int64_t last = floorDivide(range.hi - 1 - offset, step);
  std::uniform_int_distribution<int64_t> draw(first, last);
  return draw(generator) * step + offset;
}

/// The extremes of the range, the two values on either side of a boundary
/// where the result steps (a midpoint, a multiple of 2^lsbs plus 2^(lsbs-1),
/// for round_bits; a multiple of 2^lsbs for the floors), a value where the
/// other ops step, and a random value.
std::vector<int64_t> roundingElements(std::mt19937_64 &generator, Range range,
                                      unsigned lsbs, Rounding rounding) {
  const int64_t half = int64_t(1) << (lsbs - 1);
  const int64_t multiple = drawAround(generator, range, lsbs, 0);
  const int64_t midpoint = drawAround(generator, range, lsbs, half);
  std::uniform_int_distribution<int64_t> draw(range.lo, range.hi);
  std::vector<int64_t> elements = {range.lo, range.hi};
  if (rounding == Rounding::RoundBits)
    elements.insert(elements.end(), {midpoint - 1, midpoint, multiple});
  else
    elements.insert(elements.end(), {multiple - 1, multiple, midpoint});
  elements.push_back(draw(generator));
  EXPECT_EQ(elements.size(), kRoundingElements);
  return elements;
}

std::string roundingGraph(unsigned width, bool isSigned) {
  std::ostringstream inputs, nodes, outputs;
  for (unsigned lsbs = 1; lsbs < width; ++lsbs)
    for (Rounding rounding : kRoundings) {
      const std::string name = nodeName(rounding, lsbs);
      const bool first = lsbs == 1 && rounding == Rounding::RoundBits;
      const char *separator = first ? "" : ",\n    ";
      inputs << separator
             << declareInput(name + "_in", {int64_t(kRoundingElements)}, width,
                             isSigned);
      nodes << separator << R"({"name": ")" << name << R"(", "args": [")"
            << name << R"(_in"], )";
      switch (rounding) {
      case Rounding::RoundBits:
        nodes << R"("op": "round_bits", "lsbs": )" << lsbs << "}";
        break;
      case Rounding::RightShift:
        nodes << R"("op": "right_shift", "bits": )" << lsbs << "}";
        break;
      case Rounding::FloorDivide:
        nodes << R"("op": "floor_divide", "divisor": )" << (int64_t(1) << lsbs)
              << "}";
        break;
      }
      outputs << (first ? "" : ", ") << '"' << name << '"';
    }
  return R"({"format": "shade-graph", "version": 1, "name": "rounding",
  "inputs": [)" +
         inputs.str() + "],\n  \"nodes\": [" + nodes.str() +
         "],\n  \"outputs\": [" + outputs.str() + "]}";
}

class ExactRounding : public testing::TestWithParam<WidthCase> {};

TEST_P(ExactRounding, EveryLsbs) {
  const unsigned width = GetParam().width;
  const bool isSigned = GetParam().isSigned;
  const Range range = rangeOf(width, isSigned);
  std::mt19937_64 generator(0x20c0d000u + width * 2 + isSigned);

  shade::Values inputs, expected;
  for (unsigned lsbs = 1; lsbs < width; ++lsbs)
    for (Rounding rounding : kRoundings) {
      const std::string name = nodeName(rounding, lsbs);
      std::vector<int64_t> elements =
          roundingElements(generator, range, lsbs, rounding);
      std::vector<int64_t> results;
      for (int64_t element : elements)
        results.push_back(reference(rounding, element, lsbs));
      inputs.push_back({name + "_in", {int64_t(kRoundingElements)}, elements});
      expected.push_back({name, {int64_t(kRoundingElements)}, results});
    }

  const std::string what = "rounding program on " + describe(width, isSigned);
  SCOPED_TRACE(what);
  shade::Program program = shade::Program::compileSource(
      roundingGraph(width, isSigned), "rounding.json");
  checkInputRanges(what, program.spec(), range);
  shade::ExecuteOptions options;
  options.threads = kThreads;
  shade::Values results = program.run(inputs, options);
  checkResults(what, program.spec(), results, expected,
               [&](size_t output, size_t element) {
                 return "input " + inputs[output].name + " = " +
                        std::to_string(inputs[output].elements[element]);
               });
}

INSTANTIATE_TEST_SUITE_P(WideValues, ExactRounding,
                         testing::ValuesIn(widths(10, 16)), caseName);

} // namespace

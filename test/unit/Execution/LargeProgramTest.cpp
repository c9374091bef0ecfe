// A generated program of 10 000 tensor ops: it compiles (the lowering has no
// pass whose time grows faster than the program), runs and gives the values
// of a plain integer evaluation. Prints the compile and run times.

#include "ExecutionTestSupport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <string>

namespace shade::execution::testing {
namespace {

constexpr int kOps = 10000;
/// Every this many ops, a lookup table; the other ops are levelled.
constexpr int kOpsPerTable = 250;
constexpr int kElements = 8;

int64_t table(int64_t message) { return (5 * message + 3) % 16; }

/// The program and, alongside, its plain evaluation on `input`. Each step
/// keeps the values of the 4-bit ciphertexts below 16 at its end (an
/// addition is undone by the following subtraction), so that every lookup
/// table reads a clean message.
std::string generate(Values &state) {
  const std::string type = "tensor<8x!fhe.eint<4>>";
  std::string body;
  auto emit = [&](int index, const std::string &op) {
    body += "  %v" + std::to_string(index) + " = " + op + "\n";
  };
  auto name = [](int index) {
    return index < 0 ? std::string("%x") : "%v" + std::to_string(index);
  };
  int last = -1;
  for (int i = 0; i < kOps; ++i) {
    std::string v = name(last);
    switch (i % 8) {
    case 0:
      emit(i, "fhelinalg.add_eint_int " + v + ", %c : (" + type +
                  ", tensor<8xi8>) -> " + type);
      for (int64_t e = 0; e < kElements; ++e)
        state[e] += e + 1;
      break;
    case 1:
      emit(i, "fhelinalg.sub_eint_int " + v + ", %c : (" + type +
                  ", tensor<8xi8>) -> " + type);
      for (int64_t e = 0; e < kElements; ++e)
        state[e] -= e + 1;
      break;
    case 2: {
      emit(i, "fhelinalg.matmul_eint_int " + v + ", %p : (" + type +
                  ", tensor<8x8xi8>) -> " + type);
      // Column j of %p holds a 1 in row (j + 1) mod 8.
      Values rotated(kElements);
      for (int64_t j = 0; j < kElements; ++j)
        rotated[j] = state[(j + 1) % kElements];
      state = rotated;
      break;
    }
    case 3:
      emit(i, "fhelinalg.add_eint " + v + ", " + name(last - 3) + " : (" +
                  type + ", " + type + ") -> " + type);
      break;
    case 4:
      emit(i, "fhelinalg.sub_eint " + v + ", " + name(last - 4) + " : (" +
                  type + ", " + type + ") -> " + type);
      break;
    case 5:
      emit(i, "fhelinalg.neg_eint " + v + " : " + type);
      break;
    case 6:
      emit(i, "fhelinalg.neg_eint " + v + " : " + type);
      break;
    case 7:
      if ((i + 1) % kOpsPerTable == 0) {
        emit(i, "fhelinalg.apply_lookup_table " + v + ", %t : (" + type +
                    ", tensor<16xi8>) -> " + type);
        for (int64_t &value : state)
          value = table(value);
      } else {
        emit(i, "fhelinalg.mul_eint_int " + v + ", %one : (" + type +
                    ", tensor<8xi8>) -> " + type);
      }
      break;
    }
    last = i;
  }
  std::string tableEntries;
  for (int64_t u = 0; u < 16; ++u)
    tableEntries += (u ? ", " : "") + std::to_string(table(u));
  return "func.func @large(%x: " + type + ") -> " + type + " {\n" +
         "  %c = arith.constant dense<[1, 2, 3, 4, 5, 6, 7, 8]> : "
         "tensor<8xi8>\n"
         "  %one = arith.constant dense<1> : tensor<8xi8>\n"
         "  %p = arith.constant dense<[[0, 0, 0, 0, 0, 0, 0, 1], "
         "[1, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0, 0], "
         "[0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0], "
         "[0, 0, 0, 0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0, 0], "
         "[0, 0, 0, 0, 0, 0, 1, 0]]> : tensor<8x8xi8>\n"
         "  %t = arith.constant dense<[" +
         tableEntries + "]> : tensor<16xi8>\n" + body + "  return " +
         name(last) + " : " + type + "\n}\n";
}

TEST(LargeProgramTest, TenThousandOps) {
  Values input = {0, 3, 5, 7, 9, 11, 13, 15};
  Values expected = input;
  std::string source = generate(expected);
  TestKeys::get();

  auto compiled = CompiledFunctions::jit(source);
  ASSERT_TRUE(compiled);
  auto start = std::chrono::steady_clock::now();
  std::vector<Values> outputs = compiled->run("large", {input});
  std::chrono::duration<double> runTime =
      std::chrono::steady_clock::now() - start;
  EXPECT_EQ(outputs, (std::vector<Values>{expected}));

  std::cout << "[ timing   ] " << kOps << " ops (" << kOps / kOpsPerTable
            << " lookup tables on " << kElements << " ciphertexts): lowered in "
            << compiled->getLoweringSeconds() << " s, machine code in "
            << compiled->getCodegenSeconds() << " s, ran in " << runTime.count()
            << " s\n";
}

} // namespace
} // namespace shade::execution::testing

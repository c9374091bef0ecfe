//===- LweGlweTest.cpp - Encryption round trips ---------------------------===//

#include "shade/runtime/Lwe.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/Ggsw.h"
#include "shade/runtime/Glwe.h"
#include "shade/runtime/Testing.h"

#include "gtest/gtest.h"

#include <cmath>
#include <vector>

using namespace shade::runtime;

TEST(Lwe, EncryptDecryptRoundTrip) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(31);
  LweSecretKey key = generateLweSecretKey(800, rng);
  const double stdDev = 0x1p-20;
  for (unsigned width : {1u, 4u, 8u})
    for (uint64_t m = 0; m < (uint64_t(1) << width); ++m) {
      LweCiphertext c = encryptLwe(key, encodeMessage(m, width), stdDev, rng);
      ASSERT_EQ(c.dimension(), 800u);
      EXPECT_EQ(decodeMessage(decryptLwePhase(key, c), width), m);
    }
}

TEST(Lwe, PhaseErrorIsTheNoise) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(32);
  LweSecretKey key = generateLweSecretKey(600, rng);
  const double stdDev = 0x1p-30;
  double sumSquares = 0;
  const int count = 20000;
  for (int i = 0; i < count; ++i) {
    Torus plaintext = rng.nextU64();
    LweCiphertext c = encryptLwe(key, plaintext, stdDev, rng);
    double error = torusToSignedReal(decryptLwePhase(key, c) - plaintext);
    sumSquares += error * error;
  }
  // Relative standard error of the estimate: sqrt(2 / 20000) = 1%.
  EXPECT_NEAR(sumSquares / count / (stdDev * stdDev), 1.0, 0.05);
}

TEST(Lwe, MaskIsNotTrivial) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(33);
  LweSecretKey key = generateLweSecretKey(64, rng);
  LweCiphertext c = encryptLwe(key, 0, 0x1p-30, rng);
  int zeros = 0;
  for (size_t i = 0; i < 64; ++i)
    zeros += c.data[i] == 0;
  EXPECT_EQ(zeros, 0);
}

TEST(Glwe, EncryptDecryptRoundTrip) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(34);
  for (uint32_t k : {1u, 2u}) {
    GlweSecretKey key = generateGlweSecretKey(k, 1024, rng);
    std::vector<Torus> message(1024), phase(1024);
    for (size_t j = 0; j < message.size(); ++j)
      message[j] = encodeMessage(j % 16, 4);
    GlweCiphertext c = encryptGlwe(key, message.data(), 0x1p-40, rng);
    decryptGlwePhase(key, c.data.data(), phase.data());
    for (size_t j = 0; j < message.size(); ++j)
      EXPECT_EQ(decodeMessage(phase[j], 4), j % 16) << "coefficient " << j;
  }
}

TEST(Glwe, SampleExtractionGivesEachCoefficient) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(35);
  GlweSecretKey key = generateGlweSecretKey(2, 512, rng);
  LweSecretKey flat = key.flatten();
  std::vector<Torus> message(512);
  for (size_t j = 0; j < message.size(); ++j)
    message[j] = encodeMessage((7 * j) % 32, 5);
  GlweCiphertext c = encryptGlwe(key, message.data(), 0x1p-40, rng);
  std::vector<Torus> lwe(2 * 512 + 1);
  for (uint32_t index : {0u, 1u, 255u, 511u}) {
    sampleExtract(c.data.data(), 2, 512, index, lwe.data());
    EXPECT_EQ(decodeMessage(decryptLwePhase(flat, lwe.data()), 5),
              (7 * index) % 32);
  }
}

TEST(Ggsw, RowsEncryptTheGadgetMultiples) {
  Csprng rng = shade::runtime::testing::seededCsprngForTesting(36);
  GlweSecretKey key = generateGlweSecretKey(1, 256, rng);
  DecompositionParams decomposition{8, 3};
  GgswCiphertext ggsw =
      encryptConstantGgsw(key, 1, decomposition, 0x1p-50, rng);
  ASSERT_EQ(ggsw.data.size(), 2u * 3u * 2u * 256u);
  std::vector<Torus> phase(256);
  for (uint32_t i = 0; i <= 1; ++i)
    for (uint32_t j = 0; j < 3; ++j) {
      const Torus *row = ggsw.data.data() + (i * 3 + j) * 2 * 256;
      decryptGlwePhase(key, row, phase.data());
      // Row (i, j) has phase -S_i * g_j (mask row) or g_j (body row).
      Torus gadget = Torus(1) << (64 - 8 * (j + 1));
      for (size_t t = 0; t < 256; ++t) {
        Torus expected =
            i == 1 ? (t == 0 ? gadget : 0) : Torus(0) - key.bits[t] * gadget;
        double error = torusToSignedReal(phase[t] - expected);
        EXPECT_LT(std::fabs(error), 0x1p-40) << "row " << i << "," << j;
      }
    }
}

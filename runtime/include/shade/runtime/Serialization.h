//===- Serialization.h - Reading and writing Shade's files ------*- C++ -*-===//
//
// Versioned binary files for parameters, secret keys, evaluation keys and
// ciphertext tensors (docs/file-formats.md gives the layout byte by byte).
// Every reader checks the magic number, version, kind, sizes and a CRC-64
// before it trusts a byte, and throws SerializationError, with the file name
// and what is wrong, for a truncated, corrupted, wrong-kind, wrong-version or
// mismatched-parameters file. Writers go through a temporary file and a
// rename, so a failure never leaves a partial file; secret key files get
// mode 0600.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_SERIALIZATION_H
#define SHADE_RUNTIME_SERIALIZATION_H

#include "shade/runtime/Keys.h"
#include "shade/runtime/Parameters.h"
#include "shade/runtime/SerializationFormat.h"

#include <cstdint>
#include <string>
#include <vector>

namespace shade::runtime {

/// How the u64 data of a tensor represents its integers.
enum class TensorEncoding : uint8_t {
  /// One u64 per element: the value's two's complement bit pattern.
  Clear = 0,
  /// One LWE ciphertext (lweDimension + 1 u64) per element, under the big
  /// key of parameter set `keySet`, encoding the `width`-bit message as in
  /// Encoding.h (one padding
  /// bit, delta 2^(63 - width), two's complement patterns when signed).
  Lwe = 1,
};

/// A named tensor of integers, encrypted or clear, in row-major order.
struct Tensor {
  std::string name;
  TensorEncoding encoding = TensorEncoding::Lwe;
  /// Bits of every element, 1 to 62 for Lwe and 1 to 64 for Clear.
  unsigned width = 0;
  bool isSigned = false;
  /// k * N of set `keySet` for Lwe; 0 for Clear.
  uint32_t lweDimension = 0;
  /// The parameter set whose big key encrypts an Lwe tensor; 0 for Clear.
  uint32_t keySet = 0;
  /// Empty for a scalar.
  std::vector<uint64_t> shape;
  /// elementCount() * elementSize() u64.
  std::vector<uint64_t> data;

  uint64_t elementCount() const;
  /// u64 per element: lweDimension + 1 for Lwe, 1 for Clear.
  uint64_t elementSize() const;
};

/// Limits a reader enforces before it allocates anything.
inline constexpr size_t kMaxTensorNameLength = 4096;
inline constexpr uint32_t kMaxTensorRank = 64;
inline constexpr uint32_t kMaxTensorCount = 1u << 20;
inline constexpr uint32_t kMaxParameterSets = 256;

// In-memory forms. `source` names the buffer in error messages.
std::vector<uint8_t> serializeParameters(const Parameters &parameters);
std::vector<uint8_t> serializeSecretKeySet(const SecretKeySet &keys);
std::vector<uint8_t> serializeEvaluationKeySet(const EvaluationKeySet &keys);
/// A file of one set with the pattern (0, 0).
std::vector<uint8_t> serializeSecretKeys(const SecretKeys &keys);
std::vector<uint8_t> serializeEvaluationKeys(const EvaluationKeys &keys);
std::vector<uint8_t> serializeTensors(const std::vector<Tensor> &tensors);

Parameters deserializeParameters(const std::vector<uint8_t> &bytes,
                                 const std::string &source);
SecretKeySet deserializeSecretKeySet(const std::vector<uint8_t> &bytes,
                                     const std::string &source);
EvaluationKeySet deserializeEvaluationKeySet(const std::vector<uint8_t> &bytes,
                                             const std::string &source);
/// The keys of a file of one set with the pattern (0, 0); any other layout
/// is a SerializationError.
SecretKeys deserializeSecretKeys(const std::vector<uint8_t> &bytes,
                                 const std::string &source);
EvaluationKeys deserializeEvaluationKeys(const std::vector<uint8_t> &bytes,
                                         const std::string &source);
std::vector<Tensor> deserializeTensors(const std::vector<uint8_t> &bytes,
                                       const std::string &source);

// Files.
void writeParameters(const std::string &path, const Parameters &parameters);
/// Secret key files get mode 0600.
void writeSecretKeys(const std::string &path, const SecretKeys &keys);
void writeSecretKeySet(const std::string &path, const SecretKeySet &keys);
void writeEvaluationKeys(const std::string &path, const EvaluationKeys &keys);
void writeEvaluationKeySet(const std::string &path,
                           const EvaluationKeySet &keys);
void writeTensors(const std::string &path, const std::vector<Tensor> &tensors);

Parameters readParameters(const std::string &path);
SecretKeys readSecretKeys(const std::string &path);
SecretKeySet readSecretKeySet(const std::string &path);
EvaluationKeys readEvaluationKeys(const std::string &path);
EvaluationKeySet readEvaluationKeySet(const std::string &path);
std::vector<Tensor> readTensors(const std::string &path);

/// As above, and the file's layout must be `expected` (a single set:
/// KeyLayout::single(expected)); for tensors, every encrypted tensor must
/// name a set of `expectedSets` and have its LWE dimension.
SecretKeys readSecretKeys(const std::string &path, const Parameters &expected);
SecretKeySet readSecretKeySet(const std::string &path,
                              const KeyLayout &expected);
EvaluationKeys readEvaluationKeys(const std::string &path,
                                  const Parameters &expected);
EvaluationKeySet readEvaluationKeySet(const std::string &path,
                                      const KeyLayout &expected);
std::vector<Tensor> readTensors(const std::string &path,
                                const std::vector<Parameters> &expectedSets);

/// Throws SerializationError, naming `source` and the first field that
/// differs, unless `actual` equals `expected` field by field.
void checkSameParameters(const Parameters &actual, const Parameters &expected,
                         const std::string &source);
/// Throws SerializationError naming `source` and the first difference
/// between the layouts: the number of sets, the first field of a set that
/// differs (naming the set when there are several: "lweDimension = 600 in
/// set 1, expected 700"), the number of patterns or the first pattern that
/// differs.
void checkSameKeyLayout(const KeyLayout &actual, const KeyLayout &expected,
                        const std::string &source);

} // namespace shade::runtime

#endif // SHADE_RUNTIME_SERIALIZATION_H

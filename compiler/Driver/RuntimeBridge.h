//===- RuntimeBridge.h - The driver's side of the runtime -------*- C++ -*-===//
//
// The implementations of the key and ciphertext classes of Shade.h over the
// runtime's C interface and files, and the checks of tensors against a
// client specification.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_COMPILER_DRIVER_RUNTIMEBRIDGE_H
#define SHADE_COMPILER_DRIVER_RUNTIMEBRIDGE_H

#include "shade/Shade.h"
#include "shade/runtime/CApi.h"
#include "shade/runtime/CApiClient.h"
#include "shade/runtime/Serialization.h"

#include <memory>

namespace shade {

struct Ciphertexts::Impl {
  std::vector<runtime::Tensor> tensors;
};

struct EvaluationKeys::Impl {
  struct Destroy {
    void operator()(shade_rt_context *context) const {
      shade_rt_context_destroy(context);
    }
  };
  std::unique_ptr<shade_rt_context, Destroy> context;
};

namespace driver {

struct Access {
  static const Ciphertexts::Impl &get(const Ciphertexts &ciphertexts) {
    return *ciphertexts.impl;
  }
  static Ciphertexts make(std::vector<runtime::Tensor> tensors) {
    auto impl = std::make_unique<Ciphertexts::Impl>();
    impl->tensors = std::move(tensors);
    return Ciphertexts(std::move(impl));
  }
  static shade_rt_context *get(const EvaluationKeys &keys) {
    return keys.impl->context.get();
  }
  static EvaluationKeys make(shade_rt_context *context) {
    auto impl = std::make_unique<EvaluationKeys::Impl>();
    impl->context.reset(context);
    return EvaluationKeys(std::move(impl));
  }
};

runtime::Parameters toParameters(const CryptoParameters &parameters);
std::vector<runtime::Parameters>
toParameterSets(const std::vector<CryptoParameters> &sets);
std::vector<runtime::KeyPattern>
toKeyPatterns(const std::vector<KeyPattern> &patterns);

/// The parameter sets and key patterns of a report, as the runtime's C
/// interface takes them; layout() points into this object.
class RuntimeLayout {
public:
  explicit RuntimeLayout(const CircuitReport &report);
  RuntimeLayout(const RuntimeLayout &) = delete;
  RuntimeLayout &operator=(const RuntimeLayout &) = delete;
  const shade_rt_key_layout *layout() const { return &view; }

private:
  std::vector<shade_rt_parameters> sets;
  std::vector<shade_rt_key_pattern> patterns;
  shade_rt_key_layout view;
};

/// k * N + 1 of the set whose big key encrypts `spec` (an encrypted value).
uint64_t ciphertextSize(const TensorSpec &spec,
                        const std::vector<CryptoParameters> &sets);

/// A tensor without data, described as `spec` says: its name, width,
/// signedness and shape, and LWE ciphertexts under the big key of its set of
/// `sets` when it is encrypted, clear patterns otherwise.
runtime::Tensor makeTensor(const TensorSpec &spec,
                           const std::vector<CryptoParameters> &sets);

/// Throws Error with the runtime's last error unless `status` is OK. The
/// runtime's message names the file or value at fault; `context` is put in
/// front of messages that do not start with a path.
void checkStatus(shade_rt_status status, const std::string &context);

/// The integer whose two's complement pattern of `width` bits (1 to 64) is
/// the low bits of `pattern`.
int64_t signExtend(uint64_t pattern, unsigned width);

/// The tensor of `tensors` named `name`, or null.
const runtime::Tensor *findTensor(const std::vector<runtime::Tensor> &tensors,
                                  const std::string &name);

/// Checks that `tensors` hold exactly the values `specs` describe (names,
/// encodings, shapes, widths, signedness; ciphertexts under the key of their
/// set of `sets`; clear values within their range). `what` is "input" or
/// "output"; `source` names the file.
void checkTensors(const std::vector<runtime::Tensor> &tensors,
                  const std::vector<TensorSpec> &specs,
                  const std::vector<CryptoParameters> &sets, const char *what,
                  const std::string &source);

} // namespace driver
} // namespace shade

#endif // SHADE_COMPILER_DRIVER_RUNTIMEBRIDGE_H

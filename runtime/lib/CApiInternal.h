//===- CApiInternal.h - Shared by the C interface's files -------*- C++ -*-===//
//
// The definition of the context handle and the conversion of C++ exceptions
// to status codes, used by CApi.cpp (server side) and CApiClient.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef SHADE_RUNTIME_LIB_CAPIINTERNAL_H
#define SHADE_RUNTIME_LIB_CAPIINTERNAL_H

#include "shade/runtime/Batch.h"
#include "shade/runtime/CApi.h"
#include "shade/runtime/Keys.h"
#include "shade/runtime/ThreadPool.h"

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

struct shade_rt_context {
  explicit shade_rt_context(shade::runtime::EvaluationKeySet keys);

  /// The evaluator of `pattern`; ApiError(SHADE_RT_INVALID_ARGUMENT) when it
  /// is out of range.
  shade::runtime::BatchEvaluator &evaluator(uint32_t pattern);
  const shade::runtime::EvaluationKeys &keysOf(uint32_t pattern) const;

  shade::runtime::EvaluationKeySet keys;
  shade::runtime::ThreadPool pool;
  /// One per pattern, all on `pool`.
  std::vector<std::unique_ptr<shade::runtime::BatchEvaluator>> evaluators;
  /// One operation at a time, whatever its pattern: the evaluators' workers
  /// follow the pool's thread count, which changes only under this lock.
  std::mutex callMutex;
};

namespace shade::runtime::capi {

/// An error detected by the C interface itself, with its status.
class ApiError : public std::runtime_error {
public:
  ApiError(shade_rt_status status, const std::string &message)
      : std::runtime_error(message), status(status) {}

  shade_rt_status status;
};

/// Records `message` as the thread's last error and returns `status`.
shade_rt_status fail(shade_rt_status status, const std::string &message);

/// The status and message of the exception being handled; call only from a
/// catch block. `function` prefixes the message.
shade_rt_status failWithCurrentException(const char *function);

/// Runs `body`, turning any exception into a status and the thread's last
/// error message.
template <typename Body>
shade_rt_status guard(const char *function, Body &&body) noexcept {
  try {
    body();
    return SHADE_RT_OK;
  } catch (...) {
    return failWithCurrentException(function);
  }
}

/// Throws ApiError(SHADE_RT_INVALID_ARGUMENT) when `pointer` is null.
void requireNonNull(const void *pointer, const char *argument);

/// Throws ApiError(SHADE_RT_INVALID_ARGUMENT) unless `size` is `expected`.
void requireSize(const char *argument, size_t size, size_t expected,
                 const char *meaning);

/// count * elementSize, or ApiError if it overflows.
size_t multiplySizes(size_t count, size_t elementSize, const char *argument);

Parameters toParameters(const shade_rt_parameters &parameters);
shade_rt_parameters fromParameters(const Parameters &parameters);
/// Copies and validates `layout` (ApiError or std::invalid_argument).
KeyLayout toKeyLayout(const shade_rt_key_layout &layout);

} // namespace shade::runtime::capi

#endif // SHADE_RUNTIME_LIB_CAPIINTERNAL_H

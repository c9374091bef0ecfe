//===- CApiClient.cpp - The runtime's C interface, client side ------------===//

#include "shade/runtime/CApiClient.h"
#include "CApiInternal.h"

#include "shade/runtime/Csprng.h"
#include "shade/runtime/Encoding.h"
#include "shade/runtime/Serialization.h"

using namespace shade::runtime;
using namespace shade::runtime::capi;

struct shade_rt_client {
  explicit shade_rt_client(SecretKeySet keys) : keys(std::move(keys)) {}

  /// The keys of `set`; ApiError(SHADE_RT_INVALID_ARGUMENT) when it is out
  /// of range.
  const SecretKeys &keysOf(uint32_t set) const {
    if (set >= keys.sets.size())
      throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                     "set " + std::to_string(set) +
                         " is out of range: the secret keys have " +
                         std::to_string(keys.sets.size()) + " parameter set" +
                         (keys.sets.size() == 1 ? "" : "s"));
    return keys.sets[set];
  }

  SecretKeySet keys;
  Csprng rng;
};

namespace {

void checkWidth(uint32_t width) {
  if (width < 1 || width > 62)
    throw ApiError(SHADE_RT_INVALID_ARGUMENT,
                   "width " + std::to_string(width) + " is outside [1, 62]");
}

/// The words of one ciphertext under the big key of `keys`, once
/// `ciphertextsSize` is checked to hold `count` of them.
size_t ciphertextSize(const SecretKeys &keys, size_t count,
                      size_t ciphertextsSize) {
  size_t size = size_t(keys.parameters.bigLweDimension()) + 1;
  requireSize("ciphertexts_size", ciphertextsSize,
              multiplySizes(count, size, "ciphertexts_size"),
              "count * (k * N + 1)");
  return size;
}

Torus encode(int64_t value, size_t index, uint32_t width, bool isSigned) {
  int64_t low = isSigned ? -(int64_t(1) << (width - 1)) : 0;
  int64_t high = isSigned ? (int64_t(1) << (width - 1)) - 1
                          : int64_t((uint64_t(1) << width) - 1);
  if (value < low || value > high)
    throw ApiError(
        SHADE_RT_INVALID_ARGUMENT,
        "value " + std::to_string(index) + " = " + std::to_string(value) +
            " is not a" + (isSigned ? " signed " : "n unsigned ") +
            std::to_string(width) + "-bit integer (range [" +
            std::to_string(low) + ", " + std::to_string(high) + "])");
  // Wrapping m * Delta sign-extends a negative m into the padding bit (see
  // CApiClient.h); decryption reads the low `width` bits either way.
  return static_cast<Torus>(value) * messageDelta(width);
}

} // namespace

extern "C" {

shade_rt_status shade_rt_client_keygen(const shade_rt_key_layout *layout,
                                       shade_rt_client **client) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    *client = nullptr;
    requireNonNull(layout, "layout");
    Csprng rng;
    SecretKeySet keys = generateSecretKeySet(toKeyLayout(*layout), rng);
    *client = new shade_rt_client(std::move(keys));
  });
}

shade_rt_status shade_rt_client_load(const char *secret_key_path,
                                     const shade_rt_key_layout *expected,
                                     shade_rt_client **client) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    *client = nullptr;
    requireNonNull(secret_key_path, "secret_key_path");
    SecretKeySet keys =
        expected ? readSecretKeySet(secret_key_path, toKeyLayout(*expected))
                 : readSecretKeySet(secret_key_path);
    *client = new shade_rt_client(std::move(keys));
  });
}

shade_rt_status shade_rt_client_save(const shade_rt_client *client,
                                     const char *secret_key_path) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    requireNonNull(secret_key_path, "secret_key_path");
    writeSecretKeySet(secret_key_path, client->keys);
  });
}

void shade_rt_client_destroy(shade_rt_client *client) { delete client; }

shade_rt_status shade_rt_client_get_set_count(const shade_rt_client *client,
                                              uint32_t *count) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    requireNonNull(count, "count");
    *count = uint32_t(client->keys.sets.size());
  });
}

shade_rt_status
shade_rt_client_get_parameters(const shade_rt_client *client, uint32_t set,
                               shade_rt_parameters *parameters) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    requireNonNull(parameters, "parameters");
    *parameters = fromParameters(client->keysOf(set).parameters);
  });
}

shade_rt_status
shade_rt_client_save_evaluation_keys(shade_rt_client *client,
                                     const char *evaluation_key_path) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    requireNonNull(evaluation_key_path, "evaluation_key_path");
    writeEvaluationKeySet(evaluation_key_path,
                          generateEvaluationKeySet(client->keys, client->rng));
  });
}

shade_rt_status shade_rt_client_make_context(shade_rt_client *client,
                                             shade_rt_context **context) {
  return guard(__func__, [&] {
    requireNonNull(context, "context");
    *context = nullptr;
    requireNonNull(client, "client");
    *context = new shade_rt_context(
        generateEvaluationKeySet(client->keys, client->rng));
  });
}

shade_rt_status shade_rt_client_encrypt(shade_rt_client *client, uint32_t set,
                                        uint32_t width, int is_signed,
                                        const int64_t *values, size_t count,
                                        uint64_t *ciphertexts,
                                        size_t ciphertexts_size) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    requireNonNull(values, "values");
    requireNonNull(ciphertexts, "ciphertexts");
    const SecretKeys &keys = client->keysOf(set);
    checkWidth(width);
    size_t size = ciphertextSize(keys, count, ciphertexts_size);
    for (size_t i = 0; i < count; ++i) {
      Torus plaintext = encode(values[i], i, width, is_signed != 0);
      LweCiphertext ciphertext = encryptBig(keys, plaintext, client->rng);
      std::copy(ciphertext.data.begin(), ciphertext.data.end(),
                ciphertexts + i * size);
    }
  });
}

shade_rt_status shade_rt_client_decrypt(const shade_rt_client *client,
                                        uint32_t set, uint32_t width,
                                        int is_signed,
                                        const uint64_t *ciphertexts,
                                        size_t ciphertexts_size,
                                        int64_t *values, size_t count) {
  return guard(__func__, [&] {
    requireNonNull(client, "client");
    requireNonNull(ciphertexts, "ciphertexts");
    requireNonNull(values, "values");
    const SecretKeys &keys = client->keysOf(set);
    checkWidth(width);
    size_t size = ciphertextSize(keys, count, ciphertexts_size);
    LweSecretKey big = keys.big();
    for (size_t i = 0; i < count; ++i) {
      Torus phase = decryptLwePhase(big, ciphertexts + i * size);
      values[i] = is_signed ? decodeSignedMessage(phase, width)
                            : static_cast<int64_t>(decodeMessage(phase, width));
    }
  });
}

} // extern "C"

/* CApiClient.h - The runtime's C interface, client side.
 *
 * Functions that need the secret keys: key generation, encryption and
 * decryption. Only the client links them; see CApi.h for the conventions. */

#ifndef SHADE_RUNTIME_CAPICLIENT_H
#define SHADE_RUNTIME_CAPICLIENT_H

#include "shade/runtime/CApi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The secret keys of every parameter set of a key layout (a small LWE key
   and a GLWE key per set), the layout's patterns and a random generator. A
   client must not be used by two threads at once. */
typedef struct shade_rt_client shade_rt_client;

/* Draws fresh secret keys for every set of `layout` (randomness from the
   kernel). */
shade_rt_status shade_rt_client_keygen(const shade_rt_key_layout *layout,
                                       shade_rt_client **client);

/* Loads a secret key file. When `expected` is not null, the file's sets
   and patterns must equal it. */
shade_rt_status shade_rt_client_load(const char *secret_key_path,
                                     const shade_rt_key_layout *expected,
                                     shade_rt_client **client);

/* Writes the secret keys to a file of mode 0600 (replaced atomically). */
shade_rt_status shade_rt_client_save(const shade_rt_client *client,
                                     const char *secret_key_path);

/* Destroys a client; null is allowed. */
void shade_rt_client_destroy(shade_rt_client *client);

shade_rt_status shade_rt_client_get_set_count(const shade_rt_client *client,
                                              uint32_t *count);
shade_rt_status shade_rt_client_get_parameters(const shade_rt_client *client,
                                               uint32_t set,
                                               shade_rt_parameters *parameters);

/* Makes fresh evaluation keys for every pattern of the client's layout
   (each target set's bootstrap key once) and writes them to a file, or
   makes a context from them in memory. */
shade_rt_status
shade_rt_client_save_evaluation_keys(shade_rt_client *client,
                                     const char *evaluation_key_path);
shade_rt_status shade_rt_client_make_context(shade_rt_client *client,
                                             shade_rt_context **context);

/* Encrypts `count` integers of `width` bits (1 to 62) under the big key of
   parameter set `set`: `count` ciphertexts of that set's dimension k * N
   (ciphertexts_size == count * (k * N + 1)). The plaintext is
   m * 2^(63 - width) mod 2^64, the tfhe dialect's encoding: for a signed m
   (is_signed not 0) the padding bit is a copy of the sign bit, which is
   what compiled bootstraps of signed values expect. A value out of range
   is an error that names it, as is a set out of range. */
shade_rt_status shade_rt_client_encrypt(shade_rt_client *client, uint32_t set,
                                        uint32_t width, int is_signed,
                                        const int64_t *values, size_t count,
                                        uint64_t *ciphertexts,
                                        size_t ciphertexts_size);

/* Decrypts `count` ciphertexts of set `set`'s dimension k * N, under its
   big key, into integers of `width` bits (sign-extended when is_signed is
   not 0). */
shade_rt_status shade_rt_client_decrypt(const shade_rt_client *client,
                                        uint32_t set, uint32_t width,
                                        int is_signed,
                                        const uint64_t *ciphertexts,
                                        size_t ciphertexts_size,
                                        int64_t *values, size_t count);

#ifdef __cplusplus
}
#endif

#endif /* SHADE_RUNTIME_CAPICLIENT_H */

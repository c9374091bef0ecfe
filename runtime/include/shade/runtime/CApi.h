/* CApi.h - The runtime's C interface, server side.
 *
 * What compiled programs call for every key switch and bootstrap. Plain C:
 * opaque handles, pointers and sizes. A ciphertext of LWE dimension d is an
 * array of d + 1 uint64_t (mask then body); several ciphertexts are stored
 * one after the other. Linear operations (additions, multiplications by
 * integers) are done by the caller directly on these arrays. The client side
 * (key generation, encryption, decryption with the secret key) is in
 * CApiClient.h, so a server never needs it.
 *
 * Every function returns a status; none throws, aborts or crashes on bad
 * arguments. After a failure, shade_rt_last_error() describes it. Sizes are
 * counts of uint64_t elements. */

#ifndef SHADE_RUNTIME_CAPI_H
#define SHADE_RUNTIME_CAPI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum shade_rt_status {
  SHADE_RT_OK = 0,
  /* A null pointer, a size that does not match the keys, a width or value
     out of range, invalid parameters. */
  SHADE_RT_INVALID_ARGUMENT = 1,
  /* A file could not be opened, read, written or renamed. */
  SHADE_RT_IO_ERROR = 2,
  /* A file is not a valid Shade file of the expected kind, version and
     parameters (truncated, corrupted, ...). */
  SHADE_RT_FORMAT_ERROR = 3,
  SHADE_RT_OUT_OF_MEMORY = 4,
  /* Anything else; a bug in Shade. */
  SHADE_RT_INTERNAL_ERROR = 5,
} shade_rt_status;

/* The message of the most recent call on this thread that did not return
   SHADE_RT_OK ("" if there was none). It names the function and what was
   wrong; it stays valid until the next failing call on this thread. */
const char *shade_rt_last_error(void);

/* One TFHE parameter set (see shade/runtime/Parameters.h). Ciphertexts at
   rest have LWE dimension glwe_dimension * polynomial_size. */
typedef struct shade_rt_parameters {
  uint32_t lwe_dimension;
  uint32_t glwe_dimension;
  uint32_t polynomial_size;
  /* Noise standard deviations, fractions of the torus. */
  double lwe_noise_std;
  double glwe_noise_std;
  uint32_t pbs_base_log;
  uint32_t pbs_level;
  uint32_t ks_base_log;
  uint32_t ks_level;
} shade_rt_parameters;

/* Shade's default parameter set for messages of `width` bits (1 to 8). */
shade_rt_status shade_rt_default_parameters(uint32_t width,
                                            shade_rt_parameters *parameters);

/* A key pattern: a key switch from the big key (dimension k * N) of
   parameter set `source` to the small key (dimension n) of set `target`,
   then the bootstrap of set `target`, whose result is under the big key of
   `target`. */
typedef struct shade_rt_key_pattern {
  uint32_t source;
  uint32_t target;
} shade_rt_key_pattern;

/* The parameter sets and key patterns of a program: compiled code names a
   pattern by its index. A program with one set has the single pattern
   {0, 0}. At least one set and one pattern; no pattern twice. */
typedef struct shade_rt_key_layout {
  const shade_rt_parameters *sets;
  uint32_t set_count;
  const shade_rt_key_pattern *patterns;
  uint32_t pattern_count;
} shade_rt_key_layout;

/* The layout of one set, `*parameters` (not copied: it must outlive the
   layout), with the pattern {0, 0}. */
shade_rt_key_layout
shade_rt_single_set_layout(const shade_rt_parameters *parameters);

/* An evaluation context: the evaluation keys of every key pattern of a
   program (a key switching key per pattern, a bootstrap key per target
   set) and a pool of threads they share. Any number of threads may use one
   context at once; its operations then run one after the other. */
typedef struct shade_rt_context shade_rt_context;

/* Loads an evaluation key file. When `expected` is not null, the file's
   sets and patterns must equal it (SHADE_RT_FORMAT_ERROR naming the first
   difference otherwise). */
shade_rt_status shade_rt_context_load(const char *evaluation_key_path,
                                      const shade_rt_key_layout *expected,
                                      shade_rt_context **context);

/* Destroys a context; null is allowed. */
void shade_rt_context_destroy(shade_rt_context *context);

/* The context's layout, set by set and pattern by pattern. */
shade_rt_status shade_rt_context_get_set_count(const shade_rt_context *context,
                                               uint32_t *count);
shade_rt_status
shade_rt_context_get_parameters(const shade_rt_context *context, uint32_t set,
                                shade_rt_parameters *parameters);
shade_rt_status
shade_rt_context_get_pattern_count(const shade_rt_context *context,
                                   uint32_t *count);
shade_rt_status shade_rt_context_get_pattern(const shade_rt_context *context,
                                             uint32_t pattern,
                                             shade_rt_key_pattern *result);

/* The number of threads batched operations use; 0 means all cores (the
   default). */
shade_rt_status shade_rt_context_set_thread_count(shade_rt_context *context,
                                                  uint32_t thread_count);
shade_rt_status
shade_rt_context_get_thread_count(const shade_rt_context *context,
                                  uint32_t *thread_count);

/* The number of bootstraps (single or batched, with or without a key
   switch) this context has completed since it was made. A batch counts its
   bootstraps as they finish, a few at a time. Safe to call from any thread
   while other threads run operations on the context: a monitoring thread
   polls it to report progress. */
shade_rt_status
shade_rt_context_get_bootstrap_count(const shade_rt_context *context,
                                     uint64_t *count);

/* The operations below take the index of a key pattern of the context as
   their second argument, `pattern`; an index out of range is
   SHADE_RT_INVALID_ARGUMENT. Below, k_s * N_s is the big dimension of the
   pattern's source set, and n, k * N and N are those of its target set
   (with one set, k_s * N_s is k * N).

   Encodes a lookup table for a bootstrap: table[m] (table_size ==
   2^input_width entries, each below 2^output_width) becomes the test
   polynomial of polynomial_size == N coefficients that maps an encryption
   of the input_width-bit message m to one of the output_width-bit message
   table[m]. A signed message is indexed by its two's complement pattern. */
shade_rt_status shade_rt_encode_table(const shade_rt_context *context,
                                      uint32_t pattern, uint32_t input_width,
                                      uint32_t output_width,
                                      const uint64_t *table, size_t table_size,
                                      uint64_t *polynomial,
                                      size_t polynomial_size);

/* Key switch: input of LWE dimension k_s * N_s (input_size ==
   k_s * N_s + 1) to output of dimension n (output_size == n + 1). */
shade_rt_status shade_rt_keyswitch(shade_rt_context *context, uint32_t pattern,
                                   const uint64_t *input, size_t input_size,
                                   uint64_t *output, size_t output_size);

/* Bootstrap: input of dimension n to output of dimension k * N, evaluating
   the encoded table (table_size == N). */
shade_rt_status shade_rt_bootstrap(shade_rt_context *context, uint32_t pattern,
                                   const uint64_t *input, size_t input_size,
                                   uint64_t *output, size_t output_size,
                                   const uint64_t *table, size_t table_size);

/* Key switch then bootstrap, dimension k_s * N_s to k * N. `output` may be
   `input` when both dimensions are the same, and must not overlap it
   otherwise. */
shade_rt_status
shade_rt_keyswitch_bootstrap(shade_rt_context *context, uint32_t pattern,
                             const uint64_t *input, size_t input_size,
                             uint64_t *output, size_t output_size,
                             const uint64_t *table, size_t table_size);

/* Batched forms on all the context's threads: `count` ciphertexts one after
   the other in `inputs` and `outputs` (sizes: count times the size of one).
   `tables` holds either one encoded table for every ciphertext (tables_size
   == N) or one per ciphertext (tables_size == count * N, table i for
   ciphertext i). The results are those of the single forms. */
shade_rt_status shade_rt_keyswitch_batch(shade_rt_context *context,
                                         uint32_t pattern,
                                         const uint64_t *inputs,
                                         size_t inputs_size, uint64_t *outputs,
                                         size_t outputs_size, size_t count);
shade_rt_status
shade_rt_bootstrap_batch(shade_rt_context *context, uint32_t pattern,
                         const uint64_t *inputs, size_t inputs_size,
                         uint64_t *outputs, size_t outputs_size, size_t count,
                         const uint64_t *tables, size_t tables_size);
shade_rt_status shade_rt_keyswitch_bootstrap_batch(
    shade_rt_context *context, uint32_t pattern, const uint64_t *inputs,
    size_t inputs_size, uint64_t *outputs, size_t outputs_size, size_t count,
    const uint64_t *tables, size_t tables_size);

/* Batched bootstraps from compact tables, each output choosing its input
   and its table: the form compiled code calls. `tables` holds
   tables_size / 2^input_width tables of 2^input_width torus values each;
   entry i of a table is the already encoded result for the input whose
   input_width-bit pattern is i (the runtime builds the test polynomials).
   Output j (of `count`) is the bootstrap of input ciphertext
   input_indices[j] through table table_indices[j]. A null input_indices
   means input j (`inputs` then holds exactly `count` ciphertexts); a null
   table_indices means table j when there are `count` tables and table 0
   when there is one. With a nonzero `signed_input`, messages are signed
   (m * 2^(63 - w) mod 2^64, the padding bit being the sign): 2^62 is
   added to each body first, which makes the padding bit 0, and the entry
   read for pattern i is that of pattern i xor 2^(w-1) in the table as
   given (so the table is still indexed by the two's complement pattern).
   The caller's inputs are never modified (several outputs may choose the
   same input); `outputs` must not overlap `inputs`. The key switch form
   takes inputs of dimension k_s * N_s and switches each chosen input before
   its bootstrap. Every argument is checked before any work: a null
   pointer (other than the index arrays), an inputs_size that is not a
   multiple of one input ciphertext (or not count of them when
   input_indices is null), an outputs_size other than count * (k * N + 1),
   a tables_size that is not a nonzero multiple of 2^input_width, a table
   count neither 1 nor count when table_indices is null, an index out of
   range or a width the polynomial size cannot hold (input_width outside
   [1, log2(N) - 1]) is SHADE_RT_INVALID_ARGUMENT, with a message naming
   the argument and the offending value, and nothing is written. The
   results are bit-identical to shade_rt_bootstrap_batch (or
   shade_rt_keyswitch_bootstrap_batch) on the gathered inputs with the
   test polynomials of shade_rt_encode_table, for unsigned inputs. */
shade_rt_status shade_rt_bootstrap_tables(
    shade_rt_context *context, uint32_t pattern, const uint64_t *inputs,
    size_t inputs_size, uint64_t *outputs, size_t outputs_size, size_t count,
    const uint64_t *tables, size_t tables_size, uint32_t input_width,
    uint32_t signed_input, const uint64_t *input_indices,
    const uint64_t *table_indices);
shade_rt_status shade_rt_keyswitch_bootstrap_tables(
    shade_rt_context *context, uint32_t pattern, const uint64_t *inputs,
    size_t inputs_size, uint64_t *outputs, size_t outputs_size, size_t count,
    const uint64_t *tables, size_t tables_size, uint32_t input_width,
    uint32_t signed_input, const uint64_t *input_indices,
    const uint64_t *table_indices);

#ifdef __cplusplus
}
#endif

#endif /* SHADE_RUNTIME_CAPI_H */

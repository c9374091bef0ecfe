/* CApiFromC.c - The C interface's headers compiled as C.
 *
 * CApiTest.cpp calls this function: it proves that CApi.h and CApiClient.h
 * are valid C and that a C caller sees the same statuses and messages. */

#include "shade/runtime/CApiClient.h"

#include <string.h>

/* Returns 0 when every check passes, else the number of the failed check. */
int shadeCApiUsedFromC(void) {
  shade_rt_parameters parameters;
  shade_rt_context *context = NULL;
  shade_rt_client *client = NULL;
  if (shade_rt_default_parameters(4, &parameters) != SHADE_RT_OK)
    return 1;
  if (parameters.polynomial_size != 2048 || parameters.glwe_dimension != 1)
    return 2;
  if (shade_rt_context_load(NULL, NULL, &context) != SHADE_RT_INVALID_ARGUMENT)
    return 3;
  if (strcmp(shade_rt_last_error(), "shade_rt_context_load: argument "
                                    "'evaluation_key_path' is null") != 0)
    return 4;
  if (shade_rt_client_load(NULL, NULL, &client) != SHADE_RT_INVALID_ARGUMENT ||
      client != NULL)
    return 5;
  {
    /* A layout of one set, built in C. */
    shade_rt_key_layout layout = shade_rt_single_set_layout(&parameters);
    if (layout.set_count != 1 || layout.sets != &parameters ||
        layout.pattern_count != 1 || layout.patterns[0].source != 0 ||
        layout.patterns[0].target != 0)
      return 11;
  }
  {
    const uint64_t inputs[1] = {0};
    uint64_t outputs[1] = {0};
    const uint64_t tables[2] = {0, 0};
    const uint64_t indices[1] = {0};
    if (shade_rt_bootstrap_tables(NULL, 0, inputs, 1, outputs, 1, 1, tables, 2,
                                  1, 0, indices,
                                  indices) != SHADE_RT_INVALID_ARGUMENT)
      return 6;
    if (strcmp(shade_rt_last_error(),
               "shade_rt_bootstrap_tables: argument 'context' is null") != 0)
      return 7;
    if (shade_rt_keyswitch_bootstrap_tables(NULL, 1, inputs, 1, outputs, 1, 1,
                                            tables, 2, 1, 1, NULL,
                                            NULL) != SHADE_RT_INVALID_ARGUMENT)
      return 8;
    if (strcmp(shade_rt_last_error(), "shade_rt_keyswitch_bootstrap_tables: "
                                      "argument 'context' is null") != 0)
      return 9;
    if (outputs[0] != 0)
      return 10;
  }
  shade_rt_context_destroy(context);
  shade_rt_client_destroy(client);
  return 0;
}

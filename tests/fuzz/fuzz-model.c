/*
 * fuzz-model: libFuzzer target for the model behind the reader.  Build it
 * with -DWEFT_FUZZING so checksums do not stop the fuzzer at the door;
 * then every record shape reaches the model, and every query runs.
 */
#include <stdint.h>
#include <stddef.h>

#include "weft-model.h"
#include "weft-stats.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (WeftModel) model = weft_model_new ();
  g_autofree char *json = NULL;
  gboolean truncated;

  if (weft_model_feed (model, data, size, NULL))
    weft_model_finish_feed (model, &truncated, NULL);
  json = weft_stats_to_json_string (model);
  return 0;
}

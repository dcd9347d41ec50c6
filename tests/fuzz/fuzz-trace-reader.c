/*
 * fuzz-trace-reader: libFuzzer target for the .weft reader.  Any input
 * must either read or fail cleanly; ASan/UBSan catch the rest.  The input
 * is fed in two pieces split at its first byte's value, so the streaming
 * path (a record cut across feeds) is fuzzed too.
 */
#include <stdint.h>
#include <stddef.h>

#include "weft-trace-reader.h"

static void
touch_event (const struct weft_event_header *event, gpointer user_data)
{
  guint64 *sum = user_data;
  const guint8 *bytes = (const guint8 *) event;

  /* Read every byte the reader promised is there. */
  for (gsize i = 0; i < event->size; i++)
    *sum += bytes[i];
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint64 sum = 0;
  WeftTraceReader *reader = weft_trace_reader_new (touch_event, &sum);
  size_t split = size > 0 ? MIN ((size_t) data[0] * 16, size) : 0;

  if (weft_trace_reader_feed (reader, data, split, NULL))
    weft_trace_reader_feed (reader, data + split, size - split, NULL);
  weft_trace_reader_finish (reader, NULL);
  g_object_unref (reader);
  return 0;
}

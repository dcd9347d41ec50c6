/* fuzz-seeds.c */
#include "fuzz-seeds.h"

#include <fcntl.h>
#include <glib/gstdio.h>

#include "weft-trace-reader.h"
#include "weft-trace-writer.h"

typedef struct {
  GPtrArray *events;
  guint max_events;
} Collector;

static void
collect (const struct weft_event_header *event, gpointer user_data)
{
  Collector *c = user_data;

  if (c->events->len < c->max_events)
    g_ptr_array_add (c->events, g_memdup2 (event, event->size));
}

gboolean
weft_fuzz_write_seed (const char *from, const char *to, guint max_events,
                      guint records_per_chunk, guint *n_written, GError **error)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  Collector collector = { events, max_events };
  g_autoptr (WeftTraceReader) reader = weft_trace_reader_new (collect, &collector);
  g_autoptr (WeftTraceWriter) writer = NULL;
  gboolean truncated;
  int fd;

  if (!weft_trace_reader_read_file (reader, from, &truncated, error))
    return FALSE;
  fd = g_open (to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot write %s", to);
      return FALSE;
    }
  writer = weft_trace_writer_new (fd, weft_trace_reader_get_info (reader), error);
  if (!writer)
    return FALSE;
  weft_trace_writer_set_compressed (writer, FALSE);
  for (guint i = 0; i < events->len; i++)
    {
      const struct weft_event_header *event = g_ptr_array_index (events, i);

      if (!weft_trace_writer_add (writer, event, event->size, error))
        return FALSE;
      if ((i + 1) % records_per_chunk == 0 && !weft_trace_writer_flush (writer, error))
        return FALSE;
    }
  *n_written = events->len;
  return weft_trace_writer_finish (writer, weft_trace_reader_get_lost_events (reader),
                                   weft_trace_reader_get_stop_ns (reader), error);
}

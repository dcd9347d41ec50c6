/* weft-trace-writer.h: writes a .weft file in self-contained chunks. */
#pragma once

#include <glib-object.h>
#include "weft-trace-format.h"

G_BEGIN_DECLS

#define WEFT_TYPE_TRACE_WRITER (weft_trace_writer_get_type ())
G_DECLARE_FINAL_TYPE (WeftTraceWriter, weft_trace_writer, WEFT, TRACE_WRITER, GObject)

/* Takes ownership of fd.  The header is written at once. */
WeftTraceWriter *weft_trace_writer_new (int fd, const WeftTraceInfo *info, GError **error);

/* Appends one event record (size bytes, a multiple of 8).  A full chunk is
 * written out by itself; call flush() to bound how much a crash can lose. */
gboolean weft_trace_writer_add (WeftTraceWriter *self, const void *record,
                                gsize size, GError **error);
gboolean weft_trace_writer_flush (WeftTraceWriter *self, GError **error);

/* Flushes, writes the END chunk with the totals, and closes the file. */
gboolean weft_trace_writer_finish (WeftTraceWriter *self, guint64 lost_events,
                                   guint64 stop_monotonic_ns, GError **error);

/* Chunks are zstd-compressed unless this is set to FALSE (fuzz seeds are
 * stored raw, so that mutations reach the records). */
void weft_trace_writer_set_compressed (WeftTraceWriter *self, gboolean compressed);

guint64 weft_trace_writer_get_n_events (WeftTraceWriter *self);
guint64 weft_trace_writer_get_bytes_written (WeftTraceWriter *self);

G_END_DECLS

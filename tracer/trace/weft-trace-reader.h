/*
 * weft-trace-reader.h: validates and decodes a .weft byte stream.
 *
 * It is a push parser: feed() it bytes as they come (from a file, or live
 * from a recorder's pipe) and it calls the event function for every record
 * that is whole and valid.  Everything is checked; no input makes it read
 * out of bounds.
 */
#pragma once

#include <glib-object.h>
#include "weft-trace-format.h"

G_BEGIN_DECLS

#define WEFT_TYPE_TRACE_READER (weft_trace_reader_get_type ())
G_DECLARE_FINAL_TYPE (WeftTraceReader, weft_trace_reader, WEFT, TRACE_READER, GObject)

/* Records handed out are at least weft_event_kind_min_size(kind) bytes,
 * 8-byte aligned, and valid only during the call. */
typedef void (*WeftEventFunc) (const struct weft_event_header *event, gpointer user_data);

WeftTraceReader *weft_trace_reader_new (WeftEventFunc func, gpointer user_data);

gboolean weft_trace_reader_feed (WeftTraceReader *self, const guint8 *data,
                                 gsize len, GError **error);

/* Call at the end of the input.  Fails with WEFT_ERROR_TRUNCATED when the
 * stream stopped inside a chunk or before its END chunk; every whole chunk
 * before that has been delivered. */
gboolean weft_trace_reader_finish (WeftTraceReader *self, GError **error);

/* NULL until the header has been read. */
const WeftTraceInfo *weft_trace_reader_get_info (WeftTraceReader *self);

gboolean weft_trace_reader_has_end (WeftTraceReader *self);
/* Totals from the END chunk; lost events are 0 until it is seen. */
guint64 weft_trace_reader_get_lost_events (WeftTraceReader *self);
guint64 weft_trace_reader_get_stop_ns (WeftTraceReader *self);
guint64 weft_trace_reader_get_n_events (WeftTraceReader *self);

/* Reads a whole file.  On a truncated file the events before the damage
 * are delivered, *truncated is set and TRUE is returned, so a trace cut
 * short by a crash can still be shown with a warning; every other problem
 * fails with a message that names the file. */
gboolean weft_trace_reader_read_file (WeftTraceReader *self, const char *path,
                                      gboolean *truncated, GError **error);

G_END_DECLS

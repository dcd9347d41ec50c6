/* weft-event-merge.h: one time-ordered stream from per-cpu ring buffers. */
#pragma once

#include <glib.h>

#include "events.h"

G_BEGIN_DECLS

/* Receives each record in time order; FALSE (with error set) stops the flush. */
typedef gboolean (*WeftEventSink) (const struct weft_event_header *record, gpointer user_data,
                                   GError **error);

typedef struct _WeftEventMerge WeftEventMerge;

WeftEventMerge *weft_event_merge_new (guint n_cpus);
void weft_event_merge_free (WeftEventMerge *self);

void weft_event_merge_add (WeftEventMerge *self, guint cpu, const struct weft_event_header *record);
gboolean weft_event_merge_flush (WeftEventMerge *self, guint64 until_ns, WeftEventSink sink,
                                 gpointer user_data, GError **error);
guint64 weft_event_merge_get_last_ts (WeftEventMerge *self, guint cpu);
gsize weft_event_merge_get_n_pending (WeftEventMerge *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftEventMerge, weft_event_merge_free)

G_END_DECLS

/* weft-bookmarks.h: a teacher's marks on a trace — a time and a short
 * note — kept next to it in FILE.bookmarks (a GKeyFile). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WEFT_TYPE_BOOKMARKS (weft_bookmarks_get_type ())
G_DECLARE_FINAL_TYPE (WeftBookmarks, weft_bookmarks, WEFT, BOOKMARKS, GObject)

/* Reads TRACE_PATH.bookmarks if it exists; a damaged file is reported and
 * ignored (the trace still opens). */
WeftBookmarks *weft_bookmarks_new_for_trace (const char *trace_path, GError **error);

const char *weft_bookmarks_get_path (WeftBookmarks *self);
guint weft_bookmarks_get_n (WeftBookmarks *self);
gint64 weft_bookmarks_get_time (WeftBookmarks *self, guint index);
const char *weft_bookmarks_get_note (WeftBookmarks *self, guint index);
/* Times in order, for the ruler. */
const gint64 *weft_bookmarks_get_times (WeftBookmarks *self);

/* Keeps them sorted by time and saves at once. */
gboolean weft_bookmarks_add (WeftBookmarks *self, gint64 time_ns, const char *note, GError **error);
gboolean weft_bookmarks_remove (WeftBookmarks *self, guint index, GError **error);

G_END_DECLS

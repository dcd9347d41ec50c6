/*
 * weft-bookmark-list.h: the bookmarks menu — a note for the moment shown,
 * the list of marked moments (a click seeks there) and their ticks on the
 * timeline's ruler.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-bookmarks.h"
#include "weft-replay.h"
#include "weft-timeline-view.h"

G_BEGIN_DECLS

#define WEFT_TYPE_BOOKMARK_LIST (weft_bookmark_list_get_type ())
G_DECLARE_FINAL_TYPE (WeftBookmarkList, weft_bookmark_list, WEFT, BOOKMARK_LIST, GObject)

/* Drives the note entry and list for replay and view; holds no reference
 * to the widgets (the window that owns them outlives it). */
WeftBookmarkList *weft_bookmark_list_new (GtkEntry *note_entry, GtkListBox *list, WeftReplay *replay,
                                          WeftTimelineView *view);
/* The trace's bookmarks (NULL: none, nothing can be marked). */
void weft_bookmark_list_set_bookmarks (WeftBookmarkList *self, WeftBookmarks *bookmarks);
/* Marks the playhead — not replaying, the clicked moment or the middle of
 * the view — with the entry's note.  FALSE with error when it cannot be
 * saved. */
gboolean weft_bookmark_list_add (WeftBookmarkList *self, GError **error);

G_END_DECLS

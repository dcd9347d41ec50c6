/* weft-details-pane.h: what the clicked interval is — state, duration,
 * syscall, object, lock and holder, who woke it, the ps STAT letter. */
#pragma once

#include <gtk/gtk.h>

#include "weft-timeline-tree.h"

G_BEGIN_DECLS

#define WEFT_TYPE_DETAILS_PANE (weft_details_pane_get_type ())
G_DECLARE_FINAL_TYPE (WeftDetailsPane, weft_details_pane, WEFT, DETAILS_PANE, GtkWidget)

GtkWidget *weft_details_pane_new (void);

/* thread -1 shows the hint; time_ns -1 describes the thread only. */
void weft_details_pane_show (WeftDetailsPane *self, WeftTimelineTree *tree, int thread, gint64 time_ns);
/* The text of the shown row named key ("state", "duration", ...), for tests. */
/* After show(): what coroutine (model index + 1, 0 none) the selection is
 * about, and where it ran or was suspended at time_ns. */
void weft_details_pane_show_coroutine (WeftDetailsPane *self, WeftTimelineTree *tree, guint coroutine,
                                       gint64 time_ns);
const char *weft_details_pane_get_value (WeftDetailsPane *self, const char *key);

G_END_DECLS

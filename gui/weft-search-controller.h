/*
 * weft-search-controller.h: Find in the timeline — the search bar's entry
 * highlights the lanes whose name, pid or tid match, steps through them,
 * and says "3 of 12" (or "no match") beside it.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-timeline-view.h"

G_BEGIN_DECLS

#define WEFT_TYPE_SEARCH_CONTROLLER (weft_search_controller_get_type ())
G_DECLARE_FINAL_TYPE (WeftSearchController, weft_search_controller, WEFT, SEARCH_CONTROLLER, GObject)

/* Drives the bar's widgets for view; holds no reference to them (the
 * window that owns them outlives it). */
WeftSearchController *weft_search_controller_new (GtkSearchBar *bar, GtkSearchEntry *entry, GtkLabel *match_label,
                                                  WeftTimelineView *view);
/* Opens the bar, the cursor in its entry. */
void weft_search_controller_begin (WeftSearchController *self);
/* The next (or previous) match. */
void weft_search_controller_step (WeftSearchController *self, gboolean forward);

G_END_DECLS

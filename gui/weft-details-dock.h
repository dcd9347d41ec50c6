/*
 * weft-details-dock.h: where the details pane sits.  Beside the timeline
 * normally; in classroom mode, and beside a live run's terminal, it
 * leaves the side of the timeline (which keeps its width) and floats over
 * it, shown on demand: a click on a lane, or I.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-details-pane.h"
#include "weft-timeline-view.h"

G_BEGIN_DECLS

#define WEFT_TYPE_DETAILS_DOCK (weft_details_dock_get_type ())
G_DECLARE_FINAL_TYPE (WeftDetailsDock, weft_details_dock, WEFT, DETAILS_DOCK, GObject)

/* Moves details between side (the paned's end) and over (an overlay on
 * the timeline); holds no reference to the widgets (the window that owns
 * them outlives it). */
WeftDetailsDock *weft_details_dock_new (WeftDetailsPane *details, GtkPaned *side, GtkOverlay *over,
                                        WeftTimelineView *view);
void weft_details_dock_set_floating (WeftDetailsDock *self, gboolean floating);
gboolean weft_details_dock_get_floating (WeftDetailsDock *self);
/* Floating: shows or hides it (beside the timeline it is always shown). */
void weft_details_dock_show (WeftDetailsDock *self, gboolean shown);
gboolean weft_details_dock_is_shown (WeftDetailsDock *self);

G_END_DECLS

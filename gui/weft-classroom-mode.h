/*
 * weft-classroom-mode.h: the timeline for the back row — full screen, no
 * header bar, large fonts and high contrast (the program's terminal too),
 * and the details pane floating over the timeline, shown on demand.  The
 * details pane floats beside a live run's terminal as well.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-details-dock.h"
#include "weft-live-panel.h"
#include "weft-timeline-view.h"

G_BEGIN_DECLS

#define WEFT_TYPE_CLASSROOM_MODE (weft_classroom_mode_get_type ())
G_DECLARE_FINAL_TYPE (WeftClassroomMode, weft_classroom_mode, WEFT, CLASSROOM_MODE, GObject)

/* Drives window, its header bar, view, panel's terminal and dock; holds no
 * reference to them (the window owns them all and outlives it). */
WeftClassroomMode *weft_classroom_mode_new (GtkWindow *window, GtkWidget *header_bar, WeftTimelineView *view,
                                            WeftLivePanel *panel, WeftDetailsDock *dock);
/* FALSE when it already was so. */
gboolean weft_classroom_mode_set_active (WeftClassroomMode *self, gboolean active);
gboolean weft_classroom_mode_get_active (WeftClassroomMode *self);

G_END_DECLS

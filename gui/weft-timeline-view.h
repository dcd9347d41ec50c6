/* weft-timeline-view.h: the timeline widget — the shared cairo renderer
 * plus zoom, pan, selection and a vertical adjustment for the lanes. */
#pragma once

#include <gtk/gtk.h>

#include "weft-timeline-renderer.h"

G_BEGIN_DECLS

#define WEFT_TYPE_TIMELINE_VIEW (weft_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (WeftTimelineView, weft_timeline_view, WEFT, TIMELINE_VIEW, GtkWidget)

GtkWidget *weft_timeline_view_new (void);

void weft_timeline_view_set_tree (WeftTimelineView *self, WeftTimelineTree *tree);
WeftTimelineTree *weft_timeline_view_get_tree (WeftTimelineView *self);
/* Live: a newer snapshot of the same trace.  The view follows the newest
 * time unless the user scrolled away from it. */
void weft_timeline_view_update_tree (WeftTimelineView *self, WeftTimelineTree *tree);
gboolean weft_timeline_view_is_following (WeftTimelineView *self);
WeftTimelineRenderer *weft_timeline_view_get_renderer (WeftTimelineView *self);
GtkAdjustment *weft_timeline_view_get_vadjustment (WeftTimelineView *self);

/* Zooms by factor (> 1 zooms in) keeping the time at canvas x in place;
 * x < 0 zooms around the middle. */
void weft_timeline_view_zoom (WeftTimelineView *self, double factor, double x);
void weft_timeline_view_fit_all (WeftTimelineView *self);
/* Zooms to the shift-dragged range; FALSE when there is none. */
gboolean weft_timeline_view_zoom_to_selection (WeftTimelineView *self);
void weft_timeline_view_set_window (WeftTimelineView *self, gint64 t0, gint64 t1);

/* -1 shows everything; otherwise only what happened up to t. */
void weft_timeline_view_set_playhead (WeftTimelineView *self, gint64 t);
void weft_timeline_view_set_presentation (WeftTimelineView *self, gboolean presentation);
void weft_timeline_view_set_flow_mask (WeftTimelineView *self, guint mask);
/* Highlights the lanes whose pid, tid or name match, scrolls to the first
 * (opening what hides it) and returns how many there are. */
guint weft_timeline_view_search (WeftTimelineView *self, const char *text);
/* Shows the next (or previous) match, round the end; returns its
 * position from 1, or 0 without matches. */
guint weft_timeline_view_search_step (WeftTimelineView *self, gboolean forward);
void weft_timeline_view_get_search_position (WeftTimelineView *self, guint *current, guint *n_matches);
/* Back to the window before the last zoom (or run of zooms); FALSE when
 * there is none. */
gboolean weft_timeline_view_zoom_back (WeftTimelineView *self);
guint weft_timeline_view_get_zoom_history_length (WeftTimelineView *self);
/* Collapses (or expands) every process and group of children. */
void weft_timeline_view_collapse_all (WeftTimelineView *self, gboolean collapsed);
void weft_timeline_view_set_bookmarks (WeftTimelineView *self, const gint64 *times, guint n_times);

/* Selects thread's interval at time_ns, as a click would. */
void weft_timeline_view_select (WeftTimelineView *self, int thread, gint64 time_ns);
/* The selected lane and time: thread -1 when nothing is selected. */
void weft_timeline_view_get_selection (WeftTimelineView *self, int *thread, gint64 *time_ns);
/* The coroutine sub-lane of the selection: the model's coroutine index + 1, 0 none. */
guint weft_timeline_view_get_selected_coroutine (WeftTimelineView *self);

G_END_DECLS

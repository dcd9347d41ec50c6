/*
 * weft-timeline-renderer.h: draws a time window of a trace to any cairo_t.
 *
 * The same object draws the viewer's timeline and `weft export`'s PNG, SVG
 * and PDF files.  Lanes are drawn per pixel column from the model's binned
 * summary, so a frame costs O(width x lanes), never O(events).
 *
 * The canvas, top to bottom: the time ruler, the deadlock banner (when a
 * deadlock is in view), the lanes (one per thread, indented under their
 * process in tree order, names in a gutter on the left), the legend.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "weft-duration.h"
#include "weft-timeline-tree.h"

G_BEGIN_DECLS

#define WEFT_TYPE_TIMELINE_RENDERER (weft_timeline_renderer_get_type ())
G_DECLARE_FINAL_TYPE (WeftTimelineRenderer, weft_timeline_renderer, WEFT, TIMELINE_RENDERER, GObject)

/* What is under a point of the canvas. */
typedef enum {
  WEFT_PICK_NOTHING,
  WEFT_PICK_RULER,
  WEFT_PICK_GUTTER,     /* a lane's name */
  WEFT_PICK_EXPANDER,   /* a process's collapse triangle */
  WEFT_PICK_LANE,
  WEFT_PICK_LEGEND,
} WeftPickArea;

typedef struct {
  WeftPickArea area;
  int process;   /* index, -1 none */
  int thread;    /* index, -1 none */
  gint64 time_ns;
  guint coroutine; /* a coroutine sub-lane: the model's coroutine index + 1; 0 none */
} WeftTimelinePick;

WeftTimelineRenderer *weft_timeline_renderer_new (void);

void weft_timeline_renderer_set_tree (WeftTimelineRenderer *self, WeftTimelineTree *tree);
/* A newer snapshot of the same (live) trace: keeps the window, scroll,
 * collapsed processes and selection. */
void weft_timeline_renderer_update_tree (WeftTimelineRenderer *self, WeftTimelineTree *tree);
WeftTimelineTree *weft_timeline_renderer_get_tree (WeftTimelineRenderer *self);

/* The time window drawn across the lanes. */
void weft_timeline_renderer_set_window (WeftTimelineRenderer *self, gint64 t0, gint64 t1);
void weft_timeline_renderer_get_window (WeftTimelineRenderer *self, gint64 *t0, gint64 *t1);

/* Replay: only what happened up to t is drawn; -1 shows everything. */
void weft_timeline_renderer_set_playhead (WeftTimelineRenderer *self, gint64 t);
gint64 weft_timeline_renderer_get_playhead (WeftTimelineRenderer *self);

void weft_timeline_renderer_set_presentation (WeftTimelineRenderer *self, gboolean presentation);
gboolean weft_timeline_renderer_get_presentation (WeftTimelineRenderer *self);

/* WeftFlowMask bits of the flow arrows to draw. */
void weft_timeline_renderer_set_flow_mask (WeftTimelineRenderer *self, guint mask);
guint weft_timeline_renderer_get_flow_mask (WeftTimelineRenderer *self);

void weft_timeline_renderer_set_collapsed (WeftTimelineRenderer *self, guint32 pid, gboolean collapsed);
gboolean weft_timeline_renderer_get_collapsed (WeftTimelineRenderer *self, guint32 pid);
/* A process with other threads or children can be collapsed; a child of a
 * group of identical children (weft-timeline-groups.h) closes its group. */
gboolean weft_timeline_renderer_is_collapsible (WeftTimelineRenderer *self, guint process);
/* Collapses every process (groups closed), or opens every one. */
void weft_timeline_renderer_set_all_collapsed (WeftTimelineRenderer *self, gboolean collapsed);
/* Opens whatever hides the thread's lane: its group, its process, its ancestors. */
void weft_timeline_renderer_reveal_thread (WeftTimelineRenderer *self, guint thread);

/* The clicked interval (outlined); thread -1 clears it. */
void weft_timeline_renderer_set_selected (WeftTimelineRenderer *self, int thread, gint64 t);
/* A shaded time range (zoom to selection); t0 == t1 clears it. */
void weft_timeline_renderer_set_range (WeftTimelineRenderer *self, gint64 t0, gint64 t1);
/* Lanes whose pid, tid or name match are highlighted; NULL clears. */
void weft_timeline_renderer_set_search (WeftTimelineRenderer *self, const char *text);
gboolean weft_timeline_renderer_thread_matches (WeftTimelineRenderer *self, guint thread);
/* Bookmarks: times marked on the ruler. */
void weft_timeline_renderer_set_bookmarks (WeftTimelineRenderer *self, const gint64 *times, guint n_times);

/* Vertical scroll of the lanes, in pixels. */
void weft_timeline_renderer_set_scroll (WeftTimelineRenderer *self, double y);
double weft_timeline_renderer_get_scroll (WeftTimelineRenderer *self);
/* Height all lanes need (for a scrollbar), and of the part of a canvas
 * of that height where lanes are drawn. */
double weft_timeline_renderer_get_lanes_height (WeftTimelineRenderer *self);
double weft_timeline_renderer_get_viewport_height (WeftTimelineRenderer *self, double canvas_height);
/* Height that shows every lane without scrolling. */
double weft_timeline_renderer_get_natural_height (WeftTimelineRenderer *self);
double weft_timeline_renderer_get_gutter_width (WeftTimelineRenderer *self);
/* The y of a thread's lane in canvas coordinates (scroll applied) — for a
 * child of a closed group, the group's row — or -1 when it is not shown. */
double weft_timeline_renderer_get_lane_y (WeftTimelineRenderer *self, guint thread);
/* The legend's height at the bottom, as last laid out (one line before the
 * first draw): what a pane floating over the timeline leaves uncovered. */
double weft_timeline_renderer_get_legend_height (WeftTimelineRenderer *self);
double weft_timeline_renderer_get_row_height (WeftTimelineRenderer *self);

void weft_timeline_renderer_draw (WeftTimelineRenderer *self, cairo_t *cr, double width, double height);

void weft_timeline_renderer_pick (WeftTimelineRenderer *self, double width, double height,
                                  double x, double y, WeftTimelinePick *pick);
gint64 weft_timeline_renderer_time_at_x (WeftTimelineRenderer *self, double width, double x);
double weft_timeline_renderer_x_at_time (WeftTimelineRenderer *self, double width, gint64 t);

/* The deadlock in one sentence, for the banner and the viewer. */
char *weft_timeline_describe_deadlock (WeftTimelineTree *tree, const WeftDeadlock *deadlock);

G_END_DECLS

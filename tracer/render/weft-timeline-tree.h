/*
 * weft-timeline-tree.h: the order in which the timeline lists a trace.
 *
 * Processes in tree order (depth first, children by start time), each
 * followed by its threads, numbered so that rows, picks and selections
 * can say "process 3" and "thread 7".  What they are is the model's own
 * types (weft-model.h): WeftProcess, WeftThread, WeftStateInterval,
 * WeftFlow, with its times (ns since the start, WEFT_TIME_NONE for
 * "not yet").  The view's window is signed (it may start before the
 * trace), so its times are gint64.
 *
 * A live run keeps one growing model; a new tree over it lists the
 * processes seen since.
 */
#pragma once

#include <glib-object.h>

#include "weft-model.h"

G_BEGIN_DECLS

typedef void (*WeftTreeIntervalFunc) (const WeftStateInterval *interval, gpointer user_data);
typedef void (*WeftTreeFlowFunc) (const WeftFlow *flow, gpointer user_data);

#define WEFT_TYPE_TIMELINE_TREE (weft_timeline_tree_get_type ())
G_DECLARE_FINAL_TYPE (WeftTimelineTree, weft_timeline_tree, WEFT, TIMELINE_TREE, GObject)

/* Keeps a reference to the model. */
WeftTimelineTree *weft_timeline_tree_new (WeftModel *model);
/* Loads and analyses a trace file: the one entry point of the viewer. */
WeftTimelineTree *weft_timeline_tree_new_for_file (const char *path, GError **error);

WeftModel *weft_timeline_tree_get_model (WeftTimelineTree *self);
/* The model's "now", at least 1 ns: the span a full view shows. */
gint64 weft_timeline_tree_get_duration (WeftTimelineTree *self);

guint weft_timeline_tree_get_n_processes (WeftTimelineTree *self);
const WeftProcess *weft_timeline_tree_get_process (WeftTimelineTree *self, guint index);
/* In the process tree: 0 for a root. */
guint weft_timeline_tree_get_depth (WeftTimelineTree *self, guint process);
/* Index of the process's main thread; its process->threads->len threads follow. */
guint weft_timeline_tree_get_first_thread (WeftTimelineTree *self, guint process);
/* Index of the process with pid, or -1. */
int weft_timeline_tree_find_process (WeftTimelineTree *self, guint32 pid);

guint weft_timeline_tree_get_n_threads (WeftTimelineTree *self);
const WeftThread *weft_timeline_tree_get_thread (WeftTimelineTree *self, guint index);
/* Index of the thread's process. */
guint weft_timeline_tree_get_thread_process (WeftTimelineTree *self, guint thread);
/* Index of tid (the latest thread with it), or -1. */
int weft_timeline_tree_find_thread (WeftTimelineTree *self, guint32 tid);

/* The state (weft_model_known_state) that takes most of each of
 * n_columns equal columns over [t0, t1); WEFT_STATE_NONE before the
 * trace.  O(n_columns), whatever the number of events. */
void weft_timeline_tree_summarize (WeftTimelineTree *self, guint thread,
                                   gint64 t0, gint64 t1, guint n_columns,
                                   guint8 *states_out);
/* Intervals of thread in [t0, t1) lasting at least min_ns (for labels);
 * none when there are too many to label.  States as known. */
void weft_timeline_tree_foreach_interval (WeftTimelineTree *self, guint thread,
                                          gint64 t0, gint64 t1, gint64 min_ns,
                                          WeftTreeIntervalFunc func, gpointer user_data);
/* The interval of thread at t, its state as known; FALSE when the thread
 * did not exist then. */
gboolean weft_timeline_tree_interval_at (WeftTimelineTree *self, guint thread,
                                         gint64 t, WeftStateInterval *out);

/* Flows of the classes in mask (WeftFlowMask) arriving in [t0, t1]; at
 * most max_flows, an even sample when there are very many. */
void weft_timeline_tree_foreach_flow (WeftTimelineTree *self, gint64 t0, gint64 t1,
                                      guint mask, guint max_flows,
                                      WeftTreeFlowFunc func, gpointer user_data);

/* A model time on the view's signed axis; "not yet" (WEFT_TIME_NONE) is
 * after every time. */
static inline gint64
weft_view_time (guint64 t)
{
  return t > (guint64) G_MAXINT64 ? G_MAXINT64 : (gint64) t;
}

G_END_DECLS

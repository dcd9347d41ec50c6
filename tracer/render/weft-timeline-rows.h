/*
 * weft-timeline-rows.h: which rows the timeline shows, and where.
 *
 * Processes in tree order, each followed by its other threads and their
 * coroutine lanes; minus the subtrees the user collapsed, with a closed
 * group of identical children as one row; during replay, only what
 * exists by the playhead.  What is collapsed or opened survives a newer
 * snapshot of a live run.  The renderer draws these rows and hit-tests
 * them; it never decides which there are.
 */
#pragma once

#include "weft-timeline-groups.h"

G_BEGIN_DECLS

/* One row of the lanes: a process (its main thread's lane) or one of its
 * other threads, or one of a thread's coroutines. */
typedef struct {
  guint process;
  int thread;            /* -1 for a process without known threads */
  gboolean is_process;
  guint depth;           /* indentation level */
  double y;              /* from the top of the lanes, before scrolling */
  const WeftProcessGroup *group; /* the identical children this row stands for, or NULL */
  gboolean group_head;   /* the first child of an opened group (its expander closes it) */
  guint coroutine;       /* 0: a thread's row; else the thread's coroutine lane + 1 */
} WeftRow;

typedef struct _WeftTimelineRows WeftTimelineRows;

WeftTimelineRows *weft_timeline_rows_new (void);
void weft_timeline_rows_free (WeftTimelineRows *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftTimelineRows, weft_timeline_rows_free)

/* Another trace: nothing collapsed, every group closed. */
void weft_timeline_rows_set_tree (WeftTimelineRows *self, WeftTimelineTree *tree);
/* A newer snapshot of the same run: what was collapsed stays so, and the
 * groups the user opened stay open (known by their first child). */
void weft_timeline_rows_update_tree (WeftTimelineRows *self, WeftTimelineTree *tree);

/* Lays the rows out again, row_height apart, showing only what was born
 * by limit (G_MAXINT64: everything). */
void weft_timeline_rows_build (WeftTimelineRows *self, gint64 limit, double row_height);
/* WeftRow, as last built. */
GArray *weft_timeline_rows_get (WeftTimelineRows *self);

/* The group process (an index) belongs to, or NULL. */
const WeftProcessGroup *weft_timeline_rows_group_of (WeftTimelineRows *self, guint process);

/* Collapsing (a process's threads and subtree) and opening a group; each
 * takes effect at the next build. */
void weft_timeline_rows_set_collapsed (WeftTimelineRows *self, guint32 pid, gboolean collapsed);
gboolean weft_timeline_rows_get_collapsed (WeftTimelineRows *self, guint32 pid);
/* The same for a process index, in O(1) (drawing asks for every row). */
gboolean weft_timeline_rows_process_is_collapsed (WeftTimelineRows *self, guint process);
void weft_timeline_rows_set_all_collapsed (WeftTimelineRows *self, gboolean collapsed);
gboolean weft_timeline_rows_is_collapsible (WeftTimelineRows *self, guint process);
/* Opens whatever hides thread: its group, its process, every ancestor. */
void weft_timeline_rows_reveal_thread (WeftTimelineRows *self, guint thread);

G_END_DECLS

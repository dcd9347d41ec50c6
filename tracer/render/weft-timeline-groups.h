/*
 * weft-timeline-groups.h: identical short-lived children in one row.
 *
 * A shell loop running /bin/true 300 times, a server forking a handler per
 * request: dozens of children of one parent, with the same name and
 * program, no threads or children of their own, one after the other (none
 * overlaps another).  One row shows them all — "300 × true, all exit 0" —
 * and can be opened like a collapsed process.  Children that run at the
 * same time are never grouped: that concurrency is the lesson.
 *
 * Groups are found once per snapshot of the trace, never per frame.
 */
#pragma once

#include "weft-timeline-tree.h"

G_BEGIN_DECLS

/* Fewer identical children than this keep their own rows. */
#define WEFT_GROUP_MIN_MEMBERS 4

typedef struct {
  guint n_members;
  guint *members;     /* process indices, by start time (so by end time too) */
  char *label;        /* "300 × true, all exit 0" */
} WeftProcessGroup;

/* The groups of tree; group_of_process (one int per process) gets each
 * process's group index or -1. */
GPtrArray *weft_process_groups_find (WeftTimelineTree *tree, int *group_of_process);
/* The member alive at t (a process index), or the nearest before it. */
guint weft_process_group_member_at (const WeftProcessGroup *group, WeftTimelineTree *tree, gint64 t);

G_END_DECLS

/*
 * weft-timeline-coro.h: what the viewer says about a coroutine sub-lane.
 */
#pragma once

#include "weft-timeline-tree.h"

G_BEGIN_DECLS

/* "Task-2 download(), in thread 812\nSuspended at download() — a.py:18\n
 * Ran 2 times" for the coroutine at model index `index`, at time t; NULL
 * when there is none. */
char *weft_timeline_describe_coroutine (WeftTimelineTree *tree, guint index, gint64 t);

G_END_DECLS

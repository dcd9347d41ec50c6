/*
 * weft-timeline-phenomena.h: the moments a teacher stops at during a replay
 * — a fork, an exit (and the zombie it leaves), a reap, an orphan's
 * adoption, a deadlock closing — found from the tree's processes, so a
 * 2 ms deadlock can be reached in one key press and named in one sentence.
 * A group of identical children (weft-timeline-groups.h) is two stops, its
 * first start and its last end, not two or three per member.
 */
#pragma once

#include "weft-timeline-tree.h"

G_BEGIN_DECLS

typedef enum {
  WEFT_PHENOMENON_FORK,
  WEFT_PHENOMENON_EXIT,     /* exit with an immediate reap */
  WEFT_PHENOMENON_ZOMBIE,   /* exit, and nobody reaps it yet */
  WEFT_PHENOMENON_REAP,
  WEFT_PHENOMENON_ORPHAN,
  WEFT_PHENOMENON_DEADLOCK,
  WEFT_PHENOMENON_GROUP_START, /* the first of a group of identical children starts */
  WEFT_PHENOMENON_GROUP_END,   /* the last of them has ended */
} WeftPhenomenonKind;

typedef struct {
  WeftPhenomenonKind kind;
  gint64 at_ns;
  int process;   /* index (a group's first or last member), -1 for a deadlock */
  int deadlock;  /* index, -1 otherwise */
  guint group_size; /* GROUP_*: how many children, 0 otherwise */
} WeftPhenomenon;

/* The first phenomenon strictly after t (forward) or strictly before t
 * (backward); FALSE when there is none.  O(processes + deadlocks), plus
 * finding the groups. */
gboolean weft_timeline_tree_find_phenomenon (WeftTimelineTree *tree, gint64 t, gboolean forward,
                                               WeftPhenomenon *out);
/* "exit 0", "killed by SIGTERM": how a process ended, translated. */
char *weft_process_exit_text (const WeftProcess *process);
/* One translated sentence: "fork: make 120 starts sh 121". */
char *weft_phenomenon_describe (WeftTimelineTree *tree, const WeftPhenomenon *phenomenon);

G_END_DECLS

/*
 * weft-timeline-source.h: what the timeline renderer asks of a trace.
 *
 * A thin adapter over WeftModel (tracer/model/weft-model.h): it puts the
 * processes in tree order and forwards the per-pixel-column summaries, so the renderer
 * and the viewer never see raw events.  All times are ns since the start of
 * the trace.
 */
#pragma once

#include <glib-object.h>

#include "weft-flow-kind.h"
#include "weft-thread-state.h"

G_BEGIN_DECLS

typedef struct _WeftModel WeftModel;

/* Lane states are the model's WeftThreadState (weft-thread-state.h): its
 * RUNNING is shown as ALIVE in a trace without scheduler events. */

typedef struct {
  guint32 pid;
  guint32 ppid;        /* parent at fork */
  guint depth;         /* in the process tree, 0 = root */
  const char *name;    /* comm */
  const char *exec_path; /* last exec, or NULL */
  gint64 start_ns;
  gint64 exec_ns;      /* -1 without exec */
  gint64 exit_ns;      /* -1 while alive at the end of the trace */
  gint64 reap_ns;      /* -1 if never reaped within the trace */
  guint32 reaped_by;   /* 0 unknown */
  gboolean auto_reaped;
  int exit_code;       /* -1 when killed by a signal or still alive */
  int exit_signal;     /* 0 unless killed by a signal */
  gint64 reparent_ns;  /* -1 if never orphaned */
  guint32 reparented_to;
  guint first_thread;  /* index of its main thread; its threads follow */
  guint n_threads;
} WeftSourceProcess;

typedef struct {
  guint32 tid;
  guint32 pid;
  const char *name;
  gint64 start_ns;
  gint64 end_ns;       /* -1: alive at the end */
  guint process;       /* index into the processes */
} WeftSourceThread;

/* One state interval of a thread, for labels and the details pane. */
typedef struct {
  gint64 start_ns;
  gint64 end_ns;
  WeftThreadState state;
  char stat_letter;
  const char *syscall;   /* "futex", "select", "read" ..., or NULL */
  const char *object;    /* lock name, "pipe:[123]", "fds 3,4" ..., or NULL;
                            valid until the next few queries */
  guint32 holder_tid;    /* lock holder, 0 if unknown */
  guint32 waker_tid;     /* who ended the wait, 0 if unknown */
} WeftSourceInterval;


typedef struct {
  WeftFlowMask kind;      /* exactly one bit */
  guint32 from_tid;
  gint64 from_ns;
  guint32 to_tid;
  gint64 to_ns;
  const char *label;     /* "pipe:[123]", "SIGTERM" ..., or NULL (static or
                            valid during the callback) */
} WeftSourceFlow;

typedef struct {
  gint64 at_ns;          /* when the cycle closed */
  gboolean is_stall;     /* inferred from a stall, not from owners */
  guint n_threads;
  const guint32 *tids;   /* the threads in the cycle or stall */
  guint n_locks;
  const char *const *locks; /* their labels; in a cycle tids[i] waits on locks[i] */
} WeftSourceDeadlock;

typedef void (*WeftSourceIntervalFunc) (const WeftSourceInterval *interval, gpointer user_data);
typedef void (*WeftSourceFlowFunc) (const WeftSourceFlow *flow, gpointer user_data);

#define WEFT_TYPE_TIMELINE_SOURCE (weft_timeline_source_get_type ())
G_DECLARE_FINAL_TYPE (WeftTimelineSource, weft_timeline_source, WEFT, TIMELINE_SOURCE, GObject)

/* The Python stack of the thread's wait at t, one frame a line
 * ("Bank.withdraw() — bank.py:9   with self.lock:"), or NULL. */
char *weft_timeline_source_python_stack_text (WeftTimelineSource *self, guint thread, gint64 t);

/* Keeps a reference to the model. */
WeftTimelineSource *weft_timeline_source_new (WeftModel *model);
/* Loads and analyses a trace file: the one entry point of the viewer. */
WeftTimelineSource *weft_timeline_source_new_for_file (const char *path, GError **error);

WeftModel *weft_timeline_source_get_model (WeftTimelineSource *self);
gint64 weft_timeline_source_get_duration (WeftTimelineSource *self);
/* "python3 demo.py" — what was recorded. */
const char *weft_timeline_source_get_title (WeftTimelineSource *self);
guint64 weft_timeline_source_get_lost_events (WeftTimelineSource *self);
gboolean weft_timeline_source_is_truncated (WeftTimelineSource *self);
/* FALSE for lifecycle-only traces: threads are just "alive". */
gboolean weft_timeline_source_has_sched_detail (WeftTimelineSource *self);

guint weft_timeline_source_get_n_processes (WeftTimelineSource *self);
/* Processes in tree order (depth first, children by start time). */
const WeftSourceProcess *weft_timeline_source_get_process (WeftTimelineSource *self, guint index);
guint weft_timeline_source_get_n_threads (WeftTimelineSource *self);
const WeftSourceThread *weft_timeline_source_get_thread (WeftTimelineSource *self, guint index);
/* Index of tid, or -1. */
int weft_timeline_source_find_thread (WeftTimelineSource *self, guint32 tid);

/* How many state intervals the thread has in all (O(1)). */
guint weft_timeline_source_get_n_intervals (WeftTimelineSource *self, guint thread);

/* The state that takes most of each of n_columns equal columns over
 * [t0, t1): O(n_columns), whatever the number of events. */
void weft_timeline_source_summarize (WeftTimelineSource *self, guint thread,
                                     gint64 t0, gint64 t1, guint n_columns,
                                     guint8 *states_out);

/* Intervals of thread in [t0, t1) lasting at least min_ns (for labels). */
void weft_timeline_source_foreach_interval (WeftTimelineSource *self, guint thread,
                                            gint64 t0, gint64 t1, gint64 min_ns,
                                            WeftSourceIntervalFunc func, gpointer user_data);
gboolean weft_timeline_source_interval_at (WeftTimelineSource *self, guint thread,
                                           gint64 t, WeftSourceInterval *out);

/* Flows of the kinds in mask that touch [t0, t1]; at most max_flows. */
void weft_timeline_source_foreach_flow (WeftTimelineSource *self, gint64 t0, gint64 t1,
                                        guint mask, guint max_flows,
                                        WeftSourceFlowFunc func, gpointer user_data);

guint weft_timeline_source_get_n_deadlocks (WeftTimelineSource *self);
const WeftSourceDeadlock *weft_timeline_source_get_deadlock (WeftTimelineSource *self, guint index);

/* The first event time strictly after t, or -1 at the end (replay steps). */
gint64 weft_timeline_source_next_event (WeftTimelineSource *self, gint64 t);

G_END_DECLS

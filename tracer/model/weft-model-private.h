/*
 * weft-model-private.h: what the model's files share.  Not installed, not
 * for the GUI: use weft-model.h.
 */
#pragma once

#include "weft-model.h"
#include "weft-trace-reader.h"

G_BEGIN_DECLS

/* One state change of a thread: 12 bytes, since there can be ~10M.  The
 * interval lasts until the next span starts. */
typedef struct __attribute__ ((packed)) {
  guint64 start;
  guint32 info; /* state:4 | stat:3 | preempted:1 | wait:24 */
} WeftSpan;

#define SPAN_STATE(s) ((WeftThreadState) ((s)->info & 0xf))
#define SPAN_STAT(s) (((s)->info >> 4) & 0x7)
#define SPAN_PREEMPTED(s) (((s)->info >> 7) & 0x1)
#define SPAN_WAIT(s) ((s)->info >> 8)
#define SPAN_MAX_WAIT 0xffffffu

/* Cumulative per-state time is stored every this many spans, so that the
 * time in any window costs a binary search plus a short scan. */
#define SPAN_CHECKPOINT_EVERY 64

/* ps STAT letters as stored in a span. */
enum { STAT_UNKNOWN, STAT_R, STAT_S, STAT_D, STAT_T, STAT_Z };

/* What a thread is doing at the syscall level. */
typedef struct {
  WeftThreadState state; /* LOCK/IO/SELECT/CHILD/SLEEP, or RUNNING = none */
  guint32 wait;          /* wait record, 0 none */
  guint64 since;
  guint32 syscall;
  guint32 lock;          /* LOCK: lock index + 1 */
  guint32 holder;        /* LOCK: owner tid at wait time */
  guint32 klass;
} WeftSyscallStatus;

/* Scheduler view of a thread. */
typedef enum {
  SCHED_UNKNOWN,
  SCHED_ON_CPU,
  SCHED_RUNNABLE,
  SCHED_OFF, /* asleep; sched_stat says S, D or T */
} WeftSchedStatus;

typedef struct {
  WeftThread pub;
  GArray *spans;        /* WeftSpan */
  GArray *checkpoints;  /* guint64[WEFT_N_STATES] every SPAN_CHECKPOINT_EVERY spans */
  guint64 closed_totals[WEFT_N_STATES]; /* time of spans[0 .. len-2] */
  WeftSchedStatus sched;
  guint8 sched_stat;    /* STAT_* when SCHED_OFF */
  gboolean preempted;
  gboolean exited;
  gboolean zombie_row;  /* the leader row currently shows ZOMBIE */
  WeftSyscallStatus sys;
  guint32 last_wait;    /* the latest wait record, for a late FDSET READY */
  WeftLock *blocked_on; /* LOCK: the lock waited for */
  gboolean timed_wait;  /* LOCK: with a timeout (cannot stall forever) */
} WeftThreadPriv;

typedef struct {
  WeftProcess pub;
  guint32 n_live_threads;
  guint32 n_stuck;       /* live threads in an untimed private futex wait */
  guint64 stuck_since;   /* when the last of them started waiting */
  gboolean stall_reported;
} WeftProcessPriv;

typedef struct {
  guint64 addr;
  guint32 pid; /* 0 for process-shared futexes */
  guint32 pad;
} WeftLockKey;

/* A blocking episode's details, shared by the spans it covers. */
typedef struct {
  guint32 lock;         /* index + 1 */
  guint32 holder;
  guint32 syscall;
  gint32 fd;            /* IO: fd; CHILD: pid argument */
  guint32 object;       /* index + 1 */
  guint32 watch;        /* SELECT: offset + 1 into fd_pool */
  guint32 ready;        /* offset + 1 into fd_pool */
  guint32 woken_by;
  guint8 klass;
  guint8 n_watch;
  guint8 n_ready;
} WeftWait;

struct _WeftModel {
  GObject parent_instance;

  WeftTraceInfo info;
  gboolean have_info;
  gboolean finished;
  gboolean truncated;
  gboolean has_sched;
  guint64 t0;           /* absolute start */
  guint64 now;          /* relative, last event */
  guint64 n_events;
  guint64 lost_events;
  guint64 stall_threshold;

  WeftTraceReader *reader; /* for feed() */

  GPtrArray *processes;    /* WeftProcessPriv * */
  GHashTable *pid_table;   /* pid -> WeftProcessPriv * (latest) */
  GHashTable *tid_table;   /* tid -> WeftThreadPriv * (latest) */
  GPtrArray *threads;      /* every WeftThreadPriv *, owner */
  WeftProcessPriv *root;

  GArray *waits;           /* WeftWait, [0] unused */
  GArray *fd_pool;         /* gint32 */

  GPtrArray *locks;        /* WeftLock * */
  GHashTable *lock_table;  /* WeftLockKey -> WeftLock * */
  GHashTable *lock_names;  /* WeftLockKey -> char * (names of addresses) */

  GPtrArray *objects;      /* WeftObject * */
  GHashTable *object_table; /* (kind, ino) -> WeftObject * */
  GHashTable *fd_objects;  /* (pid, fd) -> WeftObject * */

  GPtrArray *deadlocks;    /* WeftDeadlock * */
  GArray *flows;           /* WeftFlow */
  GArray *io_waits;        /* WeftIoWait */
  GHashTable *io_wait_table; /* (tid, kind) -> index + 1 */
  GArray *signal_counts;   /* WeftSignalCount */
  GHashTable *signal_table; /* (sig, from, to) -> index + 1 */
  GHashTable *pending_signals; /* (tid, sig) -> generate time and sender tid */
  GHashTable *pending_child_exits; /* pid -> exit flow source */
  guint64 last_stall_check;
};

/* weft-model.c */
guint64 weft_model_rel (WeftModel *self, guint64 ts);
WeftProcessPriv *weft_model_ensure_process (WeftModel *self, guint32 pid, guint64 t);
WeftThreadPriv *weft_model_ensure_thread (WeftModel *self, guint32 pid, guint32 tid, guint64 t);
guint64 weft_model_key2 (guint32 a, guint32 b);
void weft_model_add_flow (WeftModel *self, WeftFlowKind kind, guint32 from_tid, guint64 from_ns,
                          guint32 to_tid, guint64 to_ns, guint32 detail);
guint32 weft_model_new_wait (WeftModel *self, WeftWait **out);
WeftWait *weft_model_wait (WeftModel *self, guint32 wait);

/* weft-model-states.c: spans */
void weft_thread_spans_init (WeftThreadPriv *thread);
void weft_thread_spans_clear (WeftThreadPriv *thread);
/* Recomputes the thread's state from its sched and syscall status and
 * appends a span at t when it changed. */
void weft_thread_update_state (WeftModel *self, WeftThreadPriv *thread, guint64 t);
void weft_thread_push_span (WeftThreadPriv *thread, guint64 t, WeftThreadState state,
                            guint stat, gboolean preempted, guint32 wait);
WeftThreadState weft_thread_current_state (WeftThreadPriv *thread);

/* weft-model-tree.c: fork, exec, exit, wait, reap, reparent, names, signals */
void weft_model_tree_event (WeftModel *self, const struct weft_event_header *event, guint64 t);

/* weft-model-sched.c: switch and wakeup */
void weft_model_sched_event (WeftModel *self, const struct weft_event_header *event, guint64 t);

/* weft-model-sync.c: futexes, locks, deadlocks, stalls */
void weft_model_sync_event (WeftModel *self, const struct weft_event_header *event, guint64 t);
void weft_model_check_stalls (WeftModel *self, guint64 t);
/* A thread ends (exit) while maybe inside a futex wait. */
void weft_model_sync_thread_gone (WeftModel *self, WeftThreadPriv *thread, guint64 t);
guint weft_lock_key_hash (gconstpointer key);
gboolean weft_lock_key_equal (gconstpointer a, gconstpointer b);
WeftLock *weft_model_ensure_lock (WeftModel *self, guint32 pid, guint64 addr);

/* weft-model-io.c: syscalls, fd sets, objects, queues */
void weft_model_io_event (WeftModel *self, const struct weft_event_header *event, guint64 t);
const char *weft_syscall_name (guint32 nr);

G_END_DECLS

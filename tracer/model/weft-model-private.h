/*
 * weft-model-private.h: what the model's files share.  Not installed, not
 * for the GUI: use weft-model.h.
 */
#pragma once

#include "weft-model.h"
#include "weft-trace-reader.h"

G_BEGIN_DECLS

/* One state change of a thread: 8 bytes, since there can be ~10M.  The
 * interval lasts until the next span starts.  Its start is an offset from
 * the base of the block it belongs to. */
typedef struct {
  guint32 offset; /* ns after the block's base */
  guint32 info;   /* state:4 | stat:3 | preempted:1 | wait:24 */
} WeftSpan;

/* Up to SPAN_BLOCK spans sharing a base time (a new block also starts when
 * an offset would not fit 32 bits), with the time per state of every span
 * before the block: any window's totals cost two binary searches and two
 * short scans. */
typedef struct {
  guint64 base;
  guint32 first; /* index of its first span */
  guint32 reserved;
  guint64 totals[WEFT_N_STATES];
} WeftSpanBlock;

#define SPAN_STATE(s) ((WeftThreadState) ((s)->info & 0xf))
#define SPAN_STAT(s) (((s)->info >> 4) & 0x7)
#define SPAN_PREEMPTED(s) (((s)->info >> 7) & 0x1)
#define SPAN_WAIT(s) ((s)->info >> 8)
#define SPAN_MAX_WAIT 0xffffffu

#define SPAN_BLOCK 64

/* Waits the futex code follows: on a lock, the GIL, or a thread's end. */
static inline gboolean
weft_state_is_futex_wait (WeftThreadState state)
{
  return state == WEFT_STATE_LOCK || state == WEFT_STATE_JOIN || state == WEFT_STATE_GIL;
}

/* ps STAT letters as stored in a span. */
enum { STAT_UNKNOWN, STAT_R, STAT_S, STAT_D, STAT_T, STAT_Z };

/* A blocking episode's details, shared by the spans it covers: 16 bytes,
 * and only stored once a span shows the episode (most calls never block). */
typedef struct {
  guint32 woken_by;
  guint16 syscall;
  guint8 klass;   /* LOCK: WEFT_FUTEX_CLASS_* */
  guint8 state;   /* WeftThreadState it explains */
  guint32 a;      /* LOCK: lock index + 1; IO: object index + 1; SELECT: watch set; CHILD: pid */
  guint32 b;      /* LOCK: holder tid; IO: fd; SELECT: ready set */
  guint32 stack;  /* Python stack index + 1, 0 none */
} WeftWait;
/* fd sets live in fd_pool as [n, fd...]; a and b hold offset + 1. */

/* What a thread is doing at the syscall level. */
typedef struct {
  WeftThreadState state; /* LOCK/IO/SELECT/CHILD/SLEEP, or RUNNING = none */
  guint32 wait;          /* stored wait record, 0 while only pending */
  WeftWait pending;      /* the details until a span needs them */
  guint64 since;
  guint32 syscall;
  guint32 holder;        /* LOCK: owner tid at wait time */
  guint32 klass;
  guint64 arg;           /* the BEGIN's arg (bytes asked for, for IO) */
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
  GArray *blocks;       /* WeftSpanBlock */
  guint64 closed_totals[WEFT_N_STATES]; /* time of spans[0 .. len-2] */
  WeftSchedStatus sched;
  guint8 sched_stat;    /* STAT_* when SCHED_OFF */
  gboolean preempted;
  gboolean exited;
  gboolean zombie_row;  /* the leader row currently shows ZOMBIE */
  WeftSyscallStatus sys;
  guint32 last_wait;    /* the latest wait record, for a late FDSET READY */
  guint32 signalled_lock; /* its latest futex wait, on this lock (index + 1), ended by a
                           * signal, maybe its kill; 0 otherwise or once it waits again */
  WeftLock *blocked_on; /* LOCK: the lock waited for */
  gboolean timed_wait;  /* LOCK: with a timeout (cannot stall forever) */
  gboolean stuck;       /* counted in its process's n_stuck */
  guint32 pending_stack; /* PY_STACK for the wait that begins next: index + 1 */
  GArray *cow_faults;   /* WeftCowFaultRun by first_ns, NULL until the first */
} WeftThreadPriv;

/* The copy-on-write faults of one stay on the cpu, with the sum of all
 * the thread's runs so far, so that a window's sum is two lookups. */
typedef struct {
  guint64 first_ns;     /* relative */
  guint64 cumulative;   /* this run's count plus every earlier run's */
} WeftCowFaultRun;

typedef struct {
  WeftProcess pub;
  guint32 n_live_threads;
  guint32 n_stuck;       /* live threads in an untimed wait on a futex of this process alone */
  guint64 stuck_since;   /* when the last of them started waiting */
  gboolean stall_reported;
} WeftProcessPriv;

typedef struct {
  guint64 addr;
  guint32 pid; /* 0 for process-shared futexes */
  guint32 pad;
} WeftLockKey;

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
  gboolean has_steal;                     /* a WEFT_EV_CPU_STEAL was seen */
  guint64 steal_first_ns, steal_last_ns;
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
  GHashTable *awaiting_parent; /* ppid -> GPtrArray of WeftProcessPriv * listed at attach before it */
  guint64 last_stall_check;
  GArray *pending_cycles; /* wait-for cycles closed but not yet held long enough (weft-model-sync.c) */

  /* Python (weft-model-python.c) */
  GHashTable *py_codes;    /* (pid, code address) -> PyCode * */
  GStringChunk *py_strings;
  GArray *py_frames;       /* WeftPyFrame, every stack's frames */
  GArray *py_stacks;       /* PyStack */
  GHashTable *py_notes;    /* pid -> char * why stacks are missing */
  char *py_first_note;
  struct _WeftCoroStore *coro; /* coroutine runs (weft-model-coro.c) */
};

/* weft-model-entities.c */
guint64 weft_model_rel (WeftModel *self, guint64 ts);
WeftProcessPriv *weft_model_ensure_process (WeftModel *self, guint32 pid, guint64 t);
WeftThreadPriv *weft_model_ensure_thread (WeftModel *self, guint32 pid, guint32 tid, guint64 t);
/* A thread that starts now (fork), replacing an exited one with its tid. */
WeftThreadPriv *weft_model_new_thread (WeftModel *self, guint32 pid, guint32 tid, guint64 t);
guint64 weft_model_key2 (guint32 a, guint32 b);
void weft_model_add_flow (WeftModel *self, WeftFlowKind kind, guint32 from_tid, guint64 from_ns,
                          guint32 to_tid, guint64 to_ns, guint32 detail);
WeftWait *weft_model_wait (WeftModel *self, guint32 wait);
/* A thread enters a blocking call: returns the pending details to fill. */
WeftWait *weft_thread_begin_wait (WeftThreadPriv *thread, WeftThreadState state,
                                  guint32 syscall, guint64 t);
/* The thread leaves it. */
void weft_thread_end_wait (WeftThreadPriv *thread);
/* The details of the thread's current wait, stored or pending, or NULL. */
WeftWait *weft_thread_current_wait (WeftModel *self, WeftThreadPriv *thread);
/* Stores the pending details (once) and returns the handle. */
guint32 weft_thread_store_wait (WeftModel *self, WeftThreadPriv *thread);

/* weft-model-states.c: spans */
void weft_thread_spans_init (WeftThreadPriv *thread);
void weft_thread_spans_clear (WeftThreadPriv *thread);
/* Recomputes the thread's state from its sched and syscall status and
 * appends a span at t when it changed. */
void weft_thread_update_state (WeftModel *self, WeftThreadPriv *thread, guint64 t);
void weft_thread_push_span (WeftThreadPriv *thread, guint64 t, WeftThreadState state,
                            guint stat, gboolean preempted, guint32 wait);
WeftThreadState weft_thread_current_state (WeftThreadPriv *thread);
guint64 weft_thread_last_span_start (WeftThreadPriv *thread);

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

/* weft-model-python.c: stacks, code objects, names */
void weft_model_python_init (WeftModel *self);
void weft_model_python_clear (WeftModel *self);
void weft_model_python_event (WeftModel *self, const struct weft_event_header *event, guint64 t);
/* The frames of stack index + 1 (0: none). */
const WeftPyFrame *weft_model_python_stack (WeftModel *self, guint32 stack, guint *n_frames, gboolean *partial);
gboolean weft_model_python_stack_awaits_thread_end (WeftModel *self, guint32 stack);
const char *weft_py_wait_kind (const WeftPyFrame *frames, guint n_frames);
char *weft_model_lock_wait_object (const WeftWaitInfo *wait, const char **kind);

/* weft-model-io.c: syscalls, fd sets, objects, queues */
void weft_model_io_event (WeftModel *self, const struct weft_event_header *event, guint64 t);
const char *weft_model_syscall_name (guint32 nr);

G_END_DECLS

/*
 * weft-model.h: the analysis of a trace — what a class should see.
 *
 * A WeftModel turns the raw event stream into a process tree, per-thread
 * state intervals, locks, deadlocks and flows.  It is fed either a whole
 * file (weft_model_new_from_file) or, live, bytes as they arrive
 * (weft_model_feed) or single records (weft_model_add_event).  Every query
 * works at any moment: what has been seen so far is the model "up to now"
 * (weft_model_get_end_ns), and intervals still in progress are reported as
 * open, ending at "now".
 *
 * Times are nanoseconds from the start of recording (the file header's
 * start_monotonic_ns), never absolute.  WEFT_TIME_NONE means "not (yet)".
 *
 * No raw events are kept: the model stores compact interval arrays, so it
 * stays small and fast on 10M-event traces.  The structs below are owned by
 * the model and are read-only for callers; pointers stay valid for the
 * model's life (more may be appended while feeding).
 */
#pragma once

#include <glib-object.h>
#include "events.h"
#include "weft-flow-kind.h"
#include "weft-thread-state.h"
#include "weft-trace-format.h"

G_BEGIN_DECLS

#define WEFT_TIME_NONE G_MAXUINT64

typedef struct _WeftProcess WeftProcess;
typedef struct _WeftThread WeftThread;

struct _WeftThread {
  guint32 tid;
  guint32 pid;            /* its process */
  WeftProcess *process;
  char *name;             /* comm, last known */
  char *python_name;      /* its threading (or multiprocessing) name, NULL if none */
  guint64 start_ns;       /* fork, or first seen */
  guint64 end_ns;         /* exit, or WEFT_TIME_NONE while alive */
  gboolean seen_at_attach; /* existed when the recording started */
  /* Intervals are private: use the weft_model_thread_* queries. */
};

struct _WeftProcess {
  guint32 pid;
  guint32 ppid;           /* parent at fork (or at attach) */
  WeftProcess *parent;    /* the parent at fork, NULL when outside the trace */
  GPtrArray *children;    /* WeftProcess *, in fork order */
  GPtrArray *threads;     /* WeftThread *, the leader first */
  char *comm;             /* comm of the leader, last known */
  char *exec_path;        /* last executed path, NULL if it never exec'd */
  GPtrArray *exec_history; /* char *: every path exec'd, in order */
  guint64 start_ns;
  guint64 exit_ns;        /* group exit (becomes a zombie), or WEFT_TIME_NONE */
  int exit_status;        /* kernel wait status; valid when exit_ns is set */
  guint64 reap_ns;        /* released, or WEFT_TIME_NONE */
  guint32 reaped_by;      /* pid whose wait released it; the parent for auto; 0 */
  gboolean auto_reaped;   /* SIGCHLD ignored / SA_NOCLDWAIT */
  gboolean reaped_by_recorder; /* the root, released by weft itself: no zombie */
  gboolean reaped_outside; /* its parent is not traced (init, a shell): assumed
                            * released at exit, no zombie shown */
  guint32 reparented_to;  /* adopter pid, 0 if never orphaned */
  guint64 reparented_ns;  /* when, or WEFT_TIME_NONE */
  gboolean outlived_root; /* still alive when the root exited: daemon-like */
  gboolean is_root;
};

/* What a person calls the thread: its Python name when it has one, else
 * its comm, else its process's label. */
const char *weft_thread_get_label (const WeftThread *thread);
/* What a person calls the process: its main thread's Python name
 * (multiprocessing's "ForkPoolWorker-1", "saver") unless that is just
 * "MainThread", else its comm. */
const char *weft_process_get_label (const WeftProcess *process);
/* The label and the id ("counter-1 3490", "python3 3483"): how a row, a
 * tooltip, the details and `weft show` name a thread or a process. */
char *weft_thread_dup_title (const WeftThread *thread);
char *weft_process_dup_title (const WeftProcess *process);

/* Helpers for replay: what was true at time t. */
gboolean weft_process_is_alive_at (const WeftProcess *process, guint64 t);
gboolean weft_process_is_zombie_at (const WeftProcess *process, guint64 t);
/* TRUE when the process lingered as a zombie after its exit: until its
 * parent reaped it (reap_ns), or to the end (reap_ns is WEFT_TIME_NONE).
 * FALSE for one released at once: the root (weft reaps it), an
 * auto-reaped child, one whose parent is not traced. */
gboolean weft_process_left_zombie (const WeftProcess *process);
/* exit code (0..255) or -1 when killed by a signal / not exited. */
int weft_process_get_exit_code (const WeftProcess *process);
/* the killing signal or 0. */
int weft_process_get_exit_signal (const WeftProcess *process);

typedef struct {
  guint32 index;          /* position in weft_model_get_locks() */
  guint32 pid;            /* process the address belongs to */
  guint64 addr;
  char *name;             /* from LOCK_NAME, or NULL */
  gboolean shared;        /* process-shared futex */
  guint32 contentions;    /* futex waits on it */
  guint64 wait_ns;        /* total time waited */
  guint64 max_wait_ns;
  guint32 last_holder_tid; /* last known owner, 0 unknown */
  gboolean join;           /* not a lock: threads wait on it for a thread's
                            * end (pthread_join's tid word, Python's
                            * Thread._tstate_lock) */
  guint32 joined_tid;      /* that thread, 0 while not known yet */
} WeftLock;

/* "mutex_a" or "0x7ffd1234"; free with g_free. */
char *weft_lock_label (const WeftLock *lock);

typedef enum {
  WEFT_OBJECT_UNKNOWN = WEFT_OBJ_UNKNOWN,
  WEFT_OBJECT_FILE = WEFT_OBJ_FILE,
  WEFT_OBJECT_PIPE = WEFT_OBJ_PIPE,
  WEFT_OBJECT_SOCKET = WEFT_OBJ_SOCKET,
  WEFT_OBJECT_MQ = WEFT_OBJ_MQ,
  WEFT_OBJECT_TTY = WEFT_OBJ_TTY,
  WEFT_OBJECT_EPOLL = WEFT_OBJ_EPOLL,
  WEFT_OBJECT_OTHER = WEFT_OBJ_OTHER,
} WeftObjectKind;

/* An IO object (pipe, socket, mq...) identified across processes. */
typedef struct {
  guint32 index;          /* position in weft_model_get_objects() */
  WeftObjectKind kind;
  guint64 ino;
  char *label;            /* "pipe:[1234]", "mq /jobs", "socket 127.0.0.1:8000" */
  GArray *writers;        /* guint32 tids */
  GArray *readers;        /* guint32 tids */
  guint64 bytes_written;
  guint64 bytes_read;
} WeftObject;

/* One frame of a Python stack, innermost first. */
typedef struct {
  const char *function;     /* qualname: "Bank.withdraw", "<module>" */
  const char *filename;     /* as the interpreter knows it: "/home/x/bank.py" */
  gint32 line;              /* 0 unknown */
} WeftPyFrame;

/* The text of the frame's source line, stripped ("with self.lock:"), or
 * NULL when the file cannot be read here (another machine, deleted). */
char *weft_py_frame_source_line (const WeftPyFrame *frame);

/* What a blocked interval was waiting for. */
typedef struct {
  const WeftLock *lock;     /* LOCK: the lock, or NULL */
  guint32 holder_tid;       /* LOCK: owner at wait time, 0 unknown */
  guint32 futex_class;      /* LOCK: WEFT_FUTEX_CLASS_* */
  guint32 syscall;          /* IO/SELECT/SLEEP/CHILD: syscall number, 0 unknown */
  const char *syscall_name; /* "read", "epoll_wait", ... or NULL */
  gint32 fd;                /* IO: fd, -1 unknown */
  const WeftObject *object; /* IO: the object behind fd, or NULL */
  const gint32 *fds;        /* SELECT: watched fds (with WEFT_FDSET flag bits) */
  guint n_fds;
  const gint32 *fd_objects; /* SELECT: per watched fd, its object's index + 1 (0 unknown) */
  const gint32 *ready_fds;  /* SELECT: ready fds on return */
  guint n_ready_fds;
  gint32 child_pid;         /* CHILD: wait4's pid argument (-1 any) */
  guint32 woken_by_tid;     /* who woke it, 0 unknown */
  const WeftPyFrame *frames; /* the Python stack when it began waiting, or NULL */
  guint n_frames;
  gboolean frames_partial;  /* the stack could not be read whole (or had more than 16 frames) */
} WeftWaitInfo;

/* A wait in a few words, for a bar's label and the details pane. */
typedef struct {
  const char *syscall;      /* "futex", "select", "read" ..., or NULL */
  char *object;             /* "mutex_a", "pipe:[123]", "ready 4 of fds 3,4", "pid 42"
                             * ..., or NULL; translated */
  guint32 holder_tid;       /* the lock's owner, 0 unknown (or a join's: it is the object) */
  guint32 waker_tid;        /* who ended the wait, 0 unknown */
} WeftWaitWords;

void weft_wait_words_clear (WeftWaitWords *words);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftWaitWords, weft_wait_words_clear)

/* One state interval of a thread.  end_ns of the last interval of a live
 * thread is "now" and open is TRUE. */
typedef struct {
  guint64 start_ns;
  guint64 end_ns;
  WeftThreadState state;
  char stat;              /* ps STAT letter: 'R', 'S', 'D', 'T', 'Z', or '?' */
  gboolean open;
  gboolean preempted;     /* RUNNABLE: preempted (TRUE) vs just woken (FALSE) */
  guint32 wait;           /* handle for weft_model_get_wait_info, 0 none */
} WeftStateInterval;

/* One pixel column of a thread's row. */
typedef struct {
  WeftThreadState dominant; /* most time in the column; NONE if not alive */
  guint16 present;          /* bit (1 << state) for every state in the column */
} WeftStateBin;

typedef enum {
  WEFT_DEADLOCK_CYCLE,      /* threads waiting on locks owned by each other */
  WEFT_DEADLOCK_STALL,      /* all threads of a process stuck on ownerless futexes */
} WeftDeadlockKind;

typedef struct {
  WeftDeadlockKind kind;
  guint64 at_ns;            /* when the cycle closed / the stall was detected */
  guint64 since_ns;         /* stall: when the last of them blocked */
  GArray *tids;             /* guint32 */
  GArray *locks;            /* guint32 lock indices */
  gboolean resolved;        /* the threads moved on afterwards */
} WeftDeadlock;

/* The ps STAT letter of an interval: the recorder's, else its state's. */
char weft_state_interval_stat_letter (const WeftStateInterval *interval);

/* Packed (28 bytes): a trace can hold millions. */
typedef struct __attribute__ ((packed)) {
  guint64 from_ns;
  guint64 to_ns;
  guint32 from_tid;
  guint32 to_tid;
  guint32 detail : 24;      /* signal number / object index / lock index / pid */
  guint32 kind : 8;         /* WeftFlowKind */
} WeftFlow;

/* Per thread and kind of IO wait (for stats). */
typedef struct {
  guint32 tid;
  const char *kind;         /* "select", "poll", "epoll", "read", ... */
  guint32 count;
  guint64 wait_ns;
} WeftIoWait;

typedef struct {
  int signal;
  guint32 from_pid;         /* 0: the kernel */
  guint32 to_pid;
  guint32 count;
} WeftSignalCount;

#define WEFT_TYPE_MODEL (weft_model_get_type ())
G_DECLARE_FINAL_TYPE (WeftModel, weft_model, WEFT, MODEL, GObject)

WeftModel *weft_model_new (void);

/* Loads and analyses a whole file.  A truncated file loads what it holds,
 * sets *truncated and returns TRUE; other problems fail with one sentence
 * naming the file. */
WeftModel *weft_model_new_from_file (const char *path, gboolean *truncated, GError **error);

/* Live: bytes of a .weft stream as they arrive (from a pipe or a growing
 * file).  finish() when the stream ended. */
gboolean weft_model_feed (WeftModel *self, const guint8 *data, gsize len, GError **error);
gboolean weft_model_finish_feed (WeftModel *self, gboolean *truncated, GError **error);

/* Lower level, for tests and for callers with their own reader: the header
 * first, then every record in order, then finish(). */
void weft_model_set_info (WeftModel *self, const WeftTraceInfo *info);
void weft_model_add_event (WeftModel *self, const struct weft_event_header *event);
void weft_model_finish (WeftModel *self, guint64 lost_events, gboolean truncated);

/* Trace information. */
const WeftTraceInfo *weft_model_get_info (WeftModel *self);
gboolean weft_model_is_finished (WeftModel *self);
gboolean weft_model_is_truncated (WeftModel *self);
guint64 weft_model_get_n_events (WeftModel *self);
guint64 weft_model_get_lost_events (WeftModel *self);
/* CPU time the hypervisor took from the machine while recording (0 on
 * real hardware, or a trace without the records). */
guint64 weft_model_get_stolen_ns (WeftModel *self);
/* "now": the last event seen (or the stop marker), relative ns. */
guint64 weft_model_get_end_ns (WeftModel *self);
/* absolute CLOCK_MONOTONIC ns of time 0. */
guint64 weft_model_get_start_monotonic_ns (WeftModel *self);
/* TRUE once scheduler events were seen: states are exact, not derived. */
gboolean weft_model_has_sched_events (WeftModel *self);
/* A state as far as the trace can tell: without scheduler events RUNNING
 * only means "not blocked", and is ALIVE. */
WeftThreadState weft_model_known_state (WeftModel *self, WeftThreadState state);
/* "python3 demo.py": what was recorded ("" when unknown); g_free it. */
char *weft_model_dup_title (WeftModel *self);
/* The first time after t when something starts or ends (a process, a
 * state, a deadlock, a coroutine switch), or WEFT_TIME_NONE after the
 * last: the steps of a replay. */
guint64 weft_model_next_event (WeftModel *self, guint64 t);

/* Process tree. */
WeftProcess *weft_model_get_root (WeftModel *self);          /* may be NULL */
GPtrArray *weft_model_get_processes (WeftModel *self);        /* WeftProcess *, in first-seen order */
WeftProcess *weft_model_lookup_process (WeftModel *self, guint32 pid);
WeftThread *weft_model_lookup_thread (WeftModel *self, guint32 tid);
/* "teller-2 4242": a thread as people name it, by its label and tid (a
 * main thread by its process's label, as its row is); just "4242" when
 * the trace never saw it.  Free with g_free. */
char *weft_model_name_thread (WeftModel *self, guint32 tid);
/* "ForkPoolWorker-1 4243": a process by its label and pid; a tid that is
 * no process's pid is named as a thread. */
char *weft_model_name_process (WeftModel *self, guint32 pid);
/* Processes in tree order (depth first, children by start), with depth;
 * processes without a known parent are roots.  Free with g_ptr_array_unref;
 * depths (optional) receives a GArray of guint. */
GPtrArray *weft_model_list_tree (WeftModel *self, GArray **depths);

/* Thread states. */
guint weft_model_thread_n_intervals (WeftModel *self, const WeftThread *thread);
void weft_model_thread_get_interval (WeftModel *self, const WeftThread *thread,
                                     guint index, WeftStateInterval *out);
/* Index of the interval containing t (binary search), or -1 when t is
 * before the thread's first interval or after "now". */
gint weft_model_thread_find_interval (WeftModel *self, const WeftThread *thread, guint64 t);
/* Intervals overlapping [t0, t1), not clipped.  O(log n + k). */
GArray *weft_model_thread_intervals (WeftModel *self, const WeftThread *thread,
                                     guint64 t0, guint64 t1);
/* Time per state within [t0, t1): out[WEFT_N_STATES].  O(log n). */
void weft_model_thread_state_totals (WeftModel *self, const WeftThread *thread,
                                     guint64 t0, guint64 t1, guint64 *out);
/* n_columns equal columns over [t0, t1): the dominant state per column.
 * O(n_columns · log n), independent of the number of events. */
void weft_model_thread_bins (WeftModel *self, const WeftThread *thread, guint64 t0,
                             guint64 t1, guint n_columns, WeftStateBin *out);
gboolean weft_model_get_wait_info (WeftModel *self, guint32 wait, WeftWaitInfo *out);
/* Copy-on-write faults of the thread (writes to a page it shared, after
 * fork(), with another process: the kernel copied the page) in the stays
 * on the cpu whose first fault was in [t0, t1).  O(log n). */
guint64 weft_model_thread_cow_faults (WeftModel *self, const WeftThread *thread, guint64 t0, guint64 t1);
/* The same, summed over the process's threads. */
guint64 weft_model_process_cow_faults (WeftModel *self, const WeftProcess *process, guint64 t0, guint64 t1);
/* "waiting for lock mutex_a held by 1235", "running", ...; g_free it. */
char *weft_model_describe_interval (WeftModel *self, const WeftStateInterval *interval);
/* A select/poll/epoll wait's fds for people: "3 (tcp 127.0.0.1:8000),
 * 4 (pipe:[1234])", each named by what it was when the wait began;
 * with ready, the ready ones only ("3"). */
char *weft_model_describe_fds (WeftModel *self, const WeftWaitInfo *info, gboolean ready);
/* The interval's wait in a few words (all empty when it waited for
 * nothing); clear out with weft_wait_words_clear. */
void weft_model_describe_wait (WeftModel *self, const WeftStateInterval *interval, WeftWaitWords *out);
/* The Python stack of the thread's wait at t, innermost first: a line for
 * each frame ("Bank.withdraw() — bank.py:9") and, indented below it, its
 * source ("    with self.lock:"); or NULL. */
char *weft_model_describe_python_stack (WeftModel *self, const WeftThread *thread, guint64 t);

/* Locks, objects, deadlocks, flows, counters. */
GPtrArray *weft_model_get_locks (WeftModel *self);      /* WeftLock * */
GPtrArray *weft_model_get_objects (WeftModel *self);    /* WeftObject * */
GPtrArray *weft_model_get_deadlocks (WeftModel *self);  /* WeftDeadlock *, by at_ns */
GArray *weft_model_get_flows (WeftModel *self);         /* WeftFlow, sorted by to_ns */
/* A lock by its index (WeftDeadlock.locks): as weft_lock_label. */
char *weft_model_lock_label_at (WeftModel *self, guint32 index);
/* The locks a deadlock's threads wait on, "mutexA, mutexB" ("" for none),
 * leaving out joins: a join is a wait for a thread's end, not a lock;
 * *joins says whether there was one. */
char *weft_model_deadlock_locks (WeftModel *self, const WeftDeadlock *deadlock, gboolean *joins);
/* An arrow's label: "pipe:[123]", "SIGTERM" ...; NULL when it needs none. */
char *weft_model_describe_flow (WeftModel *self, const WeftFlow *flow);
/* Flows arriving in [t0, t1] (to_ns within it): *first and *n_flows
 * index into weft_model_get_flows(); O(log n). */
void weft_model_flows_in (WeftModel *self, guint64 t0, guint64 t1, guint *first, guint *n_flows);
GArray *weft_model_get_io_waits (WeftModel *self);      /* WeftIoWait */
/* Every WeftIoWait.kind there can be ("select", "read", ...), NULL-ended. */
const char *const *weft_model_io_kinds (void);
GArray *weft_model_get_signal_counts (WeftModel *self); /* WeftSignalCount */

/* Python: why stacks are missing for a process running CPython that
 * weft cannot read ("Python stacks are not recorded: ..."), or NULL. */
const char *weft_model_get_python_note (WeftModel *self, guint32 pid);
/* The first such note of the trace, or NULL: said once. */
const char *weft_model_get_first_python_note (WeftModel *self);

/* Stall detector threshold (default 1 s). Set before feeding. */
void weft_model_set_stall_threshold_ns (WeftModel *self, guint64 ns);

G_END_DECLS

/*
 * weft-thread-state.h: what a thread is doing at a moment — every thread
 * state, once.  Each row is one state, in the enum's order (which is the
 * order of "state_ns" in `weft stats --json`, of `weft show`'s legend and
 * of the viewer's):
 *
 *   X (NAME, key, label, stat, symbol, ansi, meaning, colour, presentation)
 *
 *   key           its word in JSON, the demo catalog and the chrome export
 *   label         its name in the viewer's legend and details (translated)
 *   stat          the ps STAT letter when the trace says nothing better
 *   symbol, ansi  its cell in `weft show` (a character, or a colour on a tty)
 *   meaning       its entry in `weft show`'s legend
 *   colour, presentation  its fill in the viewer, normal and for projectors
 *
 * A new state is a row here, its classification in the model
 * (weft-model-states.c) and its docs; see docs/HACKING.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WEFT_THREAD_STATES(X)                                                                                      \
  X (RUNNING, "running", N_("running"), 'R', '#', "32", "running", 0x2f9e44, 0x008a00)                            \
  X (RUNNABLE, "runnable", N_("runnable"), 'R', '+', "92", "runnable (ready or preempted)", 0xa9e34b, 0x9be000)   \
  X (LOCK, "lock", N_("lock"), 'S', 'L', "31", "waiting for a lock", 0xe03131, 0xe00000)                          \
  X (JOIN, "join", N_("join"), 'S', 'J', "95", "waiting for a thread to end (join)", 0xf783ac, 0xff78b4)          \
  X (GIL, "gil", N_("GIL"), 'S', 'G', "93", "waiting for Python's GIL", 0xfcc419, 0xffd000)                       \
  X (IO, "io", N_("IO"), 'S', 'I', "34", "blocked on IO", 0xf08c00, 0xff8c00)                                     \
  X (SELECT, "select", N_("select/poll/epoll"), 'S', 'P', "36", "waiting in select/poll/epoll", 0x7048e8, 0x6a00d8) \
  X (CHILD, "child", N_("waiting for child"), 'S', 'C', "35", "waiting for a child", 0x1c7ed6, 0x0050e0)          \
  X (SLEEP, "sleep", N_("sleeping"), 'S', '.', "37", "sleeping", 0xadb5bd, 0x9a9a9a)                              \
  X (DISK, "disk", N_("uninterruptible (D)"), 'D', 'D', "96", "uninterruptible sleep (D)", 0x15aabf, 0x00a0b8)    \
  X (STOPPED, "stopped", N_("stopped"), 'T', 'T', "33", "stopped", 0x9c6644, 0x8b4513)                            \
  X (ZOMBIE, "zombie", N_("zombie"), 'Z', 'Z', "90", "zombie (exited, not reaped)", 0x343a40, 0x000000)           \
  X (ALIVE, "alive", N_("alive"), 'R', '#', "32", "alive", 0x74c0fc, 0x40a0ff)                                    \
  X (NONE, "none", N_("not alive"), '?', ' ', NULL, "not alive", 0xffffff, 0xffffff)

/* RUNNING: on a cpu (or, without scheduler events, not blocked).
 * RUNNABLE: ready or preempted, waiting for a cpu.
 * LOCK: a futex wait (mutex, semaphore, condition variable).
 * JOIN: a futex wait for a thread's end (pthread_join, Thread.join()).
 * GIL: a futex wait for CPython's interpreter lock.
 * IO: blocked in read/write/recv/send/accept/connect/mq.
 * SELECT: waiting in select/poll/epoll.  CHILD: wait4/waitid.
 * SLEEP: nanosleep/clock_nanosleep, or asleep for a reason no syscall says.
 * DISK: uninterruptible sleep (ps D) outside any classified syscall: a
 *   vfork parent, a page read from disk, a kernel lock.
 * STOPPED: SIGSTOP or traced.  ZOMBIE: exited, not reaped (the leader's row).
 * ALIVE: the viewer's RUNNING in a trace without scheduler events (the
 *   model never makes it: there, a thread not blocked counts as running).
 * NONE: not alive, or unknown (a gap). */
#define WEFT_THREAD_STATE_ENUM(name, ...) WEFT_STATE_##name,
typedef enum { WEFT_THREAD_STATES (WEFT_THREAD_STATE_ENUM) WEFT_N_STATES } WeftThreadState;
#undef WEFT_THREAD_STATE_ENUM

/* "running", "runnable", "lock", ... as used in the JSON. */
const char *weft_thread_state_name (WeftThreadState state);
/* "running", "select/poll/epoll", "waiting for child" ..., translated. */
const char *weft_thread_state_label (WeftThreadState state);
/* The ps STAT letter: R S D T Z, '?' for NONE. */
char weft_thread_state_stat_letter (WeftThreadState state);
/* weft show's cell: its character, and its ANSI SGR colour (NULL: none). */
char weft_thread_state_symbol (WeftThreadState state);
const char *weft_thread_state_ansi (WeftThreadState state);
/* weft show's legend entry: "waiting for a lock". */
const char *weft_thread_state_meaning (WeftThreadState state);

G_END_DECLS

/*
 * weft-demo-expect.h: one expected phenomenon of a demo ("zombies ≥ 1
 * lasting ≥ 1 s"), in the checkable form of docs/demo-catalog.md, and
 * its check against a WeftModel.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "weft-model.h"

G_BEGIN_DECLS

typedef enum {
  WEFT_EXPECT_PROCESSES,
  WEFT_EXPECT_ALIVE,
  WEFT_EXPECT_THREADS,
  WEFT_EXPECT_ZOMBIES,
  WEFT_EXPECT_REPARENT,
  WEFT_EXPECT_AUTO_REAPED,
  WEFT_EXPECT_EXIT,
  WEFT_EXPECT_SIGNAL,
  WEFT_EXPECT_STATE,
  WEFT_EXPECT_LOCK_CONTENTIONS,
  WEFT_EXPECT_DEADLOCK,
  WEFT_EXPECT_IO_WAITS,
  WEFT_EXPECT_QUEUE,
  WEFT_EXPECT_PARALLEL,
  WEFT_EXPECT_SERIAL,
  WEFT_EXPECT_MAX_THREADS,
  WEFT_EXPECT_CUT_OFF,
  WEFT_EXPECT_STATE_AT_ONCE,
  WEFT_EXPECT_EXEC,
  WEFT_EXPECT_NO_DEADLOCK,
  WEFT_EXPECT_COROUTINES,
  WEFT_EXPECT_PYTHON,
  WEFT_EXPECT_COPY_ON_WRITE,
  WEFT_N_EXPECT_KINDS
} WeftDemoExpectKind;

/* The state keyword "disk": uninterruptible sleep (ps STAT D), which the
 * model shows as an interval with stat 'D' whatever its category. */
#define WEFT_EXPECT_STATE_DISK WEFT_N_STATES

typedef struct {
  WeftDemoExpectKind kind;
  guint64 min;            /* a count; 1 when not given */
  guint64 min_ns;         /* zombies, state, parallel; 0 when not given */
  guint64 max_percent;    /* serial: of the time the threads ran */
  guint64 max;            /* max_threads, state_at_once */
  gboolean has_max;       /* state_at_once: bounded above (max) rather than below (min) */
  char *program;          /* exec: a program's file name, "sleep" */
  gboolean has_code;      /* exit: by code (TRUE) or by signal */
  int code;               /* exit */
  int signal;             /* exit (when !has_code), signal */
  guint state;            /* state, state_at_once: a WeftThreadState or WEFT_EXPECT_STATE_DISK */
  guint64 min_threads;    /* state; 1 when not given */
  char *lock;             /* lock_contentions: a lock name, or NULL for any */
  WeftDeadlockKind deadlock; /* deadlock */
  guint64 threads;        /* deadlock */
  char *io;               /* io_waits: "select", "mq", ... */
  WeftObjectKind queue;   /* queue: pipe, mq or socket */
  guint64 min_bytes;      /* queue */
  guint32 flavour;        /* coroutines: WEFT_CORO_GREENLET, TASK or GENERATOR */
  guint64 lanes;          /* coroutines: that many of them in one thread */
  guint64 switches;       /* coroutines: runs of different ones following each other */
  char **names;           /* coroutines: words their labels must hold ("test1()");
                           * python: threads that must be named so ("teller-1"); or NULL */
  char *function;         /* python: waits must be in it ("Bank.withdraw", or "withdraw") */
} WeftDemoExpect;

const char *weft_demo_expect_kind_name (WeftDemoExpectKind kind);

/* Reads one item of a demo's "expect" array.  Unknown kinds, unknown or
 * missing keys and out-of-range values fail with a sentence naming them
 * (the caller prefixes the file and demo). */
WeftDemoExpect *weft_demo_expect_new_from_json (JsonObject *object, GError **error);
void weft_demo_expect_free (WeftDemoExpect *expect);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftDemoExpect, weft_demo_expect_free)

/* What is wanted, for people: "zombies: 1 lasting ≥ 1 s", "exit by signal 11 (SIGSEGV)". */
char *weft_demo_expect_describe (const WeftDemoExpect *expect);

typedef struct {
  const WeftDemoExpect *expect;
  gboolean met;
  guint64 found;          /* the count (or per mille, for serial) the trace showed */
  char *reason;           /* "zombies: 1 lasting ≥ 1 s wanted, found 0" */
} WeftDemoCheck;

void weft_demo_check_free (WeftDemoCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftDemoCheck, weft_demo_check_free)

/* Checks one expectation against a (finished) model. */
WeftDemoCheck *weft_demo_expect_check (const WeftDemoExpect *expect, WeftModel *model);

/* Checks every expectation of expects (WeftDemoExpect *): a GPtrArray of
 * WeftDemoCheck * that frees them.  *all_met (optional) tells whether every one was met. */
GPtrArray *weft_demo_expect_check_all (GPtrArray *expects, WeftModel *model, gboolean *all_met);

G_END_DECLS

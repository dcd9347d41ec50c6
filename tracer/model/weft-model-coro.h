/*
 * weft-model-coro.h: coroutines inside threads — which greenlet, asyncio
 * Task or generator ran when in each thread, and where each was suspended.
 * Built from WEFT_EV_CORO_SWITCH records; every query works live.
 */
#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

typedef struct {
  guint32 index;     /* weft_model_get_coroutine (model, index) */
  guint32 tid;       /* the thread it runs in */
  guint32 flavour;   /* WEFT_CORO_GREENLET / TASK / GENERATOR */
  guint32 lane;      /* its sub-lane in the thread's row: 0 for the first seen */
  guint64 address;   /* the object (an address may be reused by a later one) */
  char *label;       /* "greenlet test1()", "Task-2 download()", "generator consumer()" */
  guint32 n_runs;
  gboolean finished; /* a greenlet that ended */
  guint64 run_ns;    /* time it ran, runs still going not counted */
} WeftCoroutine;

/* One stretch of time a coroutine ran in its thread. */
typedef struct {
  guint64 start_ns;
  guint64 end_ns;           /* WEFT_TIME_NONE while it runs */
  guint32 coroutine;        /* index */
  gboolean finished;        /* it ended (a greenlet whose function returned) */
  const char *resumed_at;   /* the frame it went on from ("test1() — greenlets.py:24"), or NULL */
  const char *suspended_at; /* the frame it stopped at, or NULL (still running, finished, unknown) */
} WeftCoroRun;

guint weft_model_get_n_coroutines (WeftModel *self);
const WeftCoroutine *weft_model_get_coroutine (WeftModel *self, guint index);

/* The coroutines of thread tid in lane order, NULL when it has none. */
GPtrArray *weft_model_thread_get_coroutines (WeftModel *self, guint32 tid);

/* Its runs in time order (n_runs set; NULL when none). */
const WeftCoroRun *weft_model_thread_get_coro_runs (WeftModel *self, guint32 tid, guint *n_runs);

/* The run going on in thread tid at time t, or NULL. */
const WeftCoroRun *weft_model_coro_run_at (WeftModel *self, guint32 tid, guint64 t);

/* The first coroutine switch strictly after t in any thread, or WEFT_TIME_NONE. */
guint64 weft_model_next_coro_switch (WeftModel *self, guint64 t);

/* How many times a coroutine was resumed, in the whole trace. */
guint weft_model_get_n_coro_switches (WeftModel *self);

G_END_DECLS

/*
 * weft-model-coro-private.h: the model's coroutine store (see
 * weft-model-coro.h for the queries).
 */
#pragma once

#include "weft-model-coro.h"
#include <string.h>

G_BEGIN_DECLS

typedef struct _WeftCoroStore WeftCoroStore;

WeftCoroStore *weft_coro_store_new (void);
void weft_coro_store_free (WeftCoroStore *self);
void weft_model_coro_event (WeftModel *model, WeftCoroStore *self, const struct weft_event_header *event,
                            guint64 t);

guint weft_coro_store_n_coroutines (WeftCoroStore *self);
const WeftCoroutine *weft_coro_store_coroutine (WeftCoroStore *self, guint index);
GPtrArray *weft_coro_store_thread_coroutines (WeftCoroStore *self, guint32 tid);
const WeftCoroRun *weft_coro_store_thread_runs (WeftCoroStore *self, guint32 tid, guint *n_runs);
const WeftCoroRun *weft_coro_store_run_at (WeftCoroStore *self, guint32 tid, guint64 t);
guint64 weft_coro_store_next_switch (WeftCoroStore *self, guint64 t);
guint weft_coro_store_n_switches (WeftCoroStore *self);

G_END_DECLS

/* weft-demo-check-coro.h: the "coroutines" expectation's check. */
#pragma once

#include "weft-demo-expect.h"

G_BEGIN_DECLS

/* The most switches into coroutines of the flavour (their runs after the
 * first) in one thread that has ≥ lanes of them and all the names;
 * 0 when none does.  *detail: what the best thread showed (free it). */
guint64 weft_demo_find_coroutines (const WeftDemoExpect *expect, WeftModel *model, char **detail);

G_END_DECLS

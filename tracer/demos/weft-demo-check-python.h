/* weft-demo-check-python.h: the "python" expectation's check. */
#pragma once

#include "weft-demo-expect.h"

G_BEGIN_DECLS

/* How many waits (of any kind) began with the expectation's function on
 * their Python stack; 0 when a thread it names is not in the trace.
 * *detail: which names were missing, or where the waits were (free it). */
guint64 weft_demo_find_python_waits (const WeftDemoExpect *expect, WeftModel *model, char **detail);

G_END_DECLS

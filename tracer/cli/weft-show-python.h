/* weft-show-python.h: the Python part of `weft show`. */
#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

/* Under the timeline: for each Python thread of the window (of process
 * pid and its descendants when pid > 0), its longest wait with the Python
 * stack it waited in; then, once, why stacks are missing if they are. */
void weft_show_python_waits (WeftModel *model, guint64 from, guint64 to, int pid);

/* Under a stall of Python threads: which recording mode shows the owners,
 * and why the default one cannot. */
void weft_show_python_stall_hint (WeftModel *model, const WeftDeadlock *deadlock);

G_END_DECLS

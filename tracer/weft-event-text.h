/* weft-event-text.h: one human-readable line per event, for `weft dump`. */
#pragma once

#include <glib.h>
#include "events.h"

G_BEGIN_DECLS

/* Appends "   12.345678901 cpu1 1234/1235 fork child 1236 (process)". */
void weft_event_format (GString *out, const struct weft_event_header *event, guint64 t0_ns);

/* "exited with code 3", "killed by SIGTERM", "killed by SIGSEGV (core dumped)". */
char *weft_describe_wait_status (int status);

const char *weft_signal_name (int sig);

G_END_DECLS

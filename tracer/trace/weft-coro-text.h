/*
 * weft-coro-text.h: coroutine switches (WEFT_EV_CORO_SWITCH) in words, for
 * `weft dump`, `weft show`, the model's labels and the viewer.
 */
#pragma once

#include <glib.h>
#include "events.h"

G_BEGIN_DECLS

/* "greenlet", "task", "generator". */
const char *weft_coro_flavour_name (guint32 flavour);

/* What a lane is called: "greenlet test1()", "Task-2 download()",
 * "generator consumer()"; "greenlet" alone when the name is unknown. */
char *weft_coro_label (guint32 flavour, const char *name, const char *coro_name);

/* One switch record in words (the record's strings may lack their NUL). */
void weft_coro_format (GString *out, const struct weft_coro_switch *record);

/* A fixed-size string field of a record, made safe to print. */
char *weft_coro_field (const char *field, gsize size);

G_END_DECLS

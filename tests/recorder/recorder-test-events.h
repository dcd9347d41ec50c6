/*
 * recorder-test-events.h: what the recorder tests ask of a trace — the
 * numbers a program printed, its threads, lock names, and which object
 * each fd named at the time of an event.
 */
#pragma once

#include "weft-test-util.h"

G_BEGIN_DECLS

/* The integer after "label " in text (the program's stdout), or -1. */
gint64 recorder_test_printed_number (const char *text, const char *label, guint nth);

/* The address named `name` in process tgid by a LOCK_NAME record, or 0. */
guint64 recorder_test_lock_address (WeftTestTrace *trace, guint32 tgid, const char *name);

/* The LOCK_NAME text for (tgid, addr), or NULL (borrowed). */
const char *recorder_test_lock_name (WeftTestTrace *trace, guint32 tgid, guint64 addr);

/* Replays OBJECT and FD_CLOSE records up to event index `upto`: what fd
 * named in tgid just before that event, or NULL (borrowed). */
const struct weft_object *recorder_test_object_at (WeftTestTrace *trace, guint upto, guint32 tgid, gint32 fd);

G_END_DECLS

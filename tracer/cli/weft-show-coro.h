/*
 * weft-show-coro.h: `weft show`'s coroutine part — a row per coroutine
 * under its thread, and the list of switches.
 */
#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

/* The widest label of thread tid's coroutine rows, in characters (0
 * when it has none). */
guint weft_show_coro_label_chars (WeftModel *model, guint32 tid, guint indent);

/* Prints one row per coroutine of thread tid ('=' where it ran). */
void weft_show_coro_rows (WeftModel *model, guint32 tid, guint64 from, guint64 to, guint width,
                          guint label_width, guint indent);

/* Prints the switches of every thread with coroutines between from and to. */
void weft_show_coro_switches (WeftModel *model, guint64 from, guint64 to);

G_END_DECLS

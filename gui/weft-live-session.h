/*
 * weft-live-session.h: one live recording started from the viewer.
 *
 * It runs `weft record --live-fd 1 --stop-fd 0 --tty PTS -C DIR -- CMD`
 * through the set-up weft_record_access_detect() found (never the viewer
 * itself with privilege), keeps every byte of the stream — the trace file
 * exactly as `weft record -o` would write it — and feeds the same bytes to
 * a WeftModel with the same reader code a saved file goes through.
 */
#pragma once

#include <gio/gio.h>

#include "weft-model.h"

G_BEGIN_DECLS

#define WEFT_TYPE_LIVE_SESSION (weft_live_session_get_type ())
G_DECLARE_FINAL_TYPE (WeftLiveSession, weft_live_session, WEFT, LIVE_SESSION, GObject)

/* Signals: "updated" when new events reached the model, "finished" once
 * the stream ended and the recorder exited. */
WeftLiveSession *weft_live_session_new (void);

/* tty_path (the embedded terminal) and directory may be NULL.  Fails with
 * one sentence when recording is not set up or the recorder cannot start. */
gboolean weft_live_session_start (WeftLiveSession *self, const char *const *command, const char *directory,
                                  const char *tty_path, GError **error);

/* Ends the traced tree (SIGTERM, then SIGKILL); the stream then finishes. */
void weft_live_session_stop (WeftLiveSession *self);

gboolean weft_live_session_is_running (WeftLiveSession *self);
/* While running, the model fed live; once finished, the model of the
 * whole stream exactly as a saved file gives it. */
WeftModel *weft_live_session_get_model (WeftLiveSession *self);
/* Events the live model received, counted when the stream ended. */
guint64 weft_live_session_get_n_events_streamed (WeftLiveSession *self);
/* The trace bytes received so far. */
GBytes *weft_live_session_get_bytes (WeftLiveSession *self);
/* How many bytes of trace came (a failed run may still have some). */
gsize weft_live_session_get_size (WeftLiveSession *self);
/* Writes the trace; only once it finished. */
gboolean weft_live_session_save (WeftLiveSession *self, const char *path, GError **error);
/* After "finished": what went wrong (the recorder's own sentence), or NULL. */
const char *weft_live_session_get_error (WeftLiveSession *self);
/* "python3 pool.py" */
const char *weft_live_session_get_title (WeftLiveSession *self);

G_END_DECLS

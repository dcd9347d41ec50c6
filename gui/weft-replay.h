/* weft-replay.h: the replay clock — play, pause, step, speed, seek.  The
 * playhead is -1 when not replaying (everything is shown). */
#pragma once

#include <glib-object.h>

#include "weft-timeline-source.h"

G_BEGIN_DECLS

#define WEFT_TYPE_REPLAY (weft_replay_get_type ())
G_DECLARE_FINAL_TYPE (WeftReplay, weft_replay, WEFT, REPLAY, GObject)

WeftReplay *weft_replay_new (void);

void weft_replay_set_source (WeftReplay *self, WeftTimelineSource *source);
gint64 weft_replay_get_playhead (WeftReplay *self);
/* Seeks (and enters replay); -1 leaves replay and shows everything. */
void weft_replay_seek (WeftReplay *self, gint64 t);
void weft_replay_set_playing (WeftReplay *self, gboolean playing);
gboolean weft_replay_get_playing (WeftReplay *self);
/* 0.1 .. 10: trace seconds per wall-clock second. */
void weft_replay_set_speed (WeftReplay *self, double speed);
double weft_replay_get_speed (WeftReplay *self);
/* Moves the playhead to the next thing that happens; FALSE at the end. */
gboolean weft_replay_step (WeftReplay *self);
/* Advances as if elapsed_us of wall-clock time had passed (tests, ticks). */
void weft_replay_advance (WeftReplay *self, gint64 elapsed_us);

G_END_DECLS

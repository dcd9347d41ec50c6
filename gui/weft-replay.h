/* weft-replay.h: the replay clock — play, pause, step, speed, seek.  The
 * playhead is -1 when not replaying (everything is shown). */
#pragma once

#include <glib-object.h>

#include "weft-timeline-phenomena.h"
#include "weft-timeline-tree.h"

G_BEGIN_DECLS

#define WEFT_TYPE_REPLAY (weft_replay_get_type ())
G_DECLARE_FINAL_TYPE (WeftReplay, weft_replay, WEFT, REPLAY, GObject)

WeftReplay *weft_replay_new (void);

void weft_replay_set_tree (WeftReplay *self, WeftTimelineTree *tree);
gint64 weft_replay_get_playhead (WeftReplay *self);
/* Seeks (and enters replay); -1 leaves replay and shows everything. */
void weft_replay_seek (WeftReplay *self, gint64 t);
void weft_replay_set_playing (WeftReplay *self, gboolean playing);
gboolean weft_replay_get_playing (WeftReplay *self);
/* 0.001 .. 10: trace seconds per wall-clock second (a deadlock that
 * closes in 2 ms lasts 2 s at 0.001). */
void weft_replay_set_speed (WeftReplay *self, double speed);
double weft_replay_get_speed (WeftReplay *self);
/* Paced by events: playing moves to the next event every half second,
 * whatever the trace time between them (the speed is then unused). */
void weft_replay_set_by_events (WeftReplay *self, gboolean by_events);
gboolean weft_replay_get_by_events (WeftReplay *self);
/* Moves the playhead to the next thing that happens; FALSE at the end. */
gboolean weft_replay_step (WeftReplay *self);
/* Pauses and moves to the next (or previous) fork, exit, zombie, reap,
 * orphan or deadlock; FALSE, not moving, when there is none. */
gboolean weft_replay_jump (WeftReplay *self, gboolean forward, WeftPhenomenon *out);
/* Advances as if elapsed_us of wall-clock time had passed (tests, ticks). */
void weft_replay_advance (WeftReplay *self, gint64 elapsed_us);

G_END_DECLS

/*
 * weft-replay-controls.h: the replay bar's play button, seek bar, time
 * ("1.2 s / 3.0 s") and speed menu, kept in step with a WeftReplay and
 * the timeline it plays.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-replay.h"
#include "weft-timeline-view.h"

G_BEGIN_DECLS

#define WEFT_TYPE_REPLAY_CONTROLS (weft_replay_controls_get_type ())
G_DECLARE_FINAL_TYPE (WeftReplayControls, weft_replay_controls, WEFT, REPLAY_CONTROLS, GObject)

/* Drives the widgets for replay and view; holds no reference to the
 * widgets (the window that owns them outlives it). */
WeftReplayControls *weft_replay_controls_new (WeftReplay *replay, WeftTimelineView *view, GtkButton *play_button,
                                              GtkAdjustment *seek, GtkLabel *time_label, GtkDropDown *speed);
/* The trace played (its length sets the seek bar's), or NULL. */
void weft_replay_controls_set_tree (WeftReplayControls *self, WeftTimelineTree *tree);
/* Moves the playhead to the next (or previous) phenomenon, bringing it into
 * view; returns what happened there in one sentence ("Nothing more happens
 * after this moment." at the end), or NULL without a trace. */
char *weft_replay_controls_jump (WeftReplayControls *self, gboolean forward);

G_END_DECLS

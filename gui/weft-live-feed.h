/*
 * weft-live-feed.h: a live run's timeline, growing.  While a recording
 * runs, each frame (at most; less often when that costs too much, and
 * every 100 ms when nothing arrives, so "now" moves on during a deadlock)
 * it numbers the processes the one growing model has seen in a new
 * WeftTimelineTree and says so.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-live-panel.h"
#include "weft-timeline-tree.h"

G_BEGIN_DECLS

#define WEFT_TYPE_LIVE_FEED (weft_live_feed_get_type ())
G_DECLARE_FINAL_TYPE (WeftLiveFeed, weft_live_feed, WEFT, LIVE_FEED, GObject)

/* Follows panel's runs, refreshing on clock_widget's frame clock; holds
 * no reference to either (the window that owns them outlives it).
 * Signal "refreshed" (WeftTimelineTree *tree): the run's timeline now. */
WeftLiveFeed *weft_live_feed_new (WeftLivePanel *panel, GtkWidget *clock_widget);
/* From the start of a run to its end (or discard). */
void weft_live_feed_start (WeftLiveFeed *self);
void weft_live_feed_stop (WeftLiveFeed *self);
/* Once more now, whatever the clock (the run just ended). */
void weft_live_feed_refresh (WeftLiveFeed *self);

G_END_DECLS

/*
 * weft-flow-actions.h: the View menu's switches for the timeline's kinds
 * of arrow ("flow-data", "flow-signal", ...), one stateful action each.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-timeline-view.h"

G_BEGIN_DECLS

/* Adds the actions to map, each showing and hiding its class of arrows
 * in view (which must outlive map's actions: the window owns both). */
void weft_flow_actions_add (GActionMap *map, WeftTimelineView *view);

G_END_DECLS

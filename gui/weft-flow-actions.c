/* weft-flow-actions.c: showing and hiding the timeline's arrows by class. */
#include "weft-flow-actions.h"

static void
on_flow_toggled (GSimpleAction *action, GVariant *param, gpointer data)
{
  WeftTimelineView *view = WEFT_TIMELINE_VIEW (data);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  guint bit = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "bit"));
  guint mask = weft_timeline_renderer_get_flow_mask (renderer) ^ bit;

  g_simple_action_set_state (action, g_variant_new_boolean ((mask & bit) != 0));
  weft_timeline_view_set_flow_mask (view, mask);
}

void
weft_flow_actions_add (GActionMap *map, WeftTimelineView *view)
{
  static const struct { const char *name; guint bit; } flows[] = {
    { "flow-data", WEFT_FLOW_MASK_DATA }, { "flow-signal", WEFT_FLOW_MASK_SIGNAL },
    { "flow-child", WEFT_FLOW_MASK_CHILD }, { "flow-lock", WEFT_FLOW_MASK_LOCK },
    { "flow-wakeup", WEFT_FLOW_MASK_WAKEUP },
  };
  guint mask = weft_timeline_renderer_get_flow_mask (weft_timeline_view_get_renderer (view));

  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      g_autoptr (GSimpleAction) action = g_simple_action_new_stateful (
        flows[i].name, NULL, g_variant_new_boolean ((mask & flows[i].bit) != 0));

      g_object_set_data (G_OBJECT (action), "bit", GUINT_TO_POINTER (flows[i].bit));
      g_signal_connect (action, "activate", G_CALLBACK (on_flow_toggled), view);
      g_action_map_add_action (map, G_ACTION (action));
    }
}

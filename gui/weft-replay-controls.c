/* weft-replay-controls.c: the replay bar, in step with the replay. */
#include "weft-replay-controls.h"

#include <glib/gi18n.h>

#include "weft-duration.h"
#include "weft-timeline-phenomena.h"

/* The speed menu's entries; the one after the last is "event by event". */
static const double speeds[] = { 0.001, 0.01, 0.1, 0.25, 0.5, 1, 2, 5, 10 };

struct _WeftReplayControls {
  GObject parent_instance;

  WeftReplay *replay;
  WeftTimelineView *view;
  GtkButton *play_button;
  GtkAdjustment *seek;
  GtkLabel *time_label;
  WeftTimelineTree *tree;
  gboolean updating_seek; /* the seek bar follows the playhead: not a seek */
};

G_DEFINE_FINAL_TYPE (WeftReplayControls, weft_replay_controls, G_TYPE_OBJECT)

static void
weft_replay_controls_dispose (GObject *object)
{
  WeftReplayControls *self = WEFT_REPLAY_CONTROLS (object);

  if (self->replay)
    g_signal_handlers_disconnect_by_data (self->replay, self);
  g_clear_object (&self->replay);
  g_clear_object (&self->tree);
  G_OBJECT_CLASS (weft_replay_controls_parent_class)->dispose (object);
}

static void
weft_replay_controls_class_init (WeftReplayControlsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_replay_controls_dispose;
}

static void
weft_replay_controls_init (WeftReplayControls *self)
{
}

static void
update_time_label (WeftReplayControls *self)
{
  gint64 playhead = weft_replay_get_playhead (self->replay);
  g_autofree char *now = NULL, *total = NULL, *text = NULL;

  if (self->tree == NULL)
    return;
  total = weft_format_duration (weft_timeline_tree_get_duration (self->tree));
  if (playhead < 0)
    text = g_strdup_printf (_("all %s"), total);
  else
    {
      now = weft_format_duration (playhead);
      text = g_strdup_printf ("%s / %s", now, total);
    }
  gtk_label_set_text (self->time_label, text);
}

static void
on_playhead_changed (WeftReplay *replay, GParamSpec *pspec, WeftReplayControls *self)
{
  gint64 playhead = weft_replay_get_playhead (replay);

  weft_timeline_view_set_playhead (self->view, playhead);
  self->updating_seek = TRUE;
  gtk_adjustment_set_value (self->seek, playhead < 0 ? gtk_adjustment_get_upper (self->seek) : (double) playhead);
  self->updating_seek = FALSE;
  update_time_label (self);
}

static void
on_playing_changed (WeftReplay *replay, GParamSpec *pspec, WeftReplayControls *self)
{
  gboolean playing = weft_replay_get_playing (replay);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), playing ? _("Pause (Space)") : _("Play (Space)"));
}

static void
on_seek_changed (GtkAdjustment *adjustment, WeftReplayControls *self)
{
  if (self->updating_seek || self->tree == NULL)
    return;
  weft_replay_seek (self->replay, (gint64) gtk_adjustment_get_value (adjustment));
}

static void
on_speed_selected (GtkDropDown *dropdown, GParamSpec *pspec, WeftReplayControls *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  weft_replay_set_by_events (self->replay, selected == G_N_ELEMENTS (speeds));
  if (selected < G_N_ELEMENTS (speeds))
    weft_replay_set_speed (self->replay, speeds[selected]);
  /* Space plays again, rather than opening the menu once more. */
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

WeftReplayControls *
weft_replay_controls_new (WeftReplay *replay, WeftTimelineView *view, GtkButton *play_button, GtkAdjustment *seek,
                          GtkLabel *time_label, GtkDropDown *speed)
{
  WeftReplayControls *self = g_object_new (WEFT_TYPE_REPLAY_CONTROLS, NULL);

  self->replay = g_object_ref (replay);
  self->view = view;
  self->play_button = play_button;
  self->seek = seek;
  self->time_label = time_label;
  g_signal_connect (replay, "notify::playhead", G_CALLBACK (on_playhead_changed), self);
  g_signal_connect (replay, "notify::playing", G_CALLBACK (on_playing_changed), self);
  g_signal_connect_object (seek, "value-changed", G_CALLBACK (on_seek_changed), self, 0);
  g_signal_connect_object (speed, "notify::selected", G_CALLBACK (on_speed_selected), self, 0);
  return self;
}

void
weft_replay_controls_set_tree (WeftReplayControls *self, WeftTimelineTree *tree)
{
  g_set_object (&self->tree, tree);
  self->updating_seek = TRUE;
  if (tree)
    gtk_adjustment_configure (self->seek, 0, 0, (double) weft_timeline_tree_get_duration (tree), 1e6, 1e8, 0);
  self->updating_seek = FALSE;
  on_playhead_changed (self->replay, NULL, self);
}

char *
weft_replay_controls_jump (WeftReplayControls *self, gboolean forward)
{
  WeftPhenomenon phenomenon;
  gint64 t0, t1;

  if (self->tree == NULL)
    return NULL;
  if (!weft_replay_jump (self->replay, forward, &phenomenon))
    return g_strdup (forward ? _("Nothing more happens after this moment.") : _("Nothing happens before this moment."));
  /* It lands where the teacher can see it. */
  weft_timeline_renderer_get_window (weft_timeline_view_get_renderer (self->view), &t0, &t1);
  if (phenomenon.at_ns < t0 || phenomenon.at_ns > t1)
    weft_timeline_view_set_window (self->view, phenomenon.at_ns - (t1 - t0) / 2, phenomenon.at_ns + (t1 - t0) / 2);
  return weft_phenomenon_describe (self->tree, &phenomenon);
}

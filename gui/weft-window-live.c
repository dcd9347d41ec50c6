/* weft-window-live.c: the window during and after a live recording. */
#include "weft-window-private.h"

#include <glib/gi18n.h>

#include "weft-run-dialog.h"

/* Redraw at least this often while recording.  New records (the
 * recorder's clock records too, when the program is silent) redraw at the
 * next frame. */
#define LIVE_IDLE_REFRESH_US 100000

static void
refresh_live (WeftWindow *self)
{
  WeftLiveSession *session = weft_live_panel_get_session (self->live_panel);
  WeftModel *model = session ? weft_live_session_get_model (session) : NULL;
  g_autoptr (WeftTimelineSource) source = NULL;
  gint64 started_us = g_get_monotonic_time ();

  self->live_dirty = FALSE;
  self->live_refreshed_us = started_us;
  if (!model || !weft_model_get_info (model))
    return;
  /* The model grows with the stream, "now" included: the recorder's
   * clock records move it on while the program is silent. */
  source = weft_timeline_source_new (model);
  /* A newer snapshot of the run on screen keeps the user's view. */
  if (self->source && self->file == NULL)
    {
      g_set_object (&self->source, source);
      weft_timeline_view_update_source (self->timeline, source);
    }
  else
    {
      g_set_object (&self->source, source);
      weft_timeline_view_set_source (self->timeline, source);
    }
  self->live_refresh_cost_us = g_get_monotonic_time () - started_us;
}

static gboolean
on_live_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  WeftWindow *self = WEFT_WINDOW (data);

  gint64 since_us = g_get_monotonic_time () - self->live_refreshed_us;

  /* A snapshot costs more as the trace grows (thousands of processes of
   * a fork storm): refresh at most every other frame's worth of that cost,
   * so the window stays responsive; a small trace refreshes every frame. */
  if ((self->live_dirty && since_us >= 2 * self->live_refresh_cost_us) || since_us >= LIVE_IDLE_REFRESH_US)
    refresh_live (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (WeftWindow *self)
{
  if (self->live_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->timeline), self->live_tick);
  self->live_tick = 0;
}

static void
on_live_updated (WeftLivePanel *panel, WeftWindow *self)
{
  self->live_dirty = TRUE;
}

static void
on_live_finished (WeftLivePanel *panel, WeftWindow *self)
{
  WeftLiveSession *session = weft_live_panel_get_session (panel);
  const char *error = weft_live_session_get_error (session);

  stop_ticking (self);
  refresh_live (self);
  adw_window_title_set_subtitle (self->window_title, _("Recorded live, not saved yet"));
  if (self->source == NULL)
    {
      weft_window_show_error (self, error ? error : _("Nothing was recorded."));
      return;
    }
  /* Replay the run that just ended, from where the view is. */
  weft_replay_set_source (self->replay, self->source);
  gtk_adjustment_configure (self->seek_adjustment, (double) weft_timeline_source_get_duration (self->source), 0,
                            (double) weft_timeline_source_get_duration (self->source), 1e6, 1e8, 0);
  weft_details_pane_show (self->details, self->source, -1, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), TRUE);
  if (error)
    weft_window_toast (self, error);
  if (weft_timeline_source_get_lost_events (self->source) > 0)
    weft_window_toast (self, _("Some events were lost while recording: the timeline may have gaps."));
}

static void
on_live_saved (WeftLivePanel *panel, const char *path, WeftWindow *self)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = g_strdup_printf (_("Saved the recording as %s."), basename);
  g_autoptr (GError) error = NULL;

  g_set_object (&self->file, file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  adw_window_title_set_title (self->window_title, basename);
  adw_window_title_set_subtitle (self->window_title, weft_live_session_get_title (weft_live_panel_get_session (panel)));
  g_clear_object (&self->bookmarks);
  self->bookmarks = weft_bookmarks_new_for_trace (path, &error);
  weft_window_refresh_bookmarks (self);
  weft_window_toast (self, text);
}

static void
on_live_discarded (WeftLivePanel *panel, WeftWindow *self)
{
  stop_ticking (self);
  gtk_widget_set_visible (GTK_WIDGET (self->live_panel), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), TRUE);
  if (self->file == NULL)
    {
      /* Nothing of the discarded run stays, its command in the title neither. */
      adw_window_title_set_title (self->window_title, _("Weft"));
      adw_window_title_set_subtitle (self->window_title, "");
    }
  if (self->source && self->file == NULL)
    {
      g_clear_object (&self->source);
      weft_timeline_view_set_source (self->timeline, NULL);
      weft_replay_set_source (self->replay, NULL);
      weft_window_show_page (self, "welcome");
    }
}

gboolean
weft_window_run_command (WeftWindow *self, const char *const *command, const char *directory, GError **error)
{
  g_autofree char *title = NULL;
  gboolean dropped = weft_live_panel_has_unsaved (self->live_panel);

  if (!weft_live_panel_run (self->live_panel, command, directory, error))
    return FALSE;
  if (dropped)
    weft_window_toast (self, _("The previous recording was not saved and is gone."));
  weft_replay_set_playing (self->replay, FALSE);
  weft_replay_seek (self->replay, -1);
  g_clear_object (&self->file);
  g_clear_object (&self->bookmarks);
  weft_window_refresh_bookmarks (self);
  g_clear_object (&self->source);
  weft_timeline_view_set_source (self->timeline, NULL);
  title = g_strjoinv (" ", (char **) command);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, _("Recording live"));
  gtk_widget_set_visible (GTK_WIDGET (self->live_panel), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_bar), FALSE);
  weft_window_show_page (self, "timeline");
  self->live_dirty = TRUE;
  if (!self->live_tick)
    self->live_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->timeline), on_live_tick, self, NULL);
  return TRUE;
}

static void
show_cannot_record (WeftWindow *self, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Record"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A run the user asked for, waiting for them to say what becomes of the
 * recording they have not saved. */
typedef struct {
  WeftWindow *window;
  GStrv command;
  char *directory; /* NULL: the viewer's own */
  char *title;     /* NULL: the command line */
} PendingRun;

static void
pending_run_free (PendingRun *run)
{
  g_object_unref (run->window);
  g_strfreev (run->command);
  g_free (run->directory);
  g_free (run->title);
  g_free (run);
}

static void
start_run (PendingRun *run)
{
  g_autoptr (GError) error = NULL;

  if (!weft_window_run_command (run->window, (const char *const *) run->command, run->directory, &error))
    show_cannot_record (run->window, error->message);
  else if (run->title)
    adw_window_title_set_title (run->window->window_title, run->title);
}

static void
on_discard_answered (AdwMessageDialog *dialog, const char *response, PendingRun *run)
{
  if (g_strcmp0 (response, "discard") == 0)
    start_run (run);
  else /* Kept: show it, with its Save… button. */
    weft_window_leave_gallery_action (GTK_WIDGET (run->window), "win.leave-gallery", NULL);
}

/* Starts `run` at once, or first asks whether the recording shown, which
 * was never saved, may go: a class's example is easily lost otherwise. */
static void
run_unless_unsaved (WeftWindow *self, PendingRun *run)
{
  GtkWidget *dialog;

  if (!weft_live_panel_has_unsaved (self->live_panel))
    {
      start_run (run);
      pending_run_free (run);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Unsaved Recording?"),
                                   _("The recording shown was never saved. Recording again discards it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard and Record"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_discard_answered), run,
                         (GClosureNotify) (void (*) (void)) pending_run_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static PendingRun *
pending_run_new (WeftWindow *self, const char *const *command, const char *directory, const char *title)
{
  PendingRun *run = g_new0 (PendingRun, 1);

  run->window = g_object_ref (self);
  run->command = g_strdupv ((char **) command);
  run->directory = g_strdup (directory);
  run->title = g_strdup (title);
  return run;
}

static void
on_run_requested (char **command, const char *directory, gpointer data)
{
  WeftWindow *self = WEFT_WINDOW (data);

  run_unless_unsaved (self, pending_run_new (self, (const char *const *) command,
                                             *directory ? directory : NULL, NULL));
}

void
weft_window_run_command_action (GtkWidget *widget, const char *action, GVariant *param)
{
  weft_run_dialog_present (GTK_WINDOW (widget), NULL, on_run_requested, widget);
}

void
weft_window_stop_action (GtkWidget *widget, const char *action, GVariant *param)
{
  weft_live_panel_stop (WEFT_WINDOW (widget)->live_panel);
}

static void
on_run_demo (WeftGallery *gallery, gpointer demo_pointer, WeftWindow *self)
{
  const WeftDemo *demo = demo_pointer;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = weft_demo_get_argv (demo, &error);

  if (!argv)
    {
      show_cannot_record (self, error->message);
      return;
    }
  run_unless_unsaved (self, pending_run_new (self, (const char *const *) argv, NULL,
                                             weft_demo_text_get (&demo->title)));
}

void
weft_window_show_gallery_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  if (weft_gallery_get_catalog (self->gallery) == NULL)
    weft_gallery_load (self->gallery);
  weft_window_show_page (self, "gallery");
}

/* Back to what the gallery covered: the trace or recording shown, if any. */
void
weft_window_leave_gallery_action (GtkWidget *widget, const char *action, GVariant *param)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  if (!g_str_equal (weft_window_get_page (self), "gallery"))
    return;
  weft_window_show_page (self, self->source ? "timeline" : "welcome");
}

WeftGallery *
weft_window_get_gallery (WeftWindow *self)
{
  return self->gallery;
}

void
weft_window_live_init (WeftWindow *self)
{
  g_signal_connect (self->gallery, "run-demo", G_CALLBACK (on_run_demo), self);
  g_signal_connect (self->live_panel, "updated", G_CALLBACK (on_live_updated), self);
  g_signal_connect (self->live_panel, "finished", G_CALLBACK (on_live_finished), self);
  g_signal_connect (self->live_panel, "saved", G_CALLBACK (on_live_saved), self);
  g_signal_connect (self->live_panel, "discarded", G_CALLBACK (on_live_discarded), self);
}

void
weft_window_live_dispose (WeftWindow *self)
{
  stop_ticking (self);
  if (self->live_panel)
    g_signal_handlers_disconnect_by_data (self->live_panel, self);
  if (self->gallery)
    g_signal_handlers_disconnect_by_data (self->gallery, self);
}

WeftLivePanel *
weft_window_get_live_panel (WeftWindow *self)
{
  return self->live_panel;
}

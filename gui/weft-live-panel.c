/* weft-live-panel.c: terminal and controls of a live run. */
#include "weft-live-panel.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "weft-record-access.h"

struct _WeftLivePanel {
  GtkBox parent_instance;

  GtkLabel *status;
  GtkWidget *stop_button;
  GtkWidget *save_button;
  GtkWidget *discard_button;
  VteTerminal *terminal;
  WeftLiveSession *session;
  gboolean saved;
  GtkFileChooserNative *chooser;
};

enum { SIGNAL_UPDATED, SIGNAL_FINISHED, SIGNAL_SAVED, SIGNAL_DISCARDED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WeftLivePanel, weft_live_panel, GTK_TYPE_BOX)

static void
show_controls (WeftLivePanel *self)
{
  gboolean running = self->session && weft_live_session_is_running (self->session);
  gboolean done = self->session && !running;

  gtk_widget_set_visible (self->stop_button, running);
  /* Whatever came is worth keeping, even from a run that failed. */
  gtk_widget_set_visible (self->save_button, done && weft_live_session_get_size (self->session) > 0);
  gtk_widget_set_visible (self->discard_button, done);
}

static void
on_session_updated (WeftLiveSession *session, WeftLivePanel *self)
{
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

static void
on_session_finished (WeftLiveSession *session, WeftLivePanel *self)
{
  WeftModel *model = weft_live_session_get_model (session);
  const char *error = weft_live_session_get_error (session);
  g_autofree char *text = NULL;

  if (error)
    text = g_strdup (error);
  else
    {
      guint64 n = weft_model_get_n_events (model);
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

      /* Translators: the command, then a number of events. */
      text = g_strdup_printf (g_dngettext (NULL, "Finished: %s — %s event. Save it or discard it.",
                                           "Finished: %s — %s events. Save it or discard it.", n),
                              weft_live_session_get_title (session), count);
    }
  gtk_label_set_text (self->status, text);
  show_controls (self);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

static char *
terminal_device (VtePty *pty, GError **error)
{
  char name[256];

  if (ptsname_r (vte_pty_get_fd (pty), name, sizeof name) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot set up a terminal for the program: %s"),
                   g_strerror (errno));
      return NULL;
    }
  return g_strdup (name);
}

gboolean
weft_live_panel_run (WeftLivePanel *self, const char *const *command, const char *directory, GError **error)
{
  g_autoptr (WeftLiveSession) session = weft_live_session_new ();
  g_autoptr (VtePty) pty = NULL;
  g_autofree char *device = NULL;
  g_autofree char *text = NULL;

  if (self->session && weft_live_session_is_running (self->session))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("A program is being recorded; stop it first."));
      return FALSE;
    }
  /* Say what is missing before touching the terminal. */
  {
    g_autofree char *recorder = weft_record_access_recorder_path ();
    WeftRecordAccess access;

    if (!weft_record_access_detect (recorder, &access, error))
      return FALSE;
  }
  pty = vte_pty_new_sync (VTE_PTY_DEFAULT, NULL, error);
  if (!pty || !(device = terminal_device (pty, error)))
    return FALSE;
  weft_live_panel_discard (self);
  vte_terminal_reset (self->terminal, TRUE, TRUE);
  vte_terminal_set_pty (self->terminal, pty);
  if (!weft_live_session_start (session, command, directory, device, error))
    return FALSE;
  self->session = g_steal_pointer (&session);
  self->saved = FALSE;
  g_signal_connect (self->session, "updated", G_CALLBACK (on_session_updated), self);
  g_signal_connect (self->session, "finished", G_CALLBACK (on_session_finished), self);
  text = g_strdup_printf (_("Recording %s…"), weft_live_session_get_title (self->session));
  gtk_label_set_text (self->status, text);
  show_controls (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->terminal));
  return TRUE;
}

void
weft_live_panel_stop (WeftLivePanel *self)
{
  if (self->session)
    weft_live_session_stop (self->session);
  gtk_label_set_text (self->status, _("Stopping…"));
}

gboolean
weft_live_panel_has_unsaved (WeftLivePanel *self)
{
  return self->session && !weft_live_session_is_running (self->session) && !self->saved &&
         weft_live_session_get_size (self->session) > 0;
}

gboolean
weft_live_panel_save (WeftLivePanel *self, const char *path, GError **error)
{
  if (!self->session || weft_live_session_is_running (self->session))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("Stop the recording before saving it."));
      return FALSE;
    }
  if (!weft_live_session_save (self->session, path, error))
    return FALSE;
  self->saved = TRUE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, path);
  return TRUE;
}

void
weft_live_panel_discard (WeftLivePanel *self)
{
  if (!self->session)
    return;
  g_signal_handlers_disconnect_by_data (self->session, self);
  /* Discarding a run in progress ends it first. */
  weft_live_session_stop (self->session);
  g_clear_object (&self->session);
  show_controls (self);
  g_signal_emit (self, signals[SIGNAL_DISCARDED], 0);
}

static void
on_save_response (GtkNativeDialog *dialog, int response, WeftLivePanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;

      if (!weft_live_panel_save (self, path, &error))
        gtk_label_set_text (self->status, error->message);
    }
  g_clear_object (&self->chooser);
}

/* Connected swapped, as every button of the panel: the panel comes first. */
static void
on_save_clicked (WeftLivePanel *self)
{
  g_autofree char *name = NULL;
  g_autofree char *program = NULL;
  const char *title;

  if (self->chooser || !self->session)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Recording"),
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  title = weft_live_session_get_title (self->session);
  program = g_path_get_basename (*title ? title : "recording");
  name = g_strdup_printf ("%s.weft", program);
  g_strdelimit (name, " /", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

char *
weft_live_panel_get_terminal_text (WeftLivePanel *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return vte_terminal_get_text (self->terminal, NULL, NULL, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
weft_live_panel_dispose (GObject *object)
{
  WeftLivePanel *self = WEFT_LIVE_PANEL (object);

  /* A window closed during a run ends the run, not just our view of it. */
  if (self->session)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      weft_live_session_stop (self->session);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (weft_live_panel_parent_class)->dispose (object);
}

static void
weft_live_panel_class_init (WeftLivePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_live_panel_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "livepanel");
  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DISCARDED] = g_signal_new ("discarded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkWidget *
make_button (WeftLivePanel *self, const char *label, const char *style, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  if (style)
    gtk_widget_add_css_class (button, style);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
weft_live_panel_init (WeftLivePanel *self)
{
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_margin_start (controls, 6);
  gtk_widget_set_margin_end (controls, 6);
  gtk_widget_set_margin_top (controls, 6);
  gtk_widget_set_margin_bottom (controls, 6);

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->status));

  self->stop_button = make_button (self, _("_Stop"), "destructive-action", G_CALLBACK (weft_live_panel_stop));
  gtk_widget_set_tooltip_text (self->stop_button, _("End the program and everything it started"));
  self->save_button = make_button (self, _("_Save…"), "suggested-action", G_CALLBACK (on_save_clicked));
  self->discard_button = make_button (self, _("_Discard"), NULL, G_CALLBACK (weft_live_panel_discard));
  gtk_box_append (GTK_BOX (controls), self->stop_button);
  gtk_box_append (GTK_BOX (controls), self->save_button);
  gtk_box_append (GTK_BOX (controls), self->discard_button);
  gtk_box_append (GTK_BOX (self), controls);

  self->terminal = VTE_TERMINAL (vte_terminal_new ());
  vte_terminal_set_size (self->terminal, 72, 24);
  vte_terminal_set_scrollback_lines (self->terminal, 5000);
  gtk_widget_set_vexpand (GTK_WIDGET (self->terminal), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->terminal), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->terminal));
  show_controls (self);
}

GtkWidget *
weft_live_panel_new (void)
{
  return g_object_new (WEFT_TYPE_LIVE_PANEL, NULL);
}

WeftLiveSession *
weft_live_panel_get_session (WeftLivePanel *self)
{
  return self->session;
}

VteTerminal *
weft_live_panel_get_terminal (WeftLivePanel *self)
{
  return self->terminal;
}

/* weft-run-requests.c: the Run dialog, a demo, "Discard the unsaved
 * recording?", and "Cannot Record". */
#include "weft-run-requests.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "weft-run-dialog.h"

struct _WeftRunRequests {
  GObject parent_instance;

  GtkWindow *parent;
  WeftLivePanel *panel;
  WeftRunStartFunc start;
  gpointer user_data;
};

G_DEFINE_FINAL_TYPE (WeftRunRequests, weft_run_requests, G_TYPE_OBJECT)

enum { SIGNAL_KEPT, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
weft_run_requests_class_init (WeftRunRequestsClass *klass)
{
  signals[SIGNAL_KEPT] = g_signal_new ("kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
}

static void
weft_run_requests_init (WeftRunRequests *self)
{
}

WeftRunRequests *
weft_run_requests_new (GtkWindow *parent, WeftLivePanel *panel, WeftRunStartFunc start, gpointer user_data)
{
  WeftRunRequests *self = g_object_new (WEFT_TYPE_RUN_REQUESTS, NULL);

  self->parent = parent;
  self->panel = panel;
  self->start = start;
  self->user_data = user_data;
  return self;
}

static void
show_cannot_record (WeftRunRequests *self, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (self->parent, _("Cannot Record"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start (WeftRunRequests *self, const char *const *command, const char *directory, const char *title)
{
  g_autoptr (GError) error = NULL;

  if (!self->start (command, directory, title, self->user_data, &error))
    show_cannot_record (self, error->message);
}

/* A run waiting for the user's answer. */
typedef struct {
  WeftRunRequests *requests;
  GStrv command;
  char *directory;
  char *title;
} PendingRun;

static void
pending_run_free (PendingRun *run)
{
  g_object_unref (run->requests);
  g_strfreev (run->command);
  g_free (run->directory);
  g_free (run->title);
  g_free (run);
}

static void
on_discard_answered (AdwMessageDialog *dialog, const char *response, PendingRun *run)
{
  if (g_strcmp0 (response, "discard") == 0)
    start (run->requests, (const char *const *) run->command, run->directory, run->title);
  else
    g_signal_emit (run->requests, signals[SIGNAL_KEPT], 0);
}

/* Starts at once, or once the user agreed to discard the recording shown. */
static void
request (WeftRunRequests *self, const char *const *command, const char *directory, const char *title)
{
  PendingRun *run;
  GtkWidget *dialog;

  if (!weft_live_panel_has_unsaved (self->panel))
    {
      start (self, command, directory, title);
      return;
    }
  run = g_new0 (PendingRun, 1);
  run->requests = g_object_ref (self);
  run->command = g_strdupv ((char **) command);
  run->directory = g_strdup (directory);
  run->title = g_strdup (title);
  dialog = adw_message_dialog_new (self->parent, _("Discard the Unsaved Recording?"),
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

static void
on_command_entered (char **command, const char *directory, gpointer data)
{
  request (WEFT_RUN_REQUESTS (data), (const char *const *) command, *directory ? directory : NULL, NULL);
}

void
weft_run_requests_ask_command (WeftRunRequests *self)
{
  weft_run_dialog_present (self->parent, NULL, on_command_entered, self);
}

void
weft_run_requests_run_demo (WeftRunRequests *self, const WeftDemo *demo)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = weft_demo_get_argv (demo, WEFT_DEMO_OUTPUT_TERMINAL, &error);

  if (!argv)
    show_cannot_record (self, error->message);
  else
    request (self, (const char *const *) argv, NULL, weft_demo_text_get (&demo->title));
}

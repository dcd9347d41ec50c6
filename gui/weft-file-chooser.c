/* weft-file-chooser.c: the file dialogs, one at a time per window. */
#include "weft-file-chooser.h"

#include <glib/gi18n.h>

/* The dialog up on a window, as data on the window. */
#define CHOOSER_KEY "weft-file-chooser"

typedef struct {
  WeftFileChosenFunc chosen;
  gpointer user_data;
  GtkWindow *parent;
} Question;

static void
on_response (GtkNativeDialog *dialog, int response, Question *question)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      question->chosen (file, question->user_data);
    }
  g_object_set_data (G_OBJECT (question->parent), CHOOSER_KEY, NULL);
}

/* NULL when the window already asks something. */
static GtkFileChooser *
ask (GtkWindow *parent, const char *title, GtkFileChooserAction action, const char *accept,
     WeftFileChosenFunc chosen, gpointer user_data)
{
  GtkFileChooserNative *chooser;
  Question *question;

  if (g_object_get_data (G_OBJECT (parent), CHOOSER_KEY))
    return NULL;
  chooser = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  question = g_new0 (Question, 1);
  *question = (Question) { chosen, user_data, parent };
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_response), question,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  /* The window keeps it alive until it is answered. */
  g_object_set_data_full (G_OBJECT (parent), CHOOSER_KEY, chooser, g_object_unref);
  return GTK_FILE_CHOOSER (chooser);
}

void
weft_file_chooser_open_trace (GtkWindow *parent, WeftFileChosenFunc chosen, gpointer user_data)
{
  GtkFileChooser *chooser = ask (parent, _("Open a Trace"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), chosen,
                                 user_data);
  g_autoptr (GtkFileFilter) traces = NULL;
  g_autoptr (GtkFileFilter) all = NULL;

  if (chooser == NULL)
    return;
  traces = gtk_file_filter_new ();
  gtk_file_filter_set_name (traces, _("Weft traces"));
  gtk_file_filter_add_pattern (traces, "*.weft");
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, traces);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
weft_file_chooser_export_to (GtkWindow *parent, const char *suggested_name, WeftFileChosenFunc chosen,
                             gpointer user_data)
{
  GtkFileChooser *chooser = ask (parent, _("Export the View"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), chosen,
                                 user_data);

  if (chooser == NULL)
    return;
  gtk_file_chooser_set_current_name (chooser, suggested_name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* weft-run-dialog.c: an AdwMessageDialog with two entry rows. */
#include "weft-run-dialog.h"

#include <adwaita.h>
#include <glib/gi18n.h>

typedef struct {
  WeftRunDialogFunc func;
  gpointer user_data;
  GtkEditable *command;
  GtkEditable *directory;
  GtkLabel *problem;
  AdwMessageDialog *dialog;
} RunDialog;

static void
run_dialog_free (RunDialog *run)
{
  g_free (run);
}

/* Run is offered only for a command that parses and a folder that
 * exists; the line below the fields says what is wrong. */
static gboolean
validate (RunDialog *run, char ***argv_out)
{
  const char *text = gtk_editable_get_text (run->command);
  const char *directory = gtk_editable_get_text (run->directory);
  g_auto (GStrv) argv = NULL;
  g_autofree char *problem = NULL;

  if (!g_shell_parse_argv (text, NULL, &argv, NULL))
    problem = g_strdup (*text ? _("This command line does not parse: check its quotes.")
                              : _("Type the command to run, for example: python3 pool.py"));
  else if (*directory && !g_file_test (directory, G_FILE_TEST_IS_DIR))
    problem = g_strdup_printf (_("%s is not a folder; leave it empty to use your own."), directory);
  gtk_label_set_text (run->problem, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (run->problem), problem != NULL);
  adw_message_dialog_set_response_enabled (run->dialog, "run", problem == NULL);
  if (argv_out && !problem)
    *argv_out = g_steal_pointer (&argv);
  return problem == NULL;
}

static void
on_changed (GtkEditable *editable, RunDialog *run)
{
  validate (run, NULL);
}

static void
on_response (AdwMessageDialog *dialog, const char *response, RunDialog *run)
{
  g_auto (GStrv) argv = NULL;

  if (g_str_equal (response, "run") && validate (run, &argv))
    run->func (argv, gtk_editable_get_text (run->directory), run->user_data);
}

GtkWidget *
weft_run_dialog_present (GtkWindow *parent, const char *command_text, WeftRunDialogFunc func, gpointer user_data)
{
  RunDialog *run = g_new0 (RunDialog, 1);
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Record a Command"),
                                              _("The command runs as you, in the terminal beside the timeline, "
                                                "while the recorder watches it and everything it starts."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *command = adw_entry_row_new ();
  GtkWidget *directory = adw_entry_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *problem = gtk_label_new (NULL);

  run->func = func;
  run->user_data = user_data;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (command), _("Command line"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (directory), _("Working folder (empty: your own)"));
  gtk_editable_set_text (GTK_EDITABLE (command), command_text ? command_text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (command), TRUE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), command);
  gtk_list_box_append (GTK_LIST_BOX (list), directory);
  gtk_widget_add_css_class (problem, "error");
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  run->command = GTK_EDITABLE (command);
  run->directory = GTK_EDITABLE (directory);
  run->problem = GTK_LABEL (problem);
  run->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect (command, "changed", G_CALLBACK (on_changed), run);
  g_signal_connect (directory, "changed", G_CALLBACK (on_changed), run);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "run", _("_Run"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "run", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "run");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "weft-run", run, (GDestroyNotify) run_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), run);
  validate (run, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
weft_run_dialog_set_fields (GtkWidget *dialog, const char *command_text, const char *directory)
{
  RunDialog *run = g_object_get_data (G_OBJECT (dialog), "weft-run");

  gtk_editable_set_text (run->command, command_text);
  gtk_editable_set_text (run->directory, directory ? directory : "");
}

void
weft_run_dialog_run (GtkWidget *dialog)
{
  /* What the Run button does: respond, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "run");
  gtk_window_close (GTK_WINDOW (dialog));
}

const char *
weft_run_dialog_get_problem (GtkWidget *dialog)
{
  RunDialog *run = g_object_get_data (G_OBJECT (dialog), "weft-run");

  if (!adw_message_dialog_get_response_enabled (run->dialog, "run"))
    return gtk_label_get_text (run->problem);
  return NULL;
}

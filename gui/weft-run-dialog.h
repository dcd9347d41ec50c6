/* weft-run-dialog.h: "Run Command…" — a command line and a working
 * directory to record live. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the parsed command and the directory ("" for the viewer's
 * own) when the user presses Run. */
typedef void (*WeftRunDialogFunc) (char **command, const char *directory, gpointer user_data);

/* Returns the dialog (already presented), for tests. */
GtkWidget *weft_run_dialog_present (GtkWindow *parent, const char *command_text, WeftRunDialogFunc func,
                                    gpointer user_data);

/* Presses Run as a user would, after filling in the fields (tests). */
void weft_run_dialog_set_fields (GtkWidget *dialog, const char *command_text, const char *directory);
void weft_run_dialog_run (GtkWidget *dialog);
/* The sentence under the fields, or NULL when Run is offered. */
const char *weft_run_dialog_get_problem (GtkWidget *dialog);

G_END_DECLS

/*
 * weft-file-chooser.h: asking for a file — a trace to open, or where to
 * export the view — one question at a time per window.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the file chosen; not called when the user cancels. */
typedef void (*WeftFileChosenFunc) (GFile *file, gpointer user_data);

/* A .weft trace to open (any file, on request). */
void weft_file_chooser_open_trace (GtkWindow *parent, WeftFileChosenFunc chosen, gpointer user_data);
/* Where to export to, starting with suggested_name ("trace.png"). */
void weft_file_chooser_export_to (GtkWindow *parent, const char *suggested_name, WeftFileChosenFunc chosen,
                                  gpointer user_data);

G_END_DECLS

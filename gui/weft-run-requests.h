/*
 * weft-run-requests.h: from a wish to record to the recording's start.
 * The wish comes from the Run dialog or the demo gallery; a recording
 * shown that was never saved is first the user's to give up (a class's
 * example is easily lost otherwise); what cannot start says why in a
 * dialog.
 */
#pragma once

#include <gtk/gtk.h>

#include "weft-demo-catalog.h"
#include "weft-live-panel.h"

G_BEGIN_DECLS

/* Starts the run (directory NULL: the viewer's own; title NULL: the
 * command line); FALSE with error when it cannot. */
typedef gboolean (*WeftRunStartFunc) (const char *const *command, const char *directory, const char *title,
                                      gpointer user_data, GError **error);

#define WEFT_TYPE_RUN_REQUESTS (weft_run_requests_get_type ())
G_DECLARE_FINAL_TYPE (WeftRunRequests, weft_run_requests, WEFT, RUN_REQUESTS, GObject)

/* Asks over parent about panel's recording and calls start; holds no
 * reference to either (the window that owns them outlives it).
 * Signal "kept": the user kept the unsaved recording instead. */
WeftRunRequests *weft_run_requests_new (GtkWindow *parent, WeftLivePanel *panel, WeftRunStartFunc start,
                                        gpointer user_data);
/* The Run dialog: a command line and its folder. */
void weft_run_requests_ask_command (WeftRunRequests *self);
/* A demo of the catalog, under its title. */
void weft_run_requests_run_demo (WeftRunRequests *self, const WeftDemo *demo);

G_END_DECLS

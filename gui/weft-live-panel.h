/*
 * weft-live-panel.h: the side panel of a live run — the program's own
 * terminal (its stdin, stdout and stderr, so interactive demos work), what
 * is being recorded, and Stop, then Save or Discard.
 */
#pragma once

#include <gtk/gtk.h>
#include <vte/vte.h>

#include "weft-live-session.h"

G_BEGIN_DECLS

#define WEFT_TYPE_LIVE_PANEL (weft_live_panel_get_type ())
G_DECLARE_FINAL_TYPE (WeftLivePanel, weft_live_panel, WEFT, LIVE_PANEL, GtkBox)

/* Signals: "updated" (new events), "finished" (the run ended; see
 * weft_live_session_get_error), "saved" (const char *path), "discarded". */
GtkWidget *weft_live_panel_new (void);

/* Starts command in a fresh terminal.  Fails with one sentence. */
gboolean weft_live_panel_run (WeftLivePanel *self, const char *const *command, const char *directory,
                              GError **error);
void weft_live_panel_stop (WeftLivePanel *self);
gboolean weft_live_panel_save (WeftLivePanel *self, const char *path, GError **error);
void weft_live_panel_discard (WeftLivePanel *self);
/* A finished run that was neither saved nor discarded. */
gboolean weft_live_panel_has_unsaved (WeftLivePanel *self);

/* NULL when nothing runs or waits to be saved. */
WeftLiveSession *weft_live_panel_get_session (WeftLivePanel *self);
VteTerminal *weft_live_panel_get_terminal (WeftLivePanel *self);
/* Everything the terminal shows, for tests. */
char *weft_live_panel_get_terminal_text (WeftLivePanel *self);

G_END_DECLS

/* weft-window.h: one trace in a window — welcome page, error page, or the
 * timeline with its details pane and replay bar. */
#pragma once

#include <adwaita.h>

#include "weft-details-pane.h"
#include "weft-gallery.h"
#include "weft-live-panel.h"
#include "weft-replay.h"
#include "weft-timeline-view.h"

G_BEGIN_DECLS

#define WEFT_TYPE_WINDOW (weft_window_get_type ())
G_DECLARE_FINAL_TYPE (WeftWindow, weft_window, WEFT, WINDOW, AdwApplicationWindow)

WeftWindow *weft_window_new (AdwApplication *application);

/* Loads the trace; a bad file shows the error page, never a crash.
 * Returns FALSE when it could not be opened. */
gboolean weft_window_open (WeftWindow *self, GFile *file);

/* For tests and the window's own actions. */
WeftTimelineView *weft_window_get_timeline (WeftWindow *self);
WeftDetailsPane *weft_window_get_details (WeftWindow *self);
WeftReplay *weft_window_get_replay (WeftWindow *self);
/* "welcome", "gallery", "error" or "timeline". */
const char *weft_window_get_page (WeftWindow *self);
/* The error page's sentence, or NULL. */
const char *weft_window_get_error (WeftWindow *self);
/* Classroom mode (F5): full screen, large text, no header bar, the
 * details floating over the timeline on demand. */
void weft_window_set_presentation (WeftWindow *self, gboolean presentation);
gboolean weft_window_get_presentation (WeftWindow *self);

/* Records command live (the terminal beside the timeline is its stdin,
 * stdout and stderr).  Fails with one sentence, for example when
 * recording is not set up; saved traces still open. */
gboolean weft_window_run_command (WeftWindow *self, const char *const *command, const char *directory,
                                  GError **error);
/* The live panel: terminal, Stop, Save, Discard (tests drive it). */
WeftLivePanel *weft_window_get_live_panel (WeftWindow *self);
/* The demo gallery page ("gallery"). */
WeftGallery *weft_window_get_gallery (WeftWindow *self);

G_END_DECLS

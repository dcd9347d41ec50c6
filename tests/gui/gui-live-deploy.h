/*
 * gui-live-deploy.h: weft set up as it is deployed (docs/privileges.md),
 * for the live viewer tests.  As root: a copy of `weft` given
 * cap_bpf,cap_perfmon+ep, one without, the programs to trace, the demo
 * catalog and the translations, in a folder nobody may read but not
 * change; then this process becomes the user nobody for good, with a home
 * of its own.  A child left behind as root removes the folder when the
 * test ends.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GUI_LIVE_NOBODY 65534

typedef struct {
  char *work_dir;     /* root's, readable by all */
  char *home_dir;     /* nobody's */
  char *capable_weft; /* cap_bpf,cap_perfmon+ep */
  char *plain_weft;   /* no capabilities */
} GuiLiveDeploy;

/* Sets up, with the test programs named in programs (NULL-ended) copied
 * into work_dir, and becomes nobody.  Fails the test unless run as root. */
void gui_live_deploy (GuiLiveDeploy *deploy, const char *const *programs);
/* The freshly built translations (copied: nobody may not read the build
 * tree), bound as WEFT_LOCALEDIR binds them for weft-gui. */
void gui_live_bind_translations (const GuiLiveDeploy *deploy);
/* The runner's session bus is root's: GTK gets nobody's own, which dies
 * with this process.  g_subprocess_force_exit() it at the end. */
GSubprocess *gui_live_start_session_bus (void);

G_END_DECLS

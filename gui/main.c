/* main.c: weft-gui [FILE] — the viewer never runs as root. */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "weft-application.h"

/* Recording needs privileges; viewing never does.  A GUI running as root
 * would put a whole toolkit in the way of an attacker.  Tests run as root
 * in CI, so they set WEFT_ALLOW_ROOT_GUI=1 (documented in HACKING). */
static gboolean
refuse_root (void)
{
  if (geteuid () != 0)
    return FALSE;
  if (g_strcmp0 (g_getenv ("WEFT_ALLOW_ROOT_GUI"), "1") == 0)
    return FALSE;
  fprintf (stderr, "%s\n", _("weft-gui: do not run the viewer as root; start it as your normal user "
                             "(only `weft record` needs root)."));
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (WeftApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* WEFT_LOCALEDIR in the environment: translations from a build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("WEFT_LOCALEDIR") ? g_getenv ("WEFT_LOCALEDIR") : WEFT_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (refuse_root ())
    return 1;
  application = weft_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}

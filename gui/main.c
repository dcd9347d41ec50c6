/* main.c: weft-gui [FILE] — the viewer never runs as root. */
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "weft-application.h"
#include "weft-record-access.h"

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
  g_autofree char *locale_dir = NULL;

  setlocale (LC_ALL, "");
  /* Translations: $WEFT_LOCALEDIR, else the ones built next to a viewer
   * run from its build tree, else the installed ones. */
  if (g_getenv ("WEFT_LOCALEDIR"))
    locale_dir = g_strdup (g_getenv ("WEFT_LOCALEDIR"));
  else if (weft_record_access_build_root ())
    locale_dir = g_build_filename (weft_record_access_build_root (), "po", NULL);
  else
    locale_dir = g_strdup (WEFT_LOCALEDIR);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (refuse_root ())
    return 1;
  application = weft_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}

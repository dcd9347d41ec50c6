/* weft-application.c: activation, opening files, the about window. */
#include "weft-application.h"

#include <glib/gi18n.h>

#include "weft-window.h"

struct _WeftApplication {
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (WeftApplication, weft_application, ADW_TYPE_APPLICATION)

static void
weft_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (weft_window_new (ADW_APPLICATION (application)));
  gtk_window_present (window);
}

static void
weft_application_open (GApplication *application, GFile **files, int n_files, const char *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      WeftWindow *window = weft_window_new (ADW_APPLICATION (application));
      weft_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  GtkApplication *application = data;
  static const char *developers[] = { "The weft authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Weft"),
                         "application-icon", "org.weft.Weft",
                         "version", WEFT_VERSION,
                         "comments", _("See processes and threads run, wait, lock and deadlock — a tracer for teaching concurrency."),
                         "developers", developers,
                         "license-type", GTK_LICENSE_LGPL_2_1,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  g_application_quit (G_APPLICATION (data));
}

static void
weft_application_startup (GApplication *application)
{
  static const GActionEntry entries[] = {
    { .name = "about", .activate = about_action },
    { .name = "quit", .activate = quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (weft_application_parent_class)->startup (application);
  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
weft_application_class_init (WeftApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = weft_application_activate;
  app_class->open = weft_application_open;
  app_class->startup = weft_application_startup;
}

static void
weft_application_init (WeftApplication *self)
{
}

WeftApplication *
weft_application_new (void)
{
  /* NON_UNIQUE: every weft-gui is its own process, so a test or a second
   * class window never hands its file to another instance. */
  return g_object_new (WEFT_TYPE_APPLICATION,
                       "application-id", "org.weft.Weft",
                       "resource-base-path", "/org/weft/Weft",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}

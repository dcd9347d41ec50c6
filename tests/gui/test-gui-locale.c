/*
 * test-gui-locale.c: with the desktop in Simplified Chinese, the viewer
 * speaks Chinese — its own widgets (from the .ui files) and what the
 * renderer draws (the deadlock banner, the state names of the legend) and
 * the file reader's errors — through the zh_CN catalogue built from po/.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "gui-fixtures.h"
#include "weft-timeline-renderer.h"
#include "weft-window.h"

/* Every AdwStatusPage title below widget. */
static void
collect_status_titles (GtkWidget *widget, GPtrArray *titles)
{
  if (ADW_IS_STATUS_PAGE (widget) && adw_status_page_get_title (ADW_STATUS_PAGE (widget)))
    g_ptr_array_add (titles, g_strdup (adw_status_page_get_title (ADW_STATUS_PAGE (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_status_titles (child, titles);
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static void
test_window_in_chinese (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-gui-locale.weft", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  WeftWindow *window;
  WeftTimelineTree *tree;
  GPtrArray *deadlocks;
  g_autofree char *banner = NULL;
  gboolean found = FALSE;

  gui_fixture_write_deadlock (path);
  window = weft_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  gtk_window_present (GTK_WINDOW (window));
  weft_window_open (window, file);
  for (int i = 0; i < 200 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    gui_wait_ms (10);
  gui_wait_ms (200);

  /* The details pane's empty state, from weft-details-pane.ui. */
  collect_status_titles (GTK_WIDGET (window), titles);
  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (g_ptr_array_index (titles, i), "未选中任何内容"))
      found = TRUE;
  g_assert_true (found);

  /* The banner the renderer draws over a deadlock, and the legend. */
  tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  deadlocks = weft_model_get_deadlocks (weft_timeline_tree_get_model (tree));
  g_assert_cmpuint (deadlocks->len, ==, 1);
  banner = weft_timeline_describe_deadlock (tree, g_ptr_array_index (deadlocks, 0));
  g_assert_true (has_han (banner));
  g_assert_nonnull (strstr (banner, "死锁"));
  g_assert_cmpstr (weft_thread_state_label (WEFT_STATE_ZOMBIE), ==, "僵尸");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

/* A file that is not there: the error page says so in Chinese (the
 * sentence comes from tracer/, the file reader). */
static void
test_error_in_chinese (void)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/trace.weft");
  WeftWindow *window = weft_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  weft_window_open (window, file);
  for (int i = 0; i < 200 && !g_str_equal (weft_window_get_page (window), "error"); i++)
    gui_wait_ms (10);
  g_assert_cmpstr (weft_window_get_page (window), ==, "error");
  g_assert_cmpstr (weft_window_get_error (window), ==, "/nonexistent/trace.weft 不存在(请检查文件名)。");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* build/gui/weft-gui, run from its build tree with no WEFT_LOCALEDIR,
 * finds the catalogue built next to it.  Its first sentence (as root, it
 * refuses to start) shows which language it speaks. */
static void
test_build_tree_finds_translations (void)
{
  g_autofree char *gui = g_build_filename (g_getenv ("WEFT_BUILD_ROOT"), "gui", "weft-gui", NULL);
  g_auto (GStrv) env = g_get_environ ();
  const char *argv[] = { gui, NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (geteuid () != 0)
    {
      g_test_skip ("the viewer speaks before its window only when it refuses root: run as root, as CI does");
      return;
    }
  env = g_environ_unsetenv (env, "WEFT_LOCALEDIR");
  env = g_environ_unsetenv (env, "WEFT_ALLOW_ROOT_GUI");
  env = g_environ_setenv (env, "LANGUAGE", "zh_CN", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "请不要以 root 身份运行查看器"));
}

int
main (int argc, char **argv)
{
  /* What a desktop session in Chinese hands the viewer; the locale
   * itself need not be generated for gettext to follow LANGUAGE. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain ("weft", g_getenv ("WEFT_LOCALEDIR"));
  bind_textdomain_codeset ("weft", "UTF-8");
  textdomain ("weft");

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/gui/locale/zh-cn", test_window_in_chinese);
  g_test_add_func ("/gui/locale/error-in-chinese", test_error_in_chinese);
  g_test_add_func ("/gui/locale/build-tree", test_build_tree_finds_translations);
  return g_test_run ();
}

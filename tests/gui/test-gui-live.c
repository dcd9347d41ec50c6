/*
 * test-gui-live.c: recording live from the real viewer under Xvfb, with the
 * real recorder, and with privilege separation as it is deployed.
 *
 * CI runs as root: gui-live-deploy.c sets weft up as deployed and drops
 * this whole process — the viewer — to the user `nobody` for good, before
 * GTK starts.  So the viewer never has privilege, the recorder gets
 * exactly the two capabilities from its file, and the traced programs run
 * as nobody, which they print into the embedded terminal.
 *
 * G_DEBUG=fatal-warnings turns any GTK warning or critical into a failure.
 * With WEFT_SCREENSHOT_DIR set, screenshots of the live run are saved.
 */
#include <adwaita.h>
#include <errno.h>
#include <gdk/x11/gdkx.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gui-fixtures.h"
#include "gui-live-deploy.h"
#include "gui-shot.h"
#include "weft-gallery.h"
#include "weft-timeline-palette.h"
#include "weft-model.h"
#include "weft-run-dialog.h"
#include "weft-test-util.h"
#include "weft-window.h"

/* A bound on waiting for the real programs, not a timing assertion. */
#define PATIENCE_MS 30000

static GuiLiveDeploy deploy; /* where the recorder, the programs and nobody's home are */

/* One main loop iteration, or a short nap when nothing is pending.  Never
 * "until nothing is pending": a live view always has the next frame or
 * the next batch pending, and the condition would never be looked at. */
static void
spin (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (2000);
}

typedef gboolean (*Condition) (gpointer data);

static WeftLivePanel *current_panel; /* for messages when a wait fails */

static void
wait_until (Condition condition, gpointer data, const char *what)
{
  gint64 end = g_get_monotonic_time () + PATIENCE_MS * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        {
          g_autofree char *text = current_panel ? weft_live_panel_get_terminal_text (current_panel) : NULL;
          g_error ("gave up waiting until %s; the terminal shows: %s", what, text ? text : "(none)");
        }
      spin ();
    }
}

static gboolean
recording_finished (gpointer data)
{
  WeftLiveSession *session = weft_live_panel_get_session (weft_window_get_live_panel (data));
  return session && !weft_live_session_is_running (session);
}

static WeftWindow *
new_window (void)
{
  WeftWindow *window = weft_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_present (GTK_WINDOW (window));
  current_panel = weft_window_get_live_panel (window);
  for (int i = 0; i < 200 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    gui_wait_ms (10);
  return window;
}

static char *
program (const char *name)
{
  return g_build_filename (deploy.work_dir, name, NULL);
}

static const WeftProcess *
find_process (WeftTimelineTree *tree, const char *name)
{
  for (guint i = 0; tree && i < weft_timeline_tree_get_n_processes (tree); i++)
    if (g_str_equal (weft_process_get_label (weft_timeline_tree_get_process (tree, i)), name))
      return weft_timeline_tree_get_process (tree, i);
  return NULL;
}

/* What the X server shows, as a person would see it. */
static void
maybe_save (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WEFT_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (dir == NULL)
    return;
  gui_wait_ms (200);
  path = g_build_filename (dir, name, NULL);
  {
    const char *argv[] = { "import", "-window", "root", path, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* On screen, while it runs: a lane for every thread so far, and the
 * parent's lane coloured up to the present. */
static void
assert_drawn_live (WeftTimelineView *view)
{
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  WeftTimelineTree *tree;
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  double row_h = weft_timeline_renderer_get_row_height (renderer);
  g_autoptr (GuiShot) shot = NULL;
  GuiImage image;
  gint64 t0, t1;
  double x_now, y_root;
  gboolean coloured = FALSE;

  gui_wait_ms (100);
  /* No main loop iteration from here on: the tree stays the one drawn. */
  tree = weft_timeline_view_get_tree (view);
  shot = gui_shot_take (GTK_WIDGET (view));
  image = shot->image;
  for (guint i = 0; i < weft_timeline_tree_get_n_threads (tree); i++)
    {
      double y = weft_timeline_renderer_get_lane_y (renderer, i);
      g_assert_cmpfloat (y, >=, 0);
    }
  weft_timeline_renderer_get_window (renderer, &t0, &t1);
  x_now = weft_timeline_renderer_x_at_time (renderer, width, weft_timeline_tree_get_duration (tree));
  x_now = MIN (x_now, width - 20);
  y_root = weft_timeline_renderer_get_lane_y (renderer, 0) + row_h / 2;
  for (double x = x_now - 30; x < x_now - 2 && !coloured; x += 1)
    for (int state = WEFT_STATE_RUNNING; state < WEFT_STATE_NONE && !coloured; state++)
      coloured = gui_image_is (&image, (int) x, (int) y_root, pal->state[state].r, pal->state[state].g,
                               pal->state[state].b);
  g_assert_true (coloured);
}

typedef struct {
  WeftLivePanel *panel;
  const char *text;
} TerminalShows;

static gboolean
terminal_shows (gpointer data)
{
  TerminalShows *shows = data;
  g_autofree char *text = weft_live_panel_get_terminal_text (shows->panel);

  return strstr (text, shows->text) != NULL;
}

/* Saved bytes are the stream itself; loading them gives the model the
 * viewer built live, event for event. */
static void
assert_saved_matches (WeftLivePanel *panel, const char *path)
{
  WeftLiveSession *session = weft_live_panel_get_session (panel);
  WeftModel *live = weft_live_session_get_model (session);
  g_autoptr (GBytes) streamed = weft_live_session_get_bytes (session);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftModel) loaded = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gboolean truncated = TRUE;
  struct stat st;

  g_assert_true (weft_live_panel_save (panel, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, GUI_LIVE_NOBODY);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (streamed, NULL), g_bytes_get_size (streamed));

  loaded = weft_model_new_from_file (path, &truncated, &error);
  g_assert_no_error (error);
  g_assert_false (truncated);
  g_assert_true (weft_model_is_finished (live));
  g_assert_cmpuint (weft_model_get_n_events (loaded), ==, weft_live_session_get_n_events_streamed (session));
  g_assert_cmpuint (weft_model_get_n_events (loaded), ==, weft_model_get_n_events (live));
  g_assert_cmpuint (weft_model_get_n_events (loaded), >, 0);
  g_assert_cmpuint (weft_model_get_processes (loaded)->len, ==, weft_model_get_processes (live)->len);
  g_assert_cmpuint (weft_model_get_end_ns (loaded), ==, weft_model_get_end_ns (live));
}

/* A short command: it runs as the user, prints into the terminal, shows
 * up in the timeline; the saved trace loads and matches. */
static void
test_run_command_as_user (void)
{
  WeftWindow *window = new_window ();
  WeftLivePanel *panel = weft_window_get_live_panel (window);
  g_autofree char *print_ids = program ("print-ids");
  g_autofree char *saved = g_build_filename (deploy.home_dir, "print-ids.weft", NULL);
  const char *command[] = { print_ids, NULL };
  g_autoptr (GError) error = NULL;
  WeftTimelineTree *tree;

  g_assert_true (weft_window_run_command (window, command, deploy.home_dir, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (weft_window_get_page (window), ==, "timeline");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  wait_until (recording_finished, window, "print-ids was recorded");
  gui_wait_ms (200);

  g_assert_null (weft_live_session_get_error (weft_live_panel_get_session (panel)));
  /* The terminal shows the output once it has read it from the pty. */
  {
    TerminalShows ids = { panel, "uid=65534 euid=65534 gid=65534 egid=65534" };
    wait_until (terminal_shows, &ids, "the terminal showed the program's output");
  }
  tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  g_assert_nonnull (find_process (tree, "print-ids"));
  assert_saved_matches (panel, saved);

  /* The saved file opens like any trace. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (saved);
    g_assert_true (weft_window_open (window, file));
    g_assert_nonnull (find_process (weft_timeline_view_get_tree (weft_window_get_timeline (window)), "print-ids"));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The visible button of widget's tree whose label reads label. */
static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static guint
count_buttons (GtkWidget *widget, const char *label)
{
  guint n = GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
            g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_buttons (child, label);
  return n;
}

/* The window's title and subtitle, as its header bar shows them. */
static AdwWindowTitle *
find_window_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    return ADW_WINDOW_TITLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *found = find_window_title (child);

      if (found)
        return found;
    }
  return NULL;
}

typedef struct {
  WeftWindow *window;
  GtkFileChooser *found;
  GFile *wanted;
} ChooserSearch;

/* The chooser changes folder in the background. */
static gboolean
chooser_points_at (gpointer data)
{
  ChooserSearch *search = data;
  g_autoptr (GFile) file = gtk_file_chooser_get_file (search->found);

  return file && g_file_equal (file, search->wanted);
}

static gboolean
file_chooser_shown (gpointer data)
{
  ChooserSearch *search = data;
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (search->window))
      search->found = l->data;
  return search->found != NULL;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Save… as a person does it: the button, the file chooser, a name; the
 * window then names the file and the command recorded. */
static void
test_save_button (void)
{
  WeftWindow *window = new_window ();
  WeftLivePanel *panel = weft_window_get_live_panel (window);
  g_autofree char *print_ids = program ("print-ids");
  g_autofree char *saved = g_build_filename (deploy.home_dir, "by-the-button.weft", NULL);
  g_autoptr (GFile) saved_file = g_file_new_for_path (saved);
  const char *command[] = { print_ids, NULL };
  g_autoptr (GError) error = NULL;
  ChooserSearch search = { window, NULL, NULL };
  g_autofree char *proposed = NULL;
  GtkWidget *save;

  /* The chooser opens in the current folder; nobody may write only here. */
  g_assert_cmpint (g_chdir (deploy.home_dir), ==, 0);
  g_assert_true (weft_window_run_command (window, command, deploy.home_dir, &error));
  g_assert_no_error (error);
  wait_until (recording_finished, window, "print-ids was recorded");
  save = find_button (GTK_WIDGET (panel), "_Save…");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_activate (save));
  wait_until (file_chooser_shown, &search, "Save… showed a file chooser");
  proposed = gtk_file_chooser_get_current_name (search.found);
  g_assert_cmpstr (proposed, ==, "print-ids.weft");
  gtk_file_chooser_set_current_name (search.found, "by-the-button.weft");
  search.wanted = saved_file;
  wait_until (chooser_points_at, &search, "the file chooser went to the folder");
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (search.found), "_Save")));
  wait_until (file_exists, saved, "the chosen file was written");
  gui_wait_ms (100);
  g_assert_false (weft_live_panel_has_unsaved (panel));
  {
    AdwWindowTitle *title = find_window_title (GTK_WIDGET (window));
    g_assert_cmpstr (adw_window_title_get_title (title), ==, "by-the-button.weft");
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, print_ids);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  WeftWindow *window;
  guint min_processes;
} Growing;

static gboolean
has_grown (gpointer data)
{
  Growing *growing = data;
  WeftTimelineTree *tree = weft_timeline_view_get_tree (weft_window_get_timeline (growing->window));

  return tree && weft_timeline_tree_get_n_processes (tree) >= growing->min_processes;
}

static void
on_run (char **command, const char *directory, gpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (weft_window_run_command (data, (const char *const *) command, directory, &error));
  g_assert_no_error (error);
}

/* A long-running command started from the Run dialog: its children appear
 * while it runs, the view follows them, Stop ends it. */
static void
test_stop_long_running (void)
{
  WeftWindow *window = new_window ();
  WeftLivePanel *panel = weft_window_get_live_panel (window);
  g_autofree char *ticker = program ("ticker");
  g_autofree char *command_text = g_strdup_printf ("'%s' 600", ticker);
  g_autofree char *saved = g_build_filename (deploy.home_dir, "ticker.weft", NULL);
  GtkWidget *dialog = weft_run_dialog_present (GTK_WINDOW (window), NULL, on_run, window);
  Growing growing = { window, 5 };
  WeftTimelineTree *tree;
  const WeftProcess *root;
  gint64 t0, t1;

  /* Run is offered only for a command that parses, in a folder that exists. */
  g_assert_nonnull (weft_run_dialog_get_problem (dialog));
  weft_run_dialog_set_fields (dialog, "python3 'pool.py", NULL);
  g_assert_cmpstr (weft_run_dialog_get_problem (dialog), ==, "This command line does not parse: check its quotes.");
  weft_run_dialog_set_fields (dialog, command_text, "/nonexistent-folder");
  g_assert_cmpstr (weft_run_dialog_get_problem (dialog), ==,
                   "/nonexistent-folder is not a folder; leave it empty to use your own.");
  weft_run_dialog_set_fields (dialog, command_text, deploy.home_dir);
  g_assert_null (weft_run_dialog_get_problem (dialog));
  weft_run_dialog_run (dialog);
  wait_until (has_grown, &growing, "the ticker's children appeared");
  /* Seen while it runs, not afterwards. */
  g_assert_true (weft_live_session_is_running (weft_live_panel_get_session (panel)));
  growing.min_processes = 12;
  wait_until (has_grown, &growing, "more of the ticker's children appeared");
  g_assert_true (weft_live_session_is_running (weft_live_panel_get_session (panel)));
  g_assert_true (weft_timeline_view_is_following (weft_window_get_timeline (window)));
  assert_drawn_live (weft_window_get_timeline (window));
  /* Following: the view's right edge moved on with the trace, past the
   * first children. */
  weft_timeline_renderer_get_window (weft_timeline_view_get_renderer (weft_window_get_timeline (window)), &t0, &t1);
  tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  g_assert_cmpint (t1, >, weft_view_time (weft_timeline_tree_get_process (tree, 11)->start_ns));
  maybe_save (GTK_WIDGET (window), "live.png");

  /* Scrolled back to look at the first children: the view stays there
   * while more appear; Fit All follows again. */
  {
    WeftTimelineView *view = weft_window_get_timeline (window);
    gint64 back0, back1, now0, now1;

    weft_timeline_view_set_window (view, 0, (t1 - t0) / 4);
    weft_timeline_renderer_get_window (weft_timeline_view_get_renderer (view), &back0, &back1);
    g_assert_false (weft_timeline_view_is_following (view));
    growing.min_processes = 20;
    wait_until (has_grown, &growing, "the ticker went on");
    weft_timeline_renderer_get_window (weft_timeline_view_get_renderer (view), &now0, &now1);
    g_assert_cmpint (now0, ==, back0);
    g_assert_cmpint (now1, ==, back1);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.fit-all", NULL);
    g_assert_true (weft_timeline_view_is_following (view));
    growing.min_processes = 25;
    wait_until (has_grown, &growing, "the ticker went on again");
    g_assert_true (weft_timeline_view_is_following (view));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-recording", NULL);
  wait_until (recording_finished, window, "Stop ended the ticker");
  gui_wait_ms (200);
  g_assert_null (weft_live_session_get_error (weft_live_panel_get_session (panel)));
  tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  root = find_process (tree, "ticker");
  g_assert_nonnull (root);
  g_assert_cmpint (weft_process_get_exit_signal (root), ==, SIGTERM);
  g_assert_cmpint (system ("pgrep -f '[t]icker 600' >/dev/null"), !=, 0);
  assert_saved_matches (panel, saved);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
ticker_gone (gpointer data)
{
  return system ("pgrep -f '[t]icker 601' >/dev/null") != 0;
}

/* Closing the window during a run ends the traced programs too. */
static void
test_close_window_ends_run (void)
{
  WeftWindow *window = new_window ();
  g_autofree char *ticker = program ("ticker");
  const char *command[] = { ticker, "601", NULL };
  Growing growing = { window, 3 };
  g_autoptr (GError) error = NULL;

  g_assert_true (weft_window_run_command (window, command, NULL, &error));
  wait_until (has_grown, &growing, "the ticker's children appeared");
  current_panel = NULL;
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (ticker_gone, NULL, "the ticker ended with its window");
}

/* What is typed into the terminal reaches the program's stdin. */
static void
test_interactive (void)
{
  WeftWindow *window = new_window ();
  WeftLivePanel *panel = weft_window_get_live_panel (window);
  const char *command[] = { "/bin/sh", "-c", "echo 'your name?'; read name; echo \"hello, $name\"", NULL };
  TerminalShows question = { panel, "your name?" };
  TerminalShows answer = { panel, "hello, class" };
  g_autoptr (GError) error = NULL;

  g_assert_true (weft_window_run_command (window, command, NULL, &error));
  wait_until (terminal_shows, &question, "the program asked");
  vte_terminal_feed_child (weft_live_panel_get_terminal (panel), "class\r", -1);
  wait_until (terminal_shows, &answer, "the program answered");
  wait_until (recording_finished, window, "the program ended");
  g_assert_null (weft_live_session_get_error (weft_live_panel_get_session (panel)));
  g_assert_true (weft_live_panel_has_unsaved (panel));

  /* Discard: the run is gone, back to the start page. */
  weft_live_panel_discard (panel);
  g_assert_null (weft_live_panel_get_session (panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpstr (weft_window_get_page (window), ==, "welcome");
  g_assert_null (weft_timeline_view_get_tree (weft_window_get_timeline (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
page_is_timeline (gpointer window)
{
  return g_str_equal (weft_window_get_page (window), "timeline");
}

static gboolean
page_is_welcome (gpointer window)
{
  return g_str_equal (weft_window_get_page (window), "welcome");
}

typedef struct {
  WeftWindow *window;
  AdwMessageDialog *found;
} DialogSearch;

static gboolean
message_dialog_shown (gpointer data)
{
  DialogSearch *search = data;
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (search->window))
      search->found = l->data;
  return search->found != NULL;
}

static AdwMessageDialog *
wait_for_message_dialog (WeftWindow *window)
{
  DialogSearch search = { window, NULL };

  wait_until (message_dialog_shown, &search, "the viewer asked");
  return search.found;
}

/* The visible button of widget's tree that activates action. */
static GtkWidget *
find_action_button (GtkWidget *widget, const char *action)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found)
        return found;
    }
  return NULL;
}

/* A real key press on the window, as a user's hand does it. */
static void
press_key (WeftWindow *window, const char *key)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *args = g_strdup_printf ("windowfocus --sync %lu key %s",
                                           (gulong) gdk_x11_surface_get_xid (surface), key);

  gui_xdotool (args);
  gui_wait_ms (300);
}

/* The gallery lists the catalog by section in the user's language; Run
 * records the demo live, and asks before a new run discards one never
 * saved. */
static void
test_gallery (void)
{
  WeftWindow *window = new_window ();
  WeftLivePanel *panel = weft_window_get_live_panel (window);
  WeftGallery *gallery = weft_window_get_gallery (window);
  g_autoptr (WeftDemoCatalog) catalog = NULL;
  const WeftDemoSection *first;
  GtkWidget *run;
  Growing growing = { window, 1 };
  WeftTimelineTree *tree;

  /* The gallery is no one-way door: Back, and Esc, return. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gallery", NULL);
  g_assert_cmpstr (weft_window_get_page (window), ==, "gallery");
  /* As a keyboard user presses it: GTK shows the press, then clicks. */
  g_assert_true (gtk_widget_activate (find_action_button (GTK_WIDGET (window), "win.leave-gallery")));
  wait_until (page_is_welcome, window, "Back left the gallery");
  g_assert_cmpstr (weft_window_get_page (window), ==, "welcome");
  g_assert_null (find_action_button (GTK_WIDGET (window), "win.leave-gallery"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gallery", NULL);
  press_key (window, "Escape");
  g_assert_cmpstr (weft_window_get_page (window), ==, "welcome");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gallery", NULL);
  g_assert_cmpstr (weft_window_get_page (window), ==, "gallery");
  catalog = weft_gallery_get_catalog (gallery);
  g_assert_nonnull (catalog);
  g_object_ref (catalog);
  first = g_ptr_array_index (weft_demo_catalog_get_sections (catalog), 0);
  g_assert_cmpstr (first->id, ==, "processes");
  g_assert_cmpstr (weft_demo_text_get (&first->title), ==, "Processes");
  gui_wait_ms (1500);
  maybe_save (GTK_WIDGET (window), "gallery.png");
  /* Only the demos on screen are laid out (all at once froze the window
   * for seconds): a window's height of cards, not the whole catalog. */
  {
    guint shown = count_buttons (GTK_WIDGET (window), "Run"), n_demos = 0;

    for (guint i = 0; i < weft_demo_catalog_get_sections (catalog)->len; i++)
      n_demos += ((WeftDemoSection *) g_ptr_array_index (weft_demo_catalog_get_sections (catalog), i))->demos->len;
    g_assert_cmpuint (shown, >=, 3);
    g_assert_cmpuint (shown, <, n_demos / 3);
  }

  run = weft_gallery_get_run_button (gallery, "fork-ids");
  g_assert_nonnull (run);
  {
    g_autoptr (GError) error = NULL;
    g_auto (GStrv) argv = weft_demo_get_argv (weft_demo_catalog_lookup (catalog, "fork-ids"), WEFT_DEMO_OUTPUT_TERMINAL,
                                              &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (argv[0], g_getenv ("WEFT_DEMOS_DIR")));
  }
  /* As a keyboard user presses it: GTK shows the press, then clicks. */
  g_assert_true (gtk_widget_activate (run));
  wait_until (page_is_timeline, window, "the Run button started the demo");
  /* The parent shows up while it runs (it waits half a second for its
   * children), then its three children. */
  wait_until (has_grown, &growing, "the demo's first process appeared");
  g_assert_true (weft_live_session_is_running (weft_live_panel_get_session (panel)));
  wait_until (recording_finished, window, "the demo ended");
  g_assert_null (weft_live_session_get_error (weft_live_panel_get_session (panel)));
  {
    TerminalShows said = { panel, "parent: my pid is" };
    wait_until (terminal_shows, &said, "the terminal showed the demo's output");
  }
  maybe_save (GTK_WIDGET (window), "live-demo.png");
  tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  g_assert_cmpuint (weft_timeline_tree_get_n_processes (tree), ==, 4);
  g_assert_nonnull (find_process (tree, "fork-ids"));

  /* Run again before saving: the viewer asks first.  Cancel keeps the
   * recording; Discard and Record starts the new one. */
  {
    WeftLiveSession *first_run = weft_live_panel_get_session (panel);
    AdwMessageDialog *dialog;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gallery", NULL);
    g_assert_true (gtk_widget_activate (run));
    dialog = wait_for_message_dialog (window);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard the Unsaved Recording?");
    adw_message_dialog_response (dialog, "cancel");
    gui_wait_ms (200);
    g_assert_true (weft_live_panel_get_session (panel) == first_run);
    g_assert_true (weft_live_panel_has_unsaved (panel));
    /* Kept, and in reach: the recording is shown with its Save… button. */
    g_assert_cmpstr (weft_window_get_page (window), ==, "timeline");
    g_assert_nonnull (find_button (GTK_WIDGET (panel), "_Save…"));
    /* From the gallery, Back shows it too. */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gallery", NULL);
    press_key (window, "Escape");
    g_assert_cmpstr (weft_window_get_page (window), ==, "timeline");
    g_assert_true (weft_live_panel_get_session (panel) == first_run);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gallery", NULL);

    g_assert_true (gtk_widget_activate (run));
    dialog = wait_for_message_dialog (window);
    adw_message_dialog_response (dialog, "discard");
    wait_until (page_is_timeline, window, "Discard and Record started the demo again");
    g_assert_true (weft_live_panel_get_session (panel) != first_run);
    wait_until (recording_finished, window, "the second run ended");
  }
  /* Discard: nothing of the run stays, its name in the title neither. */
  {
    AdwWindowTitle *title = find_window_title (GTK_WIDGET (window));

    g_assert_cmpstr (adw_window_title_get_title (title), !=, "Weft");
    g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (panel), "_Discard")));
    wait_until (page_is_welcome, window, "Discard went back to the start page");
    g_assert_cmpstr (adw_window_title_get_title (title), ==, "Weft");
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* In Chinese, the catalog and the viewer's own words are Chinese. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, ""); /* gettext forgets what it looked up */
  g_assert_cmpstr (weft_demo_text_get (&first->title), ==, "进程");
  window = new_window ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-gallery", NULL);
  run = weft_gallery_get_run_button (weft_window_get_gallery (window), "fork-ids");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (run)), ==, "运行");
  gui_wait_ms (1500);
  maybe_save (GTK_WIDGET (window), "gallery-zh.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* Without a set-up, one sentence says which command enables recording;
 * saved traces still open. */
static void
test_not_set_up (void)
{
  WeftWindow *window = new_window ();
  g_autofree char *path = g_build_filename (deploy.home_dir, "true.weft", NULL);
  const char *record[] = { deploy.capable_weft, "record", "-o", path, "--", "/bin/true", NULL };
  const char *command[] = { "/bin/true", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *expected = g_strdup_printf ("sudo setcap cap_bpf,cap_perfmon+ep %s", deploy.plain_weft);
  int status;

  g_spawn_sync (NULL, (char **) record, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_setenv ("WEFT_RECORDER", deploy.plain_weft, TRUE);
  g_assert_false (weft_window_run_command (window, command, NULL, &error));
  g_setenv ("WEFT_RECORDER", deploy.capable_weft, TRUE);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpstr (weft_window_get_page (window), ==, "welcome");

  /* From the build tree, with no WEFT_RECORDER: the recorder built next
   * to the viewer, and the two commands that enable it. */
  {
    g_autofree char *built = g_build_filename (g_getenv ("WEFT_BUILD_ROOT"), "tracer", "weft", NULL);
    g_autofree char *setcap = g_strdup_printf ("sudo setcap cap_bpf,cap_perfmon+ep %s", built);
    g_autofree char *install = g_strdup_printf ("sudo meson install -C %s", g_getenv ("WEFT_BUILD_ROOT"));
    g_autoptr (GError) build_error = NULL;

    g_unsetenv ("WEFT_RECORDER");
    g_assert_false (weft_window_run_command (window, command, NULL, &build_error));
    g_setenv ("WEFT_RECORDER", deploy.capable_weft, TRUE);
    g_assert_nonnull (build_error);
    g_assert_nonnull (strstr (build_error->message, setcap));
    g_assert_nonnull (strstr (build_error->message, install));
    g_assert_null (strchr (build_error->message, '\n'));
  }

  g_assert_true (weft_window_open (window, file));
  g_assert_cmpstr (weft_window_get_page (window), ==, "timeline");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr (GSubprocess) bus = NULL;
  int result;

  const char *programs[] = { "print-ids", "ticker", NULL };

  g_test_init (&argc, &argv, NULL);
  gui_live_deploy (&deploy, programs);
  gui_live_bind_translations (&deploy);
  bus = gui_live_start_session_bus ();
  gtk_init ();
  adw_init ();

  g_test_add_func ("/live/run-as-user", test_run_command_as_user);
  g_test_add_func ("/live/save-button", test_save_button);
  g_test_add_func ("/live/stop-long-running", test_stop_long_running);
  g_test_add_func ("/live/close-window", test_close_window_ends_run);
  g_test_add_func ("/live/interactive", test_interactive);
  g_test_add_func ("/live/gallery", test_gallery);
  g_test_add_func ("/live/not-set-up", test_not_set_up);
  result = g_test_run ();
  g_subprocess_force_exit (bus);
  return result;
}

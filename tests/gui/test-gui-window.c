/*
 * test-gui-window.c: the real viewer window under Xvfb (run-under-xvfb.sh),
 * on a trace recorded with the real recorder and on a deadlock fixture.
 * Pixels are read back from what GTK rendered.  G_DEBUG=fatal-warnings
 * turns any GTK warning or critical into a failure.
 *
 * With WEFT_SCREENSHOT_DIR set, the windows are also saved as PNG files
 * (that is how docs/screenshots/ is made).
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui-fixtures.h"
#include "gui-shot.h"
#include "weft-bookmarks.h"
#include "weft-recent-list.h"
#include "weft-test-util.h"
#include "weft-timeline-palette.h"
#include "weft-window.h"

static char *recorded_trace;
static char *deadlock_trace;

static gboolean
laid_out (WeftWindow *window)
{
  /* An error page has no timeline to lay out. */
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         (!g_str_equal (weft_window_get_page (window), "timeline") ||
          gtk_widget_get_width (GTK_WIDGET (weft_window_get_timeline (window))) > 100);
}

static WeftWindow *
open_window (const char *path, int width, int height)
{
  WeftWindow *window = weft_window_new (NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  weft_window_open (window, file);
  /* Mapped and laid out, whatever the load on the machine (a loaded CI
   * machine can take seconds; no test reads pixels before this). */
  for (int i = 0; i < 3000 && !laid_out (window); i++)
    gui_wait_ms (10);
  g_assert_true (laid_out (window));
  gui_wait_ms (300);
  return window;
}

/* The process labelled name, and its index in tree order. */
static const WeftProcess *
find_process (WeftTimelineTree *tree, const char *name, guint *index)
{
  for (guint i = 0; i < weft_timeline_tree_get_n_processes (tree); i++)
    if (g_str_equal (weft_process_get_label (weft_timeline_tree_get_process (tree, i)), name))
      {
        *index = i;
        return weft_timeline_tree_get_process (tree, i);
      }
  g_assert_not_reached ();
}

static gboolean
has_state_colour (const GuiImage *image, const WeftTimelinePalette *pal, double x0, double x1, int y)
{
  for (double x = x0; x < x1; x += 2)
    for (int s = WEFT_STATE_RUNNING; s < WEFT_STATE_NONE; s++)
      if (gui_image_is (image, (int) x, y, pal->state[s].r, pal->state[s].g, pal->state[s].b))
        return TRUE;
  return FALSE;
}

static void
test_open_recorded (void)
{
  WeftWindow *window = open_window (recorded_trace, 1280, 760);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (view);
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftRgb *zombie = &pal->state[WEFT_STATE_ZOMBIE];
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  double row_h = weft_timeline_renderer_get_row_height (renderer);
  const WeftProcess *late, *root;
  guint late_index = 0;
  g_autoptr (GuiShot) shot = NULL;
  double x_exit, x_reap, y_late, y_root;

  g_assert_cmpstr (weft_window_get_page (window), ==, "timeline");
  shot = gui_shot_take (GTK_WIDGET (view));

  /* Every thread has a lane, on screen, with something drawn in it. */
  for (guint i = 0; i < weft_timeline_tree_get_n_threads (tree); i++)
    {
      const WeftThread *thread = weft_timeline_tree_get_thread (tree, i);
      double y = weft_timeline_renderer_get_lane_y (renderer, i);
      double x = weft_timeline_renderer_x_at_time (renderer, width, weft_view_time (thread->start_ns));

      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y + row_h, <=, gtk_widget_get_height (GTK_WIDGET (view)));
      if (!has_state_colour (&shot->image, pal, x + 1, x + 40, (int) (y + row_h / 2)))
        g_error ("nothing drawn in the lane of %s %u (x %.0f, y %.0f)", weft_thread_get_label (thread), thread->tid,
                 x, y);
    }

  /* The zombie colour on the zombie child's row, not on its parent's. */
  late = find_process (tree, "late", &late_index);
  root = weft_timeline_tree_get_process (tree, 0);
  x_exit = weft_timeline_renderer_x_at_time (renderer, width, weft_view_time (late->exit_ns));
  x_reap = weft_timeline_renderer_x_at_time (renderer, width, weft_view_time (late->reap_ns));
  y_late = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, late_index)) + row_h / 2;
  y_root = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, 0)) + row_h / 2;
  /* The middle of the interval: clear of the exit pill at its start and of
   * the "zombie" label right-aligned at its end (a slow machine makes the
   * trace longer and the interval narrower, the label relatively wider). */
  g_test_message ("zombie interval on screen: %.0f..%.0f px, fraction %.2f", x_exit, x_reap,
                  gui_image_fraction (&shot->image, x_exit + (x_reap - x_exit) * 0.25,
                                      x_exit + (x_reap - x_exit) * 0.65, (int) y_late,
                                      zombie->r, zombie->g, zombie->b, 30));
  g_assert_cmpfloat (x_reap - x_exit, >, 200);
  g_assert_cmpfloat (gui_image_fraction (&shot->image, x_exit + (x_reap - x_exit) * 0.25,
                                         x_exit + (x_reap - x_exit) * 0.65, (int) y_late,
                                         zombie->r, zombie->g, zombie->b, 30), >, 0.5);
  g_assert_cmpfloat (gui_image_fraction (&shot->image, x_exit + (x_reap - x_exit) * 0.25,
                                         x_exit + (x_reap - x_exit) * 0.65, (int) y_root,
                                         zombie->r, zombie->g, zombie->b, 30), <, 0.05);

  /* Clicking the zombie's row shows it in the details pane. */
  weft_timeline_view_select (view, weft_timeline_tree_get_first_thread (tree, late_index),
                             weft_view_time (late->exit_ns)
                             + (weft_view_time (late->reap_ns) - weft_view_time (late->exit_ns)) / 2);
  gui_wait_ms (50);
  g_assert_cmpstr (weft_details_pane_get_value (weft_window_get_details (window), "state"), ==, "zombie");
  g_assert_cmpstr (weft_details_pane_get_value (weft_window_get_details (window), "stat"), ==, "Z");
  g_assert_nonnull (strstr (weft_details_pane_get_value (weft_window_get_details (window), "thread"), "late"));
  /* ... and who reaped it, and when. */
  {
    g_autofree char *until = weft_format_duration (weft_view_time (late->reap_ns));
    g_autofree char *reaped = g_strdup_printf ("; a zombie until %s, reaped by %s %u", until,
                                               weft_process_get_label (root), root->pid);
    const char *exit_text = weft_details_pane_get_value (weft_window_get_details (window), "exit");

    g_assert_nonnull (exit_text);
    g_assert_true (g_str_has_prefix (exit_text, "exit code 0 at "));
    g_assert_true (g_str_has_suffix (exit_text, reaped));
  }
  gui_shot_save_if_asked (GTK_WIDGET (window), "zombie.png");

  /* Search by name, pid or tid. */
  g_assert_true (weft_timeline_view_search (view, "late"));
  {
    g_autofree char *pid = g_strdup_printf ("%u", late->pid);
    g_assert_true (weft_timeline_view_search (view, pid));
  }
  g_assert_false (weft_timeline_view_search (view, "no-such-thread"));
  weft_timeline_view_search (view, NULL);

  /* Zoom in and out with the keyboard's actions, then fit all again. */
  {
    gint64 t0, t1, z0, z1;
    weft_timeline_renderer_get_window (renderer, &t0, &t1);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
    weft_timeline_renderer_get_window (renderer, &z0, &z1);
    g_assert_cmpint (z1 - z0, <, t1 - t0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.fit-all", NULL);
    weft_timeline_renderer_get_window (renderer, &z0, &z1);
    g_assert_cmpint (z1 - z0, ==, t1 - t0);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_replay (void)
{
  WeftWindow *window = open_window (recorded_trace, 1280, 760);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (view);
  WeftReplay *replay = weft_window_get_replay (window);
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  guint late_index = 0;
  const WeftProcess *late = find_process (tree, "late", &late_index);
  guint late_lane = weft_timeline_tree_get_first_thread (tree, late_index);
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  double row_h = weft_timeline_renderer_get_row_height (renderer);
  gint64 before, playhead;
  g_autoptr (GuiShot) shot = NULL;

  /* Not replaying: everything is shown. */
  g_assert_cmpint (weft_timeline_renderer_get_playhead (renderer), ==, -1);

  /* At the start, the children do not exist yet. */
  weft_replay_seek (replay, 0);
  gui_wait_ms (50);
  g_assert_cmpint (weft_timeline_renderer_get_playhead (renderer), ==, 0);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, late_lane), <, 0);

  /* Step moves to the next thing that happens. */
  g_assert_true (weft_replay_step (replay));
  g_assert_cmpint (weft_replay_get_playhead (replay), >, 0);
  g_assert_cmpint (weft_timeline_renderer_get_playhead (renderer), ==, weft_replay_get_playhead (replay));

  /* Time advances with the speed. */
  before = weft_replay_get_playhead (replay);
  weft_replay_set_speed (replay, 1);
  weft_replay_advance (replay, 10000);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, before + 10000000);
  weft_replay_set_speed (replay, 10);
  weft_replay_advance (replay, 10000);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, before + 110000000);
  weft_replay_set_speed (replay, 50);
  g_assert_cmpfloat (weft_replay_get_speed (replay), ==, 10);
  weft_replay_set_speed (replay, 0.0001);
  g_assert_cmpfloat (weft_replay_get_speed (replay), ==, 0.001);

  /* Playing moves the playhead by itself.  Slowly: on a loaded machine
   * (or under ASan) 200 ms of waiting can last seconds, and a replay that
   * reached the end would have stopped by itself. */
  before = weft_replay_get_playhead (replay);
  weft_replay_set_speed (replay, 0.1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_true (weft_replay_get_playing (replay));
  gui_wait_ms (200);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_false (weft_replay_get_playing (replay));
  g_assert_cmpint (weft_replay_get_playhead (replay), >, before);

  /* In the middle of the zombie interval: the zombie is there, the
   * future is not drawn at all. */
  playhead = weft_view_time (late->exit_ns) + (weft_view_time (late->reap_ns) - weft_view_time (late->exit_ns)) / 2;
  weft_replay_seek (replay, playhead);
  gui_wait_ms (100);
  shot = gui_shot_take (GTK_WIDGET (view));
  {
    double x_play = weft_timeline_renderer_x_at_time (renderer, width, playhead);
    for (guint i = 0; i < weft_timeline_tree_get_n_threads (tree); i++)
      {
        double y = weft_timeline_renderer_get_lane_y (renderer, i);
        if (y >= 0)
          g_assert_false (has_state_colour (&shot->image, pal, x_play + 4, width - 12, (int) (y + row_h / 2)));
      }
    g_assert_true (has_state_colour (&shot->image, pal, x_play - 40, x_play - 2,
                                     (int) (weft_timeline_renderer_get_lane_y (renderer, late_lane) + row_h / 2)));
  }
  gui_shot_save_if_asked (GTK_WIDGET (window), "replay.png");

  /* Show all ends the replay. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-all", NULL);
  g_assert_cmpint (weft_timeline_renderer_get_playhead (renderer), ==, -1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_deadlock_window (void)
{
  WeftWindow *window = open_window (deadlock_trace, 1280, 640);
  WeftTimelineView *view = weft_window_get_timeline (window);
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  g_autoptr (GuiShot) shot = gui_shot_take (GTK_WIDGET (view));
  /* Just inside the banner, above its text. */
  int y = (int) (pal->ruler_height + 3);

  g_assert_cmpstr (weft_window_get_page (window), ==, "timeline");
  g_assert_cmpfloat (gui_image_fraction (&shot->image, 40, gtk_widget_get_width (GTK_WIDGET (view)) - 40, y,
                                         pal->deadlock.r, pal->deadlock.g, pal->deadlock.b, 40), >, 0.5);
  weft_timeline_view_select (view, weft_timeline_tree_find_thread (weft_timeline_view_get_tree (view),
                                                                   FIXTURE_TID_A),
                             (FIXTURE_DEADLOCK_MS + 100) * 1000000LL);
  gui_wait_ms (50);
  g_assert_cmpstr (weft_details_pane_get_value (weft_window_get_details (window), "state"), ==, "lock");
  g_assert_cmpstr (weft_details_pane_get_value (weft_window_get_details (window), "object"), ==, "mutex_b");
  g_assert_nonnull (strstr (weft_details_pane_get_value (weft_window_get_details (window), "holder"), "1002"));
  /* ... and what it holds: the other half of the cycle. */
  g_assert_cmpstr (weft_details_pane_get_value (weft_window_get_details (window), "holds"), ==,
                   "mutex_a (worker-b 1002 waits for it)");
  gui_shot_save_if_asked (GTK_WIDGET (window), "deadlock.png");

  /* Presentation mode: large rows, high-contrast palette. */
  weft_window_set_presentation (window, TRUE);
  gui_wait_ms (300);
  g_assert_true (weft_timeline_renderer_get_presentation (weft_timeline_view_get_renderer (view)));
  g_assert_cmpfloat (weft_timeline_renderer_get_row_height (weft_timeline_view_get_renderer (view)), >=, 36);
  gui_shot_save_if_asked (GTK_WIDGET (window), "presentation.png");
  weft_window_set_presentation (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-gui-bad-XXXXXX", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.weft", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.weft", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autofree char *future = g_build_filename (dir, "future.weft", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.weft", NULL);
  const char *bad[] = { garbage, dir, "/nonexistent/trace.weft", future, empty };
  const char *says[] = { "not a weft trace", "directory", "does not exist", "version 9", "empty" };

  g_assert_true (g_file_set_contents (garbage, "GIF89a definitely not a weft trace", -1, NULL));
  g_assert_true (g_file_get_contents (recorded_trace, &contents, &length, NULL));
  contents[8] = 9; /* a format version from the future */
  g_assert_true (g_file_set_contents (future, contents, length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      WeftWindow *window = open_window (bad[i], 900, 600);
      const char *message = weft_window_get_error (window);

      /* One sentence saying what is wrong, on the error page. */
      g_assert_cmpstr (weft_window_get_page (window), ==, "error");
      if (!strstr (message, says[i]))
        g_error ("opening %s says \"%s\", not \"%s\"", bad[i], message, says[i]);
      g_assert_null (strchr (message, '\n'));
      gtk_window_destroy (GTK_WINDOW (window));
    }

  /* A trace cut in the middle still opens, with what it holds. */
  g_assert_true (g_file_get_contents (recorded_trace, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, length * 2 / 3, NULL));
  {
    WeftWindow *window = open_window (cut, 900, 600);
    const char *page = weft_window_get_page (window);
    /* Either shown with a warning, or refused with a sentence: never a crash. */
    g_assert_true (g_str_equal (page, "timeline") || g_str_equal (page, "error"));
    gtk_window_destroy (GTK_WINDOW (window));
  }
  g_unlink (garbage);
  g_unlink (future);
  g_unlink (empty);
  g_unlink (cut);
  g_rmdir (dir);
}


/* A label anywhere under widget (toasts included) whose text holds text. */
static gboolean
shows_label_with (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label_with (child, text))
      return TRUE;
  return FALSE;
}

static void
test_lost_events (void)
{
  /* A real recording whose kernel buffers (shrunk to 16 KiB a cpu) overflowed. */
  g_autofree char *storm = g_build_filename (g_getenv ("WEFT_BUILD_ROOT"), "tests", "programs", "event-rate", NULL);
  const char *argv[] = { storm, "0", "0.1", "2", NULL }; /* two threads, as fast as they can */
  const char *options[] = { "--test-ring-buffer-bytes=16384", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, options);
  g_autofree char *said = NULL;
  WeftWindow *window;

  g_assert_cmpuint (trace->lost_events, >, 0);
  window = open_window (trace->path, 1280, 760);
  g_assert_cmpstr (weft_window_get_page (window), ==, "timeline");
  /* The viewer says exactly how many, as a toast when the file opens. */
  said = g_strdup_printf ("%" G_GUINT64_FORMAT " events were lost while recording", trace->lost_events);
  if (!shows_label_with (GTK_WIDGET (window), said))
    g_error ("the viewer does not say \"%s\"", said);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A complete recording says nothing of the kind. */
  window = open_window (recorded_trace, 1280, 760);
  g_assert_false (shows_label_with (GTK_WIDGET (window), "were lost"));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  WeftModel *model;
  const WeftThread *thread;
  guint64 most;           /* copy-on-write faults of the busiest running interval */
  gint64 middle_ns;       /* and its middle */
} BusiestRun;

static void
note_busiest_run (const WeftStateInterval *interval, gpointer user_data)
{
  BusiestRun *busiest = user_data;
  guint64 faults = weft_model_thread_cow_faults (busiest->model, busiest->thread, interval->start_ns, interval->end_ns);

  if (interval->state == WEFT_STATE_RUNNING && faults > busiest->most)
    {
      busiest->most = faults;
      busiest->middle_ns = weft_view_time (interval->start_ns + (interval->end_ns - interval->start_ns) / 2);
    }
}

/* A child rewriting the 16 MB it shares with its parent: clicking where
 * it ran says how many pages the kernel copied there and in all. */
static void
test_details_copy_on_write (void)
{
  g_autofree char *program = weft_test_program_path ("cow-storm");
  const char *argv[] = { program, "16", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  WeftWindow *window = open_window (trace->path, 1280, 760);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (view);
  const WeftProcess *child = weft_timeline_tree_get_process (tree, 1);
  BusiestRun busiest = { weft_timeline_tree_get_model (tree), NULL, 0, -1 };
  const char *said;
  guint64 in_all;

  g_assert_cmpuint (weft_timeline_tree_get_n_processes (tree), ==, 2);
  busiest.thread = weft_model_lookup_thread (busiest.model, child->pid);
  in_all = weft_model_thread_cow_faults (busiest.model, busiest.thread, 0, G_MAXUINT64);
  g_assert_cmpuint (in_all, >=, 4096);
  weft_timeline_tree_foreach_interval (tree, weft_timeline_tree_get_first_thread (tree, 1), 0,
                                       weft_timeline_tree_get_duration (tree), 0, note_busiest_run, &busiest);
  g_assert_cmpint (busiest.middle_ns, >=, 0);
  weft_timeline_view_select (view, weft_timeline_tree_get_first_thread (tree, 1), busiest.middle_ns);
  gui_wait_ms (50);
  said = weft_details_pane_get_value (weft_window_get_details (window), "copy-on-write");
  g_test_message ("details: %s", said);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT " pages copied at their first write here, "
                                                 "%" G_GUINT64_FORMAT " in all", busiest.most, in_all);

    g_assert_nonnull (said);
    g_assert_true (g_str_has_prefix (said, expected));
  }
  /* Its parent wrote nothing while it shared: no such row. */
  weft_timeline_view_select (view, weft_timeline_tree_get_first_thread (tree, 0), busiest.middle_ns);
  gui_wait_ms (50);
  g_assert_null (weft_details_pane_get_value (weft_window_get_details (window), "copy-on-write"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bookmarks (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-gui-bookmarks.weft", NULL);
  g_autofree char *saved = g_strconcat (path, ".bookmarks", NULL);
  g_autoptr (GError) error = NULL;

  g_unlink (saved);
  {
    g_autoptr (WeftBookmarks) bookmarks = weft_bookmarks_new_for_trace (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (weft_bookmarks_get_n (bookmarks), ==, 0);
    g_assert_true (weft_bookmarks_add (bookmarks, 900, "the deadlock closes", &error));
    g_assert_true (weft_bookmarks_add (bookmarks, 100, "僵尸进程", &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_test (saved, G_FILE_TEST_EXISTS));
  {
    /* Read back, in time order, notes intact. */
    g_autoptr (WeftBookmarks) bookmarks = weft_bookmarks_new_for_trace (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (weft_bookmarks_get_n (bookmarks), ==, 2);
    g_assert_cmpint (weft_bookmarks_get_time (bookmarks, 0), ==, 100);
    g_assert_cmpstr (weft_bookmarks_get_note (bookmarks, 0), ==, "僵尸进程");
    g_assert_cmpstr (weft_bookmarks_get_note (bookmarks, 1), ==, "the deadlock closes");
    g_assert_true (weft_bookmarks_remove (bookmarks, 0, &error));
    g_assert_true (weft_bookmarks_remove (bookmarks, 0, &error));
  }
  /* The last one removed: no file left behind. */
  g_assert_false (g_file_test (saved, G_FILE_TEST_EXISTS));
}

/* The widget of widget's tree that is an entry with this placeholder. */
static GtkWidget *
find_entry (GtkWidget *widget, const char *placeholder)
{
  if (GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), placeholder) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child, placeholder);

      if (found)
        return found;
    }
  return NULL;
}

/* A teacher marks the moment shown from the bookmarks menu: a note, then
 * Enter.  It is saved beside the trace, with its note, at the playhead. */
static void
test_bookmark_from_menu (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-gui-bookmark-menu.weft", NULL);
  g_autofree char *saved = g_strconcat (path, ".bookmarks", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftBookmarks) bookmarks = NULL;
  gsize length;
  WeftWindow *window;
  GtkWidget *entry;

  g_unlink (saved);
  g_assert_true (g_file_get_contents (recorded_trace, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  window = open_window (path, 1280, 760);
  entry = find_entry (GTK_WIDGET (window), "A short note for this moment");
  g_assert_nonnull (entry);
  weft_replay_seek (weft_window_get_replay (window), 5000000);
  gtk_editable_set_text (GTK_EDITABLE (entry), "the child starts");
  /* What its text does on Enter. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));

  bookmarks = weft_bookmarks_new_for_trace (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weft_bookmarks_get_n (bookmarks), ==, 1);
  g_assert_cmpint (weft_bookmarks_get_time (bookmarks, 0), ==, 5000000);
  g_assert_cmpstr (weft_bookmarks_get_note (bookmarks, 0), ==, "the child starts");
  g_unlink (saved);
  g_unlink (path);
}

/* Where label is among the Open menu's recent traces, or -1. */
static int
recent_position (GMenu *section, const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (G_MENU_MODEL (section)); i++)
    {
      g_autofree char *item = NULL;

      if (g_menu_model_get_item_attribute (G_MENU_MODEL (section), i, G_MENU_ATTRIBUTE_LABEL, "s", &item) &&
          g_strcmp0 (item, label) == 0)
        return i;
    }
  return -1;
}

/* Waits (GTK saves its recent files a moment later) for newer to be
 * listed above older.  Other GUI tests may add their own files meanwhile:
 * only the order of these two counts. */
static gboolean
recent_listed_above (GMenu *section, const char *newer, const char *older)
{
  for (int i = 0; i < 500; i++)
    {
      int above = recent_position (section, newer), below = recent_position (section, older);

      if (above >= 0 && (below < 0 || above < below) && (older == NULL || below >= 0))
        return TRUE;
      gui_wait_ms (10);
    }
  return FALSE;
}

/* The recent traces list the one opened last first, also when it had
 * been opened before. */
static void
test_recent_newest_first (void)
{
  g_autofree char *contents = NULL;
  g_autoptr (GMenu) section = g_menu_new ();
  GtkListBox *list = GTK_LIST_BOX (g_object_ref_sink (gtk_list_box_new ()));
  /* Kept in step with GTK's recent files while the window opens traces. */
  WeftRecentList *recent = weft_recent_list_new (list, section);
  const char *names[] = { "weft-gui-recent-first.weft", "weft-gui-recent-second.weft" };
  char *paths[2] = { NULL, NULL };
  g_autofree char *dir = NULL;
  gsize length;
  WeftWindow *window = NULL;

  g_assert_true (g_file_get_contents (recorded_trace, &contents, &length, NULL));
  dir = g_dir_make_tmp ("weft-gui-recent-XXXXXX", NULL);
  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      paths[i] = g_build_filename (dir, names[i], NULL);
      g_assert_true (g_file_set_contents (paths[i], contents, length, NULL));
    }
  for (guint i = 0; i < 3; i++)
    {
      /* first, second, then first again */
      const char *path = paths[i % 2];
      g_autoptr (GFile) file = g_file_new_for_path (path);

      if (!window)
        window = open_window (path, 1000, 700);
      else
        weft_window_open (window, file);
      g_assert_true (recent_listed_above (section, names[i % 2], i == 0 ? NULL : names[(i + 1) % 2]));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (recent);
  g_object_unref (list);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_unlink (paths[i]);
      g_free (paths[i]);
    }
  g_rmdir (dir);
}

static void
test_refuses_root (void)
{
  g_autofree char *gui = g_build_filename (g_getenv ("WEFT_BUILD_ROOT"), "gui", "weft-gui", NULL);
  g_auto (GStrv) env = g_environ_unsetenv (g_get_environ (), "WEFT_ALLOW_ROOT_GUI");
  const char *argv[] = { gui, recorded_trace, NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (geteuid () != 0)
    {
      g_test_skip ("only meaningful as root");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "root"));
}

typedef struct {
  GtkWindow *window;
  GtkFileChooser *found;
} ChooserSearch;

static gboolean
find_chooser (ChooserSearch *search)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == search->window)
      search->found = l->data;
  return search->found != NULL;
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

/* Export PNG as a person does it (the action, the chooser, Export) into
 * the current folder; returns the image. */
static cairo_surface_t *
export_png (WeftWindow *window, const char *name)
{
  ChooserSearch search = { GTK_WINDOW (window), NULL };
  g_autofree char *folder = g_get_current_dir ();
  g_autofree char *path = g_build_filename (folder, name, NULL);
  cairo_surface_t *image;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "png");
  for (int i = 0; i < 3000 && !find_chooser (&search); i++)
    gui_wait_ms (10);
  g_assert_nonnull (search.found);
  gtk_file_chooser_set_current_name (search.found, name);
  for (int i = 0; i < 3000; i++)
    {
      g_autoptr (GFile) chosen = gtk_file_chooser_get_file (search.found);

      if (chosen && g_str_equal (g_file_peek_path (chosen), path))
        break;
      gui_wait_ms (10);
    }
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (search.found), "_Export")));
  for (int i = 0; i < 3000 && !g_file_test (path, G_FILE_TEST_IS_REGULAR); i++)
    gui_wait_ms (10);
  gui_wait_ms (100);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

/* Export while scrolled down: the picture is the whole trace from its top
 * row, the same as without scrolling. */
static void
test_export_scrolled (void)
{
  WeftWindow *window = open_window (recorded_trace, 1000, 250);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (view);
  GtkAdjustment *vadjustment = weft_timeline_view_get_vadjustment (view);
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_autofree char *previous_dir = g_get_current_dir ();
  cairo_surface_t *top, *scrolled;
  double row_h = weft_timeline_renderer_get_row_height (renderer);
  GuiImage image;

  g_assert_cmpint (g_chdir (dir), ==, 0);
  top = export_png (window, "top.png");
  /* The view is too short for every lane: scroll to the bottom. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment) + row_h);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  gui_wait_ms (100);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, 0), <, 0);
  gui_shot_save_if_asked (GTK_WIDGET (window), "export-scrolled.png");
  scrolled = export_png (window, "scrolled.png");

  g_assert_cmpint (cairo_image_surface_get_height (scrolled), ==, cairo_image_surface_get_height (top));
  g_assert_cmpint (cairo_image_surface_get_width (scrolled), ==, cairo_image_surface_get_width (top));
  g_assert_cmpint (cairo_image_surface_get_height (scrolled), >=,
                   (int) (weft_timeline_tree_get_n_threads (tree) * row_h));
  g_assert_cmpmem (cairo_image_surface_get_data (scrolled),
                   cairo_image_surface_get_stride (scrolled) * cairo_image_surface_get_height (scrolled),
                   cairo_image_surface_get_data (top),
                   cairo_image_surface_get_stride (top) * cairo_image_surface_get_height (top));
  /* Every lane is in the picture, the first one too, with its colours. */
  image.data = cairo_image_surface_get_data (scrolled);
  image.width = cairo_image_surface_get_width (scrolled);
  image.height = cairo_image_surface_get_height (scrolled);
  image.stride = cairo_image_surface_get_stride (scrolled);
  image.bgra = TRUE;
  gtk_adjustment_set_value (vadjustment, 0);
  gui_wait_ms (100);
  for (guint i = 0; i < weft_timeline_tree_get_n_threads (tree); i++)
    {
      const WeftThread *thread = weft_timeline_tree_get_thread (tree, i);
      double x = weft_timeline_renderer_x_at_time (renderer, image.width, weft_view_time (thread->start_ns));
      double y = weft_timeline_renderer_get_lane_y (renderer, i);

      g_assert_cmpfloat (y, >=, 0);
      if (!has_state_colour (&image, pal, x + 1, x + 40, (int) (y + row_h / 2)))
        g_error ("the exported picture has nothing in the lane of %s %u", weft_thread_get_label (thread), thread->tid);
    }
  cairo_surface_destroy (top);
  cairo_surface_destroy (scrolled);
  g_assert_cmpint (g_chdir (previous_dir), ==, 0);
  {
    g_autofree char *cleanup = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_cmpint (system (cleanup), ==, 0);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr (WeftTestTrace) trace = NULL;
  g_autofree char *program = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  {
    /* What AdwApplication does for the real viewer: its style sheet. */
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/org/weft/Weft/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  /* One recording for all the window tests. */
  program = gui_test_program ("gui-zombie-program");
  {
    const char *record_argv[] = { program, NULL };
    trace = weft_test_record (record_argv, NULL);
    g_assert_cmpint (trace->exit_status, ==, 0);
    recorded_trace = trace->path;
  }
  deadlock_trace = g_build_filename (g_get_tmp_dir (), "weft-gui-deadlock.weft", NULL);
  gui_fixture_write_deadlock (deadlock_trace);

  g_test_add_func ("/gui/open-recorded", test_open_recorded);
  g_test_add_func ("/gui/replay", test_replay);
  g_test_add_func ("/gui/deadlock", test_deadlock_window);
  g_test_add_func ("/gui/bad-files", test_bad_files);
  g_test_add_func ("/gui/lost-events", test_lost_events);
  g_test_add_func ("/gui/details-copy-on-write", test_details_copy_on_write);
  g_test_add_func ("/gui/bookmarks", test_bookmarks);
  g_test_add_func ("/gui/bookmark-from-menu", test_bookmark_from_menu);
  g_test_add_func ("/gui/export-scrolled", test_export_scrolled);
  g_test_add_func ("/gui/recent-newest-first", test_recent_newest_first);
  g_test_add_func ("/gui/refuses-root", test_refuses_root);
  result = g_test_run ();
  g_unlink (deadlock_trace);
  g_free (deadlock_trace);
  return result;
}

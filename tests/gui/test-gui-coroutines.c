/*
 * test-gui-coroutines.c: coroutine sub-lanes in the viewer.  The course's
 * greenlet demo, recorded with the real recorder from /usr/bin/python3,
 * opened in a real window: a row per greenlet under the thread, each
 * green exactly while it ran; a real click (xdotool) on a sub-lane names
 * the greenlet and where it was suspended; the replay's step lands on
 * each switch.
 */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gui-fixtures.h"
#include "gui-shot.h"
#include "weft-details-pane.h"
#include "weft-model-coro.h"
#include "weft-replay.h"
#include "weft-test-util.h"
#include "weft-timeline-palette.h"
#include "weft-timeline-renderer.h"
#include "weft-timeline-view.h"
#include "weft-window.h"

static char *greenlet_trace;

static WeftWindow *
open_window (const char *path)
{
  WeftWindow *window = weft_window_new (NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 700);
  gtk_window_present (GTK_WINDOW (window));
  weft_window_open (window, file);
  for (int i = 0; i < 3000 && !(gtk_widget_get_mapped (GTK_WIDGET (window)) &&
                                gtk_widget_get_width (GTK_WIDGET (weft_window_get_timeline (window))) > 100);
       i++)
    gui_wait_ms (10);
  gui_wait_ms (300);
  return window;
}

/* The runs of the root's greenlets, by label. */
static const WeftCoroRun *
first_run_of (WeftModel *model, guint32 tid, const char *label)
{
  guint n = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, tid, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (weft_model_get_coroutine (model, runs[i].coroutine)->label, label))
      return &runs[i];
  g_error ("no run of %s", label);
}

/* How much of a 40-pixel stretch around x, on row y, is green. */
static double
green_around (const GuiImage *image, double x, double y, const WeftRgb *green)
{
  return gui_image_fraction (image, x - 20, x + 20, (int) y, green->r, green->g, green->b, 20);
}

static void
test_sub_lanes (void)
{
  WeftWindow *window = open_window (greenlet_trace);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (view);
  WeftModel *model = weft_timeline_tree_get_model (tree);
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftRgb *green = &pal->state[WEFT_STATE_RUNNING];
  const WeftThread *thread = weft_timeline_tree_get_thread (tree, 0);
  GPtrArray *lanes = weft_model_thread_get_coroutines (model, thread->tid);
  /* The picture first, then where things are in it: taking it may let the
   * window finish its layout. */
  g_autoptr (GuiShot) shot = gui_shot_take (GTK_WIDGET (view));
  int width = shot->image.width;
  double row_h = weft_timeline_renderer_get_row_height (renderer);
  double thread_y = weft_timeline_renderer_get_lane_y (renderer, 0);
  const WeftCoroRun *test1 = first_run_of (model, thread->tid, "greenlet test1()");
  const WeftCoroRun *test2 = first_run_of (model, thread->tid, "greenlet test2()");
  double x1 = weft_timeline_renderer_x_at_time (renderer, width, (test1->start_ns + test1->end_ns) / 2);
  double x2 = weft_timeline_renderer_x_at_time (renderer, width, (test2->start_ns + test2->end_ns) / 2);
  /* The sub-lanes come right under their thread, in the order first seen. */
  double y1 = thread_y + row_h * 1.5, y2 = thread_y + row_h * 2.5;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *focus = NULL, *click = NULL;
  graphene_point_t point;
  double dx, dy;
  const char *text;

  g_assert_cmpuint (lanes->len, ==, 3);
  g_assert_cmpstr (((WeftCoroutine *) g_ptr_array_index (lanes, 0))->label, ==, "greenlet test1()");
  g_assert_cmpstr (((WeftCoroutine *) g_ptr_array_index (lanes, 1))->label, ==, "greenlet test2()");
  /* test1's row is green while test1 runs and test2's is not; then the other way round. */
  g_assert_cmpfloat (green_around (&shot->image, x1, y1, green), >, 0.8);
  g_assert_cmpfloat (green_around (&shot->image, x1, y2, green), <, 0.2);
  g_assert_cmpfloat (green_around (&shot->image, x2, y2, green), >, 0.8);
  g_assert_cmpfloat (green_around (&shot->image, x2, y1, green), <, 0.2);

  /* A real click on test1's row while test2 runs: test1 is suspended at
   * its gr2.switch(). */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (window), &GRAPHENE_POINT_INIT (x2, y1),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  focus = g_strdup_printf ("windowfocus --sync %lu", (gulong) gdk_x11_surface_get_xid (surface));
  gui_xdotool (focus);
  click = g_strdup_printf ("mousemove --window %lu --sync %d %d click 1", (gulong) gdk_x11_surface_get_xid (surface),
                           (int) (point.x + dx), (int) (point.y + dy));
  gui_xdotool (click);
  gui_wait_ms (300);
  text = weft_details_pane_get_value (weft_window_get_details (window), "coroutine");
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "greenlet test1()"));
  {
    g_autofree char *test1 = weft_test_demo_frame ("test1", "coroutines_greenlet.py", "    gr2.switch()", 1);
    g_autofree char *said = g_strdup_printf ("Suspended at %s", test1);

    g_assert_nonnull (strstr (text, said));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_replay_steps_on_switches (void)
{
  WeftWindow *window = open_window (greenlet_trace);
  WeftReplay *replay = weft_window_get_replay (window);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  WeftModel *model = weft_timeline_tree_get_model (tree);
  const WeftThread *thread = weft_timeline_tree_get_thread (tree, 0);
  guint n = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, thread->tid, &n);

  /* From just before each switch, one step lands on it. */
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 1; i < n; i++)
    {
      weft_replay_seek (replay, (gint64) runs[i].start_ns - 1);
      g_assert_true (weft_replay_step (replay));
      g_assert_cmpint (weft_replay_get_playhead (replay), ==, (gint64) runs[i].start_ns);
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
  program = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "demos", "python", "coroutines_greenlet.py", NULL);
  {
    const char *record_argv[] = { "/usr/bin/python3", program, NULL };

    trace = weft_test_record (record_argv, NULL);
    g_assert_cmpint (trace->exit_status, ==, 0);
    greenlet_trace = trace->path;
  }
  g_test_add_func ("/gui/coroutines/sub-lanes", test_sub_lanes);
  g_test_add_func ("/gui/coroutines/replay-steps-on-switches", test_replay_steps_on_switches);
  result = g_test_run ();
  return result;
}

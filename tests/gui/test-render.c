/*
 * test-render.c: the timeline renderer, checked on pixels the way a person
 * would look at it — on a trace recorded with the real recorder (root) and
 * on a synthetic deadlock trace.  No display needed: it draws into images.
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gui-fixtures.h"
#include "weft-test-util.h"
#include "weft-timeline-palette.h"
#include "weft-timeline-phenomena.h"
#include "weft-render-export.h"
#include "weft-timeline-renderer.h"

#define WIDTH 1600

typedef struct {
  WeftTimelineRenderer *renderer;
  cairo_surface_t *surface;
  GuiImage image;
  double height;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->surface, cairo_surface_destroy);
}

/* Draws the renderer's current state into a fresh image. */
static void
frame_draw (Frame *frame, WeftTimelineRenderer *renderer)
{
  cairo_t *cr;

  frame_clear (frame);
  frame->renderer = renderer;
  frame->height = weft_timeline_renderer_get_natural_height (renderer);
  frame->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, (int) frame->height);
  cr = cairo_create (frame->surface);
  weft_timeline_renderer_draw (renderer, cr, WIDTH, frame->height);
  cairo_destroy (cr);
  cairo_surface_flush (frame->surface);
  frame->image.data = cairo_image_surface_get_data (frame->surface);
  frame->image.width = WIDTH;
  frame->image.height = (int) frame->height;
  frame->image.stride = cairo_image_surface_get_stride (frame->surface);
}

/* The process labelled name, and its index in tree order; NULL if none. */
static const WeftProcess *
find_process (WeftTimelineTree *tree, const char *name, guint *index)
{
  for (guint i = 0; i < weft_timeline_tree_get_n_processes (tree); i++)
    if (g_str_equal (weft_process_get_label (weft_timeline_tree_get_process (tree, i)), name))
      {
        *index = i;
        return weft_timeline_tree_get_process (tree, i);
      }
  return NULL;
}

static WeftTestTrace *
record_zombie_program (void)
{
  g_autofree char *program = gui_test_program ("gui-zombie-program");
  const char *argv[] = { program, NULL };
  WeftTestTrace *trace = weft_test_record (argv, NULL);

  g_assert_cmpint (trace->exit_status, ==, 0);
  return trace;
}

/* Is anything but the lane background drawn between x0 and x1 on row y? */
static gboolean
row_has_state_colour (const GuiImage *image, const WeftTimelinePalette *pal, double x0, double x1, int y)
{
  for (double x = x0; x < x1; x += 2)
    {
      double rgb[3];
      gui_image_rgb (image, (int) x, y, rgb);
      for (int s = WEFT_STATE_RUNNING; s < WEFT_STATE_NONE; s++)
        if (gui_image_is (image, (int) x, y, pal->state[s].r, pal->state[s].g, pal->state[s].b))
          return TRUE;
    }
  return FALSE;
}

static void
test_recorded_lanes_and_zombie (void)
{
  g_autoptr (WeftTestTrace) trace = record_zombie_program ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = weft_timeline_tree_new_for_file (trace->path, &error);
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftRgb *zombie = &pal->state[WEFT_STATE_ZOMBIE];
  const WeftProcess *late, *root;
  guint late_index = 0;
  Frame frame = { 0 };
  double row_h, x_exit, x_reap, y_late, y_root;

  g_assert_no_error (error);
  weft_timeline_renderer_set_tree (renderer, tree);
  frame_draw (&frame, renderer);

  /* One lane for every thread: 1 main + 2 workers + 3 children. */
  g_assert_cmpuint (weft_timeline_tree_get_n_threads (tree), >=, 6);
  for (guint i = 0; i < weft_timeline_tree_get_n_threads (tree); i++)
    {
      const WeftThread *thread = weft_timeline_tree_get_thread (tree, i);
      double y = weft_timeline_renderer_get_lane_y (renderer, i);
      double x0 = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (thread->start_ns));

      g_assert_cmpfloat (y, >=, 0);
      /* Something is drawn in it right after the thread started: within
       * 30 px (2% of the width), as the lines to a parent's children
       * cross its lane there (a slow, sanitized run forked the five over
       * its first 10 px and they hid every pixel looked at). */
      if (!row_has_state_colour (&frame.image, pal, x0 + 1, x0 + 30,
                                 (int) (y + weft_timeline_renderer_get_row_height (renderer) / 2)))
        {
          g_autofree char *png = g_build_filename (g_get_tmp_dir (), "weft-render-failed.png", NULL);
          WeftStateInterval first = { 0 };
          gboolean known = weft_timeline_tree_interval_at (tree, i, weft_view_time (thread->start_ns), &first);

          /* Say enough to find the cause from a CI log alone. */
          cairo_surface_write_to_png (frame.surface, png);
          g_error ("thread %s (tid %u, started %" G_GUINT64_FORMAT " ns of %" G_GINT64_FORMAT
                   ") has no state drawn at x %.0f..%.0f; its first interval: %s %s %" G_GUINT64_FORMAT
                   "..%" G_GUINT64_FORMAT " ns; picture in %s",
                   weft_thread_get_label (thread), thread->tid, thread->start_ns, weft_timeline_tree_get_duration (tree),
                   x0 + 1, x0 + 30, known ? "found" : "none", weft_thread_state_label (first.state),
                   first.start_ns, first.end_ns, png);
        }
    }

  /* The late child: a zombie from its exit until its reap ~1 s later. */
  late = find_process (tree, "late", &late_index);
  root = weft_timeline_tree_get_process (tree, 0);
  g_assert_nonnull (late);
  g_assert_cmpuint (late->exit_ns, !=, WEFT_TIME_NONE);
  g_assert_cmpuint (late->reap_ns, !=, WEFT_TIME_NONE);
  g_assert_cmpuint (late->reap_ns, >, late->exit_ns + 800 * 1000000ULL);
  row_h = weft_timeline_renderer_get_row_height (renderer);
  x_exit = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (late->exit_ns));
  x_reap = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (late->reap_ns));
  y_late = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, late_index)) + row_h / 2;
  y_root = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, 0)) + row_h / 2;
  /* Past the exit label, the row is the zombie colour (between its hatching). */
  g_assert_cmpfloat (gui_image_fraction (&frame.image, x_exit + (x_reap - x_exit) * 0.35, x_reap - 4,
                                         (int) y_late, zombie->r, zombie->g, zombie->b, 400), >, 0.5);
  /* ... and only that row: the parent is not a zombie meanwhile. */
  g_assert_cmpfloat (gui_image_fraction (&frame.image, x_exit + (x_reap - x_exit) * 0.35, x_reap - 4,
                                         (int) y_root, zombie->r, zombie->g, zombie->b, 400), <, 0.05);
  /* After the reap, the late child's row is empty. */
  g_assert_false (row_has_state_colour (&frame.image, pal, x_reap + 20, WIDTH - 20, (int) y_late));
  frame_clear (&frame);

  /* Zoomed so that the view starts well before 0 s: every bar stays at its
   * time, as the axis does — nothing before a lane's start, the zombie
   * from the exit on. */
  {
    gint64 reap = weft_view_time (late->reap_ns);
    gint64 t_left = -(reap / 2);
    double x_zero, x_start, x_root;

    weft_timeline_renderer_set_window (renderer, t_left, reap + reap / 4);
    frame_draw (&frame, renderer);
    x_zero = weft_timeline_renderer_x_at_time (renderer, WIDTH, 0);
    x_start = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (late->start_ns));
    x_root = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (root->start_ns));
    x_exit = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (late->exit_ns));
    x_reap = weft_timeline_renderer_x_at_time (renderer, WIDTH, reap);
    g_assert_cmpfloat (x_zero, >, weft_timeline_renderer_x_at_time (renderer, WIDTH, t_left) + 200);
    g_assert_false (row_has_state_colour (&frame.image, pal, x_zero - 200, x_root - 3, (int) y_root));
    g_assert_false (row_has_state_colour (&frame.image, pal, x_zero - 200, x_start - 3, (int) y_late));
    g_assert_true (row_has_state_colour (&frame.image, pal, x_root + 1, x_root + 12, (int) y_root));
    g_assert_cmpfloat (gui_image_fraction (&frame.image, x_exit + (x_reap - x_exit) * 0.35, x_reap - 4,
                                           (int) y_late, zombie->r, zombie->g, zombie->b, 400), >, 0.5);
    /* Before the exit, the late child is not yet a zombie. */
    g_assert_cmpfloat (gui_image_fraction (&frame.image, x_start + 1, x_exit - 1, (int) y_late,
                                           zombie->r, zombie->g, zombie->b, 10), <, 0.2);
    frame_clear (&frame);
  }

  /* Collapsing the root hides its threads and its children; expanding
   * brings them back. */
  g_assert_true (weft_timeline_renderer_is_collapsible (renderer, 0));
  weft_timeline_renderer_set_collapsed (renderer, root->pid, TRUE);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, 0)), >=, 0);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, late_index)),
                     <, 0);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, 0) + 1), <, 0);
  weft_timeline_renderer_set_collapsed (renderer, root->pid, FALSE);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, late_index)),
                     >=, 0);
}

static void
test_recorded_replay_hides_future (void)
{
  g_autoptr (WeftTestTrace) trace = record_zombie_program ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = weft_timeline_tree_new_for_file (trace->path, &error);
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftProcess *late, *killed;
  guint late_index = 0, killed_index = 0;
  guint late_lane, killed_lane;
  Frame frame = { 0 };
  gint64 playhead;
  double x_play, row_h;

  g_assert_no_error (error);
  weft_timeline_renderer_set_tree (renderer, tree);
  late = find_process (tree, "late", &late_index);
  killed = find_process (tree, "killed", &killed_index);
  g_assert_nonnull (late);
  g_assert_nonnull (killed);
  late_lane = weft_timeline_tree_get_first_thread (tree, late_index);
  killed_lane = weft_timeline_tree_get_first_thread (tree, killed_index);
  row_h = weft_timeline_renderer_get_row_height (renderer);

  /* Before the children are born, their rows do not exist yet. */
  weft_timeline_renderer_set_playhead (renderer, weft_view_time (late->start_ns) - 1);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, late_lane), <, 0);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, killed_lane), <, 0);

  /* Halfway through the zombie interval: the zombie is there up to the
   * playhead, and nothing at all is drawn after it. */
  playhead = weft_view_time (late->exit_ns) + (weft_view_time (late->reap_ns) - weft_view_time (late->exit_ns)) / 2;
  weft_timeline_renderer_set_playhead (renderer, playhead);
  frame_draw (&frame, renderer);
  x_play = weft_timeline_renderer_x_at_time (renderer, WIDTH, playhead);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, late_lane), >=, 0);
  for (guint i = 0; i < weft_timeline_tree_get_n_threads (tree); i++)
    {
      double y = weft_timeline_renderer_get_lane_y (renderer, i);
      if (y >= 0)
        g_assert_false (row_has_state_colour (&frame.image, pal, x_play + 4, WIDTH - 10, (int) (y + row_h / 2)));
    }
  {
    const WeftRgb *zombie = &pal->state[WEFT_STATE_ZOMBIE];
    double x_exit = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (late->exit_ns));
    double y = weft_timeline_renderer_get_lane_y (renderer, late_lane) + row_h / 2;
    g_assert_cmpfloat (gui_image_fraction (&frame.image, x_exit + (x_play - x_exit) * 0.5, x_play - 3, (int) y,
                                           zombie->r, zombie->g, zombie->b, 400), >, 0.5);
  }
  /* The reap has not happened yet at the playhead (and does happen). */
  g_assert_cmpuint (late->reap_ns, !=, WEFT_TIME_NONE);
  g_assert_cmpint (weft_view_time (late->reap_ns), >, playhead);
  frame_clear (&frame);
}

/* The course's GIL demo: two threads count while the main thread joins
 * them.  The counters take turns in the GIL colour (not the lock colour),
 * and the main thread's row is in the join colour (a join drawn as a lock
 * looked like part of a deadlock). */
static void
test_recorded_python_gil_and_join (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("demos/python/threads_gil.py");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftRgb *join = &pal->state[WEFT_STATE_JOIN];
  const WeftRgb *gil = &pal->state[WEFT_STATE_GIL];
  const WeftRgb *lock = &pal->state[WEFT_STATE_LOCK];
  const WeftRgb *running = &pal->state[WEFT_STATE_RUNNING];
  const WeftProcess *root;
  const WeftThread *counter;
  guint root_lane;
  Frame frame = { 0 };
  double row_h, x0, x1, y_main, y_counter;

  g_assert_cmpint (trace->exit_status, ==, 0);
  tree = weft_timeline_tree_new_for_file (trace->path, &error);
  g_assert_no_error (error);
  weft_timeline_renderer_set_tree (renderer, tree);
  frame_draw (&frame, renderer);
  root = weft_timeline_tree_get_process (tree, 0);
  root_lane = weft_timeline_tree_get_first_thread (tree, 0);
  g_assert_cmpuint (root->threads->len, ==, 3);
  counter = weft_timeline_tree_get_thread (tree, root_lane + 1);
  g_assert_cmpstr (weft_thread_get_label (counter), ==, "count-1");
  g_assert_cmpuint (counter->end_ns, !=, WEFT_TIME_NONE);
  g_assert_cmpuint (counter->end_ns, >, counter->start_ns + 200 * 1000000ULL);
  /* While both count: from 50 ms after count-1 started to 50 ms before it ended. */
  x0 = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (counter->start_ns) + 50 * 1000000LL);
  x1 = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (counter->end_ns) - 50 * 1000000LL);
  row_h = weft_timeline_renderer_get_row_height (renderer);
  y_main = weft_timeline_renderer_get_lane_y (renderer, root_lane) + row_h / 2;
  y_counter = weft_timeline_renderer_get_lane_y (renderer, root_lane + 1) + row_h / 2;
  g_assert_cmpfloat (gui_image_fraction (&frame.image, x0, x1, (int) y_main, join->r, join->g, join->b, 400), >, 0.6);
  g_assert_cmpfloat (gui_image_fraction (&frame.image, x0, x1, (int) y_main, lock->r, lock->g, lock->b, 400), <, 0.02);
  g_assert_cmpfloat (gui_image_fraction (&frame.image, x0, x1, (int) y_counter, gil->r, gil->g, gil->b, 400), >, 0.2);
  g_assert_cmpfloat (gui_image_fraction (&frame.image, x0, x1, (int) y_counter, running->r, running->g, running->b, 400), >, 0.2);
  g_assert_cmpfloat (gui_image_fraction (&frame.image, x0, x1, (int) y_counter, lock->r, lock->g, lock->b, 400), <, 0.02);
  frame_clear (&frame);
}

/* Six identical children one after another are one row, and one stop
 * each way for "next phenomenon": their first start and their last end. */
static void
test_recorded_group_is_two_stops (void)
{
  const char *argv[] = { "/bin/sh", "-c", "for i in 1 2 3 4 5 6; do /bin/true; done", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  WeftPhenomenon start, end, after;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_assert_cmpint (trace->exit_status, ==, 0);
  tree = weft_timeline_tree_new_for_file (trace->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weft_timeline_tree_get_n_processes (tree), ==, 7);

  g_assert_true (weft_timeline_tree_find_phenomenon (tree, -1, TRUE, &start));
  start_text = weft_phenomenon_describe (tree, &start);
  g_test_message ("%s", start_text);
  g_assert_cmpint (start.kind, ==, WEFT_PHENOMENON_GROUP_START);
  g_assert_cmpuint (start.group_size, ==, 6);
  g_assert_nonnull (strstr (start_text, "6 × true"));

  g_assert_true (weft_timeline_tree_find_phenomenon (tree, start.at_ns, TRUE, &end));
  end_text = weft_phenomenon_describe (tree, &end);
  g_test_message ("%s", end_text);
  g_assert_cmpint (end.kind, ==, WEFT_PHENOMENON_GROUP_END);
  g_assert_nonnull (strstr (end_text, "the last of 6 × true has ended (6 × true, all exit 0)"));
  g_assert_cmpint (end.at_ns, >=, weft_view_time (weft_timeline_tree_get_process (tree, 6)->exit_ns));

  /* Nothing of the children after it; and back from it is the start. */
  if (weft_timeline_tree_find_phenomenon (tree, end.at_ns, TRUE, &after))
    g_assert_cmpint (after.process, ==, 0);
  g_assert_true (weft_timeline_tree_find_phenomenon (tree, end.at_ns, FALSE, &after));
  g_assert_cmpint (after.kind, ==, WEFT_PHENOMENON_GROUP_START);
}

static void
test_deadlock_highlight (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-gui-deadlock-XXXXXX.weft", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftRgb *red = &pal->deadlock;
  g_autofree char *sentence = NULL;
  GPtrArray *deadlocks;
  Frame frame = { 0 };
  int fd = g_mkstemp (path);
  double banner_y = pal->ruler_height + pal->banner_height / 2;
  double x_dead;

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  gui_fixture_write_deadlock (path);
  tree = weft_timeline_tree_new_for_file (path, &error);
  g_assert_no_error (error);
  deadlocks = weft_model_get_deadlocks (weft_timeline_tree_get_model (tree));
  g_assert_cmpuint (deadlocks->len, >=, 1);
  weft_timeline_renderer_set_tree (renderer, tree);

  /* Before the cycle closes: no banner. */
  weft_timeline_renderer_set_playhead (renderer, (FIXTURE_DEADLOCK_MS - 100) * 1000000LL);
  frame_draw (&frame, renderer);
  g_assert_cmpfloat (gui_image_fraction (&frame.image, 40, WIDTH - 40, (int) banner_y, red->r, red->g, red->b, 50),
                     <, 0.1);

  /* After: the red banner across the top says who waits for what ... */
  weft_timeline_renderer_set_playhead (renderer, -1);
  frame_draw (&frame, renderer);
  g_assert_cmpfloat (gui_image_fraction (&frame.image, 40, WIDTH - 40, (int) banner_y, red->r, red->g, red->b, 50),
                     >, 0.5);
  sentence = weft_timeline_describe_deadlock (tree, g_ptr_array_index (deadlocks, 0));
  g_assert_nonnull (strstr (sentence, "mutex_a"));
  g_assert_nonnull (strstr (sentence, "mutex_b"));
  g_assert_nonnull (strstr (sentence, "worker-a"));
  g_assert_nonnull (strstr (sentence, "worker-b"));

  /* ... and both lanes are outlined in red from the moment it closed. */
  x_dead = weft_timeline_renderer_x_at_time (renderer, WIDTH, FIXTURE_DEADLOCK_MS * 1000000LL);
  for (guint32 tid = FIXTURE_TID_A; tid <= FIXTURE_TID_B; tid++)
    {
      int index = weft_timeline_tree_find_thread (tree, tid);
      double top = weft_timeline_renderer_get_lane_y (renderer, index);
      gboolean outlined = FALSE;

      g_assert_cmpint (index, >=, 0);
      for (int dy = 0; dy < 4 && !outlined; dy++)
        outlined = gui_image_fraction (&frame.image, x_dead + 30, x_dead + (WIDTH - 8 - x_dead) * 0.3, (int) top + dy,
                                       red->r, red->g, red->b, 30) > 0.9;
      g_assert_true (outlined);
    }

  /* Each waiter points at its lock's holder at the moment its wait began
   * (worker-a at 781 ms, worker-b when the cycle closed), dark on the
   * red, and nowhere later. */
  {
    const WeftRgb *dark = &pal->text;
    double row_h = weft_timeline_renderer_get_row_height (renderer);
    double y_a = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_find_thread (tree, FIXTURE_TID_A));
    double y_b = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_find_thread (tree, FIXTURE_TID_B));
    double y_between = (MIN (y_a, y_b) + MAX (y_a, y_b) + row_h) / 2;
    double x_a = weft_timeline_renderer_x_at_time (renderer, WIDTH, 781 * 1000000LL);
    double x_b = weft_timeline_renderer_x_at_time (renderer, WIDTH, FIXTURE_DEADLOCK_MS * 1000000LL);

    g_assert_cmpfloat (gui_image_fraction (&frame.image, x_a - 3, x_a + 3, (int) y_between, dark->r, dark->g, dark->b,
                                           13), >, 0.1);
    g_assert_cmpfloat (gui_image_fraction (&frame.image, x_b - 3, x_b + 3, (int) y_between, dark->r, dark->g, dark->b,
                                           13), >, 0.1);
    g_assert_cmpfloat (gui_image_fraction (&frame.image, x_b + 20, WIDTH - 20, (int) y_between, dark->r, dark->g,
                                           dark->b, 400), ==, 0);
  }
  frame_clear (&frame);
  g_unlink (path);
}

/* The same on a real deadlock recorded by the real recorder. */
static void
test_recorded_deadlock (void)
{
  g_autofree char *program = gui_test_program ("gui-abba-program");
  const char *argv[] = { program, NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = weft_timeline_tree_new_for_file (trace->path, &error);
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftRgb *red = &pal->deadlock;
  GPtrArray *deadlocks;
  const WeftDeadlock *deadlock;
  g_autofree char *sentence = NULL;
  Frame frame = { 0 };

  g_assert_no_error (error);
  deadlocks = weft_model_get_deadlocks (weft_timeline_tree_get_model (tree));
  g_assert_cmpuint (deadlocks->len, >=, 1);
  deadlock = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (deadlock->kind, !=, WEFT_DEADLOCK_STALL);
  g_assert_cmpuint (deadlock->tids->len, ==, 2);
  sentence = weft_timeline_describe_deadlock (tree, deadlock);
  g_assert_nonnull (strstr (sentence, "mutex_a"));
  g_assert_nonnull (strstr (sentence, "mutex_b"));
  g_assert_nonnull (strstr (sentence, "locks-a-then-b"));
  g_assert_nonnull (strstr (sentence, "locks-b-then-a"));

  weft_timeline_renderer_set_tree (renderer, tree);
  frame_draw (&frame, renderer);
  g_assert_cmpfloat (gui_image_fraction (&frame.image, 40, WIDTH - 40, (int) (pal->ruler_height + 3),
                                         red->r, red->g, red->b, 50), >, 0.9);
  for (guint i = 0; i < deadlock->tids->len; i++)
    {
      int index = weft_timeline_tree_find_thread (tree, g_array_index (deadlock->tids, guint32, i));
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, index), >=, 0);
    }
  frame_clear (&frame);
}

/* The course's Python deadlock: ten threads stuck on mutexA and mutexB,
 * and the main thread waiting at exit for them to end.  The banner names
 * the two locks, and says the main thread waits for a thread's end, not
 * for a lock called "join" or "threading.py:1583". */
static void
test_recorded_python_stall (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("demos/python/threads_deadlock.py");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = weft_timeline_tree_new_for_file (trace->path, &error);
  GPtrArray *deadlocks;
  g_autofree char *sentence = NULL;

  g_assert_no_error (error);
  deadlocks = weft_model_get_deadlocks (weft_timeline_tree_get_model (tree));
  g_assert_cmpuint (deadlocks->len, >=, 1);
  sentence = weft_timeline_describe_deadlock (tree, g_ptr_array_index (deadlocks, 0));
  g_test_message ("%s", sentence);
  g_assert_nonnull (strstr (sentence, "all wait, on locks ("));
  g_assert_nonnull (strstr (sentence, ") or for a thread to end, and nobody wakes them."));
  g_assert_nonnull (strstr (sentence, "mutexA"));
  g_assert_nonnull (strstr (sentence, "mutexB"));
  g_assert_null (strstr (sentence, "threading.py"));
  g_assert_null (strstr (sentence, "join"));
}

/* An export at a width where the deadlock banner takes several lines is
 * as tall as everything drawn in it: the last lane is not cut off. */
static void
test_export_makes_room_for_wrapped_banner (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-gui-banner-XXXXXX.weft", NULL);
  g_autofree char *png = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  cairo_surface_t *image;
  int fd = g_mkstemp (path);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  gui_fixture_write_deadlock (path);
  png = g_strconcat (path, ".png", NULL);
  tree = weft_timeline_tree_new_for_file (path, &error);
  g_assert_no_error (error);
  weft_timeline_renderer_set_tree (renderer, tree);
  g_assert_true (weft_render_export (renderer, WEFT_IMAGE_PNG, png, 400, 0, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* Laid out at 400 pixels, the banner needs more than its one line. */
  g_assert_cmpfloat (weft_timeline_renderer_get_natural_height (renderer), >,
                     pal->ruler_height + pal->banner_height + weft_timeline_renderer_get_lanes_height (renderer)
                     + pal->legend_height + 4);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                   (int) weft_timeline_renderer_get_natural_height (renderer));
  cairo_surface_destroy (image);
  g_unlink (png);
  g_unlink (path);
}

static void
test_empty_renderer_draws (void)
{
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
  cairo_t *cr = cairo_create (surface);

  /* No trace yet: the ruler and the legend, no crash. */
  weft_timeline_renderer_draw (renderer, cr, 400, 200);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/recorded/lanes-and-zombie", test_recorded_lanes_and_zombie);
  g_test_add_func ("/render/recorded/replay-hides-future", test_recorded_replay_hides_future);
  g_test_add_func ("/render/recorded/python-gil-and-join", test_recorded_python_gil_and_join);
  g_test_add_func ("/render/recorded/group-is-two-stops", test_recorded_group_is_two_stops);
  g_test_add_func ("/render/deadlock-highlight", test_deadlock_highlight);
  g_test_add_func ("/render/recorded/deadlock", test_recorded_deadlock);
  g_test_add_func ("/render/recorded/python-stall", test_recorded_python_stall);
  g_test_add_func ("/render/export-wrapped-banner", test_export_makes_room_for_wrapped_banner);
  g_test_add_func ("/render/empty", test_empty_renderer_draws);
  return g_test_run ();
}

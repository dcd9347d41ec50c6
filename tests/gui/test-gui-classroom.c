/*
 * test-gui-classroom.c: the viewer as a teacher uses it in class, under
 * Xvfb (run-under-xvfb.sh): classroom mode, slow and event-paced replay,
 * jumping from phenomenon to phenomenon, keys typed with xdotool after a
 * click on the seek bar, the shortcuts window, and big traces (grouped
 * children, collapse all, find next, zoom back).
 */
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gui-fixtures.h"
#include "gui-shot.h"
#include "weft-test-util.h"
#include "weft-timeline-palette.h"
#include "weft-window.h"

static char *deadlock_trace;
static char *loop_trace;

static gboolean
laid_out (WeftWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (weft_window_get_timeline (window))) > 100;
}

static WeftWindow *
open_window (const char *path, int width, int height)
{
  WeftWindow *window = weft_window_new (NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (weft_window_open (window, file));
  for (int i = 0; i < 3000 && !laid_out (window); i++)
    gui_wait_ms (10);
  g_assert_true (laid_out (window));
  gui_wait_ms (300);
  return window;
}

/* How many pixel rows from y down at column x have the colour rgb. */
static int
run_of_colour (const GuiImage *image, int x, int y, const WeftRgb *rgb)
{
  int n = 0;

  while (y + n < image->height && gui_image_is (image, x, y + n, rgb->r, rgb->g, rgb->b))
    n++;
  return n;
}

static GtkWidget *
details_widget (WeftWindow *window)
{
  return GTK_WIDGET (weft_window_get_details (window));
}

static void
test_classroom_mode (void)
{
  WeftWindow *window = open_window (deadlock_trace, 820, 640);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (view);
  const WeftTimelinePalette *big = weft_timeline_palette_get (TRUE);
  GtkWidget *header = NULL;
  g_autoptr (GuiShot) shot = NULL;
  GuiImage image;
  int banner, legend;

  /* The header bar is the first thing in the window: find it by type. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (window)); w && !header;
       w = gtk_widget_get_first_child (w))
    for (GtkWidget *c = w; c && !header; c = gtk_widget_get_next_sibling (c))
      if (ADW_IS_HEADER_BAR (c))
        header = c;
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_get_visible (header));
  g_assert_true (gtk_widget_get_mapped (details_widget (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  for (int i = 0; i < 500 && (gtk_widget_get_mapped (header) || !laid_out (window)); i++)
    gui_wait_ms (10);
  /* Large text makes the window wider (no window manager to make it full
   * screen): wait until its size settles. */
  {
    int width = -1, height = -1, same = 0;

    for (int i = 0; i < 300 && same < 5; i++)
      {
        int w = gtk_widget_get_width (GTK_WIDGET (view)), h = gtk_widget_get_height (GTK_WIDGET (view));

        same = w == width && h == height ? same + 1 : 0;
        width = w;
        height = h;
        gui_wait_ms (20);
      }
  }
  gtk_widget_queue_draw (GTK_WIDGET (view));
  gui_wait_ms (300);
  g_assert_true (weft_window_get_presentation (window));
  /* Every pixel for the timeline: no header bar, no side pane. */
  g_assert_false (gtk_widget_get_visible (header));
  g_assert_false (gtk_widget_get_mapped (details_widget (window)));
  g_assert_true (weft_timeline_renderer_get_presentation (renderer));

  /* The banner is red over as many lines as the sentence needs, and the
   * lanes start below it: at presentation size the ABBA sentence does not
   * fit in one line of an 820-pixel window. */
  shot = gui_shot_take (GTK_WIDGET (view));
  image = shot->image;
  banner = run_of_colour (&image, 4, (int) big->ruler_height + 1, &big->deadlock);
  g_test_message ("banner %d px high, one line is %.0f", banner, big->banner_height);
  /* One line of the banner is banner_height; a second line of 15-point
   * text adds at least 15 pixels. */
  g_assert_cmpint (banner, >=, (int) big->banner_height + 15);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, 0), >=, big->ruler_height + banner - 1);
  /* The legend is not shrunk to fit: it takes a second line instead. */
  legend = 0;
  for (int y = image.height - 1; y > 0 && gui_image_is (&image, 2, y, big->ruler.r, big->ruler.g, big->ruler.b); y--)
    legend++;
  {
    double rgb[3];
    gui_image_rgb (&image, 2, image.height - 1, rgb);
    g_test_message ("legend %d px high, one line is %.0f; bottom-left %.2f %.2f %.2f of %dx%d", legend,
                    big->legend_height, rgb[0], rgb[1], rgb[2], image.width, image.height);
  }
  gui_shot_save_if_asked (GTK_WIDGET (window), "classroom.png");
  g_assert_cmpint (legend, >=, (int) (big->legend_height * 1.5));
  g_clear_pointer (&shot, gui_shot_free);

  /* Details on demand: a click on a lane floats them over the timeline. */
  weft_timeline_view_select (view, weft_timeline_tree_find_thread (tree, FIXTURE_TID_A),
                             (FIXTURE_DEADLOCK_MS + 100) * 1000000LL);
  gui_wait_ms (300);
  g_assert_true (gtk_widget_get_mapped (details_widget (window)));
  g_assert_true (GTK_IS_OVERLAY (gtk_widget_get_parent (details_widget (window))));
  g_assert_cmpstr (weft_details_pane_get_value (weft_window_get_details (window), "object"), ==, "mutex_b");
  /* It leaves the legend below it readable. */
  {
    graphene_rect_t bounds;
    double legend_top = gtk_widget_get_height (GTK_WIDGET (view)) - weft_timeline_renderer_get_legend_height (renderer);

    g_assert_true (gtk_widget_compute_bounds (details_widget (window), GTK_WIDGET (view), &bounds));
    g_test_message ("floating details end at y %.0f; the legend starts at %.0f",
                    bounds.origin.y + bounds.size.height, legend_top);
    g_assert_cmpfloat (legend_top, >, gtk_widget_get_height (GTK_WIDGET (view)) / 2.0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, legend_top + 0.5);
  }
  /* Esc closes the details first, then leaves classroom mode. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL);
  gui_wait_ms (100);
  g_assert_false (gtk_widget_get_visible (details_widget (window)));
  g_assert_true (weft_window_get_presentation (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
  gui_wait_ms (100);
  g_assert_true (gtk_widget_get_visible (details_widget (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-details", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL);
  gui_wait_ms (400);
  g_assert_false (weft_window_get_presentation (window));
  g_assert_true (gtk_widget_get_visible (header));
  g_assert_true (GTK_IS_PANED (gtk_widget_get_parent (details_widget (window))));
  g_assert_true (gtk_widget_get_mapped (details_widget (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_slow_replay (void)
{
  WeftWindow *window = open_window (deadlock_trace, 1280, 640);
  WeftReplay *replay = weft_window_get_replay (window);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  gint64 next;

  /* 0.001x: one second of the wall clock is one millisecond of the trace. */
  weft_replay_set_speed (replay, 0.001);
  g_assert_cmpfloat (weft_replay_get_speed (replay), ==, 0.001);
  weft_replay_seek (replay, 0);
  weft_replay_advance (replay, 1000000);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, 1000000);
  /* A 16 ms tick at 0.001x is 16 µs: many ticks add up exactly. */
  for (int i = 0; i < 1000; i++)
    weft_replay_advance (replay, 16000);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, 1000000 + 16000000);

  /* Event by event: each half second of the wall clock, the next event,
   * however far away in the trace. */
  weft_replay_set_by_events (replay, TRUE);
  weft_replay_seek (replay, 0);
  next = weft_view_time (weft_model_next_event (weft_timeline_tree_get_model (tree), 0));
  weft_replay_advance (replay, 499999);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, 0);
  weft_replay_advance (replay, 1);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, next);
  weft_replay_advance (replay, 1000000);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==,
                   weft_view_time (weft_model_next_event (weft_timeline_tree_get_model (tree),
                                                          weft_model_next_event (weft_timeline_tree_get_model (tree),
                                                                                 (guint64) next))));
  weft_replay_set_by_events (replay, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_jump_to_phenomena (void)
{
  WeftWindow *window = open_window (deadlock_trace, 1280, 640);
  WeftReplay *replay = weft_window_get_replay (window);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (weft_window_get_timeline (window));
  /* The fixture's story: the helper is forked, exits with 2 and stays a
   * zombie, is reaped, then the two workers deadlock. */
  static const struct { WeftPhenomenonKind kind; gint64 ms; const char *words; } story[] = {
    { WEFT_PHENOMENON_FORK, 140, "helper 1010" },
    { WEFT_PHENOMENON_ZOMBIE, 300, "exit 2" },
    { WEFT_PHENOMENON_REAP, 600, "reaps the zombie helper 1010" },
    { WEFT_PHENOMENON_DEADLOCK, FIXTURE_DEADLOCK_MS, "worker-a" },
  };
  WeftPhenomenon phenomenon;

  for (guint i = 0; i < G_N_ELEMENTS (story); i++)
    {
      g_autofree char *text = NULL;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phenomenon", NULL);
      g_assert_cmpint (weft_replay_get_playhead (replay), ==, story[i].ms * 1000000LL);
      g_assert_true (weft_timeline_tree_find_phenomenon (tree, story[i].ms * 1000000LL - 1, TRUE, &phenomenon));
      g_assert_cmpint (phenomenon.kind, ==, story[i].kind);
      text = weft_phenomenon_describe (tree, &phenomenon);
      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, story[i].words));
    }
  /* Nothing after the deadlock: the playhead stays. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phenomenon", NULL);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, FIXTURE_DEADLOCK_MS * 1000000LL);
  /* And back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-phenomenon", NULL);
  g_assert_cmpint (weft_replay_get_playhead (replay), ==, 600 * 1000000LL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static void
test_keys_after_seek (void)
{
  WeftWindow *window = open_window (deadlock_trace, 1280, 640);
  WeftReplay *replay = weft_window_get_replay (window);
  GtkWidget *scale = find_widget (GTK_WIDGET (window), GTK_TYPE_SCALE);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *focus = NULL, *click = NULL;
  graphene_point_t point;
  double dx, dy;
  gint64 seeked;

  g_assert_nonnull (scale);
  g_assert_true (gtk_widget_compute_point (scale, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (scale) * 0.3,
                                                                 gtk_widget_get_height (scale) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  focus = g_strdup_printf ("windowfocus --sync %lu", (gulong) gdk_x11_surface_get_xid (surface));
  gui_xdotool (focus);
  /* No window manager: the window's origin is the screen's. */
  click = g_strdup_printf ("mousemove --window %lu --sync %d %d click 1", (gulong) gdk_x11_surface_get_xid (surface),
                           (int) (point.x + dx), (int) (point.y + dy));
  gui_xdotool (click);
  /* Events arrive when the X server and a loaded machine deliver them. */
  for (int i = 0; i < 500 && weft_replay_get_playhead (replay) < 0; i++)
    gui_wait_ms (10);
  seeked = weft_replay_get_playhead (replay);
  g_assert_cmpint (seeked, >, 0);

  /* '.' steps, Space plays and pauses: the seek bar did not eat them. */
  gui_xdotool ("key period");
  for (int i = 0; i < 500 && weft_replay_get_playhead (replay) == seeked; i++)
    gui_wait_ms (10);
  g_assert_cmpint (weft_replay_get_playhead (replay), >, seeked);
  weft_replay_set_speed (replay, 0.001);
  gui_xdotool ("key space");
  for (int i = 0; i < 500 && !weft_replay_get_playing (replay); i++)
    gui_wait_ms (10);
  g_assert_true (weft_replay_get_playing (replay));
  gui_xdotool ("key space");
  for (int i = 0; i < 500 && weft_replay_get_playing (replay); i++)
    gui_wait_ms (10);
  g_assert_false (weft_replay_get_playing (replay));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ctrl+wheel over the lanes, with a real pointer: the moment under it
 * stays under it (the wheel's X11 events carry no usable position). */
static void
test_ctrl_wheel_zooms_at_pointer (void)
{
  WeftWindow *window = open_window (deadlock_trace, 1280, 640);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  double width = gtk_widget_get_width (GTK_WIDGET (view));
  double x = weft_timeline_renderer_get_gutter_width (renderer) + (width - weft_timeline_renderer_get_gutter_width (renderer)) * 0.75;
  gint64 before = weft_timeline_renderer_time_at_x (renderer, width, x), t0, t1, after;
  g_autofree char *move = NULL;
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (x, gtk_widget_get_height (GTK_WIDGET (view)) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  move = g_strdup_printf ("mousemove --window %lu --sync %d %d", (gulong) gdk_x11_surface_get_xid (surface),
                          (int) (point.x + dx), (int) (point.y + dy));
  gui_xdotool (move);
  gui_wait_ms (100);
  gui_xdotool ("keydown ctrl click 4 click 4 click 4 keyup ctrl");
  weft_timeline_renderer_get_window (renderer, &t0, &t1);
  for (int i = 0; i < 500 && t1 - t0 > (gint64) (weft_timeline_tree_get_duration (weft_timeline_view_get_tree (view)) * 0.6); i++)
    {
      gui_wait_ms (10);
      weft_timeline_renderer_get_window (renderer, &t0, &t1);
    }
  /* Three clicks of 1.25x: about half the trace shown ... */
  g_assert_cmpint (t1 - t0, <, (gint64) (weft_timeline_tree_get_duration (weft_timeline_view_get_tree (view)) * 0.6));
  /* ... and the moment under the pointer moved by at most a few pixels. */
  after = weft_timeline_renderer_time_at_x (renderer, width, x);
  g_assert_cmpint (ABS (after - before), <, (t1 - t0) / 100);
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
n_rows (WeftTimelineRenderer *renderer)
{
  return (guint) (weft_timeline_renderer_get_lanes_height (renderer) / weft_timeline_renderer_get_row_height (renderer)
                  + 0.5);
}

static GPtrArray *
processes_named (WeftTimelineTree *tree, const char *name)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < weft_timeline_tree_get_n_processes (tree); i++)
    if (g_str_equal (weft_process_get_label (weft_timeline_tree_get_process (tree, i)), name))
      g_ptr_array_add (found, (gpointer) weft_timeline_tree_get_process (tree, i));
  return found;
}

/* A shell loop of six /bin/true, one after the other, then four sleeps
 * at the same time: the trues share one row, the sleeps keep theirs. */
static void
test_grouped_children (void)
{
  WeftWindow *window = open_window (loop_trace, 1280, 760);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  WeftTimelineTree *tree = weft_timeline_view_get_tree (view);
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  g_autoptr (GPtrArray) trues = processes_named (tree, "true");
  g_autoptr (GPtrArray) sleeps = processes_named (tree, "sleep");
  const WeftProcess *first_true, *last_true;
  guint first_true_lane, last_true_lane;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  double row_h = weft_timeline_renderer_get_row_height (renderer);
  g_autoptr (GuiShot) shot = NULL;
  GuiImage image;
  double y_group;
  guint grouped_rows;

  g_assert_cmpuint (trues->len, ==, 6);
  g_assert_cmpuint (sleeps->len, ==, 4);
  first_true = g_ptr_array_index (trues, 0);
  last_true = g_ptr_array_index (trues, 5);
  /* A process's lane is its main thread's, whose tid is its pid. */
  first_true_lane = (guint) weft_timeline_tree_find_thread (tree, first_true->pid);
  last_true_lane = (guint) weft_timeline_tree_find_thread (tree, last_true->pid);
  /* sh, one row for the six trues, four sleeps. */
  grouped_rows = n_rows (renderer);
  g_assert_cmpuint (grouped_rows, ==, 1 + 1 + 4);
  g_assert_true (weft_timeline_renderer_get_collapsed (renderer, first_true->pid));
  /* Every true is drawn in that row, the last one too. */
  y_group = weft_timeline_renderer_get_lane_y (renderer, first_true_lane);
  g_assert_cmpfloat (y_group, >=, 0);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, last_true_lane), ==, y_group);
  weft_timeline_view_set_window (view, weft_view_time (last_true->start_ns) - 200000,
                                 weft_view_time (last_true->exit_ns) + 200000);
  gui_wait_ms (300);
  shot = gui_shot_take (GTK_WIDGET (view));
  image = shot->image;
  {
    double x0 = weft_timeline_renderer_x_at_time (renderer, width, weft_view_time (last_true->start_ns));
    double x1 = weft_timeline_renderer_x_at_time (renderer, width, weft_view_time (last_true->exit_ns));
    gboolean coloured = FALSE;

    for (double x = x0 + 1; x < x1 - 1 && !coloured; x++)
      for (int st = WEFT_STATE_RUNNING; st < WEFT_STATE_NONE && !coloured; st++)
        coloured = gui_image_is (&image, (int) x, (int) (y_group + row_h / 2), pal->state[st].r, pal->state[st].g,
                                 pal->state[st].b);
    g_assert_true (coloured);
  }
  g_clear_pointer (&shot, gui_shot_free);
  gui_shot_save_if_asked (GTK_WIDGET (window), "grouped.png");
  weft_timeline_view_fit_all (view);

  /* Its triangle opens the group: a row per child, and closes it again. */
  weft_timeline_renderer_set_collapsed (renderer, first_true->pid, FALSE);
  g_assert_cmpuint (n_rows (renderer), ==, grouped_rows + 5);
  g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, last_true_lane), >, y_group);
  weft_timeline_renderer_set_collapsed (renderer, first_true->pid, TRUE);
  g_assert_cmpuint (n_rows (renderer), ==, grouped_rows);

  /* Collapse all leaves the root alone; expand all brings back the rest,
   * the trues still in their group. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.collapse-all", NULL);
  g_assert_cmpuint (n_rows (renderer), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.expand-all", NULL);
  g_assert_cmpuint (n_rows (renderer), ==, grouped_rows);

  /* Find counts the matches and steps through them, opening the group. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.collapse-all", NULL);
  {
    guint current, n;

    g_assert_cmpuint (weft_timeline_view_search (view, "true"), ==, 6);
    weft_timeline_view_get_search_position (view, &current, &n);
    g_assert_cmpuint (current, ==, 1);
    g_assert_cmpuint (n, ==, 6);
    g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, first_true_lane), >=, 0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL);
    weft_timeline_view_get_search_position (view, &current, &n);
    g_assert_cmpuint (current, ==, 2);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.find-previous", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.find-previous", NULL);
    weft_timeline_view_get_search_position (view, &current, &n);
    g_assert_cmpuint (current, ==, 6);
    g_assert_cmpfloat (weft_timeline_renderer_get_lane_y (renderer, last_true_lane), >=, 0);
    g_assert_cmpuint (weft_timeline_view_search (view, "no-such-name"), ==, 0);
    weft_timeline_view_search (view, NULL);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_zoom_back_and_shortcuts (void)
{
  WeftWindow *window = open_window (deadlock_trace, 1280, 640);
  WeftTimelineView *view = weft_window_get_timeline (window);
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (view);
  gint64 t0, t1, z0, z1, b0, b1;
  gboolean shortcuts_shown = FALSE;

  weft_timeline_renderer_get_window (renderer, &t0, &t1);
  /* Three zooms in a row are one step back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  weft_timeline_renderer_get_window (renderer, &z0, &z1);
  g_assert_cmpint (z1 - z0, <, (t1 - t0) / 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-back", NULL);
  weft_timeline_renderer_get_window (renderer, &b0, &b1);
  g_assert_cmpint (b0, ==, t0);
  g_assert_cmpint (b1, ==, t1);
  g_assert_cmpuint (weft_timeline_view_get_zoom_history_length (view), ==, 0);
  g_assert_false (weft_timeline_view_zoom_back (view));

  /* Ctrl+? : the shortcuts window. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  gui_wait_ms (300);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GtkWidget) w = g_list_model_get_item (toplevels, i);
        if (GTK_IS_SHORTCUTS_WINDOW (w) && gtk_widget_get_visible (w))
          {
            shortcuts_shown = TRUE;
            gtk_window_close (GTK_WINDOW (w));
          }
      }
  }
  g_assert_true (shortcuts_shown);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr (WeftTestTrace) loop = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/org/weft/Weft/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  {
    int fd = g_file_open_tmp ("weft-gui-classroom-XXXXXX.weft", &deadlock_trace, NULL);
    g_assert_cmpint (fd, >=, 0);
    close (fd);
  }
  gui_fixture_write_deadlock (deadlock_trace);

  {
    const char *loop_argv[] = { "/bin/sh", "-c",
                                "for i in 1 2 3 4 5 6; do /bin/true; done; "
                                "for i in 1 2 3 4; do /bin/sleep 0.3 & done; wait", NULL };
    loop = weft_test_record (loop_argv, NULL);
    g_assert_cmpint (loop->exit_status, ==, 0);
    loop_trace = loop->path;
  }

  g_test_add_func ("/classroom/mode", test_classroom_mode);
  g_test_add_func ("/classroom/grouped-children", test_grouped_children);
  g_test_add_func ("/classroom/zoom-back-and-shortcuts", test_zoom_back_and_shortcuts);
  g_test_add_func ("/classroom/slow-replay", test_slow_replay);
  g_test_add_func ("/classroom/jump-to-phenomena", test_jump_to_phenomena);
  g_test_add_func ("/classroom/keys-after-seek", test_keys_after_seek);
  g_test_add_func ("/classroom/ctrl-wheel-zooms-at-pointer", test_ctrl_wheel_zooms_at_pointer);
  result = g_test_run ();
  g_unlink (deadlock_trace);
  g_free (deadlock_trace);
  return result;
}

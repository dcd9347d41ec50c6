/*
 * test-render-dense.c: big traces stay readable, checked on pixels drawn
 * into images (no display): arrow labels sit in the lane the arrow points
 * at, never in the lanes it crosses; "exit 0" loses its pill where many
 * processes exit; identical children one after the other are one group,
 * with a sentence that counts their endings, and children running at the
 * same time never are.
 */
#include <cairo.h>
#include <math.h>
#include <string.h>

#include "events.h"
#include "gui-fixtures.h"
#include "synth-trace.h"
#include "weft-model.h"
#include "weft-timeline-groups.h"
#include "weft-timeline-palette.h"
#include "weft-timeline-renderer.h"

#define WIDTH 1400
#define ROOT 100

typedef struct {
  cairo_surface_t *surface;
  GuiImage image;
} Frame;

static void
frame_draw (Frame *frame, WeftTimelineRenderer *renderer)
{
  double height = weft_timeline_renderer_get_natural_height (renderer);
  cairo_t *cr;

  g_clear_pointer (&frame->surface, cairo_surface_destroy);
  frame->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, (int) height);
  cr = cairo_create (frame->surface);
  weft_timeline_renderer_draw (renderer, cr, WIDTH, height);
  cairo_destroy (cr);
  cairo_surface_flush (frame->surface);
  frame->image = (GuiImage) { cairo_image_surface_get_data (frame->surface), WIDTH, (int) height,
                              cairo_image_surface_get_stride (frame->surface), TRUE };
}

static WeftTimelineTree *
tree_of (SynthTrace *s)
{
  g_autoptr (WeftModel) model = weft_model_new ();

  synth_feed (s, model);
  return weft_timeline_tree_new (model);
}

/* A child that is alive from start_ms, running, and exits with code. */
static void
child (SynthTrace *s, guint32 pid, const char *comm, guint64 start_ms, guint64 exit_ms, int code)
{
  synth_fork (s, MS (start_ms), ROOT, ROOT, pid, pid, FALSE, comm);
  synth_switch_in (s, MS (start_ms) + 1000, pid, pid);
  if (exit_ms)
    {
      synth_exit (s, MS (exit_ms), pid, pid, code << 8, TRUE, ROOT);
      synth_reap (s, MS (exit_ms) + 1000, ROOT, pid, 0);
    }
}

static double
distance_to_segment (double px, double py, double x0, double y0, double x1, double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double t = (dx * dx + dy * dy) > 0 ? ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy) : 0;

  t = CLAMP (t, 0, 1);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

typedef struct {
  WeftTimelineRenderer *renderer;
  WeftTimelineTree *tree;
  GArray *segments; /* double[4] */
} FlowCollect;

static void
collect_flow (const WeftFlow *flow, gpointer user_data)
{
  FlowCollect *c = user_data;
  double row_h = weft_timeline_renderer_get_row_height (c->renderer);
  double seg[4] = {
    weft_timeline_renderer_x_at_time (c->renderer, WIDTH, weft_view_time (flow->from_ns)),
    weft_timeline_renderer_get_lane_y (c->renderer, weft_timeline_tree_find_thread (c->tree, flow->from_tid)) + row_h / 2,
    weft_timeline_renderer_x_at_time (c->renderer, WIDTH, weft_view_time (flow->to_ns)),
    weft_timeline_renderer_get_lane_y (c->renderer, weft_timeline_tree_find_thread (c->tree, flow->to_tid)) + row_h / 2,
  };

  g_array_append_vals (c->segments, seg, 4);
}

/* The root signals its fourth child ten times; three children lie between
 * them.  Every pixel of the signal colour that is not on an arrow is a
 * label's: all of them are in the fourth child's lane. */
static void
test_flow_labels (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  g_autoptr (GArray) segments = g_array_new (FALSE, FALSE, sizeof (double));
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftRgb *colour = &pal->flow[weft_timeline_palette_flow_index (WEFT_FLOW_MASK_SIGNAL)];
  Frame frame = { 0 };
  double row_h, y_target;
  guint label_pixels = 0;
  FlowCollect collect;

  synth_switch_in (s, MS (1), ROOT, ROOT);
  for (guint32 i = 1; i <= 4; i++)
    child (s, ROOT + i, "worker", 10 * i, 0, 0);
  for (guint i = 0; i < 10; i++)
    synth_signal (s, MS (100 + 80 * i), ROOT, ROOT, ROOT + 4, SIGUSR1, TRUE);
  synth_stop (s, MS (1000), 0);
  tree = tree_of (s);
  weft_timeline_renderer_set_tree (renderer, tree);
  weft_timeline_renderer_set_flow_mask (renderer, WEFT_FLOW_MASK_SIGNAL);
  frame_draw (&frame, renderer);

  row_h = weft_timeline_renderer_get_row_height (renderer);
  y_target = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_find_thread (tree, ROOT + 4));
  g_assert_cmpfloat (y_target, >, weft_timeline_renderer_get_lane_y (renderer, 0) + 3 * row_h);
  collect = (FlowCollect) { renderer, tree, segments };
  weft_timeline_tree_foreach_flow (tree, 0, weft_timeline_tree_get_duration (tree), WEFT_FLOW_MASK_SIGNAL,
                                   1000, collect_flow, &collect);
  g_assert_cmpuint (segments->len / 4, ==, 10);

  for (int y = (int) weft_timeline_renderer_get_lane_y (renderer, 0); y < y_target + row_h; y++)
    for (int x = (int) weft_timeline_renderer_get_gutter_width (renderer); x < WIDTH - 8; x++)
      {
        gboolean on_arrow = FALSE;

        if (!gui_image_is (&frame.image, x, y, colour->r, colour->g, colour->b))
          continue;
        for (guint i = 0; i < segments->len && !on_arrow; i += 4)
          {
            const double *seg = &g_array_index (segments, double, i);
            on_arrow = distance_to_segment (x, y, seg[0], seg[1], seg[2], seg[3]) < row_h * 0.45;
          }
        if (on_arrow)
          continue;
        label_pixels++;
        if (y < y_target || y >= y_target + row_h)
          g_error ("a label pixel at (%d, %d), outside the lane the arrows point at (%.0f..%.0f)", x, y, y_target,
                   y_target + row_h);
      }
  g_test_message ("%u label pixels, all in the target lane", label_pixels);
  g_assert_cmpuint (label_pixels, >, 20);
  g_clear_pointer (&frame.surface, cairo_surface_destroy);
}

/* Whether an "exit" pill follows the exit tick of the tree's process p at its row. */
static gboolean
has_exit_pill (const GuiImage *image, WeftTimelineRenderer *renderer, WeftTimelineTree *tree, guint p)
{
  const WeftTimelinePalette *pal = weft_timeline_palette_get (FALSE);
  const WeftProcess *process = weft_timeline_tree_get_process (tree, p);
  double x = weft_timeline_renderer_x_at_time (renderer, WIDTH, weft_view_time (process->exit_ns));
  double mid = weft_timeline_renderer_get_lane_y (renderer, weft_timeline_tree_get_first_thread (tree, p))
               + weft_timeline_renderer_get_row_height (renderer) / 2;

  /* The pill's text, right after the tick: dark, or red for a failure. */
  const WeftRgb *c = weft_process_get_exit_code (process) == 0 ? &pal->marker : &pal->exit_bad;

  return gui_image_fraction (image, x + 7, x + 40, (int) mid, c->r, c->g, c->b, 33) > 0.05
         || gui_image_fraction (image, x + 7, x + 40, (int) mid - 1, c->r, c->g, c->b, 33) > 0.05;
}

static void
test_exit_pills (guint n_children, gboolean expect_pills)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (WeftTimelineRenderer) renderer = weft_timeline_renderer_new ();
  Frame frame = { 0 };
  guint with_pill = 0, failed_with_pill = 0;

  synth_switch_in (s, MS (1), ROOT, ROOT);
  /* Overlapping (so never grouped); the last one fails. */
  for (guint32 i = 1; i <= n_children; i++)
    child (s, ROOT + i, "cc", 10 + i, 300 + 20 * i, i == n_children ? 1 : 0);
  synth_stop (s, MS (300 + 20 * n_children + 200), 0);
  tree = tree_of (s);
  weft_timeline_renderer_set_tree (renderer, tree);
  frame_draw (&frame, renderer);
  for (guint p = 1; p < weft_timeline_tree_get_n_processes (tree); p++)
    {
      const WeftProcess *process = weft_timeline_tree_get_process (tree, p);
      gboolean pill = has_exit_pill (&frame.image, renderer, tree, p);

      if (weft_process_get_exit_code (process) == 0)
        with_pill += pill;
      else
        failed_with_pill += pill;
    }
  g_test_message ("%u children: %u exit-0 pills", n_children, with_pill);
  g_assert_cmpuint (failed_with_pill, ==, 1);
  if (expect_pills)
    g_assert_cmpuint (with_pill, ==, n_children - 1);
  else
    g_assert_cmpuint (with_pill, ==, 0);
  g_clear_pointer (&frame.surface, cairo_surface_destroy);
}

static void
test_few_exits_keep_pills (void)
{
  test_exit_pills (4, TRUE);
}

static void
test_many_exits_drop_pills (void)
{
  test_exit_pills (30, FALSE);
}

static void
test_groups (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autofree int *group_of = NULL;
  guint pid = ROOT + 1;

  synth_switch_in (s, MS (1), ROOT, ROOT);
  /* Seven trues one after the other, the fifth fails ... */
  for (guint i = 0; i < 7; i++)
    child (s, pid++, "true", 10 + 20 * i, 20 + 20 * i, i == 4 ? 1 : 0);
  /* ... five sleeps at the same time ... */
  for (guint i = 0; i < 5; i++)
    child (s, pid++, "sleep", 200 + i, 400, 0);
  /* ... and three lone echoes, too few for a group. */
  for (guint i = 0; i < 3; i++)
    child (s, pid++, "echo", 500 + 20 * i, 510 + 20 * i, 0);
  synth_stop (s, MS (700), 0);
  tree = tree_of (s);
  group_of = g_new (int, weft_timeline_tree_get_n_processes (tree));
  groups = weft_process_groups_find (tree, group_of);

  g_assert_cmpuint (groups->len, ==, 1);
  {
    const WeftProcessGroup *group = g_ptr_array_index (groups, 0);
    g_assert_cmpuint (group->n_members, ==, 7);
    g_assert_cmpstr (group->label, ==, "7 \303\227 true, 1 ended differently");
  }
  for (guint p = 0; p < weft_timeline_tree_get_n_processes (tree); p++)
    {
      const WeftProcess *process = weft_timeline_tree_get_process (tree, p);
      g_assert_cmpint (group_of[p] >= 0, ==, g_str_equal (weft_process_get_label (process), "true"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-dense/flow-labels-in-target-lane", test_flow_labels);
  g_test_add_func ("/render-dense/few-exits-keep-pills", test_few_exits_keep_pills);
  g_test_add_func ("/render-dense/many-exits-drop-pills", test_many_exits_drop_pills);
  g_test_add_func ("/render-dense/groups", test_groups);
  return g_test_run ();
}

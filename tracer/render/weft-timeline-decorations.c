/* weft-timeline-decorations.c: what is drawn around and over the lanes —
 * the ruler, the legend, fork/exit/reparent marks and flow arrows (the
 * deadlock's banner and arrows: weft-timeline-deadlock.c). */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "weft-timeline-phenomena.h"
#include "weft-timeline-render-private.h"

#define MAX_FLOWS 3000
/* More exits (forks) than this in view: exit 0 loses its pill, fork
 * connectors fade and thin out. */
#define DENSE_EXITS 12
#define DENSE_FORKS 24

static const WeftRgb white = { 1, 1, 1 };

/* 1, 2 or 5 times a power of ten, at least raw. */
static gint64
nice_step (double raw)
{
  double power = pow (10, floor (log10 (MAX (raw, 1))));
  double m = raw / power;
  double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return MAX ((gint64) (nice * power), 1);
}

static char *
format_tick (gint64 t, gint64 step, gint64 magnitude)
{
  const char *unit;
  double scale;
  int decimals;

  if (magnitude >= 1000000000)
    unit = "s", scale = 1e9;
  else if (magnitude >= 1000000)
    unit = "ms", scale = 1e6;
  else if (magnitude >= 1000)
    unit = "\302\265s", scale = 1e3;
  else
    unit = "ns", scale = 1;
  decimals = MAX (0, (int) ceil (-log10 ((double) step / scale) - 1e-9));
  return g_strdup_printf ("%.*f %s", decimals, (double) t / scale, unit);
}

void
weft_render_ruler (WeftRenderContext *ctx, const gint64 *bookmarks, guint n_bookmarks)
{
  const WeftTimelinePalette *pal = ctx->pal;
  cairo_t *cr = ctx->cr;
  double target = pal->row_height * 4;
  gint64 step = nice_step ((double) (ctx->t1 - ctx->t0) * target / ctx->lanes_width);
  gint64 first = (ctx->t0 / step) * step;
  gint64 magnitude = MAX (ABS (ctx->t0), ABS (ctx->t1));

  weft_render_set_rgb (cr, &pal->ruler, 1);
  cairo_rectangle (cr, 0, 0, ctx->width, pal->ruler_height);
  cairo_fill (cr);
  weft_render_set_rgb (cr, &pal->grid, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, pal->ruler_height - 0.5);
  cairo_line_to (cr, ctx->width, pal->ruler_height - 0.5);
  cairo_stroke (cr);
  if (ctx->tree == NULL)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, ctx->lanes_x - 1, 0, ctx->lanes_width + 8, ctx->height);
  cairo_clip (cr);
  for (gint64 t = first; t <= ctx->t1 && t <= G_MAXINT64 - step; t += step)
    {
      double x = floor (weft_render_x (ctx, t)) + 0.5;
      g_autofree char *label = NULL;

      if (t < ctx->t0)
        continue;
      /* A faint grid line through the lanes helps read durations. */
      weft_render_set_rgb (cr, &pal->grid, 0.6);
      cairo_move_to (cr, x, pal->ruler_height);
      cairo_line_to (cr, x, ctx->lanes_bottom);
      cairo_stroke (cr);
      weft_render_set_rgb (cr, &pal->text_dim, 1);
      cairo_move_to (cr, x, pal->ruler_height * 0.6);
      cairo_line_to (cr, x, pal->ruler_height);
      cairo_stroke (cr);
      label = format_tick (t, step, magnitude);
      weft_render_text (ctx, x + 4, pal->ruler_height * 0.4, label, FALSE, &pal->text, 0);
    }
  for (guint i = 0; i < n_bookmarks; i++)
    {
      double x = weft_render_x (ctx, bookmarks[i]);
      static const WeftRgb flag = { 0.9, 0.38, 0 };

      weft_render_set_rgb (cr, &flag, 1);
      cairo_move_to (cr, x, pal->ruler_height);
      cairo_line_to (cr, x, pal->ruler_height * 0.2);
      cairo_line_to (cr, x + pal->ruler_height * 0.35, pal->ruler_height * 0.35);
      cairo_line_to (cr, x, pal->ruler_height * 0.5);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* Where the gutter meets the ruler: what is shown. */
  {
    g_autofree char *span = weft_format_duration (ctx->t1 - ctx->t0);
    g_autofree char *text = g_strdup_printf (_("%s shown"), span);
    weft_render_text (ctx, 8, pal->ruler_height / 2, text, FALSE, &pal->text_dim, 0);
  }
}

/* The legend's entries in order: states, then the arrows being drawn. */
typedef struct {
  int state;          /* a WeftThreadState, or -1 for an arrow */
  guint flow_bit;
  const char *text;
  double width;       /* box and text */
} LegendEntry;

static guint
legend_entries (WeftRenderContext *ctx, LegendEntry *entries)
{
  double box = ctx->pal->legend_height * 0.42;
  gboolean detail = ctx->tree == NULL || weft_model_has_sched_events (weft_timeline_tree_get_model (ctx->tree));
  guint n = 0;

  for (int state = WEFT_STATE_RUNNING; state < WEFT_STATE_NONE; state++)
    if (!(state == WEFT_STATE_ALIVE && detail))
      {
        const char *text = weft_thread_state_label (state);
        entries[n++] = (LegendEntry) { state, 0, text, box * 1.6 + 19 + weft_render_text_width (ctx, text, FALSE) };
      }
  for (guint bit = 1; bit <= WEFT_FLOW_MASK_ALL; bit <<= 1)
    if (ctx->flow_mask & bit)
      {
        const char *text = weft_flow_class_label (weft_timeline_palette_flow_index (bit));
        entries[n++] = (LegendEntry) { -1, bit, text, box * 2 + 19 + weft_render_text_width (ctx, text, FALSE) };
      }
  return n;
}

#define MAX_LEGEND_ENTRIES (WEFT_N_STATES + WEFT_N_FLOW_CLASSES)

/* The line of each entry when they are laid out left to right in lines
 * of the canvas's width; returns the number of lines. */
static guint
legend_lines (WeftRenderContext *ctx, const LegendEntry *entries, guint n, guint *line_of)
{
  double x = 10;
  guint line = 0;

  for (guint i = 0; i < n; i++)
    {
      if (x > 10 && x + entries[i].width > ctx->width - 4)
        {
          line++;
          x = 10;
        }
      line_of[i] = line;
      x += entries[i].width;
    }
  return line + 1;
}

double
weft_render_legend_height (WeftRenderContext *ctx)
{
  LegendEntry entries[MAX_LEGEND_ENTRIES];
  guint line_of[MAX_LEGEND_ENTRIES];
  guint n = legend_entries (ctx, entries);

  return legend_lines (ctx, entries, n, line_of) * ctx->pal->legend_height;
}

void
weft_render_legend (WeftRenderContext *ctx)
{
  const WeftTimelinePalette *pal = ctx->pal;
  cairo_t *cr = ctx->cr;
  double y = ctx->height - ctx->legend_height;
  double box = pal->legend_height * 0.42;
  double x = 10;
  LegendEntry entries[MAX_LEGEND_ENTRIES];
  guint line_of[MAX_LEGEND_ENTRIES];
  guint n = legend_entries (ctx, entries);

  legend_lines (ctx, entries, n, line_of);
  weft_render_set_rgb (cr, &pal->ruler, 1);
  cairo_rectangle (cr, 0, y, ctx->width, ctx->legend_height);
  cairo_fill (cr);
  weft_render_set_rgb (cr, &pal->grid, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 0, y + 0.5);
  cairo_line_to (cr, ctx->width, y + 0.5);
  cairo_stroke (cr);

  /* Too narrow for every entry: more lines, never smaller text. */
  for (guint i = 0; i < n; i++)
    {
      double cy = y + line_of[i] * pal->legend_height + pal->legend_height / 2;

      if (i > 0 && line_of[i] != line_of[i - 1])
        x = 10;
      if (entries[i].state >= 0)
        {
          int state = entries[i].state;

          weft_render_set_rgb (cr, &pal->state[state], 1);
          cairo_rectangle (cr, x, cy - box / 2, box * 1.6, box);
          cairo_fill (cr);
          if (state == WEFT_STATE_ZOMBIE)
            {
              cairo_save (cr);
              cairo_rectangle (cr, x, cy - box / 2, box * 1.6, box);
              cairo_clip (cr);
              weft_render_set_rgb (cr, &pal->zombie_hatch, 0.55);
              for (double hx = x - box; hx < x + box * 2; hx += box * 0.6)
                {
                  cairo_move_to (cr, hx, cy + box / 2);
                  cairo_line_to (cr, hx + box, cy - box / 2);
                }
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          x += box * 1.6 + 5;
          x += weft_render_text (ctx, x, cy, entries[i].text, FALSE, &pal->text, 0) + 14;
        }
      else
        {
          /* The arrows being drawn, in their colours. */
          const WeftRgb *colour = &pal->flow[weft_timeline_palette_flow_index (entries[i].flow_bit)];

          weft_render_set_rgb (cr, colour, 1);
          cairo_set_line_width (cr, pal->line_width);
          weft_render_arrow (cr, x, cy, x + box * 2, cy, box * 0.6, FALSE);
          x += box * 2 + 5;
          x += weft_render_text (ctx, x, cy, entries[i].text, FALSE, colour, 0) + 14;
        }
    }

  /* Nothing lost silently: the count stays on screen and in exports. */
  if (ctx->tree && weft_model_get_lost_events (weft_timeline_tree_get_model (ctx->tree)) > 0)
    {
      guint64 lost = weft_model_get_lost_events (weft_timeline_tree_get_model (ctx->tree));
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, lost);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "\342\232\240 %s event lost",
                                                            "\342\232\240 %s events lost", lost), count);
      double w = weft_render_text_width (ctx, text, TRUE);
      double cy = ctx->height - pal->legend_height / 2;

      weft_render_set_rgb (cr, &pal->ruler, 1);
      cairo_rectangle (cr, ctx->width - w - 20, cy - pal->legend_height / 2 + 1, w + 20, pal->legend_height - 1);
      cairo_fill (cr);
      weft_render_text (ctx, ctx->width - 10, cy, text, TRUE, &pal->exit_bad, 1);
    }
}

static int
row_of_pid (WeftRenderContext *ctx, GHashTable *pid_rows, guint32 pid)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (pid_rows, GUINT_TO_POINTER (pid))) - 1;
}

/* A small label in a rounded box, so it reads over any state colour. */
static double
draw_pill (WeftRenderContext *ctx, double x, double cy, const char *text, const WeftRgb *colour)
{
  cairo_t *cr = ctx->cr;
  double w = weft_render_text_width (ctx, text, TRUE) + 10;
  double h = ctx->pal->row_height * 0.7;
  double r = h / 2;

  /* Near the right edge the pill goes to the left of its mark. */
  if (x + w > ctx->lanes_x + ctx->lanes_width)
    x = MAX (x - w - 8, ctx->lanes_x);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + r, cy, r, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, x + w - r, cy, r, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  weft_render_set_rgb (cr, &white, 1);
  cairo_fill_preserve (cr);
  weft_render_set_rgb (cr, colour, 1);
  cairo_set_line_width (cr, MAX (ctx->pal->line_width * 0.8, 1));
  cairo_stroke (cr);
  weft_render_text (ctx, x + 5, cy, text, TRUE, colour, 0);
  return w;
}

static void
draw_connector (WeftRenderContext *ctx, double x, double y0, double y1, const WeftRgb *colour,
                double alpha, gboolean dashed)
{
  cairo_t *cr = ctx->cr;
  double head = ctx->pal->row_height * 0.25;
  double dir = y1 > y0 ? 1 : -1;

  weft_render_set_rgb (cr, colour, alpha);
  cairo_set_line_width (cr, ctx->pal->line_width);
  if (dashed)
    {
      double dash[] = { 4, 3 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_arc (cr, x, y0, ctx->pal->line_width * 1.6, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1 - dir * head);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, x, y1);
  cairo_line_to (cr, x - head * 0.6, y1 - dir * head);
  cairo_line_to (cr, x + head * 0.6, y1 - dir * head);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Whether anything between canvas heights y0 and y1 (either order) or the
 * point x can be seen: marks off screen cost Pango layouts for nothing,
 * and a fork storm or a growing live trace has thousands of them. */
static gboolean
visible_y (const WeftRenderContext *ctx, double y0, double y1)
{
  return MAX (y0, y1) >= ctx->lanes_top - ctx->pal->row_height &&
         MIN (y0, y1) <= ctx->lanes_bottom + ctx->pal->row_height;
}

static gboolean
visible_x (const WeftRenderContext *ctx, double x)
{
  return x <= ctx->lanes_x + ctx->lanes_width + 1;
}

/* A group's row: each child's fork (one connector every few pixels at
 * most), its exit as a tick, a pill only for an ending that differs
 * from the group's usual one, where it does not cover another. */
static void
group_marks (WeftRenderContext *ctx, guint row_index, int parent_row)
{
  const WeftTimelinePalette *pal = ctx->pal;
  const WeftProcessGroup *group = g_array_index (ctx->rows, WeftRow, row_index).group;
  const WeftProcess *first = weft_timeline_tree_get_process (ctx->tree, group->members[0]);
  double h = pal->row_height;
  double mid = weft_render_row_top (ctx, row_index) + h / 2;
  double last_fork_x = -G_MAXDOUBLE, pill_end = -G_MAXDOUBLE;
  gboolean parent_visible = parent_row >= 0 && visible_y (ctx, weft_render_row_top (ctx, parent_row), mid);

  if (!visible_y (ctx, mid, mid) && !parent_visible)
    return;
  for (guint m = 0; m < group->n_members; m++)
    {
      const WeftProcess *p = weft_timeline_tree_get_process (ctx->tree, group->members[m]);
      gint64 start = weft_view_time (p->start_ns), exit = weft_view_time (p->exit_ns);
      double x;

      if (start > MIN (ctx->t1, ctx->limit))
        break;
      if (start >= ctx->t0 && parent_visible)
        {
          x = weft_render_x (ctx, start);
          if (x - last_fork_x >= h * 0.5)
            {
              draw_connector (ctx, x, weft_render_row_top (ctx, parent_row) + h / 2, mid, &pal->marker, 0.35, FALSE);
              last_fork_x = x;
            }
        }
      if (p->exit_ns != WEFT_TIME_NONE && exit >= ctx->t0 && exit <= ctx->limit
          && visible_x (ctx, weft_render_x (ctx, exit)))
        {
          gboolean usual = p->exit_status == first->exit_status;
          const WeftRgb *colour = usual ? &pal->marker : &pal->exit_bad;

          x = weft_render_x (ctx, exit);
          weft_render_set_rgb (ctx->cr, colour, usual ? 0.5 : 1);
          cairo_set_line_width (ctx->cr, usual ? 1 : pal->line_width + 1);
          cairo_move_to (ctx->cr, x, mid - h * 0.3);
          cairo_line_to (ctx->cr, x, mid + h * 0.3);
          cairo_stroke (ctx->cr);
          if (!usual && x + 4 > pill_end)
            {
              g_autofree char *text = weft_process_exit_text (p);
              pill_end = x + 4 + draw_pill (ctx, x + 4, mid, text, colour) + 4;
            }
        }
    }
}

void
weft_render_process_marks (WeftRenderContext *ctx)
{
  const WeftTimelinePalette *pal = ctx->pal;
  cairo_t *cr = ctx->cr;
  double h = pal->row_height;
  gboolean dense_exits, dense_forks;
  double last_fork_x = -G_MAXDOUBLE;
  g_autoptr (GHashTable) pid_rows = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < ctx->rows->len; i++)
    {
      const WeftRow *row = &g_array_index (ctx->rows, WeftRow, i);
      if (row->is_process)
        g_hash_table_insert (pid_rows,
                             GUINT_TO_POINTER (weft_timeline_tree_get_process (ctx->tree, row->process)->pid),
                             GINT_TO_POINTER (i + 1));
    }

  /* Dense: a fork storm, a make -j.  "exit 0" says nothing new the
   * hundredth time (a tick stays; other endings keep their pill), and
   * connectors are drawn faint, at most one every few pixels. */
  {
    guint exits = 0, forks = 0;

    for (guint i = 0; i < ctx->rows->len; i++)
      {
        const WeftRow *row = &g_array_index (ctx->rows, WeftRow, i);
        const WeftProcess *process = weft_timeline_tree_get_process (ctx->tree, row->process);
        gint64 start = weft_view_time (process->start_ns), exit = weft_view_time (process->exit_ns);

        if (!row->is_process || row->group)
          continue;
        exits += process->exit_ns != WEFT_TIME_NONE && exit >= ctx->t0 && exit <= MIN (ctx->t1, ctx->limit);
        forks += start >= ctx->t0 && start <= ctx->t1;
      }
    dense_exits = exits > DENSE_EXITS;
    dense_forks = forks > DENSE_FORKS;
  }

  for (guint i = 0; i < ctx->rows->len; i++)
    {
      const WeftRow *row = &g_array_index (ctx->rows, WeftRow, i);
      const WeftProcess *process = weft_timeline_tree_get_process (ctx->tree, row->process);
      gint64 start = weft_view_time (process->start_ns), exit = weft_view_time (process->exit_ns);
      gint64 reparented = weft_view_time (process->reparented_ns);
      double mid = weft_render_row_top (ctx, i) + h / 2;

      if (row->group)
        {
          group_marks (ctx, i, row_of_pid (ctx, pid_rows, process->ppid));
          continue;
        }
      if (!row->is_process)
        {
          /* A thread starts: a light connector from its process's row. */
          gint64 thread_start = weft_view_time (weft_timeline_tree_get_thread (ctx->tree, row->thread)->start_ns);
          int parent_row = ctx->row_of_process[row->process];
          if (parent_row >= 0 && thread_start >= ctx->t0 && thread_start <= ctx->t1 &&
              visible_y (ctx, weft_render_row_top (ctx, parent_row), mid))
            draw_connector (ctx, weft_render_x (ctx, thread_start),
                            weft_render_row_top (ctx, parent_row) + h / 2, mid, &pal->text_dim, 0.6, TRUE);
          continue;
        }

      /* Fork: parent -> child. */
      if (start >= ctx->t0 && start <= ctx->t1)
        {
          int parent_row = row_of_pid (ctx, pid_rows, process->ppid);
          double x = weft_render_x (ctx, start);

          if (parent_row >= 0 && parent_row != (int) i && (!dense_forks || fabs (x - last_fork_x) >= 3) &&
              visible_y (ctx, weft_render_row_top (ctx, parent_row), mid))
            {
              draw_connector (ctx, x, weft_render_row_top (ctx, parent_row) + h / 2, mid, &pal->marker,
                              dense_forks ? 0.3 : 0.85, FALSE);
              last_fork_x = x;
            }
        }

      /* Orphaned: adopted by init or a subreaper. */
      if (process->reparented_ns != WEFT_TIME_NONE && reparented <= ctx->limit &&
          visible_x (ctx, weft_render_x (ctx, reparented)))
        {
          double x = weft_render_x (ctx, reparented);
          int adopter_row = row_of_pid (ctx, pid_rows, process->reparented_to);

          if (adopter_row >= 0 && visible_y (ctx, weft_render_row_top (ctx, adopter_row), mid))
            draw_connector (ctx, x, weft_render_row_top (ctx, adopter_row) + h / 2, mid, &pal->flow[WEFT_FLOW_CLASS_CHILD], 0.9, TRUE);
          if (visible_y (ctx, mid, mid))
            {
              g_autofree char *text = g_strdup_printf (_("orphan \342\206\222 adopted by %u"),
                                                       process->reparented_to);
              draw_pill (ctx, x + 3, mid, text, &pal->flow[WEFT_FLOW_CLASS_CHILD]);
            }
        }
      if (!visible_y (ctx, mid, mid))
        continue;

      /* Exit, with its code or signal; reap closes the zombie interval. */
      if (process->exit_ns != WEFT_TIME_NONE && exit <= ctx->limit && visible_x (ctx, weft_render_x (ctx, exit)))
        {
          double x = weft_render_x (ctx, exit);
          gboolean bad = weft_process_get_exit_signal (process) > 0 || weft_process_get_exit_code (process) != 0;
          const WeftRgb *colour = bad ? &pal->exit_bad : &pal->marker;
          g_autofree char *text = weft_process_exit_text (process);

          weft_render_set_rgb (cr, colour, 1);
          cairo_set_line_width (cr, pal->line_width + 1);
          cairo_move_to (cr, x, mid - h * 0.45);
          cairo_line_to (cr, x, mid + h * 0.45);
          cairo_stroke (cr);
          if (bad || !dense_exits)
            draw_pill (ctx, x + 4, mid, text, colour);
        }
      if (weft_process_left_zombie (process) && process->reap_ns != WEFT_TIME_NONE
          && weft_view_time (process->reap_ns) <= ctx->limit)
        {
          double x = weft_render_x (ctx, weft_view_time (process->reap_ns));
          double s = h * 0.22;

          weft_render_set_rgb (cr, &pal->marker, 1);
          cairo_set_line_width (cr, pal->line_width + 0.5);
          cairo_move_to (cr, x - s, mid - s);
          cairo_line_to (cr, x + s, mid + s);
          cairo_move_to (cr, x + s, mid - s);
          cairo_line_to (cr, x - s, mid + s);
          cairo_stroke (cr);
        }
    }
}

typedef struct {
  WeftRenderContext *ctx;
  guint drawn;
  GArray *labels; /* cairo_rectangle_t of the flow labels placed so far */
} FlowData;

/* Many arrows between the same lanes would stack their labels into an
 * unreadable heap: a label is only drawn where no other one is. */
static gboolean
place_flow_label (FlowData *data, double x, double cy, double width, double height)
{
  cairo_rectangle_t box = { x - 2, cy - height / 2 - 1, width + 4, height + 2 };

  for (guint i = 0; i < data->labels->len; i++)
    {
      const cairo_rectangle_t *other = &g_array_index (data->labels, cairo_rectangle_t, i);

      if (box.x < other->x + other->width && other->x < box.x + box.width &&
          box.y < other->y + other->height && other->y < box.y + box.height)
        return FALSE;
    }
  g_array_append_val (data->labels, box);
  return TRUE;
}

static void
draw_flow (const WeftFlow *flow, gpointer user_data)
{
  FlowData *data = user_data;
  WeftRenderContext *ctx = data->ctx;
  const WeftTimelinePalette *pal = ctx->pal;
  const WeftRgb *colour = &pal->flow[weft_flow_kind_class (flow->kind)];
  int from = weft_timeline_tree_find_thread (ctx->tree, flow->from_tid);
  int to = weft_timeline_tree_find_thread (ctx->tree, flow->to_tid);
  g_autofree char *label = NULL;
  double x0, y0, x1, y1;

  if (from < 0 || to < 0 || weft_view_time (flow->to_ns) > ctx->limit)
    return;
  from = ctx->row_of_thread[from];
  to = ctx->row_of_thread[to];
  if (from < 0 || to < 0 || from == to)
    return;
  x0 = weft_render_x (ctx, weft_view_time (flow->from_ns));
  x1 = weft_render_x (ctx, weft_view_time (flow->to_ns));
  y0 = weft_render_row_top (ctx, from) + pal->row_height / 2;
  y1 = weft_render_row_top (ctx, to) + pal->row_height / 2;
  weft_render_set_rgb (ctx->cr, colour, 0.85);
  cairo_set_line_width (ctx->cr, pal->line_width);
  weft_render_arrow (ctx->cr, x0, y0, x1, y1, pal->row_height * 0.3, FALSE);
  if (hypot (x1 - x0, y1 - y0) > 4 * pal->row_height
      && (label = weft_model_describe_flow (weft_timeline_tree_get_model (ctx->tree), flow)) != NULL)
    {
      double w = weft_render_text_width (ctx, label, FALSE);
      double lh = pal->row_height * 0.6;
      /* In the reader's lane, just left of the arrow's head: a lane the
       * arrow joins (the middle of a long arrow lies in some unrelated
       * lane), where the reader waited for it (its writer's lane holds
       * its own labels); never over another label. */
      double lx = x1 - pal->row_height * 0.4 - w - 6;

      if (lx >= ctx->lanes_x && lx + w <= ctx->lanes_x + ctx->lanes_width && place_flow_label (data, lx, y1, w, lh))
        {
          weft_render_set_rgb (ctx->cr, &white, 0.85);
          cairo_rectangle (ctx->cr, lx - 2, y1 - lh / 2, w + 4, lh);
          cairo_fill (ctx->cr);
          weft_render_text (ctx, lx, y1, label, FALSE, colour, 0);
        }
    }
  data->drawn++;
}

void
weft_render_flows (WeftRenderContext *ctx)
{
  g_autoptr (GArray) labels = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  FlowData data = { ctx, 0, labels };

  if (ctx->flow_mask == 0)
    return;
  weft_timeline_tree_foreach_flow (ctx->tree, ctx->t0, MIN (ctx->t1, ctx->limit), ctx->flow_mask,
                                     MAX_FLOWS, draw_flow, &data);
}

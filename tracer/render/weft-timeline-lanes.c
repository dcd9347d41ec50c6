/*
 * weft-timeline-lanes.c: one lane of the timeline — the thread's states as
 * runs of coloured columns from the binned summary (O(width), whatever the
 * number of events), the zombie interval of a process row, and the labels
 * of intervals wide enough to hold one.
 */
#include <glib/gi18n-lib.h>
#include <math.h>

#include "weft-timeline-render-private.h"

/* An interval gets a text label when it is at least this wide. */
#define MIN_LABEL_PX 48.0
/* Where this many state changes share a pixel, 2-pixel columns look the same. */
#define DENSE_SPANS_PER_PIXEL 32.0

static void
draw_zombie_hatch (WeftRenderContext *ctx, double x0, double x1, double top, double h)
{
  cairo_t *cr = ctx->cr;
  double step = h * 0.6;

  cairo_save (cr);
  cairo_rectangle (cr, x0, top, x1 - x0, h);
  cairo_clip (cr);
  weft_render_set_rgb (cr, &ctx->pal->zombie_hatch, 0.55);
  cairo_set_line_width (cr, 1.5);
  double start = x0 - h - fmod (x0, step);
  for (double x = start; x < x1 + h; x += step)
    {
      cairo_move_to (cr, x, top + h);
      cairo_line_to (cr, x + h, top);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct {
  WeftRenderContext *ctx;
  double top, h;
} LabelData;

/* Light bars (runnable, join) take dark text, the others white. */
static gboolean
is_light (const WeftRgb *rgb)
{
  return 0.2126 * rgb->r + 0.7152 * rgb->g + 0.0722 * rgb->b > 0.6;
}

static void
label_interval (const WeftStateInterval *interval, gpointer user_data)
{
  LabelData *data = user_data;
  WeftRenderContext *ctx = data->ctx;
  WeftModel *model = weft_timeline_tree_get_model (ctx->tree);
  g_auto (WeftWaitWords) words = { 0 };
  g_autofree char *text = NULL;
  double x0 = MAX (weft_render_x (ctx, weft_view_time (interval->start_ns)), ctx->lanes_x);
  double x1 = MIN (weft_render_x (ctx, MIN (weft_view_time (interval->end_ns), ctx->limit)),
                   ctx->lanes_x + ctx->lanes_width);
  static const WeftRgb white = { 1, 1, 1 };

  if (x1 - x0 < MIN_LABEL_PX)
    return;
  weft_model_describe_wait (model, interval, &words);
  if (words.object == NULL)
    return;
  if (interval->state == WEFT_STATE_LOCK && words.holder_tid)
    {
      const WeftThread *holder = weft_model_lookup_thread (model, words.holder_tid);

      /* Translators: a lock, then the thread holding it: its name and tid. */
      text = g_strdup_printf (_("%s held by %s %u"), words.object, holder ? weft_thread_get_label (holder) : "?",
                              words.holder_tid);
    }
  else
    text = g_strdup (words.object);
  if (weft_render_text_width (ctx, text, FALSE) > x1 - x0 - 8)
    return;
  weft_render_text (ctx, x0 + 4, data->top + data->h / 2, text, FALSE,
                    is_light (&ctx->pal->state[interval->state]) ? &ctx->pal->text : &white, 0);
}

void
weft_render_lane (WeftRenderContext *ctx, guint row_index, guint8 *columns)
{
  const WeftRow *row = &g_array_index (ctx->rows, WeftRow, row_index);
  const WeftTimelinePalette *pal = ctx->pal;
  cairo_t *cr = ctx->cr;
  double top = weft_render_row_top (ctx, row_index);
  double inset = pal->row_height * 0.14;
  double h = pal->row_height - 2 * inset;
  guint n_columns = (guint) MIN (ceil (ctx->lanes_width), WEFT_RENDER_MAX_COLUMNS);
  double column_width;
  guint run_start = 0;

  if (row_index % 2 == 1)
    {
      weft_render_set_rgb (cr, &pal->row_alternate, 1);
      cairo_rectangle (cr, ctx->lanes_x, top, ctx->lanes_width, pal->row_height);
      cairo_fill (cr);
    }
  if (row->group)
    {
      weft_render_group_lane (ctx, row_index, columns);
      return;
    }
  if (row->thread < 0)
    return;
  /* Level of detail: where dozens of state changes share each pixel, a
   * 2-pixel column looks the same and costs half. */
  {
    double duration = (double) weft_timeline_tree_get_duration (ctx->tree);
    double per_pixel = weft_model_thread_n_intervals (weft_timeline_tree_get_model (ctx->tree),
                                                      weft_timeline_tree_get_thread (ctx->tree, row->thread))
                       * ((double) (ctx->t1 - ctx->t0) / duration) / n_columns;
    if (per_pixel > DENSE_SPANS_PER_PIXEL)
      n_columns = MAX (n_columns / 2, 1);
  }
  column_width = ctx->lanes_width / n_columns;
  weft_timeline_tree_summarize (ctx->tree, row->thread, ctx->t0, ctx->t1, n_columns, columns);

  /* Runs of equal columns become one rectangle. */
  for (guint i = 1; i <= n_columns; i++)
    {
      guint8 state = columns[run_start];
      double x0, x1;

      if (i < n_columns && columns[i] == state)
        continue;
      x0 = ctx->lanes_x + run_start * column_width;
      x1 = ctx->lanes_x + i * column_width;
      run_start = i;
      if (state == WEFT_STATE_NONE)
        continue;
      weft_render_set_rgb (cr, &pal->state[state], 1);
      cairo_rectangle (cr, x0, top + inset, x1 - x0, h);
      cairo_fill (cr);
      if (state == WEFT_STATE_ZOMBIE)
        draw_zombie_hatch (ctx, x0, x1, top + inset, h);
    }

  if (row->is_process)
    {
      const WeftProcess *process = weft_timeline_tree_get_process (ctx->tree, row->process);

      /* The zombie interval belongs to the process, whatever the lane
       * summary says: exit -> reap (or the end of the trace). */
      if (weft_process_left_zombie (process))
        {
          gint64 end = process->reap_ns != WEFT_TIME_NONE ? weft_view_time (process->reap_ns)
                                                          : weft_timeline_tree_get_duration (ctx->tree);
          double x0 = MAX (weft_render_x (ctx, weft_view_time (process->exit_ns)), ctx->lanes_x);
          double x1 = MIN (weft_render_x (ctx, end), ctx->lanes_x + ctx->lanes_width);
          if (x1 > x0)
            {
              weft_render_set_rgb (cr, &pal->state[WEFT_STATE_ZOMBIE], 1);
              cairo_rectangle (cr, x0, top + inset, MAX (x1 - x0, 1), h);
              cairo_fill (cr);
              draw_zombie_hatch (ctx, x0, x1, top + inset, h);
              /* Right-aligned, clear of the exit label at its start. */
              if (x1 - x0 > weft_render_text_width (ctx, _("zombie"), TRUE) + 9 * pal->row_height)
                {
                  static const WeftRgb white = { 1, 1, 1 };
                  weft_render_text (ctx, x1 - 6, top + pal->row_height / 2, _("zombie"), TRUE, &white, 1);
                }
            }
        }
    }

  {
    gint64 min_ns = (gint64) (MIN_LABEL_PX * (ctx->t1 - ctx->t0) / ctx->lanes_width);
    LabelData data = { ctx, top, pal->row_height };
    weft_timeline_tree_foreach_interval (ctx->tree, row->thread, ctx->t0, MIN (ctx->t1, ctx->limit),
                                           min_ns, label_interval, &data);
  }
}

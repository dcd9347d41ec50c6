/*
 * weft-timeline-coro.c: coroutine sub-lanes — under a thread's lane, one
 * row per greenlet, asyncio Task or generator that ran in it: a bar where
 * it ran, a thin line while it was suspended, its label in the gutter.
 */
#include <glib/gi18n-lib.h>

#include "weft-model-coro.h"
#include "weft-timeline-coro.h"
#include "weft-timeline-render-private.h"

/* A thread's coroutine rows at most (the rest are in `weft show`). */
#define MAX_CORO_LANES 48
/* A run bar is at least this wide, so a switch of microseconds shows. */
#define MIN_RUN_PX 2.0
/* A run gets the frame it resumed at as a label when it is this wide. */
#define MIN_LABEL_PX 90.0

static GPtrArray *
thread_coroutines (WeftTimelineTree *tree, int thread)
{
  const WeftThread *t;

  if (thread < 0)
    return NULL;
  t = weft_timeline_tree_get_thread (tree, thread);
  return weft_model_thread_get_coroutines (weft_timeline_tree_get_model (tree), t->tid);
}

double
weft_render_add_coro_rows (WeftTimelineTree *tree, GArray *rows, const WeftRow *thread_row, double y,
                           double row_height)
{
  GPtrArray *lanes = thread_row->group ? NULL : thread_coroutines (tree, thread_row->thread);

  /* A closed group of identical children stands for many threads: none of
   * their coroutines. */
  for (guint i = 0; lanes && i < lanes->len && i < MAX_CORO_LANES; i++)
    {
      WeftRow row = *thread_row;

      row.is_process = FALSE;
      row.group = NULL;
      row.group_head = FALSE;
      row.coroutine = i + 1;
      row.depth = thread_row->depth + 1;
      row.y = y;
      g_array_append_val (rows, row);
      y += row_height;
    }
  return y;
}

static const WeftCoroutine *
weft_render_row_coroutine (WeftTimelineTree *tree, const WeftRow *row)
{
  GPtrArray *lanes = row->coroutine ? thread_coroutines (tree, row->thread) : NULL;

  return lanes && row->coroutine <= lanes->len ? g_ptr_array_index (lanes, row->coroutine - 1) : NULL;
}

guint
weft_render_row_coroutine_index (WeftTimelineTree *tree, const WeftRow *row)
{
  const WeftCoroutine *c = weft_render_row_coroutine (tree, row);

  return c ? c->index + 1 : 0;
}

char *
weft_render_coro_row_label (WeftTimelineTree *tree, const WeftRow *row)
{
  const WeftCoroutine *c = weft_render_row_coroutine (tree, row);

  return g_strdup_printf ("↳ %s", c ? c->label : "?");
}

static const WeftRgb *
flavour_colour (const WeftRenderContext *ctx, guint32 flavour)
{
  /* The running green of the thread's lane: a coroutine runs when its
   * bar shows; the flavours differ by shade. */
  static const WeftRgb task = { 0.20, 0.55, 0.85 };
  static const WeftRgb generator = { 0.60, 0.40, 0.80 };

  switch (flavour)
    {
    case WEFT_CORO_TASK:
      return &task;
    case WEFT_CORO_GENERATOR:
      return &generator;
    default:
      return &ctx->pal->state[WEFT_STATE_RUNNING];
    }
}

void
weft_render_coro_lane (WeftRenderContext *ctx, guint row_index)
{
  const WeftRow *row = &g_array_index (ctx->rows, WeftRow, row_index);
  const WeftCoroutine *c = weft_render_row_coroutine (ctx->tree, row);
  WeftModel *model = weft_timeline_tree_get_model (ctx->tree);
  const WeftThread *thread;
  const WeftCoroRun *runs;
  guint n_runs = 0;
  double top = weft_render_row_top (ctx, row_index), h = ctx->pal->row_height;
  gint64 end = MIN (weft_timeline_tree_get_duration (ctx->tree), ctx->limit);
  gint64 first = -1, last = -1;
  cairo_t *cr = ctx->cr;

  if (!c)
    return;
  thread = weft_timeline_tree_get_thread (ctx->tree, row->thread);
  runs = weft_model_thread_get_coro_runs (model, thread->tid, &n_runs);
  for (guint i = 0; i < n_runs; i++)
    if (runs[i].coroutine == c->index)
      {
        if (first < 0)
          first = (gint64) runs[i].start_ns;
        last = runs[i].end_ns == WEFT_TIME_NONE ? end : (gint64) runs[i].end_ns;
      }
  if (first < 0)
    return;
  /* Suspended: a thin line from its first run to its last. */
  if (!c->finished || last > first)
    {
      double x0 = MAX (weft_render_x (ctx, first), ctx->lanes_x);
      double x1 = MIN (weft_render_x (ctx, c->finished ? last : end), ctx->lanes_x + ctx->lanes_width);

      weft_render_set_rgb (cr, &ctx->pal->text_dim, 0.6);
      cairo_rectangle (cr, x0, top + h / 2 - 0.75, MAX (x1 - x0, 0), 1.5);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n_runs; i++)
    {
      const WeftCoroRun *run = &runs[i];
      gint64 run_end = run->end_ns == WEFT_TIME_NONE ? end : (gint64) run->end_ns;
      double x0, x1;

      if (run->coroutine != c->index || run_end < ctx->t0 || (gint64) run->start_ns > ctx->t1)
        continue;
      x0 = MAX (weft_render_x (ctx, run->start_ns), ctx->lanes_x - 4);
      x1 = MIN (weft_render_x (ctx, run_end), ctx->lanes_x + ctx->lanes_width + 4);
      if (x1 - x0 < MIN_RUN_PX)
        x1 = x0 + MIN_RUN_PX;
      weft_render_set_rgb (cr, flavour_colour (ctx, c->flavour), 1);
      cairo_rectangle (cr, x0, top + 3, x1 - x0, h - 6);
      cairo_fill (cr);
      if (run->resumed_at && x1 - x0 >= MIN_LABEL_PX &&
          weft_render_text_width (ctx, run->resumed_at, FALSE) < x1 - x0 - 8)
        {
          static const WeftRgb white = { 1, 1, 1 };

          weft_render_text (ctx, x0 + 4, top + h / 2, run->resumed_at, FALSE, &white, 0);
        }
    }
}

static const WeftCoroRun *
run_near (WeftModel *model, const WeftCoroutine *c, gint64 t)
{
  guint n_runs = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, c->tid, &n_runs);
  const WeftCoroRun *before = NULL;

  /* The run of c at t, else its last one before t (it is suspended since),
   * else its first. */
  for (guint i = 0; i < n_runs; i++)
    {
      if (runs[i].coroutine != c->index)
        continue;
      if ((gint64) runs[i].start_ns > t)
        return before ? before : &runs[i];
      before = &runs[i];
    }
  return before;
}

char *
weft_timeline_describe_coroutine (WeftTimelineTree *tree, guint index, gint64 t)
{
  WeftModel *model = weft_timeline_tree_get_model (tree);
  const WeftCoroutine *c = weft_model_get_coroutine (model, index);
  const WeftCoroRun *run = c ? run_near (model, c, t) : NULL;
  GString *text;

  if (!c)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, _("%s, in thread %u\n"), c->label, c->tid);
  if (run && (gint64) run->start_ns <= t && (run->end_ns == WEFT_TIME_NONE || (gint64) run->end_ns > t))
    {
      g_string_append (text, _("Running here"));
      if (run->resumed_at)
        g_string_append_printf (text, _(", resumed at %s"), run->resumed_at);
      g_string_append_c (text, '\n');
    }
  else if (run && (gint64) run->start_ns > t)
    g_string_append (text, _("Not started yet\n"));
  else if (run && run->finished)
    g_string_append (text, _("Finished\n"));
  else if (run && run->suspended_at)
    g_string_append_printf (text, _("Suspended at %s\n"), run->suspended_at);
  else if (run)
    g_string_append (text, _("Suspended\n"));
  g_string_append_printf (text, ngettext ("Ran %u time", "Ran %u times", c->n_runs), c->n_runs);
  return g_string_free (text, FALSE);
}

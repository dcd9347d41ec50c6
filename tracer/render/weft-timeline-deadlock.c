/* weft-timeline-deadlock.c: a deadlock on the timeline — its sentence in
 * a banner over the lanes (wrapped, never cut), the lanes in its cycle
 * outlined from the moment it closed, and an arrow from each waiter to
 * the holder of the lock it wants. */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "weft-timeline-render-private.h"

static const WeftRgb white = { 1, 1, 1 };

static char *
thread_title (WeftTimelineTree *tree, guint32 tid)
{
  const WeftThread *thread = weft_model_lookup_thread (weft_timeline_tree_get_model (tree), tid);
  return thread ? weft_thread_dup_title (thread) : g_strdup_printf ("? %u", tid);
}

/* The lock wait of a deadlocked thread, and its words: at the moment the
 * cycle closed, or just after (the last waiter's wait may begin at that
 * very instant). */
static gboolean
deadlock_wait_of (WeftTimelineTree *tree, int thread, gint64 at_ns, WeftStateInterval *out,
                  WeftWaitWords *words)
{
  static const gint64 probes[] = { 0, 1000, 1000000 };

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    if (weft_timeline_tree_interval_at (tree, thread, at_ns + probes[i], out)
        && (out->state == WEFT_STATE_LOCK || out->state == WEFT_STATE_JOIN))
      {
        weft_model_describe_wait (weft_timeline_tree_get_model (tree), out, words);
        return TRUE;
      }
  return FALSE;
}

char *
weft_timeline_describe_deadlock (WeftTimelineTree *tree, const WeftDeadlock *deadlock)
{
  WeftModel *model = weft_timeline_tree_get_model (tree);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *at = weft_format_duration (weft_view_time (deadlock->at_ns));
  guint n_threads = deadlock->tids->len;
  guint32 first, tid;

  if (deadlock->kind == WEFT_DEADLOCK_STALL || n_threads == 0)
    {
      gboolean joins;
      /* A join is a wait for a thread's end (Python's main thread at
       * exit waits so for the stuck ones): said as such, not as a lock. */
      g_autofree char *locks = weft_model_deadlock_locks (model, deadlock, &joins);

      if (joins)
        g_string_append_printf (text, _("Likely deadlock at %s: %u threads all wait, on locks (%s) or for a thread "
                                        "to end, and nobody wakes them."),
                                at, n_threads, *locks ? locks : "?");
      else
        g_string_append_printf (text, _("Likely deadlock at %s: %u threads all wait on locks (%s) and nobody wakes "
                                        "them."),
                                at, n_threads, *locks ? locks : "?");
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Follow the cycle: thread -> the lock it wants -> that lock's holder. */
  g_string_append_printf (text, _("Deadlock at %s: "), at);
  first = tid = g_array_index (deadlock->tids, guint32, 0);
  for (guint step = 0; step <= n_threads; step++)
    {
      int index = weft_timeline_tree_find_thread (tree, tid);
      WeftStateInterval interval;
      g_auto (WeftWaitWords) words = { 0 };
      g_autofree char *title = thread_title (tree, tid);

      g_string_append (text, title);
      if (step == n_threads || index < 0 || !deadlock_wait_of (tree, index, weft_view_time (deadlock->at_ns),
                                                               &interval, &words)
          || words.holder_tid == 0)
        break;
      g_string_append_printf (text, " \342\206\222 %s \342\206\222 ", words.object ? words.object : "?");
      tid = words.holder_tid;
      if (tid == first)
        {
          g_autofree char *first_title = thread_title (tree, tid);

          g_string_append (text, first_title);
          break;
        }
    }
  g_string_append (text, _(". None of them can ever go on."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The banner's sentence, wrapped to the canvas's width in layout. */
static void
layout_banner (WeftRenderContext *ctx, const char *text, double icon)
{
  pango_layout_set_font_description (ctx->layout, ctx->bold);
  pango_layout_set_width (ctx->layout, (int) (MAX (ctx->width - 30 - icon, 50) * PANGO_SCALE));
  pango_layout_set_wrap (ctx->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (ctx->layout, text, -1);
}

static void
unlayout_banner (WeftRenderContext *ctx)
{
  pango_layout_set_width (ctx->layout, -1);
}

double
weft_render_banner_height (WeftRenderContext *ctx)
{
  g_autofree char *text = NULL;
  double icon = ctx->pal->banner_height * 0.5;
  int width, height;

  if (ctx->deadlock == NULL)
    return 0;
  text = weft_timeline_describe_deadlock (ctx->tree, ctx->deadlock);
  layout_banner (ctx, text, icon);
  pango_layout_get_pixel_size (ctx->layout, &width, &height);
  unlayout_banner (ctx);
  /* One line keeps the palette's height; each further line adds its own. */
  return MAX (ctx->pal->banner_height, height + ctx->pal->banner_height * 0.45);
}

static void
draw_banner (WeftRenderContext *ctx)
{
  const WeftTimelinePalette *pal = ctx->pal;
  cairo_t *cr = ctx->cr;
  double top = pal->ruler_height;
  double h = ctx->banner_height;
  g_autofree char *text = weft_timeline_describe_deadlock (ctx->tree, ctx->deadlock);
  double icon = pal->banner_height * 0.5;
  double icon_top = top + pal->banner_height / 2 - icon / 2;
  int width, height;

  weft_render_set_rgb (cr, &pal->deadlock, 1);
  cairo_rectangle (cr, 0, top, ctx->width, h);
  cairo_fill (cr);
  /* A warning triangle, beside the first line. */
  weft_render_set_rgb (cr, &white, 1);
  cairo_move_to (cr, 12 + icon / 2, icon_top);
  cairo_line_to (cr, 12 + icon, icon_top + icon);
  cairo_line_to (cr, 12, icon_top + icon);
  cairo_close_path (cr);
  cairo_fill (cr);
  weft_render_set_rgb (cr, &pal->deadlock, 1);
  cairo_rectangle (cr, 12 + icon / 2 - 1, icon_top + icon * 0.35, 2, icon * 0.38);
  cairo_rectangle (cr, 12 + icon / 2 - 1, icon_top + icon * 0.8, 2, 2);
  cairo_fill (cr);
  /* Every word of the cycle, on as many lines as it takes. */
  layout_banner (ctx, text, icon);
  pango_layout_get_pixel_size (ctx->layout, &width, &height);
  weft_render_set_rgb (cr, &pal->banner_text, 1);
  cairo_move_to (cr, 20 + icon, top + (h - height) / 2);
  pango_cairo_show_layout (cr, ctx->layout);
  unlayout_banner (ctx);
}

void
weft_render_deadlock (WeftRenderContext *ctx)
{
  const WeftTimelinePalette *pal = ctx->pal;
  const WeftDeadlock *d = ctx->deadlock;
  cairo_t *cr = ctx->cr;
  double x_at, right = ctx->lanes_x + ctx->lanes_width;
  gint64 at;

  if (d == NULL)
    return;
  at = weft_view_time (d->at_ns);
  x_at = weft_render_x (ctx, at);

  /* The lanes involved: tinted, outlined from the moment the cycle closed. */
  for (guint i = 0; i < d->tids->len; i++)
    {
      int index = weft_timeline_tree_find_thread (ctx->tree, g_array_index (d->tids, guint32, i));
      int row = index >= 0 ? ctx->row_of_thread[index] : -1;
      double top;

      if (row < 0)
        continue;
      top = weft_render_row_top (ctx, row);
      weft_render_set_rgb (cr, &pal->deadlock, 0.12);
      cairo_rectangle (cr, ctx->lanes_x, top, ctx->lanes_width, pal->row_height);
      cairo_fill (cr);
      weft_render_set_rgb (cr, &pal->deadlock, 1);
      cairo_set_line_width (cr, pal->line_width + 1);
      cairo_rectangle (cr, MAX (x_at, ctx->lanes_x), top + 1, MAX (right - MAX (x_at, ctx->lanes_x), 4),
                       pal->row_height - 2);
      cairo_stroke (cr);
    }

  /* The cycle: each waiter points at the holder of the lock it wants, at
   * the moment its wait began (the cycle closes with the last of them):
   * dark on a white halo, clear on the red lock lanes and on white. */
  for (guint i = 0; i < d->tids->len && d->kind == WEFT_DEADLOCK_CYCLE; i++)
    {
      int index = weft_timeline_tree_find_thread (ctx->tree, g_array_index (d->tids, guint32, i));
      WeftStateInterval interval;
      g_auto (WeftWaitWords) words = { 0 };
      int from, to, holder;
      double x, y0, y1;

      if (index < 0 || !deadlock_wait_of (ctx->tree, index, at, &interval, &words) || words.holder_tid == 0)
        continue;
      holder = weft_timeline_tree_find_thread (ctx->tree, words.holder_tid);
      from = ctx->row_of_thread[index];
      to = holder >= 0 ? ctx->row_of_thread[holder] : -1;
      x = weft_render_x (ctx, weft_view_time (interval.start_ns));
      if (from < 0 || to < 0 || from == to || x < ctx->lanes_x || x > right)
        continue;
      y0 = weft_render_row_top (ctx, from) + pal->row_height / 2;
      y1 = weft_render_row_top (ctx, to) + pal->row_height / 2;
      weft_render_set_rgb (cr, &white, 1);
      cairo_set_line_width (cr, pal->line_width + 6);
      weft_render_arrow (cr, x, y0, x, y1, pal->row_height * 0.5, FALSE);
      weft_render_set_rgb (cr, &pal->text, 1);
      cairo_set_line_width (cr, pal->line_width + 2);
      weft_render_arrow (cr, x, y0, x, y1, pal->row_height * 0.4, FALSE);
    }

  cairo_save (cr);
  cairo_reset_clip (cr);
  draw_banner (ctx);
  cairo_restore (cr);
}

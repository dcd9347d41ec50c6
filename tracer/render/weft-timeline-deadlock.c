/* weft-timeline-deadlock.c: a deadlock on the timeline — its sentence in
 * a banner over the lanes (wrapped, never cut), the lanes in its cycle
 * outlined from the moment it closed, and an arrow from each waiter to
 * the holder of the lock it wants. */
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "weft-timeline-render-private.h"

static const WeftRgb white = { 1, 1, 1 };

static const char *
thread_name (WeftTimelineSource *source, guint32 tid)
{
  int index = weft_timeline_source_find_thread (source, tid);
  return index >= 0 ? weft_timeline_source_get_thread (source, index)->name : "?";
}

/* The lock wait of a deadlocked thread: at the moment the cycle closed, or
 * just after (the last waiter's wait may begin at that very instant). */
static gboolean
deadlock_wait_of (WeftTimelineSource *source, int thread, gint64 at_ns, WeftSourceInterval *out)
{
  static const gint64 probes[] = { 0, 1000, 1000000 };

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    if (weft_timeline_source_interval_at (source, thread, at_ns + probes[i], out)
        && (out->state == WEFT_STATE_LOCK || out->state == WEFT_STATE_JOIN))
      return TRUE;
  return FALSE;
}

char *
weft_timeline_describe_deadlock (WeftTimelineSource *source, const WeftSourceDeadlock *deadlock)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *at = weft_format_duration (deadlock->at_ns);
  guint32 tid;

  if (deadlock->is_stall || deadlock->n_threads == 0)
    {
      g_autofree char *locks = deadlock->n_locks ? g_strjoinv (", ", (char **) deadlock->locks) : g_strdup ("?");
      g_string_append_printf (text, _("Likely deadlock at %s: %u threads all wait on locks (%s) and nobody wakes them."),
                              at, deadlock->n_threads, locks);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Follow the cycle: thread -> the lock it wants -> that lock's holder. */
  g_string_append_printf (text, _("Deadlock at %s: "), at);
  tid = deadlock->tids[0];
  for (guint step = 0; step <= deadlock->n_threads; step++)
    {
      int index = weft_timeline_source_find_thread (source, tid);
      WeftSourceInterval interval;

      g_string_append_printf (text, "%s %u", thread_name (source, tid), tid);
      if (step == deadlock->n_threads || index < 0 || !deadlock_wait_of (source, index, deadlock->at_ns, &interval)
          || interval.holder_tid == 0)
        break;
      g_string_append_printf (text, " \342\206\222 %s \342\206\222 ", interval.object ? interval.object : "?");
      tid = interval.holder_tid;
      if (tid == deadlock->tids[0])
        {
          g_string_append_printf (text, "%s %u", thread_name (source, tid), tid);
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
  text = weft_timeline_describe_deadlock (ctx->source, ctx->deadlock);
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
  g_autofree char *text = weft_timeline_describe_deadlock (ctx->source, ctx->deadlock);
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
  const WeftSourceDeadlock *d = ctx->deadlock;
  cairo_t *cr = ctx->cr;
  double x_at, right = ctx->lanes_x + ctx->lanes_width;

  if (d == NULL)
    return;
  x_at = weft_render_x (ctx, d->at_ns);

  /* The lanes involved: tinted, outlined from the moment the cycle closed. */
  for (guint i = 0; i < d->n_threads; i++)
    {
      int index = weft_timeline_source_find_thread (ctx->source, d->tids[i]);
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
  for (guint i = 0; i < d->n_threads && !d->is_stall; i++)
    {
      int index = weft_timeline_source_find_thread (ctx->source, d->tids[i]);
      WeftSourceInterval interval;
      int from, to, holder;
      double x, y0, y1;

      if (index < 0 || !deadlock_wait_of (ctx->source, index, d->at_ns, &interval)
          || interval.holder_tid == 0)
        continue;
      holder = weft_timeline_source_find_thread (ctx->source, interval.holder_tid);
      from = ctx->row_of_thread[index];
      to = holder >= 0 ? ctx->row_of_thread[holder] : -1;
      x = weft_render_x (ctx, interval.start_ns);
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

/* weft-render-primitives.c: text and arrows, as every part of the
 * timeline draws them. */
#include <math.h>

#include "weft-timeline-render-private.h"

double
weft_render_text_width (WeftRenderContext *ctx, const char *text, gboolean bold)
{
  int width, height;

  pango_layout_set_font_description (ctx->layout, bold ? ctx->bold : ctx->font);
  pango_layout_set_text (ctx->layout, text, -1);
  pango_layout_get_pixel_size (ctx->layout, &width, &height);
  return width;
}

double
weft_render_text (WeftRenderContext *ctx, double x, double y, const char *text,
                  gboolean bold, const WeftRgb *rgb, double align)
{
  int width, height;

  pango_layout_set_font_description (ctx->layout, bold ? ctx->bold : ctx->font);
  pango_layout_set_text (ctx->layout, text, -1);
  pango_layout_get_pixel_size (ctx->layout, &width, &height);
  weft_render_set_rgb (ctx->cr, rgb, 1);
  cairo_move_to (ctx->cr, x - width * align, y - height / 2.0);
  pango_cairo_show_layout (ctx->cr, ctx->layout);
  return width;
}

void
weft_render_arrow (cairo_t *cr, double x0, double y0, double x1, double y1, double head,
                   gboolean curved)
{
  double angle;

  cairo_move_to (cr, x0, y0);
  if (curved)
    {
      double bend = MAX (fabs (y1 - y0) * 0.35, 12);
      cairo_curve_to (cr, x0 + bend, y0, x1 - bend, y1, x1, y1);
      angle = 0;
    }
  else
    {
      cairo_line_to (cr, x1, y1);
      angle = atan2 (y1 - y0, x1 - x0);
    }
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * cos (angle - 0.45), y1 - head * sin (angle - 0.45));
  cairo_line_to (cr, x1 - head * cos (angle + 0.45), y1 - head * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

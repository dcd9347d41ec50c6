/*
 * weft-timeline-render-private.h: what the renderer's files share for one
 * frame.  Not for callers: use weft-timeline-renderer.h.
 */
#pragma once

#include <pango/pangocairo.h>

#include "weft-timeline-groups.h"
#include "weft-timeline-palette.h"
#include "weft-timeline-renderer.h"
#include "weft-timeline-rows.h"

G_BEGIN_DECLS


typedef struct {
  WeftTimelineTree *tree;
  const WeftTimelinePalette *pal;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  double width, height;
  double gutter_width;
  double lanes_x, lanes_width;
  double lanes_top, lanes_bottom; /* canvas y of the lanes viewport */
  double scroll;
  gint64 t0, t1;
  gint64 limit;          /* the playhead, or G_MAXINT64 */
  guint flow_mask;
  GArray *rows;          /* WeftRow */
  int *row_of_thread;    /* thread index -> row index (its process's when collapsed), -1 */
  int *row_of_process;
  const WeftDeadlock *deadlock; /* the first one visible by the playhead */
  double banner_height;  /* as many lines as the deadlock's sentence needs */
  double legend_height;  /* as many lines as the legend needs at this width */
} WeftRenderContext;

static inline double
weft_render_x (const WeftRenderContext *ctx, gint64 t)
{
  return ctx->lanes_x + (double) (t - ctx->t0) * ctx->lanes_width / (double) (ctx->t1 - ctx->t0);
}

static inline double
weft_render_row_top (const WeftRenderContext *ctx, int row)
{
  return ctx->lanes_top + g_array_index (ctx->rows, WeftRow, row).y - ctx->scroll;
}

static inline void
weft_render_set_rgb (cairo_t *cr, const WeftRgb *rgb, double alpha)
{
  cairo_set_source_rgba (cr, rgb->r, rgb->g, rgb->b, alpha);
}

/* Columns of a lane's summary at most (a wider canvas bins them). */
#define WEFT_RENDER_MAX_COLUMNS 8192

/* weft-render-primitives.c.  Draws text with its left (align 0), centre (0.5) or right (1) at x and
 * its vertical centre at y; returns its width. */
double weft_render_text (WeftRenderContext *ctx, double x, double y, const char *text,
                         gboolean bold, const WeftRgb *rgb, double align);
double weft_render_text_width (WeftRenderContext *ctx, const char *text, gboolean bold);
void weft_render_arrow (cairo_t *cr, double x0, double y0, double x1, double y1,
                        double head, gboolean curved);

/* weft-timeline-lanes.c: the lane of row row_index; columns is scratch
 * for WEFT_RENDER_MAX_COLUMNS summary cells. */
void weft_render_lane (WeftRenderContext *ctx, guint row_index, guint8 *columns);

/* weft-timeline-groups.c: a group's row — each member's states in its own
 * columns (members never overlap). */
void weft_render_group_lane (WeftRenderContext *ctx, guint row_index, guint8 *columns);
/* weft-timeline-coro.c: coroutine sub-lanes under a thread's row. */
double weft_render_add_coro_rows (WeftTimelineTree *tree, GArray *rows, const WeftRow *thread_row,
                                  double y, double row_height);
char *weft_render_coro_row_label (WeftTimelineTree *tree, const WeftRow *row);
void weft_render_coro_lane (WeftRenderContext *ctx, guint row_index);
/* The model's index + 1 of the coroutine on a row, 0 for a thread's row. */
guint weft_render_row_coroutine_index (WeftTimelineTree *tree, const WeftRow *row);

/* weft-timeline-decorations.c */
void weft_render_ruler (WeftRenderContext *ctx, const gint64 *bookmarks, guint n_bookmarks);
void weft_render_legend (WeftRenderContext *ctx);
/* Heights at ctx's width: the legend and the banner wrap, never shrink or cut. */
double weft_render_legend_height (WeftRenderContext *ctx);
double weft_render_banner_height (WeftRenderContext *ctx);
void weft_render_process_marks (WeftRenderContext *ctx);
void weft_render_flows (WeftRenderContext *ctx);
void weft_render_deadlock (WeftRenderContext *ctx);

G_END_DECLS

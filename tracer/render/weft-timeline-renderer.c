/* weft-timeline-renderer.c: layout, the gutter, selection and hit testing of
 * the timeline; each lane is drawn by weft-timeline-lanes.c. */
#include "weft-timeline-renderer.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "weft-timeline-render-private.h"

#define MIN_GUTTER 170.0
#define MAX_GUTTER 420.0

struct _WeftTimelineRenderer {
  GObject parent_instance;

  WeftTimelineTree *tree;
  gint64 t0, t1;
  gint64 playhead;
  gboolean presentation;
  guint flow_mask;
  WeftTimelineRows *row_set; /* which rows there are */
  GHashTable *label_widths; /* row label -> its width in pixels (double *), for the palette in use */
  int selected_thread;
  gint64 selected_time;
  gint64 range_t0, range_t1;
  char *search;
  GArray *bookmarks;       /* gint64 */
  double scroll;

  /* The layout of the last frame, for hit testing. */
  GArray *rows;            /* WeftRow: row_set's, as last built */
  double gutter_width;
  double banner_height;    /* wrapped to the last frame's width */
  double legend_height;
  /* What those heights were measured for: laying out the legend and the
   * banner's sentence is not redone every frame. */
  double measured_width;
  guint measured_mask;
  const WeftDeadlock *measured_deadlock;
  guint8 *columns;         /* summary scratch */
};

G_DEFINE_FINAL_TYPE (WeftTimelineRenderer, weft_timeline_renderer, G_TYPE_OBJECT)

static void
weft_timeline_renderer_finalize (GObject *object)
{
  WeftTimelineRenderer *self = WEFT_TIMELINE_RENDERER (object);

  g_clear_object (&self->tree);
  weft_timeline_rows_free (self->row_set);
  g_hash_table_unref (self->label_widths);
  g_free (self->search);
  g_array_unref (self->bookmarks);
  g_free (self->columns);
  G_OBJECT_CLASS (weft_timeline_renderer_parent_class)->finalize (object);
}

static void
weft_timeline_renderer_class_init (WeftTimelineRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_timeline_renderer_finalize;
}

static void
weft_timeline_renderer_init (WeftTimelineRenderer *self)
{
  self->t1 = 1;
  self->playhead = -1;
  self->flow_mask = WEFT_FLOW_MASK_DATA | WEFT_FLOW_MASK_SIGNAL | WEFT_FLOW_MASK_CHILD;
  self->row_set = weft_timeline_rows_new ();
  self->rows = weft_timeline_rows_get (self->row_set);
  self->label_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->selected_thread = -1;
  self->bookmarks = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->columns = g_malloc (WEFT_RENDER_MAX_COLUMNS);
}

WeftTimelineRenderer *
weft_timeline_renderer_new (void)
{
  return g_object_new (WEFT_TYPE_TIMELINE_RENDERER, NULL);
}

static const WeftTimelinePalette *
palette (WeftTimelineRenderer *self)
{
  return weft_timeline_palette_get (self->presentation);
}

static gint64
limit_of (WeftTimelineRenderer *self)
{
  return self->playhead < 0 ? G_MAXINT64 : self->playhead;
}

/* Rows in tree order; during replay only what exists by the playhead. */
static void
build_rows (WeftTimelineRenderer *self)
{
  weft_timeline_rows_build (self->row_set, limit_of (self), palette (self)->row_height);
}

static gboolean
thread_matches_search (WeftTimelineRenderer *self, int thread_index)
{
  return thread_index >= 0 && weft_timeline_renderer_thread_matches (self, thread_index);
}

gboolean
weft_timeline_renderer_thread_matches (WeftTimelineRenderer *self, guint thread_index)
{
  const WeftThread *thread;
  const char *label;
  char number[16];

  if (self->tree == NULL || self->search == NULL || self->search[0] == '\0')
    return FALSE;
  thread = weft_timeline_tree_get_thread (self->tree, thread_index);
  g_snprintf (number, sizeof number, "%u", thread->tid);
  if (strcmp (number, self->search) == 0)
    return TRUE;
  g_snprintf (number, sizeof number, "%u", thread->pid);
  if (strcmp (number, self->search) == 0)
    return TRUE;
  label = weft_thread_get_label (thread);
  return strstr (label, self->search) != NULL;
}

static char *
row_label (WeftTimelineRenderer *self, const WeftRow *row)
{
  const WeftProcess *process = weft_timeline_tree_get_process (self->tree, row->process);
  const WeftThread *thread;

  if (row->group)
    return g_strdup (row->group->label);
  if (row->coroutine)
    return weft_render_coro_row_label (self->tree, row);
  if (row->is_process)
    return weft_process_dup_title (process);
  thread = weft_timeline_tree_get_thread (self->tree, row->thread);
  return weft_thread_dup_title (thread);
}

static double
measure_gutter (WeftTimelineRenderer *self, WeftRenderContext *ctx)
{
  double widest = 0;
  double scale = self->presentation ? 1.6 : 1.0;

  /* Every row, every frame: laying out thousands of labels (a fork storm,
   * a live trace still growing) with Pango would cost more than the frame,
   * so each label is measured once. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      const WeftRow *row = &g_array_index (self->rows, WeftRow, i);
      char *label = row_label (self, row);
      char *key = g_strconcat (row->is_process ? "b" : "r", label, NULL);
      double *text_width = g_hash_table_lookup (self->label_widths, key);
      double w;

      if (text_width == NULL)
        {
          text_width = g_new (double, 1);
          *text_width = weft_render_text_width (ctx, label, row->is_process);
          g_hash_table_insert (self->label_widths, key, text_width);
        }
      else
        g_free (key);
      g_free (label);
      w = *text_width + row->depth * ctx->pal->indent + ctx->pal->row_height + 12;
      widest = MAX (widest, w);
    }
  return CLAMP (widest, MIN_GUTTER * scale, MAX_GUTTER * scale);
}

static const WeftDeadlock *
visible_deadlock (WeftTimelineRenderer *self, gint64 limit)
{
  GPtrArray *deadlocks = weft_model_get_deadlocks (weft_timeline_tree_get_model (self->tree));

  /* They are in time order: the first one is the one to show. */
  if (deadlocks->len > 0)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, 0);
      if (weft_view_time (d->at_ns) <= limit)
        return d;
    }
  return NULL;
}

/* Before the first frame measures them: one line each. */
static double
banner_height_of (WeftTimelineRenderer *self)
{
  return MAX (self->banner_height, palette (self)->banner_height);
}

static double
legend_height_of (WeftTimelineRenderer *self)
{
  return MAX (self->legend_height, palette (self)->legend_height);
}

double
weft_timeline_renderer_get_legend_height (WeftTimelineRenderer *self)
{
  g_return_val_if_fail (WEFT_IS_TIMELINE_RENDERER (self), 0);
  return legend_height_of (self);
}

static double
lanes_top_of (WeftTimelineRenderer *self, gboolean with_banner)
{
  const WeftTimelinePalette *pal = palette (self);
  return pal->ruler_height + (with_banner ? banner_height_of (self) : 0);
}

static gboolean
has_banner (WeftTimelineRenderer *self)
{
  return self->tree && visible_deadlock (self, limit_of (self)) != NULL;
}

static void
draw_gutter (WeftTimelineRenderer *self, WeftRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  const WeftTimelinePalette *pal = ctx->pal;
  double h = pal->row_height;

  weft_render_set_rgb (cr, &pal->gutter, 1);
  cairo_rectangle (cr, 0, ctx->lanes_top, ctx->gutter_width, ctx->lanes_bottom - ctx->lanes_top);
  cairo_fill (cr);

  for (guint i = 0; i < ctx->rows->len; i++)
    {
      const WeftRow *row = &g_array_index (ctx->rows, WeftRow, i);
      const WeftProcess *process = weft_timeline_tree_get_process (ctx->tree, row->process);
      double top = weft_render_row_top (ctx, i);
      double x = 6 + row->depth * pal->indent;
      g_autofree char *label = NULL;

      if (top + h < ctx->lanes_top || top > ctx->lanes_bottom)
        continue;
      if (thread_matches_search (self, row->thread))
        {
          weft_render_set_rgb (cr, &pal->search, 1);
          cairo_rectangle (cr, 0, top, ctx->gutter_width, h);
          cairo_fill (cr);
        }
      if (row->is_process && weft_timeline_renderer_is_collapsible (self, row->process))
        {
          /* The expander: ▾ open, ▸ collapsed. */
          double s = h * 0.22, cx = x + s, cy = top + h / 2;
          weft_render_set_rgb (cr, &pal->text_dim, 1);
          if (weft_timeline_rows_process_is_collapsed (self->row_set, row->process))
            {
              cairo_move_to (cr, cx - s * 0.6, cy - s);
              cairo_line_to (cr, cx + s * 0.8, cy);
              cairo_line_to (cr, cx - s * 0.6, cy + s);
            }
          else
            {
              cairo_move_to (cr, cx - s, cy - s * 0.6);
              cairo_line_to (cr, cx + s, cy - s * 0.6);
              cairo_line_to (cr, cx, cy + s * 0.8);
            }
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      x += h * 0.55;
      label = row_label (self, row);
      /* A collapsed process says how many lanes it hides. */
      if (row->is_process && !row->group && weft_timeline_rows_process_is_collapsed (self->row_set, row->process))
        {
          guint hidden = process->threads->len > 0 ? process->threads->len - 1 : 0;
          guint depth = weft_timeline_tree_get_depth (ctx->tree, row->process);
          char *with_count;

          for (guint p = row->process + 1; p < weft_timeline_tree_get_n_processes (ctx->tree); p++)
            {
              if (weft_timeline_tree_get_depth (ctx->tree, p) <= depth)
                break;
              hidden += MAX (weft_timeline_tree_get_process (ctx->tree, p)->threads->len, 1);
            }
          with_count = g_strdup_printf ("%s  +%u", label, hidden);
          g_free (label);
          label = with_count;
        }
      cairo_save (cr);
      cairo_rectangle (cr, 0, top, ctx->gutter_width - 4, h);
      cairo_clip (cr);
      weft_render_text (ctx, x, top + h / 2, label, row->is_process,
                        row->is_process ? &pal->text : &pal->text_dim, 0);
      cairo_restore (cr);
    }
  weft_render_set_rgb (cr, &pal->grid, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, ctx->gutter_width - 0.5, ctx->lanes_top);
  cairo_line_to (cr, ctx->gutter_width - 0.5, ctx->lanes_bottom);
  cairo_stroke (cr);
}

static void
draw_selection (WeftTimelineRenderer *self, WeftRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  WeftStateInterval interval;

  if (self->range_t1 > self->range_t0)
    {
      double x0 = MAX (weft_render_x (ctx, self->range_t0), ctx->lanes_x);
      double x1 = MIN (weft_render_x (ctx, self->range_t1), ctx->lanes_x + ctx->lanes_width);
      weft_render_set_rgb (cr, &ctx->pal->selection, 0.18);
      cairo_rectangle (cr, x0, ctx->lanes_top, x1 - x0, ctx->lanes_bottom - ctx->lanes_top);
      cairo_fill (cr);
    }
  if (self->selected_thread >= 0 && self->selected_thread < (int) weft_timeline_tree_get_n_threads (ctx->tree)
      && ctx->row_of_thread[self->selected_thread] >= 0
      && weft_timeline_tree_interval_at (ctx->tree, self->selected_thread, self->selected_time, &interval))
    {
      int row = ctx->row_of_thread[self->selected_thread];
      double top = weft_render_row_top (ctx, row);
      double x0 = MAX (weft_render_x (ctx, weft_view_time (interval.start_ns)), ctx->lanes_x - 2);
      double x1 = MIN (weft_render_x (ctx, weft_view_time (interval.end_ns)), ctx->lanes_x + ctx->lanes_width + 2);

      weft_render_set_rgb (cr, &ctx->pal->selection, 1);
      cairo_set_line_width (cr, ctx->pal->line_width + 1);
      cairo_rectangle (cr, x0, top + 1, MAX (x1 - x0, 3), ctx->pal->row_height - 2);
      cairo_stroke (cr);
    }
}

static void
draw_playhead (WeftRenderContext *ctx)
{
  cairo_t *cr = ctx->cr;
  double x;

  if (ctx->limit == G_MAXINT64 || ctx->limit >= ctx->t1)
    {
      if (ctx->limit == G_MAXINT64)
        return;
    }
  x = weft_render_x (ctx, ctx->limit);
  if (x > ctx->lanes_x + ctx->lanes_width + 1 || x < ctx->lanes_x)
    return;
  weft_render_set_rgb (cr, &ctx->pal->playhead, 1);
  cairo_set_line_width (cr, ctx->pal->line_width + 0.5);
  cairo_move_to (cr, x, ctx->pal->ruler_height * 0.5);
  cairo_line_to (cr, x, ctx->lanes_bottom);
  cairo_stroke (cr);
  /* A handle on the ruler. */
  cairo_move_to (cr, x - 6, ctx->pal->ruler_height * 0.35);
  cairo_line_to (cr, x + 6, ctx->pal->ruler_height * 0.35);
  cairo_line_to (cr, x, ctx->pal->ruler_height * 0.35 + 9);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
layout_context (WeftTimelineRenderer *self, WeftRenderContext *ctx, cairo_t *cr,
                double width, double height)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->tree = self->tree;
  ctx->pal = palette (self);
  ctx->cr = cr;
  ctx->width = width;
  ctx->height = height;
  ctx->t0 = self->t0;
  ctx->t1 = MAX (self->t1, self->t0 + 1);
  ctx->limit = limit_of (self);
  ctx->flow_mask = self->flow_mask;
  ctx->scroll = self->scroll;
  ctx->rows = self->rows;
  ctx->font = pango_font_description_from_string (ctx->pal->font);
  ctx->bold = pango_font_description_from_string (ctx->pal->bold_font);
  ctx->layout = pango_cairo_create_layout (cr);
  build_rows (self);
  ctx->gutter_width = self->gutter_width = measure_gutter (self, ctx);
  ctx->lanes_x = ctx->gutter_width;
  ctx->lanes_width = MAX (width - ctx->gutter_width - 8, 10);
  ctx->deadlock = self->tree ? visible_deadlock (self, ctx->limit) : NULL;
  if (self->legend_height == 0 || width != self->measured_width || self->flow_mask != self->measured_mask
      || ctx->deadlock != self->measured_deadlock)
    {
      self->legend_height = weft_render_legend_height (ctx);
      if (ctx->deadlock)
        self->banner_height = weft_render_banner_height (ctx);
      self->measured_width = width;
      self->measured_mask = self->flow_mask;
      self->measured_deadlock = ctx->deadlock;
    }
  ctx->legend_height = self->legend_height;
  ctx->banner_height = ctx->deadlock ? banner_height_of (self) : 0;
  ctx->lanes_top = lanes_top_of (self, ctx->deadlock != NULL);
  ctx->lanes_bottom = MAX (height - ctx->legend_height, ctx->lanes_top + 1);
}

static void
free_context (WeftRenderContext *ctx)
{
  g_clear_object (&ctx->layout);
  pango_font_description_free (ctx->font);
  pango_font_description_free (ctx->bold);
  g_free (ctx->row_of_thread);
  g_free (ctx->row_of_process);
}

static void
index_rows (WeftRenderContext *ctx)
{
  guint n_threads = weft_timeline_tree_get_n_threads (ctx->tree);
  guint n_processes = weft_timeline_tree_get_n_processes (ctx->tree);

  ctx->row_of_thread = g_new (int, MAX (n_threads, 1));
  ctx->row_of_process = g_new (int, MAX (n_processes, 1));
  memset (ctx->row_of_thread, 0xff, sizeof (int) * MAX (n_threads, 1));
  memset (ctx->row_of_process, 0xff, sizeof (int) * MAX (n_processes, 1));
  for (guint i = 0; i < ctx->rows->len; i++)
    {
      const WeftRow *row = &g_array_index (ctx->rows, WeftRow, i);
      if (row->group)
        for (guint m = 0; m < row->group->n_members; m++)
          {
            guint member = row->group->members[m];
            guint first_thread = weft_timeline_tree_get_first_thread (ctx->tree, member);

            ctx->row_of_process[member] = i;
            for (guint t = 0; t < weft_timeline_tree_get_process (ctx->tree, member)->threads->len; t++)
              ctx->row_of_thread[first_thread + t] = i;
          }
      if (row->is_process)
        {
          guint first_thread = weft_timeline_tree_get_first_thread (ctx->tree, row->process);

          ctx->row_of_process[row->process] = i;
          /* Collapsed threads point at their process's row. */
          for (guint t = 0; t < weft_timeline_tree_get_process (ctx->tree, row->process)->threads->len; t++)
            ctx->row_of_thread[first_thread + t] = i;
        }
      if (row->thread >= 0 && !row->coroutine) /* a coroutine's row is not its thread's */
        ctx->row_of_thread[row->thread] = i;
    }
}

void
weft_timeline_renderer_draw (WeftTimelineRenderer *self, cairo_t *cr, double width, double height)
{
  WeftRenderContext ctx;

  layout_context (self, &ctx, cr, width, height);
  cairo_save (cr);
  weft_render_set_rgb (cr, &ctx.pal->background, 1);
  cairo_paint (cr);

  if (self->tree != NULL && weft_timeline_tree_get_n_processes (self->tree) == 0)
    weft_render_text (&ctx, width / 2, (ctx.lanes_top + ctx.lanes_bottom) / 2,
                      _("No process was recorded in this trace."), TRUE, &ctx.pal->text_dim, 0.5);
  else if (self->tree != NULL)
    {
      index_rows (&ctx);
      draw_gutter (self, &ctx);

      /* Lanes, marks, flows and the deadlock, clipped to the lanes area;
       * states also to the playhead, so the future stays blank. */
      cairo_save (cr);
      cairo_rectangle (cr, ctx.lanes_x, ctx.lanes_top, ctx.lanes_width + 8, ctx.lanes_bottom - ctx.lanes_top);
      cairo_clip (cr);
      for (guint i = 0; i < ctx.rows->len; i++)
        {
          double top = weft_render_row_top (&ctx, i);
          if (top + ctx.pal->row_height < ctx.lanes_top || top > ctx.lanes_bottom)
            continue;
          if (thread_matches_search (self, g_array_index (ctx.rows, WeftRow, i).thread))
            {
              weft_render_set_rgb (cr, &ctx.pal->search, 0.35);
              cairo_rectangle (cr, ctx.lanes_x, top, ctx.lanes_width, ctx.pal->row_height);
              cairo_fill (cr);
            }
          cairo_save (cr);
          if (ctx.limit < ctx.t1)
            {
              cairo_rectangle (cr, ctx.lanes_x, top, MAX (weft_render_x (&ctx, ctx.limit) - ctx.lanes_x, 0),
                               ctx.pal->row_height);
              cairo_clip (cr);
            }
          if (g_array_index (ctx.rows, WeftRow, i).coroutine)
            weft_render_coro_lane (&ctx, i);
          else
            weft_render_lane (&ctx, i, self->columns);
          cairo_restore (cr);
        }
      if (ctx.limit < ctx.t1)
        {
          double x = MAX (weft_render_x (&ctx, ctx.limit), ctx.lanes_x);
          cairo_rectangle (cr, ctx.lanes_x, ctx.lanes_top, x - ctx.lanes_x, ctx.lanes_bottom - ctx.lanes_top);
          cairo_clip (cr);
        }
      weft_render_process_marks (&ctx);
      weft_render_flows (&ctx);
      weft_render_deadlock (&ctx);
      cairo_restore (cr);

      cairo_save (cr);
      cairo_rectangle (cr, ctx.lanes_x - 2, ctx.lanes_top, ctx.lanes_width + 10, ctx.lanes_bottom - ctx.lanes_top);
      cairo_clip (cr);
      draw_selection (self, &ctx);
      cairo_restore (cr);
    }

  weft_render_ruler (&ctx, (const gint64 *) self->bookmarks->data, self->bookmarks->len);
  if (self->tree != NULL)
    draw_playhead (&ctx);
  weft_render_legend (&ctx);
  cairo_restore (cr);
  free_context (&ctx);
}

void
weft_timeline_renderer_pick (WeftTimelineRenderer *self, double width, double height,
                             double x, double y, WeftTimelinePick *pick)
{
  const WeftTimelinePalette *pal = palette (self);
  double top = lanes_top_of (self, has_banner (self));

  memset (pick, 0, sizeof *pick);
  pick->process = pick->thread = -1;
  pick->time_ns = weft_timeline_renderer_time_at_x (self, width, x);
  if (self->tree == NULL)
    return;
  if (y < pal->ruler_height)
    {
      pick->area = WEFT_PICK_RULER;
      return;
    }
  if (y >= height - legend_height_of (self))
    {
      pick->area = WEFT_PICK_LEGEND;
      return;
    }
  if (y < top)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const WeftRow *row = &g_array_index (self->rows, WeftRow, i);
      double row_top = top + row->y - self->scroll;

      if (y < row_top || y >= row_top + pal->row_height)
        continue;
      pick->process = row->process;
      pick->thread = row->thread;
      if (row->group && x >= self->gutter_width)
        {
          /* The child alive at that moment. */
          guint member = weft_process_group_member_at (row->group, self->tree, pick->time_ns);
          pick->process = member;
          pick->thread = weft_timeline_tree_get_process (self->tree, member)->threads->len > 0
                         ? (int) weft_timeline_tree_get_first_thread (self->tree, member) : -1;
        }
      pick->coroutine = weft_render_row_coroutine_index (self->tree, row);
      if (x >= self->gutter_width)
        pick->area = WEFT_PICK_LANE;
      else if (row->is_process && x < 6 + row->depth * pal->indent + pal->row_height * 0.6)
        pick->area = WEFT_PICK_EXPANDER;
      else
        pick->area = WEFT_PICK_GUTTER;
      return;
    }
}

gint64
weft_timeline_renderer_time_at_x (WeftTimelineRenderer *self, double width, double x)
{
  double lanes_width = MAX (width - self->gutter_width - 8, 10);
  return self->t0 + (gint64) ((x - self->gutter_width) / lanes_width * (double) (self->t1 - self->t0));
}

double
weft_timeline_renderer_x_at_time (WeftTimelineRenderer *self, double width, gint64 t)
{
  double lanes_width = MAX (width - self->gutter_width - 8, 10);
  return self->gutter_width + (double) (t - self->t0) * lanes_width / (double) MAX (self->t1 - self->t0, 1);
}

void
weft_timeline_renderer_set_tree (WeftTimelineRenderer *self, WeftTimelineTree *tree)
{
  g_set_object (&self->tree, tree);
  weft_timeline_rows_set_tree (self->row_set, tree);
  self->selected_thread = -1;
  self->range_t0 = self->range_t1 = 0;
  self->scroll = 0;
  self->t0 = 0;
  self->t1 = tree ? weft_timeline_tree_get_duration (tree) : 1;
  self->gutter_width = MIN_GUTTER;
  self->banner_height = self->legend_height = 0;
  build_rows (self);
}

void
weft_timeline_renderer_update_tree (WeftTimelineRenderer *self, WeftTimelineTree *tree)
{
  guint32 selected_tid = 0;

  /* Thread indices move as processes appear: keep the selection by tid. */
  if (self->tree && self->selected_thread >= 0 &&
      self->selected_thread < (int) weft_timeline_tree_get_n_threads (self->tree))
    selected_tid = weft_timeline_tree_get_thread (self->tree, self->selected_thread)->tid;
  weft_timeline_rows_update_tree (self->row_set, tree);
  g_set_object (&self->tree, tree);
  self->selected_thread = selected_tid ? weft_timeline_tree_find_thread (tree, selected_tid) : -1;
  self->legend_height = 0; /* "alive" joins or leaves the legend with scheduler detail */
  build_rows (self);
}

WeftTimelineTree *
weft_timeline_renderer_get_tree (WeftTimelineRenderer *self)
{
  return self->tree;
}

void
weft_timeline_renderer_set_window (WeftTimelineRenderer *self, gint64 t0, gint64 t1)
{
  self->t0 = t0;
  self->t1 = MAX (t1, t0 + 1);
}

void
weft_timeline_renderer_get_window (WeftTimelineRenderer *self, gint64 *t0, gint64 *t1)
{
  *t0 = self->t0;
  *t1 = self->t1;
}

void
weft_timeline_renderer_set_playhead (WeftTimelineRenderer *self, gint64 t)
{
  self->playhead = t;
  build_rows (self);
}

gint64
weft_timeline_renderer_get_playhead (WeftTimelineRenderer *self)
{
  return self->playhead;
}

void
weft_timeline_renderer_set_presentation (WeftTimelineRenderer *self, gboolean presentation)
{
  if (self->presentation != presentation)
    {
      g_hash_table_remove_all (self->label_widths); /* other fonts */
      self->banner_height = self->legend_height = 0;
    }
  self->presentation = presentation;
  build_rows (self);
}

gboolean
weft_timeline_renderer_get_presentation (WeftTimelineRenderer *self)
{
  return self->presentation;
}

void
weft_timeline_renderer_set_flow_mask (WeftTimelineRenderer *self, guint mask)
{
  self->flow_mask = mask;
}

guint
weft_timeline_renderer_get_flow_mask (WeftTimelineRenderer *self)
{
  return self->flow_mask;
}

void
weft_timeline_renderer_set_collapsed (WeftTimelineRenderer *self, guint32 pid, gboolean collapsed)
{
  weft_timeline_rows_set_collapsed (self->row_set, pid, collapsed);
  build_rows (self);
}

void
weft_timeline_renderer_set_all_collapsed (WeftTimelineRenderer *self, gboolean collapsed)
{
  weft_timeline_rows_set_all_collapsed (self->row_set, collapsed);
  build_rows (self);
}

void
weft_timeline_renderer_reveal_thread (WeftTimelineRenderer *self, guint thread)
{
  weft_timeline_rows_reveal_thread (self->row_set, thread);
  build_rows (self);
}

gboolean
weft_timeline_renderer_is_collapsible (WeftTimelineRenderer *self, guint process)
{
  return weft_timeline_rows_is_collapsible (self->row_set, process);
}

gboolean
weft_timeline_renderer_get_collapsed (WeftTimelineRenderer *self, guint32 pid)
{
  return weft_timeline_rows_get_collapsed (self->row_set, pid);
}

void
weft_timeline_renderer_set_selected (WeftTimelineRenderer *self, int thread, gint64 t)
{
  self->selected_thread = thread;
  self->selected_time = t;
}

void
weft_timeline_renderer_set_range (WeftTimelineRenderer *self, gint64 t0, gint64 t1)
{
  self->range_t0 = MIN (t0, t1);
  self->range_t1 = MAX (t0, t1);
}

void
weft_timeline_renderer_set_search (WeftTimelineRenderer *self, const char *text)
{
  g_free (self->search);
  self->search = text && *text ? g_strdup (text) : NULL;
}

void
weft_timeline_renderer_set_bookmarks (WeftTimelineRenderer *self, const gint64 *times, guint n_times)
{
  g_array_set_size (self->bookmarks, 0);
  g_array_append_vals (self->bookmarks, times, n_times);
}

void
weft_timeline_renderer_set_scroll (WeftTimelineRenderer *self, double y)
{
  self->scroll = MAX (y, 0);
}

double
weft_timeline_renderer_get_scroll (WeftTimelineRenderer *self)
{
  return self->scroll;
}

double
weft_timeline_renderer_get_lanes_height (WeftTimelineRenderer *self)
{
  return self->rows->len * palette (self)->row_height;
}

double
weft_timeline_renderer_get_viewport_height (WeftTimelineRenderer *self, double canvas_height)
{
  return MAX (canvas_height - lanes_top_of (self, has_banner (self)) - legend_height_of (self), 1);
}

double
weft_timeline_renderer_get_natural_height (WeftTimelineRenderer *self)
{
  const WeftTimelinePalette *pal = palette (self);
  /* Room for the banner always, so a replay does not resize an export. */
  return pal->ruler_height + banner_height_of (self) + weft_timeline_renderer_get_lanes_height (self)
         + legend_height_of (self) + 4;
}

double
weft_timeline_renderer_get_gutter_width (WeftTimelineRenderer *self)
{
  return self->gutter_width;
}

double
weft_timeline_renderer_get_row_height (WeftTimelineRenderer *self)
{
  return palette (self)->row_height;
}

double
weft_timeline_renderer_get_lane_y (WeftTimelineRenderer *self, guint thread)
{
  double top = lanes_top_of (self, has_banner (self));

  const WeftProcessGroup *group = NULL;

  if (self->tree && thread < weft_timeline_tree_get_n_threads (self->tree))
    group = weft_timeline_rows_group_of (self->row_set, weft_timeline_tree_get_thread_process (self->tree, thread));
  for (guint i = 0; i < self->rows->len; i++)
    {
      const WeftRow *row = &g_array_index (self->rows, WeftRow, i);
      /* A child of a closed group is drawn in the group's row. */
      if (row->thread == (int) thread || (group && row->group == group))
        return top + row->y - self->scroll;
    }
  return -1;
}

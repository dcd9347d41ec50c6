/* weft-timeline-view.c: input handling around WeftTimelineRenderer. */
#include "weft-timeline-view.h"

#include <glib/gi18n.h>

#define MIN_WINDOW_NS 1000   /* 1 µs across the screen at most */
#define CLICK_SLOP 4.0
#define MAX_ZOOM_HISTORY 100

typedef struct {
  gint64 t0, t1;
} TimeWindow;

struct _WeftTimelineView {
  GtkWidget parent_instance;

  WeftTimelineRenderer *renderer;
  GtkAdjustment *vadjustment;
  gint64 duration;

  /* Drag: pan, or with shift a range for "zoom to selection". */
  gboolean drag_range;
  gint64 drag_t0, drag_t1;
  double drag_scroll;
  double drag_start_x, drag_start_y;
  gint64 range_t0, range_t1;

  /* Pinch. */
  gint64 zoom_t0, zoom_t1;

  /* Where the pointer is over the view (-1: elsewhere): Ctrl+scroll zooms
   * around it.  A scroll event's own position is the window's, and X11
   * wheel clicks may carry none. */
  double pointer_x;

  int selected_thread;
  gint64 selected_time;

  /* Zoom history: the windows before each zoom; a run of zooms in a row
   * (a scroll, several +) is one step back. */
  GArray *history;        /* TimeWindow */
  gboolean zoom_burst;

  /* Find: the matching threads in row order, and the one shown. */
  GArray *matches;        /* int thread index */
  guint match;
  guint selected_coroutine; /* the model's coroutine index + 1 of a sub-lane clicked, 0 none */
};

G_DEFINE_FINAL_TYPE (WeftTimelineView, weft_timeline_view, GTK_TYPE_WIDGET)

enum { SIGNAL_SELECTION_CHANGED, SIGNAL_WINDOW_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_adjustment (WeftTimelineView *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double lanes = weft_timeline_renderer_get_lanes_height (self->renderer);
  double page = weft_timeline_renderer_get_viewport_height (self->renderer, height);
  double value = MIN (gtk_adjustment_get_value (self->vadjustment), MAX (lanes - page, 0));

  gtk_adjustment_configure (self->vadjustment, value, 0, MAX (lanes, page), page * 0.1, page * 0.9, page);
}

static void
on_vadjustment_changed (GtkAdjustment *adjustment, WeftTimelineView *self)
{
  weft_timeline_renderer_set_scroll (self->renderer, gtk_adjustment_get_value (adjustment));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
allocate_again (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

static void
weft_timeline_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  WeftTimelineView *self = WEFT_TIMELINE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double legend = weft_timeline_renderer_get_legend_height (self->renderer);
  cairo_t *cr;

  if (width < 1 || height < 1)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  weft_timeline_renderer_draw (self->renderer, cr, width, height);
  cairo_destroy (cr);
  /* The legend is laid out as it is drawn.  A pane floating over the
   * timeline ends above it: when it came out taller or shorter, that pane
   * is placed again (at the next frame, not while drawing). */
  if (weft_timeline_renderer_get_legend_height (self->renderer) != legend)
    {
      GtkWidget *over = gtk_widget_get_ancestor (widget, GTK_TYPE_OVERLAY);

      if (over)
        gtk_widget_add_tick_callback (over, allocate_again, NULL, NULL);
    }
}

static void
weft_timeline_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  update_adjustment (WEFT_TIMELINE_VIEW (widget));
}

static void
changed (WeftTimelineView *self)
{
  update_adjustment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_WINDOW_CHANGED], 0);
}

void
weft_timeline_view_set_window (WeftTimelineView *self, gint64 t0, gint64 t1)
{
  gint64 span = MAX (t1 - t0, MIN_WINDOW_NS);
  gint64 margin = self->duration / 20;

  span = MIN (span, self->duration + 2 * margin);
  /* Keep some of the trace in view. */
  t0 = CLAMP (t0, -margin, self->duration + margin - span);
  weft_timeline_renderer_set_window (self->renderer, t0, t0 + span);
  changed (self);
}

static void
remember_window (WeftTimelineView *self)
{
  TimeWindow now;

  weft_timeline_renderer_get_window (self->renderer, &now.t0, &now.t1);
  if (self->history->len > 0)
    {
      const TimeWindow *last = &g_array_index (self->history, TimeWindow, self->history->len - 1);
      if (last->t0 == now.t0 && last->t1 == now.t1)
        return;
    }
  if (self->history->len >= MAX_ZOOM_HISTORY)
    g_array_remove_index (self->history, 0);
  g_array_append_val (self->history, now);
}

gboolean
weft_timeline_view_zoom_back (WeftTimelineView *self)
{
  TimeWindow back;

  self->zoom_burst = FALSE;
  if (self->history->len == 0)
    return FALSE;
  back = g_array_index (self->history, TimeWindow, self->history->len - 1);
  g_array_set_size (self->history, self->history->len - 1);
  weft_timeline_view_set_window (self, back.t0, back.t1);
  return TRUE;
}

guint
weft_timeline_view_get_zoom_history_length (WeftTimelineView *self)
{
  return self->history->len;
}

void
weft_timeline_view_zoom (WeftTimelineView *self, double factor, double x)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  gint64 t0, t1, anchor;
  double fraction;

  if (!self->zoom_burst)
    remember_window (self);
  self->zoom_burst = TRUE;
  weft_timeline_renderer_get_window (self->renderer, &t0, &t1);
  if (x < 0)
    x = weft_timeline_renderer_x_at_time (self->renderer, width, t0 + (t1 - t0) / 2);
  anchor = weft_timeline_renderer_time_at_x (self->renderer, width, x);
  fraction = (double) (anchor - t0) / (double) MAX (t1 - t0, 1);
  {
    gint64 span = (gint64) ((t1 - t0) / factor);
    span = MAX (span, MIN_WINDOW_NS);
    weft_timeline_view_set_window (self, anchor - (gint64) (fraction * span),
                                   anchor - (gint64) (fraction * span) + span);
  }
}

void
weft_timeline_view_fit_all (WeftTimelineView *self)
{
  remember_window (self);
  self->zoom_burst = FALSE;
  weft_timeline_view_set_window (self, 0, MAX (self->duration, 1));
}

gboolean
weft_timeline_view_zoom_to_selection (WeftTimelineView *self)
{
  if (self->range_t1 - self->range_t0 < MIN_WINDOW_NS)
    return FALSE;
  remember_window (self);
  self->zoom_burst = FALSE;
  weft_timeline_view_set_window (self, self->range_t0, self->range_t1);
  self->range_t0 = self->range_t1 = 0;
  weft_timeline_renderer_set_range (self->renderer, 0, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
pan_by_pixels (WeftTimelineView *self, double dx)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double lanes = MAX (width - weft_timeline_renderer_get_gutter_width (self->renderer) - 8, 10);
  gint64 t0, t1, shift;

  self->zoom_burst = FALSE;
  weft_timeline_renderer_get_window (self->renderer, &t0, &t1);
  shift = (gint64) (dx / lanes * (double) (t1 - t0));
  weft_timeline_view_set_window (self, t0 + shift, t1 + shift);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, WeftTimelineView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      weft_timeline_view_zoom (self, dy < 0 ? 1.25 : 0.8, self->pointer_x);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      pan_by_pixels (self, (dy + dx) * 40);
      return TRUE;
    }
  if (dx != 0)
    pan_by_pixels (self, dx * 40);
  if (dy != 0)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment)
                                                 + dy * weft_timeline_renderer_get_row_height (self->renderer) * 1.5);
  return TRUE;
}

static void
on_pointer_motion (GtkEventControllerMotion *controller, double x, double y, WeftTimelineView *self)
{
  self->pointer_x = x;
}

static void
on_pointer_leave (GtkEventControllerMotion *controller, WeftTimelineView *self)
{
  self->pointer_x = -1;
}

static void
on_zoom_begin (GtkGesture *gesture, GdkEventSequence *sequence, WeftTimelineView *self)
{
  remember_window (self);
  self->zoom_burst = FALSE;
  weft_timeline_renderer_get_window (self->renderer, &self->zoom_t0, &self->zoom_t1);
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture, double scale, WeftTimelineView *self)
{
  gint64 mid = self->zoom_t0 + (self->zoom_t1 - self->zoom_t0) / 2;
  gint64 half = (gint64) ((self->zoom_t1 - self->zoom_t0) / MAX (scale, 0.01) / 2);

  weft_timeline_view_set_window (self, mid - half, mid + half);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, WeftTimelineView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_range = (state & GDK_SHIFT_MASK) != 0
                     || gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_SECONDARY;
  weft_timeline_renderer_get_window (self->renderer, &self->drag_t0, &self->drag_t1);
  self->drag_scroll = gtk_adjustment_get_value (self->vadjustment);
  self->zoom_burst = FALSE;
  if (self->drag_range)
    self->range_t0 = self->range_t1 = weft_timeline_renderer_time_at_x (self->renderer, width, x);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, WeftTimelineView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double lanes = MAX (width - weft_timeline_renderer_get_gutter_width (self->renderer) - 8, 10);

  if (self->drag_range)
    {
      self->range_t1 = weft_timeline_renderer_time_at_x (self->renderer, width, self->drag_start_x + dx);
      weft_timeline_renderer_set_range (self->renderer, self->range_t0, self->range_t1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  {
    gint64 shift = (gint64) (-dx / lanes * (double) (self->drag_t1 - self->drag_t0));
    weft_timeline_view_set_window (self, self->drag_t0 + shift, self->drag_t1 + shift);
    gtk_adjustment_set_value (self->vadjustment, self->drag_scroll - dy);
  }
}

static void select_with_coroutine (WeftTimelineView *self, int thread, gint64 time_ns, guint coroutine);

static void
click_at (WeftTimelineView *self, double x, double y)
{
  WeftTimelinePick pick;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  WeftTimelineTree *tree = weft_timeline_renderer_get_tree (self->renderer);

  if (tree == NULL)
    return;
  weft_timeline_renderer_pick (self->renderer, width, height, x, y, &pick);
  if (pick.area == WEFT_PICK_EXPANDER || (pick.area == WEFT_PICK_GUTTER && pick.process >= 0))
    {
      const WeftProcess *process = weft_timeline_tree_get_process (tree, pick.process);
      if (pick.area == WEFT_PICK_EXPANDER && weft_timeline_renderer_is_collapsible (self->renderer, pick.process))
        {
          weft_timeline_renderer_set_collapsed (self->renderer, process->pid,
                                                !weft_timeline_renderer_get_collapsed (self->renderer, process->pid));
          changed (self);
          return;
        }
    }
  if (pick.area == WEFT_PICK_LANE || pick.area == WEFT_PICK_GUTTER)
    select_with_coroutine (self, pick.thread, pick.area == WEFT_PICK_LANE ? pick.time_ns : -1, pick.coroutine);
  else
    weft_timeline_view_select (self, -1, -1);
}

void
weft_timeline_view_select (WeftTimelineView *self, int thread, gint64 time_ns)
{
  select_with_coroutine (self, thread, time_ns, 0);
}

static void
select_with_coroutine (WeftTimelineView *self, int thread, gint64 time_ns, guint coroutine)
{
  self->selected_coroutine = coroutine;
  self->selected_thread = thread;
  self->selected_time = time_ns;
  self->range_t0 = self->range_t1 = 0;
  weft_timeline_renderer_set_range (self->renderer, 0, 0);
  weft_timeline_renderer_set_selected (self->renderer, thread, time_ns);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, WeftTimelineView *self)
{
  if (fabs (dx) < CLICK_SLOP && fabs (dy) < CLICK_SLOP)
    click_at (self, self->drag_start_x, self->drag_start_y);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, WeftTimelineView *self)
{
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      weft_timeline_view_zoom (self, 1.5, -1);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      weft_timeline_view_zoom (self, 1 / 1.5, -1);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_Home:
      weft_timeline_view_fit_all (self);
      return TRUE;
    case GDK_KEY_Left:
      if (state & GDK_ALT_MASK)
        weft_timeline_view_zoom_back (self);
      else
        pan_by_pixels (self, -80);
      return TRUE;
    case GDK_KEY_BackSpace:
      weft_timeline_view_zoom_back (self);
      return TRUE;
    case GDK_KEY_bracketleft:
      weft_timeline_view_collapse_all (self, TRUE);
      return TRUE;
    case GDK_KEY_bracketright:
      weft_timeline_view_collapse_all (self, FALSE);
      return TRUE;
    case GDK_KEY_Right:
      pan_by_pixels (self, 80);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  WeftTimelineView *self = WEFT_TIMELINE_VIEW (widget);
  WeftTimelineTree *tree = weft_timeline_renderer_get_tree (self->renderer);
  WeftTimelinePick pick;
  WeftStateInterval interval;
  g_auto (WeftWaitWords) words = { 0 };
  g_autofree char *duration = NULL;
  g_autofree char *text = NULL;
  gint64 playhead = weft_timeline_renderer_get_playhead (self->renderer);

  if (tree == NULL)
    return FALSE;
  weft_timeline_renderer_pick (self->renderer, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                               x, y, &pick);
  if (pick.area != WEFT_PICK_LANE || pick.thread < 0 || (playhead >= 0 && pick.time_ns > playhead)
      || !weft_timeline_tree_interval_at (tree, pick.thread, pick.time_ns, &interval))
    return FALSE;
  weft_model_describe_wait (weft_timeline_tree_get_model (tree), &interval, &words);
  duration = weft_format_duration (weft_view_time (interval.end_ns - interval.start_ns));
  /* Translators: state, ps STAT letter, duration, e.g. "lock (S) · 12.5 ms" */
  text = g_strdup_printf (_("%s (%c) · %s%s%s"), weft_thread_state_label (interval.state),
                          weft_state_interval_stat_letter (&interval), duration, words.object ? "\n" : "",
                          words.object ? words.object : "");
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
weft_timeline_view_dispose (GObject *object)
{
  WeftTimelineView *self = WEFT_TIMELINE_VIEW (object);

  g_clear_object (&self->renderer);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  G_OBJECT_CLASS (weft_timeline_view_parent_class)->dispose (object);
}

static void
weft_timeline_view_class_init (WeftTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_timeline_view_dispose;
  widget_class->snapshot = weft_timeline_view_snapshot;
  widget_class->size_allocate = weft_timeline_view_size_allocate;

  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_WINDOW_CHANGED] =
    g_signal_new ("window-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
weft_timeline_view_init (WeftTimelineView *self)
{
  GtkEventController *scroll, *key, *motion;
  GtkGesture *drag, *zoom;

  self->renderer = weft_timeline_renderer_new ();
  self->vadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 1, 1, 1, 1));
  self->duration = 1;
  self->selected_thread = -1;
  self->pointer_x = -1;
  self->history = g_array_new (FALSE, FALSE, sizeof (TimeWindow));
  self->matches = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (self->vadjustment, "value-changed", G_CALLBACK (on_vadjustment_changed), self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}

GtkWidget *
weft_timeline_view_new (void)
{
  return g_object_new (WEFT_TYPE_TIMELINE_VIEW, NULL);
}

void
weft_timeline_view_set_tree (WeftTimelineView *self, WeftTimelineTree *tree)
{
  self->duration = tree ? weft_timeline_tree_get_duration (tree) : 1;
  self->selected_thread = -1;
  self->range_t0 = self->range_t1 = 0;
  weft_timeline_renderer_set_tree (self->renderer, tree);
  gtk_adjustment_set_value (self->vadjustment, 0);
  weft_timeline_view_fit_all (self);
  g_array_set_size (self->history, 0);
  g_array_set_size (self->matches, 0);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

void
weft_timeline_view_update_tree (WeftTimelineView *self, WeftTimelineTree *tree)
{
  WeftTimelineTree *old = weft_timeline_renderer_get_tree (self->renderer);
  gint64 old_duration = self->duration;
  gint64 t0, t1, span;
  guint32 selected_tid = 0;

  if (old && self->selected_thread >= 0 && self->selected_thread < (int) weft_timeline_tree_get_n_threads (old))
    selected_tid = weft_timeline_tree_get_thread (old, self->selected_thread)->tid;
  weft_timeline_renderer_get_window (self->renderer, &t0, &t1);
  span = t1 - t0;
  self->duration = weft_timeline_tree_get_duration (tree);
  weft_timeline_renderer_update_tree (self->renderer, tree);
  self->selected_thread = selected_tid ? weft_timeline_tree_find_thread (tree, selected_tid) : -1;
  /* Follow the newest time while "now" is in view; a user who scrolled
   * back to look at something keeps looking at it. */
  if (t1 >= old_duration - span / 50)
    {
      if (t0 <= 0)
        weft_timeline_view_set_window (self, 0, MAX (self->duration, span));
      else
        weft_timeline_view_set_window (self, self->duration - span, self->duration);
    }
  else
    changed (self);
}

gboolean
weft_timeline_view_is_following (WeftTimelineView *self)
{
  gint64 t0, t1;

  weft_timeline_renderer_get_window (self->renderer, &t0, &t1);
  return t1 >= self->duration - (t1 - t0) / 50;
}

WeftTimelineTree *
weft_timeline_view_get_tree (WeftTimelineView *self)
{
  return weft_timeline_renderer_get_tree (self->renderer);
}

WeftTimelineRenderer *
weft_timeline_view_get_renderer (WeftTimelineView *self)
{
  return self->renderer;
}

GtkAdjustment *
weft_timeline_view_get_vadjustment (WeftTimelineView *self)
{
  return self->vadjustment;
}

void
weft_timeline_view_set_playhead (WeftTimelineView *self, gint64 t)
{
  weft_timeline_renderer_set_playhead (self->renderer, t);
  update_adjustment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_timeline_view_set_presentation (WeftTimelineView *self, gboolean presentation)
{
  weft_timeline_renderer_set_presentation (self->renderer, presentation);
  changed (self);
}

void
weft_timeline_view_set_flow_mask (WeftTimelineView *self, guint mask)
{
  weft_timeline_renderer_set_flow_mask (self->renderer, mask);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Scrolls the lane of the current match into view, opening what hides it. */
static void
show_match (WeftTimelineView *self)
{
  int thread = g_array_index (self->matches, int, self->match);
  double y;

  weft_timeline_renderer_reveal_thread (self->renderer, thread);
  update_adjustment (self);
  y = weft_timeline_renderer_get_lane_y (self->renderer, thread);
  if (y >= 0)
    gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + y
                              - weft_timeline_renderer_get_row_height (self->renderer) * 4);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
weft_timeline_view_search (WeftTimelineView *self, const char *text)
{
  WeftTimelineTree *tree = weft_timeline_renderer_get_tree (self->renderer);

  weft_timeline_renderer_set_search (self->renderer, text);
  g_array_set_size (self->matches, 0);
  self->match = 0;
  if (tree && text && *text)
    for (guint i = 0; i < weft_timeline_tree_get_n_threads (tree); i++)
      if (weft_timeline_renderer_thread_matches (self->renderer, i))
        g_array_append_val (self->matches, i);
  if (self->matches->len > 0)
    show_match (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->matches->len;
}

guint
weft_timeline_view_search_step (WeftTimelineView *self, gboolean forward)
{
  guint n = self->matches->len;

  if (n == 0)
    return 0;
  self->match = forward ? (self->match + 1) % n : (self->match + n - 1) % n;
  show_match (self);
  return self->match + 1;
}

void
weft_timeline_view_get_search_position (WeftTimelineView *self, guint *current, guint *n_matches)
{
  *n_matches = self->matches->len;
  *current = self->matches->len ? self->match + 1 : 0;
}

void
weft_timeline_view_collapse_all (WeftTimelineView *self, gboolean collapsed)
{
  weft_timeline_renderer_set_all_collapsed (self->renderer, collapsed);
  changed (self);
}

void
weft_timeline_view_set_bookmarks (WeftTimelineView *self, const gint64 *times, guint n_times)
{
  weft_timeline_renderer_set_bookmarks (self->renderer, times, n_times);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_timeline_view_get_selection (WeftTimelineView *self, int *thread, gint64 *time_ns)
{
  *thread = self->selected_thread;
  *time_ns = self->selected_time;
}

guint
weft_timeline_view_get_selected_coroutine (WeftTimelineView *self)
{
  return self->selected_coroutine;
}

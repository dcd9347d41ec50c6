/* weft-details-pane.c: the side pane, from ui/weft-details-pane.ui. */
#include "weft-details-pane.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "weft-model.h"
#include "weft-timeline-coro.h"
#include "weft-timeline-renderer.h"

struct _WeftDetailsPane {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkStack *stack;
  AdwPreferencesGroup *group;
  AdwActionRow *thread_row;
  AdwActionRow *process_row;
  AdwActionRow *state_row;
  AdwActionRow *stat_row;
  AdwActionRow *start_row;
  AdwActionRow *duration_row;
  AdwActionRow *syscall_row;
  AdwActionRow *object_row;
  AdwActionRow *holder_row;
  AdwActionRow *waker_row;
  AdwActionRow *exit_row;
  AdwActionRow *python_row; /* the Python stack of the wait, built here (not in the .ui) */
  AdwActionRow *holds_row;  /* the locks it holds that others wait for, built here too */
  AdwActionRow *cow_row;    /* the pages it copied on write in this interval, built here too */
  AdwActionRow *coroutine_row;
};

G_DEFINE_FINAL_TYPE (WeftDetailsPane, weft_details_pane, GTK_TYPE_WIDGET)

static void
set_row (AdwActionRow *row, const char *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value);
  adw_action_row_set_subtitle (row, value ? value : "");
}

static char *
describe_thread (WeftTimelineTree *tree, guint32 tid)
{
  const WeftThread *thread = weft_model_lookup_thread (weft_timeline_tree_get_model (tree), tid);

  if (tid == 0)
    return NULL;
  if (thread == NULL)
    return g_strdup_printf (_("thread %u (not traced)"), tid);
  return weft_thread_dup_title (thread);
}

/* A row of plain text, added after the .ui's rows on first use. */
static AdwActionRow *
ensure_row (WeftDetailsPane *self, AdwActionRow **row, const char *title)
{
  if (!*row)
    {
      *row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*row), title);
      adw_action_row_set_subtitle_lines (*row, 0);
      /* Source text and lock names are not markup: "<module>", "n < 3". */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (*row), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (*row), "property");
      adw_preferences_group_add (self->group, GTK_WIDGET (*row));
    }
  return *row;
}

/* The Python stack of the wait under the pointer, one frame a line with
 * its source text, innermost first. */
static void
show_python_stack (WeftDetailsPane *self, WeftTimelineTree *tree, int thread, gint64 time_ns)
{
  g_autofree char *stack = NULL;

  if (time_ns >= 0)
    stack = weft_model_describe_python_stack (weft_timeline_tree_get_model (tree),
                                              weft_timeline_tree_get_thread (tree, thread), (guint64) time_ns);

  set_row (ensure_row (self, &self->python_row, _("Python stack")), stack);
}

/* How many pages the thread copied on write during the interval: after
 * fork() this is the cost of the "copy" that fork() put off. */
static void
show_cow_faults (WeftDetailsPane *self, WeftTimelineTree *tree, int thread,
                 const WeftStateInterval *interval)
{
  WeftModel *model = weft_timeline_tree_get_model (tree);
  const WeftThread *t = weft_timeline_tree_get_thread (tree, thread);
  guint64 here = 0, all = 0;
  g_autofree char *text = NULL;

  if (t && interval)
    {
      here = weft_model_thread_cow_faults (model, t, interval->start_ns, interval->end_ns);
      all = weft_model_thread_cow_faults (model, t, 0, G_MAXUINT64);
    }
  if (here > 0)
    {
      g_autofree char *here_text = g_strdup_printf ("%" G_GUINT64_FORMAT, here);
      g_autofree char *all_text = g_strdup_printf ("%" G_GUINT64_FORMAT, all);

      /* Translators: copy-on-write faults in the interval under the pointer, then in the thread's whole life. */
      text = g_strdup_printf (_("%s pages copied at their first write here, %s in all "
                                "(each was shared with another process since fork)"), here_text, all_text);
    }
  set_row (ensure_row (self, &self->cow_row, _("Copy-on-write")), text);
}

/* The locks thread holds at time_ns that other threads wait for, each
 * with who waits: one half of a deadlock, which its lane cannot show. */
static void
show_held (WeftDetailsPane *self, WeftTimelineTree *tree, int thread, gint64 time_ns)
{
  WeftModel *model = weft_timeline_tree_get_model (tree);
  guint32 tid = weft_timeline_tree_get_thread (tree, thread)->tid;
  g_autoptr (GString) text = g_string_new (NULL);

  ensure_row (self, &self->holds_row, _("Holds"));
  for (guint i = 0; time_ns >= 0 && i < weft_timeline_tree_get_n_threads (tree); i++)
    {
      WeftStateInterval other;
      g_auto (WeftWaitWords) words = { 0 };
      g_autofree char *waiter = NULL;

      if ((int) i == thread || !weft_timeline_tree_interval_at (tree, i, time_ns, &other)
          || other.state != WEFT_STATE_LOCK)
        continue;
      weft_model_describe_wait (model, &other, &words);
      if (words.holder_tid != tid || !words.object)
        continue;
      waiter = describe_thread (tree, weft_timeline_tree_get_thread (tree, i)->tid);
      if (text->len)
        g_string_append_c (text, '\n');
      /* Translators: a lock this thread holds, then a thread (name and tid) waiting for it. */
      g_string_append_printf (text, _("%s (%s waits for it)"), words.object, waiter);
    }
  set_row (self->holds_row, text->str);
}

void
weft_details_pane_show (WeftDetailsPane *self, WeftTimelineTree *tree, int thread, gint64 time_ns)
{
  const WeftThread *t;
  const WeftProcess *p;
  WeftStateInterval interval;
  g_auto (WeftWaitWords) words = { 0 };
  g_autofree char *thread_text = NULL, *process_title = NULL, *process_text = NULL, *start = NULL, *duration = NULL;
  g_autofree char *stat = NULL, *holder = NULL, *waker = NULL, *exit_text = NULL;
  gboolean have_interval;

  if (tree == NULL || thread < 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "details");
  t = weft_timeline_tree_get_thread (tree, thread);
  p = t->process;
  thread_text = weft_thread_dup_title (t);
  process_title = weft_process_dup_title (p);
  process_text = p->exec_path ? g_strdup_printf ("%s — %s", process_title, p->exec_path)
                              : g_steal_pointer (&process_title);
  if (p->exit_ns != WEFT_TIME_NONE)
    {
      g_autofree char *at = weft_format_duration (weft_view_time (p->exit_ns));
      int signal = weft_process_get_exit_signal (p);

      if (signal > 0)
        exit_text = g_strdup_printf (_("killed by signal %d (%s) at %s"), signal,
                                     sigabbrev_np (signal) ? sigabbrev_np (signal) : "?", at);
      else
        exit_text = g_strdup_printf (_("exit code %d at %s"), weft_process_get_exit_code (p), at);
      /* And what became of it: a zombie until its parent waited, or never. */
      if (weft_process_left_zombie (p) && p->reap_ns != WEFT_TIME_NONE && p->reaped_by)
        {
          g_autofree char *until = weft_format_duration (weft_view_time (p->reap_ns));
          g_autofree char *reaper = describe_thread (tree, p->reaped_by);
          g_autofree char *ended = g_steal_pointer (&exit_text);

          /* Translators: how it ended; when its parent reaped it; who (name and pid). */
          exit_text = g_strdup_printf (_("%s; a zombie until %s, reaped by %s"), ended, until, reaper);
        }
      else if (weft_process_left_zombie (p) && p->reap_ns == WEFT_TIME_NONE)
        {
          g_autofree char *ended = g_steal_pointer (&exit_text);

          exit_text = g_strdup_printf (_("%s; a zombie to the end: never reaped"), ended);
        }
    }
  set_row (self->thread_row, thread_text);
  set_row (self->process_row, process_text);
  set_row (self->exit_row, exit_text);
  show_python_stack (self, tree, thread, time_ns);
  show_held (self, tree, thread, time_ns);

  have_interval = time_ns >= 0 && weft_timeline_tree_interval_at (tree, thread, time_ns, &interval);
  show_cow_faults (self, tree, thread, have_interval ? &interval : NULL);
  if (!have_interval)
    {
      set_row (self->state_row, NULL);
      set_row (self->stat_row, NULL);
      set_row (self->start_row, NULL);
      set_row (self->duration_row, NULL);
      set_row (self->syscall_row, NULL);
      set_row (self->object_row, NULL);
      set_row (self->holder_row, NULL);
      set_row (self->waker_row, NULL);
      return;
    }
  weft_model_describe_wait (weft_timeline_tree_get_model (tree), &interval, &words);
  start = weft_format_duration (weft_view_time (interval.start_ns));
  duration = weft_format_duration (weft_view_time (interval.end_ns - interval.start_ns));
  stat = g_strdup_printf ("%c", weft_state_interval_stat_letter (&interval));
  holder = describe_thread (tree, words.holder_tid);
  waker = describe_thread (tree, words.waker_tid);
  set_row (self->state_row, weft_thread_state_label (interval.state));
  set_row (self->stat_row, stat);
  set_row (self->start_row, start);
  set_row (self->duration_row, duration);
  set_row (self->syscall_row, words.syscall);
  set_row (self->object_row, words.object);
  set_row (self->holder_row, holder);
  set_row (self->waker_row, waker);
}

void
weft_details_pane_show_coroutine (WeftDetailsPane *self, WeftTimelineTree *tree, guint coroutine,
                                  gint64 time_ns)
{
  g_autofree char *text = NULL;

  if (tree && coroutine)
    text = weft_timeline_describe_coroutine (tree, coroutine - 1, MAX (time_ns, 0));
  set_row (self->coroutine_row, text);
}

const char *
weft_details_pane_get_value (WeftDetailsPane *self, const char *key)
{
  struct { const char *key; AdwActionRow *row; } rows[] = {
    { "thread", self->thread_row }, { "process", self->process_row }, { "state", self->state_row },
    { "stat", self->stat_row }, { "start", self->start_row }, { "duration", self->duration_row },
    { "syscall", self->syscall_row }, { "object", self->object_row }, { "holder", self->holder_row },
    { "waker", self->waker_row }, { "exit", self->exit_row }, { "python", self->python_row },
    { "holds", self->holds_row }, { "copy-on-write", self->cow_row },
    { "coroutine", self->coroutine_row },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].key, key) && rows[i].row)
      return gtk_widget_get_visible (GTK_WIDGET (rows[i].row)) ? adw_action_row_get_subtitle (rows[i].row) : NULL;
  return NULL;
}

static void
weft_details_pane_dispose (GObject *object)
{
  WeftDetailsPane *self = WEFT_DETAILS_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WEFT_TYPE_DETAILS_PANE);
  G_OBJECT_CLASS (weft_details_pane_parent_class)->dispose (object);
}

static void
weft_details_pane_class_init (WeftDetailsPaneClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = weft_details_pane_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detailspane");
  gtk_widget_class_set_template_from_resource (widget_class, "/org/weft/Weft/ui/weft-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, group);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, thread_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, process_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, state_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, stat_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, start_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, duration_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, syscall_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, object_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, holder_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, waker_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, exit_row);
  gtk_widget_class_bind_template_child (widget_class, WeftDetailsPane, coroutine_row);
}

static void
weft_details_pane_init (WeftDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
weft_details_pane_new (void)
{
  return g_object_new (WEFT_TYPE_DETAILS_PANE, NULL);
}

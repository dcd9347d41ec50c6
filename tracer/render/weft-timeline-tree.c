/* weft-timeline-tree.c: the timeline's numbering of a model's processes and threads. */
#include "weft-timeline-tree.h"

#include <math.h>
#include <string.h>

/* Above this many intervals in a window, labels are not worth asking for. */
#define MAX_LABEL_INTERVALS 4096
/* Flows looked at per frame at most. */
#define MAX_FLOW_SCAN 20000u

struct _WeftTimelineTree {
  GObject parent_instance;

  WeftModel *model;
  GPtrArray *processes;     /* const WeftProcess *, tree order */
  GArray *depths;           /* guint, parallel to processes */
  GArray *first_threads;    /* guint, parallel to processes */
  GPtrArray *threads;       /* const WeftThread *, each process's in turn */
  GArray *thread_processes; /* guint, parallel to threads */
  GHashTable *tid_index;    /* tid -> index + 1 (the latest thread with that tid) */
  GArray *bins;             /* WeftStateBin scratch */
};

G_DEFINE_FINAL_TYPE (WeftTimelineTree, weft_timeline_tree, G_TYPE_OBJECT)

static void
weft_timeline_tree_finalize (GObject *object)
{
  WeftTimelineTree *self = WEFT_TIMELINE_TREE (object);

  g_clear_object (&self->model);
  g_ptr_array_unref (self->processes);
  g_array_unref (self->depths);
  g_array_unref (self->first_threads);
  g_ptr_array_unref (self->threads);
  g_array_unref (self->thread_processes);
  g_hash_table_unref (self->tid_index);
  g_array_unref (self->bins);
  G_OBJECT_CLASS (weft_timeline_tree_parent_class)->finalize (object);
}

static void
weft_timeline_tree_class_init (WeftTimelineTreeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_timeline_tree_finalize;
}

static void
weft_timeline_tree_init (WeftTimelineTree *self)
{
  self->first_threads = g_array_new (FALSE, FALSE, sizeof (guint));
  self->threads = g_ptr_array_new ();
  self->thread_processes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->tid_index = g_hash_table_new (NULL, NULL);
  self->bins = g_array_new (FALSE, TRUE, sizeof (WeftStateBin));
}

WeftTimelineTree *
weft_timeline_tree_new (WeftModel *model)
{
  WeftTimelineTree *self = g_object_new (WEFT_TYPE_TIMELINE_TREE, NULL);

  self->model = g_object_ref (model);
  self->processes = weft_model_list_tree (model, &self->depths);
  for (guint p = 0; p < self->processes->len; p++)
    {
      const WeftProcess *process = g_ptr_array_index (self->processes, p);

      g_array_append_val (self->first_threads, self->threads->len);
      for (guint i = 0; i < process->threads->len; i++)
        {
          const WeftThread *thread = g_ptr_array_index (process->threads, i);

          g_ptr_array_add (self->threads, (gpointer) thread);
          g_array_append_val (self->thread_processes, p);
          g_hash_table_insert (self->tid_index, GUINT_TO_POINTER (thread->tid),
                               GUINT_TO_POINTER (self->threads->len));
        }
    }
  return self;
}

WeftTimelineTree *
weft_timeline_tree_new_for_file (const char *path, GError **error)
{
  g_autoptr (WeftModel) model = NULL;
  gboolean truncated = FALSE;

  model = weft_model_new_from_file (path, &truncated, error);
  if (model == NULL)
    return NULL;
  return weft_timeline_tree_new (model);
}

WeftModel *
weft_timeline_tree_get_model (WeftTimelineTree *self)
{
  return self->model;
}

gint64
weft_timeline_tree_get_duration (WeftTimelineTree *self)
{
  return MAX (weft_view_time (weft_model_get_end_ns (self->model)), 1);
}

guint
weft_timeline_tree_get_n_processes (WeftTimelineTree *self)
{
  return self->processes->len;
}

const WeftProcess *
weft_timeline_tree_get_process (WeftTimelineTree *self, guint index)
{
  g_return_val_if_fail (index < self->processes->len, NULL);
  return g_ptr_array_index (self->processes, index);
}

guint
weft_timeline_tree_get_depth (WeftTimelineTree *self, guint process)
{
  g_return_val_if_fail (process < self->processes->len, 0);
  return g_array_index (self->depths, guint, process);
}

guint
weft_timeline_tree_get_first_thread (WeftTimelineTree *self, guint process)
{
  g_return_val_if_fail (process < self->processes->len, 0);
  return g_array_index (self->first_threads, guint, process);
}

int
weft_timeline_tree_find_process (WeftTimelineTree *self, guint32 pid)
{
  for (guint i = 0; i < self->processes->len; i++)
    if (((const WeftProcess *) g_ptr_array_index (self->processes, i))->pid == pid)
      return (int) i;
  return -1;
}

guint
weft_timeline_tree_get_n_threads (WeftTimelineTree *self)
{
  return self->threads->len;
}

const WeftThread *
weft_timeline_tree_get_thread (WeftTimelineTree *self, guint index)
{
  g_return_val_if_fail (index < self->threads->len, NULL);
  return g_ptr_array_index (self->threads, index);
}

guint
weft_timeline_tree_get_thread_process (WeftTimelineTree *self, guint thread)
{
  g_return_val_if_fail (thread < self->threads->len, 0);
  return g_array_index (self->thread_processes, guint, thread);
}

int
weft_timeline_tree_find_thread (WeftTimelineTree *self, guint32 tid)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->tid_index, GUINT_TO_POINTER (tid))) - 1;
}

void
weft_timeline_tree_summarize (WeftTimelineTree *self, guint thread, gint64 t0,
                              gint64 t1, guint n_columns, guint8 *states_out)
{
  guint first = 0;
  gint64 from = t0;

  g_return_if_fail (thread < self->threads->len);
  /* A view that starts before the trace: the columns before 0 s are empty,
   * and the others keep their place (binning from 0 s instead would draw
   * every state early by the time off the left edge). */
  if (t0 < 0)
    {
      double column_ns = ((double) t1 - (double) t0) / n_columns;

      first = t1 <= 0 ? n_columns : (guint) MIN (ceil (-(double) t0 / column_ns), (double) n_columns);
      from = MAX (t0 + (gint64) (first * column_ns), 0);
    }
  memset (states_out, WEFT_STATE_NONE, first);
  if (first == n_columns)
    return;
  g_array_set_size (self->bins, n_columns - first);
  weft_model_thread_bins (self->model, g_ptr_array_index (self->threads, thread), (guint64) from,
                          (guint64) MAX (t1, 1), n_columns - first, (WeftStateBin *) self->bins->data);
  for (guint i = first; i < n_columns; i++)
    states_out[i] = weft_model_known_state (self->model, g_array_index (self->bins, WeftStateBin, i - first).dominant);
}

void
weft_timeline_tree_foreach_interval (WeftTimelineTree *self, guint thread, gint64 t0,
                                     gint64 t1, gint64 min_ns,
                                     WeftTreeIntervalFunc func, gpointer user_data)
{
  const WeftThread *model_thread;
  guint n;
  gint first, last;

  g_return_if_fail (thread < self->threads->len);
  model_thread = g_ptr_array_index (self->threads, thread);
  n = weft_model_thread_n_intervals (self->model, model_thread);
  if (n == 0)
    return;
  first = weft_model_thread_find_interval (self->model, model_thread, (guint64) MAX (t0, 0));
  last = weft_model_thread_find_interval (self->model, model_thread, (guint64) MAX (t1, 0));
  if (first < 0)
    first = 0;
  if (last < 0)
    last = n - 1;
  if (last - first > MAX_LABEL_INTERVALS)
    return;

  for (gint i = first; i <= last; i++)
    {
      WeftStateInterval in;

      weft_model_thread_get_interval (self->model, model_thread, i, &in);
      if (weft_view_time (in.end_ns) - weft_view_time (in.start_ns) < min_ns)
        continue;
      if (weft_view_time (in.start_ns) >= t1 || weft_view_time (in.end_ns) <= t0)
        continue;
      in.state = weft_model_known_state (self->model, in.state);
      func (&in, user_data);
    }
}

gboolean
weft_timeline_tree_interval_at (WeftTimelineTree *self, guint thread, gint64 t, WeftStateInterval *out)
{
  const WeftThread *model_thread;
  gint index;

  g_return_val_if_fail (thread < self->threads->len, FALSE);
  if (t < 0)
    return FALSE;
  model_thread = g_ptr_array_index (self->threads, thread);
  index = weft_model_thread_find_interval (self->model, model_thread, (guint64) t);
  if (index < 0)
    return FALSE;
  weft_model_thread_get_interval (self->model, model_thread, index, out);
  if (out->state == WEFT_STATE_NONE)
    return FALSE;
  out->state = weft_model_known_state (self->model, out->state);
  return TRUE;
}

void
weft_timeline_tree_foreach_flow (WeftTimelineTree *self, gint64 t0, gint64 t1, guint mask,
                                 guint max_flows, WeftTreeFlowFunc func, gpointer user_data)
{
  GArray *flows = weft_model_get_flows (self->model);
  guint first = 0, n_flows = 0, drawn = 0;
  guint stride;

  weft_model_flows_in (self->model, (guint64) MAX (t0, 0), (guint64) MAX (t1, 0), &first, &n_flows);
  /* Millions of flows in view: look at an even sample, so a frame stays
   * O(MAX_FLOW_SCAN) — that many arrows would be a solid smear anyway. */
  stride = MAX (n_flows / MAX_FLOW_SCAN, 1);
  for (guint i = first; i < first + n_flows && drawn < max_flows; i += stride)
    {
      const WeftFlow *flow = &g_array_index (flows, WeftFlow, i);

      if (flow->kind >= WEFT_N_FLOW_KINDS || ((1u << weft_flow_kind_class (flow->kind)) & mask) == 0)
        continue;
      func (flow, user_data);
      drawn++;
    }
}

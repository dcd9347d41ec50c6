/* weft-timeline-source.c: the renderer's adapter over WeftModel. */
#include "weft-timeline-source.h"
#include "weft-model-coro.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <signal.h>
#include <string.h>

#include "weft-model.h"

#define N_SCRATCH 8
#define SCRATCH_LEN 400 /* a select() of a dozen named sockets */
/* Above this many intervals in a window, labels are not worth asking for. */
#define MAX_LABEL_INTERVALS 4096
/* Flows looked at per frame at most. */
#define MAX_FLOW_SCAN 20000u

typedef struct {
  WeftSourceDeadlock pub;
  GArray *tids;       /* guint32 */
  GPtrArray *locks;   /* char *, NULL-terminated */
} DeadlockEntry;

struct _WeftTimelineSource {
  GObject parent_instance;

  WeftModel *model;
  char *title;
  gboolean has_sched;
  GArray *processes;        /* WeftSourceProcess */
  GArray *threads;          /* WeftSourceThread */
  GPtrArray *model_threads; /* const WeftThread *, parallel to threads */
  GHashTable *tid_index;    /* tid -> index + 1 (the latest thread with that tid) */
  GPtrArray *deadlocks;     /* DeadlockEntry * */
  GArray *bins;             /* WeftStateBin scratch */
  char scratch[N_SCRATCH][SCRATCH_LEN];
  guint next_scratch;
};

G_DEFINE_FINAL_TYPE (WeftTimelineSource, weft_timeline_source, G_TYPE_OBJECT)

/* Without scheduler events "running" only means "not blocked". */
static WeftThreadState
lane_state_from_model (WeftTimelineSource *self, WeftThreadState state)
{
  if (state == WEFT_STATE_RUNNING && !self->has_sched)
    return WEFT_STATE_ALIVE;
  return state < WEFT_N_STATES ? state : WEFT_STATE_NONE;
}

static gint64
rel_time (guint64 t)
{
  return t == WEFT_TIME_NONE ? -1 : (gint64) t;
}

static char *
next_scratch (WeftTimelineSource *self)
{
  char *buf = self->scratch[self->next_scratch];

  self->next_scratch = (self->next_scratch + 1) % N_SCRATCH;
  buf[0] = '\0';
  return buf;
}

static void
deadlock_entry_free (gpointer data)
{
  DeadlockEntry *entry = data;

  g_array_unref (entry->tids);
  g_ptr_array_unref (entry->locks);
  g_free (entry);
}

static void
weft_timeline_source_finalize (GObject *object)
{
  WeftTimelineSource *self = WEFT_TIMELINE_SOURCE (object);

  g_clear_object (&self->model);
  g_free (self->title);
  g_array_unref (self->processes);
  g_array_unref (self->threads);
  g_ptr_array_unref (self->model_threads);
  g_hash_table_unref (self->tid_index);
  g_ptr_array_unref (self->deadlocks);
  g_array_unref (self->bins);
  G_OBJECT_CLASS (weft_timeline_source_parent_class)->finalize (object);
}

static void
weft_timeline_source_class_init (WeftTimelineSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_timeline_source_finalize;
}

static void
weft_timeline_source_init (WeftTimelineSource *self)
{
  self->processes = g_array_new (FALSE, TRUE, sizeof (WeftSourceProcess));
  self->threads = g_array_new (FALSE, TRUE, sizeof (WeftSourceThread));
  self->model_threads = g_ptr_array_new ();
  self->tid_index = g_hash_table_new (NULL, NULL);
  self->deadlocks = g_ptr_array_new_with_free_func (deadlock_entry_free);
  self->bins = g_array_new (FALSE, TRUE, sizeof (WeftStateBin));
}

static void
add_process (WeftTimelineSource *self, const WeftProcess *process, guint depth)
{
  WeftSourceProcess p = {
    .pid = process->pid,
    .ppid = process->ppid,
    .depth = depth,
    .name = weft_process_get_label (process), /* "server", "ForkPoolWorker-1" or the comm */
    .exec_path = process->exec_path,
    .start_ns = rel_time (process->start_ns),
    .exec_ns = -1,
    .exit_ns = rel_time (process->exit_ns),
    .reap_ns = process->reaped_by_recorder ? -1 : rel_time (process->reap_ns),
    .reaped_by = process->reaped_by,
    .auto_reaped = process->auto_reaped,
    .exit_code = weft_process_get_exit_code (process),
    .exit_signal = weft_process_get_exit_signal (process),
    .reparent_ns = rel_time (process->reparented_ns),
    .reparented_to = process->reparented_to,
    .first_thread = self->threads->len,
    .n_threads = process->threads->len,
  };

  /* The root is released by weft itself: it never lingers as a zombie. */
  if (process->reaped_by_recorder)
    p.reap_ns = p.exit_ns;
  g_array_append_val (self->processes, p);

  for (guint i = 0; i < process->threads->len; i++)
    {
      const WeftThread *thread = g_ptr_array_index (process->threads, i);
      WeftSourceThread t = {
        .tid = thread->tid,
        .pid = process->pid,
        .name = thread->name ? weft_thread_get_label (thread) : p.name,
        .start_ns = rel_time (thread->start_ns),
        .end_ns = rel_time (thread->end_ns),
        .process = self->processes->len - 1,
      };

      g_array_append_val (self->threads, t);
      g_ptr_array_add (self->model_threads, (gpointer) thread);
      g_hash_table_insert (self->tid_index, GUINT_TO_POINTER (thread->tid),
                           GUINT_TO_POINTER (self->threads->len));
    }
}

static char *
lock_label_for_index (WeftModel *model, guint32 index)
{
  GPtrArray *locks = weft_model_get_locks (model);

  if (index >= locks->len)
    return g_strdup ("?");
  return weft_lock_label (g_ptr_array_index (locks, index));
}

static void
add_deadlocks (WeftTimelineSource *self)
{
  GPtrArray *deadlocks = weft_model_get_deadlocks (self->model);

  for (guint i = 0; i < deadlocks->len; i++)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, i);
      DeadlockEntry *entry = g_new0 (DeadlockEntry, 1);

      entry->tids = g_array_copy (d->tids);
      entry->locks = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < d->locks->len; j++)
        g_ptr_array_add (entry->locks,
                         lock_label_for_index (self->model, g_array_index (d->locks, guint32, j)));
      g_ptr_array_add (entry->locks, NULL);
      entry->pub.at_ns = rel_time (d->at_ns);
      entry->pub.is_stall = d->kind == WEFT_DEADLOCK_STALL;
      entry->pub.n_threads = entry->tids->len;
      entry->pub.n_locks = d->locks->len;
      entry->pub.tids = (const guint32 *) entry->tids->data;
      entry->pub.locks = (const char *const *) entry->locks->pdata;
      g_ptr_array_add (self->deadlocks, entry);
    }
}

WeftTimelineSource *
weft_timeline_source_new (WeftModel *model)
{
  WeftTimelineSource *self = g_object_new (WEFT_TYPE_TIMELINE_SOURCE, NULL);
  const WeftTraceInfo *info = weft_model_get_info (model);
  g_autoptr (GArray) depths = NULL;
  g_autoptr (GPtrArray) tree = NULL;

  self->model = g_object_ref (model);
  self->has_sched = weft_model_has_sched_events (model);
  self->title = info && info->argv && info->argv[0] ? g_strjoinv (" ", info->argv) : g_strdup ("");

  tree = weft_model_list_tree (model, &depths);
  for (guint i = 0; i < tree->len; i++)
    add_process (self, g_ptr_array_index (tree, i), g_array_index (depths, guint, i));
  add_deadlocks (self);
  return self;
}

WeftTimelineSource *
weft_timeline_source_new_for_file (const char *path, GError **error)
{
  g_autoptr (WeftModel) model = NULL;
  gboolean truncated = FALSE;

  model = weft_model_new_from_file (path, &truncated, error);
  if (model == NULL)
    return NULL;
  return weft_timeline_source_new (model);
}

WeftModel *
weft_timeline_source_get_model (WeftTimelineSource *self)
{
  return self->model;
}

gint64
weft_timeline_source_get_duration (WeftTimelineSource *self)
{
  return MAX ((gint64) weft_model_get_end_ns (self->model), 1);
}

const char *
weft_timeline_source_get_title (WeftTimelineSource *self)
{
  return self->title;
}

guint64
weft_timeline_source_get_lost_events (WeftTimelineSource *self)
{
  return weft_model_get_lost_events (self->model);
}

gboolean
weft_timeline_source_is_truncated (WeftTimelineSource *self)
{
  return weft_model_is_truncated (self->model);
}

gboolean
weft_timeline_source_has_sched_detail (WeftTimelineSource *self)
{
  return self->has_sched;
}

guint
weft_timeline_source_get_n_processes (WeftTimelineSource *self)
{
  return self->processes->len;
}

const WeftSourceProcess *
weft_timeline_source_get_process (WeftTimelineSource *self, guint index)
{
  g_return_val_if_fail (index < self->processes->len, NULL);
  return &g_array_index (self->processes, WeftSourceProcess, index);
}

guint
weft_timeline_source_get_n_threads (WeftTimelineSource *self)
{
  return self->threads->len;
}

const WeftSourceThread *
weft_timeline_source_get_thread (WeftTimelineSource *self, guint index)
{
  g_return_val_if_fail (index < self->threads->len, NULL);
  return &g_array_index (self->threads, WeftSourceThread, index);
}

int
weft_timeline_source_find_thread (WeftTimelineSource *self, guint32 tid)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->tid_index, GUINT_TO_POINTER (tid))) - 1;
}

guint
weft_timeline_source_get_n_intervals (WeftTimelineSource *self, guint thread)
{
  g_return_val_if_fail (thread < self->threads->len, 0);
  return weft_model_thread_n_intervals (self->model, g_ptr_array_index (self->model_threads, thread));
}

void
weft_timeline_source_summarize (WeftTimelineSource *self, guint thread, gint64 t0,
                                gint64 t1, guint n_columns, guint8 *states_out)
{
  const WeftThread *model_thread;
  guint first = 0;
  gint64 from = t0;

  g_return_if_fail (thread < self->threads->len);
  model_thread = g_ptr_array_index (self->model_threads, thread);
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
  weft_model_thread_bins (self->model, model_thread, (guint64) from, (guint64) MAX (t1, 1), n_columns - first,
                          (WeftStateBin *) self->bins->data);
  for (guint i = first; i < n_columns; i++)
    states_out[i] = lane_state_from_model (self, g_array_index (self->bins, WeftStateBin, i - first).dominant);
}

static const char *
describe_object (WeftTimelineSource *self, WeftThreadState state, const WeftWaitInfo *wait)
{
  char *buf = next_scratch (self);

  switch (state)
    {
    case WEFT_STATE_LOCK:
    case WEFT_STATE_GIL:
      if (wait->lock)
        {
          g_autofree char *label = weft_lock_label (wait->lock);
          g_strlcpy (buf, label, SCRATCH_LEN);
        }
      break;
    case WEFT_STATE_JOIN:
      if (wait->lock && wait->lock->joined_tid)
        {
          g_autofree char *joined = weft_model_name_thread (self->model, wait->lock->joined_tid);

          /* Translators: a thread waits for this thread (name and tid) to end. */
          g_snprintf (buf, SCRATCH_LEN, _("join %s"), joined);
        }
      break;
    case WEFT_STATE_IO:
      if (wait->object)
        g_strlcpy (buf, wait->object->label, SCRATCH_LEN);
      else if (wait->fd >= 0)
        g_snprintf (buf, SCRATCH_LEN, "fd %d", wait->fd);
      break;
    case WEFT_STATE_SELECT:
      if (wait->n_fds > 0)
        {
          g_autofree char *watched = weft_model_describe_fds (self->model, wait, FALSE);
          g_autofree char *ready = weft_model_describe_fds (self->model, wait, TRUE);

          /* The ready ones first: a bar's label is cut at its end. */
          if (*ready)
            g_snprintf (buf, SCRATCH_LEN, _("ready %s of fds %s"), ready, watched);
          else
            g_snprintf (buf, SCRATCH_LEN, _("fds %s"), watched);
        }
      break;
    case WEFT_STATE_CHILD:
      if (wait->child_pid > 0)
        g_snprintf (buf, SCRATCH_LEN, _("pid %d"), wait->child_pid);
      else
        g_strlcpy (buf, _("any child"), SCRATCH_LEN);
      break;
    default:
      break;
    }
  return buf[0] ? buf : NULL;
}

static void
fill_interval (WeftTimelineSource *self, const WeftStateInterval *in, WeftSourceInterval *out)
{
  WeftWaitInfo wait = { .fd = -1 };

  memset (out, 0, sizeof *out);
  out->start_ns = (gint64) in->start_ns;
  out->end_ns = (gint64) in->end_ns;
  out->state = lane_state_from_model (self, in->state);
  out->stat_letter = in->stat != '?' && in->stat ? in->stat : weft_thread_state_stat_letter (out->state);
  if (in->wait && weft_model_get_wait_info (self->model, in->wait, &wait))
    {
      out->syscall = wait.syscall_name;
      if (out->syscall == NULL && (out->state == WEFT_STATE_LOCK || out->state == WEFT_STATE_JOIN ||
                                   out->state == WEFT_STATE_GIL))
        out->syscall = "futex";
      out->object = describe_object (self, out->state, &wait);
      /* "join 42 held by 42" says nothing more than "join 42". */
      out->holder_tid = wait.lock && wait.lock->joined_tid ? 0 : wait.holder_tid;
      out->waker_tid = wait.woken_by_tid;
    }
}

void
weft_timeline_source_foreach_interval (WeftTimelineSource *self, guint thread, gint64 t0,
                                       gint64 t1, gint64 min_ns,
                                       WeftSourceIntervalFunc func, gpointer user_data)
{
  const WeftThread *model_thread;
  guint n;
  gint first, last;

  g_return_if_fail (thread < self->threads->len);
  model_thread = g_ptr_array_index (self->model_threads, thread);
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
      WeftSourceInterval out;

      weft_model_thread_get_interval (self->model, model_thread, i, &in);
      if ((gint64) in.end_ns - (gint64) in.start_ns < min_ns)
        continue;
      if ((gint64) in.start_ns >= t1 || (gint64) in.end_ns <= t0)
        continue;
      fill_interval (self, &in, &out);
      func (&out, user_data);
    }
}

gboolean
weft_timeline_source_interval_at (WeftTimelineSource *self, guint thread, gint64 t,
                                  WeftSourceInterval *out)
{
  const WeftThread *model_thread;
  WeftStateInterval in;
  gint index;

  g_return_val_if_fail (thread < self->threads->len, FALSE);
  if (t < 0)
    return FALSE;
  model_thread = g_ptr_array_index (self->model_threads, thread);
  index = weft_model_thread_find_interval (self->model, model_thread, (guint64) t);
  if (index < 0)
    return FALSE;
  weft_model_thread_get_interval (self->model, model_thread, index, &in);
  if (in.state == WEFT_STATE_NONE)
    return FALSE;
  fill_interval (self, &in, out);
  return TRUE;
}

static WeftFlowMask
flow_mask_of (guint8 kind)
{
  return kind < WEFT_N_FLOW_KINDS ? 1u << weft_flow_kind_class (kind) : 0;
}

static const char *
flow_label (WeftTimelineSource *self, const WeftFlow *flow)
{
  char *buf = next_scratch (self);
  GPtrArray *objects;

  switch (flow->kind)
    {
    case WEFT_FLOW_PIPE:
    case WEFT_FLOW_MQ:
    case WEFT_FLOW_SOCKET:
      objects = weft_model_get_objects (self->model);
      if (flow->detail < objects->len)
        g_strlcpy (buf, ((WeftObject *) g_ptr_array_index (objects, flow->detail))->label, SCRATCH_LEN);
      break;
    case WEFT_FLOW_SIGNAL:
      {
        const char *abbrev = flow->detail > 0 && flow->detail < NSIG ? sigabbrev_np (flow->detail) : NULL;
        if (abbrev)
          g_snprintf (buf, SCRATCH_LEN, "SIG%s", abbrev);
        else
          g_snprintf (buf, SCRATCH_LEN, _("signal %u"), flow->detail);
      }
      break;
    case WEFT_FLOW_CHILD_EXIT:
      /* Exit pill at one end, the wait at the other: no label needed. */
      break;
    default:
      break;
    }
  return buf[0] ? buf : NULL;
}

void
weft_timeline_source_foreach_flow (WeftTimelineSource *self, gint64 t0, gint64 t1, guint mask,
                                   guint max_flows, WeftSourceFlowFunc func, gpointer user_data)
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
      WeftSourceFlow out;

      out.kind = flow_mask_of (flow->kind);
      if ((out.kind & mask) == 0)
        continue;
      out.from_tid = flow->from_tid;
      out.to_tid = flow->to_tid;
      out.from_ns = (gint64) flow->from_ns;
      out.to_ns = (gint64) flow->to_ns;
      out.label = flow_label (self, flow);
      func (&out, user_data);
      drawn++;
    }
}

guint
weft_timeline_source_get_n_deadlocks (WeftTimelineSource *self)
{
  return self->deadlocks->len;
}

const WeftSourceDeadlock *
weft_timeline_source_get_deadlock (WeftTimelineSource *self, guint index)
{
  g_return_val_if_fail (index < self->deadlocks->len, NULL);
  return &((DeadlockEntry *) g_ptr_array_index (self->deadlocks, index))->pub;
}

static void
consider (gint64 candidate, gint64 t, gint64 *best)
{
  if (candidate > t && (*best < 0 || candidate < *best))
    *best = candidate;
}

gint64
weft_timeline_source_next_event (WeftTimelineSource *self, gint64 t)
{
  gint64 best = -1;

  for (guint i = 0; i < self->processes->len; i++)
    {
      const WeftSourceProcess *p = &g_array_index (self->processes, WeftSourceProcess, i);

      consider (p->start_ns, t, &best);
      consider (p->exit_ns, t, &best);
      consider (p->reap_ns, t, &best);
      consider (p->reparent_ns, t, &best);
    }
  for (guint i = 0; i < self->threads->len; i++)
    {
      const WeftThread *thread = g_ptr_array_index (self->model_threads, i);
      guint n = weft_model_thread_n_intervals (self->model, thread);
      gint index = weft_model_thread_find_interval (self->model, thread, (guint64) MAX (t, 0));
      WeftStateInterval in;

      if (index < 0)
        {
          if (n > 0)
            {
              weft_model_thread_get_interval (self->model, thread, 0, &in);
              consider ((gint64) in.start_ns, t, &best);
            }
          continue;
        }
      weft_model_thread_get_interval (self->model, thread, index, &in);
      if (!in.open)
        consider ((gint64) in.end_ns, t, &best);
    }
  for (guint i = 0; i < self->deadlocks->len; i++)
    consider (weft_timeline_source_get_deadlock (self, i)->at_ns, t, &best);
  {
    /* Each coroutine switch is a step of its own. */
    guint64 coro = weft_model_next_coro_switch (self->model, (guint64) MAX (t, 0));

    if (coro != WEFT_TIME_NONE)
      consider ((gint64) coro, t, &best);
  }
  return best;
}

char *
weft_timeline_source_python_stack_text (WeftTimelineSource *self, guint thread, gint64 t)
{
  const WeftThread *model_thread;
  WeftStateInterval in;
  WeftWaitInfo info;
  GString *text;
  gint index;

  g_return_val_if_fail (thread < self->threads->len, NULL);
  if (t < 0)
    return NULL;
  model_thread = g_ptr_array_index (self->model_threads, thread);
  index = weft_model_thread_find_interval (self->model, model_thread, (guint64) t);
  if (index < 0)
    return NULL;
  weft_model_thread_get_interval (self->model, model_thread, index, &in);
  if (!in.wait || !weft_model_get_wait_info (self->model, in.wait, &info) || info.n_frames == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < info.n_frames; i++)
    {
      const WeftPyFrame *frame = &info.frames[i];
      const char *base = strrchr (frame->filename, '/');
      g_autofree char *source = weft_py_frame_source_line (frame);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s() — %s:%d", frame->function, base ? base + 1 : frame->filename, frame->line);
      if (source)
        g_string_append_printf (text, "   %s", source);
    }
  if (info.frames_partial)
    g_string_append_printf (text, "\n%s", _("… (the stack was read in part)"));
  return g_string_free (text, FALSE);
}

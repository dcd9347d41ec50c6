/*
 * weft-stats.c: the `weft stats --json` document, format_version 1.
 * Times are ns from the start of recording; null where unknown; every
 * number an integer.  docs/stats-json.md describes every key.
 */
#include "weft-stats.h"

#include "weft-event-text.h"
#include "weft-json-writer.h"

static void
add_time_or_null (WeftJsonWriter *b, const char *key, guint64 t)
{
  weft_json_member (b, key);
  if (t == WEFT_TIME_NONE)
    weft_json_null (b);
  else
    weft_json_int (b, (gint64) t);
}

static void
add_int_or_null (WeftJsonWriter *b, const char *key, gboolean known, gint64 value)
{
  weft_json_member (b, key);
  if (known)
    weft_json_int (b, value);
  else
    weft_json_null (b);
}

static void
add_int (WeftJsonWriter *b, const char *key, gint64 value)
{
  weft_json_member (b, key);
  weft_json_int (b, value);
}

static void
add_string (WeftJsonWriter *b, const char *key, const char *value)
{
  weft_json_member (b, key);
  if (value)
    weft_json_string (b, value);
  else
    weft_json_null (b);
}

static void
add_tids (WeftJsonWriter *b, const char *key, GArray *tids)
{
  weft_json_member (b, key);
  weft_json_begin_array (b);
  for (guint i = 0; i < tids->len; i++)
    weft_json_int (b, g_array_index (tids, guint32, i));
  weft_json_end_array (b);
}

/* exit -> reap, or exit -> end of trace; 0 when released at exit. */
static guint64
zombie_ns (WeftModel *model, const WeftProcess *p)
{
  guint64 end;

  if (p->exit_ns == WEFT_TIME_NONE || p->auto_reaped || p->reaped_by_recorder)
    return 0;
  if (p->is_root && !(weft_model_get_info (model)->flags & WEFT_TRACE_FLAG_ATTACHED))
    return 0;
  end = p->reap_ns != WEFT_TIME_NONE ? p->reap_ns : weft_model_get_end_ns (model);
  return end > p->exit_ns ? end - p->exit_ns : 0;
}

/* Python threads only: the stack of the thread's longest wait. */
static void
add_python_wait (WeftJsonWriter *b, WeftModel *model, const WeftThread *thread)
{
  g_autoptr (GArray) intervals = weft_model_thread_intervals (model, thread, 0, weft_model_get_end_ns (model));
  WeftStateInterval longest = { 0 };
  WeftWaitInfo info;
  g_autofree char *what = NULL;

  for (guint i = 0; i < intervals->len; i++)
    {
      const WeftStateInterval *in = &g_array_index (intervals, WeftStateInterval, i);

      if (in->wait && weft_model_get_wait_info (model, in->wait, &info) && info.n_frames > 0 &&
          in->end_ns - in->start_ns > longest.end_ns - longest.start_ns)
        longest = *in;
    }
  if (!longest.wait || !weft_model_get_wait_info (model, longest.wait, &info))
    return;
  what = weft_model_describe_interval (model, &longest);
  weft_json_member (b, "python_longest_wait");
  weft_json_begin_object (b);
  add_string (b, "state", weft_thread_state_name (longest.state));
  add_string (b, "what", what);
  add_int (b, "start_ns", longest.start_ns);
  add_int (b, "wait_ns", longest.end_ns - longest.start_ns);
  weft_json_member (b, "partial");
  weft_json_bool (b, info.frames_partial);
  weft_json_member (b, "stack");
  weft_json_begin_array (b);
  for (guint i = 0; i < info.n_frames; i++)
    {
      weft_json_begin_object (b);
      add_string (b, "function", info.frames[i].function);
      add_string (b, "file", info.frames[i].filename);
      add_int (b, "line", info.frames[i].line);
      weft_json_end_object (b);
    }
  weft_json_end_array (b);
  weft_json_end_object (b);
}

static void
add_thread (WeftJsonWriter *b, WeftModel *model, const WeftThread *thread)
{
  guint64 totals[WEFT_N_STATES];

  weft_model_thread_state_totals (model, thread, 0, weft_model_get_end_ns (model), totals);
  weft_json_begin_object (b);
  add_int (b, "tid", thread->tid);
  add_string (b, "name", thread->name);
  add_int (b, "start_ns", thread->start_ns);
  add_time_or_null (b, "end_ns", thread->end_ns);
  weft_json_member (b, "state_ns");
  weft_json_begin_object (b);
  for (guint s = WEFT_STATE_RUNNING; s <= WEFT_STATE_STOPPED; s++)
    add_int (b, weft_thread_state_name (s), totals[s]);
  weft_json_end_object (b);
  add_int (b, "cow_faults", weft_model_thread_cow_faults (model, thread, 0, G_MAXUINT64));
  if (thread->python_name)
    add_string (b, "python_name", thread->python_name);
  add_python_wait (b, model, thread);
  weft_json_end_object (b);
}

static void
add_process (WeftJsonWriter *b, WeftModel *model, const WeftProcess *p)
{
  gboolean exited = p->exit_ns != WEFT_TIME_NONE;
  int code = weft_process_get_exit_code (p);
  int sig = weft_process_get_exit_signal (p);
  gboolean reaped = p->reap_ns != WEFT_TIME_NONE && !p->reaped_by_recorder && p->reaped_by != 0;

  weft_json_begin_object (b);
  add_int (b, "pid", p->pid);
  add_int (b, "ppid", p->ppid);
  add_string (b, "comm", p->comm);
  add_string (b, "exec", p->exec_path);
  add_int (b, "start_ns", p->start_ns);
  add_time_or_null (b, "end_ns", p->exit_ns);
  add_int_or_null (b, "exit_code", exited && code >= 0, code);
  add_int_or_null (b, "exit_signal", exited && sig > 0, sig);
  add_int_or_null (b, "reaped_by", reaped, p->reaped_by);
  weft_json_member (b, "auto_reaped");
  weft_json_bool (b, p->auto_reaped);
  add_int (b, "zombie_ns", zombie_ns (model, p));
  add_int_or_null (b, "reparented_to", p->reparented_to != 0, p->reparented_to);
  add_time_or_null (b, "reparented_ns", p->reparented_ns);
  weft_json_member (b, "outlived_root");
  weft_json_bool (b, p->outlived_root);
  if (weft_model_get_python_note (model, p->pid))
    add_string (b, "python_note", weft_model_get_python_note (model, p->pid));
  weft_json_member (b, "threads");
  weft_json_begin_array (b);
  for (guint i = 0; i < p->threads->len; i++)
    add_thread (b, model, g_ptr_array_index (p->threads, i));
  weft_json_end_array (b);
  weft_json_end_object (b);
}

static gint
compare_locks (gconstpointer a, gconstpointer b)
{
  const WeftLock *x = *(const WeftLock **) a, *y = *(const WeftLock **) b;

  if (x->pid != y->pid)
    return x->pid < y->pid ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
add_locks (WeftJsonWriter *b, WeftModel *model)
{
  GPtrArray *locks = weft_model_get_locks (model);
  g_autoptr (GPtrArray) sorted = g_ptr_array_sized_new (locks->len);

  /* A plain copy (g_ptr_array_copy would take the free function too). */
  for (guint i = 0; i < locks->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (locks, i));
  g_ptr_array_sort (sorted, compare_locks);
  weft_json_member (b, "locks");
  weft_json_begin_array (b);
  for (guint i = 0; i < sorted->len; i++)
    {
      const WeftLock *lock = g_ptr_array_index (sorted, i);
      g_autofree char *addr = NULL;

      if (lock->contentions == 0)
        continue; /* only seen through --uprobes, never waited for */
      addr = g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", lock->addr);
      weft_json_begin_object (b);
      add_int (b, "pid", lock->pid);
      add_string (b, "addr", addr);
      add_string (b, "name", lock->name && *lock->name ? lock->name : NULL);
      add_int (b, "contentions", lock->contentions);
      add_int (b, "wait_ns", lock->wait_ns);
      add_int (b, "max_wait_ns", lock->max_wait_ns);
      add_int_or_null (b, "joins", lock->joined_tid != 0, lock->joined_tid);
      weft_json_end_object (b);
    }
  weft_json_end_array (b);
}

static void
add_deadlocks (WeftJsonWriter *b, WeftModel *model)
{
  GPtrArray *deadlocks = weft_model_get_deadlocks (model);
  GPtrArray *locks = weft_model_get_locks (model);

  weft_json_member (b, "deadlocks");
  weft_json_begin_array (b);
  for (guint i = 0; i < deadlocks->len; i++)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, i);

      weft_json_begin_object (b);
      add_int (b, "at_ns", d->at_ns);
      add_string (b, "kind", d->kind == WEFT_DEADLOCK_CYCLE ? "cycle" : "stall");
      add_tids (b, "threads", d->tids);
      weft_json_member (b, "locks");
      weft_json_begin_array (b);
      for (guint j = 0; j < d->locks->len; j++)
        {
          g_autofree char *label = weft_lock_label (g_ptr_array_index (locks, g_array_index (d->locks, guint32, j)));
          weft_json_string (b, label);
        }
      weft_json_end_array (b);
      weft_json_member (b, "resolved");
      weft_json_bool (b, d->resolved);
      weft_json_end_object (b);
    }
  weft_json_end_array (b);
}

static void
add_io_waits (WeftJsonWriter *b, WeftModel *model)
{
  GArray *io = weft_model_get_io_waits (model);

  weft_json_member (b, "io_waits");
  weft_json_begin_array (b);
  for (guint i = 0; i < io->len; i++)
    {
      const WeftIoWait *w = &g_array_index (io, WeftIoWait, i);

      weft_json_begin_object (b);
      add_int (b, "tid", w->tid);
      add_string (b, "kind", w->kind);
      add_int (b, "count", w->count);
      add_int (b, "wait_ns", w->wait_ns);
      weft_json_end_object (b);
    }
  weft_json_end_array (b);
}

static void
add_queues (WeftJsonWriter *b, WeftModel *model)
{
  GPtrArray *objects = weft_model_get_objects (model);

  weft_json_member (b, "queues");
  weft_json_begin_array (b);
  for (guint i = 0; i < objects->len; i++)
    {
      const WeftObject *o = g_ptr_array_index (objects, i);
      gboolean queue = o->kind == WEFT_OBJECT_PIPE || o->kind == WEFT_OBJECT_MQ ||
                       o->kind == WEFT_OBJECT_SOCKET;
      const char *kind = queue ? weft_object_kind_name (o->kind) : NULL;

      if (!kind)
        continue;
      weft_json_begin_object (b);
      add_string (b, "kind", kind);
      add_string (b, "id", o->label);
      add_tids (b, "writers", o->writers);
      add_tids (b, "readers", o->readers);
      add_int (b, "bytes_written", o->bytes_written);
      add_int (b, "bytes_read", o->bytes_read);
      weft_json_end_object (b);
    }
  weft_json_end_array (b);
}

static void
add_signals (WeftJsonWriter *b, WeftModel *model)
{
  GArray *signals = weft_model_get_signal_counts (model);

  weft_json_member (b, "signals");
  weft_json_begin_array (b);
  for (guint i = 0; i < signals->len; i++)
    {
      const WeftSignalCount *s = &g_array_index (signals, WeftSignalCount, i);

      weft_json_begin_object (b);
      add_int (b, "signal", s->signal);
      add_int (b, "from", s->from_pid);
      add_int (b, "to", s->to_pid);
      add_int (b, "count", s->count);
      weft_json_end_object (b);
    }
  weft_json_end_array (b);
}

gboolean
weft_stats_write_json (WeftModel *model, FILE *out)
{
  WeftJsonWriter *b = weft_json_writer_new (out);
  const WeftTraceInfo *info = weft_model_get_info (model);
  g_autoptr (GPtrArray) tree = weft_model_list_tree (model, NULL);

  weft_json_begin_object (b);
  add_int (b, "format_version", 1);
  weft_json_member (b, "command");
  weft_json_begin_array (b);
  for (guint i = 0; info && info->argv && info->argv[i]; i++)
    weft_json_string (b, info->argv[i]);
  weft_json_end_array (b);
  add_int (b, "root_pid", info ? info->root_pid : 0);
  add_int (b, "duration_ns", weft_model_get_end_ns (model));
  add_int (b, "events", weft_model_get_n_events (model));
  add_int (b, "lost_events", weft_model_get_lost_events (model));
  weft_json_member (b, "truncated");
  weft_json_bool (b, weft_model_is_truncated (model));
  weft_json_member (b, "processes");
  weft_json_begin_array (b);
  for (guint i = 0; i < tree->len; i++)
    add_process (b, model, g_ptr_array_index (tree, i));
  weft_json_end_array (b);
  add_locks (b, model);
  add_deadlocks (b, model);
  add_io_waits (b, model);
  add_queues (b, model);
  add_signals (b, model);
  weft_json_end_object (b);
  return weft_json_writer_finish (b);
}

char *
weft_stats_to_json_string (WeftModel *model)
{
  char *text = NULL;
  gsize size = 0;
  FILE *out = open_memstream (&text, &size);

  g_assert (out); /* only out of memory */
  weft_stats_write_json (model, out);
  fclose (out);
  return text;
}

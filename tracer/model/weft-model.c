/*
 * weft-model.c: the WeftModel object — feeding, event dispatch and the
 * simple accessors.  Each event goes to its area,
 * weft-model-{tree,sched,sync,io,python,coro}.c, which builds on the
 * records of weft-model-entities.c and the spans of weft-model-states.c.
 */
#include "weft-model-private.h"
#include "weft-model-coro-private.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "weft-error.h"

G_DEFINE_FINAL_TYPE (WeftModel, weft_model, G_TYPE_OBJECT)

#define DEFAULT_STALL_THRESHOLD_NS (G_GUINT64_CONSTANT (1000000000))

static void
process_free (gpointer data)
{
  WeftProcessPriv *p = data;

  g_ptr_array_unref (p->pub.children);
  g_ptr_array_unref (p->pub.threads);
  g_ptr_array_unref (p->pub.exec_history);
  g_free (p->pub.comm);
  g_free (p->pub.exec_path);
  g_free (p);
}

static void
thread_free (gpointer data)
{
  WeftThreadPriv *t = data;

  weft_thread_spans_clear (t);
  g_clear_pointer (&t->cow_faults, g_array_unref);
  g_free (t->pub.name);
  g_free (t->pub.python_name);
  g_free (t);
}

static void
lock_free (gpointer data)
{
  WeftLock *lock = data;

  g_free (lock->name);
  g_free (lock);
}

static void
object_free (gpointer data)
{
  WeftObject *object = data;

  g_free (object->label);
  g_array_unref (object->writers);
  g_array_unref (object->readers);
  g_free (object);
}

static void
deadlock_free (gpointer data)
{
  WeftDeadlock *deadlock = data;

  g_array_unref (deadlock->tids);
  g_array_unref (deadlock->locks);
  g_free (deadlock);
}

static void
weft_model_finalize (GObject *object)
{
  WeftModel *self = WEFT_MODEL (object);

  weft_trace_info_clear (&self->info);
  g_clear_object (&self->reader);
  g_ptr_array_unref (self->processes);
  g_hash_table_unref (self->pid_table);
  g_hash_table_unref (self->tid_table);
  g_ptr_array_unref (self->threads);
  g_array_unref (self->waits);
  g_array_unref (self->fd_pool);
  g_ptr_array_unref (self->locks);
  g_hash_table_unref (self->lock_table);
  g_hash_table_unref (self->lock_names);
  g_ptr_array_unref (self->objects);
  g_hash_table_unref (self->object_table);
  g_hash_table_unref (self->fd_objects);
  g_ptr_array_unref (self->deadlocks);
  g_clear_pointer (&self->pending_cycles, g_array_unref);
  weft_coro_store_free (self->coro);
  g_array_unref (self->flows);
  g_array_unref (self->io_waits);
  g_hash_table_unref (self->io_wait_table);
  g_array_unref (self->signal_counts);
  g_hash_table_unref (self->signal_table);
  g_hash_table_unref (self->pending_signals);
  g_hash_table_unref (self->pending_child_exits);
  g_hash_table_unref (self->awaiting_parent);
  weft_model_python_clear (self);
  G_OBJECT_CLASS (weft_model_parent_class)->finalize (object);
}

static void
weft_model_class_init (WeftModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_model_finalize;
}

static void
weft_model_init (WeftModel *self)
{
  WeftWait none = { 0 };

  self->stall_threshold = DEFAULT_STALL_THRESHOLD_NS;
  self->processes = g_ptr_array_new_with_free_func (process_free);
  self->pid_table = g_hash_table_new (NULL, NULL);
  self->tid_table = g_hash_table_new (NULL, NULL);
  self->threads = g_ptr_array_new_with_free_func (thread_free);
  self->waits = g_array_new (FALSE, TRUE, sizeof (WeftWait));
  g_array_append_val (self->waits, none);
  self->fd_pool = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->locks = g_ptr_array_new_with_free_func (lock_free);
  self->lock_table = g_hash_table_new_full (weft_lock_key_hash, weft_lock_key_equal, g_free, NULL);
  self->lock_names = g_hash_table_new_full (weft_lock_key_hash, weft_lock_key_equal, g_free, g_free);
  self->objects = g_ptr_array_new_with_free_func (object_free);
  self->object_table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->fd_objects = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->deadlocks = g_ptr_array_new_with_free_func (deadlock_free);
  self->coro = weft_coro_store_new ();
  self->flows = g_array_new (FALSE, FALSE, sizeof (WeftFlow));
  self->io_waits = g_array_new (FALSE, FALSE, sizeof (WeftIoWait));
  self->io_wait_table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->signal_counts = g_array_new (FALSE, FALSE, sizeof (WeftSignalCount));
  self->signal_table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending_signals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->pending_child_exits = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->awaiting_parent = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  weft_model_python_init (self);
}

WeftModel *
weft_model_new (void)
{
  return g_object_new (WEFT_TYPE_MODEL, NULL);
}

/* ---- feeding ---- */

void
weft_model_set_info (WeftModel *self, const WeftTraceInfo *info)
{
  g_return_if_fail (WEFT_IS_MODEL (self));

  weft_trace_info_clear (&self->info);
  self->info = *info;
  self->info.hostname = g_strdup (info->hostname);
  self->info.kernel = g_strdup (info->kernel);
  self->info.argv = g_strdupv (info->argv);
  self->t0 = info->start_monotonic_ns;
  self->have_info = TRUE;
}

void
weft_model_add_event (WeftModel *self, const struct weft_event_header *event)
{
  guint64 t = weft_model_rel (self, event->ts);

  self->n_events++;
  if (t > self->now)
    self->now = t;
  /* Time passed silently until this event: a stall that held all along
   * counts even when this very event ends it (a watchdog's signal). */
  weft_model_check_stalls (self, t);
  switch (event->kind)
    {
    case WEFT_EV_FORK:
    case WEFT_EV_EXEC:
    case WEFT_EV_EXIT:
    case WEFT_EV_WAIT_BEGIN:
    case WEFT_EV_WAIT_END:
    case WEFT_EV_REAP:
    case WEFT_EV_REPARENT:
    case WEFT_EV_COMM:
    case WEFT_EV_SIGNAL_GENERATE:
    case WEFT_EV_SIGNAL_DELIVER:
    case WEFT_EV_TASK_INFO:
      weft_model_tree_event (self, event, t);
      break;
    case WEFT_EV_SWITCH_OUT:
    case WEFT_EV_SWITCH_IN:
    case WEFT_EV_WAKEUP:
    case WEFT_EV_COW_FAULTS:
      weft_model_sched_event (self, event, t);
      break;
    case WEFT_EV_FUTEX_WAIT_BEGIN:
    case WEFT_EV_FUTEX_WAIT_END:
    case WEFT_EV_FUTEX_WAKE:
    case WEFT_EV_LOCK_NAME:
    case WEFT_EV_KLOCK_BEGIN:
    case WEFT_EV_KLOCK_END:
    case WEFT_EV_ULOCK:
      weft_model_sync_event (self, event, t);
      break;
    case WEFT_EV_SYSCALL_BEGIN:
    case WEFT_EV_SYSCALL_END:
    case WEFT_EV_FDSET:
    case WEFT_EV_OBJECT:
    case WEFT_EV_FD_CLOSE:
      weft_model_io_event (self, event, t);
      break;
    case WEFT_EV_PY_STACK:
    case WEFT_EV_PY_CODE:
    case WEFT_EV_PY_THREAD:
    case WEFT_EV_PY_STATUS:
      weft_model_python_event (self, event, t);
      break;
    case WEFT_EV_CORO_SWITCH:
      weft_model_coro_event (self, self->coro, event, t);
      break;
    case WEFT_EV_CPU_STEAL:
      {
        guint64 steal = ((const struct weft_cpu_steal *) event)->steal_ns;

        if (!self->has_steal)
          self->steal_first_ns = steal;
        self->has_steal = TRUE;
        self->steal_last_ns = MAX (self->steal_last_ns, steal);
        break;
      }
    case WEFT_EV_CLOCK:
      break; /* time passed: "now" and the stall check above did it all */
    case WEFT_EV_RECORD_STOP:
      self->lost_events = MAX (self->lost_events,
                               ((const struct weft_record_stop *) event)->lost_events);
      break;
    default:
      break;
    }
  weft_model_check_stalls (self, t);
}

void
weft_model_finish (WeftModel *self, guint64 lost_events, gboolean truncated)
{
  g_return_if_fail (WEFT_IS_MODEL (self));

  self->lost_events = MAX (self->lost_events, lost_events);
  self->truncated = truncated;
  self->finished = TRUE;
  weft_model_check_stalls (self, self->now);
}

static void
reader_event (const struct weft_event_header *event, gpointer user_data)
{
  WeftModel *self = user_data;

  if (!self->have_info)
    {
      const WeftTraceInfo *info = weft_trace_reader_get_info (self->reader);

      if (info)
        weft_model_set_info (self, info);
    }
  weft_model_add_event (self, event);
}

static void
ensure_reader (WeftModel *self)
{
  if (!self->reader)
    self->reader = weft_trace_reader_new (reader_event, self);
}

static void
take_reader_info (WeftModel *self)
{
  const WeftTraceInfo *info = weft_trace_reader_get_info (self->reader);

  if (!self->have_info && info)
    weft_model_set_info (self, info);
}

gboolean
weft_model_feed (WeftModel *self, const guint8 *data, gsize len, GError **error)
{
  g_return_val_if_fail (WEFT_IS_MODEL (self), FALSE);

  ensure_reader (self);
  if (!weft_trace_reader_feed (self->reader, data, len, error))
    return FALSE;
  take_reader_info (self);
  return TRUE;
}

gboolean
weft_model_finish_feed (WeftModel *self, gboolean *truncated, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean cut = FALSE;

  g_return_val_if_fail (WEFT_IS_MODEL (self), FALSE);

  ensure_reader (self);
  if (!weft_trace_reader_finish (self->reader, &local_error))
    {
      if (!g_error_matches (local_error, WEFT_ERROR, WEFT_ERROR_TRUNCATED) || !self->have_info)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      cut = TRUE;
    }
  take_reader_info (self);
  if (weft_trace_reader_has_end (self->reader))
    {
      guint64 stop = weft_model_rel (self, weft_trace_reader_get_stop_ns (self->reader));

      if (stop > self->now)
        self->now = stop;
    }
  weft_model_finish (self, weft_trace_reader_get_lost_events (self->reader), cut);
  if (truncated)
    *truncated = cut;
  return TRUE;
}

/* Reads with read() in pieces rather than mapping the file, so that a big
 * trace does not stay resident while it is analysed. */
WeftModel *
weft_model_new_from_file (const char *path, gboolean *truncated, GError **error)
{
  g_autoptr (WeftModel) self = weft_model_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  const gsize buffer_size = 1024 * 1024;
  int fd;

  if (truncated)
    *truncated = FALSE;
  fd = weft_trace_open_file (path, error);
  if (fd < 0)
    return NULL;
  buffer = g_malloc (buffer_size);
  for (;;)
    {
      gssize n = read (fd, buffer, buffer_size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          weft_trace_set_open_error (error, path, g_file_error_from_errno (saved), g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      if (!weft_model_feed (self, buffer, n, &local_error))
        break;
    }
  close (fd);
  if (!local_error)
    weft_model_finish_feed (self, truncated, &local_error);
  if (local_error && g_error_matches (local_error, WEFT_ERROR, WEFT_ERROR_TRUNCATED) && self->have_info)
    {
      /* Cut inside the data: keep what came before. */
      g_clear_error (&local_error);
      weft_model_finish (self, weft_trace_reader_get_lost_events (self->reader), TRUE);
      if (truncated)
        *truncated = TRUE;
    }
  if (local_error)
    {
      g_set_error (error, WEFT_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---- accessors ---- */

const WeftTraceInfo *
weft_model_get_info (WeftModel *self)
{
  return self->have_info ? &self->info : NULL;
}

gboolean weft_model_is_finished (WeftModel *self) { return self->finished; }
gboolean weft_model_is_truncated (WeftModel *self) { return self->truncated; }
guint64 weft_model_get_n_events (WeftModel *self) { return self->n_events; }
guint64 weft_model_get_lost_events (WeftModel *self) { return self->lost_events; }
guint64 weft_model_get_stolen_ns (WeftModel *self) { return self->steal_last_ns - self->steal_first_ns; }
guint64 weft_model_get_end_ns (WeftModel *self) { return self->now; }
guint64 weft_model_get_start_monotonic_ns (WeftModel *self) { return self->t0; }
gboolean weft_model_has_sched_events (WeftModel *self) { return self->has_sched; }

WeftThreadState
weft_model_known_state (WeftModel *self, WeftThreadState state)
{
  if (state == WEFT_STATE_RUNNING && !self->has_sched)
    return WEFT_STATE_ALIVE;
  return state < WEFT_N_STATES ? state : WEFT_STATE_NONE;
}

char *
weft_model_dup_title (WeftModel *self)
{
  return self->have_info && self->info.argv && self->info.argv[0] ? g_strjoinv (" ", self->info.argv)
                                                                   : g_strdup ("");
}
GPtrArray *weft_model_get_processes (WeftModel *self) { return self->processes; }
GPtrArray *weft_model_get_locks (WeftModel *self) { return self->locks; }
GPtrArray *weft_model_get_objects (WeftModel *self) { return self->objects; }
GPtrArray *weft_model_get_deadlocks (WeftModel *self) { return self->deadlocks; }
GArray *weft_model_get_flows (WeftModel *self) { return self->flows; }
GArray *weft_model_get_io_waits (WeftModel *self) { return self->io_waits; }
GArray *weft_model_get_signal_counts (WeftModel *self) { return self->signal_counts; }

void
weft_model_set_stall_threshold_ns (WeftModel *self, guint64 ns)
{
  self->stall_threshold = ns;
}

WeftProcess *
weft_model_get_root (WeftModel *self)
{
  return self->root ? &self->root->pub : NULL;
}

WeftProcess *
weft_model_lookup_process (WeftModel *self, guint32 pid)
{
  return g_hash_table_lookup (self->pid_table, GUINT_TO_POINTER (pid));
}

WeftThread *
weft_model_lookup_thread (WeftModel *self, guint32 tid)
{
  return g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (tid));
}

/* Depth first, parents before their children in fork order.  With a
 * stack of its own: a file decides how deep a tree is, never how deep
 * our C stack goes. */
static void
list_subtree (WeftProcess *root, GPtrArray *out, GArray *depths)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  g_autoptr (GArray) stack_depths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0;

  g_ptr_array_add (stack, root);
  g_array_append_val (stack_depths, zero);
  while (stack->len > 0)
    {
      WeftProcess *p = g_ptr_array_steal_index_fast (stack, stack->len - 1);
      guint depth = g_array_index (stack_depths, guint, stack_depths->len - 1);

      g_array_set_size (stack_depths, stack_depths->len - 1);
      g_ptr_array_add (out, p);
      g_array_append_val (depths, depth);
      depth++;
      for (guint i = p->children->len; i > 0; i--)
        {
          g_ptr_array_add (stack, g_ptr_array_index (p->children, i - 1));
          g_array_append_val (stack_depths, depth);
        }
    }
}

GPtrArray *
weft_model_list_tree (WeftModel *self, GArray **depths)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->processes->len; i++)
    {
      WeftProcess *p = g_ptr_array_index (self->processes, i);

      if (!p->parent)
        list_subtree (p, out, levels);
    }
  if (depths)
    *depths = g_steal_pointer (&levels);
  return out;
}

gboolean
weft_process_is_alive_at (const WeftProcess *process, guint64 t)
{
  return t >= process->start_ns && (process->exit_ns == WEFT_TIME_NONE || t < process->exit_ns);
}

gboolean
weft_process_left_zombie (const WeftProcess *process)
{
  if (process->exit_ns == WEFT_TIME_NONE || process->reaped_by_recorder || process->auto_reaped ||
      process->reaped_outside)
    return FALSE;
  return process->reap_ns == WEFT_TIME_NONE || process->reap_ns > process->exit_ns;
}

gboolean
weft_process_is_zombie_at (const WeftProcess *process, guint64 t)
{
  return weft_process_left_zombie (process) && t >= process->exit_ns
         && (process->reap_ns == WEFT_TIME_NONE || t < process->reap_ns);
}

int
weft_process_get_exit_code (const WeftProcess *process)
{
  if (process->exit_ns == WEFT_TIME_NONE || (process->exit_status & 0x7f) != 0)
    return -1;
  return (process->exit_status >> 8) & 0xff;
}

int
weft_process_get_exit_signal (const WeftProcess *process)
{
  if (process->exit_ns == WEFT_TIME_NONE)
    return 0;
  return process->exit_status & 0x7f;
}

char *
weft_lock_label (const WeftLock *lock)
{
  if (lock->joined_tid)
    return g_strdup_printf ("join %u", lock->joined_tid);
  if (lock->join)
    return g_strdup ("join");
  /* A region rather than a symbol ("heap", "stack", "[libc.so.6]"): every
   * Python lock is on the heap, so the address's tail tells them apart. */
  if (lock->name && (g_str_equal (lock->name, "heap") || g_str_equal (lock->name, "stack") ||
                     lock->name[0] == '['))
    return g_strdup_printf ("%s …%04" G_GINT64_MODIFIER "x", lock->name, lock->addr & 0xffff);
  if (lock->name && *lock->name)
    return g_strdup (lock->name);
  return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", lock->addr);
}

char *
weft_model_lock_label_at (WeftModel *self, guint32 index)
{
  if (index >= self->locks->len)
    return g_strdup ("?");
  return weft_lock_label (g_ptr_array_index (self->locks, index));
}

char *
weft_model_deadlock_locks (WeftModel *self, const WeftDeadlock *deadlock, gboolean *joins)
{
  GString *locks = g_string_new (NULL);

  *joins = FALSE;
  for (guint i = 0; i < deadlock->locks->len; i++)
    {
      guint32 index = g_array_index (deadlock->locks, guint32, i);
      g_autofree char *label = NULL;

      if (index < self->locks->len && ((const WeftLock *) g_ptr_array_index (self->locks, index))->join)
        {
          *joins = TRUE;
          continue;
        }
      label = weft_model_lock_label_at (self, index);
      g_string_append_printf (locks, "%s%s", locks->len ? ", " : "", label);
    }
  return g_string_free (locks, FALSE);
}

static void
consider_step (guint64 candidate, guint64 t, guint64 *best)
{
  if (candidate != WEFT_TIME_NONE && candidate > t && candidate < *best)
    *best = candidate;
}

guint64
weft_model_next_event (WeftModel *self, guint64 t)
{
  guint64 best = WEFT_TIME_NONE;

  for (guint i = 0; i < self->processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (self->processes, i);

      consider_step (p->start_ns, t, &best);
      consider_step (p->exit_ns, t, &best);
      if (weft_process_left_zombie (p))
        consider_step (p->reap_ns, t, &best);
      consider_step (p->reparented_ns, t, &best);
      for (guint j = 0; j < p->threads->len; j++)
        {
          const WeftThread *thread = g_ptr_array_index (p->threads, j);
          gint index = weft_model_thread_find_interval (self, thread, t);
          WeftStateInterval in;

          if (index >= 0)
            {
              weft_model_thread_get_interval (self, thread, index, &in);
              if (!in.open)
                consider_step (in.end_ns, t, &best);
            }
          else if (weft_model_thread_n_intervals (self, thread) > 0)
            {
              weft_model_thread_get_interval (self, thread, 0, &in);
              consider_step (in.start_ns, t, &best);
            }
        }
    }
  for (guint i = 0; i < self->deadlocks->len; i++)
    consider_step (((const WeftDeadlock *) g_ptr_array_index (self->deadlocks, i))->at_ns, t, &best);
  /* Each coroutine switch is a step of its own. */
  consider_step (weft_model_next_coro_switch (self, t), t, &best);
  return best;
}

void
weft_model_flows_in (WeftModel *self, guint64 t0, guint64 t1, guint *first, guint *n_flows)
{
  guint lo = 0, hi = self->flows->len, start;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->flows, WeftFlow, mid).to_ns < t0)
        lo = mid + 1;
      else
        hi = mid;
    }
  start = lo;
  hi = self->flows->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->flows, WeftFlow, mid).to_ns <= t1)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = start;
  *n_flows = lo - start;
}


/*
 * test-model-record.c: the model on traces of real programs recorded with
 * the real recorder (root): zombies, orphans, automatic reaping, a mutex
 * deadlock, a semaphore stall, plain contention (no deadlock), a pipe, and
 * a Python Lock deadlock, a cycle once --uprobes shows who holds each lock.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft-model.h"
#include "weft-test-util.h"

typedef struct {
  WeftTestTrace *trace;
  WeftModel *model;
} Recorded;

static void
recorded_free (Recorded *r)
{
  g_clear_object (&r->model);
  g_clear_pointer (&r->trace, weft_test_trace_free);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorded, recorded_free)

static Recorded *
record (const char *program)
{
  g_autofree char *path = weft_test_program_path (program);
  const char *argv[] = { path, NULL };
  g_autoptr (GError) error = NULL;
  Recorded *r = g_new0 (Recorded, 1);
  gboolean truncated = TRUE;

  r->trace = weft_test_record (argv, NULL);
  r->model = weft_model_new_from_file (r->trace->path, &truncated, &error);
  g_assert_no_error (error);
  g_assert_false (truncated);
  g_assert_cmpuint (weft_model_get_lost_events (r->model), ==, 0);
  return r;
}

/* The numbers the program printed after "label ". */
static GArray *
printed (Recorded *r, const char *label)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_auto (GStrv) lines = g_strsplit (r->trace->stdout_text, "\n", -1);
  g_autofree char *prefix = g_strconcat (label, " ", NULL);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        guint32 value = strtoul (lines[i] + strlen (prefix), NULL, 10);
        g_array_append_val (values, value);
      }
  return values;
}

static guint32
printed_one (Recorded *r, const char *label)
{
  g_autoptr (GArray) values = printed (r, label);

  g_assert_cmpuint (values->len, ==, 1);
  return g_array_index (values, guint32, 0);
}

static gboolean
contains (GArray *values, guint32 value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, guint32, i) == value)
      return TRUE;
  return FALSE;
}

static void
test_zombie (void)
{
  g_autoptr (Recorded) r = record ("model-zombie");
  guint32 pid = printed_one (r, "child");
  WeftProcess *child = weft_model_lookup_process (r->model, pid);
  WeftProcess *root = weft_model_get_root (r->model);
  WeftThread *thread;
  WeftStateInterval interval;
  gint at;

  g_assert_nonnull (child);
  g_assert_true (child->parent == root);
  g_assert_cmpint (weft_process_get_exit_code (child), ==, 3);
  g_assert_cmpuint (child->reaped_by, ==, root->pid);
  g_assert_cmpuint (child->reap_ns, >, child->exit_ns);
  g_assert_false (child->auto_reaped);
  /* Between its exit and the parent's wait the child's row shows Z. */
  thread = g_ptr_array_index (child->threads, 0);
  at = weft_model_thread_find_interval (r->model, thread, (child->exit_ns + child->reap_ns) / 2);
  g_assert_cmpint (at, >=, 0);
  weft_model_thread_get_interval (r->model, thread, at, &interval);
  g_assert_cmpint (interval.state, ==, WEFT_STATE_ZOMBIE);
  g_assert_cmpint (interval.stat, ==, 'Z');
  g_assert_true (weft_process_is_zombie_at (child, (child->exit_ns + child->reap_ns) / 2));
  /* The root is released by weft itself: no zombie. */
  g_assert_false (weft_process_is_zombie_at (root, weft_model_get_end_ns (r->model)));
}

/* A wait that reports a stop or a continue is not a reap: each child is
 * reaped once, by its parent, after it exited — in the recording, the
 * model and the stats. */
static void
test_stop_is_not_reap (void)
{
  g_autoptr (Recorded) r = record ("model-stop-cont");
  g_autoptr (GArray) pids = printed (r, "child");
  g_autoptr (GPtrArray) reaps = weft_test_events_of_kind (r->trace, WEFT_EV_REAP);
  WeftProcess *root = weft_model_get_root (r->model);

  g_assert_cmpuint (pids->len, ==, 2);
  for (guint i = 0; i < pids->len; i++)
    {
      guint32 pid = g_array_index (pids, guint32, i);
      WeftProcess *child = weft_model_lookup_process (r->model, pid);
      WeftThread *thread;
      WeftStateInterval interval;
      guint n_reaps = 0;
      gboolean stopped = FALSE;

      for (guint j = 0; j < reaps->len; j++)
        n_reaps += ((const struct weft_reap *) g_ptr_array_index (reaps, j))->pid == pid;
      g_assert_cmpuint (n_reaps, ==, 1);
      g_assert_nonnull (child);
      g_assert_cmpint (weft_process_get_exit_code (child), ==, 4);
      g_assert_cmpuint (child->reaped_by, ==, root->pid);
      g_assert_cmpuint (child->reap_ns, >, child->exit_ns);
      /* Stopped for a while, then running again: a life, not a zombie. */
      thread = g_ptr_array_index (child->threads, 0);
      for (guint k = 0; k < weft_model_thread_n_intervals (r->model, thread); k++)
        {
          weft_model_thread_get_interval (r->model, thread, k, &interval);
          if (interval.state == WEFT_STATE_STOPPED)
            stopped = TRUE;
          if (interval.start_ns < child->exit_ns)
            g_assert_cmpint (interval.state, !=, WEFT_STATE_ZOMBIE);
        }
      g_assert_true (stopped);
      g_assert_cmpuint (child->exit_ns, >, thread->start_ns + 150 * 1000000ull);
    }
}

static void
test_orphan (void)
{
  g_autoptr (Recorded) r = record ("model-orphan");
  guint32 pid = printed_one (r, "child");
  WeftProcess *orphan = weft_model_lookup_process (r->model, pid);
  WeftProcess *root = weft_model_get_root (r->model);

  g_assert_nonnull (orphan);
  g_assert_cmpuint (orphan->ppid, ==, root->pid);
  g_assert_cmpuint (orphan->reparented_to, !=, 0);
  g_assert_cmpuint (orphan->reparented_to, !=, root->pid);
  g_assert_cmpuint (orphan->reparented_ns, >=, root->exit_ns);
  g_assert_true (orphan->outlived_root);
  g_assert_cmpuint (orphan->exit_ns, >, root->exit_ns);
}

static void
test_auto_reap (void)
{
  g_autoptr (Recorded) r = record ("model-autoreap");
  guint32 pid = printed_one (r, "child");
  WeftProcess *child = weft_model_lookup_process (r->model, pid);

  g_assert_nonnull (child);
  g_assert_true (child->auto_reaped);
  g_assert_cmpuint (child->reaped_by, ==, weft_model_get_root (r->model)->pid);
  g_assert_false (weft_process_is_zombie_at (child, child->exit_ns + 1000));
}

static const char *
lock_name (WeftModel *model, guint32 index)
{
  return ((WeftLock *) g_ptr_array_index (weft_model_get_locks (model), index))->name;
}

/* The thread the first pthread_join in the trace waited for, 0 if none. */
static guint32
join_target (WeftModel *model)
{
  GPtrArray *locks = weft_model_get_locks (model);

  for (guint i = 0; i < locks->len; i++)
    {
      WeftLock *lock = g_ptr_array_index (locks, i);

      if (lock->joined_tid)
        return lock->joined_tid;
    }
  return 0;
}

static void
test_joins_are_named (void)
{
  g_autoptr (Recorded) r = record ("threads");
  GPtrArray *locks = weft_model_get_locks (r->model);
  WeftProcess *root = weft_model_get_root (r->model);
  guint joins = 0;

  for (guint i = 0; i < locks->len; i++)
    {
      WeftLock *lock = g_ptr_array_index (locks, i);
      g_autofree char *label = weft_lock_label (lock);
      g_autofree char *expected = NULL;
      gboolean a_worker = FALSE;

      if (!lock->joined_tid)
        continue;
      for (guint j = 0; j < root->threads->len; j++)
        {
          WeftThread *thread = g_ptr_array_index (root->threads, j);

          if (thread->tid == lock->joined_tid && g_str_has_prefix (thread->name, "worker-"))
            a_worker = TRUE;
        }
      g_assert_true (a_worker);
      g_assert_true (lock->join);
      expected = g_strdup_printf ("join %u", lock->joined_tid);
      g_assert_cmpstr (label, ==, expected);
      joins++;
    }
  /* main joins four workers; those still running when it asks are waited for. */
  g_assert_cmpuint (joins, >=, 1);
  /* ... and its row shows those waits as joins, not as lock waits. */
  {
    WeftThread *main_thread = g_ptr_array_index (root->threads, 0);
    guint n = weft_model_thread_n_intervals (r->model, main_thread), join_spans = 0;

    for (guint i = 0; i < n; i++)
      {
        WeftStateInterval in;
        WeftWaitInfo info;

        weft_model_thread_get_interval (r->model, main_thread, i, &in);
        if (!in.wait || !weft_model_get_wait_info (r->model, in.wait, &info) || !info.lock || !info.lock->joined_tid)
          continue;
        g_assert_cmpint (in.state, ==, WEFT_STATE_JOIN);
        join_spans++;
      }
    g_assert_cmpuint (join_spans, >=, 1);
  }
  g_assert_cmpuint (weft_model_get_deadlocks (r->model)->len, ==, 0);
}

/* The course's Python deadlock (Thread-1 holds B and wants A, Thread-2
 * holds A and wants B).  A threading.Lock is a semaphore with no owner
 * in memory: without --uprobes it is a stall; with them the recorder sees
 * which thread took each lock (Python takes a free Lock with sem_trywait,
 * and libc's sem_* are versioned symbols), and the model closes a cycle. */
static void
test_python_lock_cycle_with_uprobes (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "demos", "python",
                                              "threads_deadlock.py", NULL);
  g_autofree char *dir = g_dir_make_tmp ("weft-uprobes-XXXXXX", NULL);
  g_autofree char *trace = g_build_filename (dir, "deadlock.weft", NULL);
  const char *args[] = { "record", "--uprobes", "-o", trace, "--", "/usr/bin/python3", script, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *deadlocks;
  gboolean truncated = TRUE;
  WeftDeadlock *d;
  int status = weft_test_run_cli (args, &out, &err);

  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  model = weft_model_new_from_file (trace, &truncated, &error);
  g_assert_no_error (error);
  g_assert_false (truncated);
  deadlocks = weft_model_get_deadlocks (model);
  g_assert_cmpuint (deadlocks->len, >=, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_CYCLE);
  g_assert_cmpuint (d->tids->len, ==, 2);
  g_assert_false (d->resolved);
  g_unlink (trace);
  g_rmdir (dir);
}

static void
test_abba_deadlock (void)
{
  g_autoptr (Recorded) r = record ("abba");
  g_autoptr (GArray) ab = printed (r, "ab");
  g_autoptr (GArray) ba = printed (r, "ba");
  GPtrArray *deadlocks = weft_model_get_deadlocks (r->model);
  WeftDeadlock *d;
  g_autofree char *first = NULL, *second = NULL;

  g_assert_cmpuint (deadlocks->len, ==, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_CYCLE);
  g_assert_cmpuint (d->tids->len, ==, 2);
  g_assert_true (contains (d->tids, g_array_index (ab, guint32, 0)));
  g_assert_true (contains (d->tids, g_array_index (ba, guint32, 0)));
  g_assert_cmpuint (d->locks->len, ==, 2);
  first = g_strdup (lock_name (r->model, g_array_index (d->locks, guint32, 0)));
  second = g_strdup (lock_name (r->model, g_array_index (d->locks, guint32, 1)));
  g_assert_true ((g_strcmp0 (first, "lock_a") == 0 && g_strcmp0 (second, "lock_b") == 0) ||
                 (g_strcmp0 (first, "lock_b") == 0 && g_strcmp0 (second, "lock_a") == 0));
  /* main waits in pthread_join for a deadlocked thread: a wait for that
   * thread's end, not a third member of the cycle. */
  g_assert_true (contains (d->tids, join_target (r->model)));
  /* Killed by SIGALRM while deadlocked: never resolved. */
  g_assert_false (d->resolved);
  g_assert_cmpint (weft_process_get_exit_signal (weft_model_get_root (r->model)), ==, 14);
}

static void
test_semaphore_stall (void)
{
  g_autoptr (Recorded) r = record ("model-sem-stall");
  g_autoptr (GArray) workers = printed (r, "worker");
  GPtrArray *deadlocks = weft_model_get_deadlocks (r->model);
  WeftDeadlock *d;

  g_assert_cmpuint (workers->len, ==, 2);
  g_assert_cmpuint (deadlocks->len, ==, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_STALL);
  g_assert_true (contains (d->tids, g_array_index (workers, guint32, 0)));
  g_assert_true (contains (d->tids, g_array_index (workers, guint32, 1)));
  {
    gboolean one = FALSE, two = FALSE;

    for (guint i = 0; i < d->locks->len; i++)
      {
        const char *name = lock_name (r->model, g_array_index (d->locks, guint32, i));

        one |= g_strcmp0 (name, "sem_one") == 0;
        two |= g_strcmp0 (name, "sem_two") == 0;
      }
    g_assert_true (one && two);
  }
}

/* Two threads taking turns on a mutex: contention, with the holder named,
 * and no deadlock. */
static void
test_contention_is_not_deadlock (void)
{
  g_autoptr (Recorded) r = record ("mutex-contend");
  g_autoptr (GArray) workers = printed (r, "worker");
  GPtrArray *locks = weft_model_get_locks (r->model);
  WeftLock *mutex = NULL;
  guint lock_intervals = 0;

  g_assert_cmpuint (weft_model_get_deadlocks (r->model)->len, ==, 0);
  for (guint i = 0; i < locks->len; i++)
    if (g_strcmp0 (((WeftLock *) g_ptr_array_index (locks, i))->name, "contended_mutex") == 0)
      mutex = g_ptr_array_index (locks, i);
  g_assert_nonnull (mutex);
  g_assert_cmpuint (mutex->contentions, >, 0);
  g_assert_cmpuint (mutex->wait_ns, >, 0);
  for (guint w = 0; w < workers->len; w++)
    {
      WeftThread *thread = weft_model_lookup_thread (r->model, g_array_index (workers, guint32, w));
      guint n = weft_model_thread_n_intervals (r->model, thread);

      for (guint i = 0; i < n; i++)
        {
          WeftStateInterval interval;
          WeftWaitInfo info;

          weft_model_thread_get_interval (r->model, thread, i, &interval);
          if (interval.state != WEFT_STATE_LOCK || !weft_model_get_wait_info (r->model, interval.wait, &info) ||
              info.lock != mutex)
            continue;
          lock_intervals++;
          /* Blocked on the mutex: the other worker holds it. */
          g_assert_true (info.holder_tid == 0 || (contains (workers, info.holder_tid) &&
                                                  info.holder_tid != thread->tid));
        }
    }
  g_assert_cmpuint (lock_intervals, >, 0);
}

static void
test_pipe_queue (void)
{
  g_autoptr (Recorded) r = record ("pipe-pc");
  GPtrArray *objects = weft_model_get_objects (r->model);
  const WeftObject *pipe = NULL;
  guint flows = 0;
  GArray *all = weft_model_get_flows (r->model);

  for (guint i = 0; i < objects->len; i++)
    {
      const WeftObject *o = g_ptr_array_index (objects, i);

      if (o->kind == WEFT_OBJECT_PIPE && o->writers->len > 0 && o->readers->len > 0)
        pipe = o;
    }
  g_assert_nonnull (pipe);
  g_assert_cmpuint (pipe->bytes_written, ==, pipe->bytes_read);
  g_assert_cmpuint (pipe->writers->len, ==, 1);
  g_assert_cmpuint (pipe->readers->len, ==, 1);
  g_assert_cmpuint (g_array_index (pipe->writers, guint32, 0), !=, g_array_index (pipe->readers, guint32, 0));
  for (guint i = 0; i < all->len; i++)
    if (g_array_index (all, WeftFlow, i).kind == WEFT_FLOW_PIPE)
      flows++;
  g_assert_cmpuint (flows, >, 0);
}

/* The CLI on a real trace: the timeline and the JSON both work. */
static void
test_cli_on_recording (void)
{
  g_autoptr (Recorded) r = record ("abba");
  const char *show[] = { "show", r->trace->path, "--width", "50", NULL };
  const char *stats[] = { "stats", "--json", r->trace->path, NULL };
  g_autofree char *out = NULL, *err = NULL, *json = NULL, *json_err = NULL;

  g_assert_cmpint (weft_test_run_cli (show, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "DEADLOCK (cycle)"));
  g_assert_nonnull (strstr (out, "killed by SIGALRM"));
  g_assert_cmpint (weft_test_run_cli (stats, &json, &json_err), ==, 0);
  g_assert_nonnull (strstr (json, "\"kind\" : \"cycle\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/record/zombie", test_zombie);
  g_test_add_func ("/model/record/stop-is-not-reap", test_stop_is_not_reap);
  g_test_add_func ("/model/record/orphan", test_orphan);
  g_test_add_func ("/model/record/auto-reap", test_auto_reap);
  g_test_add_func ("/model/record/abba-deadlock", test_abba_deadlock);
  g_test_add_func ("/model/record/joins-are-named", test_joins_are_named);
  g_test_add_func ("/model/record/python-lock-cycle-with-uprobes", test_python_lock_cycle_with_uprobes);
  g_test_add_func ("/model/record/semaphore-stall", test_semaphore_stall);
  g_test_add_func ("/model/record/contention-is-not-deadlock", test_contention_is_not_deadlock);
  g_test_add_func ("/model/record/pipe-queue", test_pipe_queue);
  g_test_add_func ("/model/record/cli-on-recording", test_cli_on_recording);
  return g_test_run ();
}

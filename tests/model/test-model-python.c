/*
 * test-model-python.c: real /usr/bin/python3 programs under the real
 * recorder (root), read as a person would: threads by their threading
 * names, each lock wait with the Python stack it began in (function, file,
 * line and the source text), the lock by the program's variable
 * (self.lock), the GIL by name; and an interpreter weft does not know
 * recorded as before, with one sentence saying why stacks are missing.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "weft-model.h"
#include "weft-test-util.h"

static WeftModel *
load (WeftTestTrace *trace)
{
  g_autoptr (GError) error = NULL;
  gboolean truncated = TRUE;
  WeftModel *model = weft_model_new_from_file (trace->path, &truncated, &error);

  g_assert_no_error (error);
  g_assert_false (truncated);
  g_assert_cmpuint (weft_model_get_lost_events (model), ==, 0);
  return model;
}

static const WeftThread *
thread_named (WeftModel *model, const WeftProcess *process, const char *name)
{
  for (guint i = 0; i < process->threads->len; i++)
    {
      const WeftThread *thread = g_ptr_array_index (process->threads, i);

      if (g_strcmp0 (weft_thread_get_label (thread), name) == 0)
        return thread;
    }
  return NULL;
}

/* Lock waits of a thread on the lock labelled `lock`; *with_stack counts
 * those whose stack begins at function:line of file (any line if 0). */
static guint
lock_waits (WeftModel *model, const WeftThread *thread, const char *lock, const char *function,
            const char *file, gint32 line, guint *with_stack, char **source)
{
  guint n = weft_model_thread_n_intervals (model, thread), waits = 0;
  guint32 seen = 0;

  *with_stack = 0;
  for (guint i = 0; i < n; i++)
    {
      WeftStateInterval in;
      WeftWaitInfo info;
      g_autofree char *label = NULL;

      weft_model_thread_get_interval (model, thread, i, &in);
      if ((in.state != WEFT_STATE_LOCK && in.state != WEFT_STATE_GIL) || !in.wait || in.wait == seen ||
          !weft_model_get_wait_info (model, in.wait, &info) || !info.lock)
        continue;
      seen = in.wait;
      label = weft_lock_label (info.lock);
      if (g_strcmp0 (label, lock) != 0)
        continue;
      /* The GIL has its own state: threads taking turns on it, not locking. */
      g_assert_cmpint (in.state, ==, g_str_equal (lock, "GIL") ? WEFT_STATE_GIL : WEFT_STATE_LOCK);
      waits++;
      if (info.n_frames > 0 && g_strcmp0 (info.frames[0].function, function) == 0 &&
          g_str_has_suffix (info.frames[0].filename, file) && (line == 0 || info.frames[0].line == line))
        {
          (*with_stack)++;
          if (source && !*source)
            *source = weft_py_frame_source_line (&info.frames[0]);
        }
    }
  return waits;
}

/* MainThread's waits in Thread.join(): drawn as joins, never as a lock,
 * each naming the thread it waited for.  Returns how many; *joined holds
 * the labels of the threads waited for, space-separated. */
static guint
join_waits (WeftModel *model, const WeftThread *thread, GString *joined)
{
  guint n = weft_model_thread_n_intervals (model, thread), waits = 0;
  guint32 seen = 0;

  for (guint i = 0; i < n; i++)
    {
      WeftStateInterval in;
      WeftWaitInfo info;
      WeftThread *target;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      weft_model_thread_get_interval (model, thread, i, &in);
      if (!in.wait || in.wait == seen || !weft_model_get_wait_info (model, in.wait, &info) || !info.lock)
        continue;
      seen = in.wait;
      if (info.n_frames < 2 || !g_str_equal (info.frames[1].function, "Thread.join"))
        continue;
      /* Coming back from the join's lock it may wait for the GIL there too. */
      if (in.state == WEFT_STATE_GIL)
        continue;
      g_assert_cmpint (in.state, ==, WEFT_STATE_JOIN);
      g_assert_cmpstr (info.frames[0].function, ==, "Thread._wait_for_tstate_lock");
      g_assert_true (info.lock->join);
      g_assert_cmpuint (info.lock->joined_tid, !=, 0);
      target = weft_model_lookup_thread (model, info.lock->joined_tid);
      g_assert_nonnull (target);
      g_string_append_printf (joined, "%s ", weft_thread_get_label (target));
      text = weft_model_describe_interval (model, &in);
      expected = g_strdup_printf ("waiting for %s %u to end (join)", weft_thread_get_label (target), target->tid);
      g_assert_nonnull (strstr (text, expected));
      waits++;
    }
  return waits;
}

static void
test_bank (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("tests/programs/py-bank.py");
  g_autoptr (WeftModel) model = NULL;
  const WeftProcess *root;
  const WeftThread *teller_1, *teller_2, *counter_1, *counter_2;
  guint lock_stacks_1 = 0, lock_stacks_2 = 0, gil_stacks_1 = 0, gil_stacks_2 = 0;
  guint line_stacks_1 = 0, line_stacks_2 = 0;
  guint lock_1, lock_2, gil_1, gil_2;
  g_autofree char *source = NULL;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_nonnull (strstr (trace->stdout_text, "balance 80"));
  model = load (trace);
  root = weft_model_get_root (model);
  g_assert_nonnull (root);
  g_assert_null (weft_model_get_python_note (model, root->pid));

  /* Threads by their threading names, without prctl in the program. */
  g_assert_cmpstr (weft_thread_get_label (g_ptr_array_index (root->threads, 0)), ==, "MainThread");
  teller_1 = thread_named (model, root, "teller-1");
  teller_2 = thread_named (model, root, "teller-2");
  counter_1 = thread_named (model, root, "counter-1");
  counter_2 = thread_named (model, root, "counter-2");
  g_assert_nonnull (teller_1);
  g_assert_nonnull (teller_2);
  g_assert_nonnull (counter_1);
  g_assert_nonnull (counter_2);
  g_assert_cmpstr (teller_1->name, ==, "python3"); /* the kernel's name is still there */

  /* MainThread joins the tellers, then the counters: it waits for their
   * ends, not for a lock, and says whose. */
  {
    g_autoptr (GString) joined = g_string_new (NULL);

    const WeftThread *main_thread = g_ptr_array_index (root->threads, 0);
    GArray *flows = weft_model_get_flows (model);
    guint join_wakeups = 0;

    g_assert_cmpuint (join_waits (model, main_thread, joined), >=, 2);
    guint n = weft_model_thread_n_intervals (model, main_thread);

    /* Each join ends with an arrow from the thread that ended: a wakeup,
     * never a lock hand-off (those stay for locks and the GIL). */
    for (guint k = 0; k < n; k++)
      {
        WeftStateInterval in;
        WeftWaitInfo info;

        weft_model_thread_get_interval (model, main_thread, k, &in);
        if (in.state != WEFT_STATE_JOIN || !weft_model_get_wait_info (model, in.wait, &info) || !info.lock)
          continue;
        /* Its end is recorded a little after the wakeup ends the span. */
        for (guint i = 0; i < flows->len; i++)
          {
            const WeftFlow *flow = &g_array_index (flows, WeftFlow, i);

            /* The join's own arrow: on its lock (the GIL passes right after). */
            if (flow->to_tid != main_thread->tid || flow->from_tid != info.lock->joined_tid ||
                flow->detail != info.lock->index || flow->to_ns < in.start_ns ||
                flow->to_ns > in.end_ns + 10 * 1000000)
              continue;
            g_assert_cmpint (flow->kind, !=, WEFT_FLOW_LOCK_HANDOFF);
            join_wakeups += flow->kind == WEFT_FLOW_WAKEUP;
          }
      }
    g_assert_cmpuint (join_wakeups, >=, 1);
    g_test_message ("MainThread joined: %s", joined->str);
    g_assert_true (strstr (joined->str, "teller-"));
    g_assert_true (strstr (joined->str, "counter-"));
  }

  /* The tellers wait for self.lock in Bank.withdraw at `with self.lock:`
   * (line 14); each of the ten withdrawals of one waits for the other's.
   * The lock is named by its variable when the recorder reads the frame
   * while the teller still waits in it, else by that line (a recorder
   * slowed down, as under AddressSanitizer, may come too late for all). */
  lock_1 = lock_waits (model, teller_1, "self.lock", "Bank.withdraw", "py-bank.py", 14, &lock_stacks_1, &source) +
           lock_waits (model, teller_1, "py-bank.py:14", "Bank.withdraw", "py-bank.py", 14, &line_stacks_1, &source);
  lock_2 = lock_waits (model, teller_2, "self.lock", "Bank.withdraw", "py-bank.py", 14, &lock_stacks_2, &source) +
           lock_waits (model, teller_2, "py-bank.py:14", "Bank.withdraw", "py-bank.py", 14, &line_stacks_2, &source);
  lock_stacks_1 += line_stacks_1;
  lock_stacks_2 += line_stacks_2;
  g_assert_cmpuint (lock_1 + lock_2, >=, 5);
  g_assert_cmpuint (lock_stacks_1 + lock_stacks_2, ==, lock_1 + lock_2);
  g_assert_cmpstr (source, ==, "with self.lock:");
  /* The details pane's stack: each frame, its source indented below it. */
  {
    guint n = weft_model_thread_n_intervals (model, teller_1);
    g_autofree char *stack = NULL;

    /* Its wait in withdraw() (it also waits in a Condition first). */
    for (guint i = 0; i < n && !stack; i++)
      {
        WeftStateInterval in;

        weft_model_thread_get_interval (model, teller_1, i, &in);
        if (in.state == WEFT_STATE_LOCK)
          stack = weft_model_describe_python_stack (model, teller_1, in.start_ns);
        if (stack && !g_str_has_prefix (stack, "Bank.withdraw()"))
          g_clear_pointer (&stack, g_free);
      }
    g_assert_nonnull (stack);
    g_test_message ("teller-1's stack:\n%s", stack);
    g_assert_true (g_str_has_prefix (stack, "Bank.withdraw() — py-bank.py:14\n    with self.lock:\n"));
  }

  /* The counters take turns on the GIL, waiting for it inside count()'s
   * loop. */
  /* `weft stats --json` says the same: the teller's name, a stack inside
   * teller() for its longest wait (lock, sleep or barrier), the lock's name. */
  {
    const char *args[] = { "stats", "--json", trace->path, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "\"python_name\" : \"teller-1\""));
    g_assert_nonnull (strstr (out, "\"function\" : \"teller\""));
    /* The lock as the model named it above (variable, or waiting line). */
    g_assert_true (strstr (out, "\"name\" : \"self.lock\"") || strstr (out, "\"name\" : \"py-bank.py:14\""));
  }

  /* The text summary too, as a student reads it: threads by their names,
   * and the GIL once for the process, though it is several futex words. */
  {
    const char *args[] = { "stats", trace->path, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *gil_line = g_strdup_printf ("  GIL in %u: ", root->pid);
    g_autofree char *counter_line = g_strdup_printf ("thread %u counter-1 ", counter_1->tid);
    const char *gil = NULL;

    g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, counter_line));
    gil = strstr (out, gil_line);
    g_assert_nonnull (gil);
    g_assert_null (strstr (gil + 1, gil_line));
  }

  /* Exported for Perfetto, the threads keep the names they have here. */
  {
    g_autofree char *json = g_strconcat (trace->path, ".json", NULL);
    const char *args[] = { "export", trace->path, "--format", "chrome-json", "-o", json, NULL };
    g_autofree char *out = NULL, *err = NULL, *text = NULL;
    g_autofree char *counter_name = g_strdup_printf ("\"name\":\"counter-1 %u\"", counter_1->tid);

    g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
    g_unlink (json);
    g_assert_nonnull (strstr (text, counter_name));
  }

  gil_1 = lock_waits (model, counter_1, "GIL", "count", "py-bank.py", 0, &gil_stacks_1, NULL);
  gil_2 = lock_waits (model, counter_2, "GIL", "count", "py-bank.py", 0, &gil_stacks_2, NULL);
  g_assert_cmpuint (gil_1, >=, 3);
  g_assert_cmpuint (gil_2, >=, 3);
  g_assert_cmpuint (gil_stacks_1 + gil_stacks_2, >=, 3);
}

/* A program whose main code ends before its thread: Python waits for the
 * thread at exit, and the main thread's lane says so (a join), not "a
 * lock at threading.py:1583". */
static void
test_waits_for_threads_at_exit (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("tests/programs/py-shutdown.py");
  g_autoptr (WeftModel) model = load (trace);
  const WeftProcess *root = weft_model_get_root (model);
  const WeftThread *main_thread = g_ptr_array_index (root->threads, 0);
  const WeftThread *worker = thread_named (model, root, "worker");
  guint n = weft_model_thread_n_intervals (model, main_thread), at_exit = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_nonnull (worker);
  for (guint i = 0; i < n; i++)
    {
      WeftStateInterval in;
      WeftWaitInfo info;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      weft_model_thread_get_interval (model, main_thread, i, &in);
      if (!in.wait || !weft_model_get_wait_info (model, in.wait, &info) || !info.lock || info.n_frames < 1 ||
          !g_str_equal (info.frames[0].function, "_shutdown") || in.state == WEFT_STATE_GIL)
        continue;
      g_assert_cmpint (in.state, ==, WEFT_STATE_JOIN);
      g_assert_cmpuint (info.lock->joined_tid, ==, worker->tid);
      text = weft_model_describe_interval (model, &in);
      expected = g_strdup_printf ("waiting for worker %u to end (join)", worker->tid);
      g_assert_nonnull (strstr (text, expected));
      at_exit++;
    }
  g_assert_cmpuint (at_exit, ==, 1);
}

/* The course's Python deadlock in `weft show`: the stall line names the
 * two locks, and says the main thread waits (at exit) for a thread to
 * end, not on a lock called "join" or "threading.py:1583"; the threads'
 * waits end with the process, woken by nobody. */
static void
test_stall_in_words (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("demos/python/threads_deadlock.py");
  const char *args[] = { "show", trace->path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) lines = NULL;
  const char *stall = NULL;

  g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] && !stall; i++)
    if (g_str_has_prefix (lines[i], "DEADLOCK (stall)"))
      stall = lines[i];
  g_assert_nonnull (stall);
  g_test_message ("%s", stall);
  g_assert_nonnull (strstr (stall, " waiting on mutex"));
  g_assert_nonnull (strstr (stall, "mutexA"));
  g_assert_nonnull (strstr (stall, "mutexB"));
  g_assert_true (g_str_has_suffix (stall, ", or for a thread to end (join)"));
  g_assert_null (strstr (stall, " join,"));
  g_assert_null (strstr (stall, "threading.py"));
  /* The watchdog's exit kills the stuck threads: that ends their waits,
   * but nobody woke them (the main thread released no lock). */
  {
    guint stuck = 0;

    for (guint i = 0; lines[i]; i++)
      if (strstr (lines[i], "waiting for lock mutex"))
        {
          g_assert_null (strstr (lines[i], "woken by"));
          stuck++;
        }
    g_assert_cmpuint (stuck, ==, 10);
  }
}

static void
test_unknown_python (void)
{
  g_autofree char *path = weft_test_program_path ("fake-python");
  const char *argv[] = { path, NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  g_autoptr (WeftModel) model = NULL;
  g_autoptr (GPtrArray) stacks = NULL;
  const WeftProcess *root;
  const char *note;

  g_assert_cmpint (trace->exit_status, ==, 0);
  model = load (trace);
  root = weft_model_get_root (model);
  /* Recorded as before: its sleeps are there; no stack; one sentence why. */
  g_assert_cmpuint (weft_model_thread_n_intervals (model, g_ptr_array_index (root->threads, 0)), >=, 4);
  stacks = weft_test_events_of_kind (trace, WEFT_EV_PY_STACK);
  g_assert_cmpuint (stacks->len, ==, 0);
  note = weft_model_get_python_note (model, root->pid);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "CPython 3.12.1"));
  g_assert_nonnull (strstr (note, "3.11.2"));
  g_assert_cmpstr (weft_model_get_first_python_note (model), ==, note);
}

/* multiprocessing's names for its processes, with no prctl: the one the
 * program gave ("saver") and a Pool's ForkPoolWorker-N. */
static void
test_multiprocessing_names (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("tests/programs/py-mp.py");
  g_autoptr (WeftModel) model = NULL;
  const WeftProcess *root;
  guint savers = 0, pool_workers = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_nonnull (strstr (trace->stdout_text, "sum 6"));
  model = load (trace);
  root = weft_model_get_root (model);
  g_assert_cmpuint (root->children->len, ==, 3);
  for (guint i = 0; i < root->children->len; i++)
    {
      const WeftProcess *child = g_ptr_array_index (root->children, i);
      const char *label = weft_thread_get_label (g_ptr_array_index (child->threads, 0));

      if (g_strcmp0 (label, "saver") == 0)
        savers++;
      else if (g_str_has_prefix (label, "ForkPoolWorker-"))
        pool_workers++;
      else
        g_error ("child %u is labelled \"%s\", not by its multiprocessing name", child->pid, label);
    }
  g_assert_cmpuint (savers, ==, 1);
  g_assert_cmpuint (pool_workers, ==, 2);

  /* The Pool's own threads wait in the library's multiprocessing/pool.py,
   * and `weft show` says so: a student's pool.py is another file. */
  {
    const char *args[] = { "show", trace->path, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, " — multiprocessing/pool.py:"));
    g_assert_null (strstr (out, " — pool.py:"));
  }
}

/* threading.current_thread().name = "server" after the main thread has
 * already waited, and "client-1" in a child of os.fork(): the rows say so. */
static void
test_main_thread_renamed (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("tests/programs/py-rename.py");
  g_autoptr (WeftModel) model = NULL;
  const WeftProcess *root;

  g_assert_cmpint (trace->exit_status, ==, 0);
  model = load (trace);
  root = weft_model_get_root (model);
  g_assert_cmpstr (weft_process_get_label (root), ==, "server");
  g_assert_cmpuint (root->children->len, ==, 1);
  g_assert_cmpstr (weft_process_get_label (g_ptr_array_index (root->children, 0)), ==, "client-1");
}

/* The label of the lock of thread's longest lock wait (its length in
 * *longest), or NULL; *object (optional): what the wait waits on, as the
 * viewer labels it ("Event ready"). */
static char *
longest_lock_wait_on (WeftModel *model, const WeftThread *thread, guint64 *longest, char **object)
{
  guint n = weft_model_thread_n_intervals (model, thread);
  char *label = NULL;

  *longest = 0;
  for (guint i = 0; i < n; i++)
    {
      WeftStateInterval in;
      WeftWaitInfo info;

      weft_model_thread_get_interval (model, thread, i, &in);
      if (in.state != WEFT_STATE_LOCK || in.end_ns - in.start_ns <= *longest ||
          !weft_model_get_wait_info (model, in.wait, &info) || !info.lock)
        continue;
      *longest = in.end_ns - in.start_ns;
      g_free (label);
      label = weft_lock_label (info.lock);
      if (object)
        {
          g_auto (WeftWaitWords) words = { 0 };

          weft_model_describe_wait (model, &in, &words);
          g_free (*object);
          *object = g_steal_pointer (&words.object);
        }
    }
  return label;
}

static char *
longest_lock_wait (WeftModel *model, const WeftThread *thread, guint64 *longest)
{
  return longest_lock_wait_on (model, thread, longest, NULL);
}

/* A thread in Condition.wait () blocks on a lock made for that one wait;
 * its name is what the program waits on: the Condition, the Event, the
 * Queue (its not_empty), an object's Condition attribute, an Event in a
 * global object's attribute.  The viewer and `weft show` say what kind
 * of object that is, as the course does: not a "lock". */
static void
test_condition_names (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("tests/programs/py-waits.py");
  g_autoptr (WeftModel) model = NULL;
  const WeftProcess *root;
  const struct {
    const char *thread, *waits_on, *object;
  } expected[] = {
    { "on-condition", "not_full", "Condition not_full" },
    { "on-event", "ready", "Event ready" },
    { "on-queue", "jobs.not_empty", "Queue jobs.not_empty" },
    { "on-shelf", "s.changed", "Condition s.changed" },
    { "on-done", "shelf.done", "Event shelf.done" },
    { "on-semaphore", "seats", "Semaphore seats" },
    { "on-barrier", "meeting", "Barrier meeting" },
    { "on-future", "answer", "Future answer" },
    /* Named by a line of threading.py (any), which says nothing more. */
    { "on-timer", "threading.py:", "Timer" },
    { "in-timer", "late", "Event late" },
  };

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_nonnull (strstr (trace->stdout_text, "done"));
  model = load (trace);
  root = weft_model_get_root (model);
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      const WeftThread *thread = thread_named (model, root, expected[e].thread);
      guint64 longest = 0;
      g_autofree char *label = NULL;
      g_autofree char *object = NULL;

      g_assert_nonnull (thread);
      /* Its long wait, for the main thread's 0.5 s. */
      label = longest_lock_wait_on (model, thread, &longest, &object);
      g_test_message ("%s waited %.3f s on %s (%s)", expected[e].thread, longest / 1e9, label, object);
      g_assert_cmpuint (longest, >=, 300 * 1000000);
      if (g_str_has_suffix (expected[e].waits_on, ":"))
        g_assert_true (g_str_has_prefix (label, expected[e].waits_on));
      else
        g_assert_cmpstr (label, ==, expected[e].waits_on);
      /* The kind, then the program's name for it. */
      g_assert_cmpstr (object, ==, expected[e].object);
    }

  /* One thread waits on first, second and third in turn: each wait's
   * lock may take the address of the one before, from the same line of
   * threading.py, and is still named by its own Condition. */
  {
    const WeftThread *thread = thread_named (model, root, "in-turn");
    g_autoptr (GString) waited_on = g_string_new (NULL);
    guint n;

    g_assert_nonnull (thread);
    n = weft_model_thread_n_intervals (model, thread);
    for (guint i = 0; i < n; i++)
      {
        WeftStateInterval in;
        WeftWaitInfo info;
        g_autofree char *label = NULL;

        weft_model_thread_get_interval (model, thread, i, &in);
        if (in.state != WEFT_STATE_LOCK || in.end_ns - in.start_ns < 200 * 1000000 ||
            !weft_model_get_wait_info (model, in.wait, &info) || !info.lock)
          continue;
        label = weft_lock_label (info.lock);
        g_string_append_printf (waited_on, "%s%s", waited_on->len ? " " : "", label);
      }
    g_test_message ("in-turn waited on %s", waited_on->str);
    g_assert_cmpstr (waited_on->str, ==, "first second third");
  }
}

/* CPython frees a lock and gives its memory to the next one: the demo's
 * three rounds each wait on a new Event (filled) and join threads whose
 * locks take the freed addresses.  Every consumer still waited on
 * "filled", not on what the address held later. */
static void
test_reused_lock_memory (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("demos/python/threads_queues.py");
  g_autoptr (WeftModel) model = NULL;
  const WeftProcess *root;
  guint consumers = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  model = load (trace);
  root = weft_model_get_root (model);
  for (guint i = 0; i < root->threads->len; i++)
    {
      const WeftThread *thread = g_ptr_array_index (root->threads, i);
      g_autofree char *label = NULL;
      guint64 longest;

      if (g_strcmp0 (weft_thread_get_label (thread), "consumer") != 0)
        continue;
      label = longest_lock_wait (model, thread, &longest);
      g_test_message ("consumer %u waited %.3f s on %s", thread->tid, longest / 1e9, label);
      g_assert_cmpuint (longest, >=, 500 * 1000000);
      g_assert_cmpstr (label, ==, "filled");
      consumers++;
    }
  g_assert_cmpuint (consumers, ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model-python/bank", test_bank);
  g_test_add_func ("/model-python/waits-for-threads-at-exit", test_waits_for_threads_at_exit);
  g_test_add_func ("/model-python/stall-in-words", test_stall_in_words);
  g_test_add_func ("/model-python/unknown-python", test_unknown_python);
  g_test_add_func ("/model-python/multiprocessing-names", test_multiprocessing_names);
  g_test_add_func ("/model-python/main-thread-renamed", test_main_thread_renamed);
  g_test_add_func ("/model-python/condition-names", test_condition_names);
  g_test_add_func ("/model-python/reused-lock-memory", test_reused_lock_memory);
  return g_test_run ();
}

/* test-model-tree.c: the process tree — zombies, automatic reaping,
 * orphans and their adoption, exits, exec, threads, signals, flows. */
#include <glib.h>

#include "synth-trace.h"

#define ROOT 100
#define SIGCHLD_ 17
#define SIGTERM_ 15
#define SIGUSR1_ 10

static WeftProcess *
process (WeftModel *model, guint32 pid)
{
  WeftProcess *p = weft_model_lookup_process (model, pid);

  g_assert_nonnull (p);
  return p;
}

static gboolean
has_flow (WeftModel *model, WeftFlowKind kind, guint32 from, guint32 to)
{
  GArray *flows = weft_model_get_flows (model);

  for (guint i = 0; i < flows->len; i++)
    {
      const WeftFlow *f = &g_array_index (flows, WeftFlow, i);

      if (f->kind == kind && f->from_tid == from && f->to_tid == to)
        return TRUE;
    }
  return FALSE;
}

/* The child exits at 10 ms, the parent waits at 50 ms: a zombie for 40. */
static void
test_zombie_until_wait (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  WeftProcess *child;

  synth_exec (s, MS (1), ROOT, "/usr/bin/python3", "python3");
  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "python3");
  synth_exit (s, MS (10), 200, 200, 3 << 8, TRUE, ROOT);
  synth_signal (s, MS (10), 200, 200, ROOT, SIGCHLD_, FALSE);
  synth_wait (s, MS (50), MS (50) + 1000, ROOT, ROOT, 200, 3 << 8);
  synth_exit (s, MS (60), ROOT, ROOT, 0, TRUE, 1);
  synth_reap (s, MS (61), 1, ROOT, WEFT_REAP_BY_RECORDER);
  model = synth_model (s);
  child = process (model, 200);

  g_assert_true (child->parent == process (model, ROOT));
  g_assert_cmpuint (child->ppid, ==, ROOT);
  g_assert_cmpuint (child->exit_ns, ==, MS (10));
  g_assert_cmpint (weft_process_get_exit_code (child), ==, 3);
  g_assert_cmpint (weft_process_get_exit_signal (child), ==, 0);
  g_assert_cmpuint (child->reap_ns, ==, MS (50) + 1000);
  g_assert_cmpuint (child->reaped_by, ==, ROOT);
  g_assert_false (child->auto_reaped);
  g_assert_true (weft_process_is_zombie_at (child, MS (30)));
  g_assert_false (weft_process_is_zombie_at (child, MS (5)));
  g_assert_false (weft_process_is_zombie_at (child, MS (55)));
  g_assert_true (has_flow (model, WEFT_FLOW_CHILD_EXIT, 200, ROOT));
  /* The root is released by the recorder: no zombie to show. */
  g_assert_true (process (model, ROOT)->reaped_by_recorder);
  g_assert_false (weft_process_is_zombie_at (process (model, ROOT), MS (60) + 500));
  g_assert_cmpstr (process (model, ROOT)->exec_path, ==, "/usr/bin/python3");
}

/* Recorders before 2026-12 took a wait that reported a stopped child
 * (waitpid (pid, NULL, WUNTRACED)) for a reap.  A process cannot exit
 * after its reap: the exit shows that "reap" was a stop, and the real
 * reap comes after. */
static void
test_stop_reported_by_old_recorder (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  WeftProcess *child;

  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "demo");
  synth_switch_out (s, MS (2) + 500000, 200, 200, 0x4 /* __TASK_STOPPED */);
  synth_wait (s, MS (3), MS (6), ROOT, ROOT, 200, -1);
  synth_reap (s, MS (6), ROOT, 200, 0);
  synth_switch_in (s, MS (40), 200, 200);
  synth_exit (s, MS (100), 200, 200, 4 << 8, TRUE, ROOT);
  synth_wait (s, MS (150), MS (150) + 1000, ROOT, ROOT, 200, 4 << 8);
  synth_reap (s, MS (150) + 1000, ROOT, 200, 0);
  synth_stop (s, MS (200), 0);
  model = synth_model (s);
  child = process (model, 200);

  g_assert_cmpuint (child->exit_ns, ==, MS (100));
  g_assert_cmpint (weft_process_get_exit_code (child), ==, 4);
  g_assert_cmpuint (child->reap_ns, ==, MS (150) + 1000);
  g_assert_cmpuint (child->reaped_by, ==, ROOT);
  g_assert_false (weft_process_is_zombie_at (child, MS (50)));
  g_assert_true (weft_process_is_zombie_at (child, MS (120)));
  g_assert_false (weft_process_is_zombie_at (child, MS (160)));
}

/* A thread still waiting on a lock when main exits is taken by the exit:
 * the exit's kill wakes it, but nobody woke it to go on.  The kernel
 * may end its futex wait first (interrupted by that kill): the same. */
static void
check_thread_ended_by_exit_not_woken (gboolean wait_returns)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  WeftProcess *p;
  WeftThread *waiter = NULL;
  WeftStateInterval interval;
  WeftWaitInfo info;
  gint at;

  synth_fork (s, MS (2), ROOT, ROOT, ROOT, ROOT + 1, TRUE, "waiter");
  synth_switch_in (s, MS (3), ROOT, ROOT + 1);
  synth_futex_wait (s, MS (10), ROOT, ROOT + 1, 0x5000, WEFT_FUTEX_CLASS_MUTEX, ROOT, 0, FALSE);
  synth_switch_out (s, MS (10) + 1000, ROOT, ROOT + 1, 0x1 /* TASK_INTERRUPTIBLE */);
  synth_wakeup (s, MS (50), ROOT, ROOT, ROOT, ROOT + 1);
  synth_switch_in (s, MS (50) + 2000, ROOT, ROOT + 1);
  if (wait_returns)
    synth_futex_wait_end (s, MS (50) + 2500, ROOT, ROOT + 1, 0x5000, WEFT_FUTEX_SIGNALLED);
  synth_exit (s, MS (50) + 3000, ROOT, ROOT + 1, 0, FALSE, 1);
  synth_exit (s, MS (50) + 4000, ROOT, ROOT, 0, TRUE, 1);
  synth_stop (s, MS (60), 0);
  model = synth_model (s);
  p = process (model, ROOT);
  for (guint i = 0; i < p->threads->len; i++)
    if (((WeftThread *) g_ptr_array_index (p->threads, i))->tid == ROOT + 1)
      waiter = g_ptr_array_index (p->threads, i);
  g_assert_nonnull (waiter);
  at = weft_model_thread_find_interval (model, waiter, MS (30));
  g_assert_cmpint (at, >=, 0);
  weft_model_thread_get_interval (model, waiter, at, &interval);
  g_assert_cmpint (interval.state, ==, WEFT_STATE_LOCK);
  g_assert_true (weft_model_get_wait_info (model, interval.wait, &info));
  g_assert_cmpuint (info.woken_by_tid, ==, 0);
}

static void
test_thread_ended_by_exit_not_woken (void)
{
  check_thread_ended_by_exit_not_woken (FALSE);
}

static void
test_thread_ended_by_exit_wait_returns (void)
{
  check_thread_ended_by_exit_not_woken (TRUE);
}

/* Never waited for: a zombie until the end of the trace. */
static void
test_zombie_never_reaped (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;

  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "demo");
  synth_exit (s, MS (10), 200, 200, 0, TRUE, ROOT);
  synth_stop (s, MS (100), 0);
  model = synth_model (s);

  g_assert_true (weft_process_is_zombie_at (process (model, 200), MS (99)));
  g_assert_cmpuint (process (model, 200)->reap_ns, ==, WEFT_TIME_NONE);
}

/* SIGCHLD ignored: released at exit, never a zombie. */
static void
test_auto_reap (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  WeftProcess *child;
  WeftThread *thread;
  WeftStateInterval last;

  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "demo");
  synth_exit (s, MS (10), 200, 200, 0, TRUE, ROOT);
  synth_reap (s, MS (10), ROOT, 200, WEFT_REAP_AUTO);
  synth_stop (s, MS (100), 0);
  model = synth_model (s);
  child = process (model, 200);

  g_assert_true (child->auto_reaped);
  g_assert_cmpuint (child->reaped_by, ==, ROOT);
  g_assert_false (weft_process_is_zombie_at (child, MS (50)));
  thread = g_ptr_array_index (child->threads, 0);
  weft_model_thread_get_interval (model, thread, weft_model_thread_n_intervals (model, thread) - 1, &last);
  g_assert_cmpint (last.state, !=, WEFT_STATE_ZOMBIE);
  g_assert_cmpuint (last.end_ns, ==, MS (10));
}

/* The parent dies first: the orphan is adopted by init (not traced), which
 * reaps it at once. */
static void
test_orphan_adopted (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  WeftProcess *orphan;

  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "parent");
  synth_fork (s, MS (3), 200, 200, 300, 300, FALSE, "orphan");
  synth_exit (s, MS (10), 200, 200, 0, TRUE, ROOT);
  synth_reparent (s, MS (10), 200, 300, 1);
  synth_wait (s, MS (11), MS (12), ROOT, ROOT, 200, 0);
  synth_exit (s, MS (40), 300, 300, 0, TRUE, 1);
  synth_exit (s, MS (50), ROOT, ROOT, 0, TRUE, 1);
  synth_stop (s, MS (60), 0);
  model = synth_model (s);
  orphan = process (model, 300);

  g_assert_cmpuint (orphan->ppid, ==, 200);
  g_assert_cmpuint (orphan->reparented_to, ==, 1);
  g_assert_cmpuint (orphan->reparented_ns, ==, MS (10));
  g_assert_true (orphan->reaped_outside);
  g_assert_false (weft_process_is_zombie_at (orphan, MS (45)));
  g_assert_false (orphan->outlived_root);
}

/* A daemon-like child outlives the traced command. */
static void
test_outlives_root (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;

  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "daemon");
  synth_exit (s, MS (10), ROOT, ROOT, 0, TRUE, 1);
  synth_reparent (s, MS (10), ROOT, 200, 1);
  synth_stop (s, MS (20), 0);
  model = synth_model (s);

  g_assert_true (process (model, 200)->outlived_root);
  g_assert_cmpuint (process (model, 200)->exit_ns, ==, WEFT_TIME_NONE);
  g_assert_true (weft_process_is_alive_at (process (model, 200), MS (20)));
}

/* Threads belong to their process; killed by a signal. */
static void
test_threads_and_signals (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  WeftProcess *child;
  GArray *counts;
  gboolean found = FALSE;

  synth_fork (s, MS (1), ROOT, ROOT, 200, 200, FALSE, "worker");
  synth_fork (s, MS (2), 200, 200, 200, 201, TRUE, "worker-1");
  synth_fork (s, MS (3), 200, 200, 200, 202, TRUE, "worker-2");
  synth_signal (s, MS (10), ROOT, ROOT, 200, SIGTERM_, TRUE);
  synth_exit (s, MS (11), 200, 201, SIGTERM_, FALSE, ROOT);
  synth_exit (s, MS (11), 200, 202, SIGTERM_, FALSE, ROOT);
  synth_exit (s, MS (11), 200, 200, SIGTERM_, TRUE, ROOT);
  synth_wait (s, MS (12), MS (13), ROOT, ROOT, 200, SIGTERM_);
  model = synth_model (s);
  child = process (model, 200);

  g_assert_cmpuint (child->threads->len, ==, 3);
  g_assert_cmpuint (((WeftThread *) g_ptr_array_index (child->threads, 0))->tid, ==, 200);
  g_assert_cmpstr (((WeftThread *) g_ptr_array_index (child->threads, 1))->name, ==, "worker-1");
  g_assert_cmpuint (((WeftThread *) g_ptr_array_index (child->threads, 1))->end_ns, ==, MS (11));
  g_assert_cmpint (weft_process_get_exit_code (child), ==, -1);
  g_assert_cmpint (weft_process_get_exit_signal (child), ==, SIGTERM_);
  g_assert_true (has_flow (model, WEFT_FLOW_SIGNAL, ROOT, 200));
  counts = weft_model_get_signal_counts (model);
  for (guint i = 0; i < counts->len; i++)
    {
      const WeftSignalCount *c = &g_array_index (counts, WeftSignalCount, i);

      if (c->signal == SIGTERM_ && c->from_pid == ROOT && c->to_pid == 200)
        found = c->count == 1;
    }
  g_assert_true (found);
}

/* Tree order: depth first, children under their parent. */
static void
test_tree_order (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  g_autoptr (GArray) depths = NULL;
  g_autoptr (GPtrArray) tree = NULL;
  const guint32 expected_pids[] = { ROOT, 200, 400, 300 };
  const guint expected_depths[] = { 0, 1, 2, 1 };

  synth_exec (s, MS (1), ROOT, "/bin/sh", "sh");
  synth_fork (s, MS (2), ROOT, ROOT, 200, 200, FALSE, "a");
  synth_fork (s, MS (3), ROOT, ROOT, 300, 300, FALSE, "b");
  synth_fork (s, MS (4), 200, 200, 400, 400, FALSE, "c");
  model = synth_model (s);
  tree = weft_model_list_tree (model, &depths);

  g_assert_cmpuint (tree->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (((WeftProcess *) g_ptr_array_index (tree, i))->pid, ==, expected_pids[i]);
      g_assert_cmpuint (g_array_index (depths, guint, i), ==, expected_depths[i]);
    }
  g_assert_true (weft_model_get_root (model) == process (model, ROOT));
}

/* A pid reused after its first owner was reaped is a new process. */
static void
test_pid_reuse (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;

  synth_fork (s, MS (1), ROOT, ROOT, 200, 200, FALSE, "first");
  synth_exit (s, MS (2), 200, 200, 0, TRUE, ROOT);
  synth_wait (s, MS (3), MS (4), ROOT, ROOT, 200, 0);
  synth_fork (s, MS (5), ROOT, ROOT, 200, 200, FALSE, "second");
  model = synth_model (s);

  g_assert_cmpuint (weft_model_get_processes (model)->len, ==, 3);
  g_assert_cmpstr (process (model, 200)->comm, ==, "second");
  g_assert_cmpuint (process (model, 200)->exit_ns, ==, WEFT_TIME_NONE);
}

/* weft record -p lists a family's processes in no particular order: a
 * grandchild before its parent, a child before the root.  The tree is
 * the same as if they had come parents first: one root, not three. */
static void
test_attached_child_listed_first (void)
{
  g_autoptr (SynthTrace) s = synth_new (ROOT);
  g_autoptr (WeftModel) model = NULL;
  g_autoptr (GPtrArray) tree = NULL;
  g_autoptr (GArray) depths = NULL;

  synth_task_info (s, 0, 300, 300, 200, "grandchild");
  synth_task_info (s, 0, 200, 200, ROOT, "child");
  synth_task_info (s, 0, 200, 201, ROOT, "child-thread");
  synth_task_info (s, 0, ROOT, ROOT, 1, "root");
  synth_exit (s, MS (5), 300, 300, 0, TRUE, 200);
  synth_exit (s, MS (6), 200, 201, 0, FALSE, ROOT);
  synth_exit (s, MS (6), 200, 200, 0, TRUE, ROOT);
  synth_exit (s, MS (7), ROOT, ROOT, 0, TRUE, 1);
  model = synth_model (s);
  tree = weft_model_list_tree (model, &depths);

  g_assert_cmpuint (tree->len, ==, 3);
  g_assert_cmpuint (((WeftProcess *) g_ptr_array_index (tree, 0))->pid, ==, ROOT);
  g_assert_cmpuint (((WeftProcess *) g_ptr_array_index (tree, 1))->pid, ==, 200);
  g_assert_cmpuint (((WeftProcess *) g_ptr_array_index (tree, 2))->pid, ==, 300);
  g_assert_cmpuint (g_array_index (depths, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (depths, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (depths, guint, 2), ==, 2);
  g_assert_true (process (model, 300)->parent == process (model, 200));
  g_assert_true (process (model, 200)->parent == process (model, ROOT));
  g_assert_null (process (model, ROOT)->parent);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/tree/zombie-until-wait", test_zombie_until_wait);
  g_test_add_func ("/model/tree/stop-reported-by-old-recorder", test_stop_reported_by_old_recorder);
  g_test_add_func ("/model/tree/thread-ended-by-exit-not-woken", test_thread_ended_by_exit_not_woken);
  g_test_add_func ("/model/tree/thread-ended-by-exit-not-woken-after-its-wait", test_thread_ended_by_exit_wait_returns);
  g_test_add_func ("/model/tree/zombie-never-reaped", test_zombie_never_reaped);
  g_test_add_func ("/model/tree/auto-reap", test_auto_reap);
  g_test_add_func ("/model/tree/orphan-adopted", test_orphan_adopted);
  g_test_add_func ("/model/tree/outlives-root", test_outlives_root);
  g_test_add_func ("/model/tree/threads-and-signals", test_threads_and_signals);
  g_test_add_func ("/model/tree/tree-order", test_tree_order);
  g_test_add_func ("/model/tree/pid-reuse", test_pid_reuse);
  g_test_add_func ("/model/tree/attached-child-listed-first", test_attached_child_listed_first);
  return g_test_run ();
}

/* test-model-deadlock.c: lock contention, deadlock cycles (2 and 3
 * threads, across processes), the stall detector for ownerless locks, and
 * long contention that resolves (not a deadlock). */
#include <glib.h>

#include "synth-trace.h"

#define P 100
#define LOCK_A 0x601000
#define LOCK_B 0x601040
#define LOCK_C 0x601080
#define MUTEX WEFT_FUTEX_CLASS_MUTEX
#define SEM WEFT_FUTEX_CLASS_COND

static SynthTrace *
threads (guint n)
{
  SynthTrace *s = synth_new (P);

  synth_exec (s, MS (1), P, "/usr/bin/demo", "demo");
  for (guint i = 1; i <= n; i++)
    synth_fork (s, MS (1) + i, P, P, P, P + i, TRUE, "worker");
  synth_lock_name (s, MS (2), P, LOCK_A, "lock_a");
  synth_lock_name (s, MS (2), P, LOCK_B, "lock_b");
  synth_lock_name (s, MS (2), P, LOCK_C, "lock_c");
  return s;
}

static gboolean
contains (GArray *values, guint32 value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, guint32, i) == value)
      return TRUE;
  return FALSE;
}

static const char *
lock_name (WeftModel *model, guint32 index)
{
  return ((WeftLock *) g_ptr_array_index (weft_model_get_locks (model), index))->name;
}

/* T1 holds A and wants B; T2 holds B and wants A. */
static void
test_two_thread_cycle (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *deadlocks;
  WeftDeadlock *d;

  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, MUTEX, P + 2, 0, FALSE);
  synth_futex_wait (s, MS (12), P, P + 2, LOCK_A, MUTEX, P + 1, 0, FALSE);
  synth_stop (s, MS (3000), 0);
  model = synth_model (s);
  deadlocks = weft_model_get_deadlocks (model);

  g_assert_cmpuint (deadlocks->len, ==, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_CYCLE);
  g_assert_cmpuint (d->at_ns, ==, MS (12));
  g_assert_cmpuint (d->tids->len, ==, 2);
  g_assert_true (contains (d->tids, P + 1) && contains (d->tids, P + 2));
  g_assert_cmpuint (d->locks->len, ==, 2);
  g_assert_cmpstr (lock_name (model, g_array_index (d->locks, guint32, 0)), !=,
                   lock_name (model, g_array_index (d->locks, guint32, 1)));
  g_assert_false (d->resolved);
}

/* T1 waits for B, held by T2.  T2 unlocks B (its FUTEX_WAKE wakes T1) and
 * then waits for A, which T1 holds — but T1 is about to run with B: it is
 * only its WAIT_END that has not come in yet (another cpu, a busy one).
 * Seen in CPython: the GIL's mutex, then a threading.Lock. */
static void
test_released_lock_is_no_cycle (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;

  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, MUTEX, P + 2, 0, FALSE);
  synth_futex_wake (s, MS (11), P, P + 2, LOCK_B, 1);
  synth_futex_wait (s, MS (12), P, P + 2, LOCK_A, MUTEX, P + 1, 0, FALSE);
  synth_futex_wait_end (s, MS (13), P, P + 1, LOCK_B, 0);
  synth_futex_wake (s, MS (14), P, P + 1, LOCK_A, 1);
  synth_futex_wait_end (s, MS (15), P, P + 2, LOCK_A, 0);
  synth_stop (s, MS (3000), 0);
  model = synth_model (s);

  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 0);
}

/* A holder known late: T2 waits a moment for a mutex T1 let go of inside
 * pthread_cond_wait() (no probe sees that), so its wait closes a "cycle"
 * with T1, and ends 0.5 ms later as the real holder lets go.  A deadlock
 * holds: this is none.  (Seen once in CI as a three-thread cycle through
 * the GIL's mutex in the course's Python deadlock.) */
static void
test_cycle_that_comes_apart_is_none (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;

  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, MUTEX, P + 2, 0, FALSE);
  synth_futex_wait (s, MS (12), P, P + 2, LOCK_A, MUTEX, P + 1, 0, FALSE);
  synth_futex_wait_end (s, MS (12) + 500000, P, P + 2, LOCK_A, 0);
  synth_stop (s, MS (3000), 0);
  model = synth_model (s);

  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 0);
}

/* Killed 8 ms after the cycle closed (a watchdog's exit): the kernel ends
 * T1's wait for the kill first, then the threads exit.  A deadlock all the
 * same, never resolved.  A handled signal in the same place is no kill:
 * the thread goes on and waits for something else, and a "cycle" that
 * came apart so is none. */
static void
test_cycle_killed_early (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (SynthTrace) handled = threads (2);
  g_autoptr (WeftModel) model = NULL;
  g_autoptr (WeftModel) handled_model = NULL;
  WeftDeadlock *d;

  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, MUTEX, P + 2, 0, FALSE);
  synth_futex_wait (s, MS (12), P, P + 2, LOCK_A, MUTEX, P + 1, 0, FALSE);
  synth_futex_wait_end (s, MS (20), P, P + 1, LOCK_B, WEFT_FUTEX_SIGNALLED);
  synth_exit (s, MS (21), P, P + 1, 9, FALSE, 1);
  synth_exit (s, MS (21), P, P + 2, 9, FALSE, 1);
  synth_stop (s, MS (3000), 0);
  model = synth_model (s);
  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 1);
  d = g_ptr_array_index (weft_model_get_deadlocks (model), 0);
  g_assert_cmpuint (d->at_ns, ==, MS (12));
  g_assert_false (d->resolved);

  synth_futex_wait (handled, MS (10), P, P + 1, LOCK_B, MUTEX, P + 2, 0, FALSE);
  synth_futex_wait (handled, MS (12), P, P + 2, LOCK_A, MUTEX, P + 1, 0, FALSE);
  synth_futex_wait_end (handled, MS (20), P, P + 1, LOCK_B, WEFT_FUTEX_SIGNALLED);
  synth_futex_wait (handled, MS (21), P, P + 1, LOCK_C, MUTEX, 0, 0, FALSE);
  synth_stop (handled, MS (3000), 0);
  handled_model = synth_model (handled);
  g_assert_cmpuint (weft_model_get_deadlocks (handled_model)->len, ==, 0);
}

/* T1 -> B (T2), T2 -> C (T3), T3 -> A (T1): closes when T3 blocks. */
static void
test_three_thread_cycle (void)
{
  g_autoptr (SynthTrace) s = threads (3);
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *deadlocks;
  WeftDeadlock *d;

  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, MUTEX, P + 2, 0, FALSE);
  synth_futex_wait (s, MS (11), P, P + 2, LOCK_C, MUTEX, P + 3, 0, FALSE);
  synth_futex_wait (s, MS (15), P, P + 3, LOCK_A, MUTEX, P + 1, 0, FALSE);
  synth_stop (s, MS (50), 0);
  model = synth_model (s);
  deadlocks = weft_model_get_deadlocks (model);

  g_assert_cmpuint (deadlocks->len, ==, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_CYCLE);
  g_assert_cmpuint (d->at_ns, ==, MS (15));
  g_assert_cmpuint (d->tids->len, ==, 3);
  g_assert_cmpuint (d->locks->len, ==, 3);
}

/* Two processes sharing mutexes in shared memory deadlock each other. */
static void
test_cross_process_cycle (void)
{
  g_autoptr (SynthTrace) s = synth_new (P);
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *deadlocks;
  WeftDeadlock *d;

  synth_exec (s, MS (1), P, "/usr/bin/demo", "demo");
  synth_fork (s, MS (2), P, P, 200, 200, FALSE, "demo");
  synth_futex_wait (s, MS (10), P, P, LOCK_B, MUTEX, 200, 0, TRUE);
  synth_futex_wait (s, MS (11), 200, 200, LOCK_A, MUTEX, P, 0, TRUE);
  synth_stop (s, MS (20), 0);
  model = synth_model (s);
  deadlocks = weft_model_get_deadlocks (model);

  g_assert_cmpuint (deadlocks->len, ==, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_CYCLE);
  g_assert_true (contains (d->tids, P) && contains (d->tids, 200));
  g_assert_cmpuint (d->at_ns, ==, MS (11));
}

/* Semaphores have no owner: both workers wait forever on each other's
 * semaphore while the main thread joins them. */
static void
test_stall (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *deadlocks;
  WeftDeadlock *d;

  synth_futex_wait (s, MS (5), P, P, 0x7000 + P + 1, SEM, 0, 0, FALSE); /* join */
  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, SEM, 0, 0, FALSE);
  synth_futex_wait (s, MS (20), P, P + 2, LOCK_A, SEM, 0, 0, FALSE);
  synth_stop (s, MS (2500), 0);
  model = synth_model (s);
  deadlocks = weft_model_get_deadlocks (model);

  g_assert_cmpuint (deadlocks->len, ==, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_STALL);
  g_assert_cmpuint (d->at_ns, ==, MS (20));
  g_assert_cmpuint (d->tids->len, ==, 3);
  g_assert_true (contains (d->tids, P + 1) && contains (d->tids, P + 2));
}

/* A watchdog signal that ends every wait at once (EINTR) is the first
 * event after a long silence: the stall before it still counts.  This is
 * how a Python Lock deadlock ending with signal.alarm() looks. */
static void
test_stall_ended_by_signal (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *deadlocks;
  WeftDeadlock *d;

  synth_futex_wait (s, MS (5), P, P, 0x7000 + P + 1, SEM, 0, 0, FALSE); /* join */
  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, SEM, 0, 0, FALSE);
  synth_futex_wait (s, MS (20), P, P + 2, LOCK_A, SEM, 0, 0, FALSE);
  synth_futex_wait_end (s, MS (3000), P, P, 0x7000 + P + 1, -4);
  synth_futex_wait_end (s, MS (3000), P, P + 1, LOCK_B, -4);
  synth_futex_wait_end (s, MS (3000), P, P + 2, LOCK_A, -4);
  synth_exit (s, MS (3001), P, P, 3 << 8, TRUE, 1);
  model = synth_model (s);
  deadlocks = weft_model_get_deadlocks (model);

  g_assert_cmpuint (deadlocks->len, ==, 1);
  d = g_ptr_array_index (deadlocks, 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_STALL);
  g_assert_cmpuint (d->at_ns, ==, MS (20));
  g_assert_cmpuint (d->tids->len, ==, 3);
  g_assert_false (d->resolved);
}

/* Live: a silent deadlocked program is found once the recorder's clock
 * records say enough time has passed, with no other event. */
static void
test_stall_found_live (void)
{
  g_autoptr (SynthTrace) s = threads (1);
  g_autoptr (SynthTrace) later = synth_new (P);
  g_autoptr (SynthTrace) much_later = synth_new (P);
  g_autoptr (WeftModel) model = weft_model_new ();
  WeftThread *worker;
  WeftStateInterval last;

  synth_futex_wait (s, MS (5), P, P, 0x7000, SEM, 0, 0, FALSE);
  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, SEM, 0, 0, FALSE);
  synth_feed (s, model);
  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 0);
  synth_clock (later, MS (500));
  synth_feed (later, model);
  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 0);
  synth_clock (much_later, MS (1500));
  synth_feed (much_later, model);
  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 1);
  g_assert_false (weft_model_is_finished (model));
  worker = weft_model_lookup_thread (model, P + 1);
  weft_model_thread_get_interval (model, worker, weft_model_thread_n_intervals (model, worker) - 1, &last);
  g_assert_true (last.open);
  g_assert_cmpuint (last.end_ns, ==, MS (1500));
}

/* Waits shorter than the threshold, or with a timeout, are no stall. */
static void
test_no_stall_when_short_or_timed (void)
{
  g_autoptr (SynthTrace) s = threads (1);
  g_autoptr (WeftModel) model = NULL;

  synth_futex_wait (s, MS (5), P, P, 0x7000, SEM, 0, 0, FALSE);
  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, SEM, 0, MS (5), FALSE); /* timed */
  synth_stop (s, MS (5000), 0);
  model = synth_model (s);
  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 0);

  {
    g_autoptr (SynthTrace) s2 = threads (1);
    g_autoptr (WeftModel) model2 = NULL;

    synth_futex_wait (s2, MS (5), P, P, 0x7000, SEM, 0, 0, FALSE);
    synth_futex_wait (s2, MS (10), P, P + 1, LOCK_B, SEM, 0, 0, FALSE);
    synth_stop (s2, MS (500), 0); /* under the 1 s threshold */
    model2 = synth_model (s2);
    g_assert_cmpuint (weft_model_get_deadlocks (model2)->len, ==, 0);
  }
}

/* Long contention that resolves is not a deadlock, and the lock table
 * counts it. */
static void
test_long_contention_resolves (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *locks;
  WeftLock *a = NULL;
  guint64 t = MS (10);

  /* T2 holds A for 3 s at a time while T1 waits; then the reverse. */
  for (guint round = 0; round < 4; round++)
    {
      guint32 waiter = round % 2 ? P + 2 : P + 1, holder = round % 2 ? P + 1 : P + 2;

      synth_futex_wait (s, t, P, waiter, LOCK_A, MUTEX, holder, 0, FALSE);
      synth_futex_wake (s, t + MS (3000), P, holder, LOCK_A, 1);
      synth_futex_wait_end (s, t + MS (3000) + 1000, P, waiter, LOCK_A, 0);
      t += MS (3001);
    }
  synth_stop (s, t + MS (10), 0);
  model = synth_model (s);

  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 0);
  locks = weft_model_get_locks (model);
  for (guint i = 0; i < locks->len; i++)
    if (((WeftLock *) g_ptr_array_index (locks, i))->addr == LOCK_A)
      a = g_ptr_array_index (locks, i);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->name, ==, "lock_a");
  g_assert_cmpuint (a->contentions, ==, 4);
  g_assert_cmpuint (a->wait_ns, ==, 4 * (MS (3000) + 1000));
  g_assert_cmpuint (a->max_wait_ns, ==, MS (3000) + 1000);
  /* The waiter's wait ended because the holder released it. */
  {
    GArray *flows = weft_model_get_flows (model);
    guint handoffs = 0;

    for (guint i = 0; i < flows->len; i++)
      if (g_array_index (flows, WeftFlow, i).kind == WEFT_FLOW_LOCK_HANDOFF)
        handoffs++;
    g_assert_cmpuint (handoffs, ==, 4);
  }
}

/* Python's Lock is a semaphore: no owner in the futex, but with --uprobes
 * the acquires name the holders and the cycle is found, while the main
 * thread merely sleeps (so the stall detector could not fire). */
static void
test_semaphore_cycle_with_uprobes (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;
  WeftDeadlock *d;

  synth_ulock (s, MS (5), P, P + 1, LOCK_A, WEFT_ULOCK_SEM_WAIT, 0);
  synth_ulock (s, MS (6), P, P + 2, LOCK_B, WEFT_ULOCK_SEM_WAIT, 0);
  synth_syscall_begin (s, MS (7), P, P, 35, -1);
  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, SEM, 0, 0, FALSE);
  synth_futex_wait (s, MS (12), P, P + 2, LOCK_A, SEM, 0, 0, FALSE);
  synth_stop (s, MS (3000), 0);
  model = synth_model (s);

  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 1);
  d = g_ptr_array_index (weft_model_get_deadlocks (model), 0);
  g_assert_cmpint (d->kind, ==, WEFT_DEADLOCK_CYCLE);
  g_assert_cmpuint (d->at_ns, ==, MS (12));
  g_assert_true (contains (d->tids, P + 1) && contains (d->tids, P + 2));
}

/* A deadlock broken by a timeout is marked resolved. */
static void
test_cycle_resolved_by_timeout (void)
{
  g_autoptr (SynthTrace) s = threads (2);
  g_autoptr (WeftModel) model = NULL;
  WeftDeadlock *d;

  synth_futex_wait (s, MS (10), P, P + 1, LOCK_B, MUTEX, P + 2, MS (100), FALSE);
  synth_futex_wait (s, MS (12), P, P + 2, LOCK_A, MUTEX, P + 1, 0, FALSE);
  synth_futex_wait_end (s, MS (110), P, P + 1, LOCK_B, -110);
  synth_stop (s, MS (200), 0);
  model = synth_model (s);

  g_assert_cmpuint (weft_model_get_deadlocks (model)->len, ==, 1);
  d = g_ptr_array_index (weft_model_get_deadlocks (model), 0);
  g_assert_true (d->resolved);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/deadlock/two-thread-cycle", test_two_thread_cycle);
  g_test_add_func ("/model/deadlock/three-thread-cycle", test_three_thread_cycle);
  g_test_add_func ("/model/deadlock/released-lock-is-no-cycle", test_released_lock_is_no_cycle);
  g_test_add_func ("/model/deadlock/cycle-that-comes-apart-is-none", test_cycle_that_comes_apart_is_none);
  g_test_add_func ("/model/deadlock/cycle-killed-early", test_cycle_killed_early);
  g_test_add_func ("/model/deadlock/cross-process-cycle", test_cross_process_cycle);
  g_test_add_func ("/model/deadlock/stall", test_stall);
  g_test_add_func ("/model/deadlock/stall-found-live", test_stall_found_live);
  g_test_add_func ("/model/deadlock/stall-ended-by-signal", test_stall_ended_by_signal);
  g_test_add_func ("/model/deadlock/no-stall-when-short-or-timed", test_no_stall_when_short_or_timed);
  g_test_add_func ("/model/deadlock/long-contention-resolves", test_long_contention_resolves);
  g_test_add_func ("/model/deadlock/cycle-resolved-by-timeout", test_cycle_resolved_by_timeout);
  g_test_add_func ("/model/deadlock/semaphore-cycle-with-uprobes", test_semaphore_cycle_with_uprobes);
  return g_test_run ();
}

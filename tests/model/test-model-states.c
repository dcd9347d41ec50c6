/* test-model-states.c: every thread-state classification, and the
 * interval queries the viewer draws with. */
#include <glib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "synth-trace.h"

#define P 100
#define NR_READ 0
#define NR_WRITE 1
#define NR_SELECT 23
#define NR_NANOSLEEP 35
#define NR_EPOLL_WAIT 232
#define NR_ACCEPT4 288

/* The state of tid at t, with its STAT letter. */
static WeftThreadState
state_at (WeftModel *model, guint32 tid, guint64 t, char *stat, guint32 *wait)
{
  WeftThread *thread = weft_model_lookup_thread (model, tid);
  WeftStateInterval interval;
  gint i;

  g_assert_nonnull (thread);
  i = weft_model_thread_find_interval (model, thread, t);
  if (i < 0)
    return WEFT_STATE_NONE;
  weft_model_thread_get_interval (model, thread, i, &interval);
  if (stat)
    *stat = interval.stat;
  if (wait)
    *wait = interval.wait;
  return interval.state;
}

static SynthTrace *
two_threads (void)
{
  SynthTrace *s = synth_new (P);

  synth_exec (s, MS (1), P, "/usr/bin/demo", "demo");
  synth_fork (s, MS (2), P, P, P, P + 1, TRUE, "worker");
  return s;
}

/* Without scheduler events states come from syscalls alone. */
static void
test_derived_from_syscalls (void)
{
  g_autoptr (SynthTrace) s = two_threads ();
  g_autoptr (WeftModel) model = NULL;
  const gint32 fds[] = { 3 | (1u << 29), 4 | (1u << 29) };
  WeftWaitInfo info;
  guint32 wait = 0;
  char stat = 0;

  synth_lock_name (s, MS (9), P, 0x1000, "mutex_a");
  synth_futex_wait (s, MS (10), P, P + 1, 0x1000, WEFT_FUTEX_CLASS_MUTEX, P, 0, FALSE);
  synth_futex_wait_end (s, MS (20), P, P + 1, 0x1000, 0);
  synth_object (s, MS (21), P, 5, WEFT_OBJ_PIPE, 777, NULL);
  synth_syscall (s, MS (30), MS (40), P, P + 1, NR_READ, 5, 10);
  synth_syscall_begin (s, MS (50), P, P + 1, NR_SELECT, -1);
  synth_fdset (s, MS (50), P, P + 1, NR_SELECT, WEFT_FDSET_WATCH, fds, 2);
  synth_syscall_end (s, MS (60), P, P + 1, NR_SELECT, -1, 1);
  synth_fdset (s, MS (60), P, P + 1, NR_SELECT, WEFT_FDSET_READY, fds + 1, 1);
  synth_syscall (s, MS (70), MS (80), P, P + 1, NR_NANOSLEEP, -1, 0);
  synth_fork (s, MS (85), P, P, P + 5, P + 5, FALSE, "child");
  synth_wait (s, MS (90), MS (100), P, P + 1, -10, 0);
  synth_syscall (s, MS (110), MS (120), P, P + 1, NR_EPOLL_WAIT, 7, 1);
  synth_stop (s, MS (130), 0);
  model = synth_model (s);

  g_assert_cmpint (state_at (model, P + 1, MS (5), &stat, NULL), ==, WEFT_STATE_RUNNING);
  g_assert_cmpint (stat, ==, 'R');
  g_assert_cmpint (state_at (model, P + 1, MS (15), &stat, &wait), ==, WEFT_STATE_LOCK);
  g_assert_cmpint (stat, ==, 'S');
  g_assert_true (weft_model_get_wait_info (model, wait, &info));
  g_assert_nonnull (info.lock);
  g_assert_cmpstr (info.lock->name, ==, "mutex_a");
  g_assert_cmpuint (info.holder_tid, ==, P);
  g_assert_cmpint (state_at (model, P + 1, MS (25), NULL, NULL), ==, WEFT_STATE_RUNNING);
  g_assert_cmpint (state_at (model, P + 1, MS (35), NULL, &wait), ==, WEFT_STATE_IO);
  g_assert_true (weft_model_get_wait_info (model, wait, &info));
  g_assert_cmpstr (info.syscall_name, ==, "read");
  g_assert_nonnull (info.object);
  g_assert_cmpstr (info.object->label, ==, "pipe:[777]");
  g_assert_cmpint (state_at (model, P + 1, MS (55), NULL, &wait), ==, WEFT_STATE_SELECT);
  g_assert_true (weft_model_get_wait_info (model, wait, &info));
  g_assert_cmpuint (info.n_fds, ==, 2);
  g_assert_cmpint (info.fds[1] & 0xffff, ==, 4);
  g_assert_cmpuint (info.n_ready_fds, ==, 1);
  g_assert_cmpint (state_at (model, P + 1, MS (75), &stat, NULL), ==, WEFT_STATE_SLEEP);
  g_assert_cmpint (stat, ==, 'S');
  g_assert_cmpint (state_at (model, P + 1, MS (95), NULL, NULL), ==, WEFT_STATE_CHILD);
  g_assert_cmpint (state_at (model, P + 1, MS (115), NULL, NULL), ==, WEFT_STATE_SELECT);
  g_assert_cmpint (state_at (model, P + 1, MS (125), NULL, NULL), ==, WEFT_STATE_RUNNING);
  g_assert_false (weft_model_has_sched_events (model));
}

/* The name a wait's lock had when it waited: a lock renamed by a better
 * name (the line, then the variable) is one lock; another lock at a freed
 * one's address is another, and the earlier waits keep theirs.  The first
 * name is written as older files have it, without flags. */
static void
test_lock_renamed (void)
{
  g_autoptr (SynthTrace) s = two_threads ();
  g_autoptr (WeftModel) model = NULL;
  WeftWaitInfo info;
  guint32 wait = 0;
  const WeftLock *first, *second;

  synth_lock_name_without_flags (s, MS (9), P, 0x1000, "bank.py:9");
  synth_futex_wait (s, MS (10), P, P + 1, 0x1000, WEFT_FUTEX_CLASS_MUTEX, 0, 0, FALSE);
  synth_futex_wait_end (s, MS (20), P, P + 1, 0x1000, 0);
  synth_lock_name (s, MS (29), P, 0x1000, "self.lock");
  synth_futex_wait (s, MS (30), P, P + 1, 0x1000, WEFT_FUTEX_CLASS_MUTEX, 0, 0, FALSE);
  synth_futex_wait_end (s, MS (40), P, P + 1, 0x1000, 0);
  synth_lock_name_another (s, MS (49), P, 0x1000, "t._tstate_lock");
  synth_futex_wait (s, MS (50), P, P + 1, 0x1000, WEFT_FUTEX_CLASS_MUTEX, 0, 0, FALSE);
  synth_futex_wait_end (s, MS (60), P, P + 1, 0x1000, 0);
  synth_stop (s, MS (70), 0);
  model = synth_model (s);

  g_assert_cmpint (state_at (model, P + 1, MS (15), NULL, &wait), ==, WEFT_STATE_LOCK);
  g_assert_true (weft_model_get_wait_info (model, wait, &info));
  first = info.lock;
  g_assert_cmpstr (first->name, ==, "self.lock");
  g_assert_cmpint (state_at (model, P + 1, MS (35), NULL, &wait), ==, WEFT_STATE_LOCK);
  g_assert_true (weft_model_get_wait_info (model, wait, &info));
  g_assert_true (info.lock == first);
  g_assert_cmpuint (first->contentions, ==, 2);
  g_assert_cmpint (state_at (model, P + 1, MS (55), NULL, &wait), ==, WEFT_STATE_LOCK);
  g_assert_true (weft_model_get_wait_info (model, wait, &info));
  second = info.lock;
  g_assert_true (second != first);
  g_assert_cmpstr (second->name, ==, "t._tstate_lock");
  g_assert_cmpuint (second->contentions, ==, 1);
  g_assert_cmpstr (first->name, ==, "self.lock");
}

/* Who woke a wait, as the details pane and `weft show` say it.  A sleep
 * ends by its timer, a process-private lock only by a thread of its
 * process: the thread on the cpu when that timer fired or an interrupt
 * came, here or in another process, woke nobody, and draws no arrow. */
static guint32
woken_by_at (WeftModel *model, guint32 tid, guint64 t)
{
  WeftThread *thread = weft_model_lookup_thread (model, tid);
  WeftStateInterval interval;
  WeftWaitInfo info;

  weft_model_thread_get_interval (model, thread, weft_model_thread_find_interval (model, thread, t), &interval);
  g_assert_true (weft_model_get_wait_info (model, interval.wait, &info));
  return info.woken_by_tid;
}

static void
test_woken_by_who_can (void)
{
  g_autoptr (SynthTrace) s = two_threads ();
  g_autoptr (WeftModel) model = NULL;
  GArray *flows;
  guint wakeups = 0;

  synth_fork (s, MS (2), P, P, 200, 200, FALSE, "other");
  synth_switch_in (s, MS (3), P, P + 1);
  synth_syscall_begin (s, MS (10), P, P + 1, NR_NANOSLEEP, -1);
  synth_switch_out (s, MS (11), P, P + 1, WEFT_TASK_INTERRUPTIBLE);
  synth_wakeup (s, MS (20), P, P, P, P + 1);                /* its timer, fired while main ran */
  synth_switch_in (s, MS (21), P, P + 1);
  synth_syscall_end (s, MS (22), P, P + 1, NR_NANOSLEEP, -1, 0);
  synth_futex_wait (s, MS (30), P, P + 1, 0x1000, WEFT_FUTEX_CLASS_MUTEX, P, 0, FALSE);
  synth_switch_out (s, MS (31), P, P + 1, WEFT_TASK_INTERRUPTIBLE);
  synth_wakeup (s, MS (35), 200, 200, P, P + 1);            /* an interrupt, in another process */
  synth_futex_wake (s, MS (40), P, P, 0x1000, 1);
  synth_wakeup (s, MS (40), P, P, P, P + 1);                /* main releases the lock */
  synth_switch_in (s, MS (41), P, P + 1);
  synth_futex_wait_end (s, MS (42), P, P + 1, 0x1000, 0);
  synth_stop (s, MS (50), 0);
  model = synth_model (s);

  g_assert_cmpint (state_at (model, P + 1, MS (15), NULL, NULL), ==, WEFT_STATE_SLEEP);
  g_assert_cmpuint (woken_by_at (model, P + 1, MS (15)), ==, 0);
  g_assert_cmpint (state_at (model, P + 1, MS (33), NULL, NULL), ==, WEFT_STATE_LOCK);
  g_assert_cmpuint (woken_by_at (model, P + 1, MS (33)), ==, P);
  flows = weft_model_get_flows (model);
  for (guint i = 0; i < flows->len; i++)
    wakeups += g_array_index (flows, WeftFlow, i).kind == WEFT_FLOW_WAKEUP;
  g_assert_cmpuint (wakeups, ==, 0);
}

/* With scheduler events: preempted vs woken, S vs D vs T. */
static void
test_sched_states (void)
{
  g_autoptr (SynthTrace) s = two_threads ();
  g_autoptr (WeftModel) model = NULL;
  WeftThread *worker;
  WeftStateInterval interval;
  char stat = 0;

  synth_switch_in (s, MS (3), P, P + 1);
  synth_switch_out (s, MS (10), P, P + 1, WEFT_TASK_RUNNING);       /* preempted */
  synth_switch_in (s, MS (20), P, P + 1);
  synth_futex_wait (s, MS (30), P, P + 1, 0x1000, WEFT_FUTEX_CLASS_MUTEX, P, 0, FALSE);
  synth_switch_out (s, MS (31), P, P + 1, WEFT_TASK_INTERRUPTIBLE); /* asleep on the lock */
  synth_futex_wake (s, MS (40), P, P, 0x1000, 1);
  synth_wakeup (s, MS (40), P, P, P, P + 1);                         /* woken: runnable */
  synth_switch_in (s, MS (45), P, P + 1);
  synth_futex_wait_end (s, MS (46), P, P + 1, 0x1000, 0);
  synth_syscall_begin (s, MS (50), P, P + 1, NR_READ, 5);
  synth_switch_out (s, MS (51), P, P + 1, WEFT_TASK_UNINTERRUPTIBLE); /* D */
  synth_wakeup (s, MS (60), 0, 0, P, P + 1);
  synth_switch_in (s, MS (61), P, P + 1);
  synth_syscall_end (s, MS (62), P, P + 1, NR_READ, 5, 100);
  synth_switch_out (s, MS (70), P, P + 1, WEFT_TASK_STOPPED);       /* T */
  synth_wakeup (s, MS (80), 0, 0, P, P + 1);
  synth_switch_in (s, MS (81), P, P + 1);
  synth_switch_out (s, MS (90), P, P + 1, WEFT_TASK_INTERRUPTIBLE); /* S, no syscall known */
  synth_wakeup (s, MS (95), 0, 0, P, P + 1);
  synth_switch_in (s, MS (96), P, P + 1);
  synth_switch_out (s, MS (98), P, P + 1, WEFT_TASK_UNINTERRUPTIBLE); /* D, no syscall known (a vfork parent) */
  synth_stop (s, MS (100), 0);
  model = synth_model (s);
  worker = weft_model_lookup_thread (model, P + 1);

  g_assert_true (weft_model_has_sched_events (model));
  g_assert_cmpint (state_at (model, P + 1, MS (5), &stat, NULL), ==, WEFT_STATE_RUNNING);
  g_assert_cmpint (state_at (model, P + 1, MS (15), &stat, NULL), ==, WEFT_STATE_RUNNABLE);
  g_assert_cmpint (stat, ==, 'R');
  weft_model_thread_get_interval (model, worker, weft_model_thread_find_interval (model, worker, MS (15)), &interval);
  g_assert_true (interval.preempted);
  /* In the futex but still on the cpu: running until it switches out. */
  g_assert_cmpint (state_at (model, P + 1, MS (30) + 500000, NULL, NULL), ==, WEFT_STATE_RUNNING);
  g_assert_cmpint (state_at (model, P + 1, MS (35), &stat, NULL), ==, WEFT_STATE_LOCK);
  g_assert_cmpint (stat, ==, 'S');
  g_assert_cmpint (state_at (model, P + 1, MS (42), NULL, NULL), ==, WEFT_STATE_RUNNABLE);
  weft_model_thread_get_interval (model, worker, weft_model_thread_find_interval (model, worker, MS (42)), &interval);
  g_assert_false (interval.preempted);
  g_assert_cmpint (state_at (model, P + 1, MS (55), &stat, NULL), ==, WEFT_STATE_IO);
  g_assert_cmpint (stat, ==, 'D');
  g_assert_cmpint (state_at (model, P + 1, MS (75), &stat, NULL), ==, WEFT_STATE_STOPPED);
  g_assert_cmpint (stat, ==, 'T');
  g_assert_cmpint (state_at (model, P + 1, MS (92), &stat, NULL), ==, WEFT_STATE_SLEEP);
  g_assert_cmpint (stat, ==, 'S');
  g_assert_cmpint (state_at (model, P + 1, MS (97), NULL, NULL), ==, WEFT_STATE_RUNNING);
  /* Uninterruptible, and no syscall says why: its own state, not "sleeping". */
  g_assert_cmpint (state_at (model, P + 1, MS (99), &stat, NULL), ==, WEFT_STATE_DISK);
  g_assert_cmpint (stat, ==, 'D');
}

/* The leader of an exited, unreaped process shows Z. */
static void
test_zombie_state (void)
{
  g_autoptr (SynthTrace) s = synth_new (P);
  g_autoptr (WeftModel) model = NULL;
  char stat = 0;

  synth_exec (s, MS (1), P, "/bin/demo", "demo");
  synth_fork (s, MS (2), P, P, P + 1, P + 1, FALSE, "demo");
  synth_exit (s, MS (10), P + 1, P + 1, 0, TRUE, P);
  synth_wait (s, MS (50), MS (60), P, P, P + 1, 0);
  model = synth_model (s);

  g_assert_cmpint (state_at (model, P + 1, MS (5), NULL, NULL), ==, WEFT_STATE_RUNNING);
  g_assert_cmpint (state_at (model, P + 1, MS (20), &stat, NULL), ==, WEFT_STATE_ZOMBIE);
  g_assert_cmpint (stat, ==, 'Z');
  g_assert_cmpint (state_at (model, P + 1, MS (70), NULL, NULL), ==, WEFT_STATE_NONE);
}

/* A child that writes to the pages it shares with its parent: its stays
 * on the cpu carry their copy-on-write faults, summed by window. */
static void
test_cow_faults (void)
{
  g_autoptr (SynthTrace) s = synth_new (P);
  g_autoptr (WeftModel) model = NULL;
  WeftThread *child, *parent;

  synth_exec (s, MS (1), P, "/usr/bin/python3", "python3");
  synth_fork (s, MS (2), P, P, P + 1, P + 1, FALSE, "python3");
  synth_switch_in (s, MS (3), P + 1, P + 1);
  synth_cow_faults (s, MS (4), MS (10), P + 1, P + 1, 1000);
  synth_switch_out (s, MS (10), P + 1, P + 1, WEFT_TASK_RUNNING);
  synth_switch_in (s, MS (11), P + 1, P + 1);
  synth_cow_faults (s, MS (12), MS (20), P + 1, P + 1, 31768);
  synth_switch_out (s, MS (20), P + 1, P + 1, WEFT_TASK_RUNNING);
  synth_cow_faults (s, MS (25), MS (26), P + 1, P + 1, G_MAXUINT32);
  synth_cow_faults (s, MS (27), MS (28), P + 1, P + 1, 0);
  model = synth_model (s);

  child = weft_model_lookup_thread (model, P + 1);
  parent = weft_model_lookup_thread (model, P);
  g_assert_cmpuint (weft_model_thread_cow_faults (model, child, 0, MS (21)), ==, 32768);
  /* By when the faulting began: the first stay, the second, neither. */
  g_assert_cmpuint (weft_model_thread_cow_faults (model, child, MS (3), MS (10)), ==, 1000);
  g_assert_cmpuint (weft_model_thread_cow_faults (model, child, MS (11), MS (20)), ==, 31768);
  g_assert_cmpuint (weft_model_thread_cow_faults (model, child, MS (5), MS (12)), ==, 0);
  g_assert_cmpuint (weft_model_thread_cow_faults (model, child, MS (20), MS (10)), ==, 0);
  g_assert_cmpuint (weft_model_thread_cow_faults (model, child, 0, G_MAXUINT64), ==, 32768 + (guint64) G_MAXUINT32);
  g_assert_cmpuint (weft_model_thread_cow_faults (model, parent, 0, G_MAXUINT64), ==, 0);
}

/* A random life, checked against a plain scan: windows, totals, bins. */
static void
test_queries_match_scan (void)
{
  g_autoptr (SynthTrace) s = two_threads ();
  g_autoptr (WeftModel) model = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  WeftThread *worker;
  guint64 t = MS (3);
  guint n;

  for (guint i = 0; i < 3000; i++)
    {
      /* Now and then a gap longer than a span offset can hold. */
      t += i % 97 == 0 ? MS (5000) : (guint64) g_rand_int_range (rand, 1000, 200000);
      if (i % 2 == 0)
        synth_switch_out (s, t, P, P + 1, g_rand_boolean (rand) ? WEFT_TASK_RUNNING : WEFT_TASK_INTERRUPTIBLE);
      else
        synth_switch_in (s, t, P, P + 1);
    }
  synth_exit (s, t + 1000, P, P + 1, 0, FALSE, 1);
  model = synth_model (s);
  worker = weft_model_lookup_thread (model, P + 1);
  n = weft_model_thread_n_intervals (model, worker);
  g_assert_cmpuint (n, >, 2000);

  for (guint k = 0; k < 50; k++)
    {
      guint64 t0 = g_rand_int_range (rand, 0, t / 1000) * G_GUINT64_CONSTANT (1000);
      guint64 t1 = t0 + g_rand_int_range (rand, 1, t / 4000) * G_GUINT64_CONSTANT (1000);
      guint64 expected[WEFT_N_STATES] = { 0 }, got[WEFT_N_STATES];
      g_autoptr (GArray) window = weft_model_thread_intervals (model, worker, t0, t1);
      guint overlapping = 0;
      WeftStateBin bins[7];

      for (guint i = 0; i < n; i++)
        {
          WeftStateInterval in;

          weft_model_thread_get_interval (model, worker, i, &in);
          if (in.end_ns > t0 && in.start_ns < t1)
            {
              expected[in.state] += MIN (in.end_ns, t1) - MAX (in.start_ns, t0);
              overlapping++;
            }
        }
      weft_model_thread_state_totals (model, worker, t0, t1, got);
      for (guint st = 0; st < WEFT_STATE_NONE; st++)
        g_assert_cmpuint (got[st], ==, expected[st]);
      g_assert_cmpuint (window->len, >=, overlapping);
      g_assert_cmpuint (window->len, <=, overlapping + 1);

      /* A bin's dominant state has the most time in its column. */
      weft_model_thread_bins (model, worker, t0, t1, G_N_ELEMENTS (bins), bins);
      for (guint c = 0; c < G_N_ELEMENTS (bins); c++)
        {
          guint64 c0 = t0 + (guint64) ((double) (t1 - t0) / 7 * c);
          guint64 c1 = c == 6 ? t1 : t0 + (guint64) ((double) (t1 - t0) / 7 * (c + 1));
          guint64 column[WEFT_N_STATES];

          weft_model_thread_state_totals (model, worker, c0, c1, column);
          for (guint st = 0; st < WEFT_STATE_NONE; st++)
            g_assert_cmpuint (column[bins[c].dominant], >=, column[st]);
        }
    }
}

/* Fed live, the last interval is open and ends at "now". */
static void
test_live_open_interval (void)
{
  g_autoptr (SynthTrace) s = two_threads ();
  WeftThread *worker;
  WeftStateInterval interval;
  guint n;

  synth_futex_wait (s, MS (10), P, P + 1, 0x1000, WEFT_FUTEX_CLASS_COND, 0, 0, FALSE);
  synth_syscall (s, MS (20), MS (30), P, P, NR_NANOSLEEP, -1, 0);
  {
    /* The file as a recorder still writing it: no END chunk yet. */
    g_autoptr (GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("weft-live-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "live.weft", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr (WeftModel) live = weft_model_new ();

    synth_write (s, path);
    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    /* Everything but the END chunk (32 + 32 bytes), in small pieces. */
    for (gsize off = 0; off < length - 64; off += 100)
      g_assert_true (weft_model_feed (live, (const guint8 *) contents + off, MIN (100, length - 64 - off), &error));
    g_assert_no_error (error);
    g_assert_false (weft_model_is_finished (live));
    worker = weft_model_lookup_thread (live, P + 1);
    g_assert_nonnull (worker);
    n = weft_model_thread_n_intervals (live, worker);
    weft_model_thread_get_interval (live, worker, n - 1, &interval);
    g_assert_cmpint (interval.state, ==, WEFT_STATE_LOCK);
    g_assert_true (interval.open);
    g_assert_cmpuint (interval.end_ns, ==, weft_model_get_end_ns (live));
    g_assert_cmpuint (weft_model_get_end_ns (live), ==, MS (30));
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* mq_timedsend returns 0: the bytes sent are the msg_len it asked for,
 * mq_timedreceive returns the bytes received. */
static void
test_mq_bytes (void)
{
  g_autoptr (SynthTrace) s = two_threads ();
  g_autoptr (WeftModel) model = NULL;
  const WeftObject *mq;

  synth_object (s, MS (5), P, 3, WEFT_OBJ_MQ, 4242, "/jobs");
  synth_syscall_begin_arg (s, MS (10), P, P, 242, 3, 6);
  synth_syscall_end (s, MS (11), P, P, 242, 3, 0);
  synth_syscall_begin_arg (s, MS (12), P, P, 242, 3, 9);
  synth_syscall_end (s, MS (13), P, P, 242, 3, -11); /* EAGAIN: nothing sent */
  synth_syscall_begin_arg (s, MS (14), P, P + 1, 243, 3, 64);
  synth_syscall_end (s, MS (20), P, P + 1, 243, 3, 6);
  synth_stop (s, MS (30), 0);
  model = synth_model (s);

  g_assert_cmpuint (weft_model_get_objects (model)->len, ==, 1);
  mq = g_ptr_array_index (weft_model_get_objects (model), 0);
  g_assert_cmpint (mq->kind, ==, WEFT_OBJECT_MQ);
  g_assert_cmpuint (mq->bytes_written, ==, 6);
  g_assert_cmpuint (mq->bytes_read, ==, 6);
  g_assert_cmpuint (mq->writers->len, ==, 1);
  g_assert_cmpuint (mq->readers->len, ==, 1);
}

static const WeftObject *
object_with_ino (WeftModel *model, guint64 ino)
{
  GPtrArray *objects = weft_model_get_objects (model);

  for (guint i = 0; i < objects->len; i++)
    if (((WeftObject *) g_ptr_array_index (objects, i))->ino == ino)
      return g_ptr_array_index (objects, i);
  g_error ("no object with inode %" G_GUINT64_FORMAT, ino);
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

/* What is written into one end of a socket is read from the other: the
 * end written into gets the reader (socketpair, and TCP on loopback). */
static void
test_socket_ends (void)
{
  g_autoptr (SynthTrace) s = synth_new (P);
  g_autoptr (WeftModel) model = NULL;
  const WeftObject *end;

  synth_exec (s, MS (1), P, "/usr/bin/demo", "demo");
  synth_unix_socket (s, MS (2), P, 3, 500, 501);
  synth_unix_socket (s, MS (2), P, 4, 501, 500);
  synth_fork (s, MS (3), P, P, 200, 200, FALSE, "child");
  synth_unix_socket (s, MS (3), 200, 4, 501, 500);
  synth_syscall (s, MS (10), MS (11), P, P, NR_WRITE, 3, 10);
  synth_syscall (s, MS (12), MS (13), 200, 200, NR_READ, 4, 10);
  synth_syscall (s, MS (14), MS (15), 200, 200, NR_WRITE, 4, 4);
  synth_syscall (s, MS (16), MS (17), P, P, NR_READ, 3, 4);
  /* AF_UNIX connect(): the client's end learns its peer only from the
   * server's accept(). */
  synth_unix_socket (s, MS (18), P, 7, 700, 0);
  synth_unix_socket (s, MS (19), 200, 8, 701, 700);
  synth_syscall (s, MS (19), MS (20), 200, 200, NR_WRITE, 8, 7);
  synth_syscall (s, MS (20), MS (21), P, P, NR_READ, 7, 7);
  /* TCP: the client 40000 -> 8000, the server's accepted end 8000 -> 40000. */
  synth_inet_socket (s, MS (20), P, 5, 600, 40000, 8000);
  synth_inet_socket (s, MS (20), 200, 6, 601, 8000, 40000);
  synth_syscall (s, MS (21), MS (22), P, P, NR_WRITE, 5, 100);
  synth_syscall (s, MS (23), MS (24), 200, 200, NR_READ, 6, 100);
  synth_stop (s, MS (30), 0);
  model = synth_model (s);

  end = object_with_ino (model, 500);
  g_assert_cmpuint (end->bytes_written, ==, 10);
  g_assert_cmpuint (end->bytes_read, ==, 10);
  g_assert_cmpuint (end->writers->len, ==, 1);
  g_assert_cmpuint (g_array_index (end->writers, guint32, 0), ==, P);
  g_assert_cmpuint (end->readers->len, ==, 1);
  g_assert_cmpuint (g_array_index (end->readers, guint32, 0), ==, 200);
  end = object_with_ino (model, 501);
  g_assert_cmpuint (g_array_index (end->writers, guint32, 0), ==, 200);
  g_assert_cmpuint (g_array_index (end->readers, guint32, 0), ==, P);
  g_assert_cmpuint (end->bytes_read, ==, 4);
  g_assert_true (has_flow (model, WEFT_FLOW_SOCKET, P, 200));
  g_assert_true (has_flow (model, WEFT_FLOW_SOCKET, 200, P));

  end = object_with_ino (model, 600);
  g_assert_cmpuint (end->bytes_written, ==, 100);
  g_assert_cmpuint (end->bytes_read, ==, 100);
  g_assert_cmpuint (g_array_index (end->readers, guint32, 0), ==, 200);
  g_assert_cmpuint (object_with_ino (model, 601)->bytes_read, ==, 0);
  end = object_with_ino (model, 701);
  g_assert_cmpuint (end->bytes_read, ==, 7);
  g_assert_cmpuint (g_array_index (end->readers, guint32, 0), ==, P);
}

/* A client socket is described at socket() (no address yet) and again
 * once connected: its label is its address, not "0.0.0.0:0". */
static void
test_socket_label_after_connect (void)
{
  g_autoptr (SynthTrace) s = synth_new (P);
  g_autoptr (WeftModel) model = NULL;
  GPtrArray *objects;

  synth_exec (s, MS (1), P, "/usr/bin/demo", "demo");
  synth_inet_socket (s, MS (2), P, 3, 5001, 0, 0);
  synth_inet_socket (s, MS (3), P, 3, 5001, 40000, 8000);
  synth_stop (s, MS (10), 0);
  model = synth_model (s);
  objects = weft_model_get_objects (model);

  g_assert_cmpuint (objects->len, ==, 1);
  g_assert_cmpstr (((WeftObject *) g_ptr_array_index (objects, 0))->label, ==,
                   "socket 127.0.0.1:40000 \342\206\224 127.0.0.1:8000");
}

/* A server's select() names its fds by what they are: the listening
 * socket (known to listen once accept() is called on it) and a client's
 * connection, in `weft show`'s words and the viewer's. */
static void
test_select_fds_named (void)
{
  g_autoptr (SynthTrace) s = synth_new (P);
  g_autoptr (WeftModel) model = NULL;
  const gint32 watch[] = { 3 | (1u << 29), 4 | (1u << 29), 9 | (1u << 29) };
  const gint32 ready[] = { 3 | (1u << 29) };
  WeftStateInterval in = { 0 };
  WeftWaitInfo info;
  g_autofree char *watched = NULL, *readied = NULL, *sentence = NULL;
  guint32 wait = 0;

  synth_exec (s, MS (1), P, "/usr/bin/server", "server");
  synth_inet_socket (s, MS (2), P, 3, 5001, 8000, 0);
  synth_inet_socket (s, MS (3), P, 4, 5002, 8000, 40000);
  synth_syscall_begin (s, MS (10), P, P, NR_SELECT, -1);
  synth_fdset (s, MS (10), P, P, NR_SELECT, WEFT_FDSET_WATCH, watch, 3);
  synth_syscall_end (s, MS (20), P, P, NR_SELECT, -1, 1);
  synth_fdset (s, MS (20), P, P, NR_SELECT, WEFT_FDSET_READY, ready, 1);
  synth_syscall (s, MS (21), MS (21) + 1000, P, P, NR_ACCEPT4, 3, 5);
  synth_stop (s, MS (30), 0);
  model = synth_model (s);

  g_assert_cmpint (state_at (model, P, MS (15), NULL, &wait), ==, WEFT_STATE_SELECT);
  g_assert_true (weft_model_get_wait_info (model, wait, &info));
  watched = weft_model_describe_fds (model, &info, FALSE);
  readied = weft_model_describe_fds (model, &info, TRUE);
  /* fd 9 was never seen opened: just its number. */
  g_assert_cmpstr (watched, ==, "3 (listening socket 127.0.0.1:8000), "
                                "4 (socket 127.0.0.1:8000 \342\206\224 127.0.0.1:40000), 9");
  g_assert_cmpstr (readied, ==, "3");
  in.state = WEFT_STATE_SELECT;
  in.wait = wait;
  sentence = weft_model_describe_interval (model, &in);
  g_assert_nonnull (strstr (sentence, "on fds 3 (listening socket 127.0.0.1:8000), 4 ("));
  g_assert_nonnull (strstr (sentence, ", fd 3 ready"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/states/socket-label-after-connect", test_socket_label_after_connect);
  g_test_add_func ("/model/states/select-fds-named", test_select_fds_named);
  g_test_add_func ("/model/states/lock-renamed", test_lock_renamed);
  g_test_add_func ("/model/states/woken-by-who-can", test_woken_by_who_can);
  g_test_add_func ("/model/states/derived-from-syscalls", test_derived_from_syscalls);
  g_test_add_func ("/model/states/scheduler", test_sched_states);
  g_test_add_func ("/model/states/zombie", test_zombie_state);
  g_test_add_func ("/model/states/cow-faults", test_cow_faults);
  g_test_add_func ("/model/states/queries-match-scan", test_queries_match_scan);
  g_test_add_func ("/model/states/live-open-interval", test_live_open_interval);
  g_test_add_func ("/model/states/mq-bytes", test_mq_bytes);
  g_test_add_func ("/model/states/socket-ends", test_socket_ends);
  return g_test_run ();
}

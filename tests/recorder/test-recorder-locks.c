/*
 * test-recorder-locks.c: lock contention under the real recorder — a
 * contended pthread mutex names its owner and its symbol (PIE and not),
 * an ABBA deadlock shows each thread waiting for the other, and Python's
 * threading.Lock shows up as futex waits.
 */
#include <signal.h>

#include "recorder-test-events.h"

static void
check_contended_mutex (const char *program_name)
{
  g_autofree char *program = weft_test_program_path (program_name);
  const char *argv[] = { program, NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  guint32 pid = trace->info.root_pid;
  gint64 worker[2];
  guint64 mutex;
  guint n_waits = 0, n_owned = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpuint (trace->lost_events, ==, 0);
  worker[0] = recorder_test_printed_number (trace->stdout_text, "worker", 0);
  worker[1] = recorder_test_printed_number (trace->stdout_text, "worker", 1);
  g_assert_cmpint (worker[0], >, 0);
  g_assert_cmpint (worker[1], >, 0);

  /* The lock is named by its symbol. */
  mutex = recorder_test_lock_address (trace, pid, "contended_mutex");
  g_assert_cmpuint (mutex, !=, 0);

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_futex_wait_begin *w = g_ptr_array_index (trace->events, i);
      gint64 other;

      if (w->h.kind != WEFT_EV_FUTEX_WAIT_BEGIN || w->uaddr != mutex)
        continue;
      g_assert_cmpuint (w->h.tgid, ==, pid);
      g_assert_true (w->h.tid == worker[0] || w->h.tid == worker[1]);
      g_assert_cmpuint (w->klass, ==, WEFT_FUTEX_CLASS_MUTEX);
      other = w->h.tid == worker[0] ? worker[1] : worker[0];
      n_waits++;
      /* The owner may have just let go (0), but is never anyone else. */
      if (w->owner_tid)
        {
          g_assert_cmpint (w->owner_tid, ==, other);
          n_owned++;
        }
    }
  g_assert_cmpuint (n_waits, >, 0);
  g_assert_cmpuint (n_owned, >, 0);
}

static void
test_mutex_owner_pie (void)
{
  check_contended_mutex ("mutex-contend");
}

static void
test_mutex_owner_nopie (void)
{
  check_contended_mutex ("mutex-contend-nopie");
}

/* The last futex wait of tid, which must never have been granted: it
 * either has no end or ended because the kill interrupted it. */
static const struct weft_futex_wait_begin *
last_open_wait (WeftTestTrace *trace, guint32 tid)
{
  const struct weft_futex_wait_begin *last = NULL;

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *e = g_ptr_array_index (trace->events, i);

      if (e->tid != tid)
        continue;
      if (e->kind == WEFT_EV_FUTEX_WAIT_BEGIN)
        last = (const void *) e;
      else if (e->kind == WEFT_EV_FUTEX_WAIT_END && ((const struct weft_futex_wait_end *) e)->ret == 0)
        last = NULL;
    }
  return last;
}

static void
test_abba_deadlock (void)
{
  g_autofree char *program = weft_test_program_path ("abba");
  const char *argv[] = { program, NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  guint32 pid = trace->info.root_pid;
  gint64 ab, ba;
  guint64 lock_a, lock_b;
  const struct weft_futex_wait_begin *ab_waits, *ba_waits;

  g_assert_cmpint (trace->exit_status, ==, 128 + SIGALRM);
  ab = recorder_test_printed_number (trace->stdout_text, "ab", 0);
  ba = recorder_test_printed_number (trace->stdout_text, "ba", 0);
  lock_a = recorder_test_lock_address (trace, pid, "lock_a");
  lock_b = recorder_test_lock_address (trace, pid, "lock_b");
  g_assert_cmpint (ab, >, 0);
  g_assert_cmpint (ba, >, 0);
  g_assert_cmpuint (lock_a, !=, 0);
  g_assert_cmpuint (lock_b, !=, 0);

  /* Each thread died waiting for the lock the other one holds. */
  ab_waits = last_open_wait (trace, ab);
  ba_waits = last_open_wait (trace, ba);
  g_assert_nonnull (ab_waits);
  g_assert_nonnull (ba_waits);
  g_assert_cmpuint (ab_waits->uaddr, ==, lock_b);
  g_assert_cmpuint (ab_waits->owner_tid, ==, ba);
  g_assert_cmpuint (ba_waits->uaddr, ==, lock_a);
  g_assert_cmpuint (ba_waits->owner_tid, ==, ab);
  g_assert_cmpuint (ab_waits->klass, ==, WEFT_FUTEX_CLASS_MUTEX);
}

static void
test_python_lock (void)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record_python ("tests/programs/lock-contend.py");
  g_autoptr (GHashTable) workers = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) lock_addrs = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint32 pid = trace->info.root_pid;
  guint n_waits = 0, n_wakes = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpuint (trace->lost_events, ==, 0);
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_fork *f = g_ptr_array_index (trace->events, i);

      if (f->h.kind == WEFT_EV_FORK && f->h.tgid == pid && (f->flags & WEFT_FORK_THREAD))
        g_hash_table_add (workers, GUINT_TO_POINTER (f->child_tid));
    }
  g_assert_cmpuint (g_hash_table_size (workers), ==, 2);

  /* threading.Lock is a sem_t on the heap, named by the program's own
   * variable `lock` when the recorder reads the waiting frame in time,
   * else by the waiting line (docs/python.md); the GIL is named "GIL". */
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_futex_wait_begin *w = g_ptr_array_index (trace->events, i);

      if (w->h.kind != WEFT_EV_FUTEX_WAIT_BEGIN || w->h.tgid != pid ||
          !g_hash_table_contains (workers, GUINT_TO_POINTER (w->h.tid)) ||
          (g_strcmp0 (recorder_test_lock_name (trace, pid, w->uaddr), "lock") != 0 &&
           g_strcmp0 (recorder_test_lock_name (trace, pid, w->uaddr), "lock-contend.py:11") != 0))
        continue;
      g_assert_cmpuint (w->klass, ==, WEFT_FUTEX_CLASS_COND);
      g_hash_table_add (lock_addrs, (gpointer) &w->uaddr);
      n_waits++;
    }
  g_assert_cmpuint (n_waits, >=, 2);
  g_assert_cmpuint (g_hash_table_size (lock_addrs), ==, 1);

  /* ...and the holder's release wakes a waiter on the same address. */
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_futex_wake *w = g_ptr_array_index (trace->events, i);

      if (w->h.kind == WEFT_EV_FUTEX_WAKE && w->h.tgid == pid && w->ret >= 1 &&
          g_hash_table_contains (workers, GUINT_TO_POINTER (w->h.tid)) &&
          g_hash_table_contains (lock_addrs, &w->uaddr))
        n_wakes++;
    }
  g_assert_cmpuint (n_wakes, >=, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recorder/locks/mutex-owner-and-name-pie", test_mutex_owner_pie);
  g_test_add_func ("/recorder/locks/mutex-owner-and-name-nopie", test_mutex_owner_nopie);
  g_test_add_func ("/recorder/locks/abba-deadlock", test_abba_deadlock);
  g_test_add_func ("/recorder/locks/python-threading-lock", test_python_lock);
  return g_test_run ();
}

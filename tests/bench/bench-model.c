/*
 * bench-model.c: load + analyse a synthetic 10M-event trace.
 *
 *   bench-model [N_EVENTS [KEEP_PATH]]
 *
 * Writes a trace with a realistic mix (lock contention, pipe IO, select,
 * sleeps, preemption across 32 threads in 4 processes) through the real
 * writer, then re-runs itself to load it, so the figures cover loading
 * alone.  Prints events per second, seconds, peak memory per event and
 * the ratio of peak memory to the file's size.  Never asserts a time.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "weft-model.h"
#include "weft-trace-writer.h"

#define N_PROCESSES 4
#define N_THREADS 8
#define T0 G_GUINT64_CONSTANT (5000000000)

typedef struct {
  WeftTraceWriter *writer;
  guint64 t;
  guint64 n;
  GRand *rand;
} Gen;

static void
emit (Gen *g, void *record, gsize size, guint kind, guint32 pid, guint32 tid)
{
  struct weft_event_header *h = record;
  g_autoptr (GError) error = NULL;

  g->t += g_rand_int_range (g->rand, 200, 20000);
  h->ts = T0 + g->t;
  h->tgid = pid;
  h->tid = tid;
  h->kind = kind;
  h->size = (size + 7) & ~7;
  h->cpu = g_rand_int_range (g->rand, 0, 2);
  if (!weft_trace_writer_add (g->writer, record, h->size, &error))
    g_error ("%s", error->message);
  g->n++;
}

static guint32 pid_of (guint p) { return 1000 + p * 100; }
static guint32 tid_of (guint p, guint t) { return pid_of (p) + t; }

static void
switch_out (Gen *g, guint32 pid, guint32 tid, guint32 state)
{
  struct weft_switch_out e = { .state = state };
  emit (g, &e, sizeof e, WEFT_EV_SWITCH_OUT, pid, tid);
}

static void
switch_in (Gen *g, guint32 pid, guint32 tid)
{
  struct weft_event_header e = { 0 };
  emit (g, &e, sizeof e, WEFT_EV_SWITCH_IN, pid, tid);
}

static void
wakeup (Gen *g, guint32 pid, guint32 tid, guint32 target_pid, guint32 target_tid)
{
  struct weft_wakeup e = { .target_tgid = target_pid, .target_tid = target_tid };
  emit (g, &e, sizeof e, WEFT_EV_WAKEUP, pid, tid);
}

static void
syscall_event (Gen *g, guint kind, guint32 pid, guint32 tid, guint32 nr, int fd, gint64 ret)
{
  if (kind == WEFT_EV_SYSCALL_BEGIN)
    {
      struct weft_syscall_begin e = { .syscall = nr, .fd = fd, .arg = 4096 };
      emit (g, &e, sizeof e, kind, pid, tid);
    }
  else
    {
      struct weft_syscall_end e = { .syscall = nr, .fd = fd, .ret = ret };
      emit (g, &e, sizeof e, kind, pid, tid);
    }
}

static void
lock_scenario (Gen *g, guint p, guint waiter, guint holder)
{
  guint32 pid = pid_of (p);
  guint64 addr = 0x601000 + 64 * g_rand_int_range (g->rand, 0, 4);
  struct weft_futex_wait_begin wb = { .uaddr = addr, .val = 2, .owner_tid = tid_of (p, holder),
                                      .klass = WEFT_FUTEX_CLASS_MUTEX };
  struct weft_futex_wake wk = { .uaddr = addr, .op = 1, .nr_wake = 1, .ret = 1 };
  struct weft_futex_wait_end we = { .uaddr = addr };

  emit (g, &wb, sizeof wb, WEFT_EV_FUTEX_WAIT_BEGIN, pid, tid_of (p, waiter));
  switch_out (g, pid, tid_of (p, waiter), WEFT_TASK_INTERRUPTIBLE);
  emit (g, &wk, sizeof wk, WEFT_EV_FUTEX_WAKE, pid, tid_of (p, holder));
  wakeup (g, pid, tid_of (p, holder), pid, tid_of (p, waiter));
  switch_in (g, pid, tid_of (p, waiter));
  emit (g, &we, sizeof we, WEFT_EV_FUTEX_WAIT_END, pid, tid_of (p, waiter));
}

static void
pipe_scenario (Gen *g, guint p, guint reader, guint writer)
{
  guint32 pid = pid_of (p);

  syscall_event (g, WEFT_EV_SYSCALL_BEGIN, pid, tid_of (p, reader), 0, 3, 0);
  switch_out (g, pid, tid_of (p, reader), WEFT_TASK_INTERRUPTIBLE);
  syscall_event (g, WEFT_EV_SYSCALL_BEGIN, pid, tid_of (p, writer), 1, 4, 0);
  wakeup (g, pid, tid_of (p, writer), pid, tid_of (p, reader));
  syscall_event (g, WEFT_EV_SYSCALL_END, pid, tid_of (p, writer), 1, 4, 512);
  switch_in (g, pid, tid_of (p, reader));
  syscall_event (g, WEFT_EV_SYSCALL_END, pid, tid_of (p, reader), 0, 3, 512);
}

static void
select_scenario (Gen *g, guint p, guint t)
{
  guint32 pid = pid_of (p), tid = tid_of (p, t);
  struct weft_fdset set = { .syscall = 7, .which = WEFT_FDSET_WATCH, .n_fds = 2,
                            .fds = { 3 | (1u << 29), 5 | (1u << 29) } };

  syscall_event (g, WEFT_EV_SYSCALL_BEGIN, pid, tid, 7, -1, 0);
  emit (g, &set, offsetof (struct weft_fdset, fds) + 2 * sizeof (gint32), WEFT_EV_FDSET, pid, tid);
  switch_out (g, pid, tid, WEFT_TASK_INTERRUPTIBLE);
  wakeup (g, 0, 0, pid, tid);
  switch_in (g, pid, tid);
  syscall_event (g, WEFT_EV_SYSCALL_END, pid, tid, 7, -1, 1);
}

static void
sleep_scenario (Gen *g, guint p, guint t)
{
  guint32 pid = pid_of (p), tid = tid_of (p, t);

  syscall_event (g, WEFT_EV_SYSCALL_BEGIN, pid, tid, 230, -1, 0);
  switch_out (g, pid, tid, WEFT_TASK_INTERRUPTIBLE);
  wakeup (g, 0, 0, pid, tid);
  switch_in (g, pid, tid);
  syscall_event (g, WEFT_EV_SYSCALL_END, pid, tid, 230, -1, 0);
}

static guint64
generate (const char *path, guint64 n_events)
{
  g_autoptr (GError) error = NULL;
  char *argv[] = { (char *) "bench", NULL };
  WeftTraceInfo info = { .start_monotonic_ns = T0, .root_pid = pid_of (0), .recorder_pid = 1,
                         .hostname = (char *) "bench", .kernel = (char *) "6", .argv = argv };
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  Gen g = { .rand = g_rand_new_with_seed (7) };
  struct weft_record_stop stop = { 0 };

  g.writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < N_PROCESSES; p++)
    for (guint t = 0; t < N_THREADS; t++)
      {
        struct weft_fork e = { .child_tgid = pid_of (p), .child_tid = tid_of (p, t),
                               .flags = t ? WEFT_FORK_THREAD : 0, .child_ppid = pid_of (0) };

        strcpy (e.child_comm, t ? "worker" : "bench");
        if (p || t)
          emit (&g, &e, sizeof e, WEFT_EV_FORK, p && !t ? pid_of (0) : pid_of (p),
                p && !t ? pid_of (0) : pid_of (p));
      }
  while (g.n < n_events - 1)
    {
      guint p = g_rand_int_range (g.rand, 0, N_PROCESSES);
      guint a = g_rand_int_range (g.rand, 0, N_THREADS);
      guint b = (a + 1 + g_rand_int_range (g.rand, 0, N_THREADS - 1)) % N_THREADS;

      switch (g_rand_int_range (g.rand, 0, 10))
        {
        case 0: case 1: case 2:
          lock_scenario (&g, p, a, b);
          break;
        case 3: case 4: case 5:
          pipe_scenario (&g, p, a, b);
          break;
        case 6:
          select_scenario (&g, p, a);
          break;
        case 7:
          sleep_scenario (&g, p, a);
          break;
        default:
          switch_out (&g, pid_of (p), tid_of (p, a), WEFT_TASK_RUNNING);
          switch_in (&g, pid_of (p), tid_of (p, a));
          break;
        }
    }
  stop.events = g.n;
  emit (&g, &stop, sizeof stop, WEFT_EV_RECORD_STOP, pid_of (0), pid_of (0));
  if (!weft_trace_writer_finish (g.writer, 0, T0 + g.t, &error))
    g_error ("%s", error->message);
  g_object_unref (g.writer);
  g_rand_free (g.rand);
  return g.n;
}

static guint64
peak_rss_bytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (guint64) usage.ru_maxrss * 1024;
}

/* The child: load + analyse and report. */
static int
load (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftModel) model = NULL;
  guint64 before = peak_rss_bytes ();
  gint64 start = g_get_monotonic_time ();
  double seconds;
  guint64 events, peak, file_size;
  GStatBuf st;
  guint n_intervals = 0;

  model = weft_model_new_from_file (path, NULL, &error);
  if (!model)
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  peak = peak_rss_bytes ();
  events = weft_model_get_n_events (model);
  g_stat (path, &st);
  file_size = st.st_size;
  for (guint i = 0; i < weft_model_get_processes (model)->len; i++)
    {
      WeftProcess *p = g_ptr_array_index (weft_model_get_processes (model), i);

      for (guint j = 0; j < p->threads->len; j++)
        n_intervals += weft_model_thread_n_intervals (model, g_ptr_array_index (p->threads, j));
    }
  printf ("events:               %" G_GUINT64_FORMAT "\n", events);
  printf ("file size:            %.1f MB (%.2f bytes/event)\n", file_size / 1e6, (double) file_size / events);
  printf ("state intervals:      %u, flows: %u, locks: %u\n", n_intervals,
          weft_model_get_flows (model)->len, weft_model_get_locks (model)->len);
  printf ("load + analyse:       %.3f s, %.2f M events/s\n", seconds, events / seconds / 1e6);
  printf ("peak memory:          %.1f MB (%.1f MB before loading)\n", peak / 1e6, before / 1e6);
  printf ("memory per event:     %.2f bytes (model only: %.2f)\n", (double) peak / events,
          (double) (peak - before) / events);
  printf ("memory / file size:   %.2fx (model only: %.2fx)\n", (double) peak / file_size,
          (double) (peak - before) / file_size);
  printf ("| model: load + analyse %.0fM events | %.2f s (%.1f M events/s) | |\n", events / 1e6, seconds,
          events / seconds / 1e6);
  printf ("| model: peak memory for %.0fM events | %.0f MB (%.1f B/event) | |\n", events / 1e6, peak / 1e6,
          (double) peak / events);
  return 0;
}

int
main (int argc, char **argv)
{
  guint64 n_events = 10000000;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self = NULL;
  gint64 start;
  int status = 0;

  if (argc == 3 && strcmp (argv[1], "--load") == 0)
    return load (argv[2]);
  if (argc >= 2)
    n_events = g_ascii_strtoull (argv[1], NULL, 10);
  dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  path = argc >= 3 ? g_strdup (argv[2]) : g_build_filename (dir, "bench.weft", NULL);
  start = g_get_monotonic_time ();
  n_events = generate (path, n_events);
  printf ("generated %" G_GUINT64_FORMAT " events in %.1f s\n", n_events,
          (g_get_monotonic_time () - start) / 1e6);
  fflush (stdout);
  self = g_file_read_link ("/proc/self/exe", NULL);
  {
    char *child_argv[] = { self, (char *) "--load", path, NULL };
    g_autoptr (GError) error = NULL;

    g_spawn_sync (NULL, child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  if (argc < 3)
    g_unlink (path);
  g_rmdir (dir);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 1;
}

/*
 * test-faults: the recorder under stress and in trouble — storms of
 * processes and threads with nothing lost silently, a full disk, and
 * files it must not write over.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "weft-trace-reader.h"
#include "weft-test-util.h"

static guint
count_kind (WeftTestTrace *trace, guint kind, guint flag_mask, gboolean want_flag)
{
  guint n = 0;

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *h = g_ptr_array_index (trace->events, i);
      guint flags = 0;

      if (h->kind != kind)
        continue;
      if (kind == WEFT_EV_FORK)
        flags = ((const struct weft_fork *) h)->flags;
      else if (kind == WEFT_EV_EXIT)
        flags = ((const struct weft_exit *) h)->flags;
      if (!flag_mask || ((flags & flag_mask) != 0) == want_flag)
        n++;
    }
  return n;
}

/* Either every event is there, or the trace says exactly how many are
 * missing: recorded + lost accounts for what the workload must produce. */
static void
assert_nothing_lost_silently (WeftTestTrace *trace, guint expected, guint recorded)
{
  g_test_message ("%u of %u recorded, %" G_GUINT64_FORMAT " lost", recorded, expected, trace->lost_events);
  if (trace->lost_events == 0)
    g_assert_cmpuint (recorded, ==, expected);
  else
    g_assert_cmpuint (recorded + trace->lost_events, >=, expected);
}

static void
assert_nothing_lost_silently_n (guint64 lost, guint64 expected, guint64 recorded)
{
  g_test_message ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " recorded, %" G_GUINT64_FORMAT " lost",
                  recorded, expected, lost);
  if (lost == 0)
    g_assert_cmpuint (recorded, ==, expected);
  else
    g_assert_cmpuint (recorded + lost, >=, expected);
}

/* The lost count the file holds is the one `weft stats --json` and
 * `weft show` tell the user (show warns only when something was lost). */
static void
assert_lost_count_shown (const char *path, guint64 lost)
{
  const char *stats[] = { "stats", "--json", path, NULL };
  const char *show[] = { "show", path, "--width", "60", NULL };
  g_autofree char *out = NULL, *err = NULL, *show_out = NULL, *show_err = NULL;
  g_autofree char *expected = g_strdup_printf ("\"lost_events\" : %" G_GUINT64_FORMAT, lost);
  g_autofree char *warning = g_strdup_printf ("%" G_GUINT64_FORMAT " events were lost", lost);

  g_assert_cmpint (weft_test_run_cli (stats, &out, &err), ==, 0);
  if (!strstr (out, expected))
    g_error ("weft stats --json does not say %s", expected);
  g_assert_cmpint (weft_test_run_cli (show, &show_out, &show_err), ==, 0);
  if (lost > 0)
    g_assert_nonnull (strstr (show_out, warning));
  else
    g_assert_null (strstr (show_out, "were lost"));
}

/* Big storms are counted while streaming, not kept in memory. */
typedef struct {
  guint64 futex_addr;
  guint waits_begun, waits_ended;
  guint16 port;
  guint accepted, connected;
} StormCount;

static void
count_storm_event (const struct weft_event_header *h, gpointer user_data)
{
  StormCount *c = user_data;

  if (h->kind == WEFT_EV_FUTEX_WAIT_BEGIN && ((const struct weft_futex_wait_begin *) h)->uaddr == c->futex_addr)
    c->waits_begun++;
  else if (h->kind == WEFT_EV_FUTEX_WAIT_END && ((const struct weft_futex_wait_end *) h)->uaddr == c->futex_addr)
    c->waits_ended++;
  else if (h->kind == WEFT_EV_SYSCALL_END)
    {
      const struct weft_syscall_end *e = (const void *) h;

      if ((e->syscall == 43 || e->syscall == 288) && e->ret >= 0)
        c->accepted++;
      else if (e->syscall == 42 && e->ret == 0)
        c->connected++;
    }
}

/* Streams the trace at path through func; the lost events it says. */
static guint64
read_counting (const char *path, WeftEventFunc func, gpointer data, gboolean *truncated)
{
  g_autoptr (WeftTraceReader) reader = weft_trace_reader_new (func, data);
  g_autoptr (GError) error = NULL;

  if (!weft_trace_reader_read_file (reader, path, truncated, &error))
    g_error ("cannot read the trace: %s", error->message);
  return weft_trace_reader_get_lost_events (reader);
}

static guint64
count_storm (const char *path, StormCount *count)
{
  gboolean truncated;
  guint64 lost = read_counting (path, count_storm_event, count, &truncated);

  g_assert_false (truncated);
  return lost;
}
/* Records argv to a file that stays (weft_test_record keeps all events in
 * memory; a storm of millions is streamed instead). */
static char *
record_to_file (const char *const *argv, char **out)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-storm-XXXXXX", NULL);
  char *path = g_build_filename (dir, "storm.weft", NULL);
  g_autofree char *err = NULL;

  if (weft_test_run_record (path, argv, NULL, out, &err) != 0)
    g_error ("recording %s failed: %s", argv[0], err);
  return path;
}
static void
remove_recording (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_futex_storm (void)
{
  g_autofree char *storm = weft_test_program_path ("futex-storm");
  const char *argv[] = { storm, "1000000", NULL };
  g_autofree char *out = NULL;
  g_autofree char *path = record_to_file (argv, &out);
  StormCount count = { 0 };
  long waits = 0;
  guint64 lost;

  /* One million real contentions, each a FUTEX_WAIT in the kernel. */
  g_assert_cmpint (sscanf (out, "futex=%" G_GINT64_MODIFIER "x waits=%ld", &count.futex_addr, &waits), ==, 2);
  g_assert_cmpint (waits, >=, 1000000);
  lost = count_storm (path, &count);
  assert_nothing_lost_silently_n (lost, waits, count.waits_begun);
  assert_nothing_lost_silently_n (lost, waits, count.waits_ended);
  assert_lost_count_shown (path, lost);
  remove_recording (path);
}

typedef struct {
  guint64 wake_addr;      /* the idle futex event-rate wakes */
  guint64 wakes;
  guint64 max_ts;         /* newest kernel event so far, in file order */
  guint64 worst_late_ns;  /* how far the most out-of-order one was behind it */
  guint64 cpus_seen;      /* bit mask */
} RateCount;

static void
count_rate_event (const struct weft_event_header *h, gpointer user_data)
{
  RateCount *c = user_data;

  /* Only what the kernel stamped: the recorder's own records (reaps,
   * lock names, start/stop) carry the time it wrote them. */
  if (h->kind < WEFT_EV_SWITCH_OUT || h->kind > WEFT_EV_FUTEX_WAKE)
    return;
  if (h->kind == WEFT_EV_FUTEX_WAKE)
    {
      const struct weft_futex_wake *w = (const void *) h;

      if (!c->wake_addr)
        c->wake_addr = w->uaddr;
      if (w->uaddr == c->wake_addr)
        c->wakes++;
    }
  if (h->ts < c->max_ts)
    c->worst_late_ns = MAX (c->worst_late_ns, c->max_ts - h->ts);
  c->max_ts = MAX (c->max_ts, h->ts);
  if (h->cpu < 64)
    c->cpus_seen |= G_GUINT64_CONSTANT (1) << h->cpu;
}

/* Two threads on two cpus making 1.5 M events a second: the rate at
 * which one shared ring buffer lost events.  Nothing may be lost, and
 * the per-cpu rings must come out of the file in time order. */
static void
test_two_cpus_in_time_order (void)
{
  g_autofree char *program = weft_test_program_path ("event-rate");
  const char *argv[] = { program, "1500000", "1", "2", "pin", NULL };
  g_autofree char *out = NULL;
  g_autofree char *path = NULL;
  RateCount count = { 0 };
  gboolean truncated;
  guint64 lost;
  long calls = 0;

  if (sysconf (_SC_NPROCESSORS_ONLN) < 2)
    {
      g_test_fail_printf ("this test needs two cpus online, the machine has one");
      return;
    }
  path = record_to_file (argv, &out);
  g_assert_cmpint (sscanf (out, "calls=%ld", &calls), ==, 1);
  lost = read_counting (path, count_rate_event, &count, &truncated);
  g_test_message ("%ld calls, %" G_GUINT64_FORMAT " wakes recorded, latest event %" G_GUINT64_FORMAT " ns out of order",
                  calls, count.wakes, count.worst_late_ns);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (count.wakes, ==, (guint64) calls);
  g_assert_cmpuint (__builtin_popcountll (count.cpus_seen), >=, 2);
  g_assert_cmpuint (count.worst_late_ns, <, 1000000);
  remove_recording (path);
}

static void
test_connection_storm (void)
{
  g_autofree char *storm = weft_test_program_path ("conn-storm");
  const char *argv[] = { storm, "200", NULL };
  g_autofree char *out = NULL;
  g_autofree char *path = record_to_file (argv, &out);
  StormCount count = { 0 };
  int port = 0, served = 0;
  guint64 lost;

  /* A server with 200 connections open at once on 127.0.0.1 (its port
   * was picked by the kernel). */
  g_assert_cmpint (sscanf (out, "port %d served %d", &port, &served), ==, 2);
  g_assert_cmpint (served, ==, 200);
  count.port = port;
  lost = count_storm (path, &count);
  assert_nothing_lost_silently_n (lost, 200, count.accepted);
  assert_nothing_lost_silently_n (lost, 200, count.connected);
  assert_lost_count_shown (path, lost);
  remove_recording (path);
}


static void
test_lost_events_are_counted (void)
{
  /* Ring buffers of 16 KiB a cpu (instead of 16 MiB) cannot hold two
   * threads making events as fast as they can: the kernel really drops
   * events.  The count is exact and everywhere. */
  g_autofree char *program = weft_test_program_path ("event-rate");
  const char *argv[] = { program, "0", "0.3", "2", NULL };
  const char *options[] = { "--test-ring-buffer-bytes=16384", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, options);
  g_autofree char *said = NULL;
  RateCount count = { 0 };
  long calls = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpint (sscanf (trace->stdout_text, "calls=%ld", &calls), ==, 1);
  for (guint i = 0; i < trace->events->len; i++)
    count_rate_event (g_ptr_array_index (trace->events, i), &count);
  g_assert_cmpuint (trace->lost_events, >, 0);
  assert_nothing_lost_silently_n (trace->lost_events, calls, count.wakes);
  g_assert_cmpuint (count.wakes, <, calls);
  said = g_strdup_printf ("weft: warning: %" G_GUINT64_FORMAT " events were lost", trace->lost_events);
  g_assert_nonnull (strstr (trace->stderr_text, said));
  assert_lost_count_shown (trace->path, trace->lost_events);
}

static void
test_process_storm (void)
{
  g_autofree char *storm = weft_test_program_path ("fork-storm");
  const char *argv[] = { storm, "5000", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);

  g_assert_cmpint (trace->exit_status, ==, 0);
  assert_nothing_lost_silently (trace, 5000, count_kind (trace, WEFT_EV_FORK, 0, FALSE));
  assert_nothing_lost_silently (trace, 5001, count_kind (trace, WEFT_EV_EXIT, WEFT_EXIT_GROUP_DEAD, TRUE));
  assert_nothing_lost_silently (trace, 5001, count_kind (trace, WEFT_EV_REAP, 0, FALSE));
  assert_lost_count_shown (trace->path, trace->lost_events);
}

/* A chain where each process forks the next and exits at once: at any
 * moment one or two processes are alive, the last ones forked by a parent
 * that is already gone.  The recording ends only when the last hop has. */
static void
test_hopping_chain (void)
{
  g_autofree char *chain = weft_test_program_path ("fork-chain");
  const char *argv[] = { chain, "5000", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);

  g_assert_cmpint (trace->exit_status, ==, 0);
  assert_nothing_lost_silently (trace, 5000, count_kind (trace, WEFT_EV_FORK, 0, FALSE));
  assert_nothing_lost_silently (trace, 5001, count_kind (trace, WEFT_EV_EXIT, WEFT_EXIT_GROUP_DEAD, TRUE));
}

static void
test_thread_storm (void)
{
  g_autofree char *storm = weft_test_program_path ("thread-storm");
  const char *argv[] = { storm, "500", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpstr (trace->stdout_text, ==, "500 threads\n");
  assert_nothing_lost_silently (trace, 500, count_kind (trace, WEFT_EV_FORK, WEFT_FORK_THREAD, TRUE));
  assert_nothing_lost_silently (trace, 500, count_kind (trace, WEFT_EV_EXIT, WEFT_EXIT_GROUP_DEAD, FALSE));
  g_assert_cmpuint (count_kind (trace, WEFT_EV_FORK, WEFT_FORK_THREAD, FALSE), ==, 0);
  assert_lost_count_shown (trace->path, trace->lost_events);
}

static void
test_disk_full (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("weft-full-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "full.weft", NULL);
  g_autofree char *storm = weft_test_program_path ("fork-storm");
  const char *args[] = { "record", "-o", path, "--", storm, "15000", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (WeftTestTrace) trace = NULL;
  int status;

  /* A small file system that holds a few compressed chunks (~150 KiB each
   * for this storm) but not the whole trace (~1 MiB). */
  g_assert_no_error (error);
  if (mount ("weft-test", dir, "tmpfs", 0, "size=400k") != 0)
    g_error ("cannot mount a tmpfs for the test: %s", g_strerror (errno));

  status = weft_test_run_cli (args, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "weft: "));
  g_assert_nonnull (strstr (err, "disk is full"));

  /* What was written before the disk filled is still a readable trace. */
  trace = weft_test_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (trace->truncated);
  g_assert_cmpuint (trace->events->len, >, 1000);
  g_clear_pointer (&trace, weft_test_trace_free); /* removes the file */
  umount (dir);
  g_rmdir (dir);
}

static void
test_will_not_overwrite_others_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("weft-owner-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "theirs.weft", NULL);
  g_autofree char *contents = NULL;
  const char *args[] = { "record", "-o", path, "--", "true", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_file_set_contents (path, "someone else's work\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);

  g_assert_cmpint (weft_test_run_cli (args, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "will not overwrite"));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_cmpstr (contents, ==, "someone else's work\n");
  g_unlink (path);
  g_rmdir (dir);
}

static const struct weft_exit *
group_exit_of (WeftTestTrace *trace, guint32 pid)
{
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_exit *e = g_ptr_array_index (trace->events, i);

      if (e->h.kind == WEFT_EV_EXIT && e->h.tgid == pid && (e->flags & WEFT_EXIT_GROUP_DEAD))
        return e;
    }
  return NULL;
}

static void
test_program_segfaults (void)
{
  /* The shell execs a program that dies of SIGSEGV (kill -SEGV $$ after exec). */
  const char *argv[] = { "/bin/sh", "-c", "exec /bin/sh -c 'kill -SEGV $$'", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  const struct weft_exit *e = group_exit_of (trace, trace->info.root_pid);
  g_autoptr (GPtrArray) execs = weft_test_events_of_kind (trace, WEFT_EV_EXEC);

  /* weft's status is the program's: 128 + SIGSEGV, and the trace says so. */
  g_assert_cmpint (trace->exit_status, ==, 128 + SIGSEGV);
  g_assert_nonnull (e);
  g_assert_true (WIFSIGNALED (e->exit_code) && WTERMSIG (e->exit_code) == SIGSEGV);
  g_assert_cmpuint (execs->len, ==, 2); /* the exec chain is in the trace */
  g_assert_false (trace->truncated);
}


static void
test_program_killed (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("weft-killed-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "killed.weft", NULL);
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--",
                         "/bin/sh", "-c", "echo $$; exec sleep 30", NULL };
  g_autoptr (WeftTestTrace) trace = NULL;
  const struct weft_exit *e;
  const struct weft_signal *kill_event = NULL;
  char line[32] = "";
  GPid recorder;
  int out_fd, status;
  pid_t program;
  FILE *out;

  /* Someone kills the traced program (SIGKILL) while it runs: the
   * recording ends with it, complete, and says who killed it how. */
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &recorder, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");
  g_assert_nonnull (fgets (line, sizeof line, out));
  fclose (out);
  program = atoi (line);
  g_assert_cmpint (program, >, 1);
  g_usleep (200000); /* the exec to sleep has happened */
  g_assert_cmpint (kill (program, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (recorder, &status, 0), ==, recorder);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 128 + SIGKILL);

  trace = weft_test_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (trace->truncated);
  e = group_exit_of (trace, program);
  g_assert_nonnull (e);
  g_assert_true (WIFSIGNALED (e->exit_code) && WTERMSIG (e->exit_code) == SIGKILL);
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_signal *sig = g_ptr_array_index (trace->events, i);

      if (sig->h.kind == WEFT_EV_SIGNAL_GENERATE && sig->sig == SIGKILL && sig->target_tgid == (guint32) program)
        kill_event = sig;
    }
  g_assert_nonnull (kill_event);
  g_assert_cmpuint (kill_event->sender_pid, ==, getpid ());
  g_clear_pointer (&trace, weft_test_trace_free); /* removes the file */
  g_rmdir (dir);
}

static void
test_daemon_left_behind (void)
{
  /* A double fork: the grandchild outlives everyone for 0.5 s.  The
   * recording ends when it, too, has exited (documented in README). */
  const char *argv[] = { "/bin/sh", "-c", "(sh -c 'sleep 0.5; echo daemon done' &) ; echo parent done", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  const struct weft_exit *root_exit = group_exit_of (trace, trace->info.root_pid);
  g_autoptr (GPtrArray) reparents = weft_test_events_of_kind (trace, WEFT_EV_REPARENT);
  const struct weft_exit *last = NULL;

  g_assert_nonnull (root_exit);
  g_assert_nonnull (strstr (trace->stdout_text, "daemon done"));
  g_assert_cmpuint (reparents->len, >=, 1);
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_exit *e = g_ptr_array_index (trace->events, i);

      if (e->h.kind == WEFT_EV_EXIT && (e->flags & WEFT_EXIT_GROUP_DEAD))
        last = e;
    }
  g_assert_true (last != root_exit);
  g_assert_cmpuint (last->h.ts, >=, root_exit->h.ts + 400000000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/process-storm", test_process_storm);
  g_test_add_func ("/faults/hopping-chain", test_hopping_chain);
  g_test_add_func ("/faults/thread-storm", test_thread_storm);
  g_test_add_func ("/faults/futex-storm", test_futex_storm);
  g_test_add_func ("/faults/connection-storm", test_connection_storm);
  g_test_add_func ("/faults/two-cpus-in-time-order", test_two_cpus_in_time_order);
  g_test_add_func ("/faults/lost-events-counted", test_lost_events_are_counted);
  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add_func ("/faults/others-file", test_will_not_overwrite_others_file);
  g_test_add_func ("/faults/segfault", test_program_segfaults);
  g_test_add_func ("/faults/killed", test_program_killed);
  g_test_add_func ("/faults/daemon", test_daemon_left_behind);
  return g_test_run ();
}

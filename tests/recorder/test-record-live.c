/*
 * test-record-live: what the viewer asks of `weft record` — the live
 * stream (events while the program runs, and the clock records that say
 * time passed while it is silent), --stop-fd, --tty and -C.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "recorder-test-cli.h"
#include "weft-trace-reader.h"

typedef struct {
  guint64 first_fork_seen_ns; /* when the test parsed it, CLOCK_MONOTONIC */
  guint64 last_event_ts;
  guint n_events;
} LiveState;

static void
on_live_event (const struct weft_event_header *event, gpointer user_data)
{
  LiveState *state = user_data;

  if (event->kind == WEFT_EV_FORK && !state->first_fork_seen_ns)
    state->first_fork_seen_ns = g_get_monotonic_time () * 1000;
  state->last_event_ts = event->ts;
  state->n_events++;
}

/* Records command with --live-fd, handing each record of the stream to
 * func as it is parsed; TRUE when the stream ended as a whole trace. */
static gboolean
stream_live (const char *const *command, WeftEventFunc func, gpointer user_data)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceReader) reader = NULL;
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_LEAVE_DESCRIPTORS_OPEN | G_SPAWN_STDOUT_TO_DEV_NULL;
  GPid recorder;
  int fds[2], err_fd = -1;
  guint8 buffer[4096];
  gssize n;

  g_assert_cmpint (pipe (fds), ==, 0);
  g_ptr_array_add (argv, g_strdup (weft_test_weft_bin ()));
  g_ptr_array_add (argv, g_strdup ("record"));
  g_ptr_array_add (argv, g_strdup_printf ("--live-fd=%d", fds[1]));
  g_ptr_array_add (argv, g_strdup ("--"));
  for (guint i = 0; command[i]; i++)
    g_ptr_array_add (argv, g_strdup (command[i]));
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, flags, NULL, NULL, &recorder, NULL, NULL, &err_fd,
                            &error);
  g_assert_no_error (error);
  close (fds[1]);

  reader = weft_trace_reader_new (func, user_data);
  while ((n = read (fds[0], buffer, sizeof buffer)) > 0)
    g_assert_true (weft_trace_reader_feed (reader, buffer, n, &error));
  g_assert_true (weft_trace_reader_finish (reader, &error));
  g_assert_no_error (error);
  close (fds[0]);
  g_assert_true (WIFEXITED (recorder_test_wait_for (recorder)));
  /* The viewer takes any line from the recorder for its error: a good
   * recording says nothing. */
  {
    g_autoptr (GIOChannel) channel = g_io_channel_unix_new (err_fd);
    g_autofree char *said = NULL;

    g_io_channel_set_close_on_unref (channel, TRUE);
    g_assert_cmpint (g_io_channel_read_to_end (channel, &said, NULL, &error), ==, G_IO_STATUS_NORMAL);
    g_assert_cmpstr (said, ==, "");
  }
  return weft_trace_reader_has_end (reader);
}

static void
test_live_stream (void)
{
  g_autofree char *ticker = weft_test_program_path ("ticker");
  const char *command[] = { ticker, "2", NULL };
  LiveState state = { 0 };
  gboolean whole = stream_live (command, on_live_event, &state);

  /* Live: the first fork reached us while the program was still running
   * (its last event came more than a second later), and the stream is a
   * whole trace. */
  g_assert_cmpuint (state.n_events, >=, 100);
  g_assert_cmpuint (state.first_fork_seen_ns, >, 0);
  g_assert_cmpuint (state.first_fork_seen_ns + 1000000000, <, state.last_event_ts);
  g_assert_true (whole);
}

/* The viewer's Stop: a byte on --stop-fd ends the traced tree (SIGTERM),
 * and the recorder then finishes the file as usual. */
static void
test_stop_fd_ends_the_tree (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "stopped.weft", NULL);
  g_autofree char *ticker = weft_test_program_path ("ticker");
  const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--stop-fd", "0", "--", ticker, "60", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTestTrace) trace = NULL;
  const struct weft_exit *root_exit = NULL;
  GPtrArray *exits;
  GPid recorder;
  int stop_pipe;
  int status;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &recorder, &stop_pipe, NULL, NULL, &error);
  g_assert_no_error (error);
  recorder_test_wait_for_file (path, 600);
  g_assert_cmpint (write (stop_pipe, "s", 1), ==, 1);
  status = recorder_test_wait_for (recorder);
  close (stop_pipe);
  /* The recorder exits like the command: killed by SIGTERM. */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 128 + SIGTERM);

  trace = weft_test_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (trace->truncated);
  exits = weft_test_events_of_kind (trace, WEFT_EV_EXIT);
  for (guint i = 0; i < exits->len; i++)
    {
      const struct weft_exit *exit = g_ptr_array_index (exits, i);
      if (exit->h.tgid == trace->info.root_pid)
        root_exit = exit;
    }
  g_assert_nonnull (root_exit);
  g_assert_cmpint (root_exit->exit_code & 0x7f, ==, SIGTERM);
  g_ptr_array_unref (exits);
  g_assert_cmpint (system ("pgrep -f '[t]icker 60' >/dev/null"), !=, 0);
  weft_test_remove_tree (dir);
}

/* --tty: the command's stdin, stdout and stderr are that terminal, and it
 * is the command's controlling terminal; -C: its working directory. */
static void
test_tty_and_directory (void)
{
  g_autofree char *dir = recorder_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "tty.weft", NULL);
  g_autoptr (GString) seen = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  char name[128], buffer[512];
  gssize n;
  GPid recorder;
  int status;

  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  g_assert_cmpint (ptsname_r (master, name, sizeof name), ==, 0);
  {
    const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--tty", name, "-C", dir, "--",
                           "/bin/sh", "-c", "test -t 0 && test -t 1 && test -t 2 && echo \"on $(tty) in $(pwd)\"; "
                           "read line; echo \"read $line\"", NULL };
    g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                   &recorder, &error);
    g_assert_no_error (error);
  }
  expected = g_strdup_printf ("on %s in %s", name, dir);
  /* Type a line once the program has said where it is. */
  while (!strstr (seen->str, "read ") && (n = read (master, buffer, sizeof buffer - 1)) > 0)
    {
      g_string_append_len (seen, buffer, n);
      if (strstr (seen->str, expected) && !strstr (seen->str, "typed"))
        g_assert_cmpint (write (master, "typed\n", 6), ==, 6);
      if (strstr (seen->str, "read typed"))
        break;
    }
  status = recorder_test_wait_for (recorder);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_nonnull (strstr (seen->str, expected));
  g_assert_nonnull (strstr (seen->str, "read typed"));
  close (master);
  weft_test_remove_tree (dir);
}

static void
test_live_option_errors (void)
{
  const char *bad_dir[] = { "record", "-o", "/tmp/never.weft", "-C", "/nonexistent-dir", "--", "true", NULL };
  const char *bad_tty[] = { "record", "-o", "/tmp/never.weft", "--tty", "/dev/pts/999999", "--", "true", NULL };
  const char *bad_fd[] = { "record", "-o", "/tmp/never.weft", "--stop-fd", "987", "--", "true", NULL };

  recorder_test_assert_usage_refused (bad_dir, "/nonexistent-dir is not a directory");
  recorder_test_assert_usage_refused (bad_tty, "Cannot open the terminal /dev/pts/999999");
  recorder_test_assert_usage_refused (bad_fd, "--stop-fd names a file descriptor that is not open");
  g_assert_false (g_file_test ("/tmp/never.weft", G_FILE_TEST_EXISTS));
}

static void
keep_record (const struct weft_event_header *event, gpointer user_data)
{
  g_ptr_array_add (user_data, g_memdup2 (event, event->size));
}

/* A program that sleeps a second says nothing meanwhile: the live stream
 * says that time passed, in order with everything else, and a file
 * recorded for later has no such records (its end says it). */
static void
test_live_clock (void)
{
  const char *command[] = { "/bin/sleep", "1", NULL };
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  guint64 exec_ts = 0, exit_ts = 0, previous = 0;
  guint clocks_during_sleep = 0;

  g_assert_true (stream_live (command, keep_record, records));
  for (guint i = 0; i < records->len; i++)
    {
      const struct weft_event_header *h = g_ptr_array_index (records, i);

      g_assert_cmpuint (h->ts, >=, previous);
      previous = h->ts;
      if (h->kind == WEFT_EV_EXEC)
        exec_ts = h->ts;
      else if (h->kind == WEFT_EV_EXIT)
        exit_ts = h->ts;
      else if (h->kind == WEFT_EV_CLOCK && exec_ts && !exit_ts)
        {
          g_assert_cmpuint (h->tgid, ==, 0);
          clocks_during_sleep++;
        }
    }
  g_test_message ("%u clock records during a 1 s sleep", clocks_during_sleep);
  g_assert_cmpuint (exec_ts, >, 0);
  g_assert_cmpuint (exit_ts, >, exec_ts);
  g_assert_cmpuint (clocks_during_sleep, >=, 2);
  {
    g_autoptr (WeftTestTrace) trace = weft_test_record (command, NULL);
    g_autoptr (GPtrArray) clocks = weft_test_events_of_kind (trace, WEFT_EV_CLOCK);

    g_assert_cmpuint (clocks->len, ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record/live-stream", test_live_stream);
  g_test_add_func ("/record/live-clock", test_live_clock);
  g_test_add_func ("/record/stop-fd", test_stop_fd_ends_the_tree);
  g_test_add_func ("/record/tty-and-directory", test_tty_and_directory);
  g_test_add_func ("/record/live-option-errors", test_live_option_errors);
  return g_test_run ();
}

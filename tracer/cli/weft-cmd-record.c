/*
 * weft-cmd-record.c: `weft record [-o FILE] -- COMMAND...` and
 * `weft record [-o FILE] -p PID`.
 *
 * Order matters: programs attached, command forked and held, its pid put
 * in the kernel filter, then released — so its exec and everything after
 * is in the trace.  The loop ends when every traced process has exited
 * (the kernel's filter is empty); a stop signal is passed on to the tree
 * (docs/recording.md), a second one ends the loop; the file is always
 * finished.
 */
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "weft-commands.h"
#include "weft-error.h"
#include "weft-launcher.h"
#include "weft-recorder.h"
#include "weft-trace-writer.h"

/* The kernel side wakes us only when its buffer fills (weft_submit()), so
 * this is also the latency of a live view. */
#define POLL_MS 50
#define PRUNE_EVERY_MS 500
/* A SIGKILLed recorder loses at most this much: every chunk on disk is whole. */
#define FLUSH_EVERY_MS 1000
/* Streaming to a live viewer: chunks are what it can draw, so send every
 * batch at once and look at the ring buffer more often. */
#define LIVE_POLL_MS 20
#define LIVE_FLUSH_EVERY_MS 0
/* ... and when nothing happens for this long, say how far time has gone
 * (a WEFT_EV_CLOCK record), so the viewer's "now" moves on with it. */
#define LIVE_CLOCK_MS 50
/* --stop-fd: the traced tree gets SIGTERM, then SIGKILL after this long;
 * past the second deadline the recorder gives up waiting for exits. */
#define STOP_TERM_GRACE_MS 1000
#define STOP_KILL_GRACE_MS 2000
/* The recorder's scheduling priority (nice), above the traced program's. */
#define RECORDER_NICE (-10)

/* SIGINT, SIGTERM, SIGHUP to the recorder: the last one, how many so far,
 * and the last one a process sent (the terminal's Ctrl-C reaches the
 * program itself, in the same process group: that one is not passed on). */
static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t n_stop_signals;
static volatile sig_atomic_t signal_to_pass_on;

static void
on_stop_signal (int sig, siginfo_t *info, void *context)
{
  stop_signal = sig;
  n_stop_signals++;
  if (info && info->si_code <= 0) /* SI_USER, SI_QUEUE, SI_TKILL: kill(1), not the tty */
    signal_to_pass_on = sig;
}

static void
on_child_exit (int sig)
{
  /* Nothing to do: arriving at all ends the poll early (epoll_wait is
   * never restarted), so the command is reaped when it exits, not at the
   * next poll timeout. */
}

static void
install_stop_handlers (void)
{
  struct sigaction action = { 0 };
  struct sigaction child = { 0 };

  action.sa_sigaction = on_stop_signal;
  action.sa_flags = SA_SIGINFO; /* no SA_RESTART: interrupt the poll */
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
  child.sa_handler = on_child_exit;
  child.sa_flags = SA_RESTART | SA_NOCLDSTOP; /* other calls carry on */
  sigemptyset (&child.sa_mask);
  sigaction (SIGCHLD, &child, NULL);
}

/* Opens the output as the user who will own it: never through a symlink,
 * never over a file that belongs to someone else. */
static int
open_output (const char *path, const WeftCredentials *creds, GError **error)
{
  uid_t owner = creds->drop ? creds->uid : geteuid ();
  struct stat st;
  int fd, saved;

  if (creds->drop && (setegid (creds->gid) < 0 || seteuid (creds->uid) < 0))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot switch to the invoking user: %s"),
                   g_strerror (errno));
      return -1;
    }
  /* Non-blocking: a FIFO with no reader would wait forever; refused below. */
  fd = open (path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
  saved = errno;
  if (creds->drop && (seteuid (0) < 0 || setegid (0) < 0))
    g_error ("cannot regain root after opening the output");

  if (fd < 0)
    {
      if (saved == ELOOP)
        g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                     _("%s is a symbolic link; weft does not write through links, give another name."), path);
      else if (saved == ENXIO)
        g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                     _("%s exists and is not your regular file; weft will not overwrite it, give another name."), path);
      else if (saved == EISDIR)
        g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE, _("%s is a directory; give a file name with -o."), path);
      else
        g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                     _("Cannot write %s: %s (choose a place you can write to with -o)."), path, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) < 0 || !S_ISREG (st.st_mode) || st.st_uid != owner ||
      fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) < 0)
    {
      close (fd);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                   _("%s exists and is not your regular file; weft will not overwrite it, give another name."), path);
      return -1;
    }
  return fd;
}

/* An existing output is emptied only now that the recording really starts,
 * so a command that fails before keeps it whole. */
static gboolean
start_output (int fd, const char *path, GError **error)
{
  if (ftruncate (fd, 0) < 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE, _("Cannot write %s: %s"), path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static void
fill_info (WeftTraceInfo *info, char **argv, pid_t root, gboolean attached)
{
  struct utsname uts;
  struct timespec real;

  clock_gettime (CLOCK_REALTIME, &real);
  uname (&uts);
  info->start_monotonic_ns = weft_monotonic_ns ();
  info->start_realtime_ns = (guint64) real.tv_sec * 1000000000u + real.tv_nsec;
  info->root_pid = root;
  info->flags = attached ? WEFT_TRACE_FLAG_ATTACHED : 0;
  info->recorder_pid = getpid ();
  info->hostname = g_strdup (uts.nodename);
  info->kernel = g_strdup (uts.release);
  info->argv = g_strdupv (argv);
}

typedef struct {
  WeftRecorder *recorder;
  WeftTraceWriter *writer;
  guint flush_ms;
  guint poll_ms;
  int stop_fd;         /* readable or closed: end the traced tree; -1 none */
  pid_t child;         /* the command we started, 0 with -p */
  gboolean child_reaped;
  int child_status;
} RecordLoop;

static void
reap_child (RecordLoop *loop, gboolean block, GError **error)
{
  struct weft_reap reap = { 0 };
  int status;
  pid_t got;

  if (!loop->child || loop->child_reaped)
    return;
  do
    got = waitpid (loop->child, &status, block ? 0 : WNOHANG);
  while (got < 0 && errno == EINTR);
  if (got != loop->child)
    return;
  loop->child_reaped = TRUE;
  loop->child_status = status;
  reap.pid = loop->child;
  reap.reaper = getpid ();
  reap.flags = WEFT_REAP_BY_RECORDER;
  reap.status = status;
  weft_recorder_write_synthetic (loop->recorder, &reap, sizeof reap, WEFT_EV_REAP,
                                 loop->child, loop->child, error);
}

/* The viewer's Stop: a byte on the stop fd, or the viewer going away. */
static gboolean
stop_requested (RecordLoop *loop)
{
  struct pollfd pfd = { .fd = loop->stop_fd, .events = POLLIN };

  if (loop->stop_fd < 0)
    return FALSE;
  if (poll (&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)))
    return FALSE;
  close (loop->stop_fd);
  loop->stop_fd = -1;
  return TRUE;
}

static void
append_lost_reason (GString *why, guint64 count, const char *format)
{
  g_autofree char *number = NULL;

  if (!count)
    return;
  number = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  if (why->len)
    g_string_append (why, ", ");
  g_string_append_printf (why, format, number);
}

/* Says how many events were lost and which limit lost them. */
static void
print_lost_warning (WeftRecorder *recorder, guint64 lost)
{
  g_autoptr (GString) why = g_string_new (NULL);
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, lost);
  g_autofree char *message = NULL;

  append_lost_reason (why, weft_recorder_get_lost_for (recorder, WEFT_LOST_RING_FULL),
                      _("%s with the kernel buffer full"));
  append_lost_reason (why, weft_recorder_get_lost_for (recorder, WEFT_LOST_RING_BUSY),
                      _("%s refused by the kernel buffer's lock"));
  append_lost_reason (why, weft_recorder_get_lost_for (recorder, WEFT_LOST_NO_CALL_SLOT),
                      _("%s syscall ends with no memory to keep their start"));
  message = g_strdup_printf (_("warning: %s events were lost (%s); the trace records how many."), number, why->str);
  weft_print_note (message);
}

static gboolean
run_loop (RecordLoop *loop, GError **error)
{
  const guint64 ms = G_GUINT64_CONSTANT (1000000);
  guint64 last_prune = weft_monotonic_ns ();
  guint64 last_flush = last_prune;
  guint64 kill_at = 0, give_up_at = 0;
  int stop_signals_seen = 0;

  for (;;)
    {
      guint64 now;

      if (weft_recorder_poll (loop->recorder, loop->poll_ms, error) < 0)
        return FALSE;
      if (!kill_at && stop_requested (loop))
        {
          weft_recorder_signal_live (loop->recorder, SIGTERM);
          kill_at = weft_monotonic_ns () + STOP_TERM_GRACE_MS * ms;
          give_up_at = kill_at + STOP_KILL_GRACE_MS * ms;
        }
      now = weft_monotonic_ns ();
      if (kill_at && now >= kill_at)
        {
          weft_recorder_signal_live (loop->recorder, SIGKILL);
          kill_at = G_MAXUINT64;
        }
      if (give_up_at && now >= give_up_at)
        break;
      if (now - last_prune > PRUNE_EVERY_MS * G_GUINT64_CONSTANT (1000000))
        {
          weft_recorder_prune_dead (loop->recorder);
          last_prune = now;
        }
      if (now - last_flush > loop->flush_ms * G_GUINT64_CONSTANT (1000000))
        {
          if (!weft_trace_writer_flush (loop->writer, error))
            return FALSE;
          last_flush = now;
        }
      if (!weft_recorder_is_tree_alive (loop->recorder))
        break;
      /* A stop signal: the program gets it too and the recording goes on
       * until the program has ended, so its end is in the trace.  With -p,
       * or a second time, the recording ends now and the program runs on. */
      if (n_stop_signals > stop_signals_seen)
        {
          int sig = signal_to_pass_on;

          stop_signals_seen = n_stop_signals;
          signal_to_pass_on = 0;
          if (!loop->child || stop_signals_seen > 1)
            break;
          if (sig)
            weft_recorder_signal_live (loop->recorder, sig);
        }
    }
  /* Everything the kernel wrote before the tree ended. */
  if (weft_recorder_poll (loop->recorder, 0, error) < 0)
    return FALSE;
  return TRUE;
}

/* Closes an inherited fd we keep a copy of.  A standard stream gets
 * /dev/null instead, so no later pipe lands on 0, 1 or 2 (the launcher
 * puts the terminal there). */
static void
release_fd (int fd)
{
  int null_fd;

  if (fd > STDERR_FILENO)
    {
      close (fd);
      return;
    }
  null_fd = open ("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd >= 0 && null_fd != fd)
    {
      dup2 (null_fd, fd);
      close (null_fd);
    }
}

static int
exit_status_of (int status)
{
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  if (WIFSIGNALED (status))
    return 128 + WTERMSIG (status);
  return 1;
}

int
weft_cmd_record (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_auto (GStrv) command = NULL;
  int attach_pid = 0;
  int live_fd = -1;
  int stop_fd = -1;
  g_autofree char *tty_path = NULL;
  g_autofree char *directory = NULL;
  gboolean uprobes = FALSE;
  gint64 test_ring_bytes = 0;
  g_autofree char *test_btf_path = NULL;
  gboolean generators = FALSE;
  GOptionEntry entries[] = {
    { "live-fd", 0, 0, G_OPTION_ARG_INT, &live_fd, "Stream the trace to this open file descriptor (for weft-gui)", "FD" },
    { "stop-fd", 0, 0, G_OPTION_ARG_INT, &stop_fd,
      "End the traced processes when this file descriptor becomes readable or is closed (for weft-gui)", "FD" },
    { "tty", 0, 0, G_OPTION_ARG_FILENAME, &tty_path,
      "Give the command this terminal as its standard input, output and error", "DEVICE" },
    { "directory", 'C', 0, G_OPTION_ARG_FILENAME, &directory, "Run the command in DIRECTORY", "DIRECTORY" },
    { "uprobes", 0, 0, G_OPTION_ARG_NONE, &uprobes,
      "Also record exact mutex/semaphore acquire and release with uprobes (slow on lock-heavy programs)", NULL },
    { "generators", 0, 0, G_OPTION_ARG_NONE, &generators,
      "Also show Python generators as coroutines (costs ~1 us on every call into Python from C code)", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the trace to FILE (default: trace.weft)", "FILE" },
    { "pid", 'p', 0, G_OPTION_ARG_INT, &attach_pid, "Attach to a running process and its descendants", "PID" },
    /* For the test suite only: hidden, and the recorder reads no variable for them. */
    { "test-ring-buffer-bytes", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, &test_ring_bytes,
      "Shrink each cpu's kernel ring buffer so that a storm overflows it", "BYTES" },
    { "test-btf-path", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &test_btf_path,
      "Look for the kernel's BTF here, to play a kernel without it", "PATH" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &command, NULL, "COMMAND [ARGS...]" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[-o FILE] -- COMMAND [ARGS...] | -p PID");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftRecorder) recorder = NULL;
  g_autoptr (WeftTraceWriter) writer = NULL;
  g_auto (WeftCredentials) creds = { 0 };
  g_auto (WeftTraceInfo) info = { 0 };
  WeftHeldChild held = { 0 };
  RecordLoop loop = { 0 };
  guint64 lost;
  int fd;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context,
                                "Records COMMAND and every process and thread it starts, or with -p a running\n"
                                "process and its descendants, until they have all exited or Ctrl-C.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return weft_print_option_error ("record", error->message);
  if (command && command[0] && g_strcmp0 (command[0], "--") == 0)
    {
      /* strict POSIX parsing leaves a leading "--" in place. */
      char **rest = g_strdupv (command + 1);
      g_strfreev (command);
      command = rest;
    }
  if ((attach_pid != 0) == (command && command[0] != NULL))
    {
      weft_print_error (_("give either a command after -- or -p PID, for example: weft record -o t.weft -- python3 pool.py"));
      return 2;
    }
  if (live_fd >= 0 && output)
    {
      weft_print_error (_("give either -o FILE or --live-fd FD, not both"));
      return 2;
    }
  if (live_fd >= 0 && fcntl (live_fd, F_GETFD) < 0)
    {
      weft_print_error ("--live-fd names a file descriptor that is not open");
      return 2;
    }
  if (stop_fd >= 0 && fcntl (stop_fd, F_GETFD) < 0)
    {
      weft_print_error ("--stop-fd names a file descriptor that is not open");
      return 2;
    }
  if ((tty_path || directory) && !command)
    {
      weft_print_error ("--tty and --directory are for a command after --, not for -p PID");
      return 2;
    }
  if (directory && !g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message = g_strdup_printf (_("%s is not a directory; give an existing one with --directory."),
                                                  directory);
      weft_print_error (message);
      return 2;
    }
  if (tty_path && access (tty_path, R_OK | W_OK) < 0)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot open the terminal %s: %s"), tty_path, g_strerror (errno));
      weft_print_error (message);
      return 2;
    }
  if (test_ring_bytes != 0 && !weft_recorder_ring_bytes_valid ((guint64) test_ring_bytes))
    {
      weft_print_error ("--test-ring-buffer-bytes must be a power of two from 4096 to the default size");
      return 2;
    }
  if (!output)
    output = g_strdup (live_fd >= 0 ? "(live stream)" : "trace.weft");

  if (!weft_credentials_from_sudo (&creds, &error))
    goto fail_usage;
  /* With file capabilities the recorder is the user's: it may watch the
   * user's own processes only, as root could all. */
  if (attach_pid != 0 && getuid () != 0)
    {
      g_autofree char *proc = g_strdup_printf ("/proc/%d", attach_pid);
      struct stat st;

      if (stat (proc, &st) == 0 && st.st_uid != getuid ())
        {
          g_set_error (&error, WEFT_ERROR, WEFT_ERROR_PERMISSION,
                       _("Process %d belongs to another user; without root weft attaches only to your own processes."),
                       attach_pid);
          goto fail_usage;
        }
    }
  /* Check what the user can get wrong before touching the kernel. */
  if (command)
    {
      g_autofree char *path = g_find_program_in_path (command[0]);
      if (!path)
        {
          g_set_error (&error, WEFT_ERROR, WEFT_ERROR_COMMAND,
                       _("Command not found: %s (check the spelling or give its full path)."), command[0]);
          goto fail_usage;
        }
    }

  if (attach_pid != 0 && !weft_recorder_check_process (attach_pid, &error))
    goto fail;

  {
    WeftRecorderTestKnobs knobs = { (guint32) test_ring_bytes, test_btf_path };

    recorder = weft_recorder_new_for_test ((uprobes ? WEFT_RECORDER_UPROBES : WEFT_RECORDER_DEFAULT) |
                                          (generators ? WEFT_RECORDER_GENERATORS : WEFT_RECORDER_DEFAULT),
                                          &knobs, &error);
  }
  if (!recorder)
    goto fail;
  fd = live_fd >= 0 ? fcntl (live_fd, F_DUPFD_CLOEXEC, 3) : open_output (output, &creds, &error);
  if (fd < 0)
    goto fail;
  if (live_fd >= 0)
    release_fd (live_fd);
  /* Neither stream may leak into the traced program. */
  if (stop_fd >= 0)
    {
      int copy = fcntl (stop_fd, F_DUPFD_CLOEXEC, 3);

      release_fd (stop_fd);
      stop_fd = copy;
    }
  /* A viewer that goes away must not kill us before the file is finished. */
  signal (SIGPIPE, SIG_IGN);

  install_stop_handlers ();
  if (command)
    {
      const WeftLaunchPlace place = { tty_path, directory };

      if (!weft_launcher_spawn_held_in (command, &creds, &place, &held, &error))
        goto fail;
      fill_info (&info, command, held.pid, FALSE);
    }
  else
    {
      g_autofree char *pid_text = g_strdup_printf ("%d", attach_pid);
      char *attach_argv[] = { (char *) "-p", pid_text, NULL };

      fill_info (&info, attach_argv, attach_pid, TRUE);
    }

  /* The program (already forked, so it keeps its own priority) must not
   * starve us of CPU: on a machine whose cores it keeps busy, a recorder
   * that cannot drain the kernel's buffer loses events. */
  setpriority (PRIO_PROCESS, 0, RECORDER_NICE);

  if (live_fd < 0 && !start_output (fd, output, &error))
    goto fail;
  writer = weft_trace_writer_new (fd, &info, &error);
  if (!writer)
    goto fail;
  weft_recorder_set_writer (recorder, writer);
  loop.recorder = recorder;
  loop.writer = writer;
  loop.flush_ms = live_fd >= 0 ? LIVE_FLUSH_EVERY_MS : FLUSH_EVERY_MS;
  loop.poll_ms = live_fd >= 0 ? LIVE_POLL_MS : POLL_MS;
  loop.stop_fd = stop_fd;

  if (!weft_recorder_write_start (recorder, info.root_pid, &error))
    goto fail;
  if (live_fd >= 0)
    weft_recorder_set_clock_interval (recorder, LIVE_CLOCK_MS * G_GUINT64_CONSTANT (1000000));
  if (command)
    {
      loop.child = held.pid;
      if (!weft_recorder_trace_held_child (recorder, held.pid, command[0], &error) ||
          !weft_launcher_release (&held, command[0], &error))
        goto fail;
    }
  else if (!weft_recorder_trace_existing_tree (recorder, attach_pid, &error))
    goto fail;

  if (!run_loop (&loop, &error))
    goto fail;
  reap_child (&loop, !weft_recorder_is_tree_alive (recorder), &error);

  if (!weft_recorder_write_stop (recorder, writer, info.root_pid, &lost, &error) ||
      !weft_trace_writer_finish (writer, lost, weft_monotonic_ns (), &error))
    goto fail;

  /* A viewer reading the stream counts for itself, and takes any line
   * from us as the reason a recording failed: it gets none here. */
  if (live_fd < 0)
    {
      g_autofree char *n_events = g_strdup_printf ("%" G_GUINT64_FORMAT, weft_trace_writer_get_n_events (writer));
      g_autofree char *message = g_strdup_printf (_("recorded %s events from %u processes to %s"), n_events,
                                                  weft_recorder_get_n_processes_seen (recorder), output);

      weft_print_note (message);
      if (weft_recorder_get_coroutine_note (recorder))
        weft_print_note (weft_recorder_get_coroutine_note (recorder));
      if (lost > 0)
        print_lost_warning (recorder, lost);
    }
  if (loop.child_reaped)
    return exit_status_of (loop.child_status);
  return stop_signal ? 128 + stop_signal : 0;

fail_usage:
  weft_print_error (error->message);
  return 2;
fail:
  weft_print_error (error->message);
  if (held.pid > 0 && held.release_fd > 0)
    close (held.release_fd); /* the held child sees EOF and exits */
  if (writer)
    weft_trace_writer_finish (writer, recorder ? weft_recorder_get_lost_events (recorder) : 0,
                              weft_monotonic_ns (), NULL);
  return 1;
}

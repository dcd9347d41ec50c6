/*
 * test-recorder-io.c: waiting on fds under the real recorder — select,
 * poll and epoll with their watched and ready fds, a pipe between two
 * processes with matching byte totals, and a POSIX message queue by name.
 */
#include <string.h>

#include "recorder-test-events.h"

/* The fdset entries of set as "fd:events" strings, e.g. "3:1". */
static char *
fdset_text (const struct weft_fdset *set)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < set->n_fds; i++)
    g_string_append_printf (text, "%s%d:%u", i ? " " : "", WEFT_FDSET_FD (set->fds[i]),
                            WEFT_FDSET_EVENTS (set->fds[i]));
  return g_string_free (text, FALSE);
}

static void
check_fdwait (const char *mode, const guint32 *syscalls)
{
  g_autofree char *program = weft_test_program_path ("fdwait-server");
  const char *argv[] = { program, mode, NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  guint32 pid = trace->info.root_pid;
  gint64 busy, idle;
  g_autofree char *want_watch = NULL, *want_ready = NULL;
  const struct weft_fdset *watch = NULL, *ready = NULL;
  const struct weft_syscall_begin *begin = NULL;
  const struct weft_syscall_end *end = NULL;

  g_assert_cmpint (trace->exit_status, ==, 0);
  busy = recorder_test_printed_number (trace->stdout_text, "watch", 0);
  idle = g_ascii_strtoll (strrchr (trace->stdout_text, ' ') + 1, NULL, 10);
  g_assert_cmpint (busy, >, 2);
  g_assert_cmpint (idle, >, busy);

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *e = g_ptr_array_index (trace->events, i);
      guint32 nr;

      if (e->tgid != pid)
        continue;
      if (e->kind == WEFT_EV_FDSET)
        nr = ((const struct weft_fdset *) e)->syscall;
      else if (e->kind == WEFT_EV_SYSCALL_BEGIN)
        nr = ((const struct weft_syscall_begin *) e)->syscall;
      else if (e->kind == WEFT_EV_SYSCALL_END)
        nr = ((const struct weft_syscall_end *) e)->syscall;
      else
        continue;
      if (nr != syscalls[0] && nr != syscalls[1])
        continue;
      if (e->kind == WEFT_EV_SYSCALL_BEGIN && !begin)
        begin = (const void *) e;
      else if (e->kind == WEFT_EV_SYSCALL_END && !end)
        end = (const void *) e;
      else if (e->kind == WEFT_EV_FDSET && ((const struct weft_fdset *) e)->which == WEFT_FDSET_WATCH && !watch)
        watch = (const void *) e;
      else if (e->kind == WEFT_EV_FDSET && ((const struct weft_fdset *) e)->which == WEFT_FDSET_READY && !ready)
        ready = (const void *) e;
    }
  g_assert_nonnull (begin);
  g_assert_nonnull (end);
  g_assert_nonnull (watch);
  g_assert_nonnull (ready);
  g_assert_cmpuint (begin->arg, ==, WEFT_TIMEOUT_NONE);
  g_assert_cmpint (end->ret, ==, 1);

  want_watch = g_strdup_printf ("%" G_GINT64_FORMAT ":%u %" G_GINT64_FORMAT ":%u", busy, WEFT_FDSET_READ,
                                idle, WEFT_FDSET_READ);
  want_ready = g_strdup_printf ("%" G_GINT64_FORMAT ":%u", busy, WEFT_FDSET_READ);
  {
    g_autofree char *got_watch = fdset_text (watch);
    g_autofree char *got_ready = fdset_text (ready);

    g_assert_cmpstr (got_watch, ==, want_watch);
    g_assert_cmpstr (got_ready, ==, want_ready);
  }
}

static void
test_select (void)
{
  const guint32 syscalls[] = { 23, 270 }; /* select, pselect6 */

  check_fdwait ("select", syscalls);
}

static void
test_poll (void)
{
  const guint32 syscalls[] = { 7, 271 }; /* poll, ppoll */

  check_fdwait ("poll", syscalls);
}

static void
test_epoll (void)
{
  const guint32 syscalls[] = { 232, 281 }; /* epoll_wait, epoll_pwait */

  check_fdwait ("epoll", syscalls);
}

/* Bytes moved by process tgid with syscall nr on fds naming pipe ino. */
static gint64
pipe_bytes (WeftTestTrace *trace, guint32 tgid, guint32 nr, guint64 ino, guint *n_calls)
{
  gint64 total = 0;

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_syscall_end *e = g_ptr_array_index (trace->events, i);
      const struct weft_object *object;

      if (e->h.kind != WEFT_EV_SYSCALL_END || e->h.tgid != tgid || e->syscall != nr)
        continue;
      object = recorder_test_object_at (trace, i, tgid, e->fd);
      if (!object || object->kind != WEFT_OBJ_PIPE || object->ino != ino)
        continue;
      if (e->ret > 0)
        total += e->ret;
      (*n_calls)++;
    }
  return total;
}

static void
test_pipe_between_processes (void)
{
  g_autofree char *program = weft_test_program_path ("pipe-pc");
  const char *argv[] = { program, NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  guint32 producer = trace->info.root_pid, consumer = 0;
  guint64 ino = 0;
  guint n_writes = 0, n_reads = 0;
  gint64 sent, received;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpuint (trace->lost_events, ==, 0);
  sent = recorder_test_printed_number (trace->stdout_text, "sent", 0);
  received = recorder_test_printed_number (trace->stdout_text, "received", 0);
  g_assert_cmpint (sent, ==, 5050);
  g_assert_cmpint (received, ==, sent);

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *e = g_ptr_array_index (trace->events, i);

      if (e->kind == WEFT_EV_OBJECT && e->tgid == producer && !ino &&
          ((const struct weft_object *) e)->kind == WEFT_OBJ_PIPE &&
          (((const struct weft_object *) e)->flags & WEFT_OBJ_CREATED))
        ino = ((const struct weft_object *) e)->ino;
      else if (e->kind == WEFT_EV_FORK && e->tgid == producer)
        consumer = ((const struct weft_fork *) e)->child_tgid;
    }
  g_assert_cmpuint (ino, !=, 0);
  g_assert_cmpuint (consumer, !=, 0);

  /* The same pipe on both sides, and every byte accounted for. */
  g_assert_cmpint (pipe_bytes (trace, producer, 1, ino, &n_writes), ==, sent);
  g_assert_cmpint (pipe_bytes (trace, consumer, 0, ino, &n_reads), ==, received);
  g_assert_cmpuint (n_writes, ==, 100);
  g_assert_cmpuint (n_reads, >, 1);
}

static guint
count_mq_calls (WeftTestTrace *trace, guint32 nr, const char *queue, gint64 ret)
{
  guint n = 0;

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_syscall_end *e = g_ptr_array_index (trace->events, i);
      const struct weft_object *object;

      if (e->h.kind != WEFT_EV_SYSCALL_END || e->syscall != nr)
        continue;
      object = recorder_test_object_at (trace, i, e->h.tgid, e->fd);
      if (object && object->kind == WEFT_OBJ_MQ && g_strcmp0 (object->name, queue) == 0 && e->ret == ret)
        n++;
    }
  return n;
}

static void
test_message_queue (void)
{
  g_autofree char *program = weft_test_program_path ("mq-pc");
  const char *argv[] = { program, NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  g_autofree char *queue = NULL;
  const char *line;

  g_assert_cmpint (trace->exit_status, ==, 0);
  line = strstr (trace->stdout_text, "queue /");
  g_assert_nonnull (line);
  queue = g_strndup (line + strlen ("queue /"), strcspn (line + strlen ("queue /"), "\n"));

  /* Five sends (ret 0) and five receives of the 4-byte "job", each on an
   * fd that names the queue. */
  g_assert_cmpuint (count_mq_calls (trace, 242, queue, 0), ==, 5);
  g_assert_cmpuint (count_mq_calls (trace, 243, queue, 4), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recorder/io/select", test_select);
  g_test_add_func ("/recorder/io/poll", test_poll);
  g_test_add_func ("/recorder/io/epoll", test_epoll);
  g_test_add_func ("/recorder/io/pipe-between-processes", test_pipe_between_processes);
  g_test_add_func ("/recorder/io/message-queue", test_message_queue);
  return g_test_run ();
}

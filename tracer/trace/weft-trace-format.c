/* weft-trace-format.c: facts about the file format shared by reader and writer. */
#include "weft-trace-format.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "weft-error.h"

void
weft_trace_info_clear (WeftTraceInfo *info)
{
  g_clear_pointer (&info->hostname, g_free);
  g_clear_pointer (&info->kernel, g_free);
  g_clear_pointer (&info->argv, g_strfreev);
}

typedef struct {
  guint kind;
  const char *name;
  gsize min_size;
} KindInfo;

static const KindInfo kinds[] = {
  { WEFT_EV_FORK, "fork", sizeof (struct weft_fork) },
  { WEFT_EV_EXEC, "exec", G_STRUCT_OFFSET (struct weft_exec, filename) + 8 },
  { WEFT_EV_EXIT, "exit", sizeof (struct weft_exit) },
  { WEFT_EV_WAIT_BEGIN, "wait-begin", sizeof (struct weft_wait_begin) },
  { WEFT_EV_WAIT_END, "wait-end", sizeof (struct weft_wait_end) },
  { WEFT_EV_REAP, "reap", sizeof (struct weft_reap) },
  { WEFT_EV_REPARENT, "reparent", sizeof (struct weft_reparent) },
  { WEFT_EV_COMM, "comm", sizeof (struct weft_comm) },
  { WEFT_EV_SIGNAL_GENERATE, "signal", sizeof (struct weft_signal) },
  { WEFT_EV_SIGNAL_DELIVER, "signal-deliver", sizeof (struct weft_signal) },
  { WEFT_EV_TASK_INFO, "task", sizeof (struct weft_task_info) },
  { WEFT_EV_SWITCH_OUT, "switch-out", sizeof (struct weft_switch_out) },
  { WEFT_EV_SWITCH_IN, "switch-in", sizeof (struct weft_event_header) },
  { WEFT_EV_WAKEUP, "wakeup", sizeof (struct weft_wakeup) },
  { WEFT_EV_FUTEX_WAIT_BEGIN, "futex-wait", sizeof (struct weft_futex_wait_begin) },
  { WEFT_EV_FUTEX_WAIT_END, "futex-wait-end", sizeof (struct weft_futex_wait_end) },
  { WEFT_EV_FUTEX_WAKE, "futex-wake", sizeof (struct weft_futex_wake) },
  { WEFT_EV_SYSCALL_BEGIN, "syscall", sizeof (struct weft_syscall_begin) },
  { WEFT_EV_SYSCALL_END, "syscall-end", sizeof (struct weft_syscall_end) },
  { WEFT_EV_FDSET, "fdset", G_STRUCT_OFFSET (struct weft_fdset, fds) },
  { WEFT_EV_OBJECT, "object", sizeof (struct weft_object) },
  { WEFT_EV_KLOCK_BEGIN, "klock", sizeof (struct weft_klock) },
  { WEFT_EV_KLOCK_END, "klock-end", sizeof (struct weft_klock) },
  /* flags came later: an older file's names have none */
  { WEFT_EV_LOCK_NAME, "lock-name", G_STRUCT_OFFSET (struct weft_lock_name, flags) },
  { WEFT_EV_ULOCK, "ulock", sizeof (struct weft_ulock) },
  { WEFT_EV_EPOLL_CTL, "epoll-ctl", sizeof (struct weft_epoll_ctl) },
  { WEFT_EV_FD_CLOSE, "fd-close", sizeof (struct weft_fd_close) },
  { WEFT_EV_COW_FAULTS, "cow-faults", sizeof (struct weft_cow_faults) },
  { WEFT_EV_PY_STACK, "py-stack", G_STRUCT_OFFSET (struct weft_py_stack, frames) },
  { WEFT_EV_PY_CODE, "py-code", G_STRUCT_OFFSET (struct weft_py_code, text) + 8 },
  { WEFT_EV_PY_THREAD, "py-thread", sizeof (struct weft_py_thread) },
  { WEFT_EV_PY_STATUS, "py-status", sizeof (struct weft_py_status) },
  { WEFT_EV_CORO_SWITCH, "coroutine", sizeof (struct weft_coro_switch) },
  { WEFT_EV_RECORD_START, "record-start", sizeof (struct weft_event_header) },
  { WEFT_EV_RECORD_STOP, "record-stop", sizeof (struct weft_record_stop) },
  { WEFT_EV_CPU_STEAL, "cpu-steal", sizeof (struct weft_cpu_steal) },
  { WEFT_EV_CLOCK, "clock", sizeof (struct weft_event_header) },
};

static const KindInfo *
find_kind (guint kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return &kinds[i];
  return NULL;
}

const char *
weft_event_kind_name (guint kind)
{
  const KindInfo *info = find_kind (kind);

  return info ? info->name : NULL;
}

gsize
weft_event_kind_min_size (guint kind)
{
  const KindInfo *info = find_kind (kind);

  return info ? info->min_size : 0;
}

guint32
weft_crc32 (const void *data, gsize len)
{
  uLong crc = crc32 (0L, Z_NULL, 0);

  while (len > 0)
    {
      uInt n = len > G_MAXUINT32 ? G_MAXUINT32 : (uInt) len;

      crc = crc32 (crc, data, n);
      data = (const guint8 *) data + n;
      len -= n;
    }
  return (guint32) crc;
}

int
weft_trace_open_file (const char *path, GError **error)
{
  struct stat st;
  int fd, saved;

  /* Non-blocking: opening a FIFO must not wait for a writer. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      saved = errno;
      weft_trace_set_open_error (error, path, g_file_error_from_errno (saved), g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) < 0 || !S_ISREG (st.st_mode) ||
      fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) < 0)
    {
      gboolean directory = S_ISDIR (st.st_mode);

      close (fd);
      if (directory)
        g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOT_A_TRACE, _("%s is a directory, not a trace file."), path);
      else
        g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOT_A_TRACE,
                     _("%s is not a regular file (a pipe or a device), not a weft trace."), path);
      return -1;
    }
  return fd;
}

void
weft_trace_set_open_error (GError **error, const char *path, GFileError code, const char *detail)
{
  if (code == G_FILE_ERROR_NOENT)
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("%s does not exist (check the file name)."), path);
  else if (code == G_FILE_ERROR_ACCES)
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED,
                 _("You are not allowed to read %s; ask its owner to make it readable to you."), path);
  else
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot read %s: %s."), path, detail);
}

guint32
weft_lock_name_get_flags (const struct weft_lock_name *name)
{
  return name->h.size >= sizeof *name ? name->flags : 0;
}

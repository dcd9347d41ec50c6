/* synth-trace.c: synthetic event streams for model tests. */
#include "synth-trace.h"

#include <fcntl.h>
#include <string.h>

#include "weft-trace-writer.h"

struct _SynthTrace {
  guint32 root_pid;
  GPtrArray *records;
  guint64 last_t;
};

SynthTrace *
synth_new (guint32 root_pid)
{
  SynthTrace *s = g_new0 (SynthTrace, 1);

  s->root_pid = root_pid;
  s->records = g_ptr_array_new_with_free_func (g_free);
  return s;
}

void
synth_free (SynthTrace *s)
{
  g_ptr_array_unref (s->records);
  g_free (s);
}

static gpointer
add (SynthTrace *s, gsize size, guint kind, guint64 t, guint32 pid, guint32 tid)
{
  struct weft_event_header *h;

  size = (size + 7) & ~(gsize) 7;
  h = g_malloc0 (size);
  h->ts = SYNTH_T0 + t;
  h->tgid = pid;
  h->tid = tid;
  h->kind = kind;
  h->size = size;
  g_ptr_array_add (s->records, h);
  s->last_t = MAX (s->last_t, t);
  return h;
}

void
synth_fork (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 child_pid,
            guint32 child_tid, gboolean thread, const char *comm)
{
  struct weft_fork *e = add (s, sizeof *e, WEFT_EV_FORK, t, pid, tid);

  e->child_tgid = child_pid;
  e->child_tid = child_tid;
  e->flags = thread ? WEFT_FORK_THREAD : 0;
  e->child_ppid = thread ? 0 : pid;
  g_strlcpy (e->child_comm, comm, sizeof e->child_comm);
}

void
synth_exec (SynthTrace *s, guint64 t, guint32 pid, const char *path, const char *comm)
{
  struct weft_exec *e = add (s, offsetof (struct weft_exec, filename) + strlen (path) + 1,
                             WEFT_EV_EXEC, t, pid, pid);

  e->old_tid = pid;
  e->filename_len = strlen (path);
  g_strlcpy (e->comm, comm, sizeof e->comm);
  memcpy (e->filename, path, strlen (path) + 1);
}

void
synth_exit (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, int status, gboolean group_dead,
            guint32 parent)
{
  struct weft_exit *e = add (s, sizeof *e, WEFT_EV_EXIT, t, pid, tid);

  e->exit_code = status;
  e->flags = group_dead ? WEFT_EXIT_GROUP_DEAD : 0;
  e->parent_tgid = parent;
}

void
synth_reap (SynthTrace *s, guint64 t, guint32 reaper, guint32 child, guint32 flags)
{
  struct weft_reap *e = add (s, sizeof *e, WEFT_EV_REAP, t,
                             (flags & WEFT_REAP_AUTO) ? child : reaper,
                             (flags & WEFT_REAP_AUTO) ? child : reaper);

  e->pid = child;
  e->reaper = reaper;
  e->flags = flags;
}

void
synth_wait (SynthTrace *s, guint64 t_begin, guint64 t_end, guint32 pid, guint32 tid, int ret, int status)
{
  struct weft_wait_begin *b = add (s, sizeof *b, WEFT_EV_WAIT_BEGIN, t_begin, pid, tid);
  struct weft_wait_end *e;

  b->pid = -1;
  b->syscall = 61;
  e = add (s, sizeof *e, WEFT_EV_WAIT_END, t_end, pid, tid);
  e->ret = ret;
  e->status = status;
  e->syscall = 61;
  if (ret > 0)
    synth_reap (s, t_end, pid, ret, 0);
}

void
synth_reparent (SynthTrace *s, guint64 t, guint32 old_parent, guint32 orphan, guint32 new_parent)
{
  struct weft_reparent *e = add (s, sizeof *e, WEFT_EV_REPARENT, t, old_parent, old_parent);

  e->pid = orphan;
  e->old_parent = old_parent;
  e->new_parent = new_parent;
}

void
synth_task_info (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 ppid, const char *comm)
{
  struct weft_task_info *e = add (s, sizeof *e, WEFT_EV_TASK_INFO, t, pid, tid);

  e->ppid = ppid;
  g_strlcpy (e->comm, comm, sizeof e->comm);
}

void
synth_signal (SynthTrace *s, guint64 t, guint32 from_pid, guint32 from_tid, guint32 to_pid, int sig,
              gboolean deliver)
{
  struct weft_signal *e = add (s, sizeof *e, WEFT_EV_SIGNAL_GENERATE, t, from_pid, from_tid);

  e->sig = sig;
  e->code = 0; /* SI_USER */
  e->target_tgid = to_pid;
  e->sender_pid = from_pid;
  if (deliver)
    {
      struct weft_signal *d = add (s, sizeof *d, WEFT_EV_SIGNAL_DELIVER, t + 1000, to_pid, to_pid);

      d->sig = sig;
      d->target_tgid = to_pid;
      d->target_tid = to_pid;
      d->sender_pid = from_pid;
    }
}

void
synth_switch_out (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 state)
{
  struct weft_switch_out *e = add (s, sizeof *e, WEFT_EV_SWITCH_OUT, t, pid, tid);

  e->state = state;
}

void
synth_clock (SynthTrace *s, guint64 t)
{
  add (s, sizeof (struct weft_event_header), WEFT_EV_CLOCK, t, 0, 0);
}

void
synth_cow_faults (SynthTrace *s, guint64 first, guint64 t, guint32 pid, guint32 tid, guint32 count)
{
  struct weft_cow_faults *e = add (s, sizeof *e, WEFT_EV_COW_FAULTS, t, pid, tid);

  e->count = count;
  e->first_ns = SYNTH_T0 + first;
}

void
synth_switch_in (SynthTrace *s, guint64 t, guint32 pid, guint32 tid)
{
  add (s, sizeof (struct weft_event_header), WEFT_EV_SWITCH_IN, t, pid, tid);
}

void
synth_wakeup (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 target_pid, guint32 target_tid)
{
  struct weft_wakeup *e = add (s, sizeof *e, WEFT_EV_WAKEUP, t, pid, tid);

  e->target_tgid = target_pid;
  e->target_tid = target_tid;
}

void
synth_futex_wait (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr, guint32 klass,
                  guint32 owner, guint64 timeout_ns, gboolean shared)
{
  struct weft_futex_wait_begin *e = add (s, sizeof *e, WEFT_EV_FUTEX_WAIT_BEGIN, t, pid, tid);

  e->uaddr = addr;
  e->op = klass == WEFT_FUTEX_CLASS_MUTEX ? 0 : 9;
  e->val = 2;
  e->owner_tid = owner;
  e->lock_word = 2;
  e->timeout_ns = timeout_ns;
  e->klass = klass;
  e->shared = shared;
}

void
synth_futex_wait_end (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr, gint64 ret)
{
  struct weft_futex_wait_end *e = add (s, sizeof *e, WEFT_EV_FUTEX_WAIT_END, t, pid, tid);

  e->uaddr = addr;
  e->ret = ret;
}

void
synth_futex_wake (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr, gint64 woken)
{
  struct weft_futex_wake *e = add (s, sizeof *e, WEFT_EV_FUTEX_WAKE, t, pid, tid);

  e->uaddr = addr;
  e->op = 1;
  e->nr_wake = 1;
  e->ret = woken;
}

void
synth_lock_name (SynthTrace *s, guint64 t, guint32 pid, guint64 addr, const char *name)
{
  struct weft_lock_name *e = add (s, sizeof *e, WEFT_EV_LOCK_NAME, t, pid, pid);

  e->addr = addr;
  g_strlcpy (e->name, name, sizeof e->name);
}

void
synth_lock_name_without_flags (SynthTrace *s, guint64 t, guint32 pid, guint64 addr, const char *name)
{
  /* Written field by field: the record ends before the struct does. */
  guint8 *record = (guint8 *) add (s, G_STRUCT_OFFSET (struct weft_lock_name, flags), WEFT_EV_LOCK_NAME, t, pid, pid);

  memcpy (record + G_STRUCT_OFFSET (struct weft_lock_name, addr), &addr, sizeof addr);
  g_strlcpy ((char *) record + G_STRUCT_OFFSET (struct weft_lock_name, name), name, sizeof ((struct weft_lock_name *) NULL)->name);
}

void
synth_lock_name_another (SynthTrace *s, guint64 t, guint32 pid, guint64 addr, const char *name)
{
  struct weft_lock_name *e = add (s, sizeof *e, WEFT_EV_LOCK_NAME, t, pid, pid);

  e->addr = addr;
  g_strlcpy (e->name, name, sizeof e->name);
  e->flags = WEFT_LOCK_NAME_ANOTHER_LOCK;
}

void
synth_syscall_begin (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, int fd)
{
  synth_syscall_begin_arg (s, t, pid, tid, nr, fd, 0);
}

void
synth_syscall_begin_arg (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, int fd, guint64 arg)
{
  struct weft_syscall_begin *e = add (s, sizeof *e, WEFT_EV_SYSCALL_BEGIN, t, pid, tid);

  e->syscall = nr;
  e->fd = fd;
  e->arg = arg;
}

void
synth_syscall_end (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, int fd, gint64 ret)
{
  struct weft_syscall_end *e = add (s, sizeof *e, WEFT_EV_SYSCALL_END, t, pid, tid);

  e->syscall = nr;
  e->fd = fd;
  e->ret = ret;
}

void
synth_syscall (SynthTrace *s, guint64 t_begin, guint64 t_end, guint32 pid, guint32 tid, guint32 nr,
               int fd, gint64 ret)
{
  synth_syscall_begin (s, t_begin, pid, tid, nr, fd);
  synth_syscall_end (s, t_end, pid, tid, nr, fd, ret);
}

void
synth_fdset (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, guint which,
             const gint32 *fds, guint n)
{
  struct weft_fdset *e = add (s, offsetof (struct weft_fdset, fds) + n * sizeof (gint32),
                              WEFT_EV_FDSET, t, pid, tid);

  e->syscall = nr;
  e->which = which;
  e->n_fds = n;
  memcpy (e->fds, fds, n * sizeof (gint32));
}

void
synth_object (SynthTrace *s, guint64 t, guint32 pid, int fd, guint kind, guint64 ino, const char *name)
{
  struct weft_object *e = add (s, sizeof *e, WEFT_EV_OBJECT, t, pid, pid);

  e->fd = fd;
  e->kind = kind;
  e->ino = ino;
  g_strlcpy (e->name, name ? name : "", sizeof e->name);
}

void
synth_unix_socket (SynthTrace *s, guint64 t, guint32 pid, int fd, guint64 ino, guint64 peer_ino)
{
  struct weft_object *e = add (s, sizeof *e, WEFT_EV_OBJECT, t, pid, pid);

  e->fd = fd;
  e->kind = WEFT_OBJ_SOCKET;
  e->ino = ino;
  e->family = 1; /* AF_UNIX */
  e->sock_type = 1;
  memcpy (e->peer_addr, &peer_ino, sizeof peer_ino);
}

void
synth_inet_socket (SynthTrace *s, guint64 t, guint32 pid, int fd, guint64 ino, guint16 local_port,
                   guint16 peer_port)
{
  struct weft_object *e = add (s, sizeof *e, WEFT_EV_OBJECT, t, pid, pid);
  const guint8 loopback[4] = { 127, 0, 0, 1 };

  e->fd = fd;
  e->kind = WEFT_OBJ_SOCKET;
  e->ino = ino;
  e->family = 2; /* AF_INET */
  e->sock_type = 1;
  memcpy (e->local_addr, loopback, 4);
  memcpy (e->peer_addr, loopback, peer_port ? 4 : 0);
  e->local_port = local_port;
  e->peer_port = peer_port;
}

void
synth_ulock (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr, guint op, int ret)
{
  struct weft_ulock *e = add (s, sizeof *e, WEFT_EV_ULOCK, t, pid, tid);

  e->addr = addr;
  e->op = op;
  e->ret = ret;
}

void
synth_stop (SynthTrace *s, guint64 t, guint64 lost)
{
  struct weft_record_stop *e = add (s, sizeof *e, WEFT_EV_RECORD_STOP, t, s->root_pid, s->root_pid);

  e->lost_events = lost;
  e->events = s->records->len - 1;
}

void
synth_cpu_steal (SynthTrace *s, guint64 t, guint64 steal_ns)
{
  struct weft_cpu_steal *e = add (s, sizeof *e, WEFT_EV_CPU_STEAL, t, s->root_pid, s->root_pid);

  e->steal_ns = steal_ns;
}

static void
fill_info (SynthTrace *s, WeftTraceInfo *info, char **argv)
{
  memset (info, 0, sizeof *info);
  info->start_monotonic_ns = SYNTH_T0;
  info->start_realtime_ns = G_GUINT64_CONSTANT (1700000000000000000);
  info->root_pid = s->root_pid;
  info->recorder_pid = 1;
  info->hostname = (char *) "synth";
  info->kernel = (char *) "6.0";
  info->argv = argv;
}

void
synth_feed (SynthTrace *s, WeftModel *model)
{
  char *argv[] = { (char *) "synthetic", NULL };
  WeftTraceInfo info;

  fill_info (s, &info, argv);
  weft_model_set_info (model, &info);
  for (guint i = 0; i < s->records->len; i++)
    weft_model_add_event (model, g_ptr_array_index (s->records, i));
}

WeftModel *
synth_model (SynthTrace *s)
{
  WeftModel *model = weft_model_new ();

  synth_feed (s, model);
  weft_model_finish (model, 0, FALSE);
  return model;
}

void
synth_write (SynthTrace *s, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceWriter) writer = NULL;
  char *argv[] = { (char *) "synthetic", NULL };
  WeftTraceInfo info;
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  fill_info (s, &info, argv);
  writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < s->records->len; i++)
    {
      const struct weft_event_header *h = g_ptr_array_index (s->records, i);

      weft_trace_writer_add (writer, h, h->size, &error);
      g_assert_no_error (error);
    }
  weft_trace_writer_finish (writer, 0, SYNTH_T0 + s->last_t, &error);
  g_assert_no_error (error);
}

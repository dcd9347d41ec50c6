/*
 * weft-model-describe.c: what a blocked interval waited for, as a struct
 * and as a sentence for tooltips and `weft show`.
 */
#include "weft-model-private.h"

#include <string.h>

static const gint32 *
fd_set_at (WeftModel *self, guint32 offset, guint *n)
{
  if (offset == 0 || offset > self->fd_pool->len)
    {
      *n = 0;
      return NULL;
    }
  *n = g_array_index (self->fd_pool, gint32, offset - 1);
  return &g_array_index (self->fd_pool, gint32, offset);
}

char *
weft_model_name_thread (WeftModel *self, guint32 tid)
{
  WeftThread *thread = weft_model_lookup_thread (self, tid);

  if (!thread)
    return g_strdup_printf ("%u", tid);
  /* A main thread goes by its process's name, as its row does. */
  if (thread->tid == thread->pid && thread->process)
    return weft_process_dup_title (thread->process);
  return weft_thread_dup_title (thread);
}

char *
weft_model_name_process (WeftModel *self, guint32 pid)
{
  WeftProcess *process = weft_model_lookup_process (self, pid);

  if (!process)
    return weft_model_name_thread (self, pid);
  return weft_process_dup_title (process);
}

gboolean
weft_model_get_wait_info (WeftModel *self, guint32 wait_handle, WeftWaitInfo *out)
{
  WeftWait *wait = weft_model_wait (self, wait_handle);

  memset (out, 0, sizeof *out);
  out->fd = -1;
  if (!wait)
    return FALSE;
  out->syscall = wait->syscall;
  out->syscall_name = weft_model_syscall_name (wait->syscall);
  out->woken_by_tid = wait->woken_by;
  out->frames = weft_model_python_stack (self, wait->stack, &out->n_frames, &out->frames_partial);
  switch (wait->state)
    {
    case WEFT_STATE_LOCK:
    case WEFT_STATE_JOIN:
    case WEFT_STATE_GIL:
      if (wait->a && wait->a <= self->locks->len)
        out->lock = g_ptr_array_index (self->locks, wait->a - 1);
      out->holder_tid = wait->b;
      out->futex_class = wait->klass;
      break;
    case WEFT_STATE_IO:
      if (wait->a && wait->a <= self->objects->len)
        out->object = g_ptr_array_index (self->objects, wait->a - 1);
      out->fd = (gint32) wait->b;
      break;
    case WEFT_STATE_SELECT:
      out->fds = fd_set_at (self, wait->a, &out->n_fds);
      /* Watch sets are followed by their fds' objects (weft-model-io.c). */
      if (out->fds && wait->a + 2 * out->n_fds <= self->fd_pool->len)
        out->fd_objects = out->fds + out->n_fds;
      out->ready_fds = fd_set_at (self, wait->b, &out->n_ready_fds);
      break;
    case WEFT_STATE_CHILD:
      out->child_pid = (gint32) wait->a;
      break;
    default:
      break;
    }
  return TRUE;
}

char *
weft_model_describe_fds (WeftModel *self, const WeftWaitInfo *info, gboolean ready)
{
  const gint32 *fds = ready ? info->ready_fds : info->fds;
  guint n = ready ? info->n_ready_fds : info->n_fds;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      gint32 index = info->fd_objects && !ready ? info->fd_objects[i] : 0;

      g_string_append_printf (text, "%s%d", i ? (ready ? "," : ", ") : "", WEFT_FDSET_FD (fds[i]));
      if (index > 0 && (guint) index <= self->objects->len)
        g_string_append_printf (text, " (%s)", ((WeftObject *) g_ptr_array_index (self->objects, index - 1))->label);
    }
  return g_string_free (text, FALSE);
}

char *
weft_model_describe_interval (WeftModel *self, const WeftStateInterval *interval)
{
  WeftWaitInfo info;
  GString *text = g_string_new (NULL);
  gboolean have = weft_model_get_wait_info (self, interval->wait, &info);

  switch (interval->state)
    {
    case WEFT_STATE_RUNNING:
      g_string_append (text, "running");
      break;
    case WEFT_STATE_RUNNABLE:
      g_string_append (text, interval->preempted ? "runnable (preempted)" : "runnable (woken, waiting for a cpu)");
      break;
    case WEFT_STATE_JOIN:
      if (have && info.lock && info.lock->joined_tid)
        {
          g_autofree char *joined = weft_model_name_thread (self, info.lock->joined_tid);

          g_string_append_printf (text, "waiting for %s to end (join)", joined);
        }
      else
        g_string_append (text, "waiting for a thread to end (join)");
      break;
    case WEFT_STATE_GIL:
      g_string_append (text, "waiting for the GIL (Python's interpreter lock)");
      break;
    case WEFT_STATE_LOCK:
      {
        const char *kind = NULL;
        g_autofree char *object = have ? weft_model_lock_wait_object (&info, &kind) : NULL;

        g_string_append (text, kind ? "waiting on" : "waiting for lock");
        if (object)
          g_string_append_printf (text, " %s", object);
      }
      if (have && info.holder_tid)
        {
          g_autofree char *holder = weft_model_name_thread (self, info.holder_tid);

          g_string_append_printf (text, " held by %s", holder);
        }
      break;
    case WEFT_STATE_IO:
      g_string_append_printf (text, "blocked in %s", have && info.syscall_name ? info.syscall_name : "IO");
      if (have && info.object)
        g_string_append_printf (text, " on %s", info.object->label);
      else if (have && info.fd >= 0)
        g_string_append_printf (text, " on fd %d", info.fd);
      break;
    case WEFT_STATE_SELECT:
      g_string_append_printf (text, "waiting in %s", have && info.syscall_name ? info.syscall_name : "select");
      if (have && info.n_fds > 0)
        {
          g_autofree char *fds = weft_model_describe_fds (self, &info, FALSE);

          g_string_append_printf (text, " on fds %s", fds);
        }
      if (have && info.n_ready_fds > 0)
        {
          g_autofree char *ready = weft_model_describe_fds (self, &info, TRUE);

          /* "ready 5" could be read as five of them. */
          g_string_append_printf (text, ", %s %s ready", info.n_ready_fds == 1 ? "fd" : "fds", ready);
        }
      break;
    case WEFT_STATE_CHILD:
      g_string_append (text, "waiting for a child");
      if (have && info.child_pid > 0)
        g_string_append_printf (text, " (%d)", info.child_pid);
      break;
    case WEFT_STATE_SLEEP:
      g_string_append (text, "sleeping");
      break;
    case WEFT_STATE_DISK:
      g_string_append (text, "in uninterruptible sleep (cannot be woken by a signal)");
      break;
    case WEFT_STATE_STOPPED:
      g_string_append (text, "stopped");
      break;
    case WEFT_STATE_ZOMBIE:
      g_string_append (text, "zombie (exited, not reaped yet)");
      break;
    default:
      g_string_append (text, "not running");
      break;
    }
  if (have && info.woken_by_tid && interval->state != WEFT_STATE_RUNNING)
    {
      g_autofree char *waker = weft_model_name_thread (self, info.woken_by_tid);

      g_string_append_printf (text, ", woken by %s", waker);
    }
  g_string_append_printf (text, " [%c]", interval->stat);
  return g_string_free (text, FALSE);
}

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

static void
append_fds (GString *text, const gint32 *fds, guint n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%d", i ? "," : "", fds[i] & ((1 << 29) - 1));
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
    case WEFT_STATE_LOCK:
      if (have && info.lock && info.lock->joined_tid)
        {
          g_string_append_printf (text, "waiting for thread %u to end (join)", info.lock->joined_tid);
          break;
        }
      g_string_append (text, "waiting for lock");
      if (have && info.lock)
        {
          g_autofree char *label = weft_lock_label (info.lock);
          g_string_append_printf (text, " %s", label);
        }
      if (have && info.holder_tid)
        g_string_append_printf (text, " held by %u", info.holder_tid);
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
          g_string_append (text, " on fds ");
          append_fds (text, info.fds, info.n_fds);
        }
      if (have && info.n_ready_fds > 0)
        {
          g_string_append (text, ", ready ");
          append_fds (text, info.ready_fds, info.n_ready_fds);
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
    g_string_append_printf (text, ", woken by %u", info.woken_by_tid);
  g_string_append_printf (text, " [%c]", interval->stat);
  return g_string_free (text, FALSE);
}

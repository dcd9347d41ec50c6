/*
 * weft-model-entities.c: the model's records as events create them —
 * processes and threads (made on first sight), the details of a thread's
 * current wait, and flows between threads.  The area files
 * (weft-model-{tree,sched,sync,io,python}.c) build on these; the model
 * object (weft-model.c) hands each event to its area.
 */
#include "weft-model-private.h"

#include <string.h>


guint64
weft_model_key2 (guint32 a, guint32 b)
{
  return ((guint64) a << 32) | b;
}

guint64
weft_model_rel (WeftModel *self, guint64 ts)
{
  return ts > self->t0 ? ts - self->t0 : 0;
}

WeftProcessPriv *
weft_model_ensure_process (WeftModel *self, guint32 pid, guint64 t)
{
  WeftProcessPriv *p = g_hash_table_lookup (self->pid_table, GUINT_TO_POINTER (pid));

  if (p)
    return p;
  p = g_new0 (WeftProcessPriv, 1);
  p->pub.pid = pid;
  p->pub.children = g_ptr_array_new ();
  p->pub.threads = g_ptr_array_new ();
  p->pub.exec_history = g_ptr_array_new_with_free_func (g_free);
  p->pub.start_ns = t;
  p->pub.exit_ns = WEFT_TIME_NONE;
  p->pub.reap_ns = WEFT_TIME_NONE;
  p->pub.reparented_ns = WEFT_TIME_NONE;
  p->pub.comm = g_strdup ("");
  if (self->have_info && pid == self->info.root_pid && !self->root)
    {
      self->root = p;
      p->pub.is_root = TRUE;
    }
  g_ptr_array_add (self->processes, p);
  g_hash_table_insert (self->pid_table, GUINT_TO_POINTER (pid), p);
  return p;
}

/* Events of a thread after its exit (a killed thread's last syscall
 * return, a late scheduler event) belong to it, not to a new thread. */
WeftThreadPriv *
weft_model_ensure_thread (WeftModel *self, guint32 pid, guint32 tid, guint64 t)
{
  WeftThreadPriv *thread = g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (tid));

  if (thread && thread->pub.pid == pid)
    return thread;
  return weft_model_new_thread (self, pid, tid, t);
}

WeftThreadPriv *
weft_model_new_thread (WeftModel *self, guint32 pid, guint32 tid, guint64 t)
{
  WeftThreadPriv *thread;
  WeftProcessPriv *p;

  p = weft_model_ensure_process (self, pid, t);
  thread = g_new0 (WeftThreadPriv, 1);
  thread->pub.tid = tid;
  thread->pub.pid = pid;
  thread->pub.process = &p->pub;
  thread->pub.name = g_strdup (p->pub.comm);
  thread->pub.start_ns = t;
  thread->pub.end_ns = WEFT_TIME_NONE;
  thread->sys.state = WEFT_STATE_RUNNING;
  weft_thread_spans_init (thread);
  /* The leader first, so that rows read naturally. */
  if (tid == pid)
    g_ptr_array_insert (p->pub.threads, 0, thread);
  else
    g_ptr_array_add (p->pub.threads, thread);
  p->n_live_threads++;
  g_ptr_array_add (self->threads, thread);
  g_hash_table_insert (self->tid_table, GUINT_TO_POINTER (tid), thread);
  weft_thread_update_state (self, thread, t);
  return thread;
}

void
weft_model_add_flow (WeftModel *self, WeftFlowKind kind, guint32 from_tid, guint64 from_ns,
                     guint32 to_tid, guint64 to_ns, guint32 detail)
{
  WeftFlow flow = { .from_ns = MIN (from_ns, to_ns), .to_ns = to_ns, .from_tid = from_tid,
                    .to_tid = to_tid, .detail = detail, .kind = kind };
  guint i = self->flows->len;

  /* Kept sorted by arrival; events are nearly in order, so this is cheap. */
  while (i > 0 && g_array_index (self->flows, WeftFlow, i - 1).to_ns > to_ns)
    i--;
  g_array_insert_val (self->flows, i, flow);
}

WeftWait *
weft_thread_begin_wait (WeftThreadPriv *thread, WeftThreadState state, guint32 syscall, guint64 t)
{
  memset (&thread->sys.pending, 0, sizeof thread->sys.pending);
  thread->sys.pending.syscall = syscall;
  thread->sys.pending.state = state;
  thread->sys.pending.stack = thread->pending_stack;
  thread->pending_stack = 0;
  thread->sys.wait = 0;
  thread->sys.state = state;
  thread->sys.since = t;
  thread->sys.syscall = syscall;
  thread->last_wait = 0;
  thread->signalled_lock = 0;
  return &thread->sys.pending;
}

void
weft_thread_end_wait (WeftThreadPriv *thread)
{
  thread->sys.state = WEFT_STATE_RUNNING;
  thread->sys.wait = 0;
  thread->sys.syscall = 0;
  thread->sys.holder = 0;
}

WeftWait *
weft_thread_current_wait (WeftModel *self, WeftThreadPriv *thread)
{
  if (thread->sys.state == WEFT_STATE_RUNNING)
    return NULL;
  if (thread->sys.wait)
    return weft_model_wait (self, thread->sys.wait);
  return &thread->sys.pending;
}

guint32
weft_thread_store_wait (WeftModel *self, WeftThreadPriv *thread)
{
  if (thread->sys.state == WEFT_STATE_RUNNING)
    return 0;
  if (!thread->sys.wait)
    {
      g_array_append_val (self->waits, thread->sys.pending);
      thread->sys.wait = self->waits->len - 1;
      thread->last_wait = thread->sys.wait;
    }
  return thread->sys.wait;
}

WeftWait *
weft_model_wait (WeftModel *self, guint32 wait)
{
  if (wait == 0 || wait >= self->waits->len)
    return NULL;
  return &g_array_index (self->waits, WeftWait, wait);
}

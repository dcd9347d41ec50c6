/*
 * weft-model-tree.c: the process tree — fork, exec, exit, wait, reap,
 * orphan reparenting, names and signals.
 */
#include "weft-model-private.h"

#include <string.h>

typedef struct {
  guint32 tid;
  guint64 t;
} PendingSource;

static char *
comm_dup (const char *comm)
{
  return g_strndup (comm, WEFT_COMM_LEN);
}

static WeftProcessPriv *
process_of (WeftModel *self, guint32 pid)
{
  return g_hash_table_lookup (self->pid_table, GUINT_TO_POINTER (pid));
}

static void
set_parent (WeftModel *self, WeftProcessPriv *child, guint32 ppid)
{
  WeftProcessPriv *parent = process_of (self, ppid);

  child->pub.ppid = ppid;
  if (parent && parent != child && !child->pub.parent)
    {
      child->pub.parent = &parent->pub;
      g_ptr_array_add (parent->pub.children, child);
    }
}

/* A fresh process for pid; an older one with the same pid (reused after
 * being reaped) stays in the list but leaves the lookup table. */
static WeftProcessPriv *
new_process (WeftModel *self, guint32 pid, guint64 t)
{
  WeftProcessPriv *old = process_of (self, pid);

  if (old && old->pub.exit_ns == WEFT_TIME_NONE && old->pub.threads->len == 0)
    return old; /* seen first through one of its own events */
  if (old)
    {
      g_hash_table_remove (self->pid_table, GUINT_TO_POINTER (pid));
      for (guint i = 0; i < old->pub.threads->len; i++)
        {
          WeftThread *thread = g_ptr_array_index (old->pub.threads, i);

          if (g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (thread->tid)) == thread)
            g_hash_table_remove (self->tid_table, GUINT_TO_POINTER (thread->tid));
        }
    }
  return weft_model_ensure_process (self, pid, t);
}

/* The thread a fork creates; one already known by that tid and alive was
 * seen first through its own events (they can overtake the fork's). */
static WeftThreadPriv *
fresh_thread (WeftModel *self, guint32 pid, guint32 tid, guint64 t)
{
  WeftThreadPriv *known = g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (tid));

  if (known && !known->exited && known->pub.pid == pid)
    return known;
  return weft_model_new_thread (self, pid, tid, t);
}

static void
on_fork (WeftModel *self, const struct weft_fork *e, guint64 t)
{
  WeftThreadPriv *parent_thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  WeftThreadPriv *child;

  if (e->flags & WEFT_FORK_THREAD)
    {
      child = fresh_thread (self, e->child_tgid, e->child_tid, t);
      g_free (child->pub.name);
      child->pub.name = comm_dup (e->child_comm);
      return;
    }

  WeftProcessPriv *p = new_process (self, e->child_tgid, t);

  p->pub.start_ns = t;
  g_free (p->pub.comm);
  p->pub.comm = comm_dup (e->child_comm);
  set_parent (self, p, e->child_ppid ? e->child_ppid : parent_thread->pub.pid);
  if (self->root && self->root != p && self->root->pub.exit_ns != WEFT_TIME_NONE)
    p->pub.outlived_root = TRUE;
  child = fresh_thread (self, e->child_tgid, e->child_tid, t);
  g_free (child->pub.name);
  child->pub.name = comm_dup (e->child_comm);
}

static void
on_exec (WeftModel *self, const struct weft_exec *e, guint64 t)
{
  WeftThreadPriv *leader;
  WeftProcessPriv *p;
  gsize len = MIN ((gsize) e->filename_len, e->h.size - offsetof (struct weft_exec, filename));

  len = MIN (len, (gsize) WEFT_PATH_LEN);
  /* A non-leader thread that execs takes over the leader's tid; the
   * others are gone. */
  if (e->old_tid != e->h.tid)
    {
      WeftThreadPriv *old = g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (e->old_tid));

      if (old && !old->exited)
        {
          old->exited = TRUE;
          old->pub.end_ns = t;
          weft_thread_push_span (old, t, WEFT_STATE_NONE, STAT_UNKNOWN, FALSE, 0);
        }
    }
  leader = fresh_thread (self, e->h.tgid, e->h.tid, t);
  p = (WeftProcessPriv *) leader->pub.process;
  g_free (p->pub.exec_path);
  p->pub.exec_path = g_strndup (e->filename, len);
  g_ptr_array_add (p->pub.exec_history, g_strdup (p->pub.exec_path));
  g_free (p->pub.comm);
  p->pub.comm = comm_dup (e->comm);
  g_free (leader->pub.name);
  leader->pub.name = comm_dup (e->comm);
}

static WeftThreadPriv *
leader_of (WeftProcessPriv *p)
{
  for (guint i = 0; i < p->pub.threads->len; i++)
    {
      WeftThread *thread = g_ptr_array_index (p->pub.threads, i);

      if (thread->tid == p->pub.pid)
        return (WeftThreadPriv *) thread;
    }
  return p->pub.threads->len > 0 ? g_ptr_array_index (p->pub.threads, 0) : NULL;
}

static void
mark_outliving (WeftModel *self)
{
  for (guint i = 0; i < self->processes->len; i++)
    {
      WeftProcessPriv *p = g_ptr_array_index (self->processes, i);

      if (p != self->root && p->pub.exit_ns == WEFT_TIME_NONE)
        p->pub.outlived_root = TRUE;
    }
}

static gboolean
reaper_is_traced (WeftModel *self, guint32 pid)
{
  WeftProcessPriv *parent = process_of (self, pid);

  return parent && parent->pub.exit_ns == WEFT_TIME_NONE;
}

/* Does the process leave a zombie at exit?  The root of a recording that
 * weft launched is released by weft itself: no zombie to teach about. */
static gboolean
leaves_zombie (WeftModel *self, WeftProcessPriv *p)
{
  if (p->pub.auto_reaped || p->pub.reap_ns != WEFT_TIME_NONE)
    return FALSE;
  if (p == self->root && !(self->info.flags & WEFT_TRACE_FLAG_ATTACHED))
    return FALSE;
  return TRUE;
}

static void
on_exit_event (WeftModel *self, const struct weft_exit *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  WeftProcessPriv *p = (WeftProcessPriv *) thread->pub.process;
  gboolean group_dead = (e->flags & WEFT_EXIT_GROUP_DEAD) != 0;

  if (thread->exited)
    return;
  /* Still in its wait as it ends, or out of it only by the signal that
   * ends it: the process's exit took it (its last wakeup was that kill),
   * nobody woke it to go on. */
  {
    WeftWait *wait = weft_thread_current_wait (self, thread);

    if (!wait && thread->signalled_lock)
      wait = weft_model_wait (self, thread->last_wait);
    if (wait)
      wait->woken_by = 0;
  }
  weft_model_sync_thread_gone (self, thread, t);
  thread->exited = TRUE;
  thread->pub.end_ns = t;
  thread->sys.state = WEFT_STATE_RUNNING;
  if (p->n_live_threads > 0)
    p->n_live_threads--;
  weft_thread_push_span (thread, t, WEFT_STATE_NONE, STAT_UNKNOWN, FALSE, 0);
  if (!group_dead)
    return;

  if (p->pub.reap_ns != WEFT_TIME_NONE && !p->pub.reaped_outside)
    {
      /* Reaped before it exited: recorders before 2026-12 took a wait
       * that reported a stopped child for a reap.  The real one follows. */
      p->pub.reap_ns = WEFT_TIME_NONE;
      p->pub.reaped_by = 0;
      p->pub.auto_reaped = p->pub.reaped_by_recorder = FALSE;
    }
  p->pub.exit_ns = t;
  p->pub.exit_status = e->exit_code;
  if (p->pub.ppid == 0)
    p->pub.ppid = e->parent_tgid; /* first seen after its fork */
  else if (e->parent_tgid && e->parent_tgid != p->pub.ppid && p->pub.reparented_to == 0)
    {
      /* Adopted without us seeing the REPARENT (its parent died first). */
      WeftProcessPriv *old = process_of (self, p->pub.ppid);

      p->pub.reparented_to = e->parent_tgid;
      p->pub.reparented_ns = old && old->pub.exit_ns != WEFT_TIME_NONE ? old->pub.exit_ns : t;
    }
  if (!reaper_is_traced (self, e->parent_tgid) && p->pub.reap_ns == WEFT_TIME_NONE &&
      !(p == self->root && !(self->info.flags & WEFT_TRACE_FLAG_ATTACHED)))
    {
      /* Its parent is not traced (init adopting an orphan, the shell of
       * an attached process): its wait cannot be seen, and such parents
       * reap at once, so no zombie is shown. */
      p->pub.reap_ns = t;
      p->pub.reaped_by = e->parent_tgid;
      p->pub.reaped_outside = TRUE;
    }
  if (leaves_zombie (self, p))
    {
      WeftThreadPriv *leader = leader_of (p);

      if (leader)
        {
          weft_thread_push_span (leader, t, WEFT_STATE_ZOMBIE, STAT_Z, FALSE, 0);
          leader->zombie_row = TRUE;
        }
    }
  {
    PendingSource *source = g_new (PendingSource, 1);

    source->tid = e->h.tid;
    source->t = t;
    g_hash_table_replace (self->pending_child_exits, GUINT_TO_POINTER (p->pub.pid), source);
  }
  if (p == self->root)
    mark_outliving (self);
}

static void
on_reap (WeftModel *self, const struct weft_reap *e, guint64 t)
{
  WeftProcessPriv *p = process_of (self, e->pid);
  WeftThreadPriv *leader;

  if (!p)
    return;
  if (p->pub.reap_ns != WEFT_TIME_NONE)
    return;
  p->pub.reap_ns = t;
  p->pub.reaped_by = e->reaper;
  p->pub.auto_reaped = (e->flags & WEFT_REAP_AUTO) != 0;
  p->pub.reaped_by_recorder = (e->flags & WEFT_REAP_BY_RECORDER) != 0;
  if (p->pub.exit_ns == WEFT_TIME_NONE)
    {
      /* The exit record was lost: the reap is the best we know. */
      p->pub.exit_ns = t;
      p->pub.exit_status = e->status;
    }
  leader = leader_of (p);
  if (!leader || !leader->zombie_row)
    return;
  leader->zombie_row = FALSE;
  if (p->pub.auto_reaped || p->pub.reaped_by_recorder)
    {
      /* No zombie after all: turn the zombie span into the end marker. */
      if (weft_thread_current_state (leader) == WEFT_STATE_ZOMBIE)
        {
          weft_thread_push_span (leader, weft_thread_last_span_start (leader), WEFT_STATE_NONE,
                                 STAT_UNKNOWN, FALSE, 0);
        }
      return;
    }
  weft_thread_push_span (leader, t, WEFT_STATE_NONE, STAT_UNKNOWN, FALSE, 0);
}

static void
on_wait_begin (WeftModel *self, const struct weft_wait_begin *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  WeftWait *wait = weft_thread_begin_wait (thread, WEFT_STATE_CHILD, e->syscall, t);

  wait->a = (guint32) e->pid;
  weft_thread_update_state (self, thread, t);
}

static void
on_wait_end (WeftModel *self, const struct weft_wait_end *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);

  if (e->ret > 0)
    {
      PendingSource *source = g_hash_table_lookup (self->pending_child_exits,
                                                   GUINT_TO_POINTER ((guint) e->ret));

      if (source)
        {
          weft_model_add_flow (self, WEFT_FLOW_CHILD_EXIT, source->tid, source->t, e->h.tid, t, e->ret);
          g_hash_table_remove (self->pending_child_exits, GUINT_TO_POINTER ((guint) e->ret));
        }
    }
  if (thread->sys.state == WEFT_STATE_CHILD)
    {
      weft_thread_end_wait (thread);
      weft_thread_update_state (self, thread, t);
    }
}

static void
on_reparent (WeftModel *self, const struct weft_reparent *e, guint64 t)
{
  WeftProcessPriv *p = process_of (self, e->pid);

  if (!p)
    return;
  p->pub.reparented_to = e->new_parent;
  p->pub.reparented_ns = t;
}

static void
on_comm (WeftModel *self, const struct weft_comm *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);

  g_free (thread->pub.name);
  thread->pub.name = comm_dup (e->comm);
  if (e->h.tid == e->h.tgid)
    {
      g_free (thread->pub.process->comm);
      thread->pub.process->comm = comm_dup (e->comm);
    }
}

static void
count_signal (WeftModel *self, int sig, guint32 from, guint32 to)
{
  guint64 key[2] = { ((guint64) (guint32) sig << 32) | from, to };
  guint64 hashed = key[0] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ key[1];
  gpointer index;

  /* (sig, from) and to do not fit one 64-bit key: probe linearly on the
   * rare collision. */
  for (;;)
    {
      index = g_hash_table_lookup (self->signal_table, &hashed);
      if (!index)
        break;
      WeftSignalCount *c = &g_array_index (self->signal_counts, WeftSignalCount, GPOINTER_TO_UINT (index) - 1);
      if (c->signal == sig && c->from_pid == from && c->to_pid == to)
        {
          c->count++;
          return;
        }
      hashed++;
    }
  WeftSignalCount count = { .signal = sig, .from_pid = from, .to_pid = to, .count = 1 };
  g_array_append_val (self->signal_counts, count);
  g_hash_table_insert (self->signal_table, g_memdup2 (&hashed, sizeof hashed),
                       GUINT_TO_POINTER (self->signal_counts->len));
}

static void
on_signal_generate (WeftModel *self, const struct weft_signal *e, guint64 t)
{
  guint32 from = e->code > 0 ? 0 : (e->sender_pid ? e->sender_pid : e->h.tgid);
  guint64 key;
  PendingSource *source;

  count_signal (self, e->sig, from, e->target_tgid);
  if (e->result != 0)
    return; /* ignored or not delivered: no flow */
  key = weft_model_key2 (e->target_tid ? e->target_tid : e->target_tgid, e->sig);
  source = g_new (PendingSource, 1);
  source->tid = from == 0 ? 0 : e->h.tid;
  source->t = t;
  g_hash_table_replace (self->pending_signals, g_memdup2 (&key, sizeof key), source);
}

static void
on_signal_deliver (WeftModel *self, const struct weft_signal *e, guint64 t)
{
  guint64 key = weft_model_key2 (e->h.tid, e->sig);
  PendingSource *source = g_hash_table_lookup (self->pending_signals, &key);

  if (!source)
    {
      key = weft_model_key2 (e->h.tgid, e->sig);
      source = g_hash_table_lookup (self->pending_signals, &key);
    }
  if (!source)
    return;
  if (source->tid != 0)
    weft_model_add_flow (self, WEFT_FLOW_SIGNAL, source->tid, source->t, e->h.tid, t, e->sig);
  g_hash_table_remove (self->pending_signals, &key);
}

static void
on_task_info (WeftModel *self, const struct weft_task_info *e, guint64 t)
{
  WeftProcessPriv *p = process_of (self, e->h.tgid);
  WeftThreadPriv *thread;

  if (!p)
    p = weft_model_ensure_process (self, e->h.tgid, t);
  if (e->h.tid == e->h.tgid)
    {
      GPtrArray *children;

      g_free (p->pub.comm);
      p->pub.comm = comm_dup (e->comm);
      if (!p->pub.parent)
        set_parent (self, p, e->ppid);
      /* The processes of an attached family are listed in no particular
       * order: a child listed before its parent waits for it here. */
      if (!p->pub.parent && e->ppid)
        {
          children = g_hash_table_lookup (self->awaiting_parent, GUINT_TO_POINTER (e->ppid));
          if (!children)
            {
              children = g_ptr_array_new ();
              g_hash_table_insert (self->awaiting_parent, GUINT_TO_POINTER (e->ppid), children);
            }
          g_ptr_array_add (children, p);
        }
      children = g_hash_table_lookup (self->awaiting_parent, GUINT_TO_POINTER (p->pub.pid));
      for (guint i = 0; children && i < children->len; i++)
        set_parent (self, g_ptr_array_index (children, i), p->pub.pid);
      g_hash_table_remove (self->awaiting_parent, GUINT_TO_POINTER (p->pub.pid));
    }
  thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  thread->pub.seen_at_attach = TRUE;
  g_free (thread->pub.name);
  thread->pub.name = comm_dup (e->comm);
}

void
weft_model_tree_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
  switch (event->kind)
    {
    case WEFT_EV_FORK:
      on_fork (self, (const struct weft_fork *) event, t);
      break;
    case WEFT_EV_EXEC:
      on_exec (self, (const struct weft_exec *) event, t);
      break;
    case WEFT_EV_EXIT:
      on_exit_event (self, (const struct weft_exit *) event, t);
      break;
    case WEFT_EV_WAIT_BEGIN:
      on_wait_begin (self, (const struct weft_wait_begin *) event, t);
      break;
    case WEFT_EV_WAIT_END:
      on_wait_end (self, (const struct weft_wait_end *) event, t);
      break;
    case WEFT_EV_REAP:
      on_reap (self, (const struct weft_reap *) event, t);
      break;
    case WEFT_EV_REPARENT:
      on_reparent (self, (const struct weft_reparent *) event, t);
      break;
    case WEFT_EV_COMM:
      on_comm (self, (const struct weft_comm *) event, t);
      break;
    case WEFT_EV_SIGNAL_GENERATE:
      on_signal_generate (self, (const struct weft_signal *) event, t);
      break;
    case WEFT_EV_SIGNAL_DELIVER:
      on_signal_deliver (self, (const struct weft_signal *) event, t);
      break;
    case WEFT_EV_TASK_INFO:
      on_task_info (self, (const struct weft_task_info *) event, t);
      break;
    default:
      break;
    }
}

/*
 * weft-model-sched.c: scheduler events.  They make states exact: running
 * vs runnable (preempted or just woken), and for a thread off the cpu,
 * sleeping (S), uninterruptible (D) or stopped (T).  What it sleeps on
 * comes from the syscall layer (weft-model-sync.c, weft-model-io.c).
 * Also what a thread's stays on the cpu cost it in copy-on-write faults.
 */
#include "weft-model-private.h"

static void
on_switch_out (WeftModel *self, const struct weft_switch_out *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  guint32 state = e->state;

  if (state & WEFT_TASK_DEAD)
    return; /* the exit record ends the thread */
  if (state == WEFT_TASK_RUNNING)
    {
      thread->sched = SCHED_RUNNABLE;
      thread->preempted = TRUE;
    }
  else
    {
      thread->sched = SCHED_OFF;
      thread->preempted = FALSE;
      if (state & (WEFT_TASK_STOPPED | WEFT_TASK_TRACED))
        thread->sched_stat = STAT_T;
      else if ((state & WEFT_TASK_UNINTERRUPTIBLE) && state != WEFT_TASK_IDLE)
        thread->sched_stat = STAT_D;
      else
        thread->sched_stat = STAT_S;
    }
  weft_thread_update_state (self, thread, t);
}

static void
on_switch_in (WeftModel *self, const struct weft_event_header *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->tgid, e->tid, t);

  thread->sched = SCHED_ON_CPU;
  thread->preempted = FALSE;
  weft_thread_update_state (self, thread, t);
}

static gboolean
explained_elsewhere (WeftModel *self, WeftThreadPriv *target)
{
  WeftWait *wait = weft_thread_current_wait (self, target);
  WeftObject *object;

  if (!wait)
    return FALSE;
  if (weft_state_is_futex_wait (wait->state))
    return TRUE;
  if (wait->state != WEFT_STATE_IO || wait->a == 0 || wait->a > self->objects->len)
    return FALSE;
  object = g_ptr_array_index (self->objects, wait->a - 1);
  return object->kind == WEFT_OBJECT_PIPE || object->kind == WEFT_OBJECT_MQ ||
         object->kind == WEFT_OBJECT_SOCKET;
}

/* Whether waker can have ended target's wait.  A sleep ends by its
 * timer, and a process-private futex only by a thread of its process:
 * a wakeup from anyone else is that timer, or an interrupt, run in
 * whatever thread was on the cpu. */
static gboolean
can_end_wait (WeftModel *self, WeftThreadPriv *target, WeftThreadPriv *waker)
{
  WeftWait *wait = weft_thread_current_wait (self, target);

  if (!wait)
    return TRUE;
  if (wait->state == WEFT_STATE_SLEEP)
    return FALSE;
  if (weft_state_is_futex_wait (wait->state) && target->blocked_on && !target->blocked_on->shared)
    return waker->pub.pid == target->pub.pid;
  return TRUE;
}

static void
on_wakeup (WeftModel *self, const struct weft_wakeup *e, guint64 t)
{
  WeftThreadPriv *target = g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (e->target_tid));
  WeftThreadPriv *waker = g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (e->h.tid));

  if (!target || target->exited)
    return;
  if (target->sched == SCHED_OFF || target->sched == SCHED_UNKNOWN)
    {
      target->sched = SCHED_RUNNABLE;
      target->preempted = FALSE;
      weft_thread_update_state (self, target, t);
    }
  /* Only a traced thread waking another one is a flow worth an arrow:
   * timers and interrupts run in whatever context was on the cpu. */
  if (waker && waker != target && e->h.tid != 0 && can_end_wait (self, target, waker))
    {
      WeftWait *wait = weft_thread_current_wait (self, target);

      if (wait && wait->woken_by == 0)
        wait->woken_by = e->h.tid;
      /* Lock handoffs and queue transfers get their own, more telling
       * flow when the wait ends; a wakeup arrow would repeat them. */
      if (!explained_elsewhere (self, target))
        weft_model_add_flow (self, WEFT_FLOW_WAKEUP, e->h.tid, t, e->target_tid, t, 0);
    }
}

static void
on_cow_faults (WeftModel *self, const struct weft_cow_faults *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  WeftCowFaultRun run = { MIN (weft_model_rel (self, e->first_ns), t), e->count };

  if (e->count == 0)
    return;
  if (!thread->cow_faults)
    thread->cow_faults = g_array_new (FALSE, FALSE, sizeof (WeftCowFaultRun));
  if (thread->cow_faults->len > 0)
    {
      const WeftCowFaultRun *last = &g_array_index (thread->cow_faults, WeftCowFaultRun, thread->cow_faults->len - 1);

      /* Runs come in time order; a file that says otherwise is kept sorted. */
      run.first_ns = MAX (run.first_ns, last->first_ns);
      run.cumulative = last->cumulative > G_MAXUINT64 - run.cumulative ? G_MAXUINT64 : last->cumulative + run.cumulative;
    }
  g_array_append_val (thread->cow_faults, run);
}

/* The sum of the runs that began faulting before t. */
static guint64
cow_faults_before (const GArray *runs, guint64 t)
{
  guint lo = 0, hi = runs->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (runs, WeftCowFaultRun, mid).first_ns < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? 0 : g_array_index (runs, WeftCowFaultRun, lo - 1).cumulative;
}

guint64
weft_model_thread_cow_faults (WeftModel *self, const WeftThread *thread, guint64 t0, guint64 t1)
{
  const WeftThreadPriv *priv = (const WeftThreadPriv *) thread;

  g_return_val_if_fail (WEFT_IS_MODEL (self), 0);
  if (!priv->cow_faults || t1 <= t0)
    return 0;
  return cow_faults_before (priv->cow_faults, t1) - cow_faults_before (priv->cow_faults, t0);
}

guint64
weft_model_process_cow_faults (WeftModel *self, const WeftProcess *process, guint64 t0, guint64 t1)
{
  guint64 faults = 0;

  for (guint i = 0; i < process->threads->len; i++)
    faults += weft_model_thread_cow_faults (self, g_ptr_array_index (process->threads, i), t0, t1);
  return faults;
}

void
weft_model_sched_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
  self->has_sched = TRUE;
  switch (event->kind)
    {
    case WEFT_EV_SWITCH_OUT:
      on_switch_out (self, (const struct weft_switch_out *) event, t);
      break;
    case WEFT_EV_SWITCH_IN:
      on_switch_in (self, event, t);
      break;
    case WEFT_EV_WAKEUP:
      on_wakeup (self, (const struct weft_wakeup *) event, t);
      break;
    case WEFT_EV_COW_FAULTS:
      on_cow_faults (self, (const struct weft_cow_faults *) event, t);
      break;
    default:
      break;
    }
}

/*
 * weft-model-sync.c: futex waits as lock contention, the locks table, and
 * the two deadlock detectors.
 *
 * Cycle: a contended glibc mutex names its owner at wait time, which gives
 * a wait-for graph (thread -> lock -> owner thread).  Each time a thread
 * starts waiting we follow the owners from it; coming back to it means the
 * cycle just closed.  Owners are tids, so a process-shared mutex links
 * threads of different processes the same way.
 *
 * With --uprobes the recorder also reports every acquire and release, which
 * names the holder of semaphores and Python locks too: the same cycle
 * search then finds their deadlocks.
 *
 * A cycle is reported once it has held CYCLE_CONFIRM_NS.  A holder can be
 * known late: pthread_cond_wait() lets go of its mutex inside libc, where
 * no probe sees it, so a thread that waits a moment for the GIL's mutex
 * can close a "cycle" through a thread that has let go of it.  A deadlock
 * holds for ever; such a cycle is gone within microseconds.
 *
 * Stall: semaphores and Python's Lock have no owner.  When every live
 * thread of a process has been in an untimed futex wait for longer than
 * the threshold, on futexes no other process uses (private ones, or shared
 * ones like pthread_join's that only this process touched), nobody can
 * wake them: a likely deadlock.  Long
 * contention that resolves never qualifies, since a wait ending breaks
 * both conditions.
 */
#include "weft-model-private.h"

#include <errno.h>
#include <string.h>

typedef struct {
  WeftLock pub;
  guint32 last_waker;
  guint64 last_wake_ns;
  gboolean several_processes; /* a shared futex used by more than one */
  guint32 acquired_by;        /* --uprobes: who holds it now, 0 free/unknown */
} WeftLockPriv;

#define MAX_CYCLE 64
#define CYCLE_CONFIRM_NS (G_GUINT64_CONSTANT (50000000))

/* A wait-for cycle that closed at `at`, reported if it still holds later. */
typedef struct {
  guint64 at;
  guint n;
  guint32 tids[MAX_CYCLE];
  guint32 locks[MAX_CYCLE];
} PendingCycle;

guint
weft_lock_key_hash (gconstpointer key)
{
  const WeftLockKey *k = key;

  return g_int64_hash (&k->addr) ^ (k->pid * 2654435761u);
}

gboolean
weft_lock_key_equal (gconstpointer a, gconstpointer b)
{
  const WeftLockKey *x = a, *y = b;

  return x->addr == y->addr && x->pid == y->pid;
}

static WeftLock *
lookup_lock (WeftModel *self, guint32 pid, guint64 addr)
{
  WeftLockKey key = { .addr = addr, .pid = pid };
  WeftLock *lock = g_hash_table_lookup (self->lock_table, &key);

  if (!lock)
    {
      key.pid = 0;
      lock = g_hash_table_lookup (self->lock_table, &key);
    }
  return lock;
}

static WeftLock *
ensure_lock (WeftModel *self, guint32 pid, guint64 addr, gboolean shared)
{
  WeftLock *lock = lookup_lock (self, pid, addr);
  WeftLockKey key = { .addr = addr, .pid = shared ? 0 : pid };
  WeftLockKey name_key = { .addr = addr, .pid = pid };
  WeftLockPriv *created;

  if (lock)
    return lock;
  created = g_new0 (WeftLockPriv, 1);
  created->pub.index = self->locks->len;
  created->pub.pid = pid;
  created->pub.addr = addr;
  created->pub.shared = shared;
  created->pub.name = g_strdup (g_hash_table_lookup (self->lock_names, &name_key));
  g_ptr_array_add (self->locks, created);
  g_hash_table_insert (self->lock_table, g_memdup2 (&key, sizeof key), created);
  return &created->pub;
}

/* The address is another lock from now on (CPython frees lock memory and
 * reuses it): a new WeftLock, so that the waits before keep what they
 * waited on. */
static WeftLock *
renew_lock (WeftModel *self, WeftLock *old)
{
  WeftLockKey key = { .addr = old->addr, .pid = old->shared ? 0 : old->pid };

  g_hash_table_remove (self->lock_table, &key);
  return ensure_lock (self, old->pid, old->addr, old->shared);
}

WeftLock *
weft_model_ensure_lock (WeftModel *self, guint32 pid, guint64 addr)
{
  return ensure_lock (self, pid, addr, FALSE);
}

static void
on_lock_name (WeftModel *self, const struct weft_lock_name *e)
{
  WeftLockKey key = { .addr = e->addr, .pid = e->h.tgid };
  g_autofree char *raw = g_strndup (e->name, sizeof e->name);
  /* The file is not trusted: its names are shown as text. */
  char *name = g_utf8_make_valid (raw, -1);
  WeftLock *lock = lookup_lock (self, e->h.tgid, e->addr);

  g_hash_table_replace (self->lock_names, g_memdup2 (&key, sizeof key), name);
  if (!lock)
    return;
  /* Another lock at a freed lock's address: the waits so far keep their
   * lock and its name, and the new one starts with no history (named
   * here: a shared lock's names may be kept under another process).
   * Else a better name for the same lock (its variable, read at a later
   * wait than the line it was named by): every wait on it says so. */
  if ((weft_lock_name_get_flags (e) & WEFT_LOCK_NAME_ANOTHER_LOCK) && lock->contentions > 0)
    lock = renew_lock (self, lock);
  g_free (lock->name);
  lock->name = g_strdup (name);
}

static WeftThreadPriv *
live_thread (WeftModel *self, guint32 tid)
{
  WeftThreadPriv *thread = g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (tid));

  return thread && !thread->exited ? thread : NULL;
}

static gboolean
same_members (GArray *a, const guint32 *b, guint n)
{
  if (a->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        found = g_array_index (a, guint32, j) == b[i];
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
subset_of (GArray *part, const guint32 *whole, guint n)
{
  for (guint i = 0; i < part->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        found = whole[j] == g_array_index (part, guint32, i);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
report (WeftModel *self, WeftDeadlockKind kind, guint64 at, guint64 since,
        const guint32 *tids, const guint32 *locks, guint n)
{
  WeftDeadlock *deadlock;

  /* A glibc mutex wait can restart (EAGAIN) inside the same deadlock. */
  for (guint i = 0; i < self->deadlocks->len; i++)
    {
      WeftDeadlock *known = g_ptr_array_index (self->deadlocks, i);

      if (known->kind == kind && same_members (known->tids, tids, n))
        {
          known->resolved = FALSE;
          return;
        }
    }
  deadlock = g_new0 (WeftDeadlock, 1);
  deadlock->kind = kind;
  deadlock->at_ns = at;
  deadlock->since_ns = since;
  deadlock->tids = g_array_new (FALSE, FALSE, sizeof (guint32));
  deadlock->locks = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_vals (deadlock->tids, tids, n);
  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < deadlock->locks->len && !seen; j++)
        seen = g_array_index (deadlock->locks, guint32, j) == locks[i];
      if (!seen)
        g_array_append_val (deadlock->locks, locks[i]);
    }
  g_ptr_array_add (self->deadlocks, deadlock);
}

/* Every thread of the cycle is still in the wait it was in when it
 * closed, or out of it only by a signal that may be its kill. */
static gboolean
cycle_holds (WeftModel *self, const PendingCycle *cycle)
{
  for (guint i = 0; i < cycle->n; i++)
    {
      WeftThreadPriv *thread = live_thread (self, cycle->tids[i]);

      if (!thread || thread->sys.since > cycle->at)
        return FALSE;
      if (thread->signalled_lock == cycle->locks[i] + 1)
        continue;
      if (!weft_state_is_futex_wait (thread->sys.state) || !thread->blocked_on ||
          thread->blocked_on->index != cycle->locks[i])
        return FALSE;
    }
  return TRUE;
}

static void
hold_cycle (WeftModel *self, guint64 t, const guint32 *tids, const guint32 *locks, guint n)
{
  PendingCycle cycle = { t, n };

  memcpy (cycle.tids, tids, n * sizeof *tids);
  memcpy (cycle.locks, locks, n * sizeof *locks);
  if (!self->pending_cycles)
    self->pending_cycles = g_array_new (FALSE, FALSE, sizeof (PendingCycle));
  for (guint i = 0; i < self->pending_cycles->len; i++)
    {
      PendingCycle *known = &g_array_index (self->pending_cycles, PendingCycle, i);

      if (known->n != n || memcmp (known->tids, tids, n * sizeof *tids) != 0)
        continue;
      /* The same threads, closed again: the earlier one goes on, unless
       * it came apart meanwhile (a lost wait end), and this one is new. */
      if (!cycle_holds (self, known))
        *known = cycle;
      return;
    }
  g_array_append_val (self->pending_cycles, cycle);
}

static gboolean
cycle_has (const PendingCycle *cycle, guint32 tid)
{
  for (guint i = 0; i < cycle->n; i++)
    if (cycle->tids[i] == tid)
      return TRUE;
  return FALSE;
}

/* Reports the cycles that have held long enough, to the end of the trace,
 * or until `killed` (a tid, or 0) was killed or interrupted in its wait,
 * as closed when they closed; forgets those that came apart. */
static void
confirm_cycles (WeftModel *self, guint64 t, guint32 killed)
{
  for (guint i = 0; self->pending_cycles && i < self->pending_cycles->len;)
    {
      const PendingCycle *cycle = &g_array_index (self->pending_cycles, PendingCycle, i);
      gboolean holds = cycle_holds (self, cycle);

      if (holds && !self->finished && t - MIN (t, cycle->at) < CYCLE_CONFIRM_NS && !cycle_has (cycle, killed))
        {
          i++;
          continue;
        }
      if (holds)
        report (self, WEFT_DEADLOCK_CYCLE, cycle->at, cycle->at, cycle->tids, cycle->locks, cycle->n);
      g_array_remove_index (self->pending_cycles, i); /* deadlocks stay in order */
    }
}

/* Follows owners from a thread that just started waiting. */
static void
check_cycle (WeftModel *self, WeftThreadPriv *start, guint64 t)
{
  guint32 tids[MAX_CYCLE], locks[MAX_CYCLE];
  guint n = 0;
  WeftThreadPriv *current = start;

  while (n < MAX_CYCLE)
    {
      WeftThreadPriv *owner;

      if (!weft_state_is_futex_wait (current->sys.state) || !current->blocked_on || current->sys.holder == 0)
        return;
      /* The holder has let go since (it woke a waiter of this futex after
       * the wait began): the waiter is about to run, even if its WAIT_END
       * is not in yet.  Not a wait for the holder any more. */
      if (((WeftLockPriv *) current->blocked_on)->last_waker == current->sys.holder &&
          ((WeftLockPriv *) current->blocked_on)->last_wake_ns >= current->sys.since)
        return;
      tids[n] = current->pub.tid;
      locks[n] = current->blocked_on->index;
      n++;
      if (current->sys.holder == start->pub.tid)
        {
          hold_cycle (self, t, tids, locks, n);
          return;
        }
      owner = live_thread (self, current->sys.holder);
      if (!owner || owner == current)
        return;
      for (guint i = 1; i < n; i++)
        if (tids[i] == owner->pub.tid)
          return; /* a cycle that does not include start: found when it closed */
      current = owner;
    }
}

/* resolves: the wait returned (a thread killed inside a deadlock did not
 * resolve it). */
static void
leave_lock_wait (WeftModel *self, WeftThreadPriv *thread, guint64 t, gboolean resolves)
{
  WeftProcessPriv *p = (WeftProcessPriv *) thread->pub.process;
  WeftLock *lock = thread->blocked_on;

  if (!weft_state_is_futex_wait (thread->sys.state))
    return;
  if (lock)
    {
      guint64 waited = t - MIN (t, thread->sys.since);

      lock->wait_ns += waited;
      lock->max_wait_ns = MAX (lock->max_wait_ns, waited);
    }
  if (thread->stuck && p->n_stuck > 0)
    p->n_stuck--;
  thread->stuck = FALSE;
  if (p->n_stuck < p->n_live_threads)
    p->stall_reported = FALSE;
  for (guint i = 0; resolves && i < self->deadlocks->len; i++)
    {
      WeftDeadlock *deadlock = g_ptr_array_index (self->deadlocks, i);

      for (guint j = 0; j < deadlock->tids->len; j++)
        if (g_array_index (deadlock->tids, guint32, j) == thread->pub.tid)
          deadlock->resolved = TRUE;
    }
  weft_thread_end_wait (thread);
  thread->blocked_on = NULL;
}

void
weft_model_sync_thread_gone (WeftModel *self, WeftThreadPriv *thread, guint64 t)
{
  /* Killed in a cycle that had not yet held long enough: a deadlock all
   * the same (the demo's watchdog). */
  confirm_cycles (self, t, thread->pub.tid);
  leave_lock_wait (self, thread, t, FALSE);
}

static void
note_process (WeftLock *lock, guint32 pid)
{
  if (lock->pid != pid)
    ((WeftLockPriv *) lock)->several_processes = TRUE;
}

/* What a futex wait on this lock is, to a person. */
static WeftThreadState
futex_wait_state (const WeftLock *lock)
{
  if (lock->join)
    return WEFT_STATE_JOIN;
  if (g_strcmp0 (lock->name, WEFT_LOCK_NAME_GIL) == 0)
    return WEFT_STATE_GIL;
  return WEFT_STATE_LOCK;
}

static void
on_wait_begin (WeftModel *self, const struct weft_futex_wait_begin *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  WeftProcessPriv *p = (WeftProcessPriv *) thread->pub.process;
  WeftLock *lock = ensure_lock (self, e->h.tgid, e->uaddr, e->shared != 0);
  guint32 owner_tid = e->owner_tid ? e->owner_tid : ((WeftLockPriv *) lock)->acquired_by;
  WeftThreadPriv *owner = owner_tid && owner_tid != e->h.tid ? live_thread (self, owner_tid) : NULL;
  WeftWait *wait;
  guint32 holder;

  leave_lock_wait (self, thread, t, FALSE); /* a lost WAIT_END */
  /* pthread_join waits (a shared futex) on the joined thread's tid word
   * until the kernel clears it at that thread's exit: the expected value
   * is that tid.  It waits for the thread's end: that thread must move. */
  if (!owner && e->klass == WEFT_FUTEX_CLASS_COND && e->val != 0 &&
      e->val == e->lock_word && e->val != e->h.tid)
    {
      WeftThreadPriv *joined = live_thread (self, e->val);

      if (joined && joined->pub.pid == e->h.tgid)
        {
          lock->join = TRUE;
          lock->joined_tid = e->val;
          owner = joined;
        }
    }
  /* In _wait_for_tstate_lock() a thread also waits for the GIL, when it
   * comes back from the join's lock: that wait is the GIL's, not a join. */
  if (!lock->join && g_strcmp0 (lock->name, WEFT_LOCK_NAME_GIL) != 0 &&
      weft_model_python_stack_awaits_thread_end (self, thread->pending_stack))
    {
      /* A thread's lock at an address that held another lock before. */
      if (lock->contentions > 0)
        lock = renew_lock (self, lock);
      lock->join = TRUE;
    }
  /* Other glibc-internal locks wait the same way: an owner is only
   * believed when it is a thread we know (of this process unless the
   * futex is shared). */
  if (owner && !e->shared && owner->pub.pid != e->h.tgid)
    owner = NULL;
  holder = owner ? owner->pub.tid : 0;
  wait = weft_thread_begin_wait (thread, futex_wait_state (lock), 202, t);
  wait->a = lock->index + 1;
  wait->b = holder;
  wait->klass = e->klass;
  thread->sys.holder = holder;
  thread->sys.klass = e->klass;
  thread->blocked_on = lock;
  thread->timed_wait = e->timeout_ns != 0;
  lock->contentions++;
  if (owner)
    lock->last_holder_tid = owner->pub.tid;
  note_process (lock, e->h.tgid);
  if (!thread->timed_wait && !((WeftLockPriv *) lock)->several_processes)
    {
      thread->stuck = TRUE;
      p->n_stuck++;
      p->stuck_since = t;
    }
  weft_thread_update_state (self, thread, t);
  if (thread->sys.holder)
    check_cycle (self, thread, t);
}

static void
on_wait_end (WeftModel *self, const struct weft_futex_wait_end *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  WeftLockPriv *lock = (WeftLockPriv *) thread->blocked_on;

  if (!weft_state_is_futex_wait (thread->sys.state))
    return;
  /* Python's Thread.join() waits on the joined thread's lock, released by
   * that thread as it ends: whoever woke it is the thread it waited for. */
  if (lock && lock->pub.join && !lock->pub.joined_tid && e->ret == 0 && lock->last_waker &&
      lock->last_wake_ns >= thread->sys.since)
    lock->pub.joined_tid = lock->last_waker;
  /* A join ends because the thread ended: a wakeup, no lock changes hands. */
  if (lock && e->ret == 0 && lock->last_waker && lock->last_waker != e->h.tid &&
      lock->last_wake_ns >= thread->sys.since)
    weft_model_add_flow (self, lock->pub.join ? WEFT_FLOW_WAKEUP : WEFT_FLOW_LOCK_HANDOFF, lock->last_waker,
                         lock->last_wake_ns, e->h.tid, t, lock->pub.index);
  if (lock && e->ret == 0 && thread->sys.klass == WEFT_FUTEX_CLASS_MUTEX)
    lock->pub.last_holder_tid = e->h.tid;
  /* Woken, or given up after a timeout: the thread moves on.  A fatal
   * signal also ends the wait but resolves nothing; whether it was fatal
   * is known at the thread's exit, or when it waits again. */
  thread->signalled_lock = WEFT_FUTEX_ENDED_BY_SIGNAL (e->ret) && lock ? lock->pub.index + 1 : 0;
  leave_lock_wait (self, thread, t, e->ret == 0 || e->ret == -ETIMEDOUT);
  weft_thread_update_state (self, thread, t);
}

static void
on_wake (WeftModel *self, const struct weft_futex_wake *e, guint64 t)
{
  WeftLockPriv *lock = (WeftLockPriv *) lookup_lock (self, e->h.tgid, e->uaddr);

  if (!lock)
    return;
  note_process (&lock->pub, e->h.tgid);
  if (e->ret <= 0)
    return;
  lock->last_waker = e->h.tid;
  lock->last_wake_ns = t;
}

/* --uprobes: exact acquire / release of mutexes and semaphores. */
static void
on_ulock (WeftModel *self, const struct weft_ulock *e)
{
  WeftLockPriv *lock = (WeftLockPriv *) lookup_lock (self, e->h.tgid, e->addr);

  switch (e->op)
    {
    case WEFT_ULOCK_ACQUIRE:
    case WEFT_ULOCK_SEM_WAIT:
      if (e->ret != 0)
        return;
      if (!lock)
        lock = (WeftLockPriv *) ensure_lock (self, e->h.tgid, e->addr, FALSE);
      lock->acquired_by = e->h.tid;
      lock->pub.last_holder_tid = e->h.tid;
      break;
    case WEFT_ULOCK_RELEASE:
    case WEFT_ULOCK_SEM_POST:
      if (lock)
        lock->acquired_by = 0;
      break;
    default:
      break;
    }
}

void
weft_model_sync_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
  switch (event->kind)
    {
    case WEFT_EV_FUTEX_WAIT_BEGIN:
      on_wait_begin (self, (const struct weft_futex_wait_begin *) event, t);
      break;
    case WEFT_EV_FUTEX_WAIT_END:
      on_wait_end (self, (const struct weft_futex_wait_end *) event, t);
      break;
    case WEFT_EV_FUTEX_WAKE:
      on_wake (self, (const struct weft_futex_wake *) event, t);
      break;
    case WEFT_EV_LOCK_NAME:
      on_lock_name (self, (const struct weft_lock_name *) event);
      break;
    case WEFT_EV_ULOCK:
      on_ulock (self, (const struct weft_ulock *) event);
      break;
    default:
      break;
    }
}

static void
report_stall (WeftModel *self, WeftProcessPriv *p, guint64 t)
{
  guint32 tids[MAX_CYCLE], locks[MAX_CYCLE];
  guint n = 0;

  for (guint i = 0; i < p->pub.threads->len && n < MAX_CYCLE; i++)
    {
      WeftThreadPriv *thread = g_ptr_array_index (p->pub.threads, i);

      if (thread->exited || !thread->blocked_on)
        continue;
      tids[n] = thread->pub.tid;
      locks[n] = thread->blocked_on->index;
      n++;
    }
  if (n == 0)
    return;
  /* A cycle among them already explains the stall (the others wait for
   * the threads in the cycle, e.g. to join them). */
  for (guint i = 0; i < self->deadlocks->len; i++)
    {
      WeftDeadlock *deadlock = g_ptr_array_index (self->deadlocks, i);

      if (deadlock->kind == WEFT_DEADLOCK_CYCLE && !deadlock->resolved &&
          subset_of (deadlock->tids, tids, n))
        return;
    }
  report (self, WEFT_DEADLOCK_STALL, p->stuck_since, p->stuck_since, tids, locks, n);
}

void
weft_model_check_stalls (WeftModel *self, guint64 t)
{
  confirm_cycles (self, t, 0);
  if (!self->finished && t < self->last_stall_check + self->stall_threshold / 4)
    return;
  self->last_stall_check = t;
  for (guint i = 0; i < self->processes->len; i++)
    {
      WeftProcessPriv *p = g_ptr_array_index (self->processes, i);

      if (p->stall_reported || p->n_live_threads == 0 || p->n_stuck < p->n_live_threads)
        continue;
      if (t - MIN (t, p->stuck_since) < self->stall_threshold)
        continue;
      p->stall_reported = TRUE;
      report_stall (self, p, t);
    }
}

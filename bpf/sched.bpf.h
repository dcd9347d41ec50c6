/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * sched.bpf.h: the scheduler's view of traced threads — when each leaves
 * and gets the cpu, in which state, and who woke it.  sched_switch runs on
 * every context switch of the machine, so it does two map lookups and
 * nothing else unless a traced thread is involved.  Included by weft.bpf.c.
 */
#ifndef WEFT_SCHED_BPF_H
#define WEFT_SCHED_BPF_H

#include "common.bpf.h"
#include "memory.bpf.h"

#define WEFT_TASK_FREEZABLE 0x2000

SEC ("tp_btf/sched_switch")
int BPF_PROG (weft_sched_switch, bool preempt, struct task_struct *prev,
              struct task_struct *next, unsigned int prev_state)
{
  __u32 prev_tgid = prev->tgid;
  __u32 next_tgid = next->tgid;

  if (weft_is_traced (prev_tgid))
    {
      struct weft_switch_out *e;

      weft_flush_cow_faults ();
      e = WEFT_RESERVE (struct weft_switch_out, WEFT_EV_SWITCH_OUT);
      if (e)
        {
          /* A preempted task is runnable whatever its state word says. */
          e->state = preempt ? WEFT_TASK_RUNNING : (prev_state & ~WEFT_TASK_FREEZABLE);
          e->next_tid = next->pid;
          weft_submit (e);
        }
    }
  if (weft_is_traced (next_tgid))
    {
      struct weft_event_header *h = weft_reserve (sizeof *h, WEFT_EV_SWITCH_IN);

      if (h)
        {
          /* We run in prev's context: the record is about next. */
          h->tgid = next_tgid;
          h->tid = next->pid;
          weft_submit (h);
        }
    }
  return 0;
}

static __always_inline void
weft_emit_wakeup (struct task_struct *p, __u32 flags)
{
  __u32 tgid = p->tgid;
  struct weft_wakeup *e;

  if (!weft_is_traced (tgid))
    return;
  e = WEFT_RESERVE (struct weft_wakeup, WEFT_EV_WAKEUP);
  if (!e)
    return;
  e->target_tgid = tgid;
  e->target_tid = p->pid;
  e->target_cpu = p->wake_cpu;
  e->flags = flags;
  weft_submit (e);
}

/* sched_waking, not sched_wakeup: the latter may run on the target's cpu
 * (queued remote wakeups) where "current" is not the waker. */
SEC ("tp_btf/sched_waking")
int BPF_PROG (weft_sched_waking, struct task_struct *p)
{
  weft_emit_wakeup (p, 0);
  return 0;
}

SEC ("tp_btf/sched_wakeup_new")
int BPF_PROG (weft_sched_wakeup_new, struct task_struct *p)
{
  weft_emit_wakeup (p, WEFT_WAKEUP_NEW);
  return 0;
}

/* Kernel locks a traced thread had to wait for (mutexes, rwsems, spin
 * locks on their slow path). */
SEC ("tp_btf/contention_begin")
int BPF_PROG (weft_contention_begin, void *lock, unsigned int flags)
{
  struct weft_klock *e;

  if (!weft_current_is_traced ())
    return 0;
  e = WEFT_RESERVE (struct weft_klock, WEFT_EV_KLOCK_BEGIN);
  if (!e)
    return 0;
  e->lock_addr = (__u64) lock;
  e->flags = flags;
  e->ret = 0;
  weft_submit (e);
  return 0;
}

SEC ("tp_btf/contention_end")
int BPF_PROG (weft_contention_end, void *lock, int ret)
{
  struct weft_klock *e;

  if (!weft_current_is_traced ())
    return 0;
  e = WEFT_RESERVE (struct weft_klock, WEFT_EV_KLOCK_END);
  if (!e)
    return 0;
  e->lock_addr = (__u64) lock;
  e->flags = 0;
  e->ret = ret;
  weft_submit (e);
  return 0;
}

#endif

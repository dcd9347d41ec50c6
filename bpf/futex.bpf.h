/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * futex.bpf.h: user-space locks as the kernel sees them.  Every blocking
 * pthread mutex, condvar, semaphore (Python's threading.Lock) and join goes
 * through futex(2), so contention is visible here without uprobes; a glibc
 * mutex even names its owner in its own memory.  Included by weft.bpf.c.
 */
#ifndef WEFT_FUTEX_BPF_H
#define WEFT_FUTEX_BPF_H

#include "common.bpf.h"
#include "pystack.bpf.h"

#define WEFT_FUTEX_WAIT 0
#define WEFT_FUTEX_WAKE 1
#define WEFT_FUTEX_REQUEUE 3
#define WEFT_FUTEX_CMP_REQUEUE 4
#define WEFT_FUTEX_WAKE_OP 5
#define WEFT_FUTEX_LOCK_PI 6
#define WEFT_FUTEX_UNLOCK_PI 7
#define WEFT_FUTEX_TRYLOCK_PI 8
#define WEFT_FUTEX_WAIT_BITSET 9
#define WEFT_FUTEX_WAKE_BITSET 10
#define WEFT_FUTEX_WAIT_REQUEUE_PI 11
#define WEFT_FUTEX_CMP_REQUEUE_PI 12
#define WEFT_FUTEX_LOCK_PI2 13
#define WEFT_FUTEX_PRIVATE_FLAG 128
#define WEFT_FUTEX_CLOCK_REALTIME 256
#define WEFT_FUTEX_CMD(op) ((op) & ~(WEFT_FUTEX_PRIVATE_FLAG | WEFT_FUTEX_CLOCK_REALTIME))
#define WEFT_FUTEX_TID_MASK 0x3fffffff
/* glibc x86-64 pthread_mutex_t: __lock +0, __count +4, __owner +8. */
#define WEFT_GLIBC_MUTEX_OWNER_OFFSET 8

static __always_inline bool
weft_futex_cmd_waits (__u32 cmd)
{
  return cmd == WEFT_FUTEX_WAIT || cmd == WEFT_FUTEX_WAIT_BITSET || cmd == WEFT_FUTEX_LOCK_PI ||
         cmd == WEFT_FUTEX_LOCK_PI2 || cmd == WEFT_FUTEX_WAIT_REQUEUE_PI;
}

static __always_inline bool
weft_futex_cmd_wakes (__u32 cmd)
{
  return cmd == WEFT_FUTEX_WAKE || cmd == WEFT_FUTEX_WAKE_BITSET || cmd == WEFT_FUTEX_WAKE_OP ||
         cmd == WEFT_FUTEX_REQUEUE || cmd == WEFT_FUTEX_CMP_REQUEUE ||
         cmd == WEFT_FUTEX_UNLOCK_PI || cmd == WEFT_FUTEX_CMP_REQUEUE_PI;
}

static __always_inline void
weft_futex_enter (struct pt_regs *regs)
{
  __u64 uaddr = regs->di;
  __u32 op = (__u32) regs->si;
  __u32 val = (__u32) regs->dx;
  __u32 cmd = WEFT_FUTEX_CMD (op);
  struct weft_futex_wait_begin *e;
  __u32 word = 0;

  if (weft_futex_cmd_wakes (cmd))
    {
      /* Recorded at return, when the number woken is known. */
      weft_pending_store (WEFT_NR_futex, uaddr, op & ~WEFT_FUTEX_PRIVATE_FLAG, val, 0);
      return;
    }
  if (!weft_futex_cmd_waits (cmd))
    return;

  e = WEFT_RESERVE (struct weft_futex_wait_begin, WEFT_EV_FUTEX_WAIT_BEGIN);
  if (e)
    {
      bpf_probe_read_user (&word, sizeof word, (void *) uaddr);
      e->uaddr = uaddr;
      e->op = op & ~WEFT_FUTEX_PRIVATE_FLAG;
      e->val = val;
      e->lock_word = word;
      e->owner_tid = 0;
      e->timeout_ns = weft_read_timespec_ns (regs->r10, 0);
      e->shared = !(op & WEFT_FUTEX_PRIVATE_FLAG);
      if (cmd == WEFT_FUTEX_WAIT && val == 2)
        {
          __u32 owner = 0;

          bpf_probe_read_user (&owner, sizeof owner,
                               (void *) (uaddr + WEFT_GLIBC_MUTEX_OWNER_OFFSET));
          e->owner_tid = owner;
          e->klass = WEFT_FUTEX_CLASS_MUTEX;
        }
      else if (cmd == WEFT_FUTEX_LOCK_PI || cmd == WEFT_FUTEX_LOCK_PI2)
        {
          e->owner_tid = word & WEFT_FUTEX_TID_MASK;
          e->klass = WEFT_FUTEX_CLASS_PI;
        }
      else if (cmd == WEFT_FUTEX_WAIT_REQUEUE_PI)
        e->klass = WEFT_FUTEX_CLASS_OTHER;
      else
        e->klass = WEFT_FUTEX_CLASS_COND;
      if (weft_py_lock_wait_wants_reader (uaddr))
        bpf_ringbuf_submit (e, BPF_RB_FORCE_WAKEUP);
      else
        weft_submit (e);
    }
  weft_pending_store (WEFT_NR_futex, uaddr, op & ~WEFT_FUTEX_PRIVATE_FLAG, val, 1);
}

static __always_inline void
weft_futex_exit (long ret)
{
  struct weft_pending_call call;

  if (!weft_pending_take (WEFT_NR_futex, &call))
    return;
  if (call.args[3])
    {
      struct weft_futex_wait_end *e = WEFT_RESERVE (struct weft_futex_wait_end,
                                                    WEFT_EV_FUTEX_WAIT_END);
      if (!e)
        return;
      e->uaddr = call.args[0];
      e->ret = ret;
      weft_submit (e);
    }
  else
    {
      struct weft_futex_wake *e = WEFT_RESERVE (struct weft_futex_wake, WEFT_EV_FUTEX_WAKE);

      if (!e)
        return;
      e->uaddr = call.args[0];
      e->op = call.args[1];
      e->nr_wake = call.args[2];
      e->ret = ret;
      weft_submit (e);
    }
}

/* futex_waitv(waiters, nr_futexes, flags, timeout, clockid): recorded as
 * one wait on the first futex of the vector. */
static __always_inline void
weft_futex_waitv_enter (struct pt_regs *regs)
{
  struct { __u64 val; __u64 uaddr; __u32 flags; __u32 reserved; } waiter = { 0 };
  struct weft_futex_wait_begin *e;

  bpf_probe_read_user (&waiter, sizeof waiter, (void *) regs->di);
  e = WEFT_RESERVE (struct weft_futex_wait_begin, WEFT_EV_FUTEX_WAIT_BEGIN);
  if (e)
    {
      e->uaddr = waiter.uaddr;
      e->op = WEFT_FUTEX_OP_WAITV;
      e->val = (__u32) regs->si;
      e->owner_tid = 0;
      e->lock_word = 0;
      bpf_probe_read_user (&e->lock_word, sizeof e->lock_word, (void *) waiter.uaddr);
      e->timeout_ns = weft_read_timespec_ns (regs->r10, 0);
      e->klass = WEFT_FUTEX_CLASS_OTHER;
      e->shared = !(waiter.flags & WEFT_FUTEX_PRIVATE_FLAG);
      weft_submit (e);
    }
  weft_pending_store (WEFT_NR_futex_waitv, waiter.uaddr, 0, 0, 1);
}

static __always_inline void
weft_futex_waitv_exit (long ret)
{
  struct weft_pending_call call;
  struct weft_futex_wait_end *e;

  if (!weft_pending_take (WEFT_NR_futex_waitv, &call))
    return;
  e = WEFT_RESERVE (struct weft_futex_wait_end, WEFT_EV_FUTEX_WAIT_END);
  if (!e)
    return;
  e->uaddr = call.args[0];
  e->ret = ret;
  weft_submit (e);
}

#endif

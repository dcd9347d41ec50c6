/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * ulock.bpf.h: `weft record --uprobes` — exact lock-held intervals from
 * uprobes on libc's pthread_mutex_lock/trylock/unlock and sem_wait (and its
 * try/timed/clock variants, which share these programs)/sem_post.  Off
 * by default (not even loaded): uprobes on hot lock paths cost ~18x on a
 * lock-heavy program, while futexes already show every contention.  The
 * programs have no target in their section name, so the skeleton never
 * attaches them; user space attaches them to the libc it finds.
 */
#ifndef WEFT_ULOCK_BPF_H
#define WEFT_ULOCK_BPF_H

#include "common.bpf.h"

/* The lock/sem a thread is inside pthread_mutex_lock / sem_wait for. */
struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 16384);
  __type(key, __u32);
  __type(value, __u64);
} ulock_pending SEC(".maps");

static __always_inline void
weft_ulock_emit (__u64 addr, __u32 op, int ret)
{
  struct weft_ulock *e = WEFT_RESERVE (struct weft_ulock, WEFT_EV_ULOCK);

  if (!e)
    return;
  e->addr = addr;
  e->op = op;
  e->ret = ret;
  weft_submit (e);
}

static __always_inline void
weft_ulock_enter (__u64 addr)
{
  __u32 tid = (__u32) bpf_get_current_pid_tgid ();

  if (weft_current_is_traced ())
    bpf_map_update_elem (&ulock_pending, &tid, &addr, BPF_ANY);
}

static __always_inline void
weft_ulock_return (__u32 op, int ret)
{
  __u32 tid = (__u32) bpf_get_current_pid_tgid ();
  __u64 *addr = bpf_map_lookup_elem (&ulock_pending, &tid);
  __u64 value;

  if (!addr)
    return;
  value = *addr;
  bpf_map_delete_elem (&ulock_pending, &tid);
  weft_ulock_emit (value, op, ret);
}

SEC ("uprobe")
int BPF_KPROBE (weft_mutex_lock, void *mutex)
{
  weft_ulock_enter ((__u64) mutex);
  return 0;
}

SEC ("uretprobe")
int BPF_KRETPROBE (weft_mutex_lock_return, int ret)
{
  weft_ulock_return (WEFT_ULOCK_ACQUIRE, ret);
  return 0;
}

SEC ("uprobe")
int BPF_KPROBE (weft_mutex_unlock, void *mutex)
{
  if (weft_current_is_traced ())
    weft_ulock_emit ((__u64) mutex, WEFT_ULOCK_RELEASE, 0);
  return 0;
}

SEC ("uprobe")
int BPF_KPROBE (weft_sem_wait, void *sem)
{
  weft_ulock_enter ((__u64) sem);
  return 0;
}

SEC ("uretprobe")
int BPF_KRETPROBE (weft_sem_wait_return, int ret)
{
  weft_ulock_return (WEFT_ULOCK_SEM_WAIT, ret);
  return 0;
}

SEC ("uprobe")
int BPF_KPROBE (weft_sem_post, void *sem)
{
  if (weft_current_is_traced ())
    weft_ulock_emit ((__u64) sem, WEFT_ULOCK_SEM_POST, 0);
  return 0;
}

#endif

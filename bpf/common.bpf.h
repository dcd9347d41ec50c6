/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/* common.bpf.h: maps and helpers every weft BPF program uses. */
#ifndef WEFT_COMMON_BPF_H
#define WEFT_COMMON_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "events.h"
#include "syscalls.h" /* WEFT_NR_* and which handler records each call */

#define WEFT_MAX_TRACED 65536

/* The traced tree, keyed by tgid.  User space seeds it with the root; the
 * fork program adds every new child process of a traced one.  This is the
 * kernel-side filter: nothing else produces an event. */
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, WEFT_MAX_TRACED);
  __type(key, __u32);
  __type(value, __u32);
} traced SEC(".maps");

/* How many tgids `traced` holds; the recording ends when it is zero.  User
 * space reads this count instead of walking the map: a walk that a fork
 * puts a child behind and an exit empties ahead of finds no process while
 * one lives (a loaded CI machine ended a recording after 4 of 5000 hops).
 * Counted before each insert and uncounted if it fails, so it is never
 * below what the map holds. */
__s64 weft_n_traced = 0;

static __always_inline void
weft_trace_tgid (__u32 tgid)
{
  __u32 one = 1;

  __sync_fetch_and_add (&weft_n_traced, 1);
  if (bpf_map_update_elem (&traced, &tgid, &one, BPF_NOEXIST) != 0)
    __sync_fetch_and_add (&weft_n_traced, -1);
}

static __always_inline void
weft_untrace_tgid (__u32 tgid)
{
  if (bpf_map_delete_elem (&traced, &tgid) == 0)
    __sync_fetch_and_add (&weft_n_traced, -1);
}

/* One ring buffer per cpu, so producers on different cpus never share a
 * lock: with one shared ring, its lock refused reservations under
 * contention on this kernel (counted as WEFT_LOST_RING_BUSY) and every
 * event bounced its cache line between cpus.  User space creates the
 * rings, sizes both maps, and merges the rings back into time order
 * (tracer/trace/weft-event-merge.c). */
struct weft_ring {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 16 * 1024 * 1024); /* resized by user space */
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
  __uint(max_entries, 1); /* resized by user space: one per possible cpu */
  __type(key, __u32);
  __array(values, struct weft_ring);
} events SEC(".maps");

/* Waking the recorder for every event would cost the traced program a
 * context switch per event on a small machine; it polls every few ms
 * instead, and is woken early only when a ring is an eighth full (user
 * space sets this from the ring size). */
const volatile __u64 weft_wakeup_bytes = 2u * 1024 * 1024;

/* Lost events, per cpu and per reason (enum weft_lost_reason): the exact
 * count, and why, so a report of loss can say which limit was hit. */
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, WEFT_LOST_N_REASONS);
  __type(key, __u32);
  __type(value, __u64);
} lost SEC(".maps");

static __always_inline bool
weft_is_traced (__u32 tgid)
{
  return bpf_map_lookup_elem (&traced, &tgid) != NULL;
}

static __always_inline bool
weft_current_is_traced (void)
{
  return weft_is_traced (bpf_get_current_pid_tgid () >> 32);
}

static __always_inline void
weft_count_lost (__u32 reason)
{
  __u64 *count = bpf_map_lookup_elem (&lost, &reason);

  if (count)
    *count += 1; /* per-cpu slot: no other writer */
}

/* This cpu's ring buffer (the program cannot migrate while it runs). */
static __always_inline void *
weft_ring (void)
{
  __u32 cpu = bpf_get_smp_processor_id ();

  return bpf_map_lookup_elem (&events, &cpu);
}

/* Why a reservation in `ring` failed: no room, or refused with room left. */
static __always_inline __u32
weft_ring_failure (void *ring, __u32 size)
{
  if (!ring)
    return WEFT_LOST_RING_FULL; /* no ring for this cpu: cannot happen */
  /* Asked after the fact, while the recorder drains: only a ring less
   * than half full is surely one that refused with room to spare. */
  if (bpf_ringbuf_query (ring, BPF_RB_AVAIL_DATA) + size < bpf_ringbuf_query (ring, BPF_RB_RING_SIZE) / 2)
    return WEFT_LOST_RING_BUSY;
  return WEFT_LOST_RING_FULL;
}

/* Reserve a record of `size` bytes and fill its header for the current
 * task.  Returns NULL (and counts the loss) when the ring buffer is full. */
static __always_inline void *
weft_reserve (__u32 size, __u16 kind)
{
  void *ring = weft_ring ();
  struct weft_event_header *h = ring ? bpf_ringbuf_reserve (ring, size, 0) : NULL;
  __u64 pid_tgid;

  if (!h)
    {
      weft_count_lost (weft_ring_failure (ring, size));
      return NULL;
    }
  pid_tgid = bpf_get_current_pid_tgid ();
  h->ts = bpf_ktime_get_ns ();
  h->tgid = pid_tgid >> 32;
  h->tid = (__u32) pid_tgid;
  h->kind = kind;
  h->size = size;
  h->cpu = bpf_get_smp_processor_id ();
  h->reserved = 0;
  return h;
}

/* Submits a record weft_reserve() returned: the ring it came from is
 * this cpu's still. */
static __always_inline void
weft_submit (void *record)
{
  void *ring = weft_ring ();
  __u64 flags = ring && bpf_ringbuf_query (ring, BPF_RB_AVAIL_DATA) > weft_wakeup_bytes ?
                BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;

  bpf_ringbuf_submit (record, flags);
}

/* Copies a record built elsewhere into this cpu's ring buffer. */
static __always_inline void
weft_output (void *record, __u32 size)
{
  void *ring = weft_ring ();

  if (!ring || bpf_ringbuf_output (ring, record, size, 0))
    weft_count_lost (weft_ring_failure (ring, size));
}

#define WEFT_RESERVE(type, kind) ((type *) weft_reserve (sizeof (type), (kind)))

/* A syscall in progress of a traced thread, kept from sys_enter to
 * sys_exit in the thread's own BPF task storage: no hash insert and delete
 * on every call (the LRU hash this replaces cost ~100 ns a call), and the
 * slot goes away with the thread, so one killed inside a call leaks
 * nothing. */
struct weft_pending_call {
  __u64 args[4];
  __u32 syscall;
  __u32 in_progress; /* 1 from sys_enter until its sys_exit takes it */
};

struct {
  __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __type(key, int);
  __type(value, struct weft_pending_call);
} pending_calls SEC(".maps");

static __always_inline void
weft_pending_store (long id, __u64 a0, __u64 a1, __u64 a2, __u64 a3)
{
  struct weft_pending_call *call = bpf_task_storage_get (&pending_calls, bpf_get_current_task_btf (), 0,
                                                         BPF_LOCAL_STORAGE_GET_F_CREATE);

  if (!call)
    {
      /* No slot (out of memory): this call's END cannot be recorded. */
      weft_count_lost (WEFT_LOST_NO_CALL_SLOT);
      return;
    }
  call->args[0] = a0;
  call->args[1] = a1;
  call->args[2] = a2;
  call->args[3] = a3;
  call->syscall = id;
  call->in_progress = 1;
}

/* Copies the pending call of the current thread out and forgets it;
 * false when there is none (the thread is not traced) or it is another
 * call's. */
static __always_inline bool
weft_pending_take (long id, struct weft_pending_call *call)
{
  struct weft_pending_call *found = bpf_task_storage_get (&pending_calls, bpf_get_current_task_btf (), 0, 0);

  if (!found || !found->in_progress)
    return false;
  *call = *found;
  found->in_progress = 0;
  return call->syscall == id;
}

/* A struct timespec in user memory as ns; `none` if ptr is NULL. */
static __always_inline __u64
weft_read_timespec_ns (__u64 ptr, __u64 none)
{
  struct { __s64 sec; __s64 nsec; } ts;

  if (!ptr || bpf_probe_read_user (&ts, sizeof ts, (void *) ptr))
    return none;
  return (__u64) ts.sec * 1000000000ull + ts.nsec;
}

#endif

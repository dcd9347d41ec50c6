/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/* common.bpf.h: maps and helpers every weft BPF program uses. */
#ifndef WEFT_COMMON_BPF_H
#define WEFT_COMMON_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "events.h"

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

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 16 * 1024 * 1024); /* resized by user space */
} events SEC(".maps");

/* Failed ring buffer reservations, per cpu: the exact count of lost events. */
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
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
weft_count_lost (void)
{
  __u32 zero = 0;
  __u64 *count = bpf_map_lookup_elem (&lost, &zero);

  if (count)
    *count += 1; /* per-cpu slot: no other writer */
}

/* Reserve a record of `size` bytes and fill its header for the current
 * task.  Returns NULL (and counts the loss) when the ring buffer is full. */
static __always_inline void *
weft_reserve (__u32 size, __u16 kind)
{
  struct weft_event_header *h = bpf_ringbuf_reserve (&events, size, 0);
  __u64 pid_tgid;

  if (!h)
    {
      weft_count_lost ();
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

/* Waking the recorder for every event would cost the traced program a
 * context switch per event on a small machine; it polls every few ms
 * instead, and is woken early only when the buffer starts to fill. */
#define WEFT_WAKEUP_BYTES (2u * 1024 * 1024)

static __always_inline void
weft_submit (void *record)
{
  __u64 flags = bpf_ringbuf_query (&events, BPF_RB_AVAIL_DATA) > WEFT_WAKEUP_BYTES ?
                BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;

  bpf_ringbuf_submit (record, flags);
}

#define WEFT_RESERVE(type, kind) ((type *) weft_reserve (sizeof (type), (kind)))

/* Syscall numbers (x86-64). */
#define WEFT_NR_read 0
#define WEFT_NR_write 1
#define WEFT_NR_wait4 61
#define WEFT_NR_waitid 247

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * memory.bpf.h: copy-on-write, made visible.  After fork() the parent and
 * the child share every page, write-protected; the first write to one of
 * them faults and the kernel gives the writer its own copy.  Such a fault
 * is a write (W) by user code (U) to a page that is present (P): x86's
 * fault code P|W|U.  Counting every fault as a record would flood the
 * ring (a 128 MB copy is 32768 faults), so they are counted and written
 * once per stay on the cpu: when the thread leaves it (sched.bpf.h calls
 * weft_flush_cow_faults just before its SWITCH_OUT) or exits
 * (lifecycle.bpf.h, before its EXIT).
 *
 * The count is per cpu, not per thread: a fault happens in the task that
 * is running, which cannot move to another cpu before it leaves this one,
 * and leaving is when the count is written out and reset.  So neither the
 * fault nor the context switch pays for a per-thread lookup (task storage
 * cost the mixed benchmark ~4%).  page_fault_user runs on every user page
 * fault of the machine: the fault code is tested before anything else.
 * Included by sched.bpf.h and lifecycle.bpf.h.
 */
#ifndef WEFT_MEMORY_BPF_H
#define WEFT_MEMORY_BPF_H

#include "common.bpf.h"

#define WEFT_PF_PROT 0x1  /* the page was present */
#define WEFT_PF_WRITE 0x2
#define WEFT_PF_USER 0x4
#define WEFT_PF_COPY_ON_WRITE (WEFT_PF_PROT | WEFT_PF_WRITE | WEFT_PF_USER)

/* The faults of the traced task running on this cpu, since it got it. */
struct weft_cow_count {
  __u64 first_ns; /* the first of them */
  __u32 count;
  __u32 pad;
};

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct weft_cow_count);
} cow_counts SEC(".maps");

static __always_inline struct weft_cow_count *
weft_cow_counter (void)
{
  __u32 zero = 0;

  return bpf_map_lookup_elem (&cow_counts, &zero);
}

SEC ("tp_btf/page_fault_user")
int BPF_PROG (weft_page_fault_user, unsigned long address, struct pt_regs *regs,
              unsigned long error_code)
{
  struct weft_cow_count *counter;

  if ((error_code & WEFT_PF_COPY_ON_WRITE) != WEFT_PF_COPY_ON_WRITE || !weft_current_is_traced ())
    return 0;
  counter = weft_cow_counter ();
  if (!counter)
    return 0; /* cannot happen: the array has its one slot on every cpu */
  if (counter->count == 0)
    counter->first_ns = bpf_ktime_get_ns ();
  counter->count++;
  return 0;
}

/* Writes out the faults the current task took on this stay on the cpu
 * (called in its context: sched_switch's prev, sched_process_exit's
 * task), so the record's header is its.  A record the full ring refuses
 * is counted lost like any other, and the count starts again: it must not
 * pass to the next task on this cpu. */
static __always_inline void
weft_flush_cow_faults (void)
{
  struct weft_cow_count *counter = weft_cow_counter ();
  struct weft_cow_faults *e;

  if (!counter || counter->count == 0)
    return;
  e = WEFT_RESERVE (struct weft_cow_faults, WEFT_EV_COW_FAULTS);
  if (e)
    {
      e->count = counter->count;
      e->reserved = 0;
      e->first_ns = counter->first_ns;
      weft_submit (e);
    }
  counter->count = 0;
}

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * memory.bpf.h: copy-on-write, made visible.  After fork() the parent and
 * the child share every page, write-protected; the first write to one of
 * them faults and the kernel gives the writer its own copy.  Such a fault
 * is a write (W) by user code (U) to a page that is present (P): x86's
 * fault code P|W|U.  Counting every fault as a record would flood the
 * ring (a 128 MB copy is 32768 faults), so each thread's count is kept in
 * its task storage and written once, when the thread leaves the cpu
 * (sched.bpf.h calls weft_flush_cow_faults just before its SWITCH_OUT)
 * or exits (lifecycle.bpf.h, before its EXIT).
 * page_fault_user runs on every user page fault of the machine: the fault
 * code is tested before anything is looked up.  Included by sched.bpf.h.
 */
#ifndef WEFT_MEMORY_BPF_H
#define WEFT_MEMORY_BPF_H

#include "common.bpf.h"

#define WEFT_PF_PROT 0x1  /* the page was present */
#define WEFT_PF_WRITE 0x2
#define WEFT_PF_USER 0x4
#define WEFT_PF_COPY_ON_WRITE (WEFT_PF_PROT | WEFT_PF_WRITE | WEFT_PF_USER)

struct weft_cow_count {
  __u64 first_ns; /* the first fault not yet written out */
  __u32 count;
  __u32 pad;
};

struct {
  __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __type(key, int);
  __type(value, struct weft_cow_count);
} cow_counts SEC(".maps");

SEC ("tp_btf/page_fault_user")
int BPF_PROG (weft_page_fault_user, unsigned long address, struct pt_regs *regs,
              unsigned long error_code)
{
  struct weft_cow_count *counter;

  if ((error_code & WEFT_PF_COPY_ON_WRITE) != WEFT_PF_COPY_ON_WRITE || !weft_current_is_traced ())
    return 0;
  counter = bpf_task_storage_get (&cow_counts, bpf_get_current_task_btf (), 0,
                                  BPF_LOCAL_STORAGE_GET_F_CREATE);
  if (!counter)
    {
      weft_count_lost (WEFT_LOST_NO_FAULT_SLOT);
      return 0;
    }
  if (counter->count == 0)
    counter->first_ns = bpf_ktime_get_ns ();
  counter->count++;
  return 0;
}

/* Writes out the faults `prev` took on this stay on the cpu; called in
 * prev's context (sched_switch, sched_process_exit), so the record's
 * header is prev's.  When
 * the ring is full the count is kept and goes out with the next stay. */
static __always_inline void
weft_flush_cow_faults (struct task_struct *prev)
{
  struct weft_cow_count *counter = bpf_task_storage_get (&cow_counts, prev, 0, 0);
  struct weft_cow_faults *e;

  if (!counter || counter->count == 0)
    return;
  e = WEFT_RESERVE (struct weft_cow_faults, WEFT_EV_COW_FAULTS);
  if (!e)
    return;
  e->count = counter->count;
  e->reserved = 0;
  e->first_ns = counter->first_ns;
  weft_submit (e);
  counter->count = 0;
}

#endif

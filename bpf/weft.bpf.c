/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * weft.bpf.c: the kernel side of the weft recorder.
 *
 * One BPF object so that every program shares the traced-tree filter and
 * the ring buffer.  Each area lives in its own header; this file only
 * routes the raw syscall tracepoints to them.  Raw (tp_btf) syscall hooks
 * are used instead of the syscalls tracepoints because they need no tracefs
 * and one program covers every syscall we care about.
 */
#include "common.bpf.h"
#include "lifecycle.bpf.h"

char LICENSE[] SEC ("license") = "Dual BSD/GPL";

SEC ("tp_btf/sys_enter")
int BPF_PROG (weft_sys_enter, struct pt_regs *regs, long id)
{
  switch (id)
    {
    case WEFT_NR_wait4:
    case WEFT_NR_waitid:
      weft_wait_enter (regs, id);
      break;
    default:
      break;
    }
  return 0;
}

SEC ("tp_btf/sys_exit")
int BPF_PROG (weft_sys_exit, struct pt_regs *regs, long ret)
{
  long id = regs->orig_ax;

  switch (id)
    {
    case WEFT_NR_wait4:
    case WEFT_NR_waitid:
      weft_wait_exit (ret);
      break;
    default:
      break;
    }
  return 0;
}

/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * weft.bpf.c: the kernel side of the weft recorder.
 *
 * One BPF object so that every program shares the traced-tree filter and
 * the ring buffer.  Each area lives in its own header; this file only
 * routes the raw syscall tracepoints to them.  Raw (tp_btf) syscall hooks
 * are used instead of the syscalls tracepoints because they need no tracefs
 * and one program covers every syscall we care about.  sys_enter runs for
 * every syscall of the machine: the switch comes first, the traced lookup
 * only for the calls we record.
 */
#include "common.bpf.h"
#include "lifecycle.bpf.h"
#include "sched.bpf.h"
#include "futex.bpf.h"
#include "objects.bpf.h"
#include "io.bpf.h"
#include "fdwait.bpf.h"
#include "ulock.bpf.h"
#include "pystack.bpf.h"
#include "pycoro.bpf.h"

char LICENSE[] SEC ("license") = "Dual BSD/GPL";

/* Which handler records a call: the hook column of syscalls.h. */
enum weft_syscall_hook {
  WEFT_HOOK_none = 0, /* not recorded */
  WEFT_HOOK_wait,
  WEFT_HOOK_futex,
  WEFT_HOOK_futex_waitv,
  WEFT_HOOK_io,
  WEFT_HOOK_sleep,
  WEFT_HOOK_select,
  WEFT_HOOK_poll,
  WEFT_HOOK_epoll_wait,
  WEFT_HOOK_epoll_ctl,
  WEFT_HOOK_close,
  WEFT_HOOK_fd_maker,
};

static __always_inline enum weft_syscall_hook
weft_syscall_hook (long id)
{
  switch (id)
    {
#define WEFT_HOOK_CASE(nr, name, hook, state, io_kind, direction) \
    case nr:                                                       \
      return WEFT_HOOK_##hook;
      WEFT_SYSCALLS (WEFT_HOOK_CASE)
#undef WEFT_HOOK_CASE
    default:
      return WEFT_HOOK_none;
    }
}

/* Calls that begin a wait record (a BEGIN the model shows as a wait):
 * the ones a Python thread's stack is taken for. */
static __always_inline bool
weft_syscall_waits (struct pt_regs *regs, enum weft_syscall_hook hook)
{
  switch (hook)
    {
    case WEFT_HOOK_futex:
      return weft_futex_cmd_waits (WEFT_FUTEX_CMD ((__u32) regs->si));
    case WEFT_HOOK_futex_waitv:
    case WEFT_HOOK_io:
    case WEFT_HOOK_sleep:
    case WEFT_HOOK_select:
    case WEFT_HOOK_poll:
    case WEFT_HOOK_epoll_wait:
      return true;
    default:
      return false;
    }
}

SEC ("tp_btf/sys_enter")
int BPF_PROG (weft_sys_enter, struct pt_regs *regs, long id)
{
  enum weft_syscall_hook hook = weft_syscall_hook (id);

  if (hook == WEFT_HOOK_none)
    return 0;
  if (hook == WEFT_HOOK_wait)
    {
      if (weft_current_is_traced ())
        weft_py_stack_emit ();
      weft_wait_enter (regs, id);
      return 0;
    }
  if (!weft_current_is_traced ())
    return 0;
  if (weft_syscall_waits (regs, hook))
    weft_py_stack_emit ();
  weft_pycoro_at_syscall ();

  switch (hook)
    {
    case WEFT_HOOK_futex:
      weft_futex_enter (regs);
      break;
    case WEFT_HOOK_futex_waitv:
      weft_futex_waitv_enter (regs);
      break;
    case WEFT_HOOK_io:
      weft_io_enter (regs, id);
      break;
    case WEFT_HOOK_sleep:
      weft_sleep_enter (regs, id);
      break;
    case WEFT_HOOK_select:
      weft_select_enter (regs, id);
      break;
    case WEFT_HOOK_poll:
      weft_poll_enter (regs, id);
      break;
    case WEFT_HOOK_epoll_wait:
      weft_epoll_wait_enter (regs, id);
      break;
    case WEFT_HOOK_epoll_ctl:
      weft_epoll_ctl_enter (regs);
      break;
    case WEFT_HOOK_close:
      weft_forget_fd ((int) regs->di);
      break;
    case WEFT_HOOK_fd_maker:
      weft_fd_maker_enter (regs, id);
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

  /* Each *_exit looks up the call its thread began; an untraced thread
   * has none, so no traced check is needed here. */
  switch (weft_syscall_hook (id))
    {
    case WEFT_HOOK_wait:
      weft_wait_exit (ret);
      break;
    case WEFT_HOOK_futex:
      weft_futex_exit (ret);
      break;
    case WEFT_HOOK_futex_waitv:
      weft_futex_waitv_exit (ret);
      break;
    case WEFT_HOOK_io:
    case WEFT_HOOK_sleep:
      weft_io_exit (id, ret);
      break;
    case WEFT_HOOK_select:
      weft_select_exit (id, ret);
      break;
    case WEFT_HOOK_poll:
      weft_poll_exit (id, ret);
      break;
    case WEFT_HOOK_epoll_wait:
      weft_epoll_wait_exit (id, ret);
      break;
    case WEFT_HOOK_epoll_ctl:
      weft_epoll_ctl_exit (ret);
      break;
    case WEFT_HOOK_fd_maker:
      weft_fd_maker_exit (id, ret);
      break;
    default:
      break;
    }
  return 0;
}

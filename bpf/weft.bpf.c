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

char LICENSE[] SEC ("license") = "Dual BSD/GPL";

/* Calls that begin a wait record (a BEGIN the model shows as a wait):
 * the ones a Python thread's stack is taken for. */
static __always_inline bool
weft_syscall_waits (struct pt_regs *regs, long id)
{
  switch (id)
    {
    case WEFT_NR_futex:
      return weft_futex_cmd_waits (WEFT_FUTEX_CMD ((__u32) regs->si));
    case WEFT_NR_futex_waitv:
    case WEFT_NR_read:
    case WEFT_NR_write:
    case WEFT_NR_readv:
    case WEFT_NR_writev:
    case WEFT_NR_recvfrom:
    case WEFT_NR_sendto:
    case WEFT_NR_recvmsg:
    case WEFT_NR_sendmsg:
    case WEFT_NR_accept:
    case WEFT_NR_accept4:
    case WEFT_NR_connect:
    case WEFT_NR_mq_timedsend:
    case WEFT_NR_mq_timedreceive:
    case WEFT_NR_nanosleep:
    case WEFT_NR_clock_nanosleep:
    case WEFT_NR_select:
    case WEFT_NR_pselect6:
    case WEFT_NR_poll:
    case WEFT_NR_ppoll:
    case WEFT_NR_epoll_wait:
    case WEFT_NR_epoll_pwait:
    case WEFT_NR_epoll_pwait2:
      return true;
    default:
      return false;
    }
}

SEC ("tp_btf/sys_enter")
int BPF_PROG (weft_sys_enter, struct pt_regs *regs, long id)
{
  switch (id)
    {
    case WEFT_NR_wait4:
    case WEFT_NR_waitid:
      if (weft_current_is_traced ())
        weft_py_stack_emit ();
      weft_wait_enter (regs, id);
      return 0;
    case WEFT_NR_futex:
    case WEFT_NR_futex_waitv:
    case WEFT_NR_read:
    case WEFT_NR_write:
    case WEFT_NR_readv:
    case WEFT_NR_writev:
    case WEFT_NR_recvfrom:
    case WEFT_NR_sendto:
    case WEFT_NR_recvmsg:
    case WEFT_NR_sendmsg:
    case WEFT_NR_accept:
    case WEFT_NR_accept4:
    case WEFT_NR_connect:
    case WEFT_NR_mq_timedsend:
    case WEFT_NR_mq_timedreceive:
    case WEFT_NR_nanosleep:
    case WEFT_NR_clock_nanosleep:
    case WEFT_NR_select:
    case WEFT_NR_pselect6:
    case WEFT_NR_poll:
    case WEFT_NR_ppoll:
    case WEFT_NR_epoll_wait:
    case WEFT_NR_epoll_pwait:
    case WEFT_NR_epoll_pwait2:
    case WEFT_NR_epoll_ctl:
    case WEFT_NR_close:
    case WEFT_NR_pipe:
    case WEFT_NR_pipe2:
    case WEFT_NR_socketpair:
    case WEFT_NR_socket:
    case WEFT_NR_bind:
    case WEFT_NR_open:
    case WEFT_NR_openat:
    case WEFT_NR_openat2:
    case WEFT_NR_creat:
    case WEFT_NR_dup:
    case WEFT_NR_dup2:
    case WEFT_NR_dup3:
    case WEFT_NR_fcntl:
    case WEFT_NR_mq_open:
    case WEFT_NR_epoll_create:
    case WEFT_NR_epoll_create1:
      break;
    default:
      return 0;
    }
  if (!weft_current_is_traced ())
    return 0;
  if (weft_syscall_waits (regs, id))
    weft_py_stack_emit ();

  switch (id)
    {
    case WEFT_NR_futex:
      weft_futex_enter (regs);
      break;
    case WEFT_NR_futex_waitv:
      weft_futex_waitv_enter (regs);
      break;
    case WEFT_NR_nanosleep:
    case WEFT_NR_clock_nanosleep:
      weft_sleep_enter (regs, id);
      break;
    case WEFT_NR_select:
    case WEFT_NR_pselect6:
      weft_select_enter (regs, id);
      break;
    case WEFT_NR_poll:
    case WEFT_NR_ppoll:
      weft_poll_enter (regs, id);
      break;
    case WEFT_NR_epoll_wait:
    case WEFT_NR_epoll_pwait:
    case WEFT_NR_epoll_pwait2:
      weft_epoll_wait_enter (regs, id);
      break;
    case WEFT_NR_epoll_ctl:
      weft_epoll_ctl_enter (regs);
      break;
    case WEFT_NR_close:
      weft_forget_fd ((int) regs->di);
      break;
    case WEFT_NR_pipe:
    case WEFT_NR_pipe2:
    case WEFT_NR_socketpair:
    case WEFT_NR_socket:
    case WEFT_NR_bind:
    case WEFT_NR_open:
    case WEFT_NR_openat:
    case WEFT_NR_openat2:
    case WEFT_NR_creat:
    case WEFT_NR_dup:
    case WEFT_NR_dup2:
    case WEFT_NR_dup3:
    case WEFT_NR_fcntl:
    case WEFT_NR_mq_open:
    case WEFT_NR_epoll_create:
    case WEFT_NR_epoll_create1:
      weft_fd_maker_enter (regs, id);
      break;
    default:
      weft_io_enter (regs, id);
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
  switch (id)
    {
    case WEFT_NR_wait4:
    case WEFT_NR_waitid:
      weft_wait_exit (ret);
      break;
    case WEFT_NR_futex:
      weft_futex_exit (ret);
      break;
    case WEFT_NR_futex_waitv:
      weft_futex_waitv_exit (ret);
      break;
    case WEFT_NR_read:
    case WEFT_NR_write:
    case WEFT_NR_readv:
    case WEFT_NR_writev:
    case WEFT_NR_recvfrom:
    case WEFT_NR_sendto:
    case WEFT_NR_recvmsg:
    case WEFT_NR_sendmsg:
    case WEFT_NR_accept:
    case WEFT_NR_accept4:
    case WEFT_NR_connect:
    case WEFT_NR_mq_timedsend:
    case WEFT_NR_mq_timedreceive:
    case WEFT_NR_nanosleep:
    case WEFT_NR_clock_nanosleep:
      weft_io_exit (id, ret);
      break;
    case WEFT_NR_select:
    case WEFT_NR_pselect6:
      weft_select_exit (id, ret);
      break;
    case WEFT_NR_poll:
    case WEFT_NR_ppoll:
      weft_poll_exit (id, ret);
      break;
    case WEFT_NR_epoll_wait:
    case WEFT_NR_epoll_pwait:
    case WEFT_NR_epoll_pwait2:
      weft_epoll_wait_exit (id, ret);
      break;
    case WEFT_NR_epoll_ctl:
      weft_epoll_ctl_exit (ret);
      break;
    case WEFT_NR_pipe:
    case WEFT_NR_pipe2:
    case WEFT_NR_socketpair:
    case WEFT_NR_socket:
    case WEFT_NR_bind:
    case WEFT_NR_open:
    case WEFT_NR_openat:
    case WEFT_NR_openat2:
    case WEFT_NR_creat:
    case WEFT_NR_dup:
    case WEFT_NR_dup2:
    case WEFT_NR_dup3:
    case WEFT_NR_fcntl:
    case WEFT_NR_mq_open:
    case WEFT_NR_epoll_create:
    case WEFT_NR_epoll_create1:
      weft_fd_maker_exit (id, ret);
      break;
    default:
      break;
    }
  return 0;
}

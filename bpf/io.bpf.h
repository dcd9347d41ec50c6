/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * io.bpf.h: blocking IO and sleeps as BEGIN/END pairs, and the calls that
 * make, change or drop fds (pipe, socket, accept, open, dup, mq_open,
 * bind, connect, close, epoll_ctl).  Included by weft.bpf.c.
 */
#ifndef WEFT_IO_BPF_H
#define WEFT_IO_BPF_H

#include "common.bpf.h"
#include "objects.bpf.h"

#define WEFT_TIMER_ABSTIME 1
#define WEFT_CLOCK_MONOTONIC 1
#define WEFT_F_DUPFD 0
#define WEFT_F_DUPFD_CLOEXEC 1030
#define WEFT_EINPROGRESS 115

static __always_inline void
weft_emit_begin (long id, int fd, __u64 arg)
{
  struct weft_syscall_begin *e = WEFT_RESERVE (struct weft_syscall_begin, WEFT_EV_SYSCALL_BEGIN);

  if (!e)
    return;
  e->syscall = id;
  e->fd = fd;
  e->arg = arg;
  weft_submit (e);
}

static __always_inline void
weft_emit_end (long id, int fd, long ret)
{
  struct weft_syscall_end *e = WEFT_RESERVE (struct weft_syscall_end, WEFT_EV_SYSCALL_END);

  if (!e)
    return;
  e->syscall = id;
  e->fd = fd;
  e->ret = ret;
  weft_submit (e);
}

/* read, write, recv*, send*, accept*, connect, mq_timed*: the object
 * first (once), then the BEGIN. */
static __always_inline void
weft_io_enter (struct pt_regs *regs, long id)
{
  int fd = (int) regs->di;
  __u64 arg = 0;

  switch (id)
    {
    case WEFT_NR_read:
    case WEFT_NR_write:
    case WEFT_NR_readv:
    case WEFT_NR_writev:
    case WEFT_NR_recvfrom:
    case WEFT_NR_sendto:
    case WEFT_NR_mq_timedsend:
    case WEFT_NR_mq_timedreceive:
      arg = regs->dx;
      break;
    default:
      break;
    }
  weft_note_fd (fd, 0, false);
  weft_emit_begin (id, fd, arg);
  weft_pending_store (id, fd, 0, 0, 0);
}

static __always_inline void
weft_io_exit (long id, long ret)
{
  struct weft_pending_call call;
  int fd;

  if (!weft_pending_take (id, &call))
    return;
  fd = (int) call.args[0];
  weft_emit_end (id, fd, ret);
  if ((id == WEFT_NR_accept || id == WEFT_NR_accept4) && ret >= 0)
    weft_note_fd (ret, WEFT_OBJ_CREATED, false);
  else if (id == WEFT_NR_connect && (ret == 0 || ret == -WEFT_EINPROGRESS))
    weft_note_fd (fd, 0, true); /* now it has a peer */
}

/* nanosleep(req, rem) and clock_nanosleep(clock, flags, req, rem); the
 * BEGIN's arg is the duration (an absolute CLOCK_MONOTONIC deadline, as
 * Python's time.sleep uses, is turned into one). */
static __always_inline void
weft_sleep_enter (struct pt_regs *regs, long id)
{
  __u64 ns;

  if (id == WEFT_NR_nanosleep)
    ns = weft_read_timespec_ns (regs->di, 0);
  else
    {
      ns = weft_read_timespec_ns (regs->dx, 0);
      if ((regs->si & WEFT_TIMER_ABSTIME) && regs->di == WEFT_CLOCK_MONOTONIC)
        {
          __u64 now = bpf_ktime_get_ns ();

          ns = ns > now ? ns - now : 0;
        }
    }
  weft_emit_begin (id, -1, ns);
  weft_pending_store (id, -1, 0, 0, 0);
}

/* Calls that make fds: remember where the new fds will be. */
static __always_inline void
weft_fd_maker_enter (struct pt_regs *regs, long id)
{
  if (id == WEFT_NR_fcntl && regs->si != WEFT_F_DUPFD && regs->si != WEFT_F_DUPFD_CLOEXEC)
    return;
  if (id == WEFT_NR_dup2 || id == WEFT_NR_dup3)
    weft_forget_fd ((int) regs->si); /* newfd is closed first */
  weft_pending_store (id, regs->di, regs->si, regs->dx, regs->r10);
}

static __always_inline void
weft_fd_maker_exit (long id, long ret)
{
  struct weft_pending_call call;

  if (!weft_pending_take (id, &call) || ret < 0)
    return;
  switch (id)
    {
    case WEFT_NR_pipe:
    case WEFT_NR_pipe2:
    case WEFT_NR_socketpair:
      {
        int pair[2] = { -1, -1 };
        __u64 ptr = id == WEFT_NR_socketpair ? call.args[3] : call.args[0];

        if (bpf_probe_read_user (pair, sizeof pair, (void *) ptr))
          return;
        weft_note_fd (pair[0], WEFT_OBJ_CREATED, false);
        weft_note_fd (pair[1], WEFT_OBJ_CREATED, false);
        break;
      }
    case WEFT_NR_bind:
      if (ret == 0)
        weft_note_fd ((int) call.args[0], 0, true); /* now it has its address */
      break;
    default:
      weft_note_fd (ret, WEFT_OBJ_CREATED, false);
      break;
    }
}

/* epoll_ctl(epfd, op, fd, event): the interest list is kept in user space
 * from these records (the kernel's rbtree is too deep to walk here). */
static __always_inline void
weft_epoll_ctl_enter (struct pt_regs *regs)
{
  weft_pending_store (WEFT_NR_epoll_ctl, regs->di, regs->si, regs->dx, regs->r10);
}

static __always_inline void
weft_epoll_ctl_exit (long ret)
{
  struct weft_pending_call call;
  struct { __u32 events; __u64 data; } __attribute__ ((packed)) event = { 0 };
  struct weft_epoll_ctl *e;

  if (!weft_pending_take (WEFT_NR_epoll_ctl, &call) || ret != 0)
    return;
  if (call.args[3])
    bpf_probe_read_user (&event, sizeof event, (void *) call.args[3]);
  e = WEFT_RESERVE (struct weft_epoll_ctl, WEFT_EV_EPOLL_CTL);
  if (!e)
    return;
  e->epfd = call.args[0];
  e->op = call.args[1];
  e->fd = call.args[2];
  e->events = event.events;
  e->data = event.data;
  weft_submit (e);
  if (call.args[1] == 1 /* EPOLL_CTL_ADD */)
    weft_note_fd ((int) call.args[2], 0, false); /* say what is watched */
}

#endif

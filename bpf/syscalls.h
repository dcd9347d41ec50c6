/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * syscalls.h: every syscall weft records, once, for the BPF programs and
 * user space alike (plain C, no includes: it compiles next to vmlinux.h).
 *
 * One row per call, x86-64 numbers (the numbers stored in the records):
 *   WEFT_SYSCALL (nr, name, hook, state, io_kind, direction)
 *   hook       which BPF handler records it (weft.bpf.c routes by it)
 *   state      what the model calls a thread inside it (WEFT_STATE_*);
 *              RUNNING for calls that only make or drop fds (no wait)
 *   io_kind    the stats' io_waits key and the demos' `io` words, or NULL
 *              (the demos list the words in the order they first appear)
 *   direction  READ or WRITE for calls that move bytes through an object
 *
 * Users define WEFT_SYSCALL to take the columns they need and expand
 * WEFT_SYSCALLS (WEFT_SYSCALL).  A new call is one row here, and a case in
 * its hook's handler if that handler tells calls apart.
 */
#ifndef WEFT_SYSCALLS_H
#define WEFT_SYSCALLS_H

#define WEFT_SYSCALLS(X) \
  /* Child waits (lifecycle.bpf.h). */ \
  X (61, wait4, wait, CHILD, NULL, NONE) \
  X (247, waitid, wait, CHILD, NULL, NONE) \
  /* Locks (futex.bpf.h). */ \
  X (202, futex, futex, LOCK, NULL, NONE) \
  X (449, futex_waitv, futex_waitv, LOCK, NULL, NONE) \
  /* Waiting on many fds (fdwait.bpf.h). */ \
  X (23, select, select, SELECT, "select", NONE) \
  X (270, pselect6, select, SELECT, "select", NONE) \
  X (7, poll, poll, SELECT, "poll", NONE) \
  X (271, ppoll, poll, SELECT, "poll", NONE) \
  X (232, epoll_wait, epoll_wait, SELECT, "epoll", NONE) \
  X (281, epoll_pwait, epoll_wait, SELECT, "epoll", NONE) \
  X (441, epoll_pwait2, epoll_wait, SELECT, "epoll", NONE) \
  /* Blocking IO (io.bpf.h). */ \
  X (0, read, io, IO, "read", READ) \
  X (19, readv, io, IO, "read", READ) \
  X (1, write, io, IO, "write", WRITE) \
  X (20, writev, io, IO, "write", WRITE) \
  X (43, accept, io, IO, "accept", NONE) \
  X (288, accept4, io, IO, "accept", NONE) \
  X (42, connect, io, IO, "connect", NONE) \
  X (45, recvfrom, io, IO, "recv", READ) \
  X (47, recvmsg, io, IO, "recv", READ) \
  X (44, sendto, io, IO, "send", WRITE) \
  X (46, sendmsg, io, IO, "send", WRITE) \
  X (242, mq_timedsend, io, IO, "mq", WRITE) \
  X (243, mq_timedreceive, io, IO, "mq", READ) \
  /* Sleeps (io.bpf.h). */ \
  X (35, nanosleep, sleep, SLEEP, NULL, NONE) \
  X (230, clock_nanosleep, sleep, SLEEP, NULL, NONE) \
  /* Calls that make, change or drop fds, and epoll interest lists (io.bpf.h). */ \
  X (3, close, close, RUNNING, NULL, NONE) \
  X (233, epoll_ctl, epoll_ctl, RUNNING, NULL, NONE) \
  X (22, pipe, fd_maker, RUNNING, NULL, NONE) \
  X (293, pipe2, fd_maker, RUNNING, NULL, NONE) \
  X (53, socketpair, fd_maker, RUNNING, NULL, NONE) \
  X (41, socket, fd_maker, RUNNING, NULL, NONE) \
  X (49, bind, fd_maker, RUNNING, NULL, NONE) \
  X (2, open, fd_maker, RUNNING, NULL, NONE) \
  X (257, openat, fd_maker, RUNNING, NULL, NONE) \
  X (437, openat2, fd_maker, RUNNING, NULL, NONE) \
  X (85, creat, fd_maker, RUNNING, NULL, NONE) \
  X (32, dup, fd_maker, RUNNING, NULL, NONE) \
  X (33, dup2, fd_maker, RUNNING, NULL, NONE) \
  X (292, dup3, fd_maker, RUNNING, NULL, NONE) \
  X (72, fcntl, fd_maker, RUNNING, NULL, NONE) \
  X (240, mq_open, fd_maker, RUNNING, NULL, NONE) \
  X (213, epoll_create, fd_maker, RUNNING, NULL, NONE) \
  X (291, epoll_create1, fd_maker, RUNNING, NULL, NONE)

/* Every number in the table is below this (a lookup array's size). */
#define WEFT_SYSCALL_NR_LIMIT 512

/* WEFT_NR_read, WEFT_NR_futex, ... */
enum weft_syscall_nr {
#define WEFT_SYSCALL_NR(nr, name, hook, state, io_kind, direction) WEFT_NR_##name = nr,
  WEFT_SYSCALLS (WEFT_SYSCALL_NR)
#undef WEFT_SYSCALL_NR
};

#endif /* WEFT_SYSCALLS_H */

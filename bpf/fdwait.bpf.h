/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * fdwait.bpf.h: select, pselect6, poll, ppoll and epoll_wait — a BEGIN
 * with the timeout followed by the watched fds, an END with the result
 * followed by the ready fds.  The fd lists are built in a per-cpu scratch
 * record and copied out trimmed to their length.  Included by weft.bpf.c.
 */
#ifndef WEFT_FDWAIT_BPF_H
#define WEFT_FDWAIT_BPF_H

#include "common.bpf.h"
#include "io.bpf.h"

#define WEFT_SELECT_MAX_FDS 1024
#define WEFT_SELECT_WORDS (WEFT_SELECT_MAX_FDS / 64)

#define WEFT_POLLIN 0x1
#define WEFT_POLLPRI 0x2
#define WEFT_POLLOUT 0x4
#define WEFT_POLLERR 0x8
#define WEFT_POLLHUP 0x10
#define WEFT_POLLRDNORM 0x40
#define WEFT_POLLRDBAND 0x80
#define WEFT_POLLWRNORM 0x100
#define WEFT_POLLWRBAND 0x200
#define WEFT_POLLRDHUP 0x2000

/* Masks an index in asm so the compiler cannot drop the mask: the verifier
 * must see the bound on the very register used as the index. */
#define WEFT_MASK_INDEX(var, mask) asm volatile ("%0 &= " #mask : "+r" (var))

struct weft_pollfd {
  __s32 fd;
  __s16 events;
  __s16 revents;
};

struct weft_epoll_event {
  __u32 events;
  __u64 data;
} __attribute__ ((packed));

struct weft_fdwait_scratch {
  struct weft_fdset rec;
  __u64 words[3][WEFT_SELECT_WORDS]; /* select's read, write, except sets */
  union {
    struct weft_pollfd pollfds[WEFT_FDSET_MAX];
    struct weft_epoll_event epoll_events[WEFT_FDSET_MAX];
  };
};

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct weft_fdwait_scratch);
} fdwait_scratch SEC(".maps");

static __always_inline struct weft_fdwait_scratch *
weft_fdwait_scratch (void)
{
  __u32 zero = 0;

  return bpf_map_lookup_elem (&fdwait_scratch, &zero);
}

static __always_inline void
weft_fdset_start (struct weft_fdwait_scratch *s, long id, __u16 which)
{
  s->rec.syscall = id;
  s->rec.which = which;
  s->rec.n_fds = 0;
}

static __always_inline void
weft_fdset_add (struct weft_fdwait_scratch *s, int fd, __u32 events)
{
  __u64 n = s->rec.n_fds;

  if (n < WEFT_FDSET_MAX)
    {
      WEFT_MASK_INDEX (n, 63);
      s->rec.fds[n] = (fd & ((1u << WEFT_FDSET_SHIFT) - 1)) | (events << WEFT_FDSET_SHIFT);
      s->rec.n_fds = n + 1;
    }
}

/* Copies the scratch record to the ring buffer, trimmed to n_fds. */
static __always_inline void
weft_fdset_submit (struct weft_fdwait_scratch *s)
{
  __u64 pid_tgid = bpf_get_current_pid_tgid ();
  __u32 n = s->rec.n_fds;
  __u32 size;

  if (n > WEFT_FDSET_MAX)
    n = WEFT_FDSET_MAX;
  size = (offsetof (struct weft_fdset, fds) + n * sizeof (__s32) + 7) & ~7u;
  if (size > sizeof s->rec)
    return;
  s->rec.h.ts = bpf_ktime_get_ns ();
  s->rec.h.tgid = pid_tgid >> 32;
  s->rec.h.tid = (__u32) pid_tgid;
  s->rec.h.kind = WEFT_EV_FDSET;
  s->rec.h.size = size;
  s->rec.h.cpu = bpf_get_smp_processor_id ();
  s->rec.h.reserved = 0;
  if (n % 2)
    {
      __u64 pad = n;

      WEFT_MASK_INDEX (pad, 63);
      s->rec.fds[pad] = 0;
    } /* padding: never leak an older list */
  weft_output (&s->rec, size);
}

static __always_inline __u32
weft_poll_bits (__u32 events)
{
  __u32 bits = 0;

  if (events & (WEFT_POLLIN | WEFT_POLLRDNORM | WEFT_POLLRDBAND | WEFT_POLLHUP |
                WEFT_POLLERR | WEFT_POLLRDHUP))
    bits |= WEFT_FDSET_READ;
  if (events & (WEFT_POLLOUT | WEFT_POLLWRNORM | WEFT_POLLWRBAND))
    bits |= WEFT_FDSET_WRITE;
  if (events & WEFT_POLLPRI)
    bits |= WEFT_FDSET_EXCEPT;
  return bits;
}

/* ---- select / pselect6 ---- */

static long
weft_select_fd_cb (__u32 fd, void *ctx)
{
  struct weft_fdwait_scratch *s = weft_fdwait_scratch ();
  __u64 word = fd / 64, bit = fd % 64;
  __u32 events = 0;

  if (!s || fd >= WEFT_SELECT_MAX_FDS)
    return 1;
  WEFT_MASK_INDEX (word, 15);
  if (s->words[0][word] & (1ull << bit))
    events |= WEFT_FDSET_READ;
  if (s->words[1][word] & (1ull << bit))
    events |= WEFT_FDSET_WRITE;
  if (s->words[2][word] & (1ull << bit))
    events |= WEFT_FDSET_EXCEPT;
  if (events)
    weft_fdset_add (s, fd, events);
  return s->rec.n_fds >= WEFT_FDSET_MAX;
}

/* Reads the three fd_sets (below nfds) and lists the fds set in them. */
static __always_inline void
weft_select_emit (long id, __u16 which, __u64 nfds_arg, __u64 r, __u64 w, __u64 x)
{
  struct weft_fdwait_scratch *s = weft_fdwait_scratch ();
  __u32 nfds = nfds_arg > WEFT_SELECT_MAX_FDS ? WEFT_SELECT_MAX_FDS : (__u32) nfds_arg;
  __u32 bytes = ((nfds + 63) / 64) * 8;
  __u64 sets[3] = { r, w, x };

  if (!s)
    return;
  weft_fdset_start (s, id, which);
  for (int i = 0; i < 3; i++)
    {
      __builtin_memset (s->words[i], 0, sizeof s->words[i]);
      if (sets[i] && bytes > 0 && bytes <= sizeof s->words[i])
        bpf_probe_read_user (s->words[i], bytes, (void *) sets[i]);
    }
  if (nfds > 0)
    bpf_loop (nfds, weft_select_fd_cb, NULL, 0);
  weft_fdset_submit (s);
}

static __always_inline void
weft_select_enter (struct pt_regs *regs, long id)
{
  __u64 timeout = WEFT_TIMEOUT_NONE;

  if (id == WEFT_NR_select)
    {
      struct { __s64 sec; __s64 usec; } tv;

      if (regs->r8 && !bpf_probe_read_user (&tv, sizeof tv, (void *) regs->r8))
        timeout = (__u64) tv.sec * 1000000000ull + (__u64) tv.usec * 1000;
    }
  else
    timeout = weft_read_timespec_ns (regs->r8, WEFT_TIMEOUT_NONE);
  weft_emit_begin (id, -1, timeout);
  weft_select_emit (id, WEFT_FDSET_WATCH, regs->di, regs->si, regs->dx, regs->r10);
  weft_pending_store (id, regs->di, regs->si, regs->dx, regs->r10);
}

static __always_inline void
weft_select_exit (long id, long ret)
{
  struct weft_pending_call call;

  if (!weft_pending_take (id, &call))
    return;
  weft_emit_end (id, -1, ret);
  if (ret > 0)
    weft_select_emit (id, WEFT_FDSET_READY, call.args[0], call.args[1], call.args[2], call.args[3]);
  else
    weft_select_emit (id, WEFT_FDSET_READY, 0, 0, 0, 0);
}

/* ---- poll / ppoll ---- */

static long
weft_pollfd_cb (__u32 i, void *ctx)
{
  struct weft_fdwait_scratch *s = weft_fdwait_scratch ();
  __u32 which = *(__u32 *) ctx;
  struct weft_pollfd *p;
  __u64 index = i;
  __u32 events;

  if (!s || i >= WEFT_FDSET_MAX)
    return 1;
  WEFT_MASK_INDEX (index, 63);
  p = &s->pollfds[index];
  events = weft_poll_bits ((__u16) (which == WEFT_FDSET_WATCH ? p->events : p->revents));
  if (p->fd >= 0 && events)
    weft_fdset_add (s, p->fd, events);
  return 0;
}

static __always_inline void
weft_poll_emit (long id, __u32 which, __u64 fds, __u64 nfds_arg)
{
  struct weft_fdwait_scratch *s = weft_fdwait_scratch ();
  __u32 nfds = nfds_arg > WEFT_FDSET_MAX ? WEFT_FDSET_MAX : (__u32) nfds_arg;

  if (!s)
    return;
  weft_fdset_start (s, id, which);
  if (fds && nfds > 0 && nfds <= WEFT_FDSET_MAX &&
      !bpf_probe_read_user (s->pollfds, nfds * sizeof (struct weft_pollfd), (void *) fds))
    bpf_loop (nfds, weft_pollfd_cb, &which, 0);
  weft_fdset_submit (s);
}

static __always_inline void
weft_poll_enter (struct pt_regs *regs, long id)
{
  __u64 timeout;

  if (id == WEFT_NR_poll)
    timeout = (int) regs->dx < 0 ? WEFT_TIMEOUT_NONE : (__u64) (int) regs->dx * 1000000ull;
  else
    timeout = weft_read_timespec_ns (regs->dx, WEFT_TIMEOUT_NONE);
  weft_emit_begin (id, -1, timeout);
  weft_poll_emit (id, WEFT_FDSET_WATCH, regs->di, regs->si);
  weft_pending_store (id, regs->di, regs->si, 0, 0);
}

static __always_inline void
weft_poll_exit (long id, long ret)
{
  struct weft_pending_call call;

  if (!weft_pending_take (id, &call))
    return;
  weft_emit_end (id, -1, ret);
  weft_poll_emit (id, WEFT_FDSET_READY, call.args[0], ret > 0 ? call.args[1] : 0);
}

/* ---- epoll_wait / epoll_pwait / epoll_pwait2 ---- */

static long
weft_epoll_event_cb (__u32 i, void *ctx)
{
  struct weft_fdwait_scratch *s = weft_fdwait_scratch ();
  struct weft_epoll_event *ev;
  __u64 index = i;

  if (!s || i >= WEFT_FDSET_MAX)
    return 1;
  WEFT_MASK_INDEX (index, 63);
  ev = &s->epoll_events[index];
  /* epoll_data as given; user space maps it back to the fd. */
  weft_fdset_add (s, (int) ev->data, weft_poll_bits (ev->events));
  return 0;
}

static __always_inline void
weft_epoll_wait_enter (struct pt_regs *regs, long id)
{
  int epfd = (int) regs->di;
  __u64 timeout;

  if (id == WEFT_NR_epoll_pwait2)
    timeout = weft_read_timespec_ns (regs->r10, WEFT_TIMEOUT_NONE);
  else
    timeout = (int) regs->r10 < 0 ? WEFT_TIMEOUT_NONE : (__u64) (int) regs->r10 * 1000000ull;
  weft_note_fd (epfd, 0, false);
  /* The watched list is written after this by user space. */
  weft_emit_begin (id, epfd, timeout);
  weft_pending_store (id, epfd, regs->si, 0, 0);
}

static __always_inline void
weft_epoll_wait_exit (long id, long ret)
{
  struct weft_fdwait_scratch *s;
  struct weft_pending_call call;
  __u32 n = ret > 0 ? (ret > WEFT_FDSET_MAX ? WEFT_FDSET_MAX : (__u32) ret) : 0;

  if (!weft_pending_take (id, &call))
    return;
  weft_emit_end (id, (int) call.args[0], ret);
  s = weft_fdwait_scratch ();
  if (!s)
    return;
  weft_fdset_start (s, id, WEFT_FDSET_READY);
  if (n > 0 && n <= WEFT_FDSET_MAX &&
      !bpf_probe_read_user (s->epoll_events, n * sizeof (struct weft_epoll_event),
                            (void *) call.args[1]))
    bpf_loop (n, weft_epoll_event_cb, NULL, 0);
  weft_fdset_submit (s);
}

#endif

/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * lifecycle.bpf.h: process and thread life — fork, exec, exit, wait, reap,
 * reparenting of orphans, names and signals.  Included by weft.bpf.c.
 */
#ifndef WEFT_LIFECYCLE_BPF_H
#define WEFT_LIFECYCLE_BPF_H

#include "common.bpf.h"
#include "pystack.bpf.h"
#include "memory.bpf.h"

#define WEFT_SIG_IGN 1
#define WEFT_SA_NOCLDWAIT 2
#define WEFT_SIGCHLD 17
#define WEFT_WNOWAIT 0x01000000
#define WEFT_MAX_CHILDREN_SCAN 64
#define WEFT_MAX_ANCESTORS 16

/* Arguments of a wait call in progress, kept from enter to exit. */
struct pending_wait {
  __u64 result_ptr; /* int *status (wait4) or siginfo_t *infop (waitid) */
  __u32 syscall;
  __s32 options;
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 16384);
  __type(key, __u32);
  __type(value, struct pending_wait);
} pending_waits SEC(".maps");

/* Processes that have exited and wait for their parent's wait.  A wait
 * also returns the pid of a child that merely stopped or continued, with
 * a status the program need not ask for (waitpid (pid, NULL, WUNTRACED)):
 * only a child in here can have been reaped. */
struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 16384);
  __type(key, __u32);
  __type(value, __u8);
} unreaped SEC(".maps");

SEC ("tp_btf/sched_process_fork")
int BPF_PROG (weft_fork, struct task_struct *parent, struct task_struct *child)
{
  __u32 parent_tgid = parent->tgid;
  __u32 child_tgid = child->tgid;
  struct weft_fork *e;

  if (!weft_is_traced (parent_tgid))
    return 0;
  if (child_tgid != parent_tgid)
    {
      weft_trace_tgid (child_tgid);
      weft_py_process_fork (parent_tgid, child_tgid);
    }

  e = WEFT_RESERVE (struct weft_fork, WEFT_EV_FORK);
  if (!e)
    return 0;
  e->child_tgid = child_tgid;
  e->child_tid = child->pid;
  e->flags = 0;
  if (child_tgid == parent_tgid)
    e->flags |= WEFT_FORK_THREAD;
  if (child->vfork_done)
    e->flags |= WEFT_FORK_VFORK;
  e->child_ppid = BPF_CORE_READ (child, real_parent, tgid);
  bpf_probe_read_kernel_str (e->child_comm, sizeof e->child_comm, child->comm);
  weft_submit (e);
  return 0;
}

SEC ("tp_btf/sched_process_exec")
int BPF_PROG (weft_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
  struct weft_exec *e;
  long len;

  if (!weft_is_traced (p->tgid))
    return 0;
  weft_py_process_exec (p, bprm);
  e = WEFT_RESERVE (struct weft_exec, WEFT_EV_EXEC);
  if (!e)
    return 0;
  e->old_tid = old_pid;
  e->reserved = 0;
  bpf_probe_read_kernel_str (e->comm, sizeof e->comm, p->comm);
  len = bpf_probe_read_kernel_str (e->filename, sizeof e->filename,
                                   BPF_CORE_READ (bprm, filename));
  if (len < 1)
    len = 1, e->filename[0] = '\0';
  e->filename_len = len - 1;
  /* Only the used part of the name goes to the file (user space trims to
   * h.size); the reservation itself must be of constant size. */
  e->h.size = (offsetof (struct weft_exec, filename) + len + 7) & ~7;
  weft_submit (e);
  return 0;
}

/* Does the parent release its children at exit (SIGCHLD ignored or
 * SA_NOCLDWAIT)?  Then no zombie is left behind. */
static __always_inline bool
weft_parent_autoreaps (struct task_struct *parent)
{
  struct sighand_struct *sighand = BPF_CORE_READ (parent, sighand);
  struct k_sigaction action;

  if (!sighand)
    return false;
  if (bpf_probe_read_kernel (&action, sizeof action,
                             &sighand->action[WEFT_SIGCHLD - 1]))
    return false;
  return (unsigned long) action.sa.sa_handler == WEFT_SIG_IGN ||
         (action.sa.sa_flags & WEFT_SA_NOCLDWAIT);
}

/* Who adopts the children of `father`: the nearest living subreaper among
 * its ancestors, else the init of its pid namespace (find_new_reaper()). */
static __always_inline __u32
weft_find_new_reaper (struct task_struct *father)
{
  struct task_struct *t = BPF_CORE_READ (father, real_parent);
  struct pid_namespace *ns;
  int i;

  struct signal_struct *signal = BPF_CORE_READ (father, signal);

  if (signal && BPF_CORE_READ_BITFIELD_PROBED (signal, has_child_subreaper))
    {
      for (i = 0; i < WEFT_MAX_ANCESTORS && t; i++)
        {
          signal = BPF_CORE_READ (t, signal);
          if (signal && BPF_CORE_READ_BITFIELD_PROBED (signal, is_child_subreaper))
            return BPF_CORE_READ (t, tgid);
          if (BPF_CORE_READ (t, pid) == 1 || t == BPF_CORE_READ (t, real_parent))
            break;
          t = BPF_CORE_READ (t, real_parent);
        }
    }
  ns = BPF_CORE_READ (father, nsproxy, pid_ns_for_children);
  if (ns)
    return BPF_CORE_READ (ns, child_reaper, tgid);
  return 1;
}

static __always_inline void
weft_emit_reparents (struct task_struct *father)
{
  struct list_head *head = &father->children;
  struct list_head *pos = BPF_CORE_READ (father, children.next);
  __u32 father_tgid = father->tgid;
  __u32 reaper = 0;
  int i;

  for (i = 0; i < WEFT_MAX_CHILDREN_SCAN && pos && pos != head; i++)
    {
      struct task_struct *child = (void *) pos -
        bpf_core_field_offset (struct task_struct, sibling);
      __u32 child_tgid = BPF_CORE_READ (child, tgid);
      struct weft_reparent *e;

      pos = BPF_CORE_READ (pos, next);
      /* A dead child is released by the exit itself, not adopted. */
      if (BPF_CORE_READ (child, exit_state))
        continue;
      if (!reaper)
        reaper = weft_find_new_reaper (father);
      e = WEFT_RESERVE (struct weft_reparent, WEFT_EV_REPARENT);
      if (!e)
        continue;
      e->pid = child_tgid;
      e->old_parent = father_tgid;
      e->new_parent = reaper;
      e->reserved = 0;
      weft_submit (e);
    }
}

SEC ("tp_btf/sched_process_exit")
int BPF_PROG (weft_exit, struct task_struct *task)
{
  __u32 tgid = task->tgid;
  struct task_struct *parent;
  struct weft_exit *e;
  bool group_dead;
  int code;

  if (!weft_is_traced (tgid))
    return 0;
  /* Its last stay on the cpu ends after the process has left the traced
   * tree: its faults go out now. */
  weft_flush_cow_faults ();

  group_dead = BPF_CORE_READ (task, signal, live.counter) == 0;
  code = task->exit_code;
  /* A thread taken down by another thread's exit_group or a fatal
   * signal reports the group's status. */
  if (BPF_CORE_READ (task, signal, flags) & 0x00000004 /* SIGNAL_GROUP_EXIT */)
    code = BPF_CORE_READ (task, signal, group_exit_code);
  parent = task->real_parent;

  e = WEFT_RESERVE (struct weft_exit, WEFT_EV_EXIT);
  if (e)
    {
      e->exit_code = code;
      e->flags = group_dead ? WEFT_EXIT_GROUP_DEAD : 0;
      e->parent_tgid = BPF_CORE_READ (parent, tgid);
      e->reserved = 0;
      weft_submit (e);
    }
  if (!group_dead)
    return 0;

  weft_emit_reparents (task);

  if (!(task->exit_signal == WEFT_SIGCHLD && weft_parent_autoreaps (parent)))
    {
      __u8 yes = 1;

      bpf_map_update_elem (&unreaped, &tgid, &yes, BPF_ANY);
    }
  else
    {
      struct weft_reap *r = WEFT_RESERVE (struct weft_reap, WEFT_EV_REAP);

      if (r)
        {
          r->pid = tgid;
          r->reaper = BPF_CORE_READ (parent, tgid);
          r->flags = WEFT_REAP_AUTO;
          r->status = code;
          weft_submit (r);
        }
    }
  weft_untrace_tgid (tgid);
  return 0;
}

SEC ("tp_btf/task_rename")
int BPF_PROG (weft_rename, struct task_struct *task, const char *comm)
{
  struct weft_comm *e;

  if (!weft_is_traced (task->tgid))
    return 0;
  e = WEFT_RESERVE (struct weft_comm, WEFT_EV_COMM);
  if (!e)
    return 0;
  /* The renamed thread may not be the caller (pthread_setname_np). */
  e->h.tgid = task->tgid;
  e->h.tid = task->pid;
  bpf_probe_read_kernel_str (e->comm, sizeof e->comm, comm);
  weft_submit (e);
  return 0;
}

static __always_inline void
weft_fill_siginfo (struct weft_signal *e, struct kernel_siginfo *info)
{
  e->code = 0;
  e->sender_pid = 0;
  /* SEND_SIG_NOINFO (0) and SEND_SIG_PRIV (1) are not pointers. */
  if ((unsigned long) info > 1)
    {
      e->code = BPF_CORE_READ (info, si_code);
      if (e->code <= 0)
        e->sender_pid = BPF_CORE_READ (info, _sifields._kill._pid);
    }
  else if ((unsigned long) info == 1)
    e->code = 0x80; /* SI_KERNEL */
}

SEC ("tp_btf/signal_generate")
int BPF_PROG (weft_signal_generate, int sig, struct kernel_siginfo *info,
              struct task_struct *task, int group, int result)
{
  __u32 target_tgid = task->tgid;
  struct weft_signal *e;

  struct weft_signal probe = { 0 };

  if (!weft_is_traced (target_tgid))
    {
      /* To a process outside the tree: only what a traced process sent.
       * A timer's signal (alarm, itimer, POSIX timer) is generated from an
       * interrupt in whatever task is running, which may be a traced one;
       * it is not ours to record. */
      if (!weft_current_is_traced ())
        return 0;
      weft_fill_siginfo (&probe, info);
      if (probe.code == 0x80 /* SI_KERNEL */ || probe.code == -2 /* SI_TIMER */ ||
          (unsigned long) info <= 1 ||
          (probe.code <= 0 && probe.sender_pid != bpf_get_current_pid_tgid () >> 32))
        return 0;
    }
  e = WEFT_RESERVE (struct weft_signal, WEFT_EV_SIGNAL_GENERATE);
  if (!e)
    return 0;
  e->sig = sig;
  e->target_tgid = target_tgid;
  e->target_tid = group ? 0 : task->pid;
  e->result = result;
  weft_fill_siginfo (e, info);
  weft_submit (e);
  return 0;
}

SEC ("tp_btf/signal_deliver")
int BPF_PROG (weft_signal_deliver, int sig, struct kernel_siginfo *info,
              struct k_sigaction *ka)
{
  __u64 pid_tgid = bpf_get_current_pid_tgid ();
  struct weft_signal *e;

  if (!weft_is_traced (pid_tgid >> 32))
    return 0;
  e = WEFT_RESERVE (struct weft_signal, WEFT_EV_SIGNAL_DELIVER);
  if (!e)
    return 0;
  e->sig = sig;
  e->target_tgid = pid_tgid >> 32;
  e->target_tid = (__u32) pid_tgid;
  e->result = (int) (unsigned long) BPF_CORE_READ (ka, sa.sa_handler);
  weft_fill_siginfo (e, info);
  weft_submit (e);
  return 0;
}

static __always_inline void
weft_wait_enter (struct pt_regs *regs, long id)
{
  __u64 pid_tgid = bpf_get_current_pid_tgid ();
  __u32 tid = (__u32) pid_tgid;
  struct pending_wait pending = { .syscall = id };
  struct weft_wait_begin *e;

  if (!weft_is_traced (pid_tgid >> 32))
    return;
  e = WEFT_RESERVE (struct weft_wait_begin, WEFT_EV_WAIT_BEGIN);
  if (!e)
    return;
  e->syscall = id;
  if (id == WEFT_NR_wait4)
    {
      e->pid = (int) regs->di;
      e->options = (int) regs->dx;
      e->idtype = 0;
      pending.result_ptr = regs->si;
    }
  else
    {
      e->idtype = (__u32) regs->di;
      e->pid = (int) regs->si;
      e->options = (int) regs->r10;
      pending.result_ptr = regs->dx;
    }
  pending.options = e->options;
  weft_submit (e);
  bpf_map_update_elem (&pending_waits, &tid, &pending, BPF_ANY);
}

static __always_inline void
weft_wait_exit (long ret)
{
  __u64 pid_tgid = bpf_get_current_pid_tgid ();
  __u32 tid = (__u32) pid_tgid;
  struct pending_wait *pending = bpf_map_lookup_elem (&pending_waits, &tid);
  struct weft_wait_end *e;
  int status = -1;
  int reaped = 0;

  if (!pending)
    return;
  if (pending->syscall == WEFT_NR_wait4)
    {
      reaped = ret > 0 ? ret : 0;
      if (pending->result_ptr &&
          bpf_probe_read_user (&status, sizeof status, (void *) pending->result_ptr))
        status = -1;
    }
  else if (ret == 0 && pending->result_ptr)
    {
      /* siginfo: si_code at +8, si_pid at +16, si_status at +24. */
      int code = 0, pid = 0, value = 0;

      bpf_probe_read_user (&code, sizeof code, (void *) (pending->result_ptr + 8));
      bpf_probe_read_user (&pid, sizeof pid, (void *) (pending->result_ptr + 16));
      bpf_probe_read_user (&value, sizeof value, (void *) (pending->result_ptr + 24));
      reaped = pid;
      /* Turn CLD_* + si_status into a wait status. */
      if (code == 1 /* CLD_EXITED */)
        status = (value & 0xff) << 8;
      else if (code == 2 /* CLD_KILLED */)
        status = value & 0x7f;
      else if (code == 3 /* CLD_DUMPED */)
        status = (value & 0x7f) | 0x80;
      else if (code == 5 /* CLD_STOPPED */)
        status = ((value & 0xff) << 8) | 0x7f;
    }

  e = WEFT_RESERVE (struct weft_wait_end, WEFT_EV_WAIT_END);
  if (e)
    {
      e->ret = pending->syscall == WEFT_NR_waitid && ret == 0 ? reaped : ret;
      e->status = status;
      e->syscall = pending->syscall;
      e->reserved = 0;
      weft_submit (e);
    }
  /* A stopped or continued child is reported but not released. */
  if (reaped > 0 && !(pending->options & WEFT_WNOWAIT) &&
      (status == -1 || (status & 0x7f) != 0x7f) && status != 0xffff &&
      bpf_map_delete_elem (&unreaped, &reaped) == 0)
    {
      struct weft_reap *r = WEFT_RESERVE (struct weft_reap, WEFT_EV_REAP);

      if (r)
        {
          r->pid = reaped;
          r->reaper = pid_tgid >> 32;
          r->flags = 0;
          r->status = status;
          weft_submit (r);
        }
    }
  bpf_map_delete_elem (&pending_waits, &tid);
}

#endif

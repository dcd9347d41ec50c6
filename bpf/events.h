/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * events.h: the one event ABI shared by the BPF programs and user space.
 *
 * Every record starts with struct weft_event_header; `size` is the whole
 * record in bytes, always a multiple of 8.  Records are written to the trace
 * file exactly as they come out of the ring buffer, so this header is also
 * the on-disk event format (see docs/trace-format.md).  Never change the
 * meaning of an existing field or kind: add new kinds instead.
 *
 * Only fixed-size plain C types are used so that the same header compiles
 * in BPF C (with vmlinux.h) and in user space (with <linux/types.h>).
 */
#ifndef WEFT_EVENTS_H
#define WEFT_EVENTS_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define WEFT_COMM_LEN 16
#define WEFT_PATH_LEN 256

enum weft_event_kind {
  /* Process and thread life (recorder core). */
  WEFT_EV_FORK = 1,            /* struct weft_fork */
  WEFT_EV_EXEC = 2,            /* struct weft_exec */
  WEFT_EV_EXIT = 3,            /* struct weft_exit */
  WEFT_EV_WAIT_BEGIN = 4,      /* struct weft_wait_begin */
  WEFT_EV_WAIT_END = 5,        /* struct weft_wait_end */
  WEFT_EV_REAP = 6,            /* struct weft_reap */
  WEFT_EV_REPARENT = 7,        /* struct weft_reparent */
  WEFT_EV_COMM = 8,            /* struct weft_comm */
  WEFT_EV_SIGNAL_GENERATE = 9, /* struct weft_signal */
  WEFT_EV_SIGNAL_DELIVER = 10, /* struct weft_signal */
  WEFT_EV_TASK_INFO = 11,      /* struct weft_task_info: existing task at attach */

  /* Scheduler, synchronisation and IO (kinds 32..99).  Traced tasks only.
   * Syscall-level records come in pairs from the same thread: a BEGIN at
   * entry and an END at return (an END may be missing when the thread dies
   * inside the call, e.g. a deadlocked thread killed by a signal). */
  WEFT_EV_SWITCH_OUT = 32,       /* struct weft_switch_out: h = the thread leaving the cpu */
  WEFT_EV_SWITCH_IN = 33,        /* header only: h = the thread getting the cpu */
  WEFT_EV_WAKEUP = 34,           /* struct weft_wakeup: h = the waker */
  WEFT_EV_FUTEX_WAIT_BEGIN = 35, /* struct weft_futex_wait_begin */
  WEFT_EV_FUTEX_WAIT_END = 36,   /* struct weft_futex_wait_end */
  WEFT_EV_FUTEX_WAKE = 37,       /* struct weft_futex_wake (at return: ret = woken) */
  WEFT_EV_SYSCALL_BEGIN = 38,    /* struct weft_syscall_begin: IO, sleep, select... */
  WEFT_EV_SYSCALL_END = 39,      /* struct weft_syscall_end */
  WEFT_EV_FDSET = 40,            /* struct weft_fdset: watched / ready fds */
  WEFT_EV_OBJECT = 41,           /* struct weft_object: fd -> object identity */
  WEFT_EV_KLOCK_BEGIN = 42,      /* struct weft_klock: lock:contention_begin */
  WEFT_EV_KLOCK_END = 43,        /* struct weft_klock: lock:contention_end */
  WEFT_EV_LOCK_NAME = 44,        /* struct weft_lock_name (user space, at record time) */
  WEFT_EV_ULOCK = 45,            /* struct weft_ulock (--uprobes precise mode) */
  WEFT_EV_EPOLL_CTL = 46,        /* struct weft_epoll_ctl: a successful epoll_ctl */
  WEFT_EV_FD_CLOSE = 47,         /* struct weft_fd_close: an fd with a known object closed */
  WEFT_EV_COW_FAULTS = 48,       /* struct weft_cow_faults: copy-on-write faults of one stay on the cpu */

  /* Python (kinds 60..69): CPython 3.11 seen from outside. */
  WEFT_EV_PY_STACK = 60,         /* struct weft_py_stack: the Python stack of the wait BEGIN that follows */
  WEFT_EV_PY_CODE = 61,          /* struct weft_py_code (user space): a code object's names */
  WEFT_EV_PY_THREAD = 62,        /* struct weft_py_thread (user space): a threading / multiprocessing name */
  WEFT_EV_PY_STATUS = 63,        /* struct weft_py_status (user space): a Python process, stacks or why not */
  /* Python coroutines (kinds 70..79). */
  WEFT_EV_CORO_SWITCH = 70,      /* struct weft_coro_switch: a greenlet, Task or generator runs / stops */

  /* Written by the recorder itself (kinds 100..). */
  WEFT_EV_RECORD_START = 100, /* header only: tgid = root pid */
  WEFT_EV_RECORD_STOP = 101,  /* struct weft_record_stop */
  WEFT_EV_CPU_STEAL = 102,    /* struct weft_cpu_steal: at start and stop */
  WEFT_EV_CLOCK = 103,        /* header only: the recorder had seen every record up to ts
                               * (a live stream, after a silence; tgid = tid = 0) */
};

struct weft_event_header {
  __u64 ts;   /* CLOCK_MONOTONIC ns */
  __u32 tgid; /* process the event happened in */
  __u32 tid;  /* thread */
  __u16 kind; /* enum weft_event_kind */
  __u16 size; /* whole record in bytes, multiple of 8 */
  __u16 cpu;
  __u16 reserved;
};

#define WEFT_FORK_THREAD 0x1 /* a new thread in the parent's process */
#define WEFT_FORK_VFORK 0x2  /* parent waits for the child's exec/exit */

struct weft_fork {
  struct weft_event_header h; /* the parent thread */
  __u32 child_tgid;
  __u32 child_tid;
  __u32 flags;                  /* WEFT_FORK_* */
  __u32 child_ppid;             /* real parent tgid of the child */
  char child_comm[WEFT_COMM_LEN];
};

struct weft_exec {
  struct weft_event_header h;
  __u32 old_tid;      /* thread that called exec (becomes the leader) */
  __u16 filename_len; /* bytes in filename, without the NUL */
  __u16 reserved;
  char comm[WEFT_COMM_LEN];
  char filename[WEFT_PATH_LEN]; /* only filename_len+1 bytes are stored */
};

#define WEFT_EXIT_GROUP_DEAD 0x1 /* the last thread: the process is now a zombie */

struct weft_exit {
  struct weft_event_header h;
  __s32 exit_code;   /* kernel wait status: (code << 8) or signal | 0x80 core */
  __u32 flags;       /* WEFT_EXIT_* */
  __u32 parent_tgid; /* real parent at exit */
  __u32 reserved;
};

struct weft_wait_begin {
  struct weft_event_header h;
  __s32 pid;     /* wait4 pid argument; for waitid the id */
  __s32 options; /* WNOHANG, WNOWAIT, ... */
  __u32 syscall; /* syscall number: wait4 or waitid */
  __u32 idtype;  /* waitid's idtype, 0 for wait4 */
};

struct weft_wait_end {
  struct weft_event_header h;
  __s32 ret;     /* pid reaped (0 with WNOHANG), or -errno */
  __s32 status;  /* wait status as WIFEXITED() etc. read it, -1 if unknown */
  __u32 syscall;
  __u32 reserved;
};

#define WEFT_REAP_AUTO 0x1        /* released at exit: SIGCHLD ignored or SA_NOCLDWAIT */
#define WEFT_REAP_BY_RECORDER 0x2 /* the traced root, reaped by weft itself */

struct weft_reap {
  struct weft_event_header h; /* the reaper (or, for AUTO, the child) */
  __u32 pid;                  /* the process released */
  __u32 reaper;               /* its parent's tgid */
  __u32 flags;                /* WEFT_REAP_* */
  __s32 status;
};

struct weft_reparent {
  struct weft_event_header h; /* the exiting parent */
  __u32 pid;                  /* the orphan */
  __u32 old_parent;
  __u32 new_parent; /* subreaper or the namespace's init */
  __u32 reserved;
};

struct weft_comm {
  struct weft_event_header h; /* the renamed thread */
  char comm[WEFT_COMM_LEN];
};

struct weft_signal {
  struct weft_event_header h; /* GENERATE: sender context; DELIVER: receiver */
  __s32 sig;
  __s32 code;        /* si_code: <= 0 sent by a process, > 0 by the kernel */
  __u32 target_tgid; /* GENERATE: receiving process; DELIVER: same as h.tgid */
  __u32 target_tid;
  __s32 result;      /* GENERATE: TRACE_SIGNAL_* (0 delivered, 1 ignored...) */
  __u32 sender_pid;  /* si_pid when the siginfo carries one, else 0 */
};

struct weft_task_info {
  struct weft_event_header h;
  __u32 ppid;
  __u32 reserved;
  char comm[WEFT_COMM_LEN];
};

/* Scheduler states as stored in weft_switch_out.state: the kernel's
 * prev_state with TASK_FREEZABLE (0x2000) masked, and 0 (RUNNING) whenever
 * the switch was a preemption.  0 = Runnable (Preempted); INTERRUPTIBLE =
 * Sleeping (the syscall records say on what); UNINTERRUPTIBLE = D. */
#define WEFT_TASK_RUNNING 0x0000 /* preempted, still runnable */
#define WEFT_TASK_INTERRUPTIBLE 0x0001
#define WEFT_TASK_UNINTERRUPTIBLE 0x0002
#define WEFT_TASK_STOPPED 0x0004
#define WEFT_TASK_TRACED 0x0008
#define WEFT_TASK_DEAD 0x0080
#define WEFT_TASK_PARKED 0x0040
#define WEFT_TASK_IDLE 0x0402

struct weft_switch_out {
  struct weft_event_header h; /* the thread leaving the cpu */
  __u32 state;                /* WEFT_TASK_* (see above) */
  __u32 next_tid;             /* who got the cpu (0 = idle) */
};

/* The copy-on-write faults a thread took during one stay on the cpu,
 * written just before its WEFT_EV_SWITCH_OUT or its WEFT_EV_EXIT (when
 * the ring is full it is lost, and counted lost, like any record).  A copy-on-write fault is a write by user code to a
 * page that is present but write-protected: after fork() every page the
 * parent and the child share is, and the kernel copies it for the writer
 * (it lets the writer keep the page instead when no one shares it any
 * longer).  The first write to anonymous memory that was only read so
 * far (mapped to the shared zero page) is one too. */
struct weft_cow_faults {
  struct weft_event_header h; /* the thread that wrote */
  __u32 count;                /* faults since first_ns */
  __u32 reserved;
  __u64 first_ns;             /* CLOCK_MONOTONIC time of the first of them */
};

/* From sched_waking (always in the waker's context, unlike sched_wakeup)
 * and sched_wakeup_new.  The waker is whatever ran on the cpu: 0/0 is the
 * idle task (a timer or interrupt while idle); an interrupt can also be
 * charged to the task it interrupted, so the model should trust a waker
 * most when it also made a matching wake call (futex wake, write...). */
#define WEFT_WAKEUP_NEW 0x1 /* first wakeup of a new task (fork/clone) */

struct weft_wakeup {
  struct weft_event_header h; /* the waker's context */
  __u32 target_tgid;
  __u32 target_tid;
  __u32 target_cpu; /* cpu the target last ran on */
  __u32 flags;      /* WEFT_WAKEUP_* */
};

/* Futex op classes stored in futex events. */
#define WEFT_FUTEX_CLASS_MUTEX 1   /* FUTEX_WAIT val 2: a contended glibc lock (owner_tid valid for pthread mutexes) */
#define WEFT_FUTEX_CLASS_COND 2    /* FUTEX_WAIT / WAIT_BITSET otherwise: condvar, sem_t (Python's Lock), join */
#define WEFT_FUTEX_CLASS_PI 3      /* FUTEX_LOCK_PI: owner_tid from the futex word */
#define WEFT_FUTEX_CLASS_OTHER 4   /* futex_waitv, requeue-PI */

/* op value used for futex_waitv (which has no futex op); val = nr_futexes. */
#define WEFT_FUTEX_OP_WAITV 0x10000

/* A thread starts waiting.  uaddr is the futex word in the waiter's address
 * space (for shared futexes compare across processes with care); a
 * WEFT_EV_LOCK_NAME record for (h.tgid, uaddr) precedes the first wait on
 * each address.  owner_tid is *(int *)(uaddr + 8) — glibc's pthread mutex
 * __owner — read when the wait starts; it is only meaningful for class
 * MUTEX on a pthread_mutex_t (other glibc-internal locks also wait with
 * val 2: check the owner is a thread of the process).  timeout_ns is the
 * timespec as given: relative for FUTEX_WAIT, absolute for WAIT_BITSET and
 * LOCK_PI (CLOCK_REALTIME when op has FUTEX_CLOCK_REALTIME 0x100, else
 * CLOCK_MONOTONIC); 0 = no timeout. */
struct weft_futex_wait_begin {
  struct weft_event_header h;
  __u64 uaddr;
  __u32 op;          /* futex op without FUTEX_PRIVATE_FLAG */
  __u32 val;
  __u32 owner_tid;   /* see above, 0 if none */
  __u32 lock_word;   /* *uaddr at wait time */
  __u64 timeout_ns;  /* 0 = none */
  __u32 klass;       /* WEFT_FUTEX_CLASS_* */
  __u32 shared;      /* 1 when the futex is process-shared */
};

struct weft_futex_wait_end {
  struct weft_event_header h;
  __u64 uaddr;
  __s64 ret;  /* 0 woken, -EAGAIN value changed, -ETIMEDOUT, -EINTR, or a restart below */
};

/* The kernel-internal returns of a futex wait that a signal (or a kill, as
 * at a process's exit) ended: ERESTARTSYS for an untimed wait,
 * ERESTART_RESTARTBLOCK for a timed one. */
#define WEFT_FUTEX_SIGNALLED (-512)
#define WEFT_FUTEX_SIGNALLED_TIMED (-516)
#define WEFT_FUTEX_ENDED_BY_SIGNAL(ret) \
  ((ret) == WEFT_FUTEX_SIGNALLED || (ret) == WEFT_FUTEX_SIGNALLED_TIMED || (ret) == -4 /* EINTR */)

/* FUTEX_WAKE, WAKE_BITSET, WAKE_OP, REQUEUE, CMP_REQUEUE, UNLOCK_PI,
 * recorded at return (so ret is known). */
struct weft_futex_wake {
  struct weft_event_header h;
  __u64 uaddr;
  __u32 op;       /* futex op without FUTEX_PRIVATE_FLAG */
  __u32 nr_wake;  /* how many the caller asked to wake */
  __s64 ret;      /* how many were woken (requeue: woken + requeued) */
};

/* Syscall-level waits other than futexes.  `syscall` is the x86-64 number
 * (bpf/syscalls.h lists every call recorded, what kind of wait it is and
 * which handler records it).  IO calls (read, write, recv*, send*,
 * accept*, connect, mq_timed*): fd set, arg = bytes asked for (iovcnt for
 * readv/writev; 0 for msg/accept/connect).  Sleeps: fd -1, arg = duration
 * ns.  select/poll/epoll waits: arg = timeout ns, WEFT_TIMEOUT_NONE = wait
 * forever; fd = the epoll fd or -1; each followed by an FDSET record of
 * the same thread. */
#define WEFT_TIMEOUT_NONE 0xffffffffffffffffULL

struct weft_syscall_begin {
  struct weft_event_header h;
  __u32 syscall;
  __s32 fd;       /* -1 when not about an fd */
  __u64 arg;      /* see above */
};

struct weft_syscall_end {
  struct weft_event_header h;
  __u32 syscall;
  __s32 fd;
  __s64 ret;      /* bytes moved, ready count, new fd, or -errno */
};

/* Which fds a select/poll/epoll call watches (right after its BEGIN, same
 * ts and thread) and which were ready (right after its END).  Each entry
 * is fd | (events << 29): WEFT_FDSET_READ/WRITE/EXCEPT.  Only n_fds
 * entries are stored (h.size trims the record); at most WEFT_FDSET_MAX,
 * and select/pselect6 look at fds below 1024.  For epoll the watch list is
 * the interest list kept from epoll_ctl, written by user space, and the
 * ready entries are translated from epoll_data back to fds. */
#define WEFT_FDSET_WATCH 1
#define WEFT_FDSET_READY 2
#define WEFT_FDSET_MAX 64
#define WEFT_FDSET_READ 1u
#define WEFT_FDSET_WRITE 2u
#define WEFT_FDSET_EXCEPT 4u
#define WEFT_FDSET_SHIFT 29
#define WEFT_FDSET_FD(entry) ((__s32) ((entry) & ((1u << WEFT_FDSET_SHIFT) - 1)))
#define WEFT_FDSET_EVENTS(entry) (((__u32) (entry)) >> WEFT_FDSET_SHIFT)

struct weft_fdset {
  struct weft_event_header h;
  __u32 syscall;
  __u16 which;   /* WEFT_FDSET_* */
  __u16 n_fds;
  __s32 fds[WEFT_FDSET_MAX]; /* only n_fds stored, record padded to 8 */
};

enum weft_object_kind {
  WEFT_OBJ_UNKNOWN = 0,
  WEFT_OBJ_FILE = 1,
  WEFT_OBJ_PIPE = 2,
  WEFT_OBJ_SOCKET = 3,
  WEFT_OBJ_MQ = 4,
  WEFT_OBJ_TTY = 5,
  WEFT_OBJ_EPOLL = 6,
  WEFT_OBJ_OTHER = 7, /* eventfd, timerfd, signalfd, devices... (name says which) */
};

#define WEFT_OBJ_READ 0x1    /* the fd was opened for reading (pipe read end) */
#define WEFT_OBJ_WRITE 0x2   /* ... for writing (pipe write end) */
#define WEFT_OBJ_CREATED 0x4 /* emitted by the call that made the fd (pipe, socket, open, accept, dup, mq_open) */

/* What fd names in process h.tgid from now on.  Emitted before the first
 * event of a process that uses the fd (so fds inherited over fork are
 * described in the child too), again when the fd is reused for another
 * file, and after bind/connect (addresses change).  Identity across
 * processes is (kind, ino): both ends of a pipe carry the pipe's inode.
 * Sockets: family AF_INET 2 / AF_INET6 10 with addresses in network byte
 * order (IPv4 in the first 4 bytes) and ports in host order; AF_UNIX 1 has
 * its bound path in name and the peer socket's inode in the first 8 bytes
 * of peer_addr.  MQ: name is the queue name without its leading '/'.
 * Others: name is the last path component ("pts/3" shows as "3"). */
struct weft_object {
  struct weft_event_header h;
  __s32 fd;
  __u32 kind;        /* enum weft_object_kind */
  __u64 ino;         /* inode number: pipe:[ino], socket:[ino] */
  __u16 family;      /* sockets: AF_INET, AF_INET6, AF_UNIX */
  __u16 sock_type;   /* SOCK_STREAM, SOCK_DGRAM */
  __u16 local_port;
  __u16 peer_port;
  __u8 local_addr[16];
  __u8 peer_addr[16];
  char name[64];     /* mq name, path tail, or "" */
  __u32 flags;       /* WEFT_OBJ_* */
  __u32 reserved;
};

/* Kernel lock contention (lock:contention_begin/end) of a traced thread. */
struct weft_klock {
  struct weft_event_header h;
  __u64 lock_addr;   /* kernel address of the lock */
  __u32 flags;       /* BEGIN: LCB_F_* (spin 1, read 2, write 4, rt 8, percpu 16, mutex 32); END: 0 */
  __s32 ret;         /* END: 0 acquired, else -errno; BEGIN: 0 */
};

/* Written by user space the first time (tgid, addr) is waited on: what the
 * address is in that process — a symbol ("mutex_a", "counter_lock+0x8"),
 * "heap", "stack", "[libfoo.so]" for an unnamed address in a mapped file,
 * or "unknown" when the process was gone before it could be asked.
 * CPython's interpreter lock is named exactly WEFT_LOCK_NAME_GIL, and no
 * other lock is. */
#define WEFT_LOCK_NAME_GIL "GIL"
/* The address holds another lock than the one named before: CPython freed
 * that one and gave its memory to a new one.  Without it, a new name is a
 * better name for the same lock (its variable, read at a later wait). */
#define WEFT_LOCK_NAME_ANOTHER_LOCK 0x1
struct weft_lock_name {
  struct weft_event_header h; /* tgid of the process the address belongs to */
  __u64 addr;
  char name[64]; /* NUL-terminated */
  __u32 flags;   /* WEFT_LOCK_NAME_*; absent (0) in files written before it */
  __u32 reserved;
};

/* --uprobes precise mode: ACQUIRE when pthread_mutex_lock returns, SEM_WAIT
 * when sem_wait returns (ret 0 = got it), RELEASE / SEM_POST on entry. */
#define WEFT_ULOCK_ACQUIRE 1
#define WEFT_ULOCK_RELEASE 2
#define WEFT_ULOCK_SEM_WAIT 3
#define WEFT_ULOCK_SEM_POST 4

struct weft_ulock {
  struct weft_event_header h;
  __u64 addr;    /* the pthread_mutex_t * or sem_t * */
  __u32 op;      /* WEFT_ULOCK_* */
  __s32 ret;     /* return value for ACQUIRE / SEM_WAIT, else 0 */
};

/* epoll_ctl(epfd, op, fd, event) that succeeded: op 1 ADD, 2 DEL, 3 MOD. */
struct weft_epoll_ctl {
  struct weft_event_header h;
  __s32 epfd;
  __s32 fd;
  __u32 op;
  __u32 events;  /* EPOLLIN 1, EPOLLOUT 4, ... (0 for DEL) */
  __u64 data;    /* epoll_data as given by the program */
};

/* close(fd) of an fd an OBJECT record described: the fd names nothing now. */
struct weft_fd_close {
  struct weft_event_header h;
  __s32 fd;
  __u32 kind;   /* enum weft_object_kind of what it was */
  __u64 ino;
};

/* A Python thread's stack when it starts to wait (kinds 60..63).
 *
 * The kernel writes a PY_STACK right before the BEGIN record (futex wait,
 * IO, sleep, select/poll/epoll, wait4/waitid) of a thread of a process
 * whose interpreter the recorder checked (a PY_STATUS with status OK came
 * first): the innermost frame first, each frame a code object address and
 * the offset of its current instruction.  The recorder resolves each
 * frame's line before storing it (flag RESOLVED) and writes a PY_CODE the
 * first time a (process, code address) is used, and again if the address
 * now holds another code object.  Only n_frames frames are stored. */
#define WEFT_PY_MAX_FRAMES 16
#define WEFT_PY_STACK_TRUNCATED 0x1 /* more frames than WEFT_PY_MAX_FRAMES */
#define WEFT_PY_STACK_PARTIAL 0x2   /* a frame could not be read: the stack ends early */
#define WEFT_PY_STACK_RESOLVED 0x4  /* lines were filled in by the recorder */

struct weft_py_frame {
  __u64 code;  /* PyCodeObject * in the traced process */
  __s32 instr; /* code units from the code's first instruction; -1 unknown */
  __s32 line;  /* source line (RESOLVED), 0 unknown */
};

struct weft_py_stack {
  struct weft_event_header h;
  __u16 n_frames;
  __u16 flags;  /* WEFT_PY_STACK_* */
  __u32 reserved;
  /* The outermost frame (Thread._bootstrap for a threading thread): its
   * code and first local (`self`, the Thread object, which outlives the
   * thread), so the recorder can read the thread's name late; 0 unknown. */
  __u64 outer_code;
  __u64 outer_self;
  struct weft_py_frame frames[WEFT_PY_MAX_FRAMES];
};

/* What a code object is: "Bank.withdraw" NUL "/home/x/bank.py" NUL in
 * text (qualname_len and filename_len bytes without their NULs; the record
 * is trimmed to what it holds, padded to 8). */
#define WEFT_PY_TEXT_MAX 512
struct weft_py_code {
  struct weft_event_header h;
  __u64 code;
  __s32 first_line;
  __u16 qualname_len;
  __u16 filename_len;
  char text[WEFT_PY_TEXT_MAX];
};

/* A thread's name in the program's own words, h.tid the thread: its
 * threading.Thread name ("Thread-1 (worker)", "MainThread"), or, with
 * WEFT_PY_NAME_PROCESS, its process's multiprocessing name ("Process-2"). */
#define WEFT_PY_NAME_PROCESS 0x1
struct weft_py_thread {
  struct weft_event_header h;
  __u32 flags;
  __u32 reserved;
  char name[64]; /* NUL-terminated */
};

/* Written once per process that runs CPython, at exec (or when first
 * seen): whether its stacks are recorded, and if not, why, in one
 * sentence a user can read. */
#define WEFT_PY_STATUS_OK 0          /* stacks recorded */
#define WEFT_PY_STATUS_UNSUPPORTED 1 /* another version or build: no stacks */
struct weft_py_status {
  struct weft_event_header h;
  __u32 status;      /* WEFT_PY_STATUS_* */
  __u32 version_hex; /* the interpreter's Py_Version, 0 unknown */
  __u64 runtime;     /* address of _PyRuntime */
  char reason[160];  /* NUL-terminated; "" when OK */
};

/* A coroutine switch inside a Python thread (CPython 3.11), seen by
 * uprobes: greenlet's g_switchstack_success (a greenlet resumes),
 * PyIter_Send from _asyncio's task step (a Task step begins) and
 * _PyDict_DelItem_KnownHash from _asyncio's leave_task (the step ends),
 * _PyEval_EvalFrameDefault on a generator's frame (--generators: a
 * generator resumes); a generator is left when its thread is next seen
 * (at a syscall) outside every generator frame.  Names are read from the
 * objects at that moment; "" when unknown.  coro identifies the coroutine
 * for the life of its object (an address: a later object may reuse it,
 * the model tells them apart by name). */
#define WEFT_CORO_GREENLET 1
#define WEFT_CORO_TASK 2
#define WEFT_CORO_GENERATOR 3

#define WEFT_CORO_RESUME 1  /* coro runs in this thread from now on */
#define WEFT_CORO_SUSPEND 2 /* coro stopped; the thread runs its own code (event loop, caller) */

#define WEFT_CORO_NEW 0x1        /* never ran before: no frame to resume yet */
#define WEFT_CORO_NAME_DEEP 0x2  /* greenlet: its first frame is deeper than weft reads */
#define WEFT_CORO_LINE_FAR 0x4   /* the line lies beyond the line table weft reads */
#define WEFT_CORO_FINISHED 0x8   /* SUSPEND: it ended (its function returned) */

#define WEFT_CORO_NAME_LEN 48
#define WEFT_CORO_FILE_LEN 96

struct weft_coro_switch {
  struct weft_event_header h;
  __u64 coro;     /* the greenlet, asyncio Task or generator */
  __u32 flavour;  /* WEFT_CORO_GREENLET / TASK / GENERATOR */
  __u32 op;       /* WEFT_CORO_RESUME / SUSPEND */
  __s32 line;     /* RESUME: line it was suspended at (resumes from), 0 unknown */
  __u32 flags;    /* WEFT_CORO_* flags */
  char name[WEFT_CORO_NAME_LEN];  /* greenlet: its first function; Task: "Task-2"; generator: its qualname */
  char coro_name[WEFT_CORO_NAME_LEN]; /* Task: its coroutine's qualname ("download"); else "" */
  char func[WEFT_CORO_NAME_LEN];  /* RESUME: the function it was suspended in */
  char file[WEFT_CORO_FILE_LEN];  /* ... and its file (the end of the path when longer) */
};

/* Why an event was lost (the kernel counts each, per cpu; the file keeps
 * the total). */
enum weft_lost_reason {
  WEFT_LOST_RING_FULL = 0,     /* no room in the ring buffer */
  WEFT_LOST_NO_CALL_SLOT = 1,  /* no task storage for a syscall in progress: its END is lost */
  WEFT_LOST_RING_BUSY = 2,     /* room, but the ring buffer's lock refused the reservation */
  WEFT_LOST_N_REASONS = 3,
};

/* CPU time the hypervisor took from this (virtual) machine so far, all
 * cpus together (/proc/stat "steal").  A thread whose cpu was taken away
 * still looks as if it ran: the difference between the first and the last
 * of these bounds how much of the trace's "running" did not happen. */
struct weft_cpu_steal {
  struct weft_event_header h;
  __u64 steal_ns;
};

struct weft_record_stop {
  struct weft_event_header h;
  __u64 lost_events;
  __u64 events;
};

#endif /* WEFT_EVENTS_H */

/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * pystack.bpf.h: the Python stack of a CPython 3.11 thread that starts to
 * wait.  The recorder puts the address of _PyRuntime of every process it
 * checked into py_processes; here the waiting thread's PyThreadState is
 * found by its native thread id (cached per thread), and its frame chain
 * is copied as (code object, instruction offset) pairs, innermost first.
 * Names and lines are resolved once per code object in user space
 * (tracer/record/weft-py-*.c), so the cost is a few reads per frame, paid only
 * when a Python thread waits, never per Python call.  Offsets come from
 * weft-py-offsets.h, generated from the interpreter's own headers.
 *
 * A process is known as Python from its first instruction, not when the
 * recorder gets round to reading its exec (tens of milliseconds later,
 * after a fast program's first waits and switches): the recorder lists
 * the interpreter binaries it checked in py_binaries, and exec and fork
 * fill py_processes here.
 */
#ifndef WEFT_PYSTACK_BPF_H
#define WEFT_PYSTACK_BPF_H

#include "common.bpf.h"
#include "weft-py-offsets.h"

#define WEFT_PY_MAX_PROCESSES 4096
#define WEFT_PY_MAX_THREAD_WALK 128 /* thread states looked at to find a new thread's */
#define WEFT_PY_MAX_OUTER_WALK 48   /* frames past the stored ones, to find the outermost */

struct weft_py_process {
  __u64 runtime; /* &_PyRuntime in that process */
};

/* tgid -> the process's interpreter, written by the recorder. */
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, WEFT_PY_MAX_PROCESSES);
  __type(key, __u32);
  __type(value, struct weft_py_process);
} py_processes SEC(".maps");

/* A checked interpreter binary, as the kernel names the exec'd file. */
struct weft_py_binary_key {
  __u64 dev; /* the kernel's dev_t of its file system */
  __u64 ino;
};

struct weft_py_binary {
  __s64 runtime_from_start_code; /* &_PyRuntime - mm->start_code, the same in every process */
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 64);
  __type(key, struct weft_py_binary_key);
  __type(value, struct weft_py_binary);
} py_binaries SEC(".maps");

/* A traced process exec'd: Python from now on if the file is a checked
 * interpreter, and no longer Python otherwise. */
static __always_inline void
weft_py_process_exec (struct task_struct *p, struct linux_binprm *bprm)
{
  struct weft_py_binary_key key = {
    .dev = BPF_CORE_READ (bprm, file, f_inode, i_sb, s_dev),
    .ino = BPF_CORE_READ (bprm, file, f_inode, i_ino),
  };
  struct weft_py_binary *binary = bpf_map_lookup_elem (&py_binaries, &key);
  __u32 tgid = p->tgid;
  struct weft_py_process process;

  if (!binary)
    {
      bpf_map_delete_elem (&py_processes, &tgid);
      return;
    }
  process.runtime = BPF_CORE_READ (p, mm, start_code) + binary->runtime_from_start_code;
  bpf_map_update_elem (&py_processes, &tgid, &process, BPF_ANY);
}

/* A forked child runs the same interpreter at the same addresses. */
static __always_inline void
weft_py_process_fork (__u32 parent_tgid, __u32 child_tgid)
{
  struct weft_py_process *parent = bpf_map_lookup_elem (&py_processes, &parent_tgid);

  if (parent)
    bpf_map_update_elem (&py_processes, &child_tgid, parent, BPF_ANY);
}

/* The thread's PyThreadState, once found; checked again at every use. */
struct weft_py_thread_cache {
  __u64 tstate;
};

struct {
  __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __type(key, int);
  __type(value, struct weft_py_thread_cache);
} py_threads SEC(".maps");

static __always_inline __u64
weft_py_read_ptr (__u64 addr)
{
  __u64 value = 0;

  if (!addr || bpf_probe_read_user (&value, sizeof value, (const void *) addr))
    return 0;
  return value;
}

static __always_inline bool
weft_py_tstate_is (__u64 tstate, __u32 tid)
{
  return tstate && weft_py_read_ptr (tstate + WEFT_PY_TSTATE_NATIVE_THREAD_ID) == tid;
}

/* The current thread's PyThreadState in the interpreter at runtime, or 0
 * (not a Python thread yet, or a thread state list in flux). */
static __always_inline __u64
weft_py_find_tstate (__u64 runtime, __u32 tid)
{
  struct weft_py_thread_cache *cache;
  __u64 interp, tstate;

  cache = bpf_task_storage_get (&py_threads, bpf_get_current_task_btf (), 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
  if (cache && weft_py_tstate_is (cache->tstate, tid))
    return cache->tstate;
  interp = weft_py_read_ptr (runtime + WEFT_PY_RUNTIME_INTERPRETERS_HEAD);
  tstate = weft_py_read_ptr (interp + WEFT_PY_INTERP_THREADS_HEAD);
  for (int i = 0; i < WEFT_PY_MAX_THREAD_WALK && tstate; i++)
    {
      if (weft_py_tstate_is (tstate, tid))
        {
          if (cache)
            cache->tstate = tstate;
          return tstate;
        }
      tstate = weft_py_read_ptr (tstate + WEFT_PY_TSTATE_NEXT);
    }
  return 0;
}

/* True when the current thread, of a checked Python process, starts to
 * wait on a futex that is not the GIL's: one of the program's own locks.
 * The recorder names such a lock from the thread's frame, which it can
 * read only while the thread still waits there, so the record wakes it
 * at once instead of at its next poll (50 ms: most waits are over). */
static __always_inline bool
weft_py_lock_wait_wants_reader (__u64 uaddr)
{
  __u32 tgid = bpf_get_current_pid_tgid () >> 32;
  struct weft_py_process *process = bpf_map_lookup_elem (&py_processes, &tgid);
  __u64 gil;

  if (!process)
    return false;
  gil = process->runtime + WEFT_PY_RUNTIME_GIL;
  return uaddr < gil || uaddr >= gil + WEFT_PY_RUNTIME_GIL_SIZE;
}

/* The part of a _PyInterpreterFrame the walk reads, in one copy. */
struct weft_py_frame_head {
  __u8 bytes[WEFT_PY_FRAME_OWNER + 1];
};

/* Writes a PY_STACK record for the current thread when its process is a
 * checked Python; call it right before the wait's BEGIN record.  A global
 * function: the verifier checks its walk once, not at each call (inlined
 * twice in sys_enter it took 0.6 s of every recording's start). */
__attribute__ ((noinline)) int
weft_py_stack_emit (void)
{
  __u64 pid_tgid = bpf_get_current_pid_tgid ();
  __u32 tgid = pid_tgid >> 32;
  struct weft_py_process *process = bpf_map_lookup_elem (&py_processes, &tgid);
  struct weft_py_frame_head head;
  struct weft_py_stack *e;
  __u64 tstate, frame, last_frame = 0;
  __u16 n = 0;

  if (!process)
    return 0;
  tstate = weft_py_find_tstate (process->runtime, (__u32) pid_tgid);
  if (!tstate)
    return 0;
  e = WEFT_RESERVE (struct weft_py_stack, WEFT_EV_PY_STACK);
  if (!e)
    return 0;
  e->flags = 0;
  e->reserved = 0;
  frame = weft_py_read_ptr (weft_py_read_ptr (tstate + WEFT_PY_TSTATE_CFRAME) + WEFT_PY_CFRAME_CURRENT_FRAME);
  for (int i = 0; i < WEFT_PY_MAX_FRAMES; i++)
    {
      __u64 code, prev_instr;

      if (!frame)
        break;
      if (bpf_probe_read_user (&head, sizeof head, (const void *) frame))
        {
          e->flags |= WEFT_PY_STACK_PARTIAL;
          frame = 0;
          break;
        }
      code = *(__u64 *) &head.bytes[WEFT_PY_FRAME_CODE];
      prev_instr = *(__u64 *) &head.bytes[WEFT_PY_FRAME_PREV_INSTR];
      e->frames[i].code = code;
      /* prev_instr is the code unit before the next one to run: the
       * instruction that called out (or a cache entry after it). */
      e->frames[i].instr = prev_instr >= code + WEFT_PY_CODE_CODE ?
                           (__s32) ((prev_instr - (code + WEFT_PY_CODE_CODE)) / WEFT_PY_CODEUNIT_SIZE) : -1;
      e->frames[i].line = 0;
      n = i + 1;
      last_frame = frame;
      frame = *(__u64 *) &head.bytes[WEFT_PY_FRAME_PREVIOUS];
    }
  e->outer_code = n ? e->frames[n - 1].code : 0;
  e->outer_self = 0;
  if (frame)
    {
      __u64 outer = frame;

      e->flags |= WEFT_PY_STACK_TRUNCATED;
      for (int i = 0; i < WEFT_PY_MAX_OUTER_WALK && frame; i++)
        {
          outer = frame;
          frame = weft_py_read_ptr (frame + WEFT_PY_FRAME_PREVIOUS);
        }
      e->outer_code = frame ? 0 : weft_py_read_ptr (outer + WEFT_PY_FRAME_CODE);
      if (!frame)
        e->outer_self = weft_py_read_ptr (outer + WEFT_PY_FRAME_LOCALSPLUS);
    }
  else if (n)
    {
      /* The last stored frame is the outermost. */
      e->outer_self = last_frame ? weft_py_read_ptr (last_frame + WEFT_PY_FRAME_LOCALSPLUS) : 0;
    }
  e->n_frames = n;
  weft_submit (e);
  return 0;
}

#endif

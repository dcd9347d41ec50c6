/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * pycoro.bpf.h: Python coroutine switches (CPython 3.11) — which greenlet,
 * asyncio Task or generator runs in a thread, and where it was suspended.
 *
 * Cost is per switch, never per Python call: greenlet's switch function,
 * PyIter_Send (asyncio's task step, and every `await`/`yield from` of
 * other code, which the Task check below turns away), asyncio's
 * leave_task, and only with --generators the interpreter's entry from C.
 * The programs are attached by path (user space, tracer/weft-pycoro-probes.c)
 * and keep to traced processes here.  Nothing is trusted before it is
 * checked: a frame's code object must be a code object, a Task's type must
 * be named "_asyncio.Task" and hold the coroutine being sent to; anything
 * else and no record is written (never a wrong name).
 */
#ifndef WEFT_PYCORO_BPF_H
#define WEFT_PYCORO_BPF_H

#include "common.bpf.h"
#include "pystack.bpf.h" /* py_processes: the processes whose interpreter was checked */
#include "pycoro-layout.h"
#include "weft-py-offsets.h"

/* Not in any header.  _asyncio's TaskObj (3.11.2, measured): its coroutine
 * and name; checked at every use (the type is named "_asyncio.Task" and its
 * coroutine is the one being sent to).  greenlet 2.0's
 * Greenlet::python_state (88, greenlet_greenlet.hpp) + PythonState's
 * current_frame (40); checked at every use (a frame's code object must be
 * a code object). */
#define WEFT_TASK_CORO 136
#define WEFT_TASK_NAME 144
#define WEFT_GREENLET_FRAME 128

const volatile struct weft_pycoro_layout weft_coro = {};

/* A process whose interpreter the recorder checked (see pystack.bpf.h). */
static __always_inline bool
weft_coro_process_checked (void)
{
  __u32 tgid = bpf_get_current_pid_tgid () >> 32;

  return weft_coro.valid && bpf_map_lookup_elem (&py_processes, &tgid) != NULL;
}

#define WEFT_PY_MAX_DEPTH 24       /* frames walked to a greenlet's first function */
#define WEFT_PY_LINETABLE_MAX 2048 /* bytes of a line table decoded */
#define WEFT_PY_GEN_STACK 4        /* generators inside each other, per thread */

/* The Task a thread is in a step of (its leave_task ends it). */
struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u32);
  __type(value, __u64);
} pycoro_task SEC(".maps");

/* --generators: the generators a thread is inside, innermost last, and its
 * thread state (to look at its frames at a syscall). */
struct weft_gen_stack {
  __u64 tstate;
  __u64 gens[WEFT_PY_GEN_STACK];
  __u32 depth;
  __u32 reserved;
};

struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u32);
  __type(value, struct weft_gen_stack);
} pycoro_gens SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u8[WEFT_PY_LINETABLE_MAX]);
} pycoro_scratch SEC(".maps");

static __always_inline __u64
weft_py_ptr (__u64 addr)
{
  __u64 value = 0;

  if (!addr || bpf_probe_read_user (&value, sizeof value, (void *) addr))
    return 0;
  return value;
}

static __always_inline bool
weft_py_is_type (__u64 obj, __u64 type)
{
  return obj && type && weft_py_ptr (obj + WEFT_PY_OBJECT_TYPE) == type;
}

/* A compact ASCII str into dst ("" otherwise).  from_end: keep the end of
 * a longer string (file paths). */
static __always_inline void
weft_py_str (__u64 obj, char *dst, __u32 size, bool from_end)
{
  __u32 state = 0;
  __u64 length = 0, skip = 0;

  dst[0] = 0;
  if (!weft_py_is_type (obj, weft_coro.unicode_type))
    return;
  bpf_probe_read_user (&state, sizeof state, (void *) (obj + WEFT_PY_ASCII_STATE));
  /* state: interned:2 kind:3 compact:1 ascii:1 ready:1 */
  if (!(state & (1u << 5)) || !(state & (1u << 6)))
    return;
  bpf_probe_read_user (&length, sizeof length, (void *) (obj + WEFT_PY_ASCII_LENGTH));
  if (from_end && length >= size)
    skip = length - (size - 1);
  if (skip > 4096)
    return;
  bpf_probe_read_user_str (dst, size, (void *) (obj + WEFT_PY_ASCII_SIZE + skip));
}

static __always_inline __u64
weft_py_frame_code (__u64 frame)
{
  __u64 code = weft_py_ptr (frame + WEFT_PY_FRAME_CODE);

  return weft_py_is_type (code, weft_coro.code_type) ? code : 0;
}

/* CPython 3.11's location table: one entry per run of code units; a first
 * byte with bit 7 set gives the form (bits 3-6) and the length (bits 0-2,
 * plus one); forms 13 and 14 carry a signed varint line delta next, 10-12
 * a delta of form-10, 0-9 none, 15 no line.  Decoded byte by byte in a
 * bpf_loop (the verifier checks the step once). */
struct weft_line_walk {
  __u8 *table;
  __u32 n;
  __u32 pos;     /* code units covered so far */
  __u32 unit;    /* the unit whose line is wanted */
  __u32 value;
  __u32 shift;
  int line;
  int result;
  bool reading;
  bool done;
};

static long
weft_py_line_step (__u32 i, void *data)
{
  struct weft_line_walk *w = data;
  __u64 index = i;
  __u8 b;

  if (i >= w->n)
    return 1;
  /* A mask the compiler cannot drop: the verifier needs it to bound the read. */
  asm volatile ("%0 &= 2047" : "+r" (index));
  b = w->table[index];
  if (b & 0x80)
    {
      __u32 form = (b >> 3) & 15;

      w->pos += (b & 7) + 1;
      w->reading = form == 13 || form == 14;
      w->value = 0;
      w->shift = 0;
      if (form >= 10 && form <= 12)
        w->line += form - 10;
      if (!w->reading && w->unit < w->pos)
        {
          w->result = form == 15 ? 0 : w->line;
          w->done = true;
          return 1;
        }
    }
  else if (w->reading)
    {
      if (w->shift < 30)
        w->value |= (__u32) (b & 63) << w->shift;
      w->shift += 6;
      if (!(b & 64))
        {
          w->reading = false;
          w->line += (w->value & 1) ? -(int) (w->value >> 1) : (int) (w->value >> 1);
          if (w->unit < w->pos)
            {
              w->result = w->line;
              w->done = true;
              return 1;
            }
        }
    }
  return 0;
}

/* The line of code unit `unit` of `code`, 0 when it cannot be told; *far
 * when the table is longer than what is read. */
static __always_inline int
weft_py_line (__u64 code, __u64 unit, bool *far)
{
  __u32 zero = 0;
  __u8 *table = bpf_map_lookup_elem (&pycoro_scratch, &zero);
  __u64 bytes = weft_py_ptr (code + WEFT_PY_CODE_LINETABLE);
  __s64 size = (__s64) weft_py_ptr (bytes + WEFT_PY_VAR_SIZE);
  struct weft_line_walk w = {};
  int first = 0;
  __u32 n;

  if (!table || !bytes || size <= 0)
    return 0;
  bpf_probe_read_user (&first, sizeof first, (void *) (code + WEFT_PY_CODE_FIRSTLINENO));
  n = size > WEFT_PY_LINETABLE_MAX ? WEFT_PY_LINETABLE_MAX : (__u32) size;
  if (n == 0 || n > WEFT_PY_LINETABLE_MAX ||
      bpf_probe_read_user (table, n, (void *) (bytes + WEFT_PY_BYTES_DATA)))
    return 0;
  w.table = table;
  w.n = n;
  w.unit = unit > 0xffffffffu ? 0xffffffffu : (__u32) unit;
  w.line = first;
  bpf_loop (WEFT_PY_LINETABLE_MAX, weft_py_line_step, &w, 0);
  if (!w.done)
    *far = true;
  return w.done ? w.result : 0;
}

/* Where `frame` stands: its function, file and line. */
static __always_inline void
weft_py_where (__u64 frame, struct weft_coro_switch *e)
{
  __u64 code = weft_py_frame_code (frame);
  __u64 instr, start;
  bool far = false;

  if (!code)
    return;
  weft_py_str (weft_py_ptr (code + WEFT_PY_CODE_QUALNAME), e->func, sizeof e->func, false);
  weft_py_str (weft_py_ptr (code + WEFT_PY_CODE_FILENAME), e->file, sizeof e->file, true);
  instr = weft_py_ptr (frame + WEFT_PY_FRAME_PREV_INSTR);
  start = code + WEFT_PY_CODE_CODE;
  if (instr < start)
    {
      e->flags |= WEFT_CORO_NEW; /* not started: prev_instr is before the first instruction */
      bpf_probe_read_user (&e->line, sizeof e->line, (void *) (code + WEFT_PY_CODE_FIRSTLINENO));
      return;
    }
  e->line = weft_py_line (code, (instr - start) / 2, &far);
  if (far)
    e->flags |= WEFT_CORO_LINE_FAR;
}

static __always_inline bool weft_py_is_library (__u64 code);

/* The frame to show for a suspended coroutine: the innermost one in the
 * program's own files (gevent's and asyncio's frames sit above the user's
 * `time.sleep()` or `await`), else the innermost. */
static __always_inline void
weft_py_where_user (__u64 frame, struct weft_coro_switch *e)
{
  __u64 at = frame;

  for (int i = 0; i < 12 && at; i++)
    {
      __u64 code = weft_py_frame_code (at);

      if (code && !weft_py_is_library (code))
        {
          weft_py_where (at, e);
          return;
        }
      at = weft_py_ptr (at + WEFT_PY_FRAME_PREVIOUS);
    }
  weft_py_where (frame, e);
}

/* A generator or coroutine whose frame has run to its end. */
static __always_inline bool
weft_py_gen_finished (__u64 gen)
{
  __s8 state = 0;

  bpf_probe_read_user (&state, sizeof state, (void *) (gen + WEFT_PY_GEN_FRAME_STATE));
  return state >= WEFT_PY_FRAME_COMPLETED;
}

static __always_inline struct weft_coro_switch *
weft_coro_reserve (__u64 coro, __u32 flavour, __u32 op)
{
  struct weft_coro_switch *e = WEFT_RESERVE (struct weft_coro_switch, WEFT_EV_CORO_SWITCH);

  if (!e)
    return NULL;
  e->coro = coro;
  e->flavour = flavour;
  e->op = op;
  e->line = 0;
  e->flags = 0;
  e->name[0] = 0;
  e->coro_name[0] = 0;
  e->func[0] = 0;
  e->file[0] = 0;
  return e;
}

/* The greenlet each thread ran last (the one a switch leaves). */
struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u32);
  __type(value, __u64);
} pycoro_greenlet SEC(".maps");

/* One greenlet's record: its saved frame is where it was suspended (or
 * resumes), and the last frame down that chain the function it was
 * started with.  False when the layout does not look like greenlet 2.0's. */
static __always_inline bool
weft_greenlet_emit (__u64 self, __u32 op)
{
  __u64 frame = weft_py_ptr (self + WEFT_GREENLET_FRAME), bottom;
  struct weft_coro_switch *e;

  if (frame && !weft_py_frame_code (frame))
    return false; /* not the layout we know: say nothing rather than something wrong */
  e = weft_coro_reserve (self, WEFT_CORO_GREENLET, op);
  if (!e)
    return true;
  if (!frame)
    e->flags |= op == WEFT_CORO_SUSPEND ? WEFT_CORO_FINISHED : WEFT_CORO_NEW;
  else
    {
      weft_py_where_user (frame, e);
      bottom = frame;
      for (int i = 0; i < WEFT_PY_MAX_DEPTH; i++)
        {
          __u64 previous = weft_py_ptr (bottom + WEFT_PY_FRAME_PREVIOUS);

          if (!previous)
            break;
          bottom = previous;
          if (i == WEFT_PY_MAX_DEPTH - 1)
            e->flags |= WEFT_CORO_NAME_DEEP;
        }
      if (!(e->flags & WEFT_CORO_NAME_DEEP))
        weft_py_str (weft_py_ptr (weft_py_frame_code (bottom) + WEFT_PY_CODE_QUALNAME),
                     e->name, sizeof e->name, false);
    }
  weft_submit (e);
  return true;
}

/* greenlet::Greenlet::g_switchstack_success(): `this`, the greenlet that
 * now runs, comes in rsi (rdi is the hidden pointer for the result).  The
 * greenlet it leaves saved its state just before: a SUSPEND for it (where
 * it stopped), then a RESUME for the new one (where it goes on). */
SEC ("uprobe")
int BPF_KPROBE (weft_greenlet_switch)
{
  __u64 self = PT_REGS_PARM2 (ctx);
  __u32 tid = (__u32) bpf_get_current_pid_tgid ();
  __u64 *left;

  if (!weft_coro_process_checked ())
    return 0;
  left = bpf_map_lookup_elem (&pycoro_greenlet, &tid);
  if (left && *left && *left != self)
    weft_greenlet_emit (*left, WEFT_CORO_SUSPEND);
  if (weft_greenlet_emit (self, WEFT_CORO_RESUME))
    bpf_map_update_elem (&pycoro_greenlet, &tid, &self, BPF_ANY);
  return 0;
}

static __always_inline bool
weft_py_is_task (__u64 task)
{
  char name[16] = {};
  static const char expected[] = "_asyncio.Task";
  __u64 type = weft_py_ptr (task + WEFT_PY_OBJECT_TYPE);

  if (!type || bpf_probe_read_user_str (name, sizeof name, (void *) weft_py_ptr (type + WEFT_PY_TYPE_NAME)) !=
                   sizeof expected)
    return false;
  for (int i = 0; i < (int) sizeof expected; i++)
    if (name[i] != expected[i])
      return false;
  return true;
}

/* A Task's name, its coroutine's, and where that coroutine stands; submits. */
static __always_inline void
weft_task_describe (__u64 task, struct weft_coro_switch *e)
{
  __u64 coro = weft_py_ptr (task + WEFT_TASK_CORO);

  weft_py_str (weft_py_ptr (task + WEFT_TASK_NAME), e->name, sizeof e->name, false);
  if (weft_py_is_type (coro, weft_coro.coro_type) || weft_py_is_type (coro, weft_coro.gen_type))
    {
      weft_py_str (weft_py_ptr (coro + WEFT_PY_GEN_QUALNAME), e->coro_name, sizeof e->coro_name, false);
      if (e->op == WEFT_CORO_SUSPEND && weft_py_gen_finished (coro))
        e->flags |= WEFT_CORO_FINISHED;
      else
        weft_py_where (coro + WEFT_PY_GEN_IFRAME, e);
    }
  weft_submit (e);
}

/* PyIter_Send(coro, arg, &result): from _asyncio's task_step_impl, the
 * Task is still in rbx (callee-saved; checked: its type and coroutine). */
SEC ("uprobe")
int BPF_KPROBE (weft_task_send)
{
  __u64 coro = PT_REGS_PARM1 (ctx);
  __u64 task = ctx->bx;
  __u32 tid = (__u32) bpf_get_current_pid_tgid ();
  struct weft_coro_switch *e;

  if (!weft_coro_process_checked ())
    return 0;
  if (!coro || weft_py_ptr (task + WEFT_TASK_CORO) != coro || !weft_py_is_task (task))
    return 0;
  e = weft_coro_reserve (task, WEFT_CORO_TASK, WEFT_CORO_RESUME);
  if (e)
    weft_task_describe (task, e);
  bpf_map_update_elem (&pycoro_task, &tid, &task, BPF_ANY);
  return 0;
}

/* _PyDict_DelItem_KnownHash from _asyncio's leave_task: the step of the
 * Task is over.  leave_task is inlined twice, with the Task in rbx or in
 * rbp (callee-saved); another caller does not hold this thread's Task. */
SEC ("uprobe")
int BPF_KPROBE (weft_task_leave)
{
  __u32 tid = (__u32) bpf_get_current_pid_tgid ();
  __u64 *task = bpf_map_lookup_elem (&pycoro_task, &tid);
  struct weft_coro_switch *e;
  __u64 done;

  if (!task || (*task != ctx->bx && *task != ctx->bp))
    return 0;
  done = *task;
  bpf_map_delete_elem (&pycoro_task, &tid);
  e = weft_coro_reserve (done, WEFT_CORO_TASK, WEFT_CORO_SUSPEND);
  if (e)
    weft_task_describe (done, e);
  return 0;
}

/* A file of Python's own library ("/usr/lib/python3.11/...", "<frozen
 * importlib._bootstrap>"): its generators are the library's business. */
static __always_inline bool
weft_py_is_library (__u64 code)
{
  char head[18] = {};

  weft_py_str (weft_py_ptr (code + WEFT_PY_CODE_FILENAME), head, sizeof head, false);
  if (head[0] == '<')
    return true;
  return head[0] == '/' && head[1] == 'u' && head[2] == 's' && head[3] == 'r' && head[4] == '/' &&
         head[5] == 'l' && head[6] == 'i' && head[7] == 'b' && head[8] == '/' && head[9] == 'p' &&
         head[10] == 'y' && head[11] == 't' && head[12] == 'h' && head[13] == 'o' && head[14] == 'n';
}

/* --generators: _PyEval_EvalFrameDefault(tstate, frame, throwflag) on a
 * frame a generator owns is that generator resuming (or starting). */
SEC ("uprobe")
int BPF_KPROBE (weft_generator_resume)
{
  __u64 tstate = PT_REGS_PARM1 (ctx), frame = PT_REGS_PARM2 (ctx), gen, code;
  __u32 tid = (__u32) bpf_get_current_pid_tgid ();
  struct weft_gen_stack fresh = {}, *stack;
  struct weft_coro_switch *e;
  __u8 owner = 0;

  if (!weft_coro.generators || !weft_coro_process_checked ())
    return 0;
  bpf_probe_read_user (&owner, sizeof owner, (void *) (frame + WEFT_PY_FRAME_OWNER));
  if (owner != WEFT_PY_FRAME_OWNED_BY_GENERATOR)
    return 0;
  gen = frame - WEFT_PY_GEN_IFRAME;
  code = weft_py_frame_code (frame);
  if (!code || !weft_py_is_type (gen, weft_coro.gen_type) || weft_py_is_library (code))
    return 0;
  stack = bpf_map_lookup_elem (&pycoro_gens, &tid);
  if (!stack)
    {
      fresh.tstate = tstate;
      bpf_map_update_elem (&pycoro_gens, &tid, &fresh, BPF_ANY);
      stack = bpf_map_lookup_elem (&pycoro_gens, &tid);
      if (!stack)
        return 0;
    }
  if (stack->depth < WEFT_PY_GEN_STACK)
    stack->gens[stack->depth & (WEFT_PY_GEN_STACK - 1)] = gen;
  stack->depth = stack->depth < WEFT_PY_GEN_STACK ? stack->depth + 1 : WEFT_PY_GEN_STACK;
  e = weft_coro_reserve (gen, WEFT_CORO_GENERATOR, WEFT_CORO_RESUME);
  if (!e)
    return 0;
  weft_py_str (weft_py_ptr (gen + WEFT_PY_GEN_QUALNAME), e->name, sizeof e->name, false);
  weft_py_where (frame, e);
  weft_submit (e);
  return 0;
}

static __always_inline bool
weft_py_frame_is_running (__u64 top, __u64 frame)
{
  for (int i = 0; i < 16; i++)
    {
      if (!top)
        return false;
      if (top == frame)
        return true;
      top = weft_py_ptr (top + WEFT_PY_FRAME_PREVIOUS);
    }
  return true; /* deeper than we look: assume it still runs */
}

/* A generator's SUSPEND record: a function of its own (verified once, not
 * inlined into the syscall hook). */
__attribute__ ((noinline)) int
weft_pycoro_generator_left (__u64 gen)
{
  struct weft_coro_switch *e = weft_coro_reserve (gen, WEFT_CORO_GENERATOR, WEFT_CORO_SUSPEND);

  if (!e)
    return 0;
  weft_py_str (weft_py_ptr (gen + WEFT_PY_GEN_QUALNAME), e->name, sizeof e->name, false);
  if (weft_py_gen_finished (gen))
    e->flags |= WEFT_CORO_FINISHED;
  else
    weft_py_where (gen + WEFT_PY_GEN_IFRAME, e);
  weft_submit (e);
  return 0;
}

/* At a syscall of a thread inside generators: those whose frames are no
 * longer on its stack have yielded (or ended) since.  A global function:
 * the verifier checks it once, apart from the syscall hook it is called
 * from. */
__attribute__ ((noinline)) int
weft_pycoro_at_syscall (void)
{
  __u32 tid = (__u32) bpf_get_current_pid_tgid ();
  struct weft_gen_stack *stack;
  __u64 top;

  if (!weft_coro.generators)
    return 0;
  stack = bpf_map_lookup_elem (&pycoro_gens, &tid);
  if (!stack || !stack->depth)
    return 0;
  top = weft_py_ptr (weft_py_ptr (stack->tstate + WEFT_PY_TSTATE_CFRAME) + WEFT_PY_CFRAME_CURRENT_FRAME);
  for (int i = 0; i < WEFT_PY_GEN_STACK; i++)
    {
      __u32 depth = stack->depth;
      __u64 gen;

      if (!depth || depth > WEFT_PY_GEN_STACK)
        break;
      gen = stack->gens[(depth - 1) & (WEFT_PY_GEN_STACK - 1)];
      if (weft_py_frame_is_running (top, gen + WEFT_PY_GEN_IFRAME))
        break;
      stack->depth = depth - 1;
      weft_pycoro_generator_left (gen);
    }
  return 0;
}

#endif

/*
 * weft-py-lock-search.h: which variable of a Python program holds the lock
 * a thread waits on, read from the process's memory (CPython 3.11): the
 * lock itself ("fork_b"), an object holding it ("self.lock", "bank.lock"),
 * a wrapper held by an object ("q._sem"), or, for a Condition.wait (),
 * the Condition, Event or Queue it waits for ("not_full", "ready").
 */
#pragma once

#include <glib.h>

#include "weft-py-inspect.h"

G_BEGIN_DECLS

/* Whether object is a live lock (_thread.lock, _thread.RLock or
 * _multiprocessing.SemLock) whose futex word is at addr. */
gboolean weft_py_is_lock_at (WeftPyMemory *memory, guint64 object, guint64 addr);

/* Where Condition.wait's locals self and waiter are: looked up once per
 * code object, then kept by the caller (zeroed at first). */
typedef struct {
  gboolean known;
  gint32 self_local, waiter_local; /* -1: none */
} WeftPyWaitLocals;

/* Condition.wait () blocks on a lock of its own (waiter), made for this
 * one wait; what the program waits on is the Condition, self there (also
 * under Event.wait, Queue.get, Semaphore.acquire, Barrier.wait).  Returns
 * that Condition when frame (running code) is such a wait on addr, and
 * the waiter in *waiter; else 0. */
guint64 weft_py_condition_waited_on (WeftPyMemory *memory, guint64 frame, const WeftPyCode *code,
                                     WeftPyWaitLocals *locals, guint64 addr, guint64 *waiter);

/* A thread with no frame of the program (a multiprocessing Queue's feeder)
 * waits on a Condition of the library: the library frame's own variable
 * for it ("notempty") says more than a line of threading.py.  NULL when
 * none holds it (self aside). */
char *weft_py_library_variable (WeftPyMemory *memory, guint64 frame, const WeftPyCode *code, guint64 condition);

/* The name of the program's frame's variable holding the lock at addr (or,
 * when condition is not 0, that Condition): its locals, then its module's
 * globals unless *searched_globals is that dict already (the frames of one
 * module share it; it is set when searched).  Looks at no more than
 * *budget variables and attributes, and spends them.  *found_object is
 * the object named.  NULL when none holds it. */
char *weft_py_search_frame (WeftPyMemory *memory, guint64 frame, const WeftPyCode *code, guint64 addr,
                            guint64 condition, guint *budget, guint64 *searched_globals, guint64 *found_object);

G_END_DECLS

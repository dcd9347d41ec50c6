/*
 * weft-py-enrich.h: what the recorder adds for CPython processes while it
 * records — finds Python at exec (and checks it is the interpreter the
 * offsets were generated for), tells the BPF stack walk where its
 * _PyRuntime is, resolves the walk's (code, instruction) frames into
 * names and lines, names threads by their threading names and locks by
 * the program's variables.  The file is then self-contained: reading it
 * needs no access to the process.
 */
#pragma once

#include <glib-object.h>
#include "events.h"
#include "weft-record-enrich.h"

G_BEGIN_DECLS

#define WEFT_TYPE_PY_ENRICHER (weft_py_enricher_get_type ())
G_DECLARE_FINAL_TYPE (WeftPyEnricher, weft_py_enricher, WEFT, PY_ENRICHER, GObject)

WeftPyEnricher *weft_py_enricher_new (void);

/* The BPF maps py_processes (tgid -> _PyRuntime address) and
 * py_binaries (interpreter file -> where its _PyRuntime is); -1: none
 * (the enricher then records no stacks). */
void weft_py_enricher_set_maps (WeftPyEnricher *self, int processes_fd, int binaries_fd);

/* The program at path may be run (the command about to be launched, or
 * `python3`): when it is the CPython weft reads, the kernel knows the
 * processes that exec it as Python from their first instruction. */
void weft_py_enricher_expect_program (WeftPyEnricher *self, const char *path);

/* A process exec'd, was found at attach, or forked from a Python parent
 * (parent 0 otherwise): writes its PY_STATUS when it runs CPython. */
gboolean weft_py_enricher_process_started (WeftPyEnricher *self, const struct weft_event_header *event,
                                           guint32 pid, guint32 parent, WeftRecordEmitFunc emit,
                                           gpointer data, GError **error);
void weft_py_enricher_process_gone (WeftPyEnricher *self, guint32 pid);

/* A PY_STACK from the kernel: emits the PY_CODE and PY_THREAD records it
 * needs first, then the stack with its lines. */
gboolean weft_py_enricher_stack (WeftPyEnricher *self, const struct weft_py_stack *stack,
                                 WeftRecordEmitFunc emit, gpointer data, GError **error);

/* Is addr CPython's interpreter lock (its mutex or condition variable)? */
gboolean weft_py_enricher_is_gil (WeftPyEnricher *self, guint32 pid, guint64 addr);

/* Which lock a name is for: the Python lock object found at the address,
 * and, when a Condition.wait () waits on it, that Condition (what the
 * program waits on; each wait has a lock of its own).  0 when not found. */
typedef struct {
  guint64 object;
  guint64 condition;
} WeftPyLockIdentity;

/* A name for lock address addr that thread tid of process pid starts to
 * wait on: "GIL", the program's variable ("fork_b", "self.lock"), the
 * Condition, Event or Queue a Condition.wait () waits on ("not_full",
 * "ready", "jobs.not_empty"), the library's variable for it when the
 * thread has no frame of the program ("notempty"), or the waiting line
 * ("bank.py:9"); NULL when pid is not a checked Python.
 * *certain is FALSE when the thread had already left the place it waited
 * from (the name is then the line, to be replaced at a later wait). */
char *weft_py_enricher_name_lock (WeftPyEnricher *self, guint32 pid, guint32 tid, guint64 addr,
                                  gboolean *certain, WeftPyLockIdentity *identity);

/* Only the Condition thread tid is in Condition.wait () for on addr (as
 * name_lock finds it, at a few reads' cost), or 0. */
guint64 weft_py_enricher_wait_condition (WeftPyEnricher *self, guint32 pid, guint32 tid, guint64 addr);

typedef enum {
  WEFT_PY_LOCK_UNKNOWN, /* the process cannot be read (gone, or not Python) */
  WEFT_PY_LOCK_ALIVE,   /* the object is still the lock at that address */
  WEFT_PY_LOCK_GONE,    /* freed, or another object now */
} WeftPyLockState;

/* Whether lock_object (as name_lock found it) is still the lock at addr. */
WeftPyLockState weft_py_enricher_lock_state (WeftPyEnricher *self, guint32 pid, guint64 lock_object,
                                             guint64 addr);

/* Where thread tid of pid waits now (its last stack's innermost frame):
 * *site is 0 when pid is not a checked Python or no stack was seen.  A
 * lock address seen again from the same site keeps its name; from another
 * one it is named again (CPython frees and reuses lock memory). */
void weft_py_enricher_wait_site (WeftPyEnricher *self, guint32 pid, guint32 tid, guint64 *site);

/* TRUE when pid runs a CPython whose stacks are recorded. */
gboolean weft_py_enricher_is_python (WeftPyEnricher *self, guint32 pid);

G_END_DECLS

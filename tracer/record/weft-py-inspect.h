/*
 * weft-py-inspect.h: reading a live CPython 3.11 process from outside
 * (/proc/PID/mem): strings, dicts, object attributes, code objects and
 * their line tables, thread states and frames.  Layout from
 * weft-py-offsets.h (generated from the interpreter's own headers).  Every
 * read is bounded and checked: a process that changes under us, or that is
 * not the interpreter the offsets describe, gives "unknown", never a crash.
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

typedef struct _WeftPyMemory WeftPyMemory;

/* NULL when the process is gone or may not be read. */
WeftPyMemory *weft_py_memory_open (pid_t pid);
void weft_py_memory_free (WeftPyMemory *memory);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftPyMemory, weft_py_memory_free)

gboolean weft_py_read (WeftPyMemory *memory, guint64 addr, void *buf, gsize len);
/* 0 when it cannot be read. */
guint64 weft_py_read_ptr (WeftPyMemory *memory, guint64 addr);
/* A str object as UTF-8 (at most 255 characters), or NULL. */
char *weft_py_read_str (WeftPyMemory *memory, guint64 str);
/* tp_name of the object's type ("code", "_thread.lock"), or NULL. */
char *weft_py_type_name (WeftPyMemory *memory, guint64 object);

/* Calls func for each str key of a dict object / an object's attributes
 * (its managed or __dict__ dict), at most 1024 entries; stops when func
 * returns TRUE and returns TRUE then. */
typedef gboolean (*WeftPyItemFunc) (const char *key, guint64 value, gpointer data);
gboolean weft_py_dict_foreach (WeftPyMemory *memory, guint64 dict, WeftPyItemFunc func, gpointer data);
gboolean weft_py_attrs_foreach (WeftPyMemory *memory, guint64 object, WeftPyItemFunc func, gpointer data);
/* TRUE for an instance of a class written in Python (its attributes in a
 * managed dict), FALSE for a module, function, type or builtin object. */
gboolean weft_py_is_class_instance (WeftPyMemory *memory, guint64 object);
/* One attribute's value, or 0. */
guint64 weft_py_attr (WeftPyMemory *memory, guint64 object, const char *name);
/* The value of a str key in a dict, or 0. */
guint64 weft_py_dict_get (WeftPyMemory *memory, guint64 dict, const char *name);

typedef struct {
  char *qualname;        /* "Bank.withdraw" */
  char *filename;        /* as compiled: "/home/x/bank.py" */
  gint32 first_line;
  gint32 n_localsplus;
  gint32 first_traceable;
  guint64 localsplusnames; /* tuple of str */
  GBytes *linetable;     /* co_linetable (3.11 location table) */
  guint64 fingerprint[4]; /* type, qualname, filename, linetable pointers: changes when the address is reused */
} WeftPyCode;

void weft_py_code_clear (WeftPyCode *code);
/* FALSE when code is not a code object (the fit check of the layout). */
gboolean weft_py_read_code (WeftPyMemory *memory, guint64 code, WeftPyCode *out);
/* Reads only what tells whether the address still holds the same code object. */
gboolean weft_py_read_code_fingerprint (WeftPyMemory *memory, guint64 code, guint64 fingerprint[4]);

/* The source line of the code unit `instr` (an offset in code units from
 * the first instruction) from a CPython 3.11 location table; 0 when the
 * table says the instruction has no line or the table ends before it. */
gint32 weft_py_line_for_instr (const guint8 *table, gsize len, gint32 first_line, gint32 instr);

/* Thread state of native thread tid, or 0. */
guint64 weft_py_find_tstate (WeftPyMemory *memory, guint64 runtime, guint32 tid);
/* The thread's innermost _PyInterpreterFrame, or 0. */
guint64 weft_py_current_frame (WeftPyMemory *memory, guint64 tstate);
guint64 weft_py_frame_code (WeftPyMemory *memory, guint64 frame);
guint64 weft_py_frame_previous (WeftPyMemory *memory, guint64 frame);
guint64 weft_py_frame_globals (WeftPyMemory *memory, guint64 frame);
/* Fast local i of a frame (0 when unset). */
guint64 weft_py_frame_local (WeftPyMemory *memory, guint64 frame, gint32 i);
/* Name of fast local i of a code object, or NULL. */
char *weft_py_local_name (WeftPyMemory *memory, const WeftPyCode *code, gint32 i);

G_END_DECLS

/* weft-event-text.h: one human-readable line per event, for `weft dump`. */
#pragma once

#include <glib.h>
#include "events.h"

G_BEGIN_DECLS

/* Appends "   12.345678901 cpu1 1234/1235 fork child 1236 (process)". */
void weft_event_format (GString *out, const struct weft_event_header *event, guint64 t0_ns);

/* "exited with code 3", "killed by SIGTERM", "killed by SIGSEGV (core dumped)". */
char *weft_describe_wait_status (int status);

/* "SIGTERM"; weft_signal_name says "signal" where lookup says NULL. */
const char *weft_signal_name (int sig);
const char *weft_signal_lookup (int sig);
/* 15 for "SIGTERM", 0 for a name weft does not know. */
int weft_signal_from_name (const char *name);

/* "pipe", "socket", "mq"... for enum weft_object_kind. */
const char *weft_object_kind_name (guint32 kind);

/* "read", "select", "clock_nanosleep"... for the syscalls weft records. */
const char *weft_syscall_name (guint nr);

/* "pipe:[12345]", "tcp 127.0.0.1:8000 <-> 127.0.0.1:51234", "mq /jobs". */
char *weft_describe_object (const struct weft_object *object);

/* A py-code record's function and file, bounded by the record's size. */
void weft_py_code_names (const struct weft_py_code *code, char **function, char **filename);

/* Whether a Python file is the interpreter's library (threading.py,
 * multiprocessing/pool.py, an installed package, a frozen module) rather
 * than the program's. */
gboolean weft_py_file_is_library (const char *file);

/* A Python file as a student reads it: the program's by its name
 * ("pool.py"), the library's by its module path ("threading.py",
 * "multiprocessing/pool.py", "gevent/hub.py"), so that the library's
 * pool.py is not taken for the program's.  g_free it. */
char *weft_py_file_text (const char *file);

/* A Python frame in words, the same everywhere: "download() —
 * coroutines_asyncio.py:18", "<module> — pool.py:3"; NULL when function
 * is unknown ("" or NULL). */
char *weft_py_frame_text (const char *function, const char *file, gint32 line);

G_END_DECLS

/*
 * weft-test-util.h: what integration tests share — record a program under
 * the real recorder (the `weft` binary, as root) and read the events back.
 */
#pragma once

#include <glib.h>
#include "events.h"
#include "weft-trace-format.h"

G_BEGIN_DECLS

typedef struct {
  char *path;         /* the trace file (removed by weft_test_trace_free) */
  WeftTraceInfo info;
  GPtrArray *events;  /* copies of every record, struct weft_event_header * */
  guint64 lost_events;
  gboolean truncated;
  int exit_status;    /* of `weft record` (the command's own status) */
  char *stdout_text;  /* of `weft record`, i.e. of the command */
  char *stderr_text;
} WeftTestTrace;

void weft_test_trace_free (WeftTestTrace *trace);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftTestTrace, weft_test_trace_free)

/* Path of the built `weft` CLI (WEFT_BIN) and of a test program built
 * under tests/programs (WEFT_BUILD_ROOT/tests/programs/NAME). */
const char *weft_test_weft_bin (void);
char *weft_test_program_path (const char *name);

/* Runs `weft record -o TMP [record_options...] -- argv...` (options may
 * be NULL, e.g. "--test-ring-buffer-bytes=16384"), waits for it and loads
 * the trace.  Fails the test when the recorder cannot run. */
WeftTestTrace *weft_test_record (const char *const *argv, const char *const *record_options);

/* Records `/usr/bin/python3 WEFT_SOURCE_ROOT/SCRIPT` (the course's own
 * Python, as a student runs it), SCRIPT relative to the source tree:
 * "demos/python/threads_gil.py". */
WeftTestTrace *weft_test_record_python (const char *script);

/* Loads an existing trace file. */
WeftTestTrace *weft_test_load (const char *path, GError **error);

/* Events of one kind, in file order (borrowed pointers). */
GPtrArray *weft_test_events_of_kind (WeftTestTrace *trace, guint kind);

/* The first event of kind for which pred returns TRUE, or NULL. */
typedef gboolean (*WeftTestEventPred) (const struct weft_event_header *event, gpointer data);
const struct weft_event_header *weft_test_find (WeftTestTrace *trace, guint kind,
                                                WeftTestEventPred pred, gpointer data);

/* Runs `weft record -o PATH [record_options...] -- argv...` (options may
 * be NULL) and waits: its exit status (128 + n when killed by signal n). */
int weft_test_run_record (const char *path, const char *const *argv, const char *const *record_options,
                          char **out, char **err);

/* Runs the CLI with args, returning its exit status (128 + n when killed
 * by signal n) and output; _in runs it in `dir` (NULL: here), and as
 * nobody without capabilities if as_nobody. */
int weft_test_run_cli (const char *const *args, char **out, char **err);
int weft_test_run_cli_in (const char *dir, gboolean as_nobody, const char *const *args, char **out, char **err);

/* "func() — file:N" ("<module> — file:N") as weft names a Python frame, where N is the line of
 * demos/python/FILE holding code, its nth occurrence (-1: the last), so
 * that tests follow the demo as it is edited. */
char *weft_test_demo_frame (const char *func, const char *file, const char *code, int nth);

/* Removes a folder and everything in it (never following links). */
void weft_test_remove_tree (const char *path);

G_END_DECLS

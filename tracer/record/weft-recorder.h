/*
 * weft-recorder.h: loads the BPF programs, keeps the kernel-side filter of
 * the traced tree, and drains the ring buffer into a trace writer.
 */
#pragma once

#include <glib-object.h>
#include <sys/types.h>
#include "weft-trace-writer.h"

G_BEGIN_DECLS

#define WEFT_TYPE_RECORDER (weft_recorder_get_type ())
G_DECLARE_FINAL_TYPE (WeftRecorder, weft_recorder, WEFT, RECORDER, GObject)

typedef enum {
  WEFT_RECORDER_DEFAULT = 0,
  /* Uprobes on libc's pthread_mutex_lock/unlock and sem_wait/post for exact
   * lock-held intervals (WEFT_EV_ULOCK).  Costly on lock-heavy programs. */
  WEFT_RECORDER_UPROBES = 1 << 0,
  WEFT_RECORDER_GENERATORS = 1 << 1, /* generator coroutines: a probe on every entry into Python from C */
} WeftRecorderFlags;

/* Checks privileges and BTF, loads and attaches every program.  Fails with
 * WEFT_ERROR_PERMISSION or WEFT_ERROR_UNSUPPORTED and a sentence that says
 * what to do. */
WeftRecorder *weft_recorder_new (GError **error);
WeftRecorder *weft_recorder_new_with_flags (WeftRecorderFlags flags, GError **error);

/* What the tests change (`weft record --test-*`, hidden from --help; the
 * recorder reads no environment variable for them). */
typedef struct {
  guint32 ring_bytes_per_cpu; /* 0: the default; else weft_recorder_ring_bytes_valid(), drained on the poll timeout only */
  const char *btf_path;       /* NULL: /sys/kernel/btf/vmlinux */
} WeftRecorderTestKnobs;

WeftRecorder *weft_recorder_new_for_test (WeftRecorderFlags flags, const WeftRecorderTestKnobs *knobs,
                                          GError **error);
/* A power of two from a page (4096) to the largest ring the recorder makes. */
gboolean weft_recorder_ring_bytes_valid (guint64 bytes);

/* Events go to writer from now on (the recorder keeps a reference). */
/* Why coroutine switches are not (all) recorded, in one sentence, or NULL. */
const char *weft_recorder_get_coroutine_note (WeftRecorder *self);
void weft_recorder_set_writer (WeftRecorder *self, WeftTraceWriter *writer);
/* For a live stream: after silence_ns without a record, a WEFT_EV_CLOCK
 * says how far the recording has seen (0, the default: never). */
void weft_recorder_set_clock_interval (WeftRecorder *self, guint64 silence_ns);

/* Puts pid (a process) into the kernel filter and the set of live processes. */
gboolean weft_recorder_trace_pid (WeftRecorder *self, pid_t pid, GError **error);
/* The same for a child held before exec by weft_launcher_spawn_held():
 * until it execs, only its life events are kept, not its wait for release.
 * program is what it will exec (argv[0]): when that, or the python3 it
 * may start, is the CPython weft reads, its stacks are recorded from its
 * first wait on. */
gboolean weft_recorder_trace_held_child (WeftRecorder *self, pid_t pid, const char *program, GError **error);

/* For -p: pid and all its existing descendants, with a task record for
 * every existing thread so the trace knows their names and parents. */
gboolean weft_recorder_trace_existing_tree (WeftRecorder *self, pid_t pid, GError **error);
/* Is there a process `pid` to attach to?  Said before anything is written. */
gboolean weft_recorder_check_process (pid_t pid, GError **error);

/* Drains the ring buffer, waiting up to timeout_ms for data.  Returns the
 * number of events consumed, or -1 with error set when writing failed. */
int weft_recorder_poll (WeftRecorder *self, int timeout_ms, GError **error);

/* Drops from the kernel filter processes that are gone although the
 * kernel never saw them exit (attached with -p as they ended). */
void weft_recorder_prune_dead (WeftRecorder *self);

/* Is any traced process still alive?  The kernel's own view, so a
 * process whose fork record is not yet read counts. */
gboolean weft_recorder_is_tree_alive (WeftRecorder *self);
/* Sends sig to every traced process still alive (Stop in the viewer). */
void weft_recorder_signal_live (WeftRecorder *self, int sig);
guint weft_recorder_get_n_processes_seen (WeftRecorder *self);
guint64 weft_recorder_get_lost_events (WeftRecorder *self);
guint64 weft_recorder_get_lost_for (WeftRecorder *self, guint32 reason);

/* The records that frame a recording (weft-recorder-framing.c): RECORD_START
 * and the stolen cpu time first, the stolen cpu time and RECORD_STOP (lost
 * and written counts, from writer) last; *lost_events (may be NULL) gets
 * the lost count written. */
gboolean weft_recorder_write_start (WeftRecorder *self, pid_t root_pid, GError **error);
gboolean weft_recorder_write_stop (WeftRecorder *self, WeftTraceWriter *writer, pid_t root_pid,
                                   guint64 *lost_events, GError **error);

/* Writes an event made by user space (the framing records, the root's reap). */
gboolean weft_recorder_write_synthetic (WeftRecorder *self, void *record, gsize size,
                                        guint16 kind, pid_t tgid, pid_t tid, GError **error);

guint64 weft_monotonic_ns (void);

G_END_DECLS

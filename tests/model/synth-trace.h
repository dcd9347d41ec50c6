/*
 * synth-trace.h: builds event streams in memory for model tests — each
 * helper appends one record exactly as the recorder would write it — and
 * feeds them to a WeftModel or writes them to a real trace file.
 */
#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

#define MS(x) ((guint64) (x) * G_GUINT64_CONSTANT (1000000))
#define SYNTH_T0 G_GUINT64_CONSTANT (1000000000000) /* absolute start */

typedef struct _SynthTrace SynthTrace;

SynthTrace *synth_new (guint32 root_pid);
void synth_free (SynthTrace *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SynthTrace, synth_free)

/* Every t below is relative to the start, in ns. */
void synth_fork (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 child_pid,
                 guint32 child_tid, gboolean thread, const char *comm);
void synth_exec (SynthTrace *s, guint64 t, guint32 pid, const char *path, const char *comm);
void synth_exit (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, int status,
                 gboolean group_dead, guint32 parent);
void synth_wait (SynthTrace *s, guint64 t_begin, guint64 t_end, guint32 pid, guint32 tid,
                 int ret, int status);
void synth_reap (SynthTrace *s, guint64 t, guint32 reaper, guint32 child, guint32 flags);
void synth_reparent (SynthTrace *s, guint64 t, guint32 old_parent, guint32 orphan, guint32 new_parent);
/* A task listed when the recorder attached (-p): its parent and name. */
void synth_task_info (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 ppid, const char *comm);
void synth_signal (SynthTrace *s, guint64 t, guint32 from_pid, guint32 from_tid, guint32 to_pid,
                   int sig, gboolean deliver_at_same_time);
void synth_switch_out (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 state);
void synth_switch_in (SynthTrace *s, guint64 t, guint32 pid, guint32 tid);
/* count copy-on-write faults from first (relative) until the switch-out at t */
void synth_cow_faults (SynthTrace *s, guint64 first, guint64 t, guint32 pid, guint32 tid, guint32 count);
void synth_wakeup (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 target_pid,
                   guint32 target_tid);
void synth_futex_wait (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr,
                       guint32 klass, guint32 owner, guint64 timeout_ns, gboolean shared);
void synth_futex_wait_end (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr, gint64 ret);
void synth_futex_wake (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr, gint64 woken);
void synth_lock_name (SynthTrace *s, guint64 t, guint32 pid, guint64 addr, const char *name);
/* The recorder saw another lock object at addr than the one named before. */
void synth_lock_name_another (SynthTrace *s, guint64 t, guint32 pid, guint64 addr, const char *name);
/* A name as files written before names had flags hold it (shorter). */
void synth_lock_name_without_flags (SynthTrace *s, guint64 t, guint32 pid, guint64 addr, const char *name);
void synth_syscall (SynthTrace *s, guint64 t_begin, guint64 t_end, guint32 pid, guint32 tid,
                    guint32 nr, int fd, gint64 ret);
void synth_syscall_begin (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, int fd);
/* With the BEGIN's arg (bytes asked for, a timeout...). */
void synth_syscall_begin_arg (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, int fd,
                              guint64 arg);
void synth_syscall_end (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, int fd, gint64 ret);
void synth_fdset (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint32 nr, guint which,
                  const gint32 *fds, guint n);
void synth_object (SynthTrace *s, guint64 t, guint32 pid, int fd, guint kind, guint64 ino, const char *name);
/* A connected AF_UNIX socket (socketpair, accept, connect) and its peer's inode. */
void synth_unix_socket (SynthTrace *s, guint64 t, guint32 pid, int fd, guint64 ino, guint64 peer_ino);
/* An AF_INET socket on 127.0.0.1 (peer_port 0: not connected). */
void synth_inet_socket (SynthTrace *s, guint64 t, guint32 pid, int fd, guint64 ino, guint16 local_port,
                        guint16 peer_port);
void synth_ulock (SynthTrace *s, guint64 t, guint32 pid, guint32 tid, guint64 addr, guint op, int ret);
void synth_stop (SynthTrace *s, guint64 t, guint64 lost);
/* The recorder's "time passed" record of a live stream. */
void synth_clock (SynthTrace *s, guint64 t);
/* The machine's stolen cpu time so far, as the recorder writes at start and stop. */
void synth_cpu_steal (SynthTrace *s, guint64 t, guint64 steal_ns);

/* A model fed every record so far, finished. */
WeftModel *synth_model (SynthTrace *s);
/* Feeds the header and every record so far to model, without finishing. */
void synth_feed (SynthTrace *s, WeftModel *model);
/* Writes a real .weft file with WeftTraceWriter. */
void synth_write (SynthTrace *s, const char *path);

G_END_DECLS

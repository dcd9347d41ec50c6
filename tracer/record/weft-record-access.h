/*
 * weft-record-access.h: how a viewer running as the user starts the
 * recorder with the privilege eBPF needs — and only the recorder.
 *
 * Supported set-ups (docs/privileges.md has the reasoning):
 *   file capabilities  the `weft` binary carries cap_bpf,cap_perfmon+ep;
 *                      it runs as the user, the kernel grants it just those
 *   pkexec             polkit's pkexec and weft's policy are installed;
 *                      the recorder runs as root and drops to the user
 *                      (PKEXEC_UID) for the command
 *   direct             the caller is root already (CI), nothing to do
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WEFT_RECORD_ACCESS_DIRECT,
  WEFT_RECORD_ACCESS_CAPABILITIES,
  WEFT_RECORD_ACCESS_PKEXEC,
} WeftRecordAccess;

/* The build tree the running program was built in and runs from (as
 * build/gui/weft-gui does), or NULL when it runs installed. */
const char *weft_record_access_build_root (void);

/* The `weft` binary a viewer runs: $WEFT_RECORDER when set (tests), else
 * the one built next to the viewer in a build tree, else the installed one. */
char *weft_record_access_recorder_path (void);

/* TRUE when path carries CAP_BPF and CAP_PERFMON as permitted and
 * effective file capabilities. */
gboolean weft_record_access_has_capabilities (const char *path);

/* Finds out which set-up works here.  When none does, fails with one
 * sentence naming the command that enables recording. */
gboolean weft_record_access_detect (const char *recorder_path, WeftRecordAccess *access, GError **error);

/* The start of the command line that runs the recorder: "pkexec PATH" or
 * "PATH"; add "record", options, "--" and the command. */
GPtrArray *weft_record_access_argv (const char *recorder_path, WeftRecordAccess access);

G_END_DECLS

/*
 * weft-trace-format.h: the on-disk layout of a .weft file, version 1.
 * docs/trace-format.md describes the same thing byte by byte; keep both in
 * step.  All integers are little-endian.
 */
#pragma once

#include <glib.h>
#include "events.h"

G_BEGIN_DECLS

#define WEFT_TRACE_MAGIC "WEFTTRAC"
#define WEFT_TRACE_MAGIC_LEN 8
#define WEFT_TRACE_VERSION 1

#define WEFT_CHUNK_MAGIC 0x4b484357u /* "WCHK" */

typedef enum {
  WEFT_CHUNK_EVENTS = 1,
  WEFT_CHUNK_END = 2,
} WeftChunkType;

#define WEFT_CHUNK_FLAG_ZSTD 0x1

#define WEFT_TRACE_FLAG_ATTACHED 0x1 /* recorded with -p PID */

/* Fixed part of the file header; followed by strings_size bytes of
 * NUL-terminated strings: hostname, kernel release, then n_argv arguments. */
typedef struct {
  char magic[WEFT_TRACE_MAGIC_LEN];
  guint32 version;
  guint32 header_size; /* 64 + strings_size */
  guint64 start_monotonic_ns;
  guint64 start_realtime_ns;
  guint32 root_pid;
  guint32 flags;
  guint32 n_argv;
  guint32 strings_size;
  guint32 recorder_pid;
  guint32 reserved[2];
  guint32 crc32; /* over the whole header with this field set to 0 */
} WeftFileHeader;

G_STATIC_ASSERT (sizeof (WeftFileHeader) == 64);

typedef struct {
  guint32 magic;
  guint32 type;        /* WeftChunkType */
  guint32 stored_size; /* payload bytes that follow in the file */
  guint32 raw_size;    /* payload bytes once decompressed */
  guint32 n_records;
  guint32 payload_crc32;
  guint32 flags;       /* WEFT_CHUNK_FLAG_* */
  guint32 header_crc32; /* over the first 28 bytes */
} WeftChunkHeader;

G_STATIC_ASSERT (sizeof (WeftChunkHeader) == 32);

/* Payload of the END chunk (never compressed). */
typedef struct {
  guint64 events;       /* records written, this one excluded */
  guint64 lost_events;  /* failed ring buffer reservations, all cpus */
  guint64 stop_monotonic_ns;
  guint64 reserved;
} WeftEndRecord;

G_STATIC_ASSERT (sizeof (WeftEndRecord) == 32);

/* No event is stamped later than this after the recording started (about
 * 104 days; times stay exact in a double and far from overflowing any
 * sum): a later one is a damaged file, not a long recording. */
#define WEFT_TRACE_MAX_SPAN_NS (G_GUINT64_CONSTANT (1) << 53)

/* Largest raw chunk the writer produces and the reader accepts. */
#define WEFT_CHUNK_MAX_RAW (4u * 1024 * 1024)
#define WEFT_HEADER_MAX_STRINGS (64u * 1024)

/* What the header says, in a form that is easy to use. */
typedef struct {
  guint64 start_monotonic_ns;
  guint64 start_realtime_ns;
  guint32 root_pid;
  guint32 flags;
  guint32 recorder_pid;
  char *hostname;
  char *kernel;
  GStrv argv;
} WeftTraceInfo;

void weft_trace_info_clear (WeftTraceInfo *info);

/* Names and minimum sizes of event kinds; NULL / 0 for unknown kinds. */
const char *weft_event_kind_name (guint kind);
gsize weft_event_kind_min_size (guint kind);

/* A lock name's WEFT_LOCK_NAME_* flags: 0 in a record written before it had them. */
guint32 weft_lock_name_get_flags (const struct weft_lock_name *name);

guint32 weft_crc32 (const void *data, gsize len);

/* Opens a trace file for reading: -1, with the sentence to show, if it
 * cannot be read or is not a regular file (a directory, a FIFO, a
 * device), without ever blocking on one.  weft_trace_set_open_error() says
 * why opening failed with `code` (`detail` in the system's words). */
int weft_trace_open_file (const char *path, GError **error);
void weft_trace_set_open_error (GError **error, const char *path, GFileError code, const char *detail);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WeftTraceInfo, weft_trace_info_clear)

G_END_DECLS

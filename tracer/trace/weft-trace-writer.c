/*
 * weft-trace-writer.c: buffers event records and writes them as
 * zstd-compressed chunks, each with its own checksums, so that a recorder
 * killed at any moment leaves a file readable up to its last whole chunk.
 */
#include "weft-trace-writer.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "weft-error.h"

/* Compress at most this much at once: big enough for zstd to find the
 * repetition in fixed-size records, small enough to flush often. */
#define CHUNK_TARGET_RAW (1024u * 1024)
/* Level 1, not 3: on recorded events it makes files as small (2.3 B an
 * event either way, measured) for a fifth less of the recorder's cpu. */
#define ZSTD_LEVEL 1

struct _WeftTraceWriter {
  GObject parent_instance;

  int fd;
  GByteArray *pending; /* raw records of the chunk being built */
  guint32 pending_records;
  GByteArray *compressed;
  ZSTD_CCtx *zstd;
  gboolean uncompressed;
  guint64 n_events;
  guint64 bytes_written;
  gboolean finished;
};

G_DEFINE_FINAL_TYPE (WeftTraceWriter, weft_trace_writer, G_TYPE_OBJECT)

static void
weft_trace_writer_finalize (GObject *object)
{
  WeftTraceWriter *self = WEFT_TRACE_WRITER (object);

  if (self->fd >= 0)
    close (self->fd);
  g_byte_array_unref (self->pending);
  g_byte_array_unref (self->compressed);
  ZSTD_freeCCtx (self->zstd);
  G_OBJECT_CLASS (weft_trace_writer_parent_class)->finalize (object);
}

static void
weft_trace_writer_class_init (WeftTraceWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_trace_writer_finalize;
}

static void
weft_trace_writer_init (WeftTraceWriter *self)
{
  self->fd = -1;
  self->pending = g_byte_array_sized_new (CHUNK_TARGET_RAW + 4096);
  self->compressed = g_byte_array_new ();
  self->zstd = ZSTD_createCCtx ();
}

static gboolean
write_all (WeftTraceWriter *self, const void *data, gsize len, GError **error)
{
  const guint8 *p = data;

  while (len > 0)
    {
      gssize n = write (self->fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot write the trace file: %s%s"), g_strerror (saved),
                       saved == ENOSPC ? _(" (the disk is full; what was written so far is readable)") : "");
          return FALSE;
        }
      p += n;
      len -= n;
      self->bytes_written += n;
    }
  return TRUE;
}

static void
append_string (GByteArray *strings, const char *s)
{
  g_byte_array_append (strings, (const guint8 *) (s ? s : ""), strlen (s ? s : "") + 1);
}

static gboolean
write_header (WeftTraceWriter *self, const WeftTraceInfo *info, GError **error)
{
  g_autoptr (GByteArray) strings = g_byte_array_new ();
  WeftFileHeader header = { 0 };
  guint32 n_argv = info->argv ? g_strv_length (info->argv) : 0;
  g_autoptr (GByteArray) whole = g_byte_array_new ();

  append_string (strings, info->hostname);
  append_string (strings, info->kernel);
  for (guint i = 0; i < n_argv; i++)
    append_string (strings, info->argv[i]);
  if (strings->len > WEFT_HEADER_MAX_STRINGS)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                   _("The command line is too long to store (%u bytes, at most %u)."),
                   strings->len, WEFT_HEADER_MAX_STRINGS);
      return FALSE;
    }

  memcpy (header.magic, WEFT_TRACE_MAGIC, WEFT_TRACE_MAGIC_LEN);
  header.version = GUINT32_TO_LE (WEFT_TRACE_VERSION);
  header.header_size = GUINT32_TO_LE (sizeof header + strings->len);
  header.start_monotonic_ns = GUINT64_TO_LE (info->start_monotonic_ns);
  header.start_realtime_ns = GUINT64_TO_LE (info->start_realtime_ns);
  header.root_pid = GUINT32_TO_LE (info->root_pid);
  header.flags = GUINT32_TO_LE (info->flags);
  header.n_argv = GUINT32_TO_LE (n_argv);
  header.strings_size = GUINT32_TO_LE (strings->len);
  header.recorder_pid = GUINT32_TO_LE (info->recorder_pid);

  g_byte_array_append (whole, (const guint8 *) &header, sizeof header);
  g_byte_array_append (whole, strings->data, strings->len);
  header.crc32 = GUINT32_TO_LE (weft_crc32 (whole->data, whole->len));
  memcpy (whole->data, &header, sizeof header);
  return write_all (self, whole->data, whole->len, error);
}

WeftTraceWriter *
weft_trace_writer_new (int fd, const WeftTraceInfo *info, GError **error)
{
  g_autoptr (WeftTraceWriter) self = g_object_new (WEFT_TYPE_TRACE_WRITER, NULL);

  self->fd = fd;
  if (!write_header (self, info, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
write_chunk (WeftTraceWriter *self, WeftChunkType type, const guint8 *payload,
             gsize raw_size, guint32 n_records, gboolean compress, GError **error)
{
  WeftChunkHeader chunk = { 0 };
  const guint8 *stored = payload;
  gsize stored_size = raw_size;

  if (compress)
    {
      gsize bound = ZSTD_compressBound (raw_size);
      gsize n;

      g_byte_array_set_size (self->compressed, bound);
      n = ZSTD_compressCCtx (self->zstd, self->compressed->data, bound,
                             payload, raw_size, ZSTD_LEVEL);
      if (ZSTD_isError (n))
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED,
                       _("Cannot compress trace data: %s"), ZSTD_getErrorName (n));
          return FALSE;
        }
      stored = self->compressed->data;
      stored_size = n;
    }

  chunk.magic = GUINT32_TO_LE (WEFT_CHUNK_MAGIC);
  chunk.type = GUINT32_TO_LE (type);
  chunk.stored_size = GUINT32_TO_LE (stored_size);
  chunk.raw_size = GUINT32_TO_LE (raw_size);
  chunk.n_records = GUINT32_TO_LE (n_records);
  chunk.payload_crc32 = GUINT32_TO_LE (weft_crc32 (stored, stored_size));
  chunk.flags = GUINT32_TO_LE (compress ? WEFT_CHUNK_FLAG_ZSTD : 0);
  chunk.header_crc32 = GUINT32_TO_LE (weft_crc32 (&chunk, G_STRUCT_OFFSET (WeftChunkHeader, header_crc32)));

  return write_all (self, &chunk, sizeof chunk, error) &&
         write_all (self, stored, stored_size, error);
}

gboolean
weft_trace_writer_flush (WeftTraceWriter *self, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (WEFT_IS_TRACE_WRITER (self), FALSE);

  if (self->pending_records == 0)
    return TRUE;
  ok = write_chunk (self, WEFT_CHUNK_EVENTS, self->pending->data, self->pending->len,
                    self->pending_records, !self->uncompressed, error);
  g_byte_array_set_size (self->pending, 0);
  self->pending_records = 0;
  return ok;
}

gboolean
weft_trace_writer_add (WeftTraceWriter *self, const void *record, gsize size, GError **error)
{
  g_return_val_if_fail (WEFT_IS_TRACE_WRITER (self), FALSE);
  g_return_val_if_fail (size >= sizeof (struct weft_event_header) && size % 8 == 0, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  g_byte_array_append (self->pending, record, size);
  self->pending_records++;
  self->n_events++;
  if (self->pending->len >= CHUNK_TARGET_RAW)
    return weft_trace_writer_flush (self, error);
  return TRUE;
}

gboolean
weft_trace_writer_finish (WeftTraceWriter *self, guint64 lost_events,
                          guint64 stop_monotonic_ns, GError **error)
{
  WeftEndRecord end = { 0 };

  g_return_val_if_fail (WEFT_IS_TRACE_WRITER (self), FALSE);

  if (self->finished)
    return TRUE;
  if (!weft_trace_writer_flush (self, error))
    return FALSE;
  end.events = GUINT64_TO_LE (self->n_events);
  end.lost_events = GUINT64_TO_LE (lost_events);
  end.stop_monotonic_ns = GUINT64_TO_LE (stop_monotonic_ns);
  if (!write_chunk (self, WEFT_CHUNK_END, (const guint8 *) &end, sizeof end, 0, FALSE, error))
    return FALSE;
  self->finished = TRUE;
  if (close (self->fd) < 0)
    {
      int saved = errno;

      self->fd = -1;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot finish the trace file: %s"), g_strerror (saved));
      return FALSE;
    }
  self->fd = -1;
  return TRUE;
}

void
weft_trace_writer_set_compressed (WeftTraceWriter *self, gboolean compressed)
{
  g_return_if_fail (WEFT_IS_TRACE_WRITER (self));
  self->uncompressed = !compressed;
}

guint64
weft_trace_writer_get_n_events (WeftTraceWriter *self)
{
  return self->n_events;
}

guint64
weft_trace_writer_get_bytes_written (WeftTraceWriter *self)
{
  return self->bytes_written;
}

/* weft-trace-reader.c: the validating push parser for .weft files. */
#include "weft-trace-reader.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "weft-error.h"

/* Fuzz builds (-DWEFT_FUZZING) accept any checksum, so the fuzzer can
 * reach the record validation and the model behind the CRCs. */
#ifdef WEFT_FUZZING
#define checksum_ok(computed, stored) ((void) (computed), (void) (stored), TRUE)
#else
#define checksum_ok(computed, stored) ((computed) == (stored))
#endif

typedef enum {
  STATE_HEADER,
  STATE_CHUNKS,
  STATE_ENDED,
  STATE_FAILED,
} ReaderState;

struct _WeftTraceReader {
  GObject parent_instance;

  WeftEventFunc func;
  gpointer user_data;

  ReaderState state;
  GByteArray *buffer; /* bytes received but not yet parsed */
  GByteArray *raw;    /* a decompressed chunk */
  ZSTD_DCtx *zstd;

  gboolean have_info;
  WeftTraceInfo info;
  guint64 n_events;
  guint64 lost_events;
  guint64 stop_ns;
  guint64 offset; /* of buffer[0] in the stream, for messages */
};

G_DEFINE_FINAL_TYPE (WeftTraceReader, weft_trace_reader, G_TYPE_OBJECT)

static void
weft_trace_reader_finalize (GObject *object)
{
  WeftTraceReader *self = WEFT_TRACE_READER (object);

  g_byte_array_unref (self->buffer);
  g_byte_array_unref (self->raw);
  ZSTD_freeDCtx (self->zstd);
  weft_trace_info_clear (&self->info);
  G_OBJECT_CLASS (weft_trace_reader_parent_class)->finalize (object);
}

static void
weft_trace_reader_class_init (WeftTraceReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_trace_reader_finalize;
}

static void
weft_trace_reader_init (WeftTraceReader *self)
{
  self->buffer = g_byte_array_new ();
  self->raw = g_byte_array_new ();
  self->zstd = ZSTD_createDCtx ();
}

WeftTraceReader *
weft_trace_reader_new (WeftEventFunc func, gpointer user_data)
{
  WeftTraceReader *self = g_object_new (WEFT_TYPE_TRACE_READER, NULL);

  self->func = func;
  self->user_data = user_data;
  return self;
}

static gboolean
fail (WeftTraceReader *self, GError **error, WeftError code, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (WeftTraceReader *self, GError **error, WeftError code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  self->state = STATE_FAILED;
  g_set_error_literal (error, WEFT_ERROR, code, message);
  return FALSE;
}

/* Parses the header if all of it is in data; returns bytes used, 0 if more
 * input is needed, -1 on error. */
static gssize
parse_header (WeftTraceReader *self, const guint8 *data, gsize len, GError **error)
{
  WeftFileHeader header;
  guint32 header_size, strings_size, n_argv, stored_crc;
  g_autofree guint8 *copy = NULL;
  const char *p, *end;
  g_autoptr (GPtrArray) argv = NULL;

  /* Judged on what has arrived: a short file that is not the start of the
   * signature is not a trace, not a trace cut short. */
  if (memcmp (data, WEFT_TRACE_MAGIC, MIN (len, WEFT_TRACE_MAGIC_LEN)) != 0)
    return fail (self, error, WEFT_ERROR_NOT_A_TRACE,
                 _("This is not a weft trace (it does not start with the weft signature).")), -1;
  if (len < sizeof header)
    return 0;
  memcpy (&header, data, sizeof header);
  if (GUINT32_FROM_LE (header.version) != WEFT_TRACE_VERSION)
    return fail (self, error, WEFT_ERROR_VERSION,
                 _("This trace has format version %u; this weft reads version %u only. "
                 "Open it with a matching weft."),
                 GUINT32_FROM_LE (header.version), WEFT_TRACE_VERSION), -1;
  header_size = GUINT32_FROM_LE (header.header_size);
  strings_size = GUINT32_FROM_LE (header.strings_size);
  n_argv = GUINT32_FROM_LE (header.n_argv);
  if (strings_size > WEFT_HEADER_MAX_STRINGS || header_size != sizeof header + strings_size ||
      n_argv > strings_size)
    return fail (self, error, WEFT_ERROR_CORRUPT, _("The trace header is damaged (impossible sizes).")), -1;
  if (len < header_size)
    return 0;

  copy = g_memdup2 (data, header_size);
  stored_crc = GUINT32_FROM_LE (header.crc32);
  memset (copy + G_STRUCT_OFFSET (WeftFileHeader, crc32), 0, sizeof (guint32));
  if (!checksum_ok (weft_crc32 (copy, header_size), stored_crc))
    return fail (self, error, WEFT_ERROR_CORRUPT, _("The trace header is damaged (checksum mismatch).")), -1;

  /* Strings: hostname, kernel, then n_argv arguments, each NUL-terminated. */
  p = (const char *) data + sizeof header;
  end = p + strings_size;
  argv = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 2 + n_argv; i++)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (!nul)
        return fail (self, error, WEFT_ERROR_CORRUPT, _("The trace header is damaged (unterminated string).")), -1;
      if (i == 0)
        self->info.hostname = g_strdup (p);
      else if (i == 1)
        self->info.kernel = g_strdup (p);
      else
        g_ptr_array_add (argv, g_strdup (p));
      p = nul + 1;
    }
  g_ptr_array_add (argv, NULL);
  self->info.argv = (GStrv) g_ptr_array_free (g_steal_pointer (&argv), FALSE);
  self->info.start_monotonic_ns = GUINT64_FROM_LE (header.start_monotonic_ns);
  self->info.start_realtime_ns = GUINT64_FROM_LE (header.start_realtime_ns);
  self->info.root_pid = GUINT32_FROM_LE (header.root_pid);
  self->info.flags = GUINT32_FROM_LE (header.flags);
  self->info.recorder_pid = GUINT32_FROM_LE (header.recorder_pid);
  self->have_info = TRUE;
  self->state = STATE_CHUNKS;
  return header_size;
}

/* Times from a file are untrusted: see WEFT_TRACE_MAX_SPAN_NS. */
static gboolean
too_late (WeftTraceReader *self, guint64 ts)
{
  guint64 start = self->info.start_monotonic_ns;

  return ts > start && ts - start > WEFT_TRACE_MAX_SPAN_NS;
}

static gboolean
deliver_records (WeftTraceReader *self, const guint8 *raw, gsize raw_size,
                 guint32 n_records, GError **error)
{
  gsize pos = 0;
  guint32 count = 0;

  while (pos < raw_size)
    {
      const struct weft_event_header *event = (const void *) (raw + pos);
      gsize size, min_size;

      if (raw_size - pos < sizeof *event)
        return fail (self, error, WEFT_ERROR_CORRUPT, _("An event record in the trace is cut short.")), FALSE;
      size = event->size;
      min_size = weft_event_kind_min_size (event->kind);
      if (size < sizeof *event || size % 8 != 0 || size > raw_size - pos || size < min_size)
        return fail (self, error, WEFT_ERROR_CORRUPT,
                     _("An event record in the trace has an impossible size (%zu bytes, kind %u)."),
                     size, (guint) event->kind), FALSE;
      if (event->kind == WEFT_EV_EXEC)
        {
          const struct weft_exec *exec = (const void *) event;

          if (exec->filename_len >= WEFT_PATH_LEN ||
              G_STRUCT_OFFSET (struct weft_exec, filename) + (gsize) exec->filename_len + 1 > size ||
              exec->filename[exec->filename_len] != '\0')
            return fail (self, error, WEFT_ERROR_CORRUPT, _("An exec record in the trace is damaged.")), FALSE;
        }
      if (event->kind == WEFT_EV_FDSET)
        {
          const struct weft_fdset *set = (const void *) event;

          if (set->n_fds > WEFT_FDSET_MAX ||
              G_STRUCT_OFFSET (struct weft_fdset, fds) + set->n_fds * sizeof (gint32) > size)
            return fail (self, error, WEFT_ERROR_CORRUPT, _("An fd-set record in the trace is damaged.")), FALSE;
        }
      if (too_late (self, event->ts))
        return fail (self, error, WEFT_ERROR_CORRUPT,
                     _("An event in the trace has an impossible time (more than 100 days after the recording started).")), FALSE;
      count++;
      pos += size;
    }
  if (count != n_records)
    return fail (self, error, WEFT_ERROR_CORRUPT, _("A chunk of the trace holds a different number of events than it says.")), FALSE;

  /* Validated as a whole first, so a damaged chunk delivers nothing. */
  for (pos = 0; pos < raw_size;)
    {
      const struct weft_event_header *event = (const void *) (raw + pos);

      if (self->func)
        self->func (event, self->user_data);
      pos += event->size;
    }
  self->n_events += n_records;
  return TRUE;
}

/* Parses one chunk if all of it is in data; returns bytes used, 0 if more
 * input is needed, -1 on error. */
static gssize
parse_chunk (WeftTraceReader *self, const guint8 *data, gsize len, GError **error)
{
  WeftChunkHeader chunk;
  guint32 type, stored_size, raw_size, n_records, flags;
  const guint8 *payload;

  if (len < sizeof chunk)
    return 0;
  memcpy (&chunk, data, sizeof chunk);
  if (GUINT32_FROM_LE (chunk.magic) != WEFT_CHUNK_MAGIC ||
      !checksum_ok (weft_crc32 (&chunk, G_STRUCT_OFFSET (WeftChunkHeader, header_crc32)), GUINT32_FROM_LE (chunk.header_crc32)))
    return fail (self, error, WEFT_ERROR_CORRUPT,
                 _("The trace is damaged at byte %llu (bad chunk header)."), (unsigned long long) self->offset), -1;

  type = GUINT32_FROM_LE (chunk.type);
  stored_size = GUINT32_FROM_LE (chunk.stored_size);
  raw_size = GUINT32_FROM_LE (chunk.raw_size);
  n_records = GUINT32_FROM_LE (chunk.n_records);
  flags = GUINT32_FROM_LE (chunk.flags);
  if (raw_size > WEFT_CHUNK_MAX_RAW || stored_size > ZSTD_compressBound (WEFT_CHUNK_MAX_RAW) ||
      (type != WEFT_CHUNK_EVENTS && type != WEFT_CHUNK_END) || (flags & ~WEFT_CHUNK_FLAG_ZSTD) ||
      (!(flags & WEFT_CHUNK_FLAG_ZSTD) && stored_size != raw_size))
    return fail (self, error, WEFT_ERROR_CORRUPT,
                 _("The trace is damaged at byte %llu (impossible chunk sizes)."), (unsigned long long) self->offset), -1;
  if (len - sizeof chunk < stored_size)
    return 0;

  payload = data + sizeof chunk;
  if (!checksum_ok (weft_crc32 (payload, stored_size), GUINT32_FROM_LE (chunk.payload_crc32)))
    return fail (self, error, WEFT_ERROR_CORRUPT,
                 _("The trace is damaged at byte %llu (checksum mismatch)."), (unsigned long long) self->offset), -1;

  g_byte_array_set_size (self->raw, raw_size);
  if (flags & WEFT_CHUNK_FLAG_ZSTD)
    {
      gsize n = ZSTD_decompressDCtx (self->zstd, self->raw->data, raw_size, payload, stored_size);

      if (ZSTD_isError (n) || n != raw_size)
        return fail (self, error, WEFT_ERROR_CORRUPT,
                     _("The trace is damaged at byte %llu (cannot decompress)."), (unsigned long long) self->offset), -1;
    }
  else if (raw_size > 0)
    memcpy (self->raw->data, payload, raw_size);

  if (type == WEFT_CHUNK_END)
    {
      WeftEndRecord end;

      if (raw_size != sizeof end)
        return fail (self, error, WEFT_ERROR_CORRUPT, _("The end of the trace is damaged.")), -1;
      memcpy (&end, self->raw->data, sizeof end);
      /* Every chunk checks itself; only the count says one is missing. */
      if (GUINT64_FROM_LE (end.events) != self->n_events)
        {
          guint64 said = GUINT64_FROM_LE (end.events);
          g_autofree char *missing = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                      said > self->n_events ? said - self->n_events
                                                                            : self->n_events - said);

          return fail (self, error, WEFT_ERROR_CORRUPT,
                       said > self->n_events
                         ? _("The trace is damaged: %s of its events are missing (a part of the file was removed).")
                         : _("The trace is damaged: it holds %s events more than it says (a part was added)."),
                       missing), -1;
        }
      self->lost_events = GUINT64_FROM_LE (end.lost_events);
      self->stop_ns = GUINT64_FROM_LE (end.stop_monotonic_ns);
      if (too_late (self, self->stop_ns))
        return fail (self, error, WEFT_ERROR_CORRUPT, _("The end of the trace is damaged.")), -1;
      self->state = STATE_ENDED;
    }
  else if (!deliver_records (self, self->raw->data, raw_size, n_records, error))
    return -1;
  return sizeof chunk + stored_size;
}

static gssize
parse_some (WeftTraceReader *self, const guint8 *data, gsize len, GError **error)
{
  switch (self->state)
    {
    case STATE_HEADER:
      return parse_header (self, data, len, error);
    case STATE_CHUNKS:
      return parse_chunk (self, data, len, error);
    case STATE_ENDED:
      return fail (self, error, WEFT_ERROR_CORRUPT, _("The trace has data after its end.")), -1;
    case STATE_FAILED:
    default:
      return fail (self, error, WEFT_ERROR_CORRUPT, _("The trace could not be read.")), -1;
    }
}

gboolean
weft_trace_reader_feed (WeftTraceReader *self, const guint8 *data, gsize len, GError **error)
{
  const guint8 *p;
  gsize left;

  g_return_val_if_fail (WEFT_IS_TRACE_READER (self), FALSE);

  if (len == 0)
    return self->state != STATE_FAILED;
  /* Parse straight from the caller's bytes when nothing is pending. */
  if (self->buffer->len > 0)
    {
      g_byte_array_append (self->buffer, data, len);
      p = self->buffer->data;
      left = self->buffer->len;
    }
  else
    {
      p = data;
      left = len;
    }

  while (left > 0)
    {
      gssize used = parse_some (self, p, left, error);

      if (used < 0)
        return FALSE;
      if (used == 0)
        break;
      p += used;
      left -= used;
      self->offset += used;
    }

  if (self->buffer->len > 0)
    g_byte_array_remove_range (self->buffer, 0, self->buffer->len - left);
  else if (left > 0)
    g_byte_array_append (self->buffer, p, left);
  return TRUE;
}

gboolean
weft_trace_reader_finish (WeftTraceReader *self, GError **error)
{
  g_return_val_if_fail (WEFT_IS_TRACE_READER (self), FALSE);

  if (self->state == STATE_FAILED)
    return fail (self, error, WEFT_ERROR_CORRUPT, _("The trace could not be read."));
  if (self->state == STATE_HEADER)
    {
      if (self->buffer->len == 0)
        return fail (self, error, WEFT_ERROR_NOT_A_TRACE, _("The file is empty, not a weft trace."));
      return fail (self, error, WEFT_ERROR_TRUNCATED, _("The trace is cut short inside its header."));
    }
  if (self->buffer->len > 0)
    return fail (self, error, WEFT_ERROR_TRUNCATED,
                 _("The trace is cut short: its last %u bytes are an incomplete chunk "
                 "(the recording was interrupted)."), self->buffer->len);
  if (self->state != STATE_ENDED)
    return fail (self, error, WEFT_ERROR_TRUNCATED,
                 _("The trace has no end record: the recording was interrupted."));
  return TRUE;
}

const WeftTraceInfo *
weft_trace_reader_get_info (WeftTraceReader *self)
{
  return self->have_info ? &self->info : NULL;
}

gboolean
weft_trace_reader_has_end (WeftTraceReader *self)
{
  return self->state == STATE_ENDED;
}

guint64
weft_trace_reader_get_lost_events (WeftTraceReader *self)
{
  return self->lost_events;
}

guint64
weft_trace_reader_get_stop_ns (WeftTraceReader *self)
{
  return self->stop_ns;
}

guint64
weft_trace_reader_get_n_events (WeftTraceReader *self)
{
  return self->n_events;
}

gboolean
weft_trace_reader_read_file (WeftTraceReader *self, const char *path, gboolean *truncated,
                             GError **error)
{
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GError) local_error = NULL;
  int fd;

  g_return_val_if_fail (WEFT_IS_TRACE_READER (self), FALSE);

  if (truncated)
    *truncated = FALSE;
  fd = weft_trace_open_file (path, error);
  if (fd < 0)
    return FALSE;
  file = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (!file)
    {
      weft_trace_set_open_error (error, path, local_error->code, local_error->message);
      return FALSE;
    }
  if (!weft_trace_reader_feed (self, (const guint8 *) g_mapped_file_get_contents (file),
                               g_mapped_file_get_length (file), &local_error) ||
      !weft_trace_reader_finish (self, &local_error))
    {
      if (g_error_matches (local_error, WEFT_ERROR, WEFT_ERROR_TRUNCATED) && self->have_info && truncated)
        {
          *truncated = TRUE;
          return TRUE;
        }
      g_set_error (error, WEFT_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

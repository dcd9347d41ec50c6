/*
 * test-trace-file: the .weft writer and reader.  Round trips, and every
 * kind of damage a file can suffer: each must give a clear error (or, for
 * a cut-short file, the events before the cut), never a crash.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "weft-error.h"
#include "weft-trace-reader.h"
#include "weft-trace-writer.h"

#define N_EVENTS 5000

typedef struct {
  guint count;
  guint64 last_ts;
  gboolean in_order;
  guint execs;
} Collected;

static void
collect (const struct weft_event_header *event, gpointer user_data)
{
  Collected *c = user_data;

  c->in_order = c->in_order && event->ts >= c->last_ts;
  c->last_ts = event->ts;
  c->count++;
  if (event->kind == WEFT_EV_EXEC)
    {
      const struct weft_exec *exec = (const void *) event;

      g_assert_cmpstr (exec->filename, ==, "/usr/bin/python3");
      c->execs++;
    }
}

/* Writes a trace with N_EVENTS records (forks, exits and trimmed execs)
 * and returns its bytes. */
static GBytes *
make_trace (gboolean finish)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (WeftTraceWriter) writer = NULL;
  char *argv[] = { (char *) "python3", (char *) "pool.py", NULL };
  WeftTraceInfo info = { .start_monotonic_ns = 1000, .root_pid = 42, .hostname = (char *) "host",
                         .kernel = (char *) "6.1", .argv = argv };
  char *contents;
  gsize len;
  int fd = g_file_open_tmp ("weft-unit-XXXXXX.weft", &path, &error);

  g_assert_no_error (error);
  writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      if (i % 10 == 5)
        {
          struct weft_exec exec = { 0 };
          gsize size;

          exec.h.ts = 2000 + i;
          exec.h.kind = WEFT_EV_EXEC;
          exec.h.tgid = exec.h.tid = 100 + i;
          exec.filename_len = strlen ("/usr/bin/python3");
          strcpy (exec.filename, "/usr/bin/python3");
          size = (G_STRUCT_OFFSET (struct weft_exec, filename) + exec.filename_len + 1 + 7) & ~7;
          exec.h.size = size;
          g_assert_true (weft_trace_writer_add (writer, &exec, size, &error));
        }
      else
        {
          struct weft_fork fork = { 0 };

          fork.h.ts = 2000 + i;
          fork.h.kind = WEFT_EV_FORK;
          fork.h.size = sizeof fork;
          fork.h.tgid = fork.h.tid = 42;
          fork.child_tgid = fork.child_tid = 100 + i;
          g_assert_true (weft_trace_writer_add (writer, &fork, sizeof fork, &error));
        }
      /* Several chunks, as a real recording has. */
      if (i % 1000 == 999)
        g_assert_true (weft_trace_writer_flush (writer, &error));
    }
  if (finish)
    g_assert_true (weft_trace_writer_finish (writer, 7, 99999, &error));
  else
    g_assert_true (weft_trace_writer_flush (writer, &error));
  g_assert_no_error (error);
  g_clear_object (&writer);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_unlink (path);
  return g_bytes_new_take (contents, len);
}

static gboolean
read_bytes (const guint8 *data, gsize len, Collected *c, GError **error)
{
  g_autoptr (WeftTraceReader) reader = weft_trace_reader_new (collect, c);

  c->in_order = TRUE;
  return weft_trace_reader_feed (reader, data, len, error) && weft_trace_reader_finish (reader, error);
}

static void
test_round_trip (void)
{
  g_autoptr (GBytes) bytes = make_trace (TRUE);
  g_autoptr (WeftTraceReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  Collected c = { .in_order = TRUE };
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const WeftTraceInfo *info;

  reader = weft_trace_reader_new (collect, &c);
  g_assert_true (weft_trace_reader_feed (reader, data, len, &error));
  g_assert_true (weft_trace_reader_finish (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.count, ==, N_EVENTS);
  g_assert_cmpuint (c.execs, ==, N_EVENTS / 10);
  g_assert_true (c.in_order);
  info = weft_trace_reader_get_info (reader);
  g_assert_cmpuint (info->root_pid, ==, 42);
  g_assert_cmpstr (info->hostname, ==, "host");
  g_assert_cmpstr (info->argv[1], ==, "pool.py");
  g_assert_cmpuint (weft_trace_reader_get_lost_events (reader), ==, 7);
  g_assert_true (weft_trace_reader_has_end (reader));
  /* Compressed: well under the 24 bytes per event the format promises. */
  g_assert_cmpuint (len / N_EVENTS, <, 24);
}

static void
test_streamed_in_small_pieces (void)
{
  g_autoptr (GBytes) bytes = make_trace (TRUE);
  g_autoptr (GError) error = NULL;
  Collected c = { .in_order = TRUE };
  g_autoptr (WeftTraceReader) reader = weft_trace_reader_new (collect, &c);
  gsize len, pos = 0, step = 1;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  /* As a live recording arrives through a pipe: odd-sized pieces. */
  while (pos < len)
    {
      gsize n = MIN (step, len - pos);

      g_assert_true (weft_trace_reader_feed (reader, data + pos, n, &error));
      pos += n;
      step = step * 3 % 1021 + 1;
    }
  g_assert_true (weft_trace_reader_finish (reader, &error));
  g_assert_cmpuint (c.count, ==, N_EVENTS);
}

static void
test_truncated_everywhere (void)
{
  g_autoptr (GBytes) bytes = make_trace (TRUE);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint last_count = 0;

  /* Cut the file at every length: never a crash, always an error, and the
   * events delivered only grow with the length. */
  for (gsize cut = 0; cut < len; cut += (cut < 200 ? 1 : 37))
    {
      g_autoptr (GError) error = NULL;
      Collected c = { 0 };

      g_assert_false (read_bytes (data, cut, &c, &error));
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, WEFT_ERROR, WEFT_ERROR_TRUNCATED) ||
                     (cut == 0 && g_error_matches (error, WEFT_ERROR, WEFT_ERROR_NOT_A_TRACE)));
      g_assert_cmpuint (c.count, >=, last_count);
      g_assert_cmpuint (c.count, <=, N_EVENTS);
      last_count = c.count;
    }
  g_assert_cmpuint (last_count, ==, N_EVENTS); /* all chunks were whole, only END was cut */
}

static void
test_unfinished_recording (void)
{
  g_autoptr (GBytes) bytes = make_trace (FALSE);
  g_autoptr (GError) error = NULL;
  Collected c = { 0 };
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  /* A recorder killed after its last flush: every event, then "interrupted". */
  g_assert_false (read_bytes (data, len, &c, &error));
  g_assert_error (error, WEFT_ERROR, WEFT_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "interrupted"));
  g_assert_cmpuint (c.count, ==, N_EVENTS);
}

static void
test_corruption_is_detected (void)
{
  g_autoptr (GBytes) bytes = make_trace (TRUE);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  GRand *rand = g_rand_new_with_seed (1234);

  /* Flip one byte anywhere: the checksums must catch it. */
  for (int i = 0; i < 2000; i++)
    {
      g_autoptr (GError) error = NULL;
      gsize at = g_rand_int_range (rand, 0, len);
      guint8 flip = 1 + g_rand_int_range (rand, 0, 255);
      Collected c = { 0 };

      copy[at] ^= flip;
      g_assert_false (read_bytes (copy, len, &c, &error));
      g_assert_nonnull (error);
      /* A damaged chunk delivers none of its events. */
      g_assert_cmpuint (c.count % 1000, ==, 0);
      copy[at] ^= flip;
    }
  g_rand_free (rand);
}

/* A record with a valid checksum can still lie: an exec record whose
 * filename_len points past its 256-byte filename (found by the fuzzer)
 * is refused, not read out of bounds. */
static void
test_exec_name_past_its_buffer (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (WeftTraceWriter) writer = NULL;
  g_autoptr (WeftTraceReader) reader = NULL;
  char *argv[] = { (char *) "true", NULL };
  WeftTraceInfo info = { .start_monotonic_ns = 1000, .root_pid = 42, .hostname = (char *) "host",
                         .kernel = (char *) "6.1", .argv = argv };
  const gsize filename_len = 600;
  const gsize size = (G_STRUCT_OFFSET (struct weft_exec, filename) + filename_len + 1 + 7) & ~(gsize) 7;
  g_autofree guint8 *record = g_malloc0 (size);
  struct weft_exec *exec = (void *) record;
  Collected c = { 0 };
  gboolean truncated;
  int fd = g_file_open_tmp ("weft-unit-XXXXXX.weft", &path, &error);

  g_assert_no_error (error);
  exec->h.ts = 2000;
  exec->h.kind = WEFT_EV_EXEC;
  exec->h.size = size;
  exec->h.tgid = exec->h.tid = 42;
  exec->filename_len = filename_len;
  memset (record + G_STRUCT_OFFSET (struct weft_exec, filename), 'a', filename_len);
  writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);
  g_assert_true (weft_trace_writer_add (writer, record, size, &error));
  g_assert_true (weft_trace_writer_finish (writer, 0, 3000, &error));
  g_clear_object (&writer);

  reader = weft_trace_reader_new (collect, &c);
  g_assert_false (weft_trace_reader_read_file (reader, path, &truncated, &error));
  g_assert_error (error, WEFT_ERROR, WEFT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "An exec record in the trace is damaged."));
  g_assert_cmpuint (c.execs, ==, 0);
  g_unlink (path);
}

static void
test_random_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (99);

  for (int i = 0; i < 500; i++)
    {
      g_autoptr (GError) error = NULL;
      gsize len = g_rand_int_range (rand, 0, 4096);
      g_autofree guint8 *junk = g_malloc (len + 1);
      Collected c = { 0 };

      for (gsize j = 0; j < len; j++)
        junk[j] = g_rand_int (rand);
      /* Half of them even start like a trace. */
      if (i % 2 && len >= 8)
        memcpy (junk, WEFT_TRACE_MAGIC, 8);
      g_assert_false (read_bytes (junk, len, &c, &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (c.count, ==, 0);
    }
  g_rand_free (rand);
}

static void
test_wrong_version (void)
{
  g_autoptr (GBytes) bytes = make_trace (TRUE);
  g_autoptr (GError) error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  guint32 version = GUINT32_TO_LE (2);
  Collected c = { 0 };

  memcpy (copy + 8, &version, 4);
  g_assert_false (read_bytes (copy, len, &c, &error));
  g_assert_error (error, WEFT_ERROR, WEFT_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "version 2"));
}

static void
test_file_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceReader) reader = weft_trace_reader_new (NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("weft-unit-XXXXXX", &error);
  g_autofree char *empty = g_build_filename (dir, "empty.weft", NULL);
  gboolean truncated;

  g_assert_false (weft_trace_reader_read_file (reader, "/nonexistent/x.weft", &truncated, &error));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_clear_object (&reader);

  reader = weft_trace_reader_new (NULL, NULL);
  g_assert_false (weft_trace_reader_read_file (reader, dir, &truncated, &error));
  g_assert_nonnull (strstr (error->message, "is a directory"));
  g_clear_error (&error);
  g_clear_object (&reader);

  g_file_set_contents (empty, "", 0, NULL);
  reader = weft_trace_reader_new (NULL, NULL);
  g_assert_false (weft_trace_reader_read_file (reader, empty, &truncated, &error));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_unlink (empty);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace-file/round-trip", test_round_trip);
  g_test_add_func ("/trace-file/streamed", test_streamed_in_small_pieces);
  g_test_add_func ("/trace-file/truncated", test_truncated_everywhere);
  g_test_add_func ("/trace-file/unfinished", test_unfinished_recording);
  g_test_add_func ("/trace-file/corrupted", test_corruption_is_detected);
  g_test_add_func ("/trace-file/random-bytes", test_random_bytes);
  g_test_add_func ("/trace-file/exec-name-past-its-buffer", test_exec_name_past_its_buffer);
  g_test_add_func ("/trace-file/wrong-version", test_wrong_version);
  g_test_add_func ("/trace-file/file-errors", test_file_errors);
  return g_test_run ();
}

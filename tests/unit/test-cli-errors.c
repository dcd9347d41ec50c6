/*
 * test-cli-errors: every bad input a user can hand to the commands that
 * read a trace (dump, show, stats, stats --json, export) — a missing file,
 * a directory, not a trace (also one shorter than the signature), a newer
 * format version, an empty file, one cut inside its header, one cut before
 * its first chunk, one cut in the middle, one they may not read, and an
 * unknown option.  Each is one line on stderr ("weft: ..."), a non-zero
 * exit and no crash; a file cut in the middle is shown with a warning.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "weft-test-util.h"
#include "weft-trace-writer.h"

static char *dir;
static char *good;

/* A valid trace of a few hundred events, in several chunks. */
static void
write_good_trace (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceWriter) writer = NULL;
  const char *argv[] = { "demo", NULL };
  WeftTraceInfo info = { .start_monotonic_ns = 1000, .root_pid = 100, .hostname = (char *) "host",
                         .kernel = (char *) "6.1", .argv = (char **) argv };
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 400; i++)
    {
      struct weft_fork fork = { .h = { .ts = 2000 + i * 1000, .tgid = 100, .tid = 100,
                                       .kind = WEFT_EV_FORK, .size = sizeof fork },
                                .child_tgid = 1000 + i, .child_tid = 1000 + i, .child_ppid = 100 };
      struct weft_exit exit_ = { .h = { .ts = 2500 + i * 1000, .tgid = 1000 + i, .tid = 1000 + i,
                                        .kind = WEFT_EV_EXIT, .size = sizeof exit_ },
                                 .flags = WEFT_EXIT_GROUP_DEAD, .parent_tgid = 100 };

      g_assert_true (weft_trace_writer_add (writer, &fork, sizeof fork, &error));
      g_assert_true (weft_trace_writer_add (writer, &exit_, sizeof exit_, &error));
      if (i % 100 == 99)
        g_assert_true (weft_trace_writer_flush (writer, &error));
    }
  g_assert_true (weft_trace_writer_finish (writer, 0, 500000, &error));
  g_assert_no_error (error);
}

static char *
write_variant (const char *name, gsize keep, gboolean newer_version)
{
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  if (newer_version)
    contents[8] = 2;
  g_assert_true (g_file_set_contents (path, contents, MIN (keep, length), NULL));
  return path;
}

static int
run_as (gboolean as_nobody, const char *const *args, char **out, char **err)
{
  int status = weft_test_run_cli_in (dir, as_nobody, args, out, err);

  /* Never a crash: a signal would be 128 + n. */
  g_assert_cmpint (status, <, 128);
  return status;
}
/* Runs `weft COMMAND... FILE` for each reading command. */
static void
for_each_command (const char *file, const char *extra, gboolean as_nobody, int want_status,
                  const char *must_say)
{
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  const char *commands[][6] = {
    { "dump", file, extra, NULL },
    { "show", file, extra, NULL },
    { "stats", file, extra, NULL },
    { "stats", "--json", file, extra, NULL },
    { "export", file, "--format", "png", "-o", png },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[8] = { 0 };
      g_autofree char *out = NULL, *err = NULL;
      guint n = 0;
      int status;

      for (guint j = 0; j < 6 && commands[i][j]; j++)
        args[n++] = commands[i][j];
      if (i == 4 && extra)
        args[n++] = extra;
      status = run_as (as_nobody, args, &out, &err);
      if ((want_status == 0) != (status == 0) || !g_str_has_prefix (err, "weft: ") || !strstr (err, must_say) ||
          strchr (err, '\n') != err + strlen (err) - 1)
        g_error ("weft %s %s: exit %d, said \"%s\" (wanted %s exit and one line with \"%s\")", args[0], file, status,
                 err, want_status == 0 ? "a zero" : "a non-zero", must_say);
      if (want_status)
        g_assert_cmpint (status, ==, want_status);
    }
}

static void
test_missing_file (void)
{
  for_each_command ("nothing-here.weft", NULL, FALSE, 1, "does not exist");
}

static void
test_directory (void)
{
  for_each_command (dir, NULL, FALSE, 1, "is a directory");
}

static void
test_not_a_trace (void)
{
  g_autofree char *notes = g_build_filename (dir, "notes.weft", NULL);

  g_assert_true (g_file_set_contents (notes, "my homework, not a trace\n", -1, NULL));
  for_each_command (notes, NULL, FALSE, 1, "not a weft trace");
}

/* Shorter than the signature, and not its start: still not a trace. */
static void
test_short_text (void)
{
  g_autofree char *note = g_build_filename (dir, "note.weft", NULL);

  g_assert_true (g_file_set_contents (note, "hello\n", 6, NULL));
  for_each_command (note, NULL, FALSE, 1, "not a weft trace");
}

static void
test_newer_version (void)
{
  g_autofree char *future = write_variant ("future.weft", G_MAXSIZE, TRUE);

  for_each_command (future, NULL, FALSE, 1, "version 2");
}

static void
test_empty (void)
{
  g_autofree char *empty = write_variant ("empty.weft", 0, FALSE);

  for_each_command (empty, NULL, FALSE, 1, "empty");
}

static void
test_cut_in_header (void)
{
  g_autofree char *cut = write_variant ("header-cut.weft", 40, FALSE);

  for_each_command (cut, NULL, FALSE, 1, "cut short");
}

static void
test_cut_in_the_middle (void)
{
  struct stat st;
  g_autofree char *cut = NULL;

  g_assert_cmpint (g_stat (good, &st), ==, 0);
  cut = write_variant ("middle-cut.weft", st.st_size * 2 / 3, FALSE);
  /* Shown, with a warning that it was cut short. */
  for_each_command (cut, NULL, FALSE, 0, "cut short");
}

/* A whole header, then part of the first chunk: there are no events. */
static void
test_cut_before_first_chunk (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *out = NULL, *err = NULL;
  guint32 header_size;
  int status;

  g_assert_true (g_file_get_contents (good, &contents, NULL, NULL));
  memcpy (&header_size, contents + 12, sizeof header_size);
  cut = write_variant ("first-chunk-cut.weft", GUINT32_FROM_LE (header_size) + 20, FALSE);
  status = run_as (FALSE, (const char *[]) { "show", cut, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "holds no events before the cut"));
  g_assert_null (strstr (err, "--from"));
}

static void
test_not_readable (void)
{
  g_autofree char *secret = write_variant ("secret.weft", G_MAXSIZE, FALSE);

  g_assert_cmpint (g_chmod (secret, 0600), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  for_each_command (secret, NULL, TRUE, 1, "not allowed to read");
}

static void
test_unknown_option (void)
{
  for_each_command (good, "--frobnicate", FALSE, 2, "--help");
}

/* Runs weft with args and wants exit status 2 and one sentence with must_say. */
static void
assert_refused (const char *const *args, const char *must_say)
{
  g_autofree char *out = NULL, *err = NULL;
  int status = run_as (FALSE, args, &out, &err);

  if (status != 2 || !g_str_has_prefix (err, "weft: ") || !strstr (err, must_say) ||
      strchr (err, '\n') != err + strlen (err) - 1)
    g_error ("weft %s %s: exit %d, said \"%s\" (wanted exit 2 and one line with \"%s\")", args[0], args[2], status,
             err, must_say);
}

/* A time no recording reaches is out of range, not silently ignored, and
 * "inf" or "nan" is no time at all (each once undefined behaviour). */
static void
test_time_out_of_range (void)
{
  g_autofree char *png = g_build_filename (dir, "window.png", NULL);
  const char *show_from[] = { "show", good, "--from", "1e300", NULL };
  const char *show_to[] = { "show", good, "--to", "200days", NULL };
  const char *show_inf[] = { "show", good, "--to", "inf", NULL };
  const char *show_nan[] = { "show", good, "--from", "nan", NULL };
  const char *export_from[] = { "export", good, "--from", "1e300", "-f", "png", "-o", png, NULL };
  const char *export_to[] = { "export", good, "--to", "1e20ms", "-f", "png", "-o", png, NULL };
  const char *show_window[] = { "show", good, "--from", "100us", "--to", "0.0003", "--width", "40", NULL };
  g_autofree char *out = NULL, *err = NULL;

  assert_refused (show_from, "--from 1e300 is out of range: a recording lasts at most 100 days.");
  assert_refused (show_to, "--to needs a time such as 1.5");
  assert_refused (show_inf, "--to needs a time such as 1.5");
  assert_refused (show_nan, "--from needs a time such as 1.5");
  assert_refused (export_from, "--from 1e300 is out of range");
  assert_refused (export_to, "--to 1e20ms is out of range");
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  /* A window in range is drawn. */
  g_assert_cmpint (run_as (FALSE, show_window, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "0.000100 s"));
}

/* A PNG of 32000 x 32000 would need 4 GB of memory: refused in one
 * sentence that says what to do, before anything is allocated. */
static void
test_png_too_large (void)
{
  g_autofree char *png = g_build_filename (dir, "huge.png", NULL);
  const char *args[] = { "export", good, "-f", "png", "-o", png, "--width", "32000", "--height", "32000", NULL };

  assert_refused (args, "more than a PNG may have (100 million); choose a smaller width or height, or export SVG or PDF");
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("weft-cli-errors-XXXXXX", NULL);
  good = g_build_filename (dir, "good.weft", NULL);
  write_good_trace (good);
  g_test_add_func ("/cli-errors/missing-file", test_missing_file);
  g_test_add_func ("/cli-errors/directory", test_directory);
  g_test_add_func ("/cli-errors/not-a-trace", test_not_a_trace);
  g_test_add_func ("/cli-errors/short-text", test_short_text);
  g_test_add_func ("/cli-errors/newer-version", test_newer_version);
  g_test_add_func ("/cli-errors/empty", test_empty);
  g_test_add_func ("/cli-errors/cut-in-header", test_cut_in_header);
  g_test_add_func ("/cli-errors/cut-in-the-middle", test_cut_in_the_middle);
  g_test_add_func ("/cli-errors/cut-before-first-chunk", test_cut_before_first_chunk);
  g_test_add_func ("/cli-errors/not-readable", test_not_readable);
  g_test_add_func ("/cli-errors/unknown-option", test_unknown_option);
  g_test_add_func ("/cli-errors/time-out-of-range", test_time_out_of_range);
  g_test_add_func ("/cli-errors/png-too-large", test_png_too_large);
  result = g_test_run ();
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
  return result;
}

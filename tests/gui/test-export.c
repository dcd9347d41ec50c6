/*
 * test-export.c: `weft export` writes files other programs can open — PNG,
 * SVG and PDF through the timeline renderer, Chrome JSON through the model —
 * and says in one sentence what is wrong with bad arguments.
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gui-fixtures.h"
#include "weft-test-util.h"

typedef struct {
  char *dir;
  char *trace;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->trace = g_build_filename (f->dir, "deadlock.weft", NULL);
  gui_fixture_write_deadlock (f->trace);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->trace);
}

static char *
export (Fixture *f, const char *format, const char *name, const char *extra)
{
  char *out = g_build_filename (f->dir, name, NULL);
  const char *args[] = { "export", f->trace, "--format", format, "-o", out, extra, NULL };
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  int status = weft_test_run_cli (args, &stdout_text, &stderr_text);

  g_assert_cmpstr (stderr_text, ==, "");
  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
test_png (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, "png", "view.png", "--width=1200");
  g_autofree char *contents = NULL;
  gsize length;
  cairo_surface_t *image;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_true (memcmp (contents, "\211PNG\r\n\032\n", 8) == 0);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (image), >, 100);
  cairo_surface_destroy (image);
}

typedef struct {
  char *root;
  guint n_text;
  GString *text;
} SvgCheck;

static void
svg_start (GMarkupParseContext *context, const char *element, const char **names,
           const char **values, gpointer data, GError **error)
{
  SvgCheck *check = data;

  if (check->root == NULL)
    check->root = g_strdup (element);
}

static void
test_svg (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, "svg", "view.svg", "--presentation");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  GMarkupParser parser = { .start_element = svg_start };
  SvgCheck check = { 0 };
  GMarkupParseContext *context;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  /* Well-formed XML whose root is an <svg>. */
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (check.root, ==, "svg");
  g_free (check.root);
}

static void
test_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, "pdf", "view.pdf", "--from=0.5s");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* A complete PDF: one page, a cross-reference table and the trailer. */
  g_assert_nonnull (memmem (contents, length, "/Type /Page", 11));
  g_assert_nonnull (memmem (contents, length, "startxref", 9));
  g_assert_true (length > 6 && memcmp (contents + length - 6, "%%EOF\n", 6) == 0);
}


/* The renderer keeps the lost count on the picture itself: a PDF of a
 * real recording whose kernel buffer overflowed says how many. */
static void
test_lost_events_on_the_picture (Fixture *f, gconstpointer data)
{
  g_autofree char *storm = g_build_filename (g_getenv ("WEFT_BUILD_ROOT"), "tests", "programs", "event-rate", NULL);
  const char *argv[] = { storm, "0", "0.1", "2", NULL }; /* two threads, as fast as they can */
  const char *options[] = { "--test-ring-buffer-bytes=16384", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, options);
  g_autofree char *pdf = g_build_filename (f->dir, "lost.pdf", NULL);
  const char *args[] = { "export", trace->path, "--format", "pdf", "-o", pdf, NULL };
  const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_autofree char *said = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_cmpuint (trace->lost_events, >, 0);
  g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 0);
  g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  said = g_strdup_printf ("%" G_GUINT64_FORMAT " events lost", trace->lost_events);
  if (!strstr (text, said))
    g_error ("the exported picture does not say \"%s\":\n%s", said, text);
}

static void
test_chrome_json (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export (f, "chrome-json", "trace.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
}

static void
expect_usage_error (Fixture *f, const char *const *args, int expected_status)
{
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  int status = weft_test_run_cli (args, &stdout_text, &stderr_text);

  g_assert_cmpint (status, ==, expected_status);
  /* One clear sentence on one line. */
  g_assert_true (g_str_has_prefix (stderr_text, "weft: "));
  g_assert_cmpuint (strlen (stderr_text), >, 20);
  g_assert_null (strchr (stderr_text, '\n') == stderr_text + strlen (stderr_text) - 1 ? NULL : "multi-line");
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "x.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.weft", NULL);
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.weft", NULL);
  const char *unknown_format[] = { "export", f->trace, "--format", "bmp", "-o", out, NULL };
  const char *no_output[] = { "export", f->trace, "--format", "png", NULL };
  const char *bad_window[] = { "export", f->trace, "--format", "png", "-o", out, "--from", "2s", "--to", "1s", NULL };
  const char *bad_time[] = { "export", f->trace, "--format", "png", "-o", out, "--from", "soon", NULL };
  const char *missing_file[] = { "export", missing, "--format", "png", "-o", out, NULL };
  const char *not_a_trace[] = { "export", garbage, "--format", "svg", "-o", out, NULL };
  const char *unwritable[] = { "export", f->trace, "--format", "png", "-o", "/nonexistent-dir/x.png", NULL };

  g_assert_true (g_file_set_contents (garbage, "this is not a trace at all, just text", -1, NULL));
  expect_usage_error (f, unknown_format, 2);
  expect_usage_error (f, no_output, 2);
  expect_usage_error (f, bad_window, 2);
  expect_usage_error (f, bad_time, 2);
  expect_usage_error (f, missing_file, 1);
  expect_usage_error (f, not_a_trace, 1);
  expect_usage_error (f, unwritable, 1);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/export/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/export/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/export/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/lost-events", Fixture, NULL, fixture_set_up, test_lost_events_on_the_picture,
              fixture_tear_down);
  g_test_add ("/export/chrome-json", Fixture, NULL, fixture_set_up, test_chrome_json, fixture_tear_down);
  g_test_add ("/export/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  return g_test_run ();
}

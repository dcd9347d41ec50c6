/*
 * test-demo-catalog.c: the catalog loader on small catalogs written here
 * (every error a catalog author can make gets one clear sentence naming
 * the file and the demo), the languages, where programs are found, the
 * real catalog as a whole, and `weft demos` on the command line.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "weft-demo-catalog.h"
#include "weft-test-util.h"

#define TEXT(en, zh) "{\"en\": \"" en "\", \"zh_CN\": \"" zh "\"}"

/* One demo, with its id and an expect list spliced in. */
static char *
demo_json (const char *id, const char *expect)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"language\": \"c\", \"program\": \"zombie\","
                          " \"title\": " TEXT ("A zombie", "僵尸") ","
                          " \"description\": " TEXT ("It waits.", "它在等待。") ","
                          " \"look_for\": " TEXT ("The Z row.", "Z 那一行。") ","
                          " \"tutorial\": {\"seed\": \"004.txt\", \"section\": \"孤儿和僵尸\"},"
                          " \"expect\": %s}",
                          id, expect ? expect : "[{\"kind\": \"zombies\", \"min\": 1, \"min_ns\": 1000000000}]");
}

static char *
section_json (const char *section, int order, const char *demos)
{
  return g_strdup_printf ("{\"section\": \"%s\", \"order\": %d, \"title\": " TEXT ("Processes", "进程") ","
                          " \"demos\": [%s]}",
                          section, order, demos);
}

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("weft-catalog-XXXXXX", &error);
  g_assert_no_error (error);
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
}

static void
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Loads f's catalog, expecting it to fail with a message holding every
 * one of the NULL-terminated fragments. */
static void
assert_load_fails (Fixture *f, const char *first, ...)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = weft_demo_catalog_new_from_dir (f->dir, &error);
  va_list args;

  g_assert_null (catalog);
  g_assert_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID);
  g_test_message ("%s", error->message);
  va_start (args, first);
  for (const char *fragment = first; fragment; fragment = va_arg (args, const char *))
    if (!strstr (error->message, fragment))
      g_error ("\"%s\" does not say \"%s\"", error->message, fragment);
  va_end (args);
}

static void
test_valid (Fixture *f, gconstpointer data)
{
  g_autofree char *a = demo_json ("zombie", NULL);
  g_autofree char *b = demo_json ("orphan", "[{\"kind\": \"reparent\", \"min\": 1},"
                                            " {\"kind\": \"exit\", \"signal\": \"SIGSEGV\", \"min\": 1}]");
  g_autofree char *late = section_json ("ipc", 3, a);
  g_autofree char *early = section_json ("processes", 1, b);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = NULL;
  GPtrArray *sections;
  const WeftDemo *demo;
  const WeftDemoExpect *e;

  /* Name order is ipc, processes; the "order" keys put processes first. */
  write_file (f, "ipc.json", late);
  write_file (f, "processes.json", early);
  write_file (f, "README.txt", "not a section");
  catalog = weft_demo_catalog_new_from_dir (f->dir, &error);
  g_assert_no_error (error);
  sections = weft_demo_catalog_get_sections (catalog);
  g_assert_cmpuint (sections->len, ==, 2);
  g_assert_cmpstr (((WeftDemoSection *) g_ptr_array_index (sections, 0))->id, ==, "processes");
  g_assert_cmpstr (((WeftDemoSection *) g_ptr_array_index (sections, 1))->id, ==, "ipc");

  demo = weft_demo_catalog_lookup (catalog, "orphan");
  g_assert_nonnull (demo);
  g_assert_cmpstr (demo->section, ==, "processes");
  g_assert_cmpstr (demo->tutorial_section, ==, "孤儿和僵尸");
  g_assert_cmpstr (demo->args[0], ==, NULL);
  g_assert_false (demo->interactive);
  g_assert_cmpuint (demo->expect->len, ==, 2);
  e = g_ptr_array_index (demo->expect, 1);
  g_assert_cmpint (e->kind, ==, WEFT_EXPECT_EXIT);
  g_assert_false (e->has_code);
  g_assert_cmpint (e->signal, ==, 11);
  g_assert_null (weft_demo_catalog_lookup (catalog, "nothing"));
  g_assert_null (weft_demo_catalog_get_demo (catalog, "nothing", &error));
  g_assert_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_UNKNOWN_DEMO);
  g_assert_nonnull (strstr (error->message, "weft demos list"));
}

static void
test_bad_json (Fixture *f, gconstpointer data)
{
  write_file (f, "processes.json", "{\"section\": \"processes\", \"demos\": [");
  assert_load_fails (f, "processes.json", "not valid JSON", NULL);
}

static void
test_missing_chinese (Fixture *f, gconstpointer data)
{
  g_autofree char *demo = demo_json ("zombie", NULL);
  g_autofree char *broken = NULL;
  g_autofree char *section = NULL;

  /* The description has only English. */
  {
    g_autoptr (GString) text = g_string_new (demo);

    g_string_replace (text, ", \"zh_CN\": \"它在等待。\"", "", 1);
    broken = g_string_free (g_steal_pointer (&text), FALSE);
  }
  section = section_json ("processes", 1, broken);
  write_file (f, "processes.json", section);
  assert_load_fails (f, "processes.json", "\"zombie\"", "\"description\"", "zh_CN", NULL);
}

static void
test_duplicate_id (Fixture *f, gconstpointer data)
{
  g_autofree char *demo = demo_json ("zombie", NULL);
  g_autofree char *one = section_json ("processes", 1, demo);
  g_autofree char *two = section_json ("threads", 2, demo);

  write_file (f, "processes.json", one);
  write_file (f, "threads.json", two);
  assert_load_fails (f, "threads.json", "\"zombie\"", "processes.json", "unique", NULL);
}

static void
test_unknown_kind (Fixture *f, gconstpointer data)
{
  g_autofree char *demo = demo_json ("zombie", "[{\"kind\": \"zombie\", \"min\": 1}]");
  g_autofree char *section = section_json ("processes", 1, demo);

  write_file (f, "processes.json", section);
  assert_load_fails (f, "processes.json", "\"zombie\"", "unknown expectation kind \"zombie\"", NULL);
}

/* Each mistake that would silently weaken or break a demo. */
static void
test_other_mistakes (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *expect;
    const char *says;
  } cases[] = {
    { "[{\"kind\": \"zombies\", \"min\": 1, \"min_n\": 5}]", "no key \"min_n\"" },
    { "[{\"kind\": \"zombies\", \"min\": 1}]", "needs \"min_ns\"" },
    { "[{\"kind\": \"exit\", \"code\": 1, \"signal\": 9, \"min\": 1}]", "not both" },
    { "[{\"kind\": \"exit\", \"signal\": \"SIGNOPE\", \"min\": 1}]", "signal" },
    { "[{\"kind\": \"state\", \"state\": \"asleep\", \"min_ns\": 1}]", "\"asleep\"" },
    { "[{\"kind\": \"processes\", \"min\": -1}]", "whole number" },
    { "[{\"kind\": \"io_waits\", \"io\": \"sendfile\", \"min\": 1}]", "\"sendfile\"" },
    { "[{\"kind\": \"deadlock\", \"type\": \"loop\", \"threads\": 2}]", "\"loop\"" },
    { "[{\"kind\": \"python\", \"threads\": \"teller-1\"}]", "needs \"waits_in\"" },
    { "[]", "at least one" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *demo = demo_json ("zombie", cases[i].expect);
      g_autofree char *section = section_json ("processes", 1, demo);

      write_file (f, "processes.json", section);
      assert_load_fails (f, "processes.json", "\"zombie\"", cases[i].says, NULL);
    }
}

static void
test_section_mistakes (Fixture *f, gconstpointer data)
{
  g_autofree char *demo = demo_json ("zombie", NULL);
  g_autofree char *misnamed = section_json ("process", 1, demo);
  g_autofree char *bad_id = demo_json ("Zombie_1", NULL);
  g_autofree char *with_bad_id = section_json ("processes", 1, bad_id);

  write_file (f, "processes.json", misnamed);
  assert_load_fails (f, "processes.json", "\"section\" must be \"processes\"", NULL);
  write_file (f, "processes.json", with_bad_id);
  assert_load_fails (f, "processes.json", "lower-case", NULL);
  write_file (f, "processes.json", "[1, 2]");
  assert_load_fails (f, "processes.json", "one JSON object", NULL);
}

static void
test_empty_dir (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = weft_demo_catalog_new_from_dir (f->dir, &error);

  g_assert_null (catalog);
  g_assert_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_CATALOG);
}

static void
test_languages (void)
{
  WeftDemoText text = { (char *) "A zombie", (char *) "僵尸" };

  g_setenv ("LANGUAGE", "zh_CN:en", TRUE);
  g_assert_cmpstr (weft_demo_user_language (), ==, "zh_CN");
  g_assert_cmpstr (weft_demo_text_get (&text), ==, "僵尸");
  g_setenv ("LANGUAGE", "de:en", TRUE);
  g_assert_cmpstr (weft_demo_text_get (&text), ==, "A zombie");
  g_setenv ("LANGUAGE", "en_GB:zh_CN", TRUE);
  g_assert_cmpstr (weft_demo_text_get (&text), ==, "A zombie");
  g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (weft_demo_text_get_for (&text, "zh_CN"), ==, "僵尸");
  g_assert_cmpstr (weft_demo_text_get_for (&text, "fr"), ==, "A zombie");
}

/* WEFT_DEMOS_DIR comes first: a program there wins over the build tree. */
static void
test_demos_dir (Fixture *f, gconstpointer data)
{
  g_autofree char *sub = g_build_filename (f->dir, "c", NULL);
  g_autofree char *program = g_build_filename (sub, "zombie", NULL);
  g_autofree char *catalog_dir = g_build_filename (f->dir, "catalog", NULL);
  g_autofree char *demo_text = demo_json ("zombie", NULL);
  g_autofree char *section = section_json ("processes", 1, demo_text);
  g_autofree char *section_path = g_build_filename (catalog_dir, "processes.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = NULL;
  g_auto (GStrv) argv = NULL;
  const WeftDemo *demo;

  g_mkdir (sub, 0755);
  g_mkdir (catalog_dir, 0755);
  g_file_set_contents (program, "#!/bin/sh\n", -1, &error);
  g_assert_no_error (error);
  g_chmod (program, 0755);
  g_file_set_contents (section_path, section, -1, &error);
  g_assert_no_error (error);

  g_setenv ("WEFT_DEMOS_DIR", f->dir, TRUE);
  catalog = weft_demo_catalog_new (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (weft_demo_catalog_get_dir (catalog), ==, catalog_dir);
  demo = weft_demo_catalog_lookup (catalog, "zombie");
  argv = weft_demo_get_argv (demo, WEFT_DEMO_OUTPUT_PIPE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (argv[0], ==, program);
  g_clear_object (&catalog);

  /* A mistyped WEFT_DEMOS_DIR is an error, not silently ignored. */
  g_setenv ("WEFT_DEMOS_DIR", "/nonexistent/weft-demos", TRUE);
  catalog = weft_demo_catalog_new (&error);
  g_assert_null (catalog);
  g_assert_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_CATALOG);
  g_assert_nonnull (strstr (error->message, "/nonexistent/weft-demos"));
  g_clear_error (&error);
  g_unsetenv ("WEFT_DEMOS_DIR");

  g_unlink (program);
  g_unlink (section_path);
  g_rmdir (sub);
  g_rmdir (catalog_dir);
}

static gboolean
seed_has_heading (const char *seeds, const char *seed, const char *heading)
{
  g_autofree char *path = g_build_filename (seeds, seed, NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  return strstr (text, heading) != NULL;
}

/* The catalog in demos/catalog: loads, every program is there, every
 * Python demo is a mirror (-py), every tutorial reference is real. */
static void
test_real_catalog (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = weft_demo_catalog_new (&error);
  g_autoptr (GPtrArray) demos = NULL;
  g_autofree char *seeds = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "..", "shared", "seeds", NULL);
  gboolean have_seeds = g_file_test (seeds, G_FILE_TEST_IS_DIR);

  g_assert_no_error (error);
  demos = weft_demo_catalog_list_demos (catalog);
  g_assert_cmpuint (demos->len, >=, 12);
  if (!have_seeds)
    g_test_message ("no course seeds at %s: tutorial references not checked", seeds);
  for (guint i = 0; i < demos->len; i++)
    {
      const WeftDemo *demo = g_ptr_array_index (demos, i);
      g_auto (GStrv) argv = weft_demo_get_argv (demo, WEFT_DEMO_OUTPUT_PIPE, &error);

      g_assert_no_error (error);
      if (demo->language == WEFT_DEMO_LANGUAGE_PYTHON)
        {
          g_auto (GStrv) on_terminal = weft_demo_get_argv (demo, WEFT_DEMO_OUTPUT_TERMINAL, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (argv[0], ==, "/usr/bin/python3");
          g_assert_true (g_str_has_suffix (demo->id, "-py"));
          /* Unbuffered into a pipe; on a terminal, Python's own whole
           * lines (-u would split a print from its newline). */
          g_assert_cmpstr (argv[1], ==, "-u");
          g_assert_cmpstr (on_terminal[0], ==, "/usr/bin/python3");
          g_assert_cmpstr (on_terminal[1], ==, argv[2]);
        }
      else
        g_assert_true (g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE));
      if (have_seeds && !seed_has_heading (seeds, demo->tutorial_seed, demo->tutorial_section))
        g_error ("demo %s: seed %s has no heading \"%s\"", demo->id, demo->tutorial_seed, demo->tutorial_section);
    }
}

static void
test_cli (void)
{
  const char *list[] = { "demos", "list", NULL };
  const char *json[] = { "demos", "list", "--json", NULL };
  const char *run_unknown[] = { "demos", "run", "no-such-demo", NULL };
  const char *check_unknown[] = { "demos", "check", "x.weft", "no-such-demo", NULL };
  const char *no_args[] = { "demos", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (weft_test_run_cli (list, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "zombie"));
  g_assert_nonnull (strstr (out, "A zombie child"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpint (weft_test_run_cli (list, &out, &err), ==, 0);
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (strstr (out, "僵尸子进程"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (weft_test_run_cli (json, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "\"zombies: 1 lasting ≥ 1.5 s\""));
  g_assert_nonnull (strstr (out, "demos/c/zombie\""));
  g_assert_nonnull (strstr (out, "\"/usr/bin/python3\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (weft_test_run_cli (run_unknown, &out, &err), ==, 2);
  g_assert_cmpstr (err, ==, "weft: There is no demo \"no-such-demo\"; run 'weft demos list' to see the demo ids.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (weft_test_run_cli (check_unknown, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-demo"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (weft_test_run_cli (no_args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "weft demos list"));
}

/* `weft demos run` records (root), `weft demos check` re-checks the saved
 * trace: met for its own demo, not met (exit 1) for another's. */
static void
test_cli_run_and_check (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("weft-demos-cli-XXXXXX", &error);
  g_autofree char *trace = g_build_filename (dir, "zombie.weft", NULL);
  const char *run[] = { "demos", "run", "zombie", "-o", trace, NULL };
  const char *check_own[] = { "demos", "check", trace, "zombie", NULL };
  const char *check_other[] = { "demos", "check", trace, "orphan", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (weft_test_run_cli (run, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "exiting with code 7"));
  g_assert_nonnull (strstr (out, "A zombie child\n"));
  g_assert_nonnull (strstr (out, "Look for: "));
  g_assert_nonnull (strstr (out, "met      zombies: 1 lasting ≥ 1.5 s wanted, found 1"));
  g_assert_nonnull (strstr (out, "Every expected phenomenon is in the trace."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (weft_test_run_cli (check_own, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "met      exit: ≥ 1 with code 7 wanted, found 1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (weft_test_run_cli (check_other, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "NOT MET  reparent: ≥ 1 orphans adopted wanted, found 0"));
  g_unlink (trace);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/demo-catalog/valid", Fixture, NULL, fixture_set_up, test_valid, fixture_tear_down);
  g_test_add ("/demo-catalog/bad-json", Fixture, NULL, fixture_set_up, test_bad_json, fixture_tear_down);
  g_test_add ("/demo-catalog/missing-zh-cn", Fixture, NULL, fixture_set_up, test_missing_chinese, fixture_tear_down);
  g_test_add ("/demo-catalog/duplicate-id", Fixture, NULL, fixture_set_up, test_duplicate_id, fixture_tear_down);
  g_test_add ("/demo-catalog/unknown-kind", Fixture, NULL, fixture_set_up, test_unknown_kind, fixture_tear_down);
  g_test_add ("/demo-catalog/other-mistakes", Fixture, NULL, fixture_set_up, test_other_mistakes, fixture_tear_down);
  g_test_add ("/demo-catalog/section-mistakes", Fixture, NULL, fixture_set_up, test_section_mistakes, fixture_tear_down);
  g_test_add ("/demo-catalog/empty-dir", Fixture, NULL, fixture_set_up, test_empty_dir, fixture_tear_down);
  g_test_add ("/demo-catalog/demos-dir", Fixture, NULL, fixture_set_up, test_demos_dir, fixture_tear_down);
  g_test_add_func ("/demo-catalog/languages", test_languages);
  g_test_add_func ("/demo-catalog/real-catalog", test_real_catalog);
  g_test_add_func ("/demo-catalog/cli", test_cli);
  g_test_add_func ("/demo-catalog/cli-run-and-check", test_cli_run_and_check);
  return g_test_run ();
}

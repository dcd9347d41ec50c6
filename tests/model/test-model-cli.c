/*
 * test-model-cli.c: `weft show` and `weft stats --json` against golden
 * files (on a synthetic trace written with WeftTraceWriter, so the output
 * is deterministic), the chrome-json exporter, and one clear sentence for
 * every bad input.
 *
 * WEFT_UPDATE_GOLDEN=1 rewrites the golden files (then read the diff).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "synth-trace.h"
#include "weft-export-chrome.h"
#include "weft-stats.h"
#include "weft-test-util.h"

#define ROOT 100
#define LOCK_A 0x601000
#define LOCK_B 0x601040

typedef struct {
  char *dir;
  char *trace;
} Fixture;

/* A small class demo: a parent forks a child that becomes a zombie, a
 * worker process with two threads deadlocking on two mutexes, a pipe
 * between parent and child, a select loop, and a signal. */
static void
build_demo (SynthTrace *s)
{
  const gint32 watch[] = { 3 | (1u << 29), 5 | (1u << 29) };

  synth_exec (s, MS (1), ROOT, "/usr/bin/demo", "demo");
  synth_object (s, MS (2), ROOT, 4, WEFT_OBJ_PIPE, 4242, NULL);
  synth_object (s, MS (2), ROOT, 3, WEFT_OBJ_PIPE, 4242, NULL);
  synth_fork (s, MS (3), ROOT, ROOT, 200, 200, FALSE, "demo");
  synth_object (s, MS (3), 200, 4, WEFT_OBJ_PIPE, 4242, NULL);
  synth_syscall (s, MS (10), MS (12), 200, 200, 1, 4, 64);      /* child writes */
  synth_syscall_begin (s, MS (8), ROOT, ROOT, 23, -1);          /* parent selects */
  synth_fdset (s, MS (8), ROOT, ROOT, 23, WEFT_FDSET_WATCH, watch, 2);
  synth_syscall_end (s, MS (12) + 500, ROOT, ROOT, 23, -1, 1);
  synth_syscall (s, MS (13), MS (14), ROOT, ROOT, 0, 3, 64);    /* parent reads */
  synth_exit (s, MS (20), 200, 200, 7 << 8, TRUE, ROOT);
  synth_fork (s, MS (25), ROOT, ROOT, 300, 300, FALSE, "worker");
  synth_fork (s, MS (26), 300, 300, 300, 301, TRUE, "t1");
  synth_fork (s, MS (26) + 100, 300, 300, 300, 302, TRUE, "t2");
  synth_lock_name (s, MS (27), 300, LOCK_A, "lock_a");
  synth_lock_name (s, MS (27), 300, LOCK_B, "lock_b");
  synth_futex_wait (s, MS (28), 300, 300, 0x7000, WEFT_FUTEX_CLASS_COND, 0, 0, FALSE); /* join */
  synth_futex_wait (s, MS (30), 300, 301, LOCK_B, WEFT_FUTEX_CLASS_MUTEX, 302, 0, FALSE);
  synth_futex_wait (s, MS (32), 300, 302, LOCK_A, WEFT_FUTEX_CLASS_MUTEX, 301, 0, FALSE);
  synth_syscall (s, MS (40), MS (70), ROOT, ROOT, 35, -1, 0);   /* parent sleeps */
  synth_wait (s, MS (70), MS (71), ROOT, ROOT, 200, 7 << 8);     /* reaps the zombie */
  synth_signal (s, MS (80), ROOT, ROOT, 300, 9, TRUE);
  synth_exit (s, MS (81), 300, 301, 9, FALSE, ROOT);
  synth_exit (s, MS (81), 300, 302, 9, FALSE, ROOT);
  synth_exit (s, MS (81), 300, 300, 9, TRUE, ROOT);
  synth_wait (s, MS (82), MS (83), ROOT, ROOT, 300, 9);
  synth_exit (s, MS (90), ROOT, ROOT, 0, TRUE, 1);
  synth_reap (s, MS (91), 1, ROOT, WEFT_REAP_BY_RECORDER);
  synth_stop (s, MS (92), 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SynthTrace) s = synth_new (ROOT);

  f->dir = g_dir_make_tmp ("weft-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->trace = g_build_filename (f->dir, "demo.weft", NULL);
  build_demo (s);
  synth_write (s, f->trace);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (!g_getenv ("WEFT_KEEP")) weft_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->trace);
}

/* Runs weft in dir (so paths in the output are relative). */
static int
run_weft (const char *dir, const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_environ_unsetenv (g_get_environ (), "NO_COLOR");
  int status = 0;

  g_ptr_array_add (argv, (char *) weft_test_weft_bin ());
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

static void
check_golden (const char *name, const char *actual)
{
  const char *dir = g_getenv ("WEFT_GOLDEN_DIR");
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  if (g_getenv ("WEFT_UPDATE_GOLDEN"))
    {
      g_assert_true (g_file_set_contents (path, actual, -1, &error));
      return;
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_show_golden (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "show", "demo.weft", "--width", "60", NULL };

  g_assert_cmpint (run_weft (f->dir, args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* What a person looks for, then the whole picture. */
  g_assert_nonnull (strstr (out, "exited with code 7, zombie 0.051000 s, reaped by demo 100"));
  g_assert_nonnull (strstr (out, "killed by SIGKILL"));
  g_assert_nonnull (strstr (out, "DEADLOCK (cycle) at 0.032000 s: threads t2 302, t1 301 waiting on lock_a, lock_b"));
  g_assert_nonnull (strstr (out, "XXX"));
  g_assert_nonnull (strstr (out, "ZZZ"));
  check_golden ("show.txt", out);
}

static void
test_show_window_and_pid (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "show", "demo.weft", "--pid", "300", "--from", "25ms", "--to", "0.085", "--width", "30", NULL };

  g_assert_cmpint (run_weft (f->dir, args, &out, &err), ==, 0);
  g_assert_null (strstr (out, "200 demo"));
  g_assert_nonnull (strstr (out, "300 worker"));
  g_assert_nonnull (strstr (out, "301 t1"));
  g_assert_nonnull (strstr (out, "0.025000 s"));
  check_golden ("show-window.txt", out);
}

static void
test_stats_json_golden (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "stats", "demo.weft", "--json", NULL };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *child = NULL;
  JsonArray *processes, *deadlocks, *queues;

  g_assert_cmpint (run_weft (f->dir, args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "duration_ns"), ==, MS (92));
  processes = json_object_get_array_member (root, "processes");
  g_assert_cmpuint (json_array_get_length (processes), ==, 3);
  for (guint i = 0; i < json_array_get_length (processes); i++)
    if (json_object_get_int_member (json_array_get_object_element (processes, i), "pid") == 200)
      child = json_array_get_object_element (processes, i);
  g_assert_nonnull (child);
  g_assert_cmpint (json_object_get_int_member (child, "exit_code"), ==, 7);
  g_assert_true (json_object_get_null_member (child, "exit_signal"));
  g_assert_cmpint (json_object_get_int_member (child, "reaped_by"), ==, ROOT);
  g_assert_cmpint (json_object_get_int_member (child, "zombie_ns"), ==, MS (51));
  deadlocks = json_object_get_array_member (root, "deadlocks");
  g_assert_cmpuint (json_array_get_length (deadlocks), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (deadlocks, 0), "kind"), ==, "cycle");
  queues = json_object_get_array_member (root, "queues");
  g_assert_cmpuint (json_array_get_length (queues), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (queues, 0), "bytes_written"), ==, 64);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (queues, 0), "bytes_read"), ==, 64);
  check_golden ("stats.json", out);
}

static void
test_stats_text (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "stats", "demo.weft", NULL };

  g_assert_cmpint (run_weft (f->dir, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "processes (3)"));
  g_assert_nonnull (strstr (out, "zombie for 0.051000 s until reaped by demo 100"));
  g_assert_nonnull (strstr (out, "cycle at 0.032000 s"));
  g_assert_nonnull (strstr (out, "pipe:[4242]: 64 bytes written"));
}

static void
test_chrome_export (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftModel) model = weft_model_new_from_file (f->trace, NULL, &error);
  g_autofree char *out = g_build_filename (f->dir, "demo.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *events;
  guint names = 0, slices = 0, flow_starts = 0, flow_ends = 0, markers = 0;
  gboolean deadlock_marker = FALSE;

  g_assert_no_error (error);
  g_assert_true (weft_export_chrome_json (model, out, &error));
  g_assert_true (json_parser_load_from_file (parser, out, &error));
  g_assert_no_error (error);
  events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "traceEvents");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (e, "ph");

      g_assert_true (json_object_has_member (e, "pid"));
      if (g_str_equal (ph, "M") && g_str_has_suffix (json_object_get_string_member (e, "name"), "_name"))
        names++;
      else if (g_str_equal (ph, "X"))
        {
          slices++;
          g_assert_cmpfloat (json_object_get_double_member (e, "dur"), >=, 0);
        }
      else if (g_str_equal (ph, "s"))
        flow_starts++;
      else if (g_str_equal (ph, "f"))
        flow_ends++;
      else if (g_str_equal (ph, "i"))
        {
          markers++;
          if (g_str_has_prefix (json_object_get_string_member (e, "name"), "DEADLOCK"))
            deadlock_marker = TRUE;
        }
    }
  g_assert_cmpuint (names, ==, 3 + 5); /* 3 processes, 5 threads */
  g_assert_cmpuint (slices, >, 10);
  g_assert_cmpuint (flow_starts, >, 0);
  g_assert_cmpuint (flow_starts, ==, flow_ends);
  g_assert_cmpuint (markers, >, 0);
  g_assert_true (deadlock_marker);
}

/* One sentence on stderr and a non-zero exit, for each bad input. */
static void
expect_error (const char *dir, const char *const *args, const char *fragment)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_weft (dir, args, &out, &err), !=, 0);
  g_assert_true (g_str_has_prefix (err, "weft: "));
  if (!strstr (err, fragment))
    g_error ("expected \"%s\" in: %s", fragment, err);
  g_assert_cmpuint (strchr (err, '\n') - err + 1, ==, strlen (err));
}

static void
test_bad_inputs (Fixture *f, gconstpointer data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *future = g_build_filename (f->dir, "future.weft", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.weft", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *missing[] = { "show", "nothing.weft", NULL };
  const char *directory[] = { "stats", ".", NULL };
  const char *not_trace[] = { "show", "notes.txt", NULL };
  const char *version[] = { "stats", "--json", "future.weft", NULL };
  const char *empty_args[] = { "show", "empty.weft", NULL };
  const char *no_file[] = { "show", NULL };
  const char *bad_time[] = { "show", "demo.weft", "--from", "soon", NULL };
  const char *bad_pid[] = { "show", "demo.weft", "--pid", "4242", NULL };
  const char *bad_window[] = { "show", "demo.weft", "--from", "2", "--to", "1", NULL };

  g_assert_true (g_file_set_contents (text, "These are my notes, not a trace.\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_get_contents (f->trace, &contents, &length, NULL));
  contents[8] = 99; /* version */
  g_assert_true (g_file_set_contents (future, contents, length, NULL));

  expect_error (f->dir, missing, "does not exist");
  expect_error (f->dir, directory, "is a directory");
  expect_error (f->dir, not_trace, "not a weft trace");
  expect_error (f->dir, version, "version");
  expect_error (f->dir, empty_args, "empty");
  expect_error (f->dir, no_file, "exactly one trace file");
  expect_error (f->dir, bad_time, "--from");
  expect_error (f->dir, bad_pid, "not in this trace");
  expect_error (f->dir, bad_window, "window is empty");
}

/* A trace cut short is still shown, with a warning. */
static void
test_truncated_shown_with_warning (Fixture *f, gconstpointer data)
{
  g_autofree char *cut = g_build_filename (f->dir, "cut.weft", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL, *err = NULL;
  gsize length = 0;
  const char *args[] = { "show", "cut.weft", "--width", "40", NULL };

  g_assert_true (g_file_get_contents (f->trace, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, length - 40, NULL));
  g_assert_cmpint (run_weft (f->dir, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "warning"));
  g_assert_nonnull (strstr (err, "cut short"));
  g_assert_nonnull (strstr (out, "100 demo"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/model/cli/show-golden", test_show_golden);
  ADD ("/model/cli/show-window-and-pid", test_show_window_and_pid);
  ADD ("/model/cli/stats-json-golden", test_stats_json_golden);
  ADD ("/model/cli/stats-text", test_stats_text);
  ADD ("/model/cli/chrome-export", test_chrome_export);
  ADD ("/model/cli/bad-inputs", test_bad_inputs);
  ADD ("/model/cli/truncated-shown-with-warning", test_truncated_shown_with_warning);
  return g_test_run ();
}

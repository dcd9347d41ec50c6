/*
 * test-fuzz-short: the CI's short fuzz run.  Records small real programs
 * with the real recorder, turns the traces into seeds (raw chunks, so
 * mutations reach the records), checks each seed reads back whole, then
 * runs each libFuzzer target (built with ASan+UBSan) on those seeds for a
 * bounded time.  Any crash, leak or sanitizer report fails the test and
 * leaves the input in the corpus directory.
 *
 * WEFT_FUZZ_CORPUS=DIR keeps the corpus there (for a longer run by hand).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "fuzz-seeds.h"
#include "weft-test-crafted.h"
#include "weft-test-util.h"

#define SECONDS_PER_TARGET "25"

static char *corpus_dir;

static void
add_seeds_from (const char *name, const char *const *argv)
{
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *raw = g_strdup_printf ("%s/%s-raw.weft", corpus_dir, name);
  g_autofree char *whole = g_strdup_printf ("%s/%s.weft", corpus_dir, name);
  g_autofree char *contents = NULL;
  gsize length;
  guint written = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpuint (trace->events->len, >, 10);
  g_assert_true (weft_fuzz_write_seed (trace->path, raw, 300, 8, &written, &error));
  g_assert_no_error (error);

  /* A seed is a valid trace holding exactly the events it was cut to. */
  {
    g_autoptr (WeftTestTrace) seed = weft_test_load (raw, &error);

    g_assert_no_error (error);
    g_assert_false (seed->truncated);
    g_assert_cmpuint (seed->events->len, ==, written);
    g_assert_cmpuint (written, ==, MIN (trace->events->len, 300));
    g_free (g_steal_pointer (&seed->path)); /* keep the file */
  }
  /* The whole compressed recording too, when it is small. */
  g_assert_true (g_file_get_contents (trace->path, &contents, &length, &error));
  if (length < 64 * 1024)
    g_assert_true (g_file_set_contents (whole, contents, length, &error));
  g_assert_no_error (error);
}

/* The shapes that once broke every reader (test-crafted): a deep fork
 * chain and many children as raw seeds, the far-future event as written. */
static void
add_crafted_seeds (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *chain = weft_test_write_crafted (corpus_dir, "chain.weft", WEFT_CRAFTED_CHAIN, 3000);
  g_autofree char *children = weft_test_write_crafted (corpus_dir, "children.weft", WEFT_CRAFTED_MANY_CHILDREN, 1000);
  g_autofree char *chain_raw = g_strdup_printf ("%s/chain-raw.weft", corpus_dir);
  g_autofree char *children_raw = g_strdup_printf ("%s/children-raw.weft", corpus_dir);
  g_autofree char *far = weft_test_write_crafted (corpus_dir, "far-future.weft", WEFT_CRAFTED_FAR_FUTURE, 0);
  guint written = 0;

  g_assert_true (weft_fuzz_write_seed (chain, chain_raw, 3000, 64, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 3000);
  g_assert_true (weft_fuzz_write_seed (children, children_raw, 3000, 64, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 3000);
  g_assert_true (g_file_test (far, G_FILE_TEST_EXISTS));
}

static void
make_corpus (void)
{
  g_autofree char *fork3 = weft_test_program_path ("fork3");
  g_autofree char *threads = weft_test_program_path ("threads");
  g_autofree char *pipe_pc = weft_test_program_path ("pipe-pc");
  g_autofree char *mq_pc = weft_test_program_path ("mq-pc");
  g_autofree char *mutex = weft_test_program_path ("mutex-contend");
  g_autofree char *fdwait = weft_test_program_path ("fdwait-server");
  const char *a_fork3[] = { fork3, NULL };
  const char *a_threads[] = { threads, NULL };
  const char *a_pipe[] = { pipe_pc, NULL };
  const char *a_mq[] = { mq_pc, NULL };
  const char *a_mutex[] = { mutex, NULL };
  const char *a_epoll[] = { fdwait, "epoll", NULL };
  const char *a_select[] = { fdwait, "select", NULL };

  add_seeds_from ("fork3", a_fork3);
  add_seeds_from ("threads", a_threads);
  add_seeds_from ("pipe-pc", a_pipe);
  add_seeds_from ("mq-pc", a_mq);
  add_seeds_from ("mutex-contend", a_mutex);
  add_seeds_from ("epoll", a_epoll);
  add_seeds_from ("select", a_select);
  add_crafted_seeds ();
}

static void
run_fuzzer (gconstpointer env_name)
{
  const char *fuzzer = g_getenv (env_name);
  g_autofree char *artifacts = g_strdup_printf ("%s/", corpus_dir);
  g_autofree char *prefix = g_strdup_printf ("-artifact_prefix=%s", artifacts);
  g_autofree char *work = g_strdup_printf ("%s/%s-work", corpus_dir, (const char *) env_name);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  int status;

  g_assert_nonnull (fuzzer);
  /* New inputs go to a working copy; the recorded seeds are read alongside. */
  g_mkdir_with_parents (work, 0755);
  {
    const char *argv[] = { fuzzer, "-max_total_time=" SECONDS_PER_TARGET, "-timeout=10",
                           "-rss_limit_mb=2048", "-print_final_stats=1", prefix, work, corpus_dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  {
    const char *execs = strstr (err, "stat::number_of_executed_units:");
    const char *cov = strstr (err, "cov: ");

    g_test_message ("%s: %.*s", (const char *) env_name, execs ? (int) strcspn (execs, "\n") : 0, execs ? execs : "");
    g_test_message ("%.*s", cov ? (int) strcspn (cov, "\n") : 0, cov ? cov : "");
  }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the fuzzer found a problem (input kept in %s):\n%s", corpus_dir, err);

  dir = g_dir_open (corpus_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    g_assert_false (g_str_has_prefix (name, "crash-") || g_str_has_prefix (name, "leak-") ||
                    g_str_has_prefix (name, "timeout-") || g_str_has_prefix (name, "oom-"));
}

int
main (int argc, char **argv)
{
  const char *keep = g_getenv ("WEFT_FUZZ_CORPUS");
  int result;

  g_test_init (&argc, &argv, NULL);
  if (keep)
    {
      corpus_dir = g_strdup (keep);
      g_mkdir_with_parents (corpus_dir, 0755);
    }
  else
    corpus_dir = g_dir_make_tmp ("weft-fuzz-XXXXXX", NULL);
  g_test_add_func ("/fuzz/seeds-from-recordings", make_corpus);
  g_test_add_data_func ("/fuzz/trace-reader", "WEFT_FUZZ_READER", run_fuzzer);
  g_test_add_data_func ("/fuzz/model", "WEFT_FUZZ_MODEL", run_fuzzer);
  result = g_test_run ();
  if (!keep && result == 0)
    weft_test_remove_tree (corpus_dir);
  g_free (corpus_dir);
  return result;
}

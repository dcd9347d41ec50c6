/*
 * test-demos-record.c: every demo of the catalog, recorded with the real
 * recorder (`weft record`, as root) and checked against its expectations
 * through the model.  One test case per demo id (/demos/SECTION/ID), so a
 * failure names the demo and says which phenomenon is missing.
 *
 * Recordings run WEFT_DEMO_JOBS at a time (default 2) in the background,
 * in catalog order, while the test cases wait for theirs in that order.
 * A demo that promises threads running in parallel is recorded alone: a
 * neighbour demo on the second CPU would take away what it shows.
 * Optional arguments restrict the run to some sections.  With --cover,
 * only a set of demos that between them show every kind of phenomenon
 * (and its state, IO, queue, signal, coroutine or deadlock variant), every
 * language, section and recording option: the sanitized build records
 * those, so that it checks the code behind each at a quarter of the time
 * (the normal build records every demo).
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "weft-demo-catalog.h"
#include "weft-demo-expect.h"
#include "weft-test-util.h"

/* A demo takes 2-10 s; one that has not ended long after is hung. */
#define DEMO_TIMEOUT_S 90

typedef struct {
  const WeftDemo *demo;
  GMutex lock;
  GCond done_cond;
  gboolean done;
  /* results, set by the worker */
  char *failure;      /* could not record or load; NULL when it could */
  int record_status;  /* of `weft record`: the demo's own status */
  char *output;       /* what the demo and the recorder printed */
  guint64 lost_events;
  guint64 duration_ns;
  gboolean truncated;
  GPtrArray *checks;  /* WeftDemoCheck * */
  /* set by the test case */
  char *verdict;      /* why it failed, repeated at the end; NULL when it passed */
} DemoRun;

static WeftDemoCatalog *catalog;

static void
demo_run_free (DemoRun *run)
{
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->done_cond);
  g_free (run->failure);
  g_free (run->output);
  g_free (run->verdict);
  g_clear_pointer (&run->checks, g_ptr_array_unref);
  g_free (run);
}

static void
demo_run_finish (DemoRun *run)
{
  g_mutex_lock (&run->lock);
  run->done = TRUE;
  g_cond_broadcast (&run->done_cond);
  g_mutex_unlock (&run->lock);
}

/* Waits for pid for at most timeout_s; FALSE (and pid killed) when it hung. */
static gboolean
wait_bounded (GPid pid, int *status, guint timeout_s)
{
  for (guint ticks = 0; ticks < timeout_s * 20; ticks++)
    {
      pid_t got = waitpid (pid, status, WNOHANG);

      if (got == pid)
        return TRUE;
      if (got < 0 && errno != EINTR)
        return FALSE;
      g_usleep (50000);
    }
  kill (pid, SIGTERM); /* weft finishes the file and stops */
  waitpid (pid, status, 0);
  return FALSE;
}

static char *
read_and_remove (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    text = g_strdup ("");
  g_unlink (path);
  return text;
}

/* Lets demos record side by side, except those that need every CPU. */
static GMutex machine_lock;
static GCond machine_cond;
static guint machine_sharing, machine_waiting_alone;
static gboolean machine_alone;

static gboolean
needs_the_machine_alone (const WeftDemo *demo)
{
  for (guint i = 0; i < demo->expect->len; i++)
    if (((const WeftDemoExpect *) g_ptr_array_index (demo->expect, i))->kind == WEFT_EXPECT_PARALLEL)
      return TRUE;
  return FALSE;
}

static void
machine_enter (gboolean alone)
{
  g_mutex_lock (&machine_lock);
  if (alone)
    {
      machine_waiting_alone++;
      while (machine_sharing > 0 || machine_alone)
        g_cond_wait (&machine_cond, &machine_lock);
      machine_waiting_alone--;
      machine_alone = TRUE;
    }
  else
    {
      /* Waiting lone demos go first, or a stream of others would starve them. */
      while (machine_alone || machine_waiting_alone > 0)
        g_cond_wait (&machine_cond, &machine_lock);
      machine_sharing++;
    }
  g_mutex_unlock (&machine_lock);
}

static void
machine_leave (gboolean alone)
{
  g_mutex_lock (&machine_lock);
  if (alone)
    machine_alone = FALSE;
  else
    machine_sharing--;
  g_cond_broadcast (&machine_cond);
  g_mutex_unlock (&machine_lock);
}

static void
record_demo (gpointer data, gpointer user_data)
{
  DemoRun *run = data;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) command = weft_demo_get_argv (run->demo, WEFT_DEMO_OUTPUT_PIPE, &error);
  g_auto (GStrv) options = weft_demo_get_record_options (run->demo);
  g_autofree char *dir = NULL, *trace = NULL, *log = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (WeftModel) model = NULL;
  GPid pid;
  int status = 0, log_fd, null_fd;
  gboolean alone;

  if (!command)
    {
      run->failure = g_strdup (error->message);
      demo_run_finish (run);
      return;
    }
  dir = g_dir_make_tmp ("weft-demo-XXXXXX", &error);
  g_assert_no_error (error);
  trace = g_build_filename (dir, "demo.weft", NULL);
  log = g_build_filename (dir, "output.txt", NULL);
  log_fd = g_open (log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (log_fd, >=, 0);

  g_ptr_array_add (argv, (char *) weft_test_weft_bin ());
  g_ptr_array_add (argv, (char *) "record");
  for (guint i = 0; options[i]; i++)
    g_ptr_array_add (argv, options[i]);
  g_ptr_array_add (argv, (char *) "-o");
  g_ptr_array_add (argv, trace);
  g_ptr_array_add (argv, (char *) "--");
  for (guint i = 0; command[i]; i++)
    g_ptr_array_add (argv, command[i]);
  g_ptr_array_add (argv, NULL);

  /* An interactive demo ends on its own once its input is closed. */
  null_fd = g_open ("/dev/null", O_RDONLY | O_CLOEXEC, 0);
  alone = needs_the_machine_alone (run->demo);
  machine_enter (alone);
  if (!g_spawn_async_with_fds (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                               &pid, null_fd, log_fd, log_fd, &error))
    {
      run->failure = g_strdup_printf ("cannot start weft record: %s", error->message);
      machine_leave (alone);
      close (log_fd);
      close (null_fd);
      demo_run_finish (run);
      return;
    }
  close (log_fd);
  close (null_fd);
  if (!wait_bounded (pid, &status, DEMO_TIMEOUT_S))
    run->failure = g_strdup_printf ("the demo did not end within %d s", DEMO_TIMEOUT_S);
  machine_leave (alone);
  g_spawn_close_pid (pid);
  run->record_status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  run->output = read_and_remove (log);

  if (!run->failure)
    {
      model = weft_model_new_from_file (trace, &run->truncated, &error);
      if (!model)
        run->failure = g_strdup_printf ("cannot load the trace: %s", error->message);
      else
        {
          run->lost_events = weft_model_get_lost_events (model);
          run->duration_ns = weft_model_get_end_ns (model);
          run->checks = weft_demo_expect_check_all (run->demo->expect, model, NULL);
        }
    }
  g_unlink (trace);
  g_rmdir (dir);
  demo_run_finish (run);
}

static void
test_demo (gconstpointer data)
{
  DemoRun *run = (DemoRun *) data;
  g_autoptr (GString) unmet = g_string_new (NULL);

  g_mutex_lock (&run->lock);
  while (!run->done)
    g_cond_wait (&run->done_cond, &run->lock);
  g_mutex_unlock (&run->lock);

  /* Failures are reported, not fatal: the other demos still get checked. */
  if (run->failure)
    {
      run->verdict = g_strdup (run->failure);
      g_test_fail_printf ("demo %s: %s\n--- its output ---\n%s", run->demo->id, run->failure,
                          run->output ? run->output : "");
      return;
    }
  g_test_message ("demo %s (%.1f s) output:\n%s", run->demo->id, run->duration_ns / 1e9, run->output);
  if (run->record_status != 0)
    g_string_append_printf (unmet, "\n  it ended with status %d (a demo ends on its own with 0)",
                            run->record_status);
  if (run->truncated)
    g_string_append (unmet, "\n  its trace is truncated");
  if (run->lost_events > 0)
    g_string_append_printf (unmet, "\n  %" G_GUINT64_FORMAT " events were lost", run->lost_events);
  for (guint i = 0; i < run->checks->len; i++)
    {
      const WeftDemoCheck *check = g_ptr_array_index (run->checks, i);

      g_test_message ("%s: %s", check->met ? "met" : "NOT MET", check->reason);
      if (!check->met)
        g_string_append_printf (unmet, "\n  %s", check->reason);
    }
  if (unmet->len > 0)
    {
      run->verdict = g_strdup (unmet->str);
      g_test_fail_printf ("demo %s: its trace lacks what it promises:%s\n--- its output ---\n%s",
                          run->demo->id, unmet->str, run->output);
    }
}

/* The failures again, last: a CI log keeps only the end of a long output. */
static void
report_failures (GPtrArray *runs)
{
  guint failed = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      const DemoRun *run = g_ptr_array_index (runs, i);

      if (run->verdict)
        {
          g_printerr ("demo %s failed:%s%s\n", run->demo->id, run->verdict[0] == '\n' ? "" : " ",
                      run->verdict);
          failed++;
        }
    }
  if (failed > 0)
    g_printerr ("%u of %u demos failed\n", failed, runs->len);
}

/* What a demo exercises, as words: its section, language, recording
 * options, and each expectation's kind with its variant. */
static GPtrArray *
demo_features (const WeftDemo *demo)
{
  GPtrArray *features = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (features, g_strdup_printf ("section %s", demo->section));
  g_ptr_array_add (features, g_strdup_printf ("language %d", demo->language));
  if (demo->uprobes)
    g_ptr_array_add (features, g_strdup ("uprobes"));
  if (demo->generators)
    g_ptr_array_add (features, g_strdup ("generators"));
  if (demo->interactive)
    g_ptr_array_add (features, g_strdup ("interactive"));
  for (guint i = 0; i < demo->expect->len; i++)
    {
      const WeftDemoExpect *e = g_ptr_array_index (demo->expect, i);
      const char *kind = weft_demo_expect_kind_name (e->kind);

      g_ptr_array_add (features, g_strdup (kind));
      switch (e->kind)
        {
        case WEFT_EXPECT_STATE:
        case WEFT_EXPECT_STATE_AT_ONCE:
          g_ptr_array_add (features, g_strdup_printf ("%s %u", kind, e->state));
          break;
        case WEFT_EXPECT_IO_WAITS:
          g_ptr_array_add (features, g_strdup_printf ("%s %s", kind, e->io));
          break;
        case WEFT_EXPECT_QUEUE:
          g_ptr_array_add (features, g_strdup_printf ("%s %d", kind, e->queue));
          break;
        case WEFT_EXPECT_COROUTINES:
          g_ptr_array_add (features, g_strdup_printf ("%s %u", kind, e->flavour));
          break;
        case WEFT_EXPECT_DEADLOCK:
          g_ptr_array_add (features, g_strdup_printf ("%s %d", kind, e->deadlock));
          break;
        case WEFT_EXPECT_SIGNAL:
          g_ptr_array_add (features, g_strdup_printf ("%s %d", kind, e->signal));
          break;
        case WEFT_EXPECT_EXIT:
          if (!e->has_code)
            g_ptr_array_add (features, g_strdup_printf ("%s %d", kind, e->signal));
          break;
        default:
          break;
        }
    }
  return features;
}

/* Demos, in catalog order, that between them have every feature: each
 * pick the demo with the most features not yet had (the first of those
 * that tie). */
static GHashTable *
choose_covering_demos (GPtrArray *demos)
{
  GHashTable *chosen = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) had = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) features = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < demos->len; i++)
    g_ptr_array_add (features, demo_features (g_ptr_array_index (demos, i)));
  for (;;)
    {
      guint best = 0, best_new = 0;

      for (guint i = 0; i < demos->len; i++)
        {
          GPtrArray *mine = g_ptr_array_index (features, i);
          g_autoptr (GHashTable) fresh = g_hash_table_new (g_str_hash, g_str_equal);

          for (guint f = 0; f < mine->len; f++)
            if (!g_hash_table_contains (had, g_ptr_array_index (mine, f)))
              g_hash_table_add (fresh, g_ptr_array_index (mine, f));
          if (g_hash_table_size (fresh) > best_new)
            {
              best = i;
              best_new = g_hash_table_size (fresh);
            }
        }
      if (best_new == 0)
        return chosen;
      g_hash_table_add (chosen, g_ptr_array_index (demos, best));
      {
        GPtrArray *mine = g_ptr_array_index (features, best);

        for (guint f = 0; f < mine->len; f++)
          g_hash_table_add (had, g_strdup (g_ptr_array_index (mine, f)));
      }
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) demos = NULL;
  g_autoptr (GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_run_free);
  const char *jobs_text = g_getenv ("WEFT_DEMO_JOBS");
  int jobs = jobs_text ? atoi (jobs_text) : 2;
  GThreadPool *pool;
  int status;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GHashTable) covering = NULL;
  gboolean cover = FALSE;

  /* Every demo gets checked: a failing one must not stop the others
   * (GTest bails out at the first failure unless told to keep going). */
  g_ptr_array_add (args, argv[0]);
  g_ptr_array_add (args, (char *) "--keep-going");
  for (int a = 1; a < argc; a++)
    {
      if (g_str_equal (argv[a], "--cover"))
        cover = TRUE;
      else
        g_ptr_array_add (args, argv[a]);
    }
  g_ptr_array_add (args, NULL);
  argc = (int) args->len - 1;
  argv = (char **) args->pdata;
  g_test_init (&argc, &argv, NULL);
  catalog = weft_demo_catalog_new (&error);
  g_assert_no_error (error);
  demos = weft_demo_catalog_list_demos (catalog);
  if (cover)
    covering = choose_covering_demos (demos);
  pool = g_thread_pool_new (record_demo, NULL, MAX (jobs, 1), TRUE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < demos->len; i++)
    {
      const WeftDemo *demo = g_ptr_array_index (demos, i);
      g_autofree char *path = NULL;
      gboolean wanted = argc < 2;
      DemoRun *run;

      for (int a = 1; a < argc; a++)
        wanted = wanted || g_strcmp0 (argv[a], demo->section) == 0;
      if (!wanted || (covering && !g_hash_table_contains (covering, demo)))
        continue;
      run = g_new0 (DemoRun, 1);
      run->demo = demo;
      g_mutex_init (&run->lock);
      g_cond_init (&run->done_cond);
      g_ptr_array_add (runs, run);
      path = g_strdup_printf ("/demos/%s/%s", demo->section, demo->id);
      g_test_add_data_func (path, run, test_demo);
      g_thread_pool_push (pool, run, NULL);
    }
  if (runs->len == 0)
    g_error ("no demo in the catalog matches the sections given");
  status = g_test_run ();
  /* Every run has finished by now: each test case waited for its own. */
  g_thread_pool_free (pool, FALSE, TRUE);
  report_failures (runs);
  return status;
}

/*
 * test-model-coroutines.c: real /usr/bin/python3 programs under the real
 * recorder (root): greenlets, asyncio Tasks and generators become
 * coroutine lanes of their thread, named as the program names them, with
 * the line each was suspended at.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "weft-model.h"
#include "weft-model-coro.h"
#include "weft-test-util.h"

static char *
source_path (const char *dir, const char *name)
{
  return g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), dir, name, NULL);
}

/* Records argv with `weft record OPTIONS -- argv` and loads the model. */
static WeftModel *
record_model (const char *option, const char *program, char **trace_path)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-coro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.weft", NULL);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  gboolean truncated = FALSE;
  WeftModel *model;

  g_ptr_array_add (args, (char *) "record");
  g_ptr_array_add (args, (char *) "-o");
  g_ptr_array_add (args, path);
  if (option)
    g_ptr_array_add (args, (char *) option);
  g_ptr_array_add (args, (char *) "--");
  g_ptr_array_add (args, (char *) "/usr/bin/python3");
  g_ptr_array_add (args, (char *) program);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (weft_test_run_cli ((const char *const *) args->pdata, &out, &err), ==, 0);
  model = weft_model_new_from_file (path, &truncated, &error);
  g_assert_no_error (error);
  g_assert_false (truncated);
  *trace_path = g_steal_pointer (&dir);
  return model;
}

/* The labels of tid's runs, in order, joined by " | ". */
static char *
run_order (WeftModel *model, guint32 tid)
{
  guint n = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, tid, &n);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i ? " | " : "", weft_model_get_coroutine (model, runs[i].coroutine)->label);
  return g_strdup (text->str);
}

static guint32
root_tid (WeftModel *model)
{
  return weft_model_get_root (model)->pid;
}

static void
test_greenlet_ping_pong (void)
{
  g_autofree char *program = source_path ("demos/python", "coroutines_greenlet.py");
  g_autofree char *dir = NULL;
  g_autoptr (WeftModel) model = record_model (NULL, program, &dir);
  guint32 tid = root_tid (model);
  g_autofree char *order = run_order (model, tid);
  guint n = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, tid, &n);

  /* The tutorial's 12, 56, 34, 78: test1, test2, test1, test2, then back
   * to the main program. */
  g_assert_cmpstr (order, ==,
                   "greenlet test1() | greenlet test2() | greenlet test1() | greenlet test2() | greenlet <module>");
  /* Each stops at its gr.switch() line and goes on from there. */
  {
    g_autofree char *test1 = weft_test_demo_frame ("test1", "coroutines_greenlet.py", "    gr2.switch()", 1);
    g_autofree char *test2 = weft_test_demo_frame ("test2", "coroutines_greenlet.py", "    gr1.switch()", 1);
    g_autofree char *module = weft_test_demo_frame ("<module>", "coroutines_greenlet.py", "    gr1.switch()", -1);

    g_assert_cmpstr (runs[0].suspended_at, ==, test1);
    g_assert_cmpstr (runs[1].suspended_at, ==, test2);
    g_assert_cmpstr (runs[2].resumed_at, ==, test1);
    g_assert_cmpstr (runs[3].resumed_at, ==, test2);
    g_assert_true (runs[3].finished);
    g_assert_cmpstr (runs[4].resumed_at, ==, module);
  }
  /* Each run holds one 0.3 s step. */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (runs[i].end_ns - runs[i].start_ns, >=, 290000000);
  weft_test_remove_tree (dir);
}

static void
test_asyncio_tasks (void)
{
  g_autofree char *program = source_path ("tests/programs", "coro-tasks.py");
  g_autofree char *dir = NULL;
  g_autoptr (WeftModel) model = record_model (NULL, program, &dir);
  guint32 tid = root_tid (model);
  guint n = 0, a_steps = 0, b_steps = 0, turns = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, tid, &n);
  const WeftCoroutine *last = NULL;

  for (guint i = 0; i < n; i++)
    {
      const WeftCoroutine *c = weft_model_get_coroutine (model, runs[i].coroutine);

      g_assert_cmpuint (c->flavour, ==, WEFT_CORO_TASK);
      if (strcmp (c->label, "fetch-a fetch()") != 0 && strcmp (c->label, "fetch-b fetch()") != 0)
        continue;
      if (c->label[6] == 'a')
        a_steps++;
      else
        b_steps++;
      if (last && last != c)
        turns++;
      last = c;
      /* A step that did not end the task stops at its await. */
      if (!runs[i].finished)
        g_assert_cmpstr (runs[i].suspended_at, ==, "fetch() — coro-tasks.py:7");
    }
  /* The first step and one per sleep: 4 each, taking turns. */
  g_assert_cmpuint (a_steps, ==, 4);
  g_assert_cmpuint (b_steps, ==, 4);
  g_assert_cmpuint (turns, >=, 6);
  /* `weft show` gives each task's row its whole label, however short
   * its thread's: the tasks of one function are told apart by it. */
  {
    g_autofree char *path = g_build_filename (dir, "t.weft", NULL);
    const char *args[] = { "show", path, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "  \342\206\263 fetch-a fetch() "));
    g_assert_nonnull (strstr (out, "  \342\206\263 fetch-b fetch() "));
  }
  weft_test_remove_tree (dir);
}

static void
test_generators (void)
{
  g_autofree char *program = source_path ("demos/python", "coroutines_yield.py");
  g_autofree char *dir = NULL;
  g_autoptr (WeftModel) model = record_model ("--generators", program, &dir);
  guint32 tid = root_tid (model);
  GPtrArray *lanes = weft_model_thread_get_coroutines (model, tid);
  g_autofree char *at_yield = weft_test_demo_frame ("consumer", "coroutines_yield.py", "n = yield r", 1);
  guint n = 0, resumed_at_yield = 0;
  const WeftCoroRun *runs = weft_model_thread_get_coro_runs (model, tid, &n);

  g_assert_nonnull (lanes);
  g_assert_cmpuint (lanes->len, ==, 1);
  g_assert_cmpstr (((const WeftCoroutine *) g_ptr_array_index (lanes, 0))->label, ==, "generator consumer()");
  /* next(c), five c.send(n), c.close(). */
  g_assert_cmpuint (n, ==, 7);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (runs[i].resumed_at, at_yield) == 0)
      resumed_at_yield++;
  g_assert_cmpuint (resumed_at_yield, ==, 6);
  /* The consumer's 0.4 s of work happen inside its runs. */
  g_assert_cmpuint (runs[1].end_ns - runs[1].start_ns, >=, 390000000);
  weft_test_remove_tree (dir);
}

static void
test_generators_off_by_default (void)
{
  g_autofree char *program = source_path ("demos/python", "coroutines_yield.py");
  g_autofree char *dir = NULL;
  g_autoptr (WeftModel) model = record_model (NULL, program, &dir);

  g_assert_cmpuint (weft_model_get_n_coroutines (model), ==, 0);
  weft_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/coroutines/greenlet-ping-pong", test_greenlet_ping_pong);
  g_test_add_func ("/model/coroutines/asyncio-tasks", test_asyncio_tasks);
  g_test_add_func ("/model/coroutines/generators", test_generators);
  g_test_add_func ("/model/coroutines/generators-off-by-default", test_generators_off_by_default);
  return g_test_run ();
}

/*
 * bench-coroutines.c: what the coroutine probes cost a Python program, as
 * ratios from one run: the program's own time for a workload, traced by
 * `weft record` (its default probes; --generators for the generator
 * workload) against untraced.  Switch-heavy workloads pay per switch;
 * a call-heavy one (fib) must not pay at all.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "weft-test-util.h"

#define ROUNDS 3

static double
elapsed_of (const char *out)
{
  const char *at = out ? strstr (out, "elapsed ") : NULL;

  return at ? g_ascii_strtod (at + strlen ("elapsed "), NULL) : -1;
}

static double
run_once (const char *kind, gboolean traced, const char *option)
{
  g_autofree char *script = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "tests", "programs", "coro-bench.py", NULL);
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-coro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.weft", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  int status = 0;

  if (traced)
    {
      g_ptr_array_add (argv, (char *) weft_test_weft_bin ());
      g_ptr_array_add (argv, (char *) "record");
      g_ptr_array_add (argv, (char *) "-o");
      g_ptr_array_add (argv, path);
      if (option)
        g_ptr_array_add (argv, (char *) option);
      g_ptr_array_add (argv, (char *) "--");
    }
  g_ptr_array_add (argv, (char *) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) kind);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  weft_test_remove_tree (dir);
  return elapsed_of (out);
}

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (void)
{
  const struct {
    const char *kind, *what, *option, *target;
  } workloads[] = {
    { "fib", "fib(27), call-heavy", NULL, "<= 1.10x" },
    { "greenlet", "greenlet, 40k switches", NULL, "<= 1.5x" },
    { "asyncio", "asyncio, 1000 tasks x 10 awaits", NULL, "<= 1.5x" },
    { "generator", "generator, 50k send() with --generators", "--generators", "" },
  };

  for (gsize w = 0; w < G_N_ELEMENTS (workloads); w++)
    {
      double ratios[ROUNDS], plain = 0;

      /* Interleaved, so that a busy moment of the machine hits both. */
      for (int r = 0; r < ROUNDS; r++)
        {
          double untraced = run_once (workloads[w].kind, FALSE, NULL);
          double traced = run_once (workloads[w].kind, TRUE, workloads[w].option);

          ratios[r] = untraced > 0 && traced > 0 ? traced / untraced : -1;
          plain = untraced;
        }
      qsort (ratios, ROUNDS, sizeof ratios[0], compare);
      printf ("| coroutines: %s, traced / untraced program time (median; fastest of %d; untraced %.3f s) "
              "| %.2fx; %.2fx | %s |\n",
              workloads[w].what, ROUNDS, plain, ratios[ROUNDS / 2], ratios[0], workloads[w].target);
    }
  return 0;
}

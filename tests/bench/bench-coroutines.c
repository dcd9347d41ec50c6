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

/* The value after `key ` in the program's output, -1 if none. */
static double
figure_of (const char *out, const char *key)
{
  g_autofree char *needle = g_strconcat (key, " ", NULL);
  const char *at = out ? strstr (out, needle) : NULL;

  return at ? g_ascii_strtod (at + strlen (needle), NULL) : -1;
}

/* Runs /usr/bin/python3 with args, under `weft record` if traced; returns
 * the output (which has the program's own "elapsed" figure). */
static char *
run_once (const char *const *args, gboolean traced, const char *option)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-coro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.weft", NULL);
  char *out = NULL;
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
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  weft_test_remove_tree (dir);
  return out;
}

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* ROUNDS interleaved pairs, so that a busy moment of the machine hits
 * both; for each key, the median and the best traced / untraced ratio. */
typedef struct {
  double median, best, untraced;
} Ratio;

#define MAX_KEYS 2

static void
measure (const char *const *args, const char *option, const char *const *keys, guint n_keys, Ratio *out)
{
  double ratios[MAX_KEYS][ROUNDS];

  g_assert (n_keys <= MAX_KEYS);
  for (int r = 0; r < ROUNDS; r++)
    {
      g_autofree char *untraced = run_once (args, FALSE, NULL);
      g_autofree char *traced = run_once (args, TRUE, option);

      for (guint k = 0; k < n_keys; k++)
        {
          double u = figure_of (untraced, keys[k]), t = figure_of (traced, keys[k]);

          ratios[k][r] = u > 0 && t > 0 ? t / u : -1;
          out[k].untraced = u;
        }
    }
  for (guint k = 0; k < n_keys; k++)
    {
      qsort (ratios[k], ROUNDS, sizeof ratios[k][0], compare);
      out[k].median = ratios[k][ROUNDS / 2];
      out[k].best = ratios[k][0];
    }
}

int
main (void)
{
  /* Worst cases, for the record: nothing but switches. */
  const struct {
    const char *kind, *what, *option, *target;
  } workloads[] = {
    { "fib", "fib(27), call-heavy", NULL, "<= 1.10x" },
    { "greenlet", "greenlet, 40k switches", NULL, "" },
    { "asyncio", "asyncio, 1000 tasks x 10 awaits", NULL, "" },
    { "generator", "generator, 50k send() with --generators", "--generators", "" },
  };
  /* What a class records: the course's coroutine demos, as the catalog
   * records them. */
  const struct {
    const char *program, *option;
  } demos[] = {
    { "coroutines_greenlet.py", NULL },
    { "coroutines_gevent.py", NULL },
    { "coroutines_asyncio.py", NULL },
    { "coroutines_yield.py", "--generators" },
  };
  g_autofree char *bench = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "tests", "programs", "coro-bench.py", NULL);
  g_autofree char *timer = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "tests", "programs", "timed-run.py", NULL);

  for (gsize w = 0; w < G_N_ELEMENTS (workloads); w++)
    {
      const char *args[] = { bench, workloads[w].kind, NULL };
      const char *keys[] = { "elapsed" };
      Ratio r;

      measure (args, workloads[w].option, keys, 1, &r);
      printf ("| coroutines: %s, traced / untraced program time (median; fastest of %d; untraced %.3f s) "
              "| %.2fx; %.2fx | %s |\n",
              workloads[w].what, ROUNDS, r.untraced, r.median, r.best, workloads[w].target);
    }
  for (gsize d = 0; d < G_N_ELEMENTS (demos); d++)
    {
      g_autofree char *demo = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "demos", "python", demos[d].program, NULL);
      const char *args[] = { timer, demo, NULL };
      const char *keys[] = { "elapsed", "cpu" };
      Ratio r[2];

      measure (args, demos[d].option, keys, 2, r);
      printf ("| course demo %s%s%s: traced / untraced wall time; CPU time (median of %d; untraced %.2f s, %.3f s CPU) "
              "| %.2fx; %.2fx | <= 1.5x |\n",
              demos[d].program, demos[d].option ? " " : "", demos[d].option ? demos[d].option : "", ROUNDS,
              r[0].untraced, r[1].untraced, r[0].median, r[1].median);
    }
  return 0;
}

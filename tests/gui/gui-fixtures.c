/* gui-fixtures.c: the deadlock trace, as the recorder would write it. */
#include "gui-fixtures.h"

#include <math.h>
#include <sys/syscall.h>

#include "events.h"
#include "synth-trace.h"

#define MUTEX_A 0x5000
#define MUTEX_B 0x5040

/* A thread that runs, gets preempted, runs again: a teaching-size pattern. */
static void
busy (SynthTrace *s, guint32 tid, guint64 from_ms, guint64 to_ms)
{
  for (guint64 t = from_ms; t + 40 <= to_ms; t += 40)
    {
      synth_switch_in (s, MS (t), FIXTURE_PID, tid);
      synth_switch_out (s, MS (t + 30), FIXTURE_PID, tid, WEFT_TASK_RUNNING);
    }
  synth_switch_in (s, MS (to_ms - 5), FIXTURE_PID, tid);
}

void
gui_fixture_write_deadlock (const char *path)
{
  g_autoptr (SynthTrace) s = synth_new (FIXTURE_PID);
  const guint32 P = FIXTURE_PID, A = FIXTURE_TID_A, B = FIXTURE_TID_B;

  synth_exec (s, MS (1), P, "/usr/bin/deadlock-demo", "deadlock-demo");
  synth_switch_in (s, MS (1), P, P);
  synth_lock_name (s, MS (2), P, MUTEX_A, "mutex_a");
  synth_lock_name (s, MS (2), P, MUTEX_B, "mutex_b");
  synth_fork (s, MS (100), P, P, P, A, TRUE, "worker-a");
  synth_fork (s, MS (120), P, P, P, B, TRUE, "worker-b");

  /* A helper child that exits early and stays a zombie until reaped. */
  synth_fork (s, MS (140), P, P, 1010, 1010, FALSE, "helper");
  synth_switch_in (s, MS (141), 1010, 1010);
  synth_exit (s, MS (300), 1010, 1010, 2 << 8, TRUE, P);
  synth_wait (s, MS (600), MS (600), P, P, 1010, 2 << 8);
  synth_reap (s, MS (600), P, 1010, 0);

  /* The main thread joins worker-a: it waits forever. */
  synth_futex_wait (s, MS (650), P, P, 0x7000, WEFT_FUTEX_CLASS_COND, 0, 0, FALSE);
  synth_switch_out (s, MS (651), P, P, WEFT_TASK_INTERRUPTIBLE);

  busy (s, A, 101, 500);
  busy (s, B, 121, 520);
  /* A sleeps a little while holding mutex_a, B holding mutex_b ... */
  synth_syscall (s, MS (500), MS (780), P, A, SYS_nanosleep, -1, 0);
  synth_switch_out (s, MS (501), P, A, WEFT_TASK_INTERRUPTIBLE);
  synth_switch_in (s, MS (779), P, A);
  synth_syscall (s, MS (520), MS (790), P, B, SYS_nanosleep, -1, 0);
  synth_switch_out (s, MS (521), P, B, WEFT_TASK_INTERRUPTIBLE);
  synth_switch_in (s, MS (789), P, B);
  /* ... then each wants the other's. */
  synth_futex_wait (s, MS (781), P, A, MUTEX_B, WEFT_FUTEX_CLASS_MUTEX, B, 0, FALSE);
  synth_switch_out (s, MS (782), P, A, WEFT_TASK_INTERRUPTIBLE);
  synth_futex_wait (s, MS (FIXTURE_DEADLOCK_MS), P, B, MUTEX_A, WEFT_FUTEX_CLASS_MUTEX, A, 0, FALSE);
  synth_switch_out (s, MS (FIXTURE_DEADLOCK_MS + 1), P, B, WEFT_TASK_INTERRUPTIBLE);

  synth_stop (s, MS (FIXTURE_END_MS), 0);
  synth_write (s, path);
}

void
gui_image_rgb (const GuiImage *image, int x, int y, double rgb[3])
{
  const guint8 *p;

  x = CLAMP (x, 0, image->width - 1);
  y = CLAMP (y, 0, image->height - 1);
  p = image->data + (gsize) y * image->stride + (gsize) x * 4;
  rgb[0] = p[2] / 255.0;
  rgb[1] = p[1] / 255.0;
  rgb[2] = p[0] / 255.0;
}

gboolean
gui_image_is (const GuiImage *image, int x, int y, double r, double g, double b)
{
  double rgb[3];

  gui_image_rgb (image, x, y, rgb);
  return fabs (rgb[0] - r) < 0.04 && fabs (rgb[1] - g) < 0.04 && fabs (rgb[2] - b) < 0.04;
}

double
gui_image_fraction (const GuiImage *image, double x0, double x1, int y, double r, double g,
                    double b, int n_samples)
{
  int hits = 0;

  for (int i = 0; i < n_samples; i++)
    {
      double x = x0 + (x1 - x0) * (i + 0.5) / n_samples;
      hits += gui_image_is (image, (int) x, y, r, g, b);
    }
  return (double) hits / n_samples;
}

void
gui_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  /* One iteration at a time: a window that always has work pending (a
   * live view) must not keep this past its time. */
  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

typedef struct {
  gboolean done;
  int status;
} Spawned;

static void
on_spawned_exit (GPid pid, int status, gpointer data)
{
  Spawned *spawned = data;

  spawned->status = status;
  spawned->done = TRUE;
  g_spawn_close_pid (pid);
}

void
gui_xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  Spawned spawned = { FALSE, 0 };
  GPid pid;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, on_spawned_exit, &spawned);
  while (!spawned.done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_spawn_check_wait_status (spawned.status, &error))
    g_error ("%s: %s", command, error->message);
}

char *
gui_test_program (const char *name)
{
  const char *root = g_getenv ("WEFT_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "tests", "gui", name, NULL);
}

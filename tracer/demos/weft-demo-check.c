/*
 * weft-demo-check.c: whether a trace shows what a demo promises.  Every
 * number comes from the model's public queries (weft-model.h), never from
 * raw events, so the check sees what the viewer and `weft stats` show.
 */
#include "weft-demo-expect.h"
#include "weft-demo-check-coro.h"
#include "weft-demo-check-python.h"

#include <math.h>
#include <string.h>

typedef struct {
  guint64 found;       /* the number compared with the wanted one */
  char *detail;        /* optional, appended in parentheses */
} Finding;

/* ---- helpers over the model ---- */

static guint64
thread_end (WeftModel *model, const WeftThread *thread)
{
  return thread->end_ns != WEFT_TIME_NONE ? thread->end_ns : weft_model_get_end_ns (model);
}

typedef struct {
  guint64 t;
  gint delta;
} Edge;

static gint
compare_edges (gconstpointer a, gconstpointer b)
{
  const Edge *x = a, *y = b;

  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return x->delta - y->delta; /* ends before starts at the same instant */
}

/* Sweeps edges: the most at once, and the time with at least `at_least`. */
static guint
sweep (GArray *edges, guint at_least, guint64 *time_at_least)
{
  guint64 total = 0, since = 0;
  gint now = 0;
  guint most = 0;

  g_array_sort (edges, compare_edges);
  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i);
      gboolean was = now >= (gint) at_least;

      now += e->delta;
      most = MAX (most, (guint) MAX (now, 0));
      if (!was && now >= (gint) at_least)
        since = e->t;
      else if (was && now < (gint) at_least)
        total += e->t - since;
    }
  if (time_at_least)
    *time_at_least = total;
  return most;
}

static void
add_edge_pair (GArray *edges, guint64 t0, guint64 t1)
{
  Edge start = { t0, 1 }, end = { t1, -1 };

  if (t1 <= t0)
    return;
  g_array_append_val (edges, start);
  g_array_append_val (edges, end);
}

/* Most threads of process alive at once. */
static guint
max_threads_at_once (WeftModel *model, const WeftProcess *process)
{
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < process->threads->len; i++)
    {
      const WeftThread *thread = g_ptr_array_index (process->threads, i);

      add_edge_pair (edges, thread->start_ns, MAX (thread_end (model, thread), thread->start_ns + 1));
    }
  return sweep (edges, 1, NULL);
}

/* Running intervals of the threads of one process (or of every process
 * when process is NULL) as edges. */
static GArray *
running_edges (WeftModel *model, const WeftProcess *process)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  GPtrArray *processes = weft_model_get_processes (model);

  for (guint p = 0; p < processes->len; p++)
    {
      const WeftProcess *proc = g_ptr_array_index (processes, p);

      if (process && proc != process)
        continue;
      for (guint i = 0; i < proc->threads->len; i++)
        {
          const WeftThread *thread = g_ptr_array_index (proc->threads, i);
          guint n = weft_model_thread_n_intervals (model, thread);

          for (guint k = 0; k < n; k++)
            {
              WeftStateInterval interval;

              weft_model_thread_get_interval (model, thread, k, &interval);
              if (interval.state == WEFT_STATE_RUNNING)
                add_edge_pair (edges, interval.start_ns, interval.end_ns);
            }
        }
    }
  return edges;
}

/* Time the thread spent in state, or with stat D for "disk". */
static guint64
time_in_state (WeftModel *model, const WeftThread *thread, guint state)
{
  guint64 totals[WEFT_N_STATES];
  guint64 disk = 0;
  guint n;

  if (state != WEFT_EXPECT_STATE_DISK)
    {
      weft_model_thread_state_totals (model, thread, 0, weft_model_get_end_ns (model), totals);
      return totals[state];
    }
  n = weft_model_thread_n_intervals (model, thread);
  for (guint k = 0; k < n; k++)
    {
      WeftStateInterval interval;

      weft_model_thread_get_interval (model, thread, k, &interval);
      if (interval.stat == 'D')
        disk += interval.end_ns - interval.start_ns;
    }
  return disk;
}

static char *
seconds (guint64 ns)
{
  return g_strdup_printf ("%.3f s", ns / 1e9);
}

/* ---- one function per kind ---- */

static void
find_threads (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);

  for (guint i = 0; i < processes->len; i++)
    f->found = MAX (f->found, max_threads_at_once (model, g_ptr_array_index (processes, i)));
}

/* Most processes alive (started, not yet exited) at the same moment. */
static void
find_alive (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  guint64 end = weft_model_get_end_ns (model);

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);
      guint64 exit = p->exit_ns != WEFT_TIME_NONE ? p->exit_ns : end;

      add_edge_pair (edges, p->start_ns, MAX (exit, p->start_ns + 1));
    }
  f->found = sweep (edges, 1, NULL);
}

static void
find_zombies (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);
  guint64 longest = 0;

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);
      guint64 ns;

      if (p->threads->len == 0)
        continue;
      /* The model draws a zombie on its leader's row. */
      ns = time_in_state (model, g_ptr_array_index (p->threads, 0), WEFT_STATE_ZOMBIE);
      longest = MAX (longest, ns);
      if (ns > 0 && ns >= e->min_ns)
        f->found++;
    }
  f->detail = g_strdup_printf ("longest %.3f s", longest / 1e9);
}

static void
find_processes_where (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);
      gboolean counts = FALSE;

      switch (e->kind)
        {
        case WEFT_EXPECT_PROCESSES:
          counts = TRUE;
          break;
        case WEFT_EXPECT_REPARENT:
          counts = p->reparented_to != 0;
          break;
        case WEFT_EXPECT_AUTO_REAPED:
          counts = p->auto_reaped;
          break;
        case WEFT_EXPECT_EXIT:
          counts = p->exit_ns != WEFT_TIME_NONE &&
                   (e->has_code ? weft_process_get_exit_code (p) == e->code
                                : weft_process_get_exit_signal (p) == e->signal);
          break;
        default:
          break;
        }
      f->found += counts;
    }
}

static void
find_signals (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GArray *counts = weft_model_get_signal_counts (model);

  for (guint i = 0; i < counts->len; i++)
    {
      const WeftSignalCount *c = &g_array_index (counts, WeftSignalCount, i);

      if (c->signal == e->signal)
        f->found += c->count;
    }
}

static void
find_state (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);
  guint64 longest = 0;

  for (guint p = 0; p < processes->len; p++)
    {
      const WeftProcess *proc = g_ptr_array_index (processes, p);

      for (guint i = 0; i < proc->threads->len; i++)
        {
          guint64 ns = time_in_state (model, g_ptr_array_index (proc->threads, i), e->state);

          longest = MAX (longest, ns);
          if (ns > 0 && ns >= e->min_ns)
            f->found++;
        }
    }
  f->detail = g_strdup_printf ("longest %.3f s", longest / 1e9);
}

/* A lock named "green_light" is also met by "green_light+0x50": a mutex
 * or condition variable inside the named global (an Event, a queue, a
 * timer struct) is that object's lock, wherever glibc put its futex word. */
static gboolean
lock_label_names (const char *label, const char *name)
{
  gsize len = strlen (name);

  return label && strncmp (label, name, len) == 0
         && (label[len] == '\0' || g_str_has_prefix (label + len, "+0x"));
}

static void
find_contentions (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *locks = weft_model_get_locks (model);

  for (guint i = 0; i < locks->len; i++)
    {
      const WeftLock *lock = g_ptr_array_index (locks, i);
      g_autofree char *label = weft_lock_label (lock);

      if (!e->lock || lock_label_names (label, e->lock))
        f->found += lock->contentions;
    }
}

static void
find_deadlocks (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *deadlocks = weft_model_get_deadlocks (model);
  guint largest = 0;

  for (guint i = 0; i < deadlocks->len; i++)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, i);

      if (d->kind != e->deadlock)
        continue;
      largest = MAX (largest, d->tids->len);
      if (d->tids->len >= e->threads)
        f->found++;
    }
  f->detail = g_strdup_printf ("%u deadlocks in all, the largest of %u threads", deadlocks->len, largest);
}

static void
find_io_waits (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GArray *waits = weft_model_get_io_waits (model);

  for (guint i = 0; i < waits->len; i++)
    {
      const WeftIoWait *w = &g_array_index (waits, WeftIoWait, i);

      if (g_strcmp0 (w->kind, e->io) == 0)
        f->found += w->count;
    }
}

/* Some reader of o is not one of its writers: data went somewhere. */
static gboolean
read_by_another (const WeftObject *o)
{
  for (guint r = 0; r < o->readers->len; r++)
    {
      guint32 reader = g_array_index (o->readers, guint32, r);
      gboolean also_writer = FALSE;

      for (guint w = 0; w < o->writers->len; w++)
        also_writer = also_writer || g_array_index (o->writers, guint32, w) == reader;
      if (!also_writer && o->writers->len > 0)
        return TRUE;
    }
  return FALSE;
}

static void
find_queue (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *objects = weft_model_get_objects (model);
  guint matched = 0;

  /* found: the most bytes one object carried, both written and read. */
  for (guint i = 0; i < objects->len; i++)
    {
      const WeftObject *o = g_ptr_array_index (objects, i);

      if (o->kind != e->queue || !read_by_another (o))
        continue;
      matched++;
      f->found = MAX (f->found, MIN (o->bytes_written, o->bytes_read));
    }
  f->detail = g_strdup_printf ("%u with a writer and another reader", matched);
}

static void
find_parallel (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  g_autoptr (GArray) edges = running_edges (model, NULL);
  g_autofree char *text = NULL;
  guint64 together = 0;
  guint most = sweep (edges, (guint) MAX (e->min, 1), &together);

  f->found = most;
  text = seconds (together);
  f->detail = g_strdup_printf ("%s with ≥ %" G_GUINT64_FORMAT " running", text, e->min);
  if (e->min_ns > 0 && together < e->min_ns)
    f->found = 0; /* not long enough: as if never */
}

/* A thread the process's exit ended: still blocked when the main thread
 * ended the process (the exit's kill wakes it just before main's own end)
 * and gone after main.  A thread that returns on its own ends before main
 * returns; one that outlives a pthread_exit was woken after main ended. */
static gboolean
ended_by_exit_of (WeftModel *model, const WeftThread *thread, const WeftThread *leader)
{
  guint n = weft_model_thread_n_intervals (model, thread);

  if (thread->end_ns == WEFT_TIME_NONE || thread->end_ns < leader->end_ns)
    return FALSE;
  for (guint k = n; k-- > 0;)
    {
      WeftStateInterval interval;

      weft_model_thread_get_interval (model, thread, k, &interval);
      if (interval.state == WEFT_STATE_RUNNING || interval.state == WEFT_STATE_RUNNABLE)
        continue;
      return interval.end_ns <= leader->end_ns;
    }
  return FALSE;
}

static void
find_cut_off (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);
      const WeftThread *leader;

      if (p->threads->len < 2 || p->exit_ns == WEFT_TIME_NONE)
        continue;
      leader = g_ptr_array_index (p->threads, 0);
      if (leader->end_ns == WEFT_TIME_NONE)
        continue;
      for (guint t = 1; t < p->threads->len; t++)
        f->found += ended_by_exit_of (model, g_ptr_array_index (p->threads, t), leader);
    }
}

/* The most threads in state at the same moment ("disk": stat D). */
static void
find_state_at_once (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);
  g_autoptr (GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint p = 0; p < processes->len; p++)
    {
      const WeftProcess *proc = g_ptr_array_index (processes, p);

      for (guint i = 0; i < proc->threads->len; i++)
        {
          const WeftThread *thread = g_ptr_array_index (proc->threads, i);
          guint n = weft_model_thread_n_intervals (model, thread);

          for (guint k = 0; k < n; k++)
            {
              WeftStateInterval interval;

              weft_model_thread_get_interval (model, thread, k, &interval);
              if (e->state == WEFT_EXPECT_STATE_DISK ? interval.stat == 'D' : interval.state == e->state)
                add_edge_pair (edges, interval.start_ns, interval.end_ns);
            }
        }
    }
  f->found = sweep (edges, 1, NULL);
}

static void
find_exec (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);
      gboolean ran = FALSE;

      for (guint k = 0; p->exec_history && k < p->exec_history->len; k++)
        {
          g_autofree char *name = g_path_get_basename (g_ptr_array_index (p->exec_history, k));

          ran = ran || g_strcmp0 (name, e->program) == 0;
        }
      f->found += ran;
    }
}

/* How much of the time the busiest process's threads ran they ran at
 * once, in per mille.  A share, not a duration: a GIL hands over every
 * 5 ms, and each handover lets both run for a few microseconds, so the
 * time at once grows with the program while the share stays near 0. */
static void
find_serial (const WeftDemoExpect *e, WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);
  const WeftProcess *busiest = NULL;
  g_autoptr (GArray) edges = NULL;
  g_autofree char *apparent = NULL;
  g_autofree char *ran_text = NULL;
  guint64 together = 0, ran = 0, stolen = weft_model_get_stolen_ns (model), counted;
  guint most = 0;

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);
      guint n = max_threads_at_once (model, p);

      if (n > most)
        most = n, busiest = p;
    }
  if (!busiest || most < 2)
    {
      f->found = G_MAXUINT64;
      f->detail = g_strdup ("no process had two threads at once");
      return;
    }
  edges = running_edges (model, busiest);
  sweep (edges, 1, &ran);
  sweep (edges, 2, &together);
  /* In a virtual machine a thread whose cpu the host took away still
   * looks as if it ran: only what the stolen time cannot explain counts. */
  counted = together > stolen ? together - stolen : 0;
  /* In double: a crafted trace's times can make counted * 1000 overflow.
   * Rounded up: 5.01% is not "at most 5%". */
  f->found = ran > 0 ? (guint64) ceil ((double) counted * 1000.0 / (double) ran) : 0;
  apparent = seconds (together);
  ran_text = seconds (ran);
  if (stolen > 0)
    {
      g_autofree char *taken = seconds (stolen);

      f->detail = g_strdup_printf ("process %u with %u threads: %s at once of %s running, "
                                   "%s of cpu taken by the hypervisor",
                                   busiest->pid, most, apparent, ran_text, taken);
    }
  else
    f->detail = g_strdup_printf ("process %u with %u threads: %s at once of %s running",
                                 busiest->pid, most, apparent, ran_text);
}

/* The process whose threads took the most copy-on-write faults. */
static void
find_copy_on_write (WeftModel *model, Finding *f)
{
  GPtrArray *processes = weft_model_get_processes (model);
  const WeftProcess *most = NULL;

  for (guint i = 0; i < processes->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (processes, i);
      guint64 faults = weft_model_process_cow_faults (model, p, 0, G_MAXUINT64);

      if (faults > f->found)
        {
          f->found = faults;
          most = p;
        }
    }
  if (most)
    f->detail = weft_model_name_process (model, most->pid);
}

void
weft_demo_check_free (WeftDemoCheck *check)
{
  if (!check)
    return;
  g_free (check->reason);
  g_free (check);
}

WeftDemoCheck *
weft_demo_expect_check (const WeftDemoExpect *expect, WeftModel *model)
{
  WeftDemoCheck *check = g_new0 (WeftDemoCheck, 1);
  g_autofree char *wanted = weft_demo_expect_describe (expect);
  g_autofree char *found_text = NULL;
  Finding f = { 0 };

  switch (expect->kind)
    {
    case WEFT_EXPECT_ALIVE: find_alive (expect, model, &f); break;
    case WEFT_EXPECT_THREADS:
    case WEFT_EXPECT_MAX_THREADS: find_threads (expect, model, &f); break;
    case WEFT_EXPECT_ZOMBIES: find_zombies (expect, model, &f); break;
    case WEFT_EXPECT_SIGNAL: find_signals (expect, model, &f); break;
    case WEFT_EXPECT_STATE: find_state (expect, model, &f); break;
    case WEFT_EXPECT_LOCK_CONTENTIONS: find_contentions (expect, model, &f); break;
    case WEFT_EXPECT_DEADLOCK: find_deadlocks (expect, model, &f); break;
    case WEFT_EXPECT_IO_WAITS: find_io_waits (expect, model, &f); break;
    case WEFT_EXPECT_QUEUE: find_queue (expect, model, &f); break;
    case WEFT_EXPECT_PARALLEL: find_parallel (expect, model, &f); break;
    case WEFT_EXPECT_SERIAL: find_serial (expect, model, &f); break;
    case WEFT_EXPECT_CUT_OFF: find_cut_off (expect, model, &f); break;
    case WEFT_EXPECT_STATE_AT_ONCE: find_state_at_once (expect, model, &f); break;
    case WEFT_EXPECT_EXEC: find_exec (expect, model, &f); break;
    case WEFT_EXPECT_NO_DEADLOCK: f.found = weft_model_get_deadlocks (model)->len; break;
    case WEFT_EXPECT_COROUTINES: f.found = weft_demo_find_coroutines (expect, model, &f.detail); break;
    case WEFT_EXPECT_PYTHON: f.found = weft_demo_find_python_waits (expect, model, &f.detail); break;
    case WEFT_EXPECT_COPY_ON_WRITE: find_copy_on_write (model, &f); break;
    default: find_processes_where (expect, model, &f); break;
    }

  check->expect = expect;
  check->found = f.found;
  switch (expect->kind)
    {
    case WEFT_EXPECT_MAX_THREADS:
      check->met = f.found >= 1 && f.found <= expect->max;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT, f.found);
      break;
    case WEFT_EXPECT_SERIAL:
      check->met = f.found <= expect->max_percent * 10;
      found_text = f.found == G_MAXUINT64 ? g_strdup ("none")
                                          : g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT "%%",
                                                             f.found / 10, f.found % 10);
      break;
    case WEFT_EXPECT_STATE:
      check->met = f.found >= expect->min_threads;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT, f.found);
      break;
    case WEFT_EXPECT_STATE_AT_ONCE:
      check->met = expect->has_max ? f.found >= 1 && f.found <= expect->max : f.found >= expect->min;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT, f.found);
      break;
    case WEFT_EXPECT_NO_DEADLOCK:
      check->met = f.found == 0;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT, f.found);
      break;
    case WEFT_EXPECT_DEADLOCK:
      check->met = f.found >= 1;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT, f.found);
      break;
    case WEFT_EXPECT_COROUTINES:
      check->met = f.found >= expect->switches;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT, f.found);
      break;
    case WEFT_EXPECT_QUEUE:
      check->met = f.found >= expect->min_bytes && f.found > 0;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT " bytes", f.found);
      break;
    default:
      check->met = f.found >= expect->min;
      found_text = g_strdup_printf ("%" G_GUINT64_FORMAT, f.found);
      break;
    }
  check->reason = f.detail ? g_strdup_printf ("%s wanted, found %s (%s)", wanted, found_text, f.detail)
                           : g_strdup_printf ("%s wanted, found %s", wanted, found_text);
  g_free (f.detail);
  return check;
}

GPtrArray *
weft_demo_expect_check_all (GPtrArray *expects, WeftModel *model, gboolean *all_met)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) weft_demo_check_free);
  gboolean met = TRUE;

  for (guint i = 0; i < expects->len; i++)
    {
      WeftDemoCheck *check = weft_demo_expect_check (g_ptr_array_index (expects, i), model);

      met = met && check->met;
      g_ptr_array_add (checks, check);
    }
  if (all_met)
    *all_met = met;
  return checks;
}

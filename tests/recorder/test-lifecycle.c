/*
 * test-lifecycle: records real programs with the real eBPF recorder and
 * checks the process life a student would look for: forks, exit codes,
 * signals, wait results, zombies, threads, orphans, SIGCHLD ignored.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "weft-test-util.h"

static WeftTestTrace *
record_program (const char *name)
{
  g_autofree char *path = weft_test_program_path (name);
  const char *argv[] = { path, NULL };

  return weft_test_record (argv, NULL);
}

static const struct weft_exit *
process_exit_of (WeftTestTrace *trace, guint32 pid)
{
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_exit *e = g_ptr_array_index (trace->events, i);

      if (e->h.kind == WEFT_EV_EXIT && e->h.tgid == pid && (e->flags & WEFT_EXIT_GROUP_DEAD))
        return e;
    }
  return NULL;
}

static const struct weft_reap *
reap_of (WeftTestTrace *trace, guint32 pid)
{
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_reap *r = g_ptr_array_index (trace->events, i);

      if (r->h.kind == WEFT_EV_REAP && r->pid == pid)
        return r;
    }
  return NULL;
}

static GPtrArray *
process_forks (WeftTestTrace *trace)
{
  GPtrArray *forks = weft_test_events_of_kind (trace, WEFT_EV_FORK);

  for (guint i = forks->len; i-- > 0;)
    if (((const struct weft_fork *) g_ptr_array_index (forks, i))->flags & WEFT_FORK_THREAD)
      g_ptr_array_remove_index (forks, i);
  return forks;
}

/* The copy fork() puts off: a child writing to each of 4096 pages it
 * shares with its parent takes one copy-on-write fault per page, every
 * one counted (its last ones written at its exit), and the parent, which
 * writes nothing after the fork, next to none. */
static void
test_copy_on_write_counted (void)
{
  g_autofree char *path = weft_test_program_path ("cow-storm");
  const char *argv[] = { path, "16", NULL };
  g_autoptr (WeftTestTrace) trace = weft_test_record (argv, NULL);
  g_autoptr (GPtrArray) forks = process_forks (trace);
  g_autoptr (GPtrArray) counts = weft_test_events_of_kind (trace, WEFT_EV_COW_FAULTS);
  guint32 child;
  guint64 child_faults = 0, parent_faults_after_fork = 0;
  guint64 fork_ts;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_nonnull (strstr (trace->stdout_text, "pages=4096"));
  g_assert_cmpuint (forks->len, ==, 1);
  child = ((const struct weft_fork *) g_ptr_array_index (forks, 0))->child_tgid;
  fork_ts = ((const struct weft_event_header *) g_ptr_array_index (forks, 0))->ts;
  for (guint i = 0; i < counts->len; i++)
    {
      const struct weft_cow_faults *c = g_ptr_array_index (counts, i);

      g_assert_cmpuint (c->count, >, 0);
      g_assert_cmpuint (c->first_ns, <=, c->h.ts);
      if (c->h.tgid == child)
        child_faults += c->count;
      else if (c->first_ns > fork_ts)
        parent_faults_after_fork += c->count;
    }
  /* Each page once, plus the few the child's own stack and libc take. */
  g_test_message ("child %u: %" G_GUINT64_FORMAT " faults; parent after the fork: %" G_GUINT64_FORMAT,
                  child, child_faults, parent_faults_after_fork);
  g_assert_cmpuint (child_faults, >=, 4096);
  g_assert_cmpuint (child_faults, <=, 4096 + 64);
  g_assert_cmpuint (parent_faults_after_fork, <, 64);
  g_assert_cmpuint (trace->lost_events, ==, 0);
}

static void
test_three_children (void)
{
  g_autoptr (WeftTestTrace) trace = record_program ("fork3");
  g_autoptr (GPtrArray) forks = process_forks (trace);
  guint32 root = trace->info.root_pid;
  guint32 exits3, killed, late;
  const struct weft_exit *e;
  const struct weft_reap *r;
  guint64 zombie_ns;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpuint (trace->lost_events, ==, 0);
  g_assert_false (trace->truncated);
  g_assert_cmpuint (forks->len, ==, 3);
  g_assert_cmpint (sscanf (trace->stdout_text, "exits3=%u killed=%u late=%u", &exits3, &killed, &late), ==, 3);

  for (guint i = 0; i < forks->len; i++)
    {
      const struct weft_fork *f = g_ptr_array_index (forks, i);

      g_assert_cmpuint (f->h.tgid, ==, root);
      g_assert_true (f->child_tgid == exits3 || f->child_tgid == killed || f->child_tgid == late);
    }

  e = process_exit_of (trace, exits3);
  g_assert_nonnull (e);
  g_assert_true (WIFEXITED (e->exit_code) && WEXITSTATUS (e->exit_code) == 3);
  e = process_exit_of (trace, killed);
  g_assert_nonnull (e);
  g_assert_true (WIFSIGNALED (e->exit_code) && WTERMSIG (e->exit_code) == SIGTERM);

  /* The parent's waits report what happened to each child. */
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_wait_end *w = g_ptr_array_index (trace->events, i);

      if (w->h.kind != WEFT_EV_WAIT_END || w->ret <= 0)
        continue;
      g_assert_cmpuint (w->h.tgid, ==, root);
      if ((guint32) w->ret == exits3)
        g_assert_cmpint (WEXITSTATUS (w->status), ==, 3);
      else if ((guint32) w->ret == killed)
        g_assert_cmpint (WTERMSIG (w->status), ==, SIGTERM);
      else
        g_assert_cmpuint (w->ret, ==, late);
    }
  for (guint32 pid = 0; pid < 3; pid++)
    {
      guint32 child = pid == 0 ? exits3 : pid == 1 ? killed : late;

      r = reap_of (trace, child);
      g_assert_nonnull (r);
      g_assert_cmpuint (r->reaper, ==, root);
      g_assert_cmpuint (r->flags, ==, 0);
    }

  /* `late` exited at once but was reaped after the parent's sleep (1): a
   * zombie for about a second. */
  e = process_exit_of (trace, late);
  r = reap_of (trace, late);
  g_assert_nonnull (e);
  zombie_ns = r->h.ts - e->h.ts;
  g_assert_cmpuint (zombie_ns, >=, 990000000);
  g_assert_cmpuint (zombie_ns, <, 5000000000);

  /* The others were reaped promptly: no zombie interval to speak of. */
  g_assert_cmpuint (reap_of (trace, exits3)->h.ts - process_exit_of (trace, exits3)->h.ts, <, 500000000);
}

static void
test_threads_are_threads (void)
{
  g_autoptr (WeftTestTrace) trace = record_program ("threads");
  g_autoptr (GPtrArray) forks = weft_test_events_of_kind (trace, WEFT_EV_FORK);
  g_autoptr (GPtrArray) comms = weft_test_events_of_kind (trace, WEFT_EV_COMM);
  g_autoptr (GHashTable) tids = g_hash_table_new (NULL, NULL);
  guint named = 0, thread_exits = 0;

  g_assert_cmpint (trace->exit_status, ==, 0);
  g_assert_cmpuint (forks->len, ==, 4);
  for (guint i = 0; i < forks->len; i++)
    {
      const struct weft_fork *f = g_ptr_array_index (forks, i);

      g_assert_true (f->flags & WEFT_FORK_THREAD);
      g_assert_cmpuint (f->child_tgid, ==, trace->info.root_pid);
      g_assert_cmpuint (f->child_tid, !=, trace->info.root_pid);
      g_hash_table_add (tids, GUINT_TO_POINTER (f->child_tid));
    }
  g_assert_cmpuint (g_hash_table_size (tids), ==, 4);

  /* pthread_setname_np names each thread, and the names are in the trace. */
  for (guint i = 0; i < comms->len; i++)
    {
      const struct weft_comm *c = g_ptr_array_index (comms, i);

      if (g_str_has_prefix (c->comm, "worker-") && g_hash_table_contains (tids, GUINT_TO_POINTER (c->h.tid)))
        named++;
    }
  g_assert_cmpuint (named, ==, 4);

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_exit *e = g_ptr_array_index (trace->events, i);

      if (e->h.kind == WEFT_EV_EXIT && g_hash_table_contains (tids, GUINT_TO_POINTER (e->h.tid)))
        {
          g_assert_false (e->flags & WEFT_EXIT_GROUP_DEAD);
          thread_exits++;
        }
    }
  g_assert_cmpuint (thread_exits, ==, 4);
  g_assert_nonnull (process_exit_of (trace, trace->info.root_pid));
}

static void
test_orphan_is_reparented (void)
{
  g_autoptr (WeftTestTrace) trace = record_program ("orphan");
  g_autoptr (GPtrArray) reparents = weft_test_events_of_kind (trace, WEFT_EV_REPARENT);
  const struct weft_reparent *r;
  const struct weft_exit *orphan_exit, *parent_exit;
  guint32 child;

  g_assert_cmpint (sscanf (trace->stdout_text, "child=%u", &child), ==, 1);
  g_assert_cmpuint (reparents->len, ==, 1);
  r = g_ptr_array_index (reparents, 0);
  g_assert_cmpuint (r->pid, ==, child);
  g_assert_cmpuint (r->old_parent, ==, trace->info.root_pid);

  /* The recording went on until the orphan, too, had exited, and its
   * parent by then is the one the reparent event named. */
  orphan_exit = process_exit_of (trace, child);
  parent_exit = process_exit_of (trace, trace->info.root_pid);
  g_assert_nonnull (orphan_exit);
  g_assert_nonnull (parent_exit);
  g_assert_cmpuint (orphan_exit->h.ts, >, parent_exit->h.ts);
  g_assert_cmpuint (orphan_exit->parent_tgid, ==, r->new_parent);
  g_assert_cmpuint (r->new_parent, !=, trace->info.root_pid);
}

static void
test_sigchld_ignored_autoreaps (void)
{
  g_autoptr (WeftTestTrace) trace = record_program ("sigchld-ignored");
  g_autoptr (GPtrArray) forks = process_forks (trace);
  guint auto_reaped = 0;

  g_assert_cmpuint (forks->len, ==, 3);
  for (guint i = 0; i < forks->len; i++)
    {
      const struct weft_fork *f = g_ptr_array_index (forks, i);
      const struct weft_reap *r = reap_of (trace, f->child_tgid);
      const struct weft_exit *e = process_exit_of (trace, f->child_tgid);

      g_assert_nonnull (r);
      g_assert_nonnull (e);
      if (r->flags & WEFT_REAP_AUTO)
        auto_reaped++;
      /* Released at its exit: no zombie interval at all. */
      g_assert_cmpuint (r->h.ts - e->h.ts, <, 1000000);
      g_assert_cmpuint (r->reaper, ==, trace->info.root_pid);
    }
  g_assert_cmpuint (auto_reaped, ==, 3);
}

/* A task of the traced tree: any process the trace saw forked, the root,
 * and (as the SIGCHLD receiver) nothing else. */
static gboolean
in_tree (GHashTable *tree, guint32 pid)
{
  return g_hash_table_contains (tree, GUINT_TO_POINTER (pid));
}

static void
test_only_the_tree_is_recorded (void)
{
  g_autoptr (WeftTestTrace) trace = NULL;
  g_autoptr (GHashTable) tree = g_hash_table_new (NULL, NULL);
  g_autofree char *workload = weft_test_program_path ("mixed-workload");
  g_autofree char *neighbour = weft_test_program_path ("busy-neighbour");
  const char *argv[] = { workload, "4", NULL };
  const char *busy_argv[] = { neighbour, "60", NULL };
  g_autoptr (GError) error = NULL;
  guint n_signals = 0;
  GPid busy;

  /* An unrelated program forking, locking, writing a pipe and taking a
   * timer signal every millisecond, all through the recording of a
   * program that does the same kinds of things. */
  g_spawn_async (NULL, (char **) busy_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &busy, &error);
  g_assert_no_error (error);
  trace = weft_test_record (argv, NULL);
  kill (busy, SIGKILL);
  waitpid (busy, NULL, 0);
  g_assert_cmpint (trace->exit_status, ==, 0);

  g_hash_table_add (tree, GUINT_TO_POINTER (trace->info.root_pid));
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *h = g_ptr_array_index (trace->events, i);

      if (h->kind == WEFT_EV_FORK)
        g_hash_table_add (tree, GUINT_TO_POINTER (((const struct weft_fork *) h)->child_tgid));
    }
  g_assert_cmpuint (g_hash_table_size (tree), >=, 250);
  g_assert_false (in_tree (tree, busy));

  /* Every event is about the tree.  A wakeup may come from outside it (a
   * waker), but then its target is inside; a signal's target is inside,
   * or it is the root's SIGCHLD to the recorder.  (A switch-out names the
   * task that ran next, which may be anyone: that is the traced thread's
   * own event, and its pid field stays inside.) */
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *h = g_ptr_array_index (trace->events, i);
      guint32 subject = h->tgid;

      if (h->kind == WEFT_EV_WAKEUP)
        subject = ((const struct weft_wakeup *) h)->target_tgid;
      else if (h->kind == WEFT_EV_SIGNAL_GENERATE)
        {
          const struct weft_signal *sig = (const struct weft_signal *) h;

          n_signals++;
          if (sig->target_tgid == trace->info.recorder_pid && sig->sig == SIGCHLD)
            continue;
          subject = sig->target_tgid;
        }
      if (!in_tree (tree, subject))
        g_error ("event %u at %" G_GUINT64_FORMAT " about pid %u, which is not in the traced tree "
                 "(the busy neighbour is %d)", h->kind, (guint64) h->ts, subject, busy);
    }
  g_assert_cmpuint (n_signals, >=, 250); /* the workload's SIGCHLDs are there */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lifecycle/three-children", test_three_children);
  g_test_add_func ("/lifecycle/copy-on-write", test_copy_on_write_counted);
  g_test_add_func ("/lifecycle/threads", test_threads_are_threads);
  g_test_add_func ("/lifecycle/orphan", test_orphan_is_reparented);
  g_test_add_func ("/lifecycle/sigchld-ignored", test_sigchld_ignored_autoreaps);
  g_test_add_func ("/lifecycle/only-the-tree", test_only_the_tree_is_recorded);
  return g_test_run ();
}

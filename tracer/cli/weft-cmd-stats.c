/* weft-cmd-stats.c: `weft stats FILE [--json]`, a trace summarised. */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib.h>
#include <stdio.h>

#include "weft-cli-model.h"
#include "weft-commands.h"
#include "weft-event-text.h"
#include "weft-stats.h"

static void
print_process (WeftModel *model, const WeftProcess *p, guint depth)
{
  g_autofree char *start = weft_cli_format_seconds (p->start_ns);
  g_autofree char *indent = g_strnfill (MIN (depth, WEFT_CLI_MAX_INDENT) * 2, ' ');

  printf ("%s%u %s  started %s", indent, p->pid, p->comm, start);
  if (p->exec_path)
    printf (", exec %s", p->exec_path);
  if (p->exit_ns != WEFT_TIME_NONE)
    {
      g_autofree char *status = weft_describe_wait_status (p->exit_status);
      g_autofree char *at = weft_cli_format_seconds (p->exit_ns);

      printf (", %s at %s", status, at);
      if (p->auto_reaped)
        printf (", released at once (SIGCHLD ignored)");
      else if (weft_process_left_zombie (p) && p->reap_ns != WEFT_TIME_NONE)
        {
          g_autofree char *zombie = weft_cli_format_seconds (p->reap_ns - p->exit_ns);
          g_autofree char *reaper = weft_model_name_process (model, p->reaped_by);

          printf (", zombie for %s until reaped by %s", zombie, reaper);
        }
      else if (p->reap_ns == WEFT_TIME_NONE && !(p->is_root))
        printf (", still a zombie at the end");
    }
  else
    printf (", still running at the end");
  if (p->reparented_to)
    {
      g_autofree char *adopter = weft_model_name_process (model, p->reparented_to);

      printf (", orphaned: adopted by %s", adopter);
    }
  if (p->outlived_root)
    printf (", outlived the traced command");
  printf ("\n");

  for (guint i = 0; i < p->threads->len; i++)
    {
      const WeftThread *thread = g_ptr_array_index (p->threads, i);
      guint64 totals[WEFT_N_STATES], life = 0;

      weft_model_thread_state_totals (model, thread, 0, weft_model_get_end_ns (model), totals);
      for (guint s = 0; s < WEFT_STATE_ZOMBIE; s++)
        life += totals[s];
      printf ("%s  thread %u %-16s", indent, thread->tid, weft_thread_get_label (thread));
      for (guint s = 0; s < WEFT_STATE_ZOMBIE; s++)
        if (totals[s] > 0 && life > 0)
          printf (" %s %.1f%%", weft_thread_state_name (s), 100.0 * totals[s] / life);
      printf ("\n");
    }
}

/* What a program waited on, under the name it knows: one line per name and
 * process, however many futex words stand behind it (the GIL is four). */
typedef struct {
  guint32 pid;
  char *label;
  guint32 contentions;
  guint64 wait_ns, max_wait_ns;
} LockLine;

static void
lock_line_free (LockLine *line)
{
  g_free (line->label);
  g_free (line);
}

static void
print_locks (GPtrArray *locks)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) lock_line_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < locks->len; i++)
    {
      const WeftLock *lock = g_ptr_array_index (locks, i);
      g_autofree char *label = NULL;
      char *key;
      LockLine *line;

      if (lock->contentions == 0)
        continue;
      label = weft_lock_label (lock);
      key = g_strdup_printf ("%u %s", lock->pid, label);
      line = g_hash_table_lookup (by_key, key);
      if (!line)
        {
          line = g_new0 (LockLine, 1);
          line->pid = lock->pid;
          line->label = g_steal_pointer (&label);
          g_ptr_array_add (lines, line);
          g_hash_table_insert (by_key, key, line);
        }
      else
        g_free (key);
      line->contentions += lock->contentions;
      line->wait_ns += lock->wait_ns;
      line->max_wait_ns = MAX (line->max_wait_ns, lock->max_wait_ns);
    }
  if (lines->len > 0)
    printf ("\nlocks waited for:\n");
  for (guint i = 0; i < lines->len; i++)
    {
      const LockLine *line = g_ptr_array_index (lines, i);
      g_autofree char *wait = weft_cli_format_seconds (line->wait_ns);
      g_autofree char *max = weft_cli_format_seconds (line->max_wait_ns);

      /* "together": the waits of every thread added up, which can be
       * longer than the program ran. */
      printf ("  %s in %u: %u wait%s, together %s, the longest %s\n", line->label, line->pid,
              line->contentions, line->contentions == 1 ? "" : "s", wait, max);
    }
}

static void
print_summary (WeftModel *model)
{
  const WeftTraceInfo *info = weft_model_get_info (model);
  g_autofree char *command = g_strjoinv (" ", info->argv);
  g_autofree char *duration = weft_cli_format_seconds (weft_model_get_end_ns (model));
  g_autoptr (GArray) depths = NULL;
  g_autoptr (GPtrArray) tree = weft_model_list_tree (model, &depths);
  GPtrArray *locks = weft_model_get_locks (model);
  GPtrArray *deadlocks = weft_model_get_deadlocks (model);
  GArray *io = weft_model_get_io_waits (model);
  GPtrArray *objects = weft_model_get_objects (model);
  GArray *signals = weft_model_get_signal_counts (model);

  printf ("command: %s\nduration: %s, %" G_GUINT64_FORMAT " events, %" G_GUINT64_FORMAT " lost\n",
          command, duration, weft_model_get_n_events (model), weft_model_get_lost_events (model));
  printf ("\nprocesses (%u):\n", tree->len);
  for (guint i = 0; i < tree->len; i++)
    print_process (model, g_ptr_array_index (tree, i), g_array_index (depths, guint, i) + 1);

  print_locks (locks);
  printf ("\ndeadlocks: %s\n", deadlocks->len ? "" : "none");
  for (guint i = 0; i < deadlocks->len; i++)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, i);
      g_autofree char *at = weft_cli_format_seconds (d->at_ns);

      printf ("  %s at %s: threads", d->kind == WEFT_DEADLOCK_CYCLE ? "cycle" : "stall (likely deadlock)", at);
      for (guint j = 0; j < d->tids->len; j++)
        printf (" %u", g_array_index (d->tids, guint32, j));
      printf (", locks");
      for (guint j = 0; j < d->locks->len; j++)
        {
          g_autofree char *label = weft_lock_label (g_ptr_array_index (locks, g_array_index (d->locks, guint32, j)));
          printf (" %s", label);
        }
      printf ("%s\n", d->resolved ? " (resolved later)" : "");
    }
  if (io->len > 0)
    {
      printf ("\nIO waits:\n");
      for (guint i = 0; i < io->len; i++)
        {
          const WeftIoWait *w = &g_array_index (io, WeftIoWait, i);
          g_autofree char *wait = weft_cli_format_seconds (w->wait_ns);

          printf ("  thread %u: %u %s call%s, blocked %s\n", w->tid, w->count, w->kind, w->count == 1 ? "" : "s",
                  wait);
        }
    }
  for (guint i = 0; i < objects->len; i++)
    {
      const WeftObject *o = g_ptr_array_index (objects, i);

      if (o->bytes_written == 0 && o->bytes_read == 0)
        continue;
      printf ("  %s: %" G_GUINT64_FORMAT " bytes written by %u threads, %" G_GUINT64_FORMAT
              " read by %u\n", o->label, o->bytes_written, o->writers->len, o->bytes_read,
              o->readers->len);
    }
  if (signals->len > 0)
    {
      printf ("\nsignals:\n");
      for (guint i = 0; i < signals->len; i++)
        {
          const WeftSignalCount *s = &g_array_index (signals, WeftSignalCount, i);

          if (s->from_pid)
            printf ("  %s from %u to %u: %u\n", weft_signal_name (s->signal), s->from_pid, s->to_pid, s->count);
          else
            printf ("  %s from the kernel to %u: %u\n", weft_signal_name (s->signal), s->to_pid, s->count);
        }
    }
}

int
weft_cmd_stats (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the stable JSON document (for scripts and grading)", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE — summarise a trace");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftModel) model = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return weft_print_option_error ("stats", error->message);
  if (argc != 2)
    {
      weft_print_error (_("stats needs exactly one trace file: weft stats FILE [--json]"));
      return 2;
    }
  model = weft_cli_load_model (argv[1]);
  if (!model)
    return 1;
  if (json && !weft_stats_write_json (model, stdout))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot write to standard output: %s."), g_strerror (errno));

      weft_print_error (message);
      return 1;
    }
  if (json)
    return 0;
  print_summary (model);
  return 0;
}

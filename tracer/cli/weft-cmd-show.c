/*
 * weft-cmd-show.c: `weft show FILE`, the timeline in a terminal — one row
 * per thread under its process in tree order, a character (or an ANSI
 * colour block on a tty) per column for the dominant state.
 */
#include <glib/gi18n-lib.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "weft-cli-model.h"
#include "weft-commands.h"
#include "weft-event-text.h"
#include "weft-show-python.h"
#include "weft-show-coro.h"

#define LABEL_MAX 34
#define DEADLOCK_CHAR 'X'

typedef struct {
  WeftModel *model;
  guint64 from, to;
  guint width;
  guint label_width;
  gboolean colour;
  WeftStateBin *bins;
  GString *line;
} ShowContext;

static void
append_cell (ShowContext *ctx, char symbol, const char *colour)
{
  if (ctx->colour && colour)
    g_string_append_printf (ctx->line, "\033[%sm%s\033[0m", colour,
                            symbol == DEADLOCK_CHAR ? "\xe2\x96\x93" : "\xe2\x96\x88");
  else
    g_string_append_c (ctx->line, symbol);
}

/* Is tid stuck in a deadlock at time t? */
static gboolean
in_deadlock (WeftModel *model, guint32 tid, guint64 t)
{
  GPtrArray *deadlocks = weft_model_get_deadlocks (model);

  for (guint i = 0; i < deadlocks->len; i++)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, i);

      if (t + 1 < d->at_ns)
        continue;
      for (guint j = 0; j < d->tids->len; j++)
        if (g_array_index (d->tids, guint32, j) == tid)
          return TRUE;
    }
  return FALSE;
}

static char *
process_note (WeftModel *model, const WeftProcess *p)
{
  GString *note = g_string_new (NULL);

  if (p->exit_ns != WEFT_TIME_NONE)
    {
      g_autofree char *status = weft_describe_wait_status (p->exit_status);

      g_string_append (note, status);
      if (p->auto_reaped)
        g_string_append (note, ", auto-reaped");
      else if (weft_process_is_zombie_at (p, weft_model_get_end_ns (model)))
        g_string_append (note, ", zombie until the end");
      else if (weft_process_left_zombie (p) && p->reap_ns != WEFT_TIME_NONE)
        {
          g_autofree char *zombie = weft_cli_format_seconds (p->reap_ns - p->exit_ns);
          g_autofree char *reaper = weft_model_name_process (model, p->reaped_by);

          g_string_append_printf (note, ", zombie %s, reaped by %s", zombie, reaper);
        }
    }
  if (p->reparented_to)
    {
      g_autofree char *adopter = weft_model_name_process (model, p->reparented_to);

      g_string_append_printf (note, "%sorphan, adopted by %s", note->len ? ", " : "", adopter);
    }
  return g_string_free (note, FALSE);
}

static void
show_thread (ShowContext *ctx, const WeftThread *thread, const char *label, const char *note)
{
  guint64 span = ctx->to - ctx->from;

  weft_model_thread_bins (ctx->model, thread, ctx->from, ctx->to, ctx->width, ctx->bins);
  g_string_truncate (ctx->line, 0);
  g_string_append_printf (ctx->line, "%-*.*s |", ctx->label_width, ctx->label_width, label);
  for (guint c = 0; c < ctx->width; c++)
    {
      WeftThreadState state = ctx->bins[c].dominant;
      /* In integers: a span near 2^64 ns rounds up as a double. */
      guint64 column_end = ctx->from + span / ctx->width * (c + 1) + span % ctx->width * (c + 1) / ctx->width;

      if (state == WEFT_STATE_LOCK && in_deadlock (ctx->model, thread->tid, column_end))
        append_cell (ctx, DEADLOCK_CHAR, "41;31");
      else
        append_cell (ctx, weft_thread_state_symbol (state), weft_thread_state_ansi (state));
    }
  g_string_append_c (ctx->line, '|');
  if (note && *note)
    g_string_append_printf (ctx->line, " %s", note);
  puts (ctx->line->str);
}

static gboolean
in_subtree (const WeftProcess *p, guint32 pid)
{
  for (; p; p = p->parent)
    if (p->pid == pid)
      return TRUE;
  return FALSE;
}

static void
print_axis (ShowContext *ctx)
{
  g_autofree char *start = weft_cli_format_seconds (ctx->from);
  g_autofree char *end = weft_cli_format_seconds (ctx->to);
  g_autofree char *column = weft_cli_format_seconds ((ctx->to - ctx->from) / ctx->width);
  g_autoptr (GString) axis = g_string_new (NULL);

  g_string_append_printf (axis, "%-*s |%s", ctx->label_width, "time", start);
  while (axis->len < ctx->label_width + 2 + ctx->width - strlen (end))
    g_string_append_c (axis, ' ');
  g_string_append_printf (axis, "%s|", end);
  puts (axis->str);
  printf ("%-*s  (one column = %s)\n", ctx->label_width, "", column);
}

static void
print_legend (ShowContext *ctx)
{
  g_string_truncate (ctx->line, 0);
  g_string_append (ctx->line, "legend:");
  /* The model's states: ALIVE is only the viewer's word for RUNNING. */
  for (guint s = 0; s < WEFT_STATE_ALIVE; s++)
    {
      g_string_append_c (ctx->line, ' ');
      append_cell (ctx, weft_thread_state_symbol (s), weft_thread_state_ansi (s));
      g_string_append_printf (ctx->line, " %s,", weft_thread_state_meaning (s));
    }
  g_string_append_c (ctx->line, ' ');
  append_cell (ctx, DEADLOCK_CHAR, "41;31");
  g_string_append (ctx->line, " deadlocked");
  puts (ctx->line->str);
}

/* " waiting on mutexA, mutexB, or for a thread to end (join)". */
static void
print_deadlock_waits (WeftModel *model, const WeftDeadlock *d)
{
  gboolean joins;
  g_autofree char *locks = weft_model_deadlock_locks (model, d, &joins);

  if (*locks)
    printf (" waiting on %s", locks);
  if (joins)
    printf ("%s for a thread to end (join)", *locks ? ", or" : " waiting");
  printf ("\n");
}

static void
print_deadlocks (WeftModel *model)
{
  GPtrArray *deadlocks = weft_model_get_deadlocks (model);

  for (guint i = 0; i < deadlocks->len; i++)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, i);
      g_autofree char *at = weft_cli_format_seconds (d->at_ns);

      printf ("DEADLOCK (%s) at %s: threads", d->kind == WEFT_DEADLOCK_CYCLE ? "cycle" : "stall", at);
      for (guint j = 0; j < d->tids->len; j++)
        {
          g_autofree char *name = weft_model_name_thread (model, g_array_index (d->tids, guint32, j));

          printf ("%s %s", j ? "," : "", name);
        }
      print_deadlock_waits (model, d);
      weft_show_python_stall_hint (model, d);
    }
}

/* Below a megabyte, copies on write are a program's start-up (its first
 * writes to memory it had only read), not a lesson about fork(). */
#define COW_SHOWN_PAGES 256

/* Since when p shares pages with another process: from its first fork
 * as a parent, or from its own start for a forked child that kept its
 * parent's image (never exec'd); WEFT_TIME_NONE for neither. */
static guint64
sharing_since (const WeftProcess *p)
{
  guint64 since = WEFT_TIME_NONE;

  if (p->children->len > 0)
    since = ((const WeftProcess *) g_ptr_array_index (p->children, 0))->start_ns;
  if (p->parent && !p->exec_path)
    since = MIN (since, p->start_ns);
  return since;
}

/* The processes that copied pages on write in the window: what fork()
 * put off, paid when parent or child writes to what they share.  The
 * copies a program makes before any fork (its first writes to memory it
 * had only read) are not this lesson's and are left out. */
static void
print_cow_faults (WeftModel *model, GPtrArray *tree, guint64 from, guint64 to, int pid)
{
  gboolean said = FALSE;

  for (guint i = 0; i < tree->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (tree, i);
      guint64 since = MAX (from, sharing_since (p));
      g_autofree char *name = NULL;
      guint64 pages;

      if ((pid > 0 && !in_subtree (p, pid)) || since == WEFT_TIME_NONE)
        continue;
      pages = weft_model_process_cow_faults (model, p, since, to);
      if (pages < COW_SHOWN_PAGES)
        continue;
      if (!said)
        printf ("Copy-on-write (pages written while shared with another process since fork; "
                "the kernel copied each at its first write):\n");
      said = TRUE;
      name = weft_model_name_process (model, p->pid);
      printf ("  %s: %" G_GUINT64_FORMAT " pages (%" G_GUINT64_FORMAT " MB)\n", name, pages, pages / 256);
    }
}

static guint
terminal_width (void)
{
  struct winsize size;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 0;
}

int
weft_cmd_show (int argc, char **argv)
{
  g_autofree char *from_text = NULL, *to_text = NULL;
  int pid = 0, width = 0;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, "Start of the window (seconds, or 200ms, 30us...)", "T" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "End of the window", "T" },
    { "pid", 0, 0, G_OPTION_ARG_INT, &pid, "Only this process and its descendants", "P" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Columns of the timeline", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE — draw a trace's timeline in the terminal");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftModel) model = NULL;
  g_autoptr (GPtrArray) tree = NULL;
  g_autoptr (GArray) depths = NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  g_autofree WeftStateBin *bins = NULL;
  ShowContext ctx = { 0 };
  guint shown = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return weft_print_option_error ("show", error->message);
  if (argc != 2)
    {
      weft_print_error (_("show needs exactly one trace file: weft show FILE [--from T] [--to T] [--pid P] [--width N]"));
      return 2;
    }
  if (from_text && !weft_cli_parse_time ("--from", from_text, &ctx.from))
    return 2;
  ctx.to = G_MAXUINT64;
  if (to_text && !weft_cli_parse_time ("--to", to_text, &ctx.to))
    return 2;
  if (width < 0 || width > 10000 || (width > 0 && width < 10))
    {
      weft_print_error (_("--width needs a number of columns between 10 and 10000."));
      return 2;
    }

  model = weft_cli_load_model (argv[1]);
  if (!model)
    return 1;
  /* Nothing to draw is the file's doing, not the options'. */
  if (weft_model_get_n_events (model) == 0)
    {
      g_autofree char *message = weft_model_is_truncated (model)
        ? g_strdup_printf (_("%s holds no events before the cut: the recording was interrupted "
                             "before its first events were written."), argv[1])
        : g_strdup_printf (_("%s holds no events: nothing was recorded."), argv[1]);

      weft_print_error (message);
      return 1;
    }
  if (ctx.to == G_MAXUINT64)
    ctx.to = weft_model_get_end_ns (model);
  if (ctx.to <= ctx.from)
    {
      g_autofree char *end = weft_cli_format_seconds (weft_model_get_end_ns (model));
      g_autofree char *message = (from_text || to_text)
        ? g_strdup_printf (_("the window is empty: --from must be before --to, "
                             "and the trace lasts %s."), end)
        : g_strdup_printf (_("the trace lasts %s: there is no time to draw."), end);

      weft_print_error (message);
      return from_text || to_text ? 2 : 1;
    }
  if (pid > 0 && !weft_model_lookup_process (model, pid))
    {
      g_autofree char *message = g_strdup_printf ("process %d is not in this trace; "
                                                  "'weft stats FILE' lists its processes.", pid);
      weft_print_error (message);
      return 2;
    }

  ctx.model = model;
  ctx.colour = isatty (STDOUT_FILENO) && !g_getenv ("NO_COLOR");
  ctx.line = line;
  tree = weft_model_list_tree (model, &depths);
  ctx.label_width = 12;
  for (guint i = 0; i < tree->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (tree, i);
      guint depth = MIN (g_array_index (depths, guint, i), WEFT_CLI_MAX_INDENT);
      g_autofree char *label = g_strdup_printf ("%u %s", p->pid, weft_process_get_label (p));

      ctx.label_width = MAX (ctx.label_width, MIN (LABEL_MAX, depth * 2 + strlen (label) + 4));
      for (guint j = 0; j < p->threads->len; j++)
        {
          const WeftThread *thread = g_ptr_array_index (p->threads, j);
          g_autofree char *thread_label = g_strdup_printf ("%u %s", thread->tid, weft_thread_get_label (thread));

          if (j > 0)
            ctx.label_width = MAX (ctx.label_width, MIN (LABEL_MAX, depth * 2 + strlen (thread_label) + 2));
          /* Coroutine rows under it: "  ↳ greenlet serve_client()" whole,
           * or the lanes of one function look alike. */
          ctx.label_width = MAX (ctx.label_width, MIN (LABEL_MAX, weft_show_coro_label_chars (model, thread->tid, depth)));
        }
    }
  if (width > 0)
    ctx.width = width;
  else
    {
      guint columns = ctx.colour ? terminal_width () : 0;

      ctx.width = columns > ctx.label_width + 40 ? columns - ctx.label_width - 30 : 80;
    }
  bins = g_new0 (WeftStateBin, ctx.width);
  ctx.bins = bins;

  {
    const WeftTraceInfo *info = weft_model_get_info (model);
    g_autofree char *command = g_strjoinv (" ", info->argv);

    printf ("%s — %s\n", argv[1], command);
  }
  print_axis (&ctx);
  for (guint i = 0; i < tree->len; i++)
    {
      const WeftProcess *p = g_ptr_array_index (tree, i);
      guint depth = MIN (g_array_index (depths, guint, i), WEFT_CLI_MAX_INDENT);
      g_autofree char *note = NULL;

      if (pid > 0 && !in_subtree (p, pid))
        continue;
      if (p->start_ns > ctx.to || (p->exit_ns != WEFT_TIME_NONE && p->exit_ns < ctx.from &&
                                   !weft_process_is_zombie_at (p, ctx.from)))
        continue;
      note = process_note (model, p);
      for (guint j = 0; j < p->threads->len; j++)
        {
          const WeftThread *thread = g_ptr_array_index (p->threads, j);
          g_autofree char *label = NULL;

          if (j == 0)
            label = g_strdup_printf ("%*s%u %s", depth * 2, "", p->pid, weft_process_get_label (p));
          else
            label = g_strdup_printf ("%*s  %u %s", depth * 2, "", thread->tid, weft_thread_get_label (thread));
          show_thread (&ctx, thread, label, j == 0 ? note : NULL);
          weft_show_coro_rows (model, thread->tid, ctx.from, ctx.to, ctx.width, ctx.label_width, depth);
          shown++;
        }
    }
  if (shown == 0)
    printf ("(no process in this window)\n");
  print_legend (&ctx);
  weft_show_coro_switches (model, ctx.from, ctx.to);
  print_deadlocks (model);
  print_cow_faults (model, tree, ctx.from, ctx.to, pid);
  weft_show_python_waits (model, ctx.from, ctx.to, pid);
  if (weft_model_get_lost_events (model) > 0)
    printf ("warning: %" G_GUINT64_FORMAT " events were lost while recording.\n",
            weft_model_get_lost_events (model));
  if (weft_model_is_truncated (model))
    printf ("warning: the trace was cut short; its end is missing.\n");
  return 0;
}

/*
 * weft-export-chrome.c: the model as Chrome trace-event JSON, which
 * ui.perfetto.dev and chrome://tracing open.  Written as a stream (a big
 * trace has millions of slices, too many for an in-memory JSON tree).
 *
 * Processes and threads get names and sort indices in tree order; every
 * state interval is a complete ("X") slice on its thread; flows are
 * "s"/"f" pairs bound to the slices they leave and enter; exits, reaps and
 * deadlocks are instant markers.
 */
#include "weft-export-chrome.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdio.h>

#include "weft-error.h"
#include "weft-event-text.h"

typedef struct {
  FILE *out;
  gboolean first;
  WeftModel *model;
} Writer;

static void
write_string (FILE *out, const char *text)
{
  fputc ('"', out);
  for (const unsigned char *p = (const unsigned char *) (text ? text : ""); *p; p++)
    {
      if (*p == '"' || *p == '\\')
        fprintf (out, "\\%c", *p);
      else if (*p < 0x20)
        fprintf (out, "\\u%04x", *p);
      else
        fputc (*p, out);
    }
  fputc ('"', out);
}

static void
begin_event (Writer *w)
{
  fputs (w->first ? "\n" : ",\n", w->out);
  w->first = FALSE;
}

/* Chrome wants microseconds; keep the nanoseconds as decimals. */
static void
write_us (FILE *out, const char *key, guint64 ns)
{
  fprintf (out, ",\"%s\":%" G_GUINT64_FORMAT ".%03u", key, ns / 1000, (guint) (ns % 1000));
}

static void
write_metadata (Writer *w, const char *name, guint32 pid, guint32 tid, const char *value, gint sort)
{
  begin_event (w);
  fprintf (w->out, "{\"ph\":\"M\",\"name\":\"%s\",\"pid\":%u,\"tid\":%u,\"args\":{", name, pid, tid);
  if (value)
    {
      fputs ("\"name\":", w->out);
      write_string (w->out, value);
    }
  else
    fprintf (w->out, "\"sort_index\":%d", sort);
  fputs ("}}", w->out);
}

static void
write_instant (Writer *w, guint32 pid, guint32 tid, guint64 t, const char *name, const char *scope)
{
  begin_event (w);
  fprintf (w->out, "{\"ph\":\"i\",\"s\":\"%s\",\"cat\":\"marker\",\"pid\":%u,\"tid\":%u", scope, pid, tid);
  write_us (w->out, "ts", t);
  fputs (",\"name\":", w->out);
  write_string (w->out, name);
  fputs ("}", w->out);
}

static void
write_thread (Writer *w, const WeftThread *thread)
{
  guint n = weft_model_thread_n_intervals (w->model, thread);

  for (guint i = 0; i < n; i++)
    {
      WeftStateInterval interval;
      g_autofree char *detail = NULL;

      weft_model_thread_get_interval (w->model, thread, i, &interval);
      if (interval.state == WEFT_STATE_NONE)
        continue;
      detail = weft_model_describe_interval (w->model, &interval);
      begin_event (w);
      fprintf (w->out, "{\"ph\":\"X\",\"cat\":\"state\",\"pid\":%u,\"tid\":%u,\"name\":\"%s\"",
               thread->pid, thread->tid, weft_thread_state_name (interval.state));
      write_us (w->out, "ts", interval.start_ns);
      write_us (w->out, "dur", interval.end_ns - interval.start_ns);
      fprintf (w->out, ",\"args\":{\"stat\":\"%c\",\"detail\":", interval.stat);
      write_string (w->out, detail);
      fputs ("}}", w->out);
    }
}

static void
write_process (Writer *w, const WeftProcess *p, gint sort)
{
  g_autofree char *name = weft_process_dup_title (p);

  write_metadata (w, "process_name", p->pid, p->pid, name, 0);
  write_metadata (w, "process_sort_index", p->pid, p->pid, NULL, sort);
  for (guint i = 0; i < p->threads->len; i++)
    {
      const WeftThread *thread = g_ptr_array_index (p->threads, i);
      g_autofree char *thread_name = weft_thread_dup_title (thread);

      write_metadata (w, "thread_name", p->pid, thread->tid, thread_name, 0);
      write_metadata (w, "thread_sort_index", p->pid, thread->tid, NULL, i);
      write_thread (w, thread);
    }
  if (p->exit_ns != WEFT_TIME_NONE)
    {
      g_autofree char *status = weft_describe_wait_status (p->exit_status);

      write_instant (w, p->pid, p->pid, p->exit_ns, status, "t");
      if (weft_process_left_zombie (p) && p->reap_ns != WEFT_TIME_NONE)
        {
          g_autofree char *reaped = g_strdup_printf ("zombie reaped by %u", p->reaped_by);
          write_instant (w, p->pid, p->pid, p->reap_ns, reaped, "t");
        }
    }
  if (p->reparented_to)
    {
      g_autofree char *adopted = g_strdup_printf ("orphan adopted by %u", p->reparented_to);
      write_instant (w, p->pid, p->pid, p->reparented_ns == WEFT_TIME_NONE ? p->start_ns : p->reparented_ns,
                     adopted, "t");
    }
}

static guint32
pid_of (WeftModel *model, guint32 tid)
{
  WeftThread *thread = weft_model_lookup_thread (model, tid);

  return thread ? thread->pid : tid;
}

static void
write_flows (Writer *w)
{
  GArray *flows = weft_model_get_flows (w->model);

  for (guint i = 0; i < flows->len; i++)
    {
      const WeftFlow *f = &g_array_index (flows, WeftFlow, i);
      const char *name = weft_flow_kind_name (f->kind);

      begin_event (w);
      fprintf (w->out, "{\"ph\":\"s\",\"cat\":\"flow\",\"name\":\"%s\",\"id\":%u,\"pid\":%u,\"tid\":%u",
               name, i + 1, pid_of (w->model, f->from_tid), f->from_tid);
      write_us (w->out, "ts", f->from_ns);
      fputs ("}", w->out);
      begin_event (w);
      fprintf (w->out, "{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"flow\",\"name\":\"%s\",\"id\":%u,\"pid\":%u,\"tid\":%u",
               name, i + 1, pid_of (w->model, f->to_tid), f->to_tid);
      write_us (w->out, "ts", f->to_ns);
      fputs ("}", w->out);
    }
}

static void
write_deadlocks (Writer *w)
{
  GPtrArray *deadlocks = weft_model_get_deadlocks (w->model);
  GPtrArray *locks = weft_model_get_locks (w->model);

  for (guint i = 0; i < deadlocks->len; i++)
    {
      const WeftDeadlock *d = g_ptr_array_index (deadlocks, i);
      g_autoptr (GString) name = g_string_new (d->kind == WEFT_DEADLOCK_CYCLE ? "DEADLOCK (cycle):" : "DEADLOCK (stall):");

      for (guint j = 0; j < d->tids->len; j++)
        g_string_append_printf (name, " %u", g_array_index (d->tids, guint32, j));
      g_string_append (name, " on");
      for (guint j = 0; j < d->locks->len; j++)
        {
          g_autofree char *label = weft_lock_label (g_ptr_array_index (locks, g_array_index (d->locks, guint32, j)));
          g_string_append_printf (name, " %s", label);
        }
      for (guint j = 0; j < d->tids->len; j++)
        {
          guint32 tid = g_array_index (d->tids, guint32, j);
          write_instant (w, pid_of (w->model, tid), tid, d->at_ns, name->str, j == 0 ? "g" : "t");
        }
    }
}

gboolean
weft_export_chrome_json (WeftModel *model, const char *path, GError **error)
{
  g_autoptr (GPtrArray) tree = weft_model_list_tree (model, NULL);
  const WeftTraceInfo *info = weft_model_get_info (model);
  Writer w = { .first = TRUE, .model = model };
  g_autofree char *command = info ? g_strjoinv (" ", info->argv) : g_strdup ("");

  w.out = fopen (path, "w");
  if (!w.out)
    {
      int saved = errno;

      g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot write %s: %s."), path, g_strerror (saved));
      return FALSE;
    }
  fputs ("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"command\":", w.out);
  write_string (w.out, command);
  fprintf (w.out, ",\"lost_events\":%" G_GUINT64_FORMAT "},\"traceEvents\":[",
           weft_model_get_lost_events (model));
  for (guint i = 0; i < tree->len; i++)
    write_process (&w, g_ptr_array_index (tree, i), i);
  write_flows (&w);
  write_deadlocks (&w);
  fputs ("\n]}\n", w.out);
  if (ferror (w.out) | (fclose (w.out) != 0))
    {
      int saved = errno;

      g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot write %s: %s."), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

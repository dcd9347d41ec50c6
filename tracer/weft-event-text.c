/* weft-event-text.c: event records as text. */
#include "weft-event-text.h"

#include <signal.h>
#include <string.h>

#include "weft-trace-format.h"

const char *
weft_signal_name (int sig)
{
  static const char *const names[] = {
    [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
    [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
    [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM", [SIGSTKFLT] = "SIGSTKFLT",
    [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",
    [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU",
    [SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH",
    [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR", [SIGSYS] = "SIGSYS",
  };

  if (sig > 0 && sig < (int) G_N_ELEMENTS (names) && names[sig])
    return names[sig];
  return "signal";
}

char *
weft_describe_wait_status (int status)
{
  if (status < 0)
    return g_strdup ("status unknown");
  if ((status & 0x7f) == 0)
    return g_strdup_printf ("exited with code %d", (status >> 8) & 0xff);
  if ((status & 0xff) == 0x7f)
    return g_strdup_printf ("stopped by %s", weft_signal_name ((status >> 8) & 0xff));
  if (status == 0xffff)
    return g_strdup ("continued");
  return g_strdup_printf ("killed by %s (%d)%s", weft_signal_name (status & 0x7f), status & 0x7f,
                          (status & 0x80) ? ", core dumped" : "");
}

static void
format_details (GString *out, const struct weft_event_header *e)
{
  switch (e->kind)
    {
    case WEFT_EV_FORK:
      {
        const struct weft_fork *f = (const void *) e;

        g_string_append_printf (out, "%s %u (%.16s)%s", (f->flags & WEFT_FORK_THREAD) ? "thread" : "child",
                                (f->flags & WEFT_FORK_THREAD) ? f->child_tid : f->child_tgid,
                                f->child_comm, (f->flags & WEFT_FORK_VFORK) ? " vfork" : "");
        break;
      }
    case WEFT_EV_EXEC:
      {
        const struct weft_exec *x = (const void *) e;

        g_string_append_printf (out, "%s (comm %.16s)", x->filename, x->comm);
        break;
      }
    case WEFT_EV_EXIT:
      {
        const struct weft_exit *x = (const void *) e;
        g_autofree char *what = weft_describe_wait_status (x->exit_code);

        g_string_append_printf (out, "%s %s, parent %u", (x->flags & WEFT_EXIT_GROUP_DEAD) ? "process" : "thread",
                                what, x->parent_tgid);
        break;
      }
    case WEFT_EV_WAIT_BEGIN:
      {
        const struct weft_wait_begin *w = (const void *) e;

        g_string_append_printf (out, "%s pid %d options 0x%x", w->syscall == 247 ? "waitid" : "wait4",
                                w->pid, (guint) w->options);
        break;
      }
    case WEFT_EV_WAIT_END:
      {
        const struct weft_wait_end *w = (const void *) e;

        if (w->ret > 0)
          {
            g_autofree char *what = weft_describe_wait_status (w->status);

            g_string_append_printf (out, "got child %d, %s", w->ret, what);
          }
        else if (w->ret == 0)
          g_string_append (out, "no child ready");
        else
          g_string_append_printf (out, "error %s", g_strerror (-w->ret));
        break;
      }
    case WEFT_EV_REAP:
      {
        const struct weft_reap *r = (const void *) e;

        g_string_append_printf (out, "process %u released by %u%s", r->pid, r->reaper,
                                (r->flags & WEFT_REAP_AUTO) ? " automatically (SIGCHLD ignored)" :
                                (r->flags & WEFT_REAP_BY_RECORDER) ? " (weft)" : "");
        break;
      }
    case WEFT_EV_REPARENT:
      {
        const struct weft_reparent *r = (const void *) e;

        g_string_append_printf (out, "orphan %u: parent %u -> %u", r->pid, r->old_parent, r->new_parent);
        break;
      }
    case WEFT_EV_COMM:
      g_string_append_printf (out, "name %.16s", ((const struct weft_comm *) e)->comm);
      break;
    case WEFT_EV_TASK_INFO:
      {
        const struct weft_task_info *t = (const void *) e;

        g_string_append_printf (out, "existing %.16s, parent %u", t->comm, t->ppid);
        break;
      }
    case WEFT_EV_SIGNAL_GENERATE:
    case WEFT_EV_SIGNAL_DELIVER:
      {
        const struct weft_signal *s = (const void *) e;

        g_string_append_printf (out, "%s to %u", weft_signal_name (s->sig), s->target_tgid);
        if (s->target_tid)
          g_string_append_printf (out, "/%u", s->target_tid);
        g_string_append_printf (out, " code %d", s->code);
        if (s->sender_pid)
          g_string_append_printf (out, " from pid %u", s->sender_pid);
        break;
      }
    case WEFT_EV_RECORD_STOP:
      {
        const struct weft_record_stop *s = (const void *) e;

        g_string_append_printf (out, "%" G_GUINT64_FORMAT " events, %" G_GUINT64_FORMAT " lost",
                                (guint64) s->events, (guint64) s->lost_events);
        break;
      }
    default:
      break;
    }
}

void
weft_event_format (GString *out, const struct weft_event_header *event, guint64 t0_ns)
{
  const char *name = weft_event_kind_name (event->kind);
  gint64 rel = (gint64) (event->ts - t0_ns);
  const char *sign = rel < 0 ? "-" : "";

  if (rel < 0)
    rel = -rel;
  g_string_append_printf (out, "%s%4" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT " cpu%-2u %6u/%-6u ", sign,
                          rel / 1000000000, rel % 1000000000, event->cpu, event->tgid, event->tid);
  if (name)
    g_string_append_printf (out, "%-14s ", name);
  else
    g_string_append_printf (out, "kind-%-9u ", event->kind);
  format_details (out, event);
  g_string_append_c (out, '\n');
}

/* weft-event-text.c: event records as text. */
#include "weft-event-text.h"

#include <signal.h>
#include <string.h>

#include "syscalls.h"
#include "weft-coro-text.h"
#include "weft-trace-format.h"

/* The signals weft names, once (the demo catalog reads names with it). */
#define WEFT_SIGNALS(X) \
  X (SIGHUP) X (SIGINT) X (SIGQUIT) X (SIGILL) X (SIGTRAP) X (SIGABRT) X (SIGBUS) X (SIGFPE) \
  X (SIGKILL) X (SIGUSR1) X (SIGSEGV) X (SIGUSR2) X (SIGPIPE) X (SIGALRM) X (SIGTERM) \
  X (SIGSTKFLT) X (SIGCHLD) X (SIGCONT) X (SIGSTOP) X (SIGTSTP) X (SIGTTIN) X (SIGTTOU) \
  X (SIGURG) X (SIGXCPU) X (SIGXFSZ) X (SIGVTALRM) X (SIGPROF) X (SIGWINCH) X (SIGIO) \
  X (SIGPWR) X (SIGSYS)

static const char *const signal_names[] = {
#define SIGNAL_NAME(sig) [sig] = #sig,
  WEFT_SIGNALS (SIGNAL_NAME)
#undef SIGNAL_NAME
};

const char *
weft_signal_lookup (int sig)
{
  if (sig > 0 && sig < (int) G_N_ELEMENTS (signal_names))
    return signal_names[sig];
  return NULL;
}

const char *
weft_signal_name (int sig)
{
  const char *name = weft_signal_lookup (sig);

  return name ? name : "signal";
}

int
weft_signal_from_name (const char *name)
{
  for (gsize sig = 1; name && sig < G_N_ELEMENTS (signal_names); sig++)
    if (signal_names[sig] && strcmp (signal_names[sig], name) == 0)
      return (int) sig;
  return 0;
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

const char *
weft_syscall_name (guint nr)
{
  switch (nr)
    {
#define SYSCALL_NAME(nr, name, hook, state, io_kind, direction) \
    case nr:                                                    \
      return #name;
      WEFT_SYSCALLS (SYSCALL_NAME)
#undef SYSCALL_NAME
    default:
      return "syscall";
    }
}

/* The state column of bpf/syscalls.h: "IO", "SLEEP", "SELECT"... */
static const char *
syscall_state (guint nr)
{
  switch (nr)
    {
#define SYSCALL_STATE(nr, name, hook, state, io_kind, direction) \
    case nr:                                                     \
      return #state;
      WEFT_SYSCALLS (SYSCALL_STATE)
#undef SYSCALL_STATE
    default:
      return "";
    }
}

static const char *
task_state_name (guint32 state)
{
  switch (state)
    {
    case WEFT_TASK_RUNNING: return "R (preempted)";
    case WEFT_TASK_INTERRUPTIBLE: return "S";
    case WEFT_TASK_UNINTERRUPTIBLE: return "D";
    case WEFT_TASK_STOPPED: return "T";
    case WEFT_TASK_TRACED: return "t";
    case WEFT_TASK_DEAD: return "X";
    case WEFT_TASK_PARKED: return "P";
    case WEFT_TASK_IDLE: return "I";
    default: return NULL;
    }
}

static const char *
futex_class_name (guint32 klass)
{
  switch (klass)
    {
    case WEFT_FUTEX_CLASS_MUTEX: return "mutex";
    case WEFT_FUTEX_CLASS_COND: return "cond/sem";
    case WEFT_FUTEX_CLASS_PI: return "pi-mutex";
    default: return "other";
    }
}

const char *
weft_object_kind_name (guint32 kind)
{
  static const char *const names[] = {
    [WEFT_OBJ_UNKNOWN] = "unknown", [WEFT_OBJ_FILE] = "file", [WEFT_OBJ_PIPE] = "pipe",
    [WEFT_OBJ_SOCKET] = "socket", [WEFT_OBJ_MQ] = "mq", [WEFT_OBJ_TTY] = "tty",
    [WEFT_OBJ_EPOLL] = "epoll", [WEFT_OBJ_OTHER] = "other",
  };

  return kind < G_N_ELEMENTS (names) ? names[kind] : "unknown";
}

static void
append_ip (GString *out, guint16 family, const guint8 *addr, guint16 port)
{
  if (family == 2)
    g_string_append_printf (out, "%u.%u.%u.%u:%u", addr[0], addr[1], addr[2], addr[3], port);
  else
    {
      g_string_append_c (out, '[');
      for (int i = 0; i < 16; i += 2)
        g_string_append_printf (out, "%s%x", i ? ":" : "", (addr[i] << 8) | addr[i + 1]);
      g_string_append_printf (out, "]:%u", port);
    }
}

char *
weft_describe_object (const struct weft_object *o)
{
  GString *out = g_string_new (NULL);

  switch (o->kind)
    {
    case WEFT_OBJ_PIPE:
      g_string_append_printf (out, "pipe:[%" G_GUINT64_FORMAT "]", (guint64) o->ino);
      break;
    case WEFT_OBJ_MQ:
      g_string_append_printf (out, "mq /%.64s", o->name);
      break;
    case WEFT_OBJ_SOCKET:
      if (o->family == 2 || o->family == 10)
        {
          g_string_append (out, o->sock_type == 2 ? "udp " : "tcp ");
          append_ip (out, o->family, o->local_addr, o->local_port);
          if (o->peer_port)
            {
              g_string_append (out, " <-> ");
              append_ip (out, o->family, o->peer_addr, o->peer_port);
            }
        }
      else if (o->family == 1)
        {
          guint64 peer;

          memcpy (&peer, o->peer_addr, sizeof peer);
          g_string_append_printf (out, "unix socket:[%" G_GUINT64_FORMAT "]", (guint64) o->ino);
          if (o->name[0])
            g_string_append_printf (out, " %.64s", o->name);
          if (peer)
            g_string_append_printf (out, " <-> socket:[%" G_GUINT64_FORMAT "]", peer);
        }
      else
        g_string_append_printf (out, "socket:[%" G_GUINT64_FORMAT "] family %u", (guint64) o->ino, o->family);
      break;
    default:
      g_string_append_printf (out, "%s %.64s", weft_object_kind_name (o->kind), o->name);
      break;
    }
  return g_string_free (out, FALSE);
}

static void
format_fdset (GString *out, const struct weft_fdset *set)
{
  guint n = MIN (set->n_fds, (set->h.size - G_STRUCT_OFFSET (struct weft_fdset, fds)) / sizeof (gint32));

  g_string_append_printf (out, "%s %s {", weft_syscall_name (set->syscall),
                          set->which == WEFT_FDSET_READY ? "ready" : "watch");
  for (guint i = 0; i < n; i++)
    {
      guint32 events = WEFT_FDSET_EVENTS (set->fds[i]);

      g_string_append_printf (out, "%s%d:%s%s%s", i ? " " : "", WEFT_FDSET_FD (set->fds[i]),
                              (events & WEFT_FDSET_READ) ? "r" : "", (events & WEFT_FDSET_WRITE) ? "w" : "",
                              (events & WEFT_FDSET_EXCEPT) ? "x" : "");
    }
  g_string_append_c (out, '}');
}

static void
format_timeout (GString *out, guint64 ns)
{
  if (ns == WEFT_TIMEOUT_NONE)
    g_string_append (out, " no timeout");
  else
    g_string_append_printf (out, " timeout %.3f ms", ns / 1e6);
}

/* The scheduler, lock and IO kinds (32..99). */
void
weft_py_code_names (const struct weft_py_code *c, char **function, char **filename)
{
  gsize room = c->h.size - G_STRUCT_OFFSET (struct weft_py_code, text);

  *function = g_strndup (c->text, MIN (c->qualname_len, room));
  *filename = (gsize) c->qualname_len + 1 < room ?
              g_strndup (c->text + c->qualname_len + 1, MIN (c->filename_len, room - c->qualname_len - 1)) :
              g_strdup ("");
}

/* Frames as stored: code address, instruction, line (the model names
 * them from the PY_CODE records). */
static void
format_py_stack (GString *out, const struct weft_py_stack *s)
{
  guint n = MIN (s->n_frames, (s->h.size - G_STRUCT_OFFSET (struct weft_py_stack, frames)) / sizeof (struct weft_py_frame));

  g_string_append_printf (out, "%u frames%s%s:", s->n_frames, (s->flags & WEFT_PY_STACK_PARTIAL) ? " (partial)" : "",
                          (s->flags & WEFT_PY_STACK_TRUNCATED) ? " (more not shown)" : "");
  for (guint i = 0; i < n && i < WEFT_PY_MAX_FRAMES; i++)
    g_string_append_printf (out, " 0x%" G_GINT64_MODIFIER "x@%d:%d", (guint64) s->frames[i].code,
                            s->frames[i].instr, s->frames[i].line);
}

static void
format_wait_details (GString *out, const struct weft_event_header *e)
{
  switch (e->kind)
    {
    case WEFT_EV_SWITCH_OUT:
      {
        const struct weft_switch_out *s = (const void *) e;
        const char *state = task_state_name (s->state);

        if (state)
          g_string_append_printf (out, "state %s, next %u", state, s->next_tid);
        else
          g_string_append_printf (out, "state 0x%x, next %u", s->state, s->next_tid);
        break;
      }
    case WEFT_EV_COW_FAULTS:
      {
        const struct weft_cow_faults *c = (const void *) e;
        guint64 span = c->h.ts > c->first_ns ? c->h.ts - c->first_ns : 0;

        g_string_append_printf (out, "%u copy-on-write faults in the last %.3f ms", c->count, span / 1e6);
        break;
      }
    case WEFT_EV_WAKEUP:
      {
        const struct weft_wakeup *w = (const void *) e;

        g_string_append_printf (out, "wakes %u/%u%s", w->target_tgid, w->target_tid,
                                (w->flags & WEFT_WAKEUP_NEW) ? " (new task)" : "");
        break;
      }
    case WEFT_EV_FUTEX_WAIT_BEGIN:
      {
        const struct weft_futex_wait_begin *f = (const void *) e;

        g_string_append_printf (out, "%s 0x%" G_GINT64_MODIFIER "x op %u val %u word %u",
                                futex_class_name (f->klass), (guint64) f->uaddr, f->op, f->val, f->lock_word);
        if (f->owner_tid)
          g_string_append_printf (out, " owner %u", f->owner_tid);
        if (f->timeout_ns)
          g_string_append_printf (out, " timeout %" G_GUINT64_FORMAT " ns", (guint64) f->timeout_ns);
        if (f->shared)
          g_string_append (out, " shared");
        break;
      }
    case WEFT_EV_FUTEX_WAIT_END:
      {
        const struct weft_futex_wait_end *f = (const void *) e;

        g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x %s", (guint64) f->uaddr,
                                f->ret == 0 ? "woken" : WEFT_FUTEX_ENDED_BY_SIGNAL (f->ret) ? "interrupted by a signal" :
                                g_strerror (-f->ret));
        break;
      }
    case WEFT_EV_FUTEX_WAKE:
      {
        const struct weft_futex_wake *f = (const void *) e;

        g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x op %u woke %" G_GINT64_FORMAT " of %u",
                                (guint64) f->uaddr, f->op, (gint64) f->ret, f->nr_wake);
        break;
      }
    case WEFT_EV_SYSCALL_BEGIN:
      {
        const struct weft_syscall_begin *s = (const void *) e;
        guint nr = s->syscall;

        g_string_append (out, weft_syscall_name (nr));
        if (s->fd >= 0)
          g_string_append_printf (out, " fd %d", s->fd);
        if (g_str_equal (syscall_state (nr), "SLEEP"))
          g_string_append_printf (out, " %.3f ms", s->arg / 1e6);
        else if (g_str_equal (syscall_state (nr), "SELECT"))
          format_timeout (out, s->arg);
        else if (s->arg)
          g_string_append_printf (out, " %" G_GUINT64_FORMAT " bytes", (guint64) s->arg);
        break;
      }
    case WEFT_EV_SYSCALL_END:
      {
        const struct weft_syscall_end *s = (const void *) e;

        g_string_append (out, weft_syscall_name (s->syscall));
        if (s->fd >= 0)
          g_string_append_printf (out, " fd %d", s->fd);
        if (s->ret >= 0)
          g_string_append_printf (out, " = %" G_GINT64_FORMAT, (gint64) s->ret);
        else
          g_string_append_printf (out, " failed: %s", g_strerror (-s->ret));
        break;
      }
    case WEFT_EV_FDSET:
      format_fdset (out, (const void *) e);
      break;
    case WEFT_EV_OBJECT:
      {
        const struct weft_object *o = (const void *) e;
        g_autofree char *what = weft_describe_object (o);

        g_string_append_printf (out, "fd %d = %s%s%s%s", o->fd, what,
                                (o->flags & WEFT_OBJ_READ) ? " r" : "", (o->flags & WEFT_OBJ_WRITE) ? " w" : "",
                                (o->flags & WEFT_OBJ_CREATED) ? " (new)" : "");
        break;
      }
    case WEFT_EV_FD_CLOSE:
      {
        const struct weft_fd_close *c = (const void *) e;

        g_string_append_printf (out, "fd %d (%s %" G_GUINT64_FORMAT ")", c->fd, weft_object_kind_name (c->kind),
                                (guint64) c->ino);
        break;
      }
    case WEFT_EV_EPOLL_CTL:
      {
        const struct weft_epoll_ctl *c = (const void *) e;
        static const char *const ops[] = { "?", "add", "del", "mod" };

        g_string_append_printf (out, "epfd %d %s fd %d events 0x%x", c->epfd, c->op < 4 ? ops[c->op] : "?",
                                c->fd, c->events);
        break;
      }
    case WEFT_EV_KLOCK_BEGIN:
    case WEFT_EV_KLOCK_END:
      {
        const struct weft_klock *k = (const void *) e;

        g_string_append_printf (out, "kernel lock 0x%" G_GINT64_MODIFIER "x flags 0x%x ret %d",
                                (guint64) k->lock_addr, k->flags, k->ret);
        break;
      }
    case WEFT_EV_LOCK_NAME:
      {
        const struct weft_lock_name *l = (const void *) e;

        g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x is \"%.64s\"", (guint64) l->addr, l->name);
        if (weft_lock_name_get_flags (l) & WEFT_LOCK_NAME_ANOTHER_LOCK)
          g_string_append (out, ", another lock than before at that address");
        break;
      }
    case WEFT_EV_CORO_SWITCH:
      weft_coro_format (out, (const void *) e);
      break;
    case WEFT_EV_ULOCK:
      {
        const struct weft_ulock *u = (const void *) e;
        static const char *const ops[] = { "?", "acquired", "released", "sem_wait returned", "sem_post" };

        g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x %s", (guint64) u->addr, u->op < 5 ? ops[u->op] : "?");
        if (u->ret)
          g_string_append_printf (out, " ret %d", u->ret);
        break;
      }
    case WEFT_EV_PY_STACK:
      format_py_stack (out, (const void *) e);
      break;
    case WEFT_EV_PY_CODE:
      {
        const struct weft_py_code *c = (const void *) e;
        g_autofree char *qualname = NULL, *filename = NULL;

        weft_py_code_names (c, &qualname, &filename);
        g_string_append_printf (out, "0x%" G_GINT64_MODIFIER "x is %s() in %s:%d", (guint64) c->code, qualname,
                                filename, c->first_line);
        break;
      }
    case WEFT_EV_PY_THREAD:
      {
        const struct weft_py_thread *t = (const void *) e;

        g_string_append_printf (out, "%s \"%.64s\"", (t->flags & WEFT_PY_NAME_PROCESS) ? "process" : "thread",
                                t->name);
        break;
      }
    case WEFT_EV_PY_STATUS:
      {
        const struct weft_py_status *st = (const void *) e;

        g_string_append_printf (out, "CPython %u.%u.%u at 0x%" G_GINT64_MODIFIER "x: %s", st->version_hex >> 24,
                                (st->version_hex >> 16) & 0xff, (st->version_hex >> 8) & 0xff, (guint64) st->runtime,
                                st->status == WEFT_PY_STATUS_OK ? "stacks recorded" : "");
        if (st->status != WEFT_PY_STATUS_OK)
          g_string_append_printf (out, "%.160s", st->reason);
        break;
      }
    default:
      break;
    }
}

static void
format_details (GString *out, const struct weft_event_header *e)
{
  if (e->kind >= 32 && e->kind < 100)
    {
      format_wait_details (out, e);
      return;
    }
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
    case WEFT_EV_CPU_STEAL:
      g_string_append_printf (out, "%.3f s of cpu taken by the hypervisor since boot",
                              ((const struct weft_cpu_steal *) e)->steal_ns / 1e9);
      break;
    case WEFT_EV_RECORD_STOP:
      {
        const struct weft_record_stop *s = (const void *) e;

        g_string_append_printf (out, "%" G_GUINT64_FORMAT " events, %" G_GUINT64_FORMAT " lost",
                                (guint64) s->events, (guint64) s->lost_events);
        break;
      }
    case WEFT_EV_CLOCK:
      g_string_append (out, "time passed; nothing else happened since the last record");
      break;
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

/* The module path of a file under a Python library directory
 * (/usr/lib/python3.11/, /usr/local/lib64/python3.11/,
 * /usr/lib/python3/dist-packages/...), or NULL. */
static const char *
library_module (const char *file)
{
  static const char *const lib_dirs[] = { "/lib/python3", "/lib64/python3" };
  static const char *const package_dirs[] = { "/dist-packages/", "/site-packages/" };

  for (guint i = 0; i < G_N_ELEMENTS (lib_dirs); i++)
    {
      const char *lib = strstr (file, lib_dirs[i]);
      const char *version = lib ? strchr (lib + 1 + strcspn (lib + 1, "/") + 1, '/') : NULL;
      const char *module;

      if (!version)
        continue;
      module = version + 1;
      for (guint k = 0; k < G_N_ELEMENTS (package_dirs); k++)
        {
          const char *dir = strstr (version, package_dirs[k]);

          if (dir)
            module = dir + strlen (package_dirs[k]);
        }
      if (*module)
        return module;
    }
  return NULL;
}

gboolean
weft_py_file_is_library (const char *file)
{
  return file && (library_module (file) || g_str_has_prefix (file, "<frozen "));
}

char *
weft_py_file_text (const char *file)
{
  const char *module = library_module (file);

  if (module)
    return g_strdup (module);
  if (!*file || !strchr (file, '/'))
    return g_strdup (file);
  return g_path_get_basename (file);
}

char *
weft_py_frame_text (const char *func, const char *file, gint32 line)
{
  g_autofree char *base = NULL;

  if (!func || !*func)
    return NULL;
  base = file && *file ? weft_py_file_text (file) : NULL;
  if (!base)
    return g_strdup_printf ("%s%s", func, func[0] == '<' ? "" : "()");
  if (line > 0)
    return g_strdup_printf ("%s%s — %s:%d", func, func[0] == '<' ? "" : "()", base, line);
  return g_strdup_printf ("%s%s — %s", func, func[0] == '<' ? "" : "()", base);
}

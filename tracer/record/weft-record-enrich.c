/*
 * weft-record-enrich.c: lock names and epoll interest lists, added while
 * the ring buffer is drained.  Everything is keyed by process (tgid) and
 * forgotten when the process execs or exits.
 */
#include "weft-record-enrich.h"

#include <string.h>

#include "syscalls.h"
#include "weft-py-enrich.h"
#include "weft-symbols.h"

#define WEFT_EPOLL_CTL_ADD 1
#define WEFT_EPOLL_CTL_DEL 2
#define WEFT_EPOLL_CTL_MOD 3
#define WEFT_EPOLLIN 0x1
#define WEFT_EPOLLPRI 0x2
#define WEFT_EPOLLOUT 0x4

typedef struct {
  guint32 events;
  guint64 data;
} Interest;

struct _WeftRecordEnricher {
  GObject parent_instance;

  WeftSymbols *symbols;
  WeftPyEnricher *python;
  GHashTable *named;     /* tgid -> set of guint64 addresses already named */
  GHashTable *interests; /* (tgid << 32 | epfd) -> (fd -> Interest) */
};

G_DEFINE_FINAL_TYPE (WeftRecordEnricher, weft_record_enricher, G_TYPE_OBJECT)

static void
weft_record_enricher_finalize (GObject *object)
{
  WeftRecordEnricher *self = WEFT_RECORD_ENRICHER (object);

  g_clear_object (&self->symbols);
  g_clear_object (&self->python);
  g_hash_table_unref (self->named);
  g_hash_table_unref (self->interests);
  G_OBJECT_CLASS (weft_record_enricher_parent_class)->finalize (object);
}

static void
weft_record_enricher_class_init (WeftRecordEnricherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_record_enricher_finalize;
}

static GHashTable *
new_interest_list (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

static void
weft_record_enricher_init (WeftRecordEnricher *self)
{
  self->symbols = weft_symbols_new ();
  self->python = weft_py_enricher_new ();
  self->named = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  self->interests = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
}

WeftRecordEnricher *
weft_record_enricher_new (void)
{
  return g_object_new (WEFT_TYPE_RECORD_ENRICHER, NULL);
}

void
weft_record_enricher_set_python_maps (WeftRecordEnricher *self, int processes_fd, int binaries_fd)
{
  weft_py_enricher_set_maps (self->python, processes_fd, binaries_fd);
}

void
weft_record_enricher_expect_program (WeftRecordEnricher *self, const char *path)
{
  weft_py_enricher_expect_program (self->python, path);
}

static guint64 *
epoll_key (guint32 tgid, gint32 epfd)
{
  guint64 *key = g_new (guint64, 1);

  *key = ((guint64) tgid << 32) | (guint32) epfd;
  return key;
}

static GHashTable *
lookup_interest_list (WeftRecordEnricher *self, guint32 tgid, gint32 epfd, gboolean create)
{
  guint64 key = ((guint64) tgid << 32) | (guint32) epfd;
  GHashTable *list = g_hash_table_lookup (self->interests, &key);

  if (!list && create)
    {
      list = new_interest_list ();
      g_hash_table_insert (self->interests, epoll_key (tgid, epfd), list);
    }
  return list;
}

static void
forget_process (WeftRecordEnricher *self, guint32 tgid, gboolean keep_fds)
{
  GHashTableIter iter;
  gpointer key;

  weft_symbols_forget_process (self->symbols, tgid);
  weft_py_enricher_process_gone (self->python, tgid);
  g_hash_table_remove (self->named, GUINT_TO_POINTER (tgid));
  if (keep_fds)
    return;
  g_hash_table_iter_init (&iter, self->interests);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if ((*(guint64 *) key >> 32) == tgid)
      g_hash_table_iter_remove (&iter);
}

/* A forked child shares its parent's epoll instances. */
static void
inherit_interests (WeftRecordEnricher *self, guint32 parent, guint32 child)
{
  g_autoptr (GPtrArray) copies = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->interests);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if ((*(guint64 *) key >> 32) == parent)
      g_ptr_array_add (copies, key), g_ptr_array_add (copies, value);
  for (guint i = 0; i < copies->len; i += 2)
    {
      gint32 epfd = (gint32) (*(guint64 *) copies->pdata[i] & 0xffffffff);
      GHashTable *to = lookup_interest_list (self, child, epfd, TRUE);

      g_hash_table_iter_init (&iter, copies->pdata[i + 1]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (to, key, g_memdup2 (value, sizeof (Interest)));
    }
}

/* What an address was named, and from which Python wait site (0: not
 * Python, named once for good; 1: named at an acquire, without a stack),
 * and which lock that was (all 0 when not found). */
typedef struct {
  guint64 site;
  char *name;
  WeftPyLockIdentity identity;
} LockNaming;

static void
lock_naming_free (gpointer data)
{
  LockNaming *naming = data;

  g_free (naming->name);
  g_free (naming);
}

/* The lock's identity: the Condition a wait is for, else the lock object. */
static guint64
identity_key (const WeftPyLockIdentity *identity)
{
  return identity->condition ? identity->condition : identity->object;
}

/* Whether the address now holds another lock than the one named before
 * (CPython freed that one and gave its memory to a new one).  Unknown
 * identities are not another lock: the name then only gets better. */
static gboolean
is_another_lock (WeftRecordEnricher *self, guint32 pid, guint64 addr, const LockNaming *naming,
                 const WeftPyLockIdentity *now)
{
  guint64 before = identity_key (&naming->identity);

  if (!before)
    return FALSE;
  if (identity_key (now))
    return identity_key (now) != before;
  /* Not found this time: a Condition cannot be asked, a lock object can. */
  return !naming->identity.condition &&
         weft_py_enricher_lock_state (self->python, pid, naming->identity.object, addr) == WEFT_PY_LOCK_GONE;
}

static gboolean
emit_lock_name (const struct weft_event_header *event, guint64 addr, const char *name, gboolean another_lock,
                WeftRecordEmitFunc emit, gpointer data, GError **error)
{
  struct weft_lock_name record;
  const char *valid_end;

  memset (&record, 0, sizeof record);
  record.h = *event;
  record.h.kind = WEFT_EV_LOCK_NAME;
  record.h.size = sizeof record;
  record.h.reserved = 0;
  record.addr = addr;
  g_strlcpy (record.name, name, sizeof record.name);
  /* Cut at a character, not inside one ("队列" is 6 bytes). */
  g_utf8_validate (record.name, -1, &valid_end);
  record.name[valid_end - record.name] = '\0';
  record.flags = another_lock ? WEFT_LOCK_NAME_ANOTHER_LOCK : 0;
  return emit (&record.h, data, error);
}

static gboolean
name_lock (WeftRecordEnricher *self, const struct weft_event_header *event, guint64 addr,
           gboolean is_wait, WeftRecordEmitFunc emit, gpointer data, GError **error)
{
  GHashTable *names = g_hash_table_lookup (self->named, GUINT_TO_POINTER (event->tgid));
  LockNaming *naming;
  g_autofree char *name = NULL;
  WeftPyLockIdentity identity = { 0, 0 };
  guint64 site = 0;
  gboolean certain = TRUE, another_lock;

  if (!names)
    {
      names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, lock_naming_free);
      g_hash_table_insert (self->named, GUINT_TO_POINTER (event->tgid), names);
    }
  naming = g_hash_table_lookup (names, &addr);
  if (is_wait)
    weft_py_enricher_wait_site (self->python, event->tgid, event->tid, &site);
  else if (weft_py_enricher_is_python (self->python, event->tgid))
    site = 1; /* an acquire (--uprobes) has no stack: named again at the next wait */
  if (naming && naming->identity.condition && is_wait && site == naming->site)
    {
      /* Every Condition.wait () blocks at the same place, on a new lock
       * that may take a freed one's address: which Condition it waits for
       * tells whether it is the same. */
      guint64 condition = weft_py_enricher_wait_condition (self->python, event->tgid, event->tid, addr);

      if (condition == 0 || condition == naming->identity.condition)
        return TRUE;
    }
  /* Python frees and reuses lock memory: an address waited on from
   * another place in the program may be another lock now. */
  else if (naming && (!is_wait || naming->site == 0 || site == 0 || naming->site == site))
    return TRUE;

  name = weft_py_enricher_name_lock (self->python, event->tgid, event->tid, addr, &certain, &identity);
  if (!certain)
    site = 1; /* the thread had moved on: named again at its next wait */
  if (!name)
    name = weft_symbols_describe (self->symbols, event->tgid, addr);
  if (!name)
    name = g_strdup ("unknown");
  /* The name is the viewer's sign of the GIL: a variable of that name is
   * not it. */
  if (strcmp (name, WEFT_LOCK_NAME_GIL) == 0 && !weft_py_enricher_is_gil (self->python, event->tgid, addr))
    {
      g_free (name);
      name = g_strdup (WEFT_LOCK_NAME_GIL " (the program's)");
    }
  another_lock = naming && is_another_lock (self, event->tgid, addr, naming, &identity);
  if (naming && !another_lock)
    {
      naming->site = site;
      /* The same lock: a name found is better than a line; a line is no
       * better than the name it had. */
      if (!identity_key (&identity) && identity_key (&naming->identity))
        return TRUE;
      if (identity_key (&identity))
        naming->identity = identity;
      if (strcmp (naming->name, name) == 0)
        return TRUE;
    }
  if (!naming)
    {
      naming = g_new0 (LockNaming, 1);
      g_hash_table_insert (names, g_memdup2 (&addr, sizeof addr), naming);
    }
  if (another_lock || !naming->name)
    naming->identity = identity;
  naming->site = site;
  g_free (naming->name);
  naming->name = g_strdup (name);
  return emit_lock_name (event, addr, name, another_lock, emit, data, error);
}

static void
update_interests (WeftRecordEnricher *self, const struct weft_epoll_ctl *ctl)
{
  GHashTable *list = lookup_interest_list (self, ctl->h.tgid, ctl->epfd, TRUE);
  Interest *interest;

  if (ctl->op == WEFT_EPOLL_CTL_DEL)
    {
      g_hash_table_remove (list, GINT_TO_POINTER (ctl->fd));
      return;
    }
  interest = g_new (Interest, 1);
  interest->events = ctl->events;
  interest->data = ctl->data;
  g_hash_table_insert (list, GINT_TO_POINTER (ctl->fd), interest);
}

static guint32
fdset_bits (guint32 epoll_events)
{
  return ((epoll_events & WEFT_EPOLLIN) ? WEFT_FDSET_READ : 0) |
         ((epoll_events & WEFT_EPOLLOUT) ? WEFT_FDSET_WRITE : 0) |
         ((epoll_events & WEFT_EPOLLPRI) ? WEFT_FDSET_EXCEPT : 0);
}

static gboolean
is_epoll_wait (guint32 syscall)
{
  return syscall == WEFT_NR_epoll_wait || syscall == WEFT_NR_epoll_pwait || syscall == WEFT_NR_epoll_pwait2;
}

static gsize
fdset_size (guint n)
{
  return (G_STRUCT_OFFSET (struct weft_fdset, fds) + n * sizeof (gint32) + 7) & ~(gsize) 7;
}

static int
compare_fds (gconstpointer a, gconstpointer b)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

/* The WATCH list of an epoll_wait, from the interest list. */
static gboolean
emit_epoll_watch (WeftRecordEnricher *self, const struct weft_syscall_begin *begin,
                  WeftRecordEmitFunc emit, gpointer data, GError **error)
{
  GHashTable *list = lookup_interest_list (self, begin->h.tgid, begin->fd, FALSE);
  struct weft_fdset record;
  g_autoptr (GList) fds = list ? g_hash_table_get_keys (list) : NULL;

  memset (&record, 0, sizeof record);
  record.h = begin->h;
  record.h.kind = WEFT_EV_FDSET;
  record.syscall = begin->syscall;
  record.which = WEFT_FDSET_WATCH;
  fds = g_list_sort (fds, compare_fds);
  for (GList *l = fds; l && record.n_fds < WEFT_FDSET_MAX; l = l->next)
    {
      const Interest *interest = g_hash_table_lookup (list, l->data);
      guint32 fd = GPOINTER_TO_INT (l->data);

      record.fds[record.n_fds++] = (fd & ((1u << WEFT_FDSET_SHIFT) - 1)) |
                                   (fdset_bits (interest->events) << WEFT_FDSET_SHIFT);
    }
  record.h.size = fdset_size (record.n_fds);
  return emit (&record.h, data, error);
}

/* The kernel saw epoll_data, not fds: find the fd registered with it. */
static gboolean
emit_epoll_ready (WeftRecordEnricher *self, const struct weft_fdset *ready, WeftRecordEmitFunc emit, gpointer data, GError **error)
{
  struct weft_fdset record;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  memset (&record, 0, sizeof record);
  memcpy (&record, ready, MIN ((gsize) ready->h.size, sizeof record));
  for (guint i = 0; i < record.n_fds && i < WEFT_FDSET_MAX; i++)
    {
      guint32 low = record.fds[i] & ((1u << WEFT_FDSET_SHIFT) - 1);
      gboolean found = FALSE;

      /* The process's own lists, the fd whose data matches. */
      g_hash_table_iter_init (&iter, self->interests);
      while (!found && g_hash_table_iter_next (&iter, &key, &value))
        {
          GHashTableIter fds;
          gpointer fd, interest;

          if ((*(guint64 *) key >> 32) != ready->h.tgid)
            continue;
          g_hash_table_iter_init (&fds, value);
          while (!found && g_hash_table_iter_next (&fds, &fd, &interest))
            if ((((const Interest *) interest)->data & ((1u << WEFT_FDSET_SHIFT) - 1)) == low)
              {
                record.fds[i] = (GPOINTER_TO_INT (fd) & ((1u << WEFT_FDSET_SHIFT) - 1)) |
                                (record.fds[i] & ~((1u << WEFT_FDSET_SHIFT) - 1));
                found = TRUE;
              }
        }
    }
  return emit (&record.h, data, error);
}

gboolean
weft_record_enricher_feed (WeftRecordEnricher *self, const struct weft_event_header *event,
                           WeftRecordEmitFunc emit, gpointer data, GError **error)
{
  switch (event->kind)
    {
    case WEFT_EV_FUTEX_WAIT_BEGIN:
      if (!name_lock (self, event, ((const struct weft_futex_wait_begin *) event)->uaddr, TRUE, emit, data, error))
        return FALSE;
      break;
    case WEFT_EV_ULOCK:
      if (!name_lock (self, event, ((const struct weft_ulock *) event)->addr, FALSE, emit, data, error))
        return FALSE;
      break;
    case WEFT_EV_EPOLL_CTL:
      update_interests (self, (const void *) event);
      break;
    case WEFT_EV_SYSCALL_BEGIN:
      {
        const struct weft_syscall_begin *begin = (const void *) event;

        if (is_epoll_wait (begin->syscall))
          return emit (event, data, error) && emit_epoll_watch (self, begin, emit, data, error);
        break;
      }
    case WEFT_EV_FDSET:
      {
        const struct weft_fdset *set = (const void *) event;

        if (set->which == WEFT_FDSET_READY && is_epoll_wait (set->syscall))
          return emit_epoll_ready (self, set, emit, data, error);
        break;
      }
    case WEFT_EV_FORK:
      {
        const struct weft_fork *fork = (const void *) event;

        if (fork->flags & WEFT_FORK_THREAD)
          break;
        inherit_interests (self, event->tgid, fork->child_tgid);
        return emit (event, data, error) &&
               weft_py_enricher_process_started (self->python, event, fork->child_tgid, event->tgid, emit,
                                                 data, error);
      }
    case WEFT_EV_EXEC:
      forget_process (self, event->tgid, TRUE);
      return emit (event, data, error) &&
             weft_py_enricher_process_started (self->python, event, event->tgid, 0, emit, data, error);
    case WEFT_EV_TASK_INFO:
      if (event->tid != event->tgid)
        break;
      return emit (event, data, error) &&
             weft_py_enricher_process_started (self->python, event, event->tgid, 0, emit, data, error);
    case WEFT_EV_PY_STACK:
      if (event->size < sizeof (struct weft_py_stack))
        return TRUE; /* cannot happen: the kernel writes whole ones */
      return weft_py_enricher_stack (self->python, (const void *) event, emit, data, error);
    case WEFT_EV_EXIT:
      if (((const struct weft_exit *) event)->flags & WEFT_EXIT_GROUP_DEAD)
        forget_process (self, event->tgid, FALSE);
      break;
    case WEFT_EV_FD_CLOSE:
      {
        const struct weft_fd_close *close = (const void *) event;
        guint64 key = ((guint64) event->tgid << 32) | (guint32) close->fd;
        GHashTableIter iter;
        gpointer list_key, list;

        g_hash_table_remove (self->interests, &key);
        /* A closed fd leaves the interest lists too (its last reference). */
        g_hash_table_iter_init (&iter, self->interests);
        while (g_hash_table_iter_next (&iter, &list_key, &list))
          if ((*(guint64 *) list_key >> 32) == event->tgid)
            g_hash_table_remove (list, GINT_TO_POINTER (close->fd));
        break;
      }
    default:
      break;
    }
  return emit (event, data, error);
}

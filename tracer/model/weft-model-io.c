/*
 * weft-model-io.c: syscall-level waits other than futexes (IO, select /
 * poll / epoll, sleep), the fd sets they watch, the objects behind fds,
 * and what moves through pipes, message queues and sockets.
 */
#include "weft-model-private.h"

#include <string.h>

#include "syscalls.h"

typedef enum {
  DIRECTION_NONE = 0,
  DIRECTION_READ = -1,
  DIRECTION_WRITE = 1,
} Direction;

typedef struct {
  const char *name;     /* NULL: weft does not record this call */
  WeftThreadState state;
  const char *io_kind;  /* key of io_waits in the stats */
  Direction direction;
} SyscallClass;

/* bpf/syscalls.h, by number. */
static const SyscallClass syscall_classes[WEFT_SYSCALL_NR_LIMIT] = {
#define SYSCALL_CLASS(nr, name, hook, state, io_kind, direction) \
  [nr] = { #name, WEFT_STATE_##state, io_kind, DIRECTION_##direction },
  WEFT_SYSCALLS (SYSCALL_CLASS)
#undef SYSCALL_CLASS
};

/* The calls a thread waits in; NULL for the rest. */
static const SyscallClass *
classify (guint32 nr)
{
  if (nr >= G_N_ELEMENTS (syscall_classes) || !syscall_classes[nr].name ||
      syscall_classes[nr].state == WEFT_STATE_RUNNING)
    return NULL;
  return &syscall_classes[nr];
}

const char *const *
weft_model_io_kinds (void)
{
  static const char *const column[] = {
#define IO_KIND(nr, name, hook, state, io_kind, direction) io_kind,
    WEFT_SYSCALLS (IO_KIND)
#undef IO_KIND
  };
  static const char *kinds[G_N_ELEMENTS (column) + 1];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      guint n = 0;

      for (gsize i = 0; i < G_N_ELEMENTS (column); i++)
        if (column[i] && !g_strv_contains (kinds, column[i]))
          kinds[n++] = column[i];
      g_once_init_leave (&done, 1);
    }
  return kinds;
}

const char *
weft_model_syscall_name (guint32 nr)
{
  const SyscallClass *c = classify (nr);

  return c ? c->name : NULL;
}

typedef struct {
  WeftObject pub;
  guint32 last_writer;
  guint64 last_write_ns;
  /* Sockets: the other end, to find who wrote what is read here. */
  guint64 peer_ino;       /* AF_UNIX: the peer socket's inode, 0 unknown */
  guint64 peer_end_key;   /* AF_INET/6: end_key of the peer, 0 unknown */
} WeftObjectPriv;

/* object_table keys for INET socket ends, apart from (kind, ino) keys. */
#define SOCKET_END_TAG (G_GUINT64_CONSTANT (0xfe) << 56)
#define AF_UNIX_ 1
#define AF_INET_ 2
#define AF_INET6_ 10

static WeftObject *
object_for_fd (WeftModel *self, guint32 pid, gint32 fd)
{
  guint64 key = weft_model_key2 (pid, (guint32) fd);

  return g_hash_table_lookup (self->fd_objects, &key);
}

static char *
object_label (const struct weft_object *e)
{
  g_autofree char *name = g_strndup (e->name, sizeof e->name);

  switch (e->kind)
    {
    case WEFT_OBJ_PIPE:
      return g_strdup_printf ("pipe:[%" G_GUINT64_FORMAT "]", (guint64) e->ino);
    case WEFT_OBJ_MQ:
      return g_strdup_printf ("mq /%s", name);
    case WEFT_OBJ_SOCKET:
      if (e->family == 2 /* AF_INET */ && e->peer_port)
        return g_strdup_printf ("socket %u.%u.%u.%u:%u \342\206\224 %u.%u.%u.%u:%u", /* ↔ */
                                e->local_addr[0], e->local_addr[1], e->local_addr[2], e->local_addr[3],
                                e->local_port, e->peer_addr[0], e->peer_addr[1], e->peer_addr[2],
                                e->peer_addr[3], e->peer_port);
      if (e->family == 2 /* AF_INET */)
        return g_strdup_printf ("socket %u.%u.%u.%u:%u", e->local_addr[0], e->local_addr[1],
                                e->local_addr[2], e->local_addr[3], e->local_port);
      if (*name)
        return g_strdup_printf ("socket %s", name);
      return g_strdup_printf ("socket:[%" G_GUINT64_FORMAT "]", (guint64) e->ino);
    case WEFT_OBJ_FILE:
      return g_strdup_printf ("file %s", name);
    case WEFT_OBJ_TTY:
      return g_strdup_printf ("tty %s", name);
    case WEFT_OBJ_EPOLL:
      return g_strdup ("epoll");
    default:
      return *name ? g_strdup (name) : g_strdup_printf ("object:[%" G_GUINT64_FORMAT "]", (guint64) e->ino);
    }
}

/* A TCP/UDP connection end: (local address and port, peer address and port). */
static guint64
socket_end_key (const guint8 *local, guint16 local_port, const guint8 *peer, guint16 peer_port)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (guint i = 0; i < 16; i++)
    hash = (hash ^ local[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  hash = (hash ^ local_port) * G_GUINT64_CONSTANT (0x100000001b3);
  for (guint i = 0; i < 16; i++)
    hash = (hash ^ peer[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  hash = (hash ^ peer_port) * G_GUINT64_CONSTANT (0x100000001b3);
  return (hash & ~(G_GUINT64_CONSTANT (0xff) << 56)) | SOCKET_END_TAG;
}

/* Each record of a socket (at creation, after connect, at accept) may
 * know its peer better than the one before. */
static void
note_socket_peer (WeftModel *self, WeftObjectPriv *object, const struct weft_object *e)
{
  if (e->family == AF_UNIX_)
    {
      guint64 peer_ino;

      memcpy (&peer_ino, e->peer_addr, sizeof peer_ino);
      if (peer_ino)
        {
          guint64 identity = ((guint64) WEFT_OBJ_SOCKET << 56) ^ peer_ino;
          WeftObjectPriv *peer = g_hash_table_lookup (self->object_table, &identity);

          object->peer_ino = peer_ino;
          /* A connecting end cannot name its peer yet: the server's end
           * has no inode until accept() returns it.  Accept tells both. */
          if (peer && peer->peer_ino == 0)
            peer->peer_ino = object->pub.ino;
        }
    }
  else if ((e->family == AF_INET_ || e->family == AF_INET6_) && e->peer_port != 0)
    {
      guint64 key = socket_end_key (e->local_addr, e->local_port, e->peer_addr, e->peer_port);

      object->peer_end_key = socket_end_key (e->peer_addr, e->peer_port, e->local_addr, e->local_port);
      g_hash_table_replace (self->object_table, g_memdup2 (&key, sizeof key), object);
    }
}

/* Where the bytes read from object were written: the peer end of a
 * socket when it is in the trace, else the object itself (pipes, mqs). */
static WeftObjectPriv *
written_into (WeftModel *self, WeftObjectPriv *object)
{
  WeftObjectPriv *peer = NULL;

  if (object->peer_ino)
    {
      guint64 identity = ((guint64) WEFT_OBJ_SOCKET << 56) ^ object->peer_ino;

      peer = g_hash_table_lookup (self->object_table, &identity);
    }
  else if (object->peer_end_key)
    peer = g_hash_table_lookup (self->object_table, &object->peer_end_key);
  return peer ? peer : object;
}

static void
on_object (WeftModel *self, const struct weft_object *e)
{
  guint64 identity = ((guint64) e->kind << 56) ^ e->ino;
  WeftObjectPriv *object;
  guint64 fd_key;

  if (e->ino == 0)
    identity = ((guint64) e->kind << 56) ^ g_str_hash (e->name);
  object = g_hash_table_lookup (self->object_table, &identity);
  if (!object)
    {
      object = g_new0 (WeftObjectPriv, 1);
      object->pub.index = self->objects->len;
      object->pub.kind = e->kind;
      object->pub.ino = e->ino;
      object->pub.label = object_label (e);
      object->pub.writers = g_array_new (FALSE, FALSE, sizeof (guint32));
      object->pub.readers = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_ptr_array_add (self->objects, object);
      g_hash_table_insert (self->object_table, g_memdup2 (&identity, sizeof identity), object);
    }
  else if (e->kind == WEFT_OBJ_SOCKET && e->local_port != 0 && g_str_has_suffix (object->pub.label, ":0"))
    {
      /* Described first at socket(), unbound ("0.0.0.0:0"); now it has
       * an address of its own (after connect or bind). */
      g_free (object->pub.label);
      object->pub.label = object_label (e);
    }
  if (e->kind == WEFT_OBJ_SOCKET)
    note_socket_peer (self, object, e);
  fd_key = weft_model_key2 (e->h.tgid, (guint32) e->fd);
  g_hash_table_replace (self->fd_objects, g_memdup2 (&fd_key, sizeof fd_key), object);
}

static void
add_unique (GArray *tids, guint32 tid)
{
  for (guint i = 0; i < tids->len; i++)
    if (g_array_index (tids, guint32, i) == tid)
      return;
  g_array_append_val (tids, tid);
}

static WeftIoWait *
io_wait_for (WeftModel *self, guint32 tid, const char *kind)
{
  guint64 key = weft_model_key2 (tid, g_str_hash (kind));
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->io_wait_table, &key));

  if (index == 0)
    {
      WeftIoWait io = { .tid = tid, .kind = kind };

      g_array_append_val (self->io_waits, io);
      index = self->io_waits->len;
      g_hash_table_insert (self->io_wait_table, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (index));
    }
  return &g_array_index (self->io_waits, WeftIoWait, index - 1);
}

static void
on_syscall_begin (WeftModel *self, const struct weft_syscall_begin *e, guint64 t)
{
  const SyscallClass *c = classify (e->syscall);
  WeftThreadPriv *thread;
  WeftWait *wait;
  WeftObject *object;

  if (!c || c->state == WEFT_STATE_LOCK)
    return;
  thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  wait = weft_thread_begin_wait (thread, c->state, e->syscall, t);
  thread->sys.arg = e->arg;
  if (c->state == WEFT_STATE_IO)
    {
      object = e->fd >= 0 ? object_for_fd (self, e->h.tgid, e->fd) : NULL;
      wait->a = object ? object->index + 1 : 0;
      wait->b = (guint32) e->fd;
    }
  else
    object = NULL;
  /* A socket accept() is called on is a listening one: say so wherever it
   * is named, also in the select() that waited for it before. */
  if ((e->syscall == WEFT_NR_accept || e->syscall == WEFT_NR_accept4) && !object && e->fd >= 0)
    object = object_for_fd (self, e->h.tgid, e->fd);
  if ((e->syscall == WEFT_NR_accept || e->syscall == WEFT_NR_accept4) && object &&
      object->kind == WEFT_OBJECT_SOCKET && !g_str_has_prefix (object->label, "listening "))
    {
      char *label = g_strconcat ("listening ", object->label, NULL);

      g_free (object->label);
      object->label = label;
    }
  if (c->io_kind)
    io_wait_for (self, e->h.tid, c->io_kind)->count++;
  weft_thread_update_state (self, thread, t);
}

static WeftFlowKind
flow_kind_for (WeftObjectKind kind)
{
  switch (kind)
    {
    case WEFT_OBJECT_MQ:
      return WEFT_FLOW_MQ;
    case WEFT_OBJECT_SOCKET:
      return WEFT_FLOW_SOCKET;
    default:
      return WEFT_FLOW_PIPE;
    }
}

/* Bytes a successful call moved: its return value, except mq_timedsend,
 * which returns 0 and sends the msg_len its BEGIN asked for. */
static gint64
bytes_moved (const WeftThreadPriv *thread, const struct weft_syscall_end *e)
{
  if (e->syscall == WEFT_NR_mq_timedsend)
    return e->ret == 0 && thread->sys.syscall == e->syscall ? (gint64) thread->sys.arg : 0;
  return e->ret;
}

static void
count_transfer (WeftModel *self, const SyscallClass *c, const WeftThreadPriv *thread,
                const struct weft_syscall_end *e, guint64 t)
{
  WeftObjectPriv *object = (WeftObjectPriv *) object_for_fd (self, e->h.tgid, e->fd);
  gint64 bytes = bytes_moved (thread, e);

  if (!object || bytes <= 0 || c->direction == DIRECTION_NONE)
    return;
  if (object->pub.kind != WEFT_OBJECT_PIPE && object->pub.kind != WEFT_OBJECT_MQ &&
      object->pub.kind != WEFT_OBJECT_SOCKET)
    return;
  if (c->direction == DIRECTION_WRITE)
    {
      add_unique (object->pub.writers, e->h.tid);
      object->pub.bytes_written += bytes;
      object->last_writer = e->h.tid;
      object->last_write_ns = t;
    }
  else
    {
      /* A socket's reader gets what was written into the other end. */
      WeftObjectPriv *source = written_into (self, object);

      add_unique (source->pub.readers, e->h.tid);
      source->pub.bytes_read += bytes;
      if (source->last_writer && source->last_writer != e->h.tid)
        weft_model_add_flow (self, flow_kind_for (source->pub.kind), source->last_writer,
                             source->last_write_ns, e->h.tid, t, source->pub.index);
    }
}

static void
on_syscall_end (WeftModel *self, const struct weft_syscall_end *e, guint64 t)
{
  const SyscallClass *c = classify (e->syscall);
  WeftThreadPriv *thread;

  if (!c || c->state == WEFT_STATE_LOCK)
    return;
  thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  if (c->io_kind && thread->sys.syscall == e->syscall && thread->sys.state != WEFT_STATE_RUNNING)
    io_wait_for (self, e->h.tid, c->io_kind)->wait_ns += t - MIN (t, thread->sys.since);
  count_transfer (self, c, thread, e, t);
  if (thread->sys.state != WEFT_STATE_RUNNING && !weft_state_is_futex_wait (thread->sys.state))
    {
      weft_thread_end_wait (thread);
      weft_thread_update_state (self, thread, t);
    }
}

static void
on_fdset (WeftModel *self, const struct weft_fdset *e, guint64 t)
{
  WeftThreadPriv *thread = g_hash_table_lookup (self->tid_table, GUINT_TO_POINTER (e->h.tid));
  WeftWait *wait;
  guint n = MIN ((guint) e->n_fds, (guint) WEFT_FDSET_MAX);
  guint room = (e->h.size - offsetof (struct weft_fdset, fds)) / sizeof (gint32);

  if (!thread)
    return;
  /* The watch set comes with the call, the ready set after it returned
   * (only kept when the call blocked, i.e. its wait was stored). */
  if (e->which == WEFT_FDSET_WATCH)
    wait = weft_thread_current_wait (self, thread);
  else
    wait = weft_model_wait (self, thread->last_wait);
  if (!wait || wait->state != WEFT_STATE_SELECT)
    return;
  n = MIN (n, room);
  if (e->which == WEFT_FDSET_WATCH)
    wait->a = self->fd_pool->len + 1;
  else
    wait->b = self->fd_pool->len + 1;
  g_array_append_val (self->fd_pool, n);
  g_array_append_vals (self->fd_pool, e->fds, n);
  /* A watched fd is named by what it is now: it may be closed or reused
   * by the time anyone reads the trace. */
  for (guint i = 0; e->which == WEFT_FDSET_WATCH && i < n; i++)
    {
      const WeftObject *object = object_for_fd (self, e->h.tgid, WEFT_FDSET_FD (e->fds[i]));
      gint32 index = object ? (gint32) object->index + 1 : 0;

      g_array_append_val (self->fd_pool, index);
    }
}

void
weft_model_io_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
  switch (event->kind)
    {
    case WEFT_EV_SYSCALL_BEGIN:
      on_syscall_begin (self, (const struct weft_syscall_begin *) event, t);
      break;
    case WEFT_EV_SYSCALL_END:
      on_syscall_end (self, (const struct weft_syscall_end *) event, t);
      break;
    case WEFT_EV_FDSET:
      on_fdset (self, (const struct weft_fdset *) event, t);
      break;
    case WEFT_EV_OBJECT:
      on_object (self, (const struct weft_object *) event);
      break;
    case WEFT_EV_FD_CLOSE:
      {
        const struct weft_fd_close *e = (const struct weft_fd_close *) event;
        guint64 key = weft_model_key2 (e->h.tgid, (guint32) e->fd);

        g_hash_table_remove (self->fd_objects, &key);
      }
      break;
    default:
      break;
    }
}

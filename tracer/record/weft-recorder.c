/*
 * weft-recorder.c: the user-space half of the eBPF recorder.
 *
 * Only tp_btf programs are used: they need neither tracefs (not mounted on
 * a fresh machine) nor kprobes/fentry (absent or refused on the kernels we
 * target).  Filtering is done in the kernel by the `traced` map.
 */
#include "weft-recorder.h"
#include "weft-uprobe-target.h"
#include "weft-pycoro-probes.h"

#include <glib/gi18n-lib.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "weft-error.h"
#include "weft-event-merge.h"
#include "weft-record-enrich.h"
#include "pycoro-layout.h" /* the skeleton's rodata holds one */
#include "weft.skel.h"

/* The ring buffers of all cpus together (kernel memory, one per possible
 * cpu, which some virtual machines count in the hundreds); each gets a
 * power-of-two share, between RING_MIN_BYTES and RING_MAX_BYTES. */
#define RING_BUFFER_BYTES (64u * 1024 * 1024)
#define RING_MIN_BYTES (256u * 1024)
#define RING_MAX_BYTES (16u * 1024 * 1024)

typedef struct {
  WeftRecorder *recorder;
  guint cpu;
  /* The ring's positions, mapped read-only: a producer position past the
   * consumer's after a drain means a record is still being written. */
  const unsigned long *consumer_pos;
  const unsigned long *producer_pos;
} RingSlot;

struct _WeftRecorder {
  GObject parent_instance;

  struct weft_bpf *skel;
  struct ring_buffer *ring;  /* all the per-cpu rings, one epoll set */
  GArray *ring_fds;          /* int: the rings, by cpu */
  RingSlot *ring_slots;      /* the callbacks' context, by cpu */
  WeftEventMerge *merge;     /* read but not yet time-ordered records */
  WeftTraceWriter *writer;
  WeftRecordEnricher *enricher;
  GPtrArray *uprobe_links; /* struct bpf_link *, --uprobes only */
  GPtrArray *pycoro_links; /* struct bpf_link *: the coroutine probes */
  char *pycoro_note;       /* why coroutines are not (all) shown, or NULL */
  GError *write_error; /* first failure to store a record */
  GHashTable *attached; /* tgids user space put in the kernel filter */
  guint32 held_pid;    /* launched child not yet exec'd, 0 once it has */
  guint n_seen;
  guint64 clock_every_ns; /* a CLOCK record after this much silence; 0 never */
  guint64 last_stored_ns; /* the newest record stored */
};

G_DEFINE_FINAL_TYPE (WeftRecorder, weft_recorder, G_TYPE_OBJECT)

guint64
weft_monotonic_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static void
unmap_positions (RingSlot *slot)
{
  long page = sysconf (_SC_PAGESIZE);

  if (slot->consumer_pos)
    munmap ((void *) slot->consumer_pos, page);
  if (slot->producer_pos)
    munmap ((void *) slot->producer_pos, page);
}

static void
weft_recorder_finalize (GObject *object)
{
  WeftRecorder *self = WEFT_RECORDER (object);

  g_clear_pointer (&self->ring, ring_buffer__free);
  for (guint i = 0; i < self->ring_fds->len; i++)
    close (g_array_index (self->ring_fds, int, i));
  if (self->ring_slots)
    for (guint i = 0; i < self->ring_fds->len; i++)
      unmap_positions (&self->ring_slots[i]);
  g_array_unref (self->ring_fds);
  g_clear_pointer (&self->ring_slots, g_free);
  g_clear_pointer (&self->merge, weft_event_merge_free);
  g_clear_pointer (&self->uprobe_links, g_ptr_array_unref);
  g_clear_pointer (&self->pycoro_links, g_ptr_array_unref);
  g_clear_pointer (&self->pycoro_note, g_free);
  g_clear_object (&self->enricher);
  g_clear_pointer (&self->skel, weft_bpf__destroy);
  g_clear_object (&self->writer);
  g_clear_error (&self->write_error);
  g_hash_table_unref (self->attached);
  G_OBJECT_CLASS (weft_recorder_parent_class)->finalize (object);
}

static void
weft_recorder_class_init (WeftRecorderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_recorder_finalize;
}

static void
destroy_link (gpointer link)
{
  bpf_link__destroy (link);
}

static void
weft_recorder_init (WeftRecorder *self)
{
  self->attached = g_hash_table_new (NULL, NULL);
  self->ring_fds = g_array_new (FALSE, FALSE, sizeof (int));
  self->enricher = weft_record_enricher_new ();
  self->uprobe_links = g_ptr_array_new_with_free_func (destroy_link);
  self->pycoro_links = g_ptr_array_new_with_free_func (destroy_link);
}

static int
libbpf_print (enum libbpf_print_level level, const char *format, va_list args)
{
  /* libbpf's own messages are for developers; users get one sentence. */
  if (level == LIBBPF_DEBUG || !g_getenv ("WEFT_DEBUG"))
    return 0;
  return vfprintf (stderr, format, args);
}

/* Which processes are alive is the kernel filter's to say (see
 * weft_recorder_is_tree_alive()); the records only count them. */
static void
count_processes (WeftRecorder *self, const struct weft_event_header *h)
{
  if (h->kind == WEFT_EV_FORK && !(((const struct weft_fork *) h)->flags & WEFT_FORK_THREAD))
    self->n_seen++;
}

static gboolean
store_record (const struct weft_event_header *record, gpointer data, GError **error)
{
  WeftRecorder *self = data;

  self->last_stored_ns = MAX (self->last_stored_ns, record->ts);
  return weft_trace_writer_add (self->writer, record, record->size, error);
}

/* Between fork and exec the held child is still weft's launcher waiting
 * on its release pipe: that read is ours, not the program's. */
static gboolean
is_launcher_noise (WeftRecorder *self, const struct weft_event_header *h)
{
  if (!self->held_pid || h->tgid != self->held_pid)
    return FALSE;
  if (h->kind == WEFT_EV_EXEC)
    {
      self->held_pid = 0;
      return FALSE;
    }
  return h->kind >= WEFT_EV_SWITCH_OUT && h->kind < WEFT_EV_RECORD_START;
}

/* A record in time order: follow the processes, then enrich and store it. */
static gboolean
emit_record (const struct weft_event_header *h, gpointer data, GError **error)
{
  WeftRecorder *self = data;

  count_processes (self, h);
  if (is_launcher_noise (self, h))
    return TRUE;
  if (self->writer && !weft_record_enricher_feed (self->enricher, h, store_record, self, error))
    return FALSE;
  return TRUE;
}

/* A record read from one cpu's ring: kept until the rings are merged. */
static int
on_ring_event (void *ctx, void *data, size_t size)
{
  RingSlot *slot = ctx;
  struct weft_event_header *h = data;

  if (size < sizeof *h || h->size < sizeof *h || h->size > size)
    return 0; /* cannot happen: our own programs write these */
  weft_event_merge_add (slot->recorder->merge, slot->cpu, h);
  return 0;
}

/* Hands on every record read so far stamped at or before `until_ns`;
 * after a failure to write, the recorder is ending and nothing more is. */
static void
flush_merged (WeftRecorder *self, guint64 until_ns)
{
  if (!self->write_error)
    weft_event_merge_flush (self->merge, until_ns, emit_record, self, &self->write_error);
}

/* Silence is news too: a deadlocked program writes nothing, and a live
 * view learns from this record that time has passed up to `until_ns`
 * (everything stamped before it has been handed on), so its "now" and
 * its stall detection come from the stream, as they would from the file. */
static void
mark_time (WeftRecorder *self, guint64 until_ns)
{
  struct weft_event_header clock = { .ts = until_ns, .kind = WEFT_EV_CLOCK, .size = sizeof clock };

  if (!self->clock_every_ns || !self->writer || self->write_error ||
      until_ns < self->last_stored_ns + self->clock_every_ns)
    return;
  store_record (&clock, self, &self->write_error);
}

void
weft_recorder_set_clock_interval (WeftRecorder *self, guint64 silence_ns)
{
  g_return_if_fail (WEFT_IS_RECORDER (self));
  self->clock_every_ns = silence_ns;
}

/* Each cpu's share of RING_BUFFER_BYTES, unless a test asked for less
 * (weft record --test-ring-buffer-bytes) to make the kernel drop events. */
static guint32
ring_bytes_per_cpu (guint n_cpus, const WeftRecorderTestKnobs *knobs)
{
  guint32 share = RING_MAX_BYTES;

  if (knobs && knobs->ring_bytes_per_cpu)
    return knobs->ring_bytes_per_cpu;
  while (share > RING_MIN_BYTES && (guint64) share * n_cpus > RING_BUFFER_BYTES)
    share /= 2;
  return share;
}

gboolean
weft_recorder_ring_bytes_valid (guint64 bytes)
{
  return bytes >= 4096 && bytes <= RING_MAX_BYTES && (bytes & (bytes - 1)) == 0;
}

static gboolean
check_environment (const WeftRecorderTestKnobs *knobs, GError **error)
{
  /* A test points this elsewhere to play a kernel without BTF. */
  const char *btf = knobs && knobs->btf_path ? knobs->btf_path : "/sys/kernel/btf/vmlinux";

  if (access (btf, R_OK) != 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_UNSUPPORTED,
                   _("This kernel has no BTF type information (%s is missing); "
                     "weft needs a kernel built with CONFIG_DEBUG_INFO_BTF=y, as Debian's are."), btf);
      return FALSE;
    }
  return TRUE;
}

static void
set_load_error (GError **error, int err, const char *what)
{
  /* As root, EACCES is the verifier saying no, not a missing privilege. */
  if ((err == -EPERM || err == -EACCES) && geteuid () != 0)
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_PERMISSION,
                 _("Recording needs root or the CAP_BPF and CAP_PERFMON capabilities: run it with sudo, "
                   "or give the weft binary both once with sudo setcap cap_bpf,cap_perfmon+ep (see docs/privileges.md)."));
  else
    g_set_error (error, WEFT_ERROR, WEFT_ERROR_UNSUPPORTED,
                 _("The kernel refused to %s: %s (run with WEFT_DEBUG=1 for details)."),
                 what, g_strerror (-err));
}

/* The libc the traced programs use: the one this process has mapped. */
static char *
find_libc_path (void)
{
  g_autofree char *maps = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    return NULL;
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *path = strchr (lines[i], '/');

      if (path && strstr (path, "/libc.so"))
        return g_strdup (path);
    }
  return NULL;
}

typedef struct {
  struct bpf_program *prog;
  const char *func;
  gboolean retprobe;
} UprobeSpec;

static gboolean
attach_uprobes (WeftRecorder *self, GError **error)
{
  g_autofree char *libc = find_libc_path ();
  const UprobeSpec specs[] = {
    { self->skel->progs.weft_mutex_lock, "pthread_mutex_lock", FALSE },
    { self->skel->progs.weft_mutex_lock_return, "pthread_mutex_lock", TRUE },
    { self->skel->progs.weft_mutex_unlock, "pthread_mutex_unlock", FALSE },
    { self->skel->progs.weft_mutex_lock, "pthread_mutex_trylock", FALSE },
    { self->skel->progs.weft_mutex_lock_return, "pthread_mutex_trylock", TRUE },
    /* A semaphore is taken by any of these when it returns 0; Python's
     * Lock.acquire() tries sem_trywait first, and waits only when that fails. */
    { self->skel->progs.weft_sem_wait, "sem_wait", FALSE },
    { self->skel->progs.weft_sem_wait_return, "sem_wait", TRUE },
    { self->skel->progs.weft_sem_wait, "sem_trywait", FALSE },
    { self->skel->progs.weft_sem_wait_return, "sem_trywait", TRUE },
    { self->skel->progs.weft_sem_wait, "sem_timedwait", FALSE },
    { self->skel->progs.weft_sem_wait_return, "sem_timedwait", TRUE },
    { self->skel->progs.weft_sem_wait, "sem_clockwait", FALSE },
    { self->skel->progs.weft_sem_wait_return, "sem_clockwait", TRUE },
    { self->skel->progs.weft_sem_post, "sem_post", FALSE },
  };

  if (!libc)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_UNSUPPORTED,
                   _("Cannot find the C library to put --uprobes on; record without --uprobes."));
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      /* By offset, not by name: libbpf 1.1 refuses glibc's versioned
       * aliases (sem_wait@GLIBC_2.2.5 and sem_wait@@GLIBC_2.34). */
      LIBBPF_OPTS (bpf_uprobe_opts, opts, .retprobe = specs[i].retprobe);
      struct bpf_link *link;
      guint64 offset;

      if (!weft_uprobe_function_offset (libc, specs[i].func, &offset, error))
        return FALSE;
      link = bpf_program__attach_uprobe_opts (specs[i].prog, -1, libc, (size_t) offset, &opts);

      if (!link)
        {
          set_load_error (error, -errno, _("attach the --uprobes lock probes"));
          return FALSE;
        }
      g_ptr_array_add (self->uprobe_links, link);
    }
  return TRUE;
}

static void
set_uprobes_autoload (struct weft_bpf *skel, bool on)
{
  bpf_program__set_autoload (skel->progs.weft_mutex_lock, on);
  bpf_program__set_autoload (skel->progs.weft_mutex_lock_return, on);
  bpf_program__set_autoload (skel->progs.weft_mutex_unlock, on);
  bpf_program__set_autoload (skel->progs.weft_sem_wait, on);
  bpf_program__set_autoload (skel->progs.weft_sem_wait_return, on);
  bpf_program__set_autoload (skel->progs.weft_sem_post, on);
}

/* One ring buffer per possible cpu.  They are made before the programs
 * are loaded, as the first is the template the `events` array is checked
 * against (libbpf 1.1 cannot resize its own template). */
static gboolean
create_rings (WeftRecorder *self, int n_cpus, guint32 ring_bytes, GError **error)
{
  for (int cpu = 0; cpu < n_cpus; cpu++)
    {
      int fd = bpf_map_create (BPF_MAP_TYPE_RINGBUF, "weft_ring", 0, 0, ring_bytes, NULL);

      if (fd < 0)
        {
          set_load_error (error, -errno, _("create a ring buffer"));
          return FALSE;
        }
      g_array_append_val (self->ring_fds, fd);
    }
  if (bpf_map__set_inner_map_fd (self->skel->maps.events, g_array_index (self->ring_fds, int, 0)) < 0)
    {
      set_load_error (error, -errno, _("prepare the ring buffers"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
map_positions (RingSlot *slot, int fd)
{
  long page = sysconf (_SC_PAGESIZE);
  void *consumer = mmap (NULL, page, PROT_READ, MAP_SHARED, fd, 0);
  void *producer = mmap (NULL, page, PROT_READ, MAP_SHARED, fd, page);

  slot->consumer_pos = consumer == MAP_FAILED ? NULL : consumer;
  slot->producer_pos = producer == MAP_FAILED ? NULL : producer;
  return slot->consumer_pos && slot->producer_pos;
}

/* The time up to which the drain that just ended saw everything: a ring
 * with a record still being written holds the others back at its newest
 * record, so no later record can arrive older than what was handed on. */
static guint64
complete_until (WeftRecorder *self, guint64 read_from)
{
  guint64 until = read_from;

  for (guint cpu = 0; cpu < self->ring_fds->len; cpu++)
    {
      const RingSlot *slot = &self->ring_slots[cpu];

      if (__atomic_load_n (slot->producer_pos, __ATOMIC_ACQUIRE) !=
          __atomic_load_n (slot->consumer_pos, __ATOMIC_ACQUIRE))
        until = MIN (until, weft_event_merge_get_last_ts (self->merge, cpu));
    }
  return until;
}

/* Puts each ring in the `events` array at its cpu's index and reads them
 * all through one ring_buffer (one epoll set). */
static gboolean
install_rings (WeftRecorder *self, GError **error)
{
  guint n_cpus = self->ring_fds->len;

  self->merge = weft_event_merge_new (n_cpus);
  self->ring_slots = g_new0 (RingSlot, n_cpus);
  for (guint cpu = 0; cpu < n_cpus; cpu++)
    {
      int fd = g_array_index (self->ring_fds, int, cpu);
      RingSlot *slot = &self->ring_slots[cpu];
      guint32 key = cpu;

      if (bpf_map_update_elem (bpf_map__fd (self->skel->maps.events), &key, &fd, BPF_ANY) < 0)
        {
          set_load_error (error, -errno, _("install a ring buffer"));
          return FALSE;
        }
      slot->recorder = self;
      slot->cpu = cpu;
      if (!map_positions (slot, fd))
        {
          set_load_error (error, -errno, _("map a ring buffer"));
          return FALSE;
        }
      if (!self->ring)
        self->ring = ring_buffer__new (fd, on_ring_event, slot, NULL);
      else if (ring_buffer__add (self->ring, fd, on_ring_event, slot) < 0)
        g_clear_pointer (&self->ring, ring_buffer__free);
      if (!self->ring)
        {
          set_load_error (error, -errno, _("open the ring buffer"));
          return FALSE;
        }
    }
  return TRUE;
}

WeftRecorder *
weft_recorder_new (GError **error)
{
  return weft_recorder_new_with_flags (WEFT_RECORDER_DEFAULT, error);
}

WeftRecorder *
weft_recorder_new_with_flags (WeftRecorderFlags flags, GError **error)
{
  return weft_recorder_new_for_test (flags, NULL, error);
}

WeftRecorder *
weft_recorder_new_for_test (WeftRecorderFlags flags, const WeftRecorderTestKnobs *knobs, GError **error)
{
  g_autoptr (WeftRecorder) self = g_object_new (WEFT_TYPE_RECORDER, NULL);
  guint32 ring_bytes;
  int n_cpus, err;

  if (!check_environment (knobs, error))
    return NULL;
  libbpf_set_print (libbpf_print);

  self->skel = weft_bpf__open ();
  if (!self->skel)
    {
      set_load_error (error, -errno, _("open the BPF programs"));
      return NULL;
    }
  n_cpus = libbpf_num_possible_cpus ();
  if (n_cpus <= 0)
    {
      set_load_error (error, n_cpus, _("count the cpus"));
      return NULL;
    }
  ring_bytes = ring_bytes_per_cpu (n_cpus, knobs);
  bpf_map__set_max_entries (self->skel->maps.events, n_cpus);
  if (!create_rings (self, n_cpus, ring_bytes, error))
    return NULL;
  /* A ring shrunk by a test wakes nobody early: the recorder drains it on
   * its poll timeout only, so a storm overflows it however loaded (and so
   * slowed) the machine is. */
  self->skel->rodata->weft_wakeup_bytes = knobs && knobs->ring_bytes_per_cpu ? ring_bytes : ring_bytes / 8;
  set_uprobes_autoload (self->skel, (flags & WEFT_RECORDER_UPROBES) != 0);
  self->pycoro_note = weft_pycoro_probes_prepare (self->skel, (flags & WEFT_RECORDER_GENERATORS) != 0);
  err = weft_bpf__load (self->skel);
  if (err)
    {
      set_load_error (error, err, _("load the BPF programs"));
      return NULL;
    }
  err = weft_bpf__attach (self->skel);
  if (err)
    {
      set_load_error (error, err, _("attach the BPF programs"));
      return NULL;
    }
  if ((flags & WEFT_RECORDER_UPROBES) && !attach_uprobes (self, error))
    return NULL;
  weft_record_enricher_set_python_maps (self->enricher, bpf_map__fd (self->skel->maps.py_processes),
                                        bpf_map__fd (self->skel->maps.py_binaries));
  if (!self->pycoro_note)
    self->pycoro_note = weft_pycoro_probes_attach (self->skel, (flags & WEFT_RECORDER_GENERATORS) != 0,
                                                   self->pycoro_links);
  if (!install_rings (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
weft_recorder_get_coroutine_note (WeftRecorder *self)
{
  return self->pycoro_note;
}

void
weft_recorder_set_writer (WeftRecorder *self, WeftTraceWriter *writer)
{
  g_set_object (&self->writer, writer);
}

gboolean
weft_recorder_trace_held_child (WeftRecorder *self, pid_t pid, const char *program, GError **error)
{
  g_autofree char *resolved = g_find_program_in_path (program);
  g_autofree char *python3 = g_find_program_in_path ("python3");

  weft_record_enricher_expect_program (self->enricher, resolved);
  weft_record_enricher_expect_program (self->enricher, python3);
  weft_record_enricher_expect_program (self->enricher, "/usr/bin/python3"); /* what the course's demos run */
  self->held_pid = pid;
  return weft_recorder_trace_pid (self, pid, error);
}

gboolean
weft_recorder_trace_pid (WeftRecorder *self, pid_t pid, GError **error)
{
  guint32 key = pid, value = 1;

  /* Counted first, as the kernel side does (weft_trace_tgid). */
  __atomic_add_fetch (&self->skel->bss->weft_n_traced, 1, __ATOMIC_SEQ_CST);
  if (bpf_map__update_elem (self->skel->maps.traced, &key, sizeof key, &value, sizeof value, BPF_NOEXIST) < 0)
    {
      int saved = errno;

      __atomic_sub_fetch (&self->skel->bss->weft_n_traced, 1, __ATOMIC_SEQ_CST);
      if (saved != EEXIST) /* EEXIST: a traced parent forked it just now */
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED,
                       _("Cannot add process %d to the trace filter: %s"), pid, g_strerror (saved));
          return FALSE;
        }
    }
  if (g_hash_table_add (self->attached, GUINT_TO_POINTER (pid)))
    self->n_seen++;
  return TRUE;
}

int
weft_recorder_poll (WeftRecorder *self, int timeout_ms, GError **error)
{
  int n = ring_buffer__poll (self->ring, timeout_ms);

  /* Most events are submitted without a wakeup (see weft_submit()), so
   * after the wait, take whatever is there.  Everything stamped before
   * `read_from` is in the rings already, or still being written (see
   * complete_until()), so the merge can hand it on in time order. */
  if (n >= 0 || n == -EINTR)
    {
      guint64 read_from = weft_monotonic_ns ();
      int more = ring_buffer__consume (self->ring);
      guint64 until;

      n = more < 0 ? more : MAX (n, 0) + more;
      until = complete_until (self, read_from);
      flush_merged (self, until);
      mark_time (self, until);
    }
  if (self->write_error)
    {
      g_propagate_error (error, g_steal_pointer (&self->write_error));
      return -1;
    }
  if (n == -EINTR)
    return 0;
  if (n < 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot read events from the kernel: %s"),
                   g_strerror (-n));
      return -1;
    }
  return n;
}

/* The tgids in the kernel filter right now.  The kernel adds a child
 * there when a traced process forks (before the parent can exit) and
 * removes a process when its last thread exits, so this is the traced
 * tree as it is, however far the records we have read lag behind. */
static GArray *
list_traced (WeftRecorder *self)
{
  GArray *tgids = g_array_new (FALSE, FALSE, sizeof (guint32));
  int fd = bpf_map__fd (self->skel->maps.traced);
  guint32 most = bpf_map__max_entries (self->skel->maps.traced);
  guint32 key, next;
  gboolean first = TRUE;

  /* A key deleted under us makes the kernel start again from the first:
   * the bound stops a list that never ends. */
  while (tgids->len <= most && bpf_map_get_next_key (fd, first ? NULL : &key, &next) == 0)
    {
      g_array_append_val (tgids, next);
      key = next;
      first = FALSE;
    }
  return tgids;
}

/* From the count, never a walk of the map (see weft_n_traced). */
gboolean
weft_recorder_is_tree_alive (WeftRecorder *self)
{
  return __atomic_load_n (&self->skel->bss->weft_n_traced, __ATOMIC_SEQ_CST) > 0;
}

/* Dead: gone from /proc, or a zombie whose threads have all exited (a
 * zombie leader with live threads is a running process). */
static gboolean
is_dead (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  const char *close_paren;
  char state;
  long n_threads = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !(close_paren = strrchr (text, ')')))
    return TRUE;
  /* After ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt
   * majflt cmajflt utime stime cutime cstime priority nice num_threads. */
  if (sscanf (close_paren + 1, " %c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %ld",
              &state, &n_threads) != 2)
    return TRUE;
  return state == 'X' || (state == 'Z' && n_threads <= 1);
}

void
weft_recorder_prune_dead (WeftRecorder *self)
{
  g_autoptr (GArray) tgids = list_traced (self);
  int fd = bpf_map__fd (self->skel->maps.traced);

  for (guint i = 0; i < tgids->len; i++)
    {
      guint32 tgid = g_array_index (tgids, guint32, i);

      if (is_dead (tgid) && bpf_map_delete_elem (fd, &tgid) == 0)
        __atomic_sub_fetch (&self->skel->bss->weft_n_traced, 1, __ATOMIC_SEQ_CST);
    }
}

void
weft_recorder_signal_live (WeftRecorder *self, int sig)
{
  g_autoptr (GArray) tgids = list_traced (self);

  for (guint i = 0; i < tgids->len; i++)
    kill (g_array_index (tgids, guint32, i), sig);
}

guint
weft_recorder_get_n_processes_seen (WeftRecorder *self)
{
  return self->n_seen;
}

/* Events lost for one reason (enum weft_lost_reason), summed over cpus. */
guint64
weft_recorder_get_lost_for (WeftRecorder *self, guint32 reason)
{
  int n_cpus = libbpf_num_possible_cpus ();
  g_autofree guint64 *values = NULL;
  guint64 total = 0;

  if (n_cpus <= 0)
    return 0;
  values = g_new0 (guint64, n_cpus);
  if (bpf_map__lookup_elem (self->skel->maps.lost, &reason, sizeof reason, values,
                            sizeof (guint64) * n_cpus, 0) < 0)
    return 0;
  for (int i = 0; i < n_cpus; i++)
    total += values[i];
  return total;
}

guint64
weft_recorder_get_lost_events (WeftRecorder *self)
{
  guint64 total = 0;

  for (guint32 reason = 0; reason < WEFT_LOST_N_REASONS; reason++)
    total += weft_recorder_get_lost_for (self, reason);
  return total;
}

gboolean
weft_recorder_write_synthetic (WeftRecorder *self, void *record, gsize size, guint16 kind,
                               pid_t tgid, pid_t tid, GError **error)
{
  struct weft_event_header *h = record;

  h->ts = weft_monotonic_ns ();
  h->tgid = tgid;
  h->tid = tid;
  h->kind = kind;
  h->size = size;
  h->cpu = sched_getcpu () < 0 ? 0 : sched_getcpu ();
  h->reserved = 0;
  if (!self->writer)
    return TRUE;
  flush_merged (self, h->ts); /* what the kernel said before this goes first */
  return weft_trace_writer_add (self->writer, record, size, error);
}

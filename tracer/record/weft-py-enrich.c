/*
 * weft-py-enrich.c: CPython processes while recording (see the header).
 *
 * Everything is cached per process: a code object is read once (and read
 * again only when its address holds another one), a thread's name at
 * its first stacks (a program may rename a thread as it starts).
 * The kernel's stacks arrive a few milliseconds late; code objects of
 * functions live as long as their module, so they are still there.
 */
#include "weft-py-enrich.h"

#include <bpf/bpf.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "weft-event-text.h"
#include "weft-py-inspect.h"
#include "weft-py-lock-search.h"
#include "weft-py-offsets.h"
#include "weft-symbols.h"

#define MAX_NAME_READS 64  /* stacks of a thread read for its name (a program renames a thread once it runs) */
#define NAME_REREAD_NS (50 * G_GUINT64_CONSTANT (1000000)) /* after those, one read per 50 ms at most */
#define MAX_LOCK_FRAMES 6  /* frames searched for a lock's variable */
#define MAX_LOCK_LOOKS 4096 /* variables and attributes looked at to name one lock */

typedef struct {
  WeftPyCode code;
  gboolean library;  /* threading.py, queue.py...: not the program's words */
  gboolean emitted;  /* its PY_CODE is in the file */
  WeftPyWaitLocals wait_locals; /* when it is Condition.wait */
} CodeEntry;

typedef struct {
  guint64 runtime;
  WeftPyMemory *memory;
  GHashTable *codes;      /* code address -> CodeEntry */
  GHashTable *names;      /* tid -> ThreadName */
  GHashTable *last_line;  /* tid -> "bank.py:9" of its last stack's innermost program frame */
  GHashTable *last_site;  /* tid -> guint64 *: its last stack's innermost code ^ instruction */
  GHashTable *last_code;  /* tid -> guint64 *: its last stack's innermost code */
  guint64 main_thread;    /* threading._main_thread, once found (the lookup is long) */
} PyProcess;

typedef struct {
  char *recorded; /* the name last written to the trace, or NULL */
  guint reads;
  guint64 last_read_ns;
} ThreadName;

static void
thread_name_free (gpointer data)
{
  ThreadName *name = data;

  g_free (name->recorded);
  g_free (name);
}

struct _WeftPyEnricher {
  GObject parent_instance;

  int map_fd;
  int binaries_fd;
  WeftSymbols *symbols;
  GHashTable *processes; /* pid -> PyProcess */
};

G_DEFINE_FINAL_TYPE (WeftPyEnricher, weft_py_enricher, G_TYPE_OBJECT)

static void
code_entry_free (gpointer data)
{
  CodeEntry *entry = data;

  weft_py_code_clear (&entry->code);
  g_free (entry);
}

static void
py_process_free (gpointer data)
{
  PyProcess *process = data;

  weft_py_memory_free (process->memory);
  g_hash_table_unref (process->codes);
  g_hash_table_unref (process->names);
  g_hash_table_unref (process->last_line);
  g_hash_table_unref (process->last_site);
  g_hash_table_unref (process->last_code);
  g_free (process);
}

static void
weft_py_enricher_finalize (GObject *object)
{
  WeftPyEnricher *self = WEFT_PY_ENRICHER (object);

  g_clear_object (&self->symbols);
  g_hash_table_unref (self->processes);
  G_OBJECT_CLASS (weft_py_enricher_parent_class)->finalize (object);
}

static void
weft_py_enricher_class_init (WeftPyEnricherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_py_enricher_finalize;
}

static void
weft_py_enricher_init (WeftPyEnricher *self)
{
  self->map_fd = -1;
  self->binaries_fd = -1;
  self->symbols = weft_symbols_new ();
  self->processes = g_hash_table_new_full (NULL, NULL, NULL, py_process_free);
}

WeftPyEnricher *
weft_py_enricher_new (void)
{
  return g_object_new (WEFT_TYPE_PY_ENRICHER, NULL);
}

void
weft_py_enricher_set_maps (WeftPyEnricher *self, int processes_fd, int binaries_fd)
{
  self->map_fd = processes_fd;
  self->binaries_fd = binaries_fd;
}

void
weft_py_enricher_expect_program (WeftPyEnricher *self, const char *path)
{
  /* The same layout as bpf/pystack.bpf.h's weft_py_binary_key/weft_py_binary. */
  struct { guint64 dev, ino; } key;
  struct { gint64 runtime_from_start_code; } value;
  guint32 version = 0;
  gint64 unused;
  struct stat st;

  if (self->binaries_fd < 0 || !path || stat (path, &st) != 0 ||
      !weft_symbols_find_in_file (path, "Py_Version", &unused, &version, sizeof version) ||
      version != WEFT_PY_VERSION_HEX ||
      !weft_symbols_find_in_file (path, "_PyRuntime", &value.runtime_from_start_code, NULL, 0))
    return; /* not the CPython weft reads (or it lives in a libpython): known at its exec */
  /* The kernel's dev_t, not the one stat() encodes for user space. */
  key.dev = ((guint64) major (st.st_dev) << 20) | minor (st.st_dev);
  key.ino = st.st_ino;
  bpf_map_update_elem (self->binaries_fd, &key, &value, BPF_ANY);
}

static gboolean
emit_status (const struct weft_event_header *event, guint32 pid, guint32 status, guint32 version,
             guint64 runtime, const char *reason, WeftRecordEmitFunc emit, gpointer data, GError **error)
{
  struct weft_py_status record;

  memset (&record, 0, sizeof record);
  record.h = *event;
  record.h.tgid = pid;
  record.h.tid = pid;
  record.h.kind = WEFT_EV_PY_STATUS;
  record.h.size = sizeof record;
  record.status = status;
  record.version_hex = version;
  record.runtime = runtime;
  if (reason)
    g_strlcpy (record.reason, reason, sizeof record.reason);
  return emit (&record.h, data, error);
}

static char *
version_text (guint32 hex)
{
  return g_strdup_printf ("%u.%u.%u", hex >> 24, (hex >> 16) & 0xff, (hex >> 8) & 0xff);
}

static PyProcess *
add_process (WeftPyEnricher *self, guint32 pid, guint64 runtime)
{
  PyProcess *process = g_new0 (PyProcess, 1);
  struct { __u64 runtime; } value = { runtime };

  process->runtime = runtime;
  process->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, code_entry_free);
  process->names = g_hash_table_new_full (NULL, NULL, NULL, thread_name_free);
  process->last_line = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  process->last_site = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  process->last_code = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_replace (self->processes, GUINT_TO_POINTER (pid), process);
  bpf_map_update_elem (self->map_fd, &pid, &value, BPF_ANY);
  return process;
}

gboolean
weft_py_enricher_process_started (WeftPyEnricher *self, const struct weft_event_header *event,
                                  guint32 pid, guint32 parent, WeftRecordEmitFunc emit,
                                  gpointer data, GError **error)
{
  PyProcess *from = parent ? g_hash_table_lookup (self->processes, GUINT_TO_POINTER (parent)) : NULL;
  guint64 runtime = 0, version_addr = 0;
  guint32 version = 0;
  g_autoptr (WeftPyMemory) memory = NULL;
  g_autofree char *running = NULL;
  g_autofree char *reason = NULL;

  /* The kernel may know the process as Python already (bpf/pystack.bpf.h):
   * its entry stays while it is checked, so no early wait goes unseen. */
  g_hash_table_remove (self->processes, GUINT_TO_POINTER (pid));
  if (self->map_fd < 0)
    return TRUE;
  if (from)
    {
      /* A forked child: the same interpreter at the same address. */
      add_process (self, pid, from->runtime);
      return emit_status (event, pid, WEFT_PY_STATUS_OK, WEFT_PY_VERSION_HEX, from->runtime, NULL, emit, data, error);
    }
  if (!parent)
    {
      weft_symbols_forget_process (self->symbols, pid);
      if (weft_symbols_find (self->symbols, pid, "_PyRuntime", &runtime))
        memory = weft_py_memory_open (pid);
    }
  if (!memory)
    {
      bpf_map_delete_elem (self->map_fd, &pid); /* not CPython (or gone already) */
      return TRUE;
    }
  if (weft_symbols_find (self->symbols, pid, "Py_Version", &version_addr))
    weft_py_read (memory, version_addr, &version, sizeof version);
  if (version == WEFT_PY_VERSION_HEX)
    {
      g_autofree char *exe = g_strdup_printf ("/proc/%u/exe", pid);

      add_process (self, pid, runtime);
      weft_py_enricher_expect_program (self, exe); /* the next process that runs it is known at once */
      return emit_status (event, pid, WEFT_PY_STATUS_OK, version, runtime, NULL, emit, data, error);
    }
  bpf_map_delete_elem (self->map_fd, &pid);
  running = version ? version_text (version) : g_strdup (_("an unknown version"));
  reason = g_strdup_printf (_("Python stacks are not recorded: this is CPython %s, and weft reads CPython %s only."),
                            running, WEFT_PY_VERSION_STRING);
  return emit_status (event, pid, WEFT_PY_STATUS_UNSUPPORTED, version, runtime, reason, emit, data, error);
}

void
weft_py_enricher_process_gone (WeftPyEnricher *self, guint32 pid)
{
  if (g_hash_table_remove (self->processes, GUINT_TO_POINTER (pid)) && self->map_fd >= 0)
    bpf_map_delete_elem (self->map_fd, &pid);
}

static WeftPyMemory *
process_memory (PyProcess *process, guint32 pid)
{
  if (!process->memory)
    process->memory = weft_py_memory_open (pid);
  return process->memory;
}

/* The code object at addr, read once, or NULL when it cannot be read (or
 * is not one: the layout does not fit). */
static CodeEntry *
lookup_code (PyProcess *process, guint32 pid, guint64 addr)
{
  WeftPyMemory *memory = process_memory (process, pid);
  CodeEntry *entry = g_hash_table_lookup (process->codes, &addr);
  guint64 fingerprint[4];

  if (!memory)
    return NULL;
  if (entry)
    {
      if (weft_py_read_code_fingerprint (memory, addr, fingerprint) &&
          memcmp (fingerprint, entry->code.fingerprint, sizeof fingerprint) == 0)
        return entry;
      g_hash_table_remove (process->codes, &addr); /* freed, and the address reused */
    }
  entry = g_new0 (CodeEntry, 1);
  if (!weft_py_read_code (memory, addr, &entry->code))
    {
      g_free (entry);
      return NULL;
    }
  entry->library = weft_py_file_is_library (entry->code.filename);
  g_hash_table_insert (process->codes, g_memdup2 (&addr, sizeof addr), entry);
  return entry;
}

static gboolean
emit_code (const struct weft_py_stack *stack, guint64 addr, const CodeEntry *entry, WeftRecordEmitFunc emit,
           gpointer data, GError **error)
{
  struct weft_py_code record;
  gsize qualname_len = MIN (strlen (entry->code.qualname), 255);
  gsize filename_len = MIN (strlen (entry->code.filename), WEFT_PY_TEXT_MAX - qualname_len - 2);

  memset (&record, 0, sizeof record);
  record.h = stack->h;
  record.h.kind = WEFT_EV_PY_CODE;
  record.code = addr;
  record.first_line = entry->code.first_line;
  record.qualname_len = qualname_len;
  record.filename_len = filename_len;
  memcpy (record.text, entry->code.qualname, qualname_len);
  /* A long path keeps its end: the file name matters most. */
  memcpy (record.text + qualname_len + 1,
          entry->code.filename + strlen (entry->code.filename) - filename_len, filename_len);
  record.h.size = (G_STRUCT_OFFSET (struct weft_py_code, text) + qualname_len + filename_len + 2 + 7) & ~7;
  return emit (&record.h, data, error);
}

typedef struct {
  const char *qualname;
  guint32 flags;
} NamedFrame;

/* The frames whose `self` carries the name (Lib/threading.py,
 * Lib/multiprocessing/process.py). */
static const NamedFrame named_frames[] = {
  { "BaseProcess._bootstrap", WEFT_PY_NAME_PROCESS },
  { "Thread._bootstrap_inner", 0 },
};

/* The name from the stack's outermost frame, read by the kernel when the
 * thread waited: works even when the thread has ended since. */
static char *
read_outer_name (PyProcess *process, const struct weft_py_stack *stack, guint32 *flags)
{
  WeftPyMemory *memory = process_memory (process, stack->h.tgid);
  CodeEntry *entry = stack->outer_code && stack->outer_self && memory ?
                     lookup_code (process, stack->h.tgid, stack->outer_code) : NULL;

  /* Lib/threading.py: Thread._bootstrap(self) starts every thread. */
  if (!entry || strcmp (entry->code.qualname, "Thread._bootstrap") != 0)
    return NULL;
  *flags = 0;
  return weft_py_read_str (memory, weft_py_attr (memory, stack->outer_self, "_name"));
}

/* A process's first thread has no bootstrap frame; a program may still
 * have renamed it (threading.current_thread().name = "server", also in a
 * child after os.fork()).  Its name is threading._main_thread._name, the
 * threading module found in the interpreter's sys.modules. */
static char *
main_thread_name (PyProcess *process, WeftPyMemory *memory, guint64 tstate)
{
  if (!process->main_thread)
    {
      guint64 interp = weft_py_read_ptr (memory, tstate + WEFT_PY_TSTATE_INTERP);
      guint64 modules = interp ? weft_py_read_ptr (memory, interp + WEFT_PY_INTERP_MODULES) : 0;
      guint64 threading = modules ? weft_py_dict_get (memory, modules, "threading") : 0;

      process->main_thread = threading ? weft_py_attr (memory, threading, "_main_thread") : 0;
    }
  return process->main_thread ? weft_py_read_str (memory, weft_py_attr (memory, process->main_thread, "_name")) : NULL;
}

/* The thread's threading (or multiprocessing) name, from the `self` of
 * its bootstrap frame; for a process's first thread, its main-thread name.
 * NULL when it cannot be read now. */
static char *
read_thread_name (PyProcess *process, guint32 pid, guint32 tid, guint32 *flags)
{
  WeftPyMemory *memory = process_memory (process, pid);
  guint64 tstate = memory ? weft_py_find_tstate (memory, process->runtime, tid) : 0;
  guint64 frame = tstate ? weft_py_current_frame (memory, tstate) : 0;

  *flags = 0;
  for (guint depth = 0; frame && depth < 256; depth++, frame = weft_py_frame_previous (memory, frame))
    {
      CodeEntry *entry = lookup_code (process, pid, weft_py_frame_code (memory, frame));

      if (!entry)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (named_frames); i++)
        if (strcmp (entry->code.qualname, named_frames[i].qualname) == 0)
          {
            guint64 self_object = weft_py_frame_local (memory, frame, 0);
            char *name = weft_py_read_str (memory, weft_py_attr (memory, self_object, "_name"));

            if (name)
              {
                *flags = named_frames[i].flags;
                return name;
              }
          }
    }
  if (tstate && tid == pid)
    return main_thread_name (process, memory, tstate);
  return NULL;
}

/* A thread's name is read at its first stacks, and written to the trace
 * whenever it changed: a thread that renames itself as it starts
 * (threading.current_thread().name = "producer") has already waited, for
 * the GIL at least, under its first name.  Later stacks are read now and
 * then: a main thread renamed after its imports ("event-loop") has waited
 * hundreds of times on the files it read. */
static gboolean
name_thread (PyProcess *process, const struct weft_py_stack *stack, WeftRecordEmitFunc emit, gpointer data,
             GError **error)
{
  gpointer key = GUINT_TO_POINTER (stack->h.tid);
  ThreadName *known = g_hash_table_lookup (process->names, key);
  struct weft_py_thread record;
  g_autofree char *name = NULL;
  guint32 flags = 0;

  if (!known)
    {
      known = g_new0 (ThreadName, 1);
      g_hash_table_insert (process->names, key, known);
    }
  if (known->reads >= MAX_NAME_READS && stack->h.ts - MIN (stack->h.ts, known->last_read_ns) < NAME_REREAD_NS)
    return TRUE;
  known->last_read_ns = stack->h.ts;
  /* Only the first read may use the object the kernel saw in the stack:
   * read later, that Thread may have been freed and its memory reused.
   * Later reads go through the thread's live state, found by its tid. */
  if (known->reads++ == 0)
    name = read_outer_name (process, stack, &flags);
  if (!name)
    name = read_thread_name (process, stack->h.tgid, stack->h.tid, &flags);
  /* A main thread whose name could not be read this time keeps the one
   * it has; "MainThread" is only where nothing was read yet. */
  if (!name && stack->h.tid == stack->h.tgid && !known->recorded)
    name = g_strdup ("MainThread");
  if (!name || g_strcmp0 (name, known->recorded) == 0)
    return TRUE;
  g_free (known->recorded);
  known->recorded = g_strdup (name);
  memset (&record, 0, sizeof record);
  record.h = stack->h;
  record.h.kind = WEFT_EV_PY_THREAD;
  record.h.size = sizeof record;
  record.flags = flags;
  g_strlcpy (record.name, name, sizeof record.name);
  return emit (&record.h, data, error);
}

gboolean
weft_py_enricher_stack (WeftPyEnricher *self, const struct weft_py_stack *stack, WeftRecordEmitFunc emit,
                        gpointer data, GError **error)
{
  PyProcess *process = g_hash_table_lookup (self->processes, GUINT_TO_POINTER (stack->h.tgid));
  struct weft_py_stack record;
  guint n = MIN (stack->n_frames, WEFT_PY_MAX_FRAMES);
  gboolean line_noted = FALSE;

  if (!process)
    return TRUE; /* gone, or no longer trusted: the stack cannot be read */
  g_hash_table_remove (process->last_line, GUINT_TO_POINTER (stack->h.tid));
  if (n > 0)
    {
      guint64 site = stack->frames[0].code ^ ((guint64) (guint32) stack->frames[0].instr << 1) ^ 1;

      g_hash_table_replace (process->last_site, GUINT_TO_POINTER (stack->h.tid), g_memdup2 (&site, sizeof site));
      g_hash_table_replace (process->last_code, GUINT_TO_POINTER (stack->h.tid),
                            g_memdup2 (&stack->frames[0].code, sizeof (guint64)));
    }
  else
    {
      g_hash_table_remove (process->last_site, GUINT_TO_POINTER (stack->h.tid));
      g_hash_table_remove (process->last_code, GUINT_TO_POINTER (stack->h.tid));
    }
  memset (&record, 0, sizeof record);
  record.h = stack->h;
  record.outer_code = stack->outer_code;
  record.outer_self = stack->outer_self;
  record.flags = (stack->flags & (WEFT_PY_STACK_TRUNCATED | WEFT_PY_STACK_PARTIAL)) | WEFT_PY_STACK_RESOLVED;
  for (guint i = 0; i < n; i++)
    {
      const struct weft_py_frame *frame = &stack->frames[i];
      CodeEntry *entry = lookup_code (process, stack->h.tgid, frame->code);
      struct weft_py_frame *out;

      if (!entry)
        {
          /* Gone since (the program moved on) or not a code object: the
           * rest of the stack cannot be trusted. */
          record.flags |= WEFT_PY_STACK_PARTIAL;
          break;
        }
      if (!entry->emitted && !emit_code (stack, frame->code, entry, emit, data, error))
        return FALSE;
      entry->emitted = TRUE;
      out = &record.frames[record.n_frames++];
      out->code = frame->code;
      out->instr = frame->instr;
      out->line = entry->code.linetable ?
                  weft_py_line_for_instr (g_bytes_get_data (entry->code.linetable, NULL),
                                          g_bytes_get_size (entry->code.linetable), entry->code.first_line,
                                          frame->instr) : 0;
      /* The lock's fallback name: the program's innermost frame, else
       * the innermost of all (a wait inside the library alone). */
      if (!line_noted && (!entry->library || i == 0))
        {
          g_autofree char *file = weft_py_file_text (entry->code.filename);

          g_hash_table_replace (process->last_line, GUINT_TO_POINTER (stack->h.tid),
                                g_strdup_printf ("%s:%d", file, out->line));
          line_noted = !entry->library;
        }
    }
  if (record.n_frames == 0)
    return TRUE; /* nothing could be read (or no Python frame yet): no stack rather than an empty one */
  if (!name_thread (process, stack, emit, data, error))
    return FALSE;
  record.h.kind = WEFT_EV_PY_STACK;
  record.h.size = G_STRUCT_OFFSET (struct weft_py_stack, frames) + record.n_frames * sizeof (struct weft_py_frame);
  return emit (&record.h, data, error);
}

gboolean
weft_py_enricher_is_gil (WeftPyEnricher *self, guint32 pid, guint64 addr)
{
  PyProcess *process = g_hash_table_lookup (self->processes, GUINT_TO_POINTER (pid));

  return process && addr >= process->runtime + WEFT_PY_RUNTIME_GIL &&
         addr < process->runtime + WEFT_PY_RUNTIME_GIL + WEFT_PY_RUNTIME_GIL_SIZE;
}

WeftPyLockState
weft_py_enricher_lock_state (WeftPyEnricher *self, guint32 pid, guint64 lock_object, guint64 addr)
{
  PyProcess *process = g_hash_table_lookup (self->processes, GUINT_TO_POINTER (pid));
  WeftPyMemory *memory = process ? process_memory (process, pid) : NULL;
  guint64 header[2];

  /* A process gone or unreadable says nothing about its locks. */
  if (!memory || !weft_py_read (memory, lock_object, header, sizeof header))
    return WEFT_PY_LOCK_UNKNOWN;
  return weft_py_is_lock_at (memory, lock_object, addr) ? WEFT_PY_LOCK_ALIVE : WEFT_PY_LOCK_GONE;
}

/* The frame thread tid of pid runs now, when it is still the one its last
 * stack began in (the recorder reads late); else 0. */
static guint64
frame_of_wait (PyProcess *process, WeftPyMemory *memory, guint32 tid)
{
  const guint64 *waited_in = g_hash_table_lookup (process->last_code, GUINT_TO_POINTER (tid));
  guint64 frame = memory ? weft_py_current_frame (memory, weft_py_find_tstate (memory, process->runtime, tid)) : 0;

  if (!waited_in || !frame || weft_py_frame_code (memory, frame) != *waited_in)
    return 0;
  return frame;
}

guint64
weft_py_enricher_wait_condition (WeftPyEnricher *self, guint32 pid, guint32 tid, guint64 addr)
{
  PyProcess *process = g_hash_table_lookup (self->processes, GUINT_TO_POINTER (pid));
  WeftPyMemory *memory = process ? process_memory (process, pid) : NULL;
  guint64 frame = memory ? frame_of_wait (process, memory, tid) : 0;
  CodeEntry *entry = frame ? lookup_code (process, pid, weft_py_frame_code (memory, frame)) : NULL;
  guint64 waiter = 0;

  if (!entry || !entry->library)
    return 0;
  return weft_py_condition_waited_on (memory, frame, &entry->code, &entry->wait_locals, addr, &waiter);
}

char *
weft_py_enricher_name_lock (WeftPyEnricher *self, guint32 pid, guint32 tid, guint64 addr, gboolean *certain,
                            WeftPyLockIdentity *identity)
{
  PyProcess *process = g_hash_table_lookup (self->processes, GUINT_TO_POINTER (pid));
  WeftPyMemory *memory;
  guint64 frame, waiter = 0, searched_globals = 0;
  guint budget = MAX_LOCK_LOOKS;
  const char *line;
  g_autofree char *library_name = NULL;

  *certain = TRUE;
  identity->object = identity->condition = 0;
  if (!process)
    return NULL;
  if (weft_py_enricher_is_gil (self, pid, addr))
    return g_strdup (WEFT_LOCK_NAME_GIL);
  memory = process_memory (process, pid);
  /* Only a thread still where it began to wait shows the variables of
   * that moment. */
  frame = frame_of_wait (process, memory, tid);
  *certain = frame != 0;
  for (guint depth = 0; frame && depth < MAX_LOCK_FRAMES; depth++, frame = weft_py_frame_previous (memory, frame))
    {
      CodeEntry *entry = lookup_code (process, pid, weft_py_frame_code (memory, frame));
      guint64 named_object = 0;
      char *found;

      if (entry && entry->library && !identity->condition)
        {
          identity->condition = weft_py_condition_waited_on (memory, frame, &entry->code, &entry->wait_locals,
                                                             addr, &waiter);
          identity->object = identity->condition ? waiter : 0;
        }
      else if (entry && entry->library && !library_name)
        library_name = weft_py_library_variable (memory, frame, &entry->code, identity->condition);
      if (!entry || entry->library)
        continue; /* the program's own frames name its locks */
      found = weft_py_search_frame (memory, frame, &entry->code, addr, identity->condition, &budget,
                                    &searched_globals, &named_object);
      if (found)
        {
          if (!identity->condition)
            identity->object = named_object;
          return found;
        }
    }
  if (library_name)
    return g_steal_pointer (&library_name);
  line = g_hash_table_lookup (process->last_line, GUINT_TO_POINTER (tid));
  return line ? g_strdup (line) : NULL;
}

void
weft_py_enricher_wait_site (WeftPyEnricher *self, guint32 pid, guint32 tid, guint64 *site)
{
  PyProcess *process = g_hash_table_lookup (self->processes, GUINT_TO_POINTER (pid));
  const guint64 *found = process ? g_hash_table_lookup (process->last_site, GUINT_TO_POINTER (tid)) : NULL;

  *site = found ? *found : 0;
}

gboolean
weft_py_enricher_is_python (WeftPyEnricher *self, guint32 pid)
{
  return g_hash_table_contains (self->processes, GUINT_TO_POINTER (pid));
}

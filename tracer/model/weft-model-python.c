/*
 * weft-model-python.c: Python stacks, code objects and names.
 *
 * A PY_STACK describes the wait BEGIN of the same thread that follows it:
 * it waits in the thread until that wait begins (weft_thread_begin_wait
 * takes it).  Code objects are keyed by (pid, address); a later PY_CODE
 * for the same key replaces the name from then on (the address was
 * reused).  Frames of every stack live in one array; strings once each.
 */
#include "weft-model-private.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "weft-event-text.h"

typedef struct {
  const char *function;
  const char *filename;
} PyCode;

typedef struct {
  guint32 first;  /* index in py_frames */
  guint16 n;
  guint16 flags;  /* WEFT_PY_STACK_* */
} PyStack;

void
weft_model_python_init (WeftModel *self)
{
  self->py_codes = g_hash_table_new_full (weft_lock_key_hash, weft_lock_key_equal, g_free, g_free);
  self->py_strings = g_string_chunk_new (4096);
  self->py_frames = g_array_new (FALSE, FALSE, sizeof (WeftPyFrame));
  self->py_stacks = g_array_new (FALSE, FALSE, sizeof (PyStack));
  self->py_notes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

void
weft_model_python_clear (WeftModel *self)
{
  g_hash_table_unref (self->py_codes);
  g_string_chunk_free (self->py_strings);
  g_array_unref (self->py_frames);
  g_array_unref (self->py_stacks);
  g_hash_table_unref (self->py_notes);
  g_free (self->py_first_note);
}

static WeftLockKey
code_key (guint32 pid, guint64 code)
{
  WeftLockKey key = { code, pid, 0 };

  return key;
}

static void
add_code (WeftModel *self, const struct weft_py_code *e)
{
  gsize room = e->h.size - G_STRUCT_OFFSET (struct weft_py_code, text);
  gsize qualname_len = MIN (e->qualname_len, room);
  gsize filename_len = (gsize) e->qualname_len + 1 < room ? MIN (e->filename_len, room - e->qualname_len - 1) : 0;
  PyCode *code = g_new (PyCode, 1);
  WeftLockKey key = code_key (e->h.tgid, e->code);

  g_autofree char *function = g_strndup (e->text, qualname_len);
  g_autofree char *filename = g_strndup (e->text + MIN ((gsize) e->qualname_len + 1, room), filename_len);

  /* Names come from the file: only valid UTF-8 is shown. */
  code->function = g_string_chunk_insert_const (self->py_strings, g_utf8_validate (function, -1, NULL) ? function : "?");
  code->filename = g_string_chunk_insert_const (self->py_strings, g_utf8_validate (filename, -1, NULL) ? filename : "?");
  g_hash_table_replace (self->py_codes, g_memdup2 (&key, sizeof key), code);
}

static void
add_stack (WeftModel *self, const struct weft_py_stack *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  guint n = MIN (e->n_frames, (e->h.size - G_STRUCT_OFFSET (struct weft_py_stack, frames)) /
                                sizeof (struct weft_py_frame));
  PyStack stack = { self->py_frames->len, 0, e->flags };

  n = MIN (n, WEFT_PY_MAX_FRAMES);
  if (n < e->n_frames)
    stack.flags |= WEFT_PY_STACK_PARTIAL; /* a damaged record: what it holds */
  for (guint i = 0; i < n; i++)
    {
      WeftLockKey key = code_key (e->h.tgid, e->frames[i].code);
      const PyCode *code = g_hash_table_lookup (self->py_codes, &key);
      WeftPyFrame frame;

      if (!code)
        {
          stack.flags |= WEFT_PY_STACK_PARTIAL; /* its name was not recorded */
          break;
        }
      frame.function = code->function;
      frame.filename = code->filename;
      frame.line = MAX (e->frames[i].line, 0);
      g_array_append_val (self->py_frames, frame);
      stack.n++;
    }
  if (stack.n == 0)
    {
      thread->pending_stack = 0;
      return;
    }
  g_array_append_val (self->py_stacks, stack);
  thread->pending_stack = self->py_stacks->len;
}

static void
name_thread (WeftModel *self, const struct weft_py_thread *e, guint64 t)
{
  WeftThreadPriv *thread = weft_model_ensure_thread (self, e->h.tgid, e->h.tid, t);
  char name[sizeof e->name + 1];

  memcpy (name, e->name, sizeof e->name);
  name[sizeof e->name] = '\0';
  if (!g_utf8_validate (name, -1, NULL) || !*name)
    return;
  g_free (thread->pub.python_name);
  thread->pub.python_name = g_strdup (name);
}

static void
note_status (WeftModel *self, const struct weft_py_status *e)
{
  char reason[sizeof e->reason + 1];

  if (e->status == WEFT_PY_STATUS_OK)
    {
      g_hash_table_remove (self->py_notes, GUINT_TO_POINTER (e->h.tgid));
      return;
    }
  memcpy (reason, e->reason, sizeof e->reason);
  reason[sizeof e->reason] = '\0';
  if (!g_utf8_validate (reason, -1, NULL) || !*reason)
    g_strlcpy (reason, "Python stacks are not recorded for this interpreter.", sizeof reason);
  g_hash_table_replace (self->py_notes, GUINT_TO_POINTER (e->h.tgid), g_strdup (reason));
  if (!self->py_first_note)
    self->py_first_note = g_strdup (reason);
}

void
weft_model_python_event (WeftModel *self, const struct weft_event_header *event, guint64 t)
{
  switch (event->kind)
    {
    case WEFT_EV_PY_CODE:
      add_code (self, (const void *) event);
      break;
    case WEFT_EV_PY_STACK:
      add_stack (self, (const void *) event, t);
      break;
    case WEFT_EV_PY_THREAD:
      name_thread (self, (const void *) event, t);
      break;
    case WEFT_EV_PY_STATUS:
      note_status (self, (const void *) event);
      break;
    default:
      break;
    }
}

const WeftPyFrame *
weft_model_python_stack (WeftModel *self, guint32 stack, guint *n_frames, gboolean *partial)
{
  const PyStack *s;

  *n_frames = 0;
  *partial = FALSE;
  if (stack == 0 || stack > self->py_stacks->len)
    return NULL;
  s = &g_array_index (self->py_stacks, PyStack, stack - 1);
  *n_frames = s->n;
  *partial = (s->flags & (WEFT_PY_STACK_PARTIAL | WEFT_PY_STACK_TRUNCATED)) != 0;
  return &g_array_index (self->py_frames, WeftPyFrame, s->first);
}

/* Thread.join() waits in _wait_for_tstate_lock() of threading.py, on the
 * lock the joined thread holds until it ends.  At the program's end,
 * _shutdown() waits on the same locks, for every thread not a daemon. */
gboolean
weft_model_python_stack_awaits_thread_end (WeftModel *self, guint32 stack)
{
  const WeftPyFrame *innermost;
  guint n;
  gboolean partial;

  innermost = weft_model_python_stack (self, stack, &n, &partial);
  return n > 0 &&
         (g_str_equal (innermost->function, "Thread._wait_for_tstate_lock") ||
          g_str_equal (innermost->function, "_shutdown")) &&
         (g_str_equal (innermost->filename, "threading.py") || g_str_has_suffix (innermost->filename, "/threading.py"));
}

static gboolean
frame_in_library (const WeftPyFrame *frame, const char *file)
{
  g_autofree char *suffix = g_strconcat ("/", file, NULL);

  return g_str_equal (frame->filename, file) || g_str_has_suffix (frame->filename, suffix);
}

/* What a Python wait on a lock is, in the words of the course: "Event",
 * "Condition", "Queue", "Semaphore", "Barrier", "Timer" or "Future", from the
 * library frames it waits in (frames: innermost first); NULL for a plain
 * lock.  Each of them blocks in Condition.wait(), on a lock made for that
 * one wait: a "lock" only to the kernel. */
const char *
weft_py_wait_kind (const WeftPyFrame *frames, guint n_frames)
{
  static const struct {
    const char *function, *file, *kind;
  } callers[] = {
    { "Timer.run", "threading.py", "Timer" },
    { "Barrier.wait", "threading.py", "Barrier" },
    { "Semaphore.acquire", "threading.py", "Semaphore" },
    { "Event.wait", "threading.py", "Event" },
    { "Queue.get", "queue.py", "Queue" },
    { "Queue.put", "queue.py", "Queue" },
    { "Future.result", "concurrent/futures/_base.py", "Future" },
  };
  const char *kind;

  if (n_frames == 0 || !frames[0].function || !g_str_has_prefix (frames[0].function, "Condition.wait") ||
      !frame_in_library (&frames[0], "threading.py"))
    return NULL;
  /* The outermost library caller names it (a Timer waits in Event.wait),
   * up to the program's first frame: a Timer's own function that waits
   * on an Event waits on that Event. */
  kind = "Condition";
  for (guint i = 1; i < n_frames && weft_py_file_is_library (frames[i].filename); i++)
    for (guint k = 0; k < G_N_ELEMENTS (callers); k++)
      if (frames[i].function && g_str_equal (frames[i].function, callers[k].function) &&
          frame_in_library (&frames[i], callers[k].file))
        kind = callers[k].kind;
  return kind;
}

/* A name the recorder took from a line of the library ("threading.py:324",
 * where a Timer waits; "concurrent/futures/_base.py:445") says nothing its
 * kind does not.  A program's file is written by its name alone. */
static gboolean
is_library_line (const char *name)
{
  const char *colon = strrchr (name, ':');

  if (!colon || colon[1] == '\0' || strspn (colon + 1, "0123456789") != strlen (colon + 1))
    return FALSE;
  return memchr (name, '/', colon - name) || g_str_has_prefix (name, "threading.py:") ||
         g_str_has_prefix (name, "queue.py:");
}

/* What a lock wait waits on, for people: "Event green_light", "Queue
 * jobs.not_empty", "Timer", or the lock's label ("mutexA").  *kind (when
 * not NULL) is set to the Python kind, or NULL for a plain lock. */
char *
weft_model_lock_wait_object (const WeftWaitInfo *wait, const char **kind)
{
  const char *python_kind = weft_py_wait_kind (wait->frames, wait->n_frames);
  g_autofree char *label = wait->lock ? weft_lock_label (wait->lock) : NULL;

  if (kind)
    *kind = python_kind;
  if (!python_kind)
    return g_steal_pointer (&label);
  if (!label || is_library_line (label))
    return g_strdup (python_kind);
  return g_strdup_printf ("%s %s", python_kind, label);
}

const char *
weft_model_get_python_note (WeftModel *self, guint32 pid)
{
  g_return_val_if_fail (WEFT_IS_MODEL (self), NULL);
  return g_hash_table_lookup (self->py_notes, GUINT_TO_POINTER (pid));
}

const char *
weft_model_get_first_python_note (WeftModel *self)
{
  g_return_val_if_fail (WEFT_IS_MODEL (self), NULL);
  return self->py_first_note;
}

const char *
weft_thread_get_label (const WeftThread *thread)
{
  if (thread->python_name)
    return thread->python_name;
  if (thread->name)
    return thread->name;
  return thread->process ? weft_process_get_label (thread->process) : "?";
}

const char *
weft_process_get_label (const WeftProcess *process)
{
  const WeftThread *main_thread = process->threads->len ? g_ptr_array_index (process->threads, 0) : NULL;

  if (main_thread && main_thread->python_name && strcmp (main_thread->python_name, "MainThread") != 0)
    return main_thread->python_name;
  return process->comm ? process->comm : "?";
}

char *
weft_thread_dup_title (const WeftThread *thread)
{
  return g_strdup_printf ("%s %u", weft_thread_get_label (thread), thread->tid);
}

char *
weft_process_dup_title (const WeftProcess *process)
{
  return g_strdup_printf ("%s %u", weft_process_get_label (process), process->pid);
}

#define MAX_SOURCE_BYTES (4 * 1024 * 1024)

char *
weft_py_frame_source_line (const WeftPyFrame *frame)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  const char *at, *end;
  gint32 line = 1;
  GStatBuf st;

  if (frame->line <= 0 || frame->filename[0] != '/' || g_stat (frame->filename, &st) != 0 ||
      !S_ISREG (st.st_mode) || st.st_size > MAX_SOURCE_BYTES || !g_file_get_contents (frame->filename, &text, &len, NULL))
    return NULL;
  at = text;
  end = text + len;
  while (line < frame->line && at < end)
    {
      const char *nl = memchr (at, '\n', end - at);

      if (!nl)
        return NULL;
      at = nl + 1;
      line++;
    }
  if (at >= end)
    return NULL;
  {
    const char *nl = memchr (at, '\n', end - at);
    g_autofree char *copy = g_strndup (at, nl ? (gsize) (nl - at) : (gsize) (end - at));

    g_strstrip (copy);
    if (!g_utf8_validate (copy, -1, NULL) || !*copy)
      return NULL;
    return g_steal_pointer (&copy);
  }
}

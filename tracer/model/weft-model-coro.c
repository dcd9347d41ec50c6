/*
 * weft-model-coro.c: coroutine runs per thread, from WEFT_EV_CORO_SWITCH.
 *
 * Each thread keeps a short stack of what runs in it: a greenlet replaces
 * the greenlet before it (one at a time per thread), an asyncio Task step
 * or a generator runs on top of whatever called it and gives the thread
 * back when it is suspended.  The top of the stack is the coroutine that
 * runs; a run ends when another one starts or it is suspended.
 */
#include "weft-model-private.h"
#include "weft-model-coro-private.h"
#include "weft-coro-text.h"
#include "weft-event-text.h"

#define CORO_STACK 8 /* nesting kept per thread; deeper is dropped */

typedef struct {
  GArray *runs;       /* WeftCoroRun */
  GPtrArray *lanes;   /* WeftCoroutine *, lane order */
  guint32 stack[CORO_STACK];
  guint depth;
} CoroThread;

struct _WeftCoroStore {
  GPtrArray *coroutines;    /* WeftCoroutine *, owner */
  GHashTable *latest;       /* (tid, address) -> WeftCoroutine * */
  GHashTable *threads;      /* tid -> CoroThread * */
  GStringChunk *frames;     /* frame texts, interned */
  GArray *switch_times;     /* guint64, every resume and suspend, in order */
  guint n_resumes;
};

typedef struct {
  guint32 tid;
  guint64 address;
} CoroKey;

static guint
coro_key_hash (gconstpointer key)
{
  const CoroKey *k = key;

  return g_int64_hash (&k->address) ^ k->tid;
}

static gboolean
coro_key_equal (gconstpointer a, gconstpointer b)
{
  const CoroKey *x = a, *y = b;

  return x->tid == y->tid && x->address == y->address;
}

static void
coroutine_free (gpointer data)
{
  WeftCoroutine *c = data;

  g_free (c->label);
  g_free (c);
}

static void
coro_thread_free (gpointer data)
{
  CoroThread *t = data;

  g_array_unref (t->runs);
  g_ptr_array_unref (t->lanes);
  g_free (t);
}

WeftCoroStore *
weft_coro_store_new (void)
{
  WeftCoroStore *self = g_new0 (WeftCoroStore, 1);

  self->coroutines = g_ptr_array_new_with_free_func (coroutine_free);
  self->latest = g_hash_table_new_full (coro_key_hash, coro_key_equal, g_free, NULL);
  self->threads = g_hash_table_new_full (NULL, NULL, NULL, coro_thread_free);
  self->frames = g_string_chunk_new (4096);
  self->switch_times = g_array_new (FALSE, FALSE, sizeof (guint64));
  return self;
}

void
weft_coro_store_free (WeftCoroStore *self)
{
  if (!self)
    return;
  g_ptr_array_unref (self->coroutines);
  g_hash_table_unref (self->latest);
  g_hash_table_unref (self->threads);
  g_string_chunk_free (self->frames);
  g_array_unref (self->switch_times);
  g_free (self);
}

static CoroThread *
ensure_thread (WeftCoroStore *self, guint32 tid)
{
  CoroThread *t = g_hash_table_lookup (self->threads, GUINT_TO_POINTER (tid));

  if (!t)
    {
      t = g_new0 (CoroThread, 1);
      t->runs = g_array_new (FALSE, FALSE, sizeof (WeftCoroRun));
      t->lanes = g_ptr_array_new ();
      g_hash_table_insert (self->threads, GUINT_TO_POINTER (tid), t);
    }
  return t;
}

/* "greenlet client()", then "greenlet client() #2" for the next one of
 * that name in the thread, so that lanes tell them apart. */
static char *
numbered_label (CoroThread *thread, const char *label)
{
  guint same = 0;
  gsize length = strlen (label);

  for (guint i = 0; i < thread->lanes->len; i++)
    {
      const WeftCoroutine *other = g_ptr_array_index (thread->lanes, i);

      if (strncmp (other->label, label, length) == 0 &&
          (other->label[length] == 0 || other->label[length] == ' '))
        same++;
    }
  /* An unnamed one is numbered once its name is known. */
  if (!strchr (label, ' ') && thread->lanes->len)
    return g_strdup (label);
  return same ? g_strdup_printf ("%s #%u", label, same + 1) : g_strdup (label);
}

/* The coroutine a record is about: a new one when the address is new, or
 * when it is reused (a fresh start, or another Task name). */
static WeftCoroutine *
find_coroutine (WeftCoroStore *self, CoroThread *thread, guint32 tid, const struct weft_coro_switch *r,
                const char *name, const char *coro_name)
{
  CoroKey key = { tid, r->coro };
  WeftCoroutine *c = g_hash_table_lookup (self->latest, &key);
  g_autofree char *label = weft_coro_label (r->flavour, name, coro_name);
  gboolean named = *name != 0;

  if (c && (c->flavour != r->flavour ||
            (r->op == WEFT_CORO_RESUME && (r->flags & WEFT_CORO_NEW) && c->n_runs > 0) ||
            (named && c->label && strcmp (c->label, label) != 0 &&
             strcmp (c->label, weft_coro_flavour_name (c->flavour)) != 0 && r->flavour == WEFT_CORO_TASK)))
    c = NULL;
  if (!c)
    {
      CoroKey *stored = g_new (CoroKey, 1);

      c = g_new0 (WeftCoroutine, 1);
      c->index = self->coroutines->len;
      c->tid = tid;
      c->flavour = r->flavour;
      c->address = r->coro;
      c->lane = thread->lanes->len;
      c->label = numbered_label (thread, label);
      g_ptr_array_add (self->coroutines, c);
      g_ptr_array_add (thread->lanes, c);
      *stored = key;
      g_hash_table_replace (self->latest, stored, c);
      return c;
    }
  /* A greenlet's name is known only once it has a frame. */
  if (named && strcmp (c->label, weft_coro_flavour_name (c->flavour)) == 0)
    {
      /* Counted before the old label goes: numbered_label reads every lane's. */
      char *renamed = numbered_label (thread, label);

      g_free (c->label);
      c->label = renamed;
    }
  return c;
}

static WeftCoroRun *
open_run (CoroThread *thread)
{
  WeftCoroRun *last;

  if (!thread->runs->len)
    return NULL;
  last = &g_array_index (thread->runs, WeftCoroRun, thread->runs->len - 1);
  return last->end_ns == WEFT_TIME_NONE ? last : NULL;
}

static void
end_run (WeftCoroStore *self, CoroThread *thread, guint64 t, const char *suspended_at)
{
  WeftCoroRun *run = open_run (thread);
  WeftCoroutine *c;

  if (!run)
    return;
  run->end_ns = MAX (t, run->start_ns);
  run->suspended_at = suspended_at;
  c = g_ptr_array_index (self->coroutines, run->coroutine);
  c->run_ns += run->end_ns - run->start_ns;
}

static void
start_run (WeftCoroStore *self, CoroThread *thread, WeftCoroutine *c, guint64 t, const char *resumed_at)
{
  WeftCoroRun run = { t, WEFT_TIME_NONE, c->index, 0, resumed_at, NULL };

  g_array_append_val (thread->runs, run);
  c->n_runs++;
}

static void
remove_from_stack (CoroThread *thread, guint32 index)
{
  guint kept = 0;

  for (guint i = 0; i < thread->depth; i++)
    if (thread->stack[i] != index)
      thread->stack[kept++] = thread->stack[i];
  thread->depth = kept;
}

void
weft_model_coro_event (WeftModel *model, WeftCoroStore *self, const struct weft_event_header *event, guint64 t)
{
  const struct weft_coro_switch *r = (const void *) event;
  g_autofree char *name = weft_coro_field (r->name, sizeof r->name);
  g_autofree char *coro_name = weft_coro_field (r->coro_name, sizeof r->coro_name);
  g_autofree char *func = weft_coro_field (r->func, sizeof r->func);
  g_autofree char *file = weft_coro_field (r->file, sizeof r->file);
  g_autofree char *where = weft_py_frame_text (func, file, r->line);
  const char *frame = where ? g_string_chunk_insert_const (self->frames, where) : NULL;
  CoroThread *thread;
  WeftCoroutine *c;

  if (event->size < sizeof *r || r->flavour < WEFT_CORO_GREENLET || r->flavour > WEFT_CORO_GENERATOR ||
      (r->op != WEFT_CORO_RESUME && r->op != WEFT_CORO_SUSPEND))
    return;
  (void) model;
  thread = ensure_thread (self, event->tid);
  c = find_coroutine (self, thread, event->tid, r, name, coro_name);
  g_array_append_val (self->switch_times, t);
  if (r->op == WEFT_CORO_RESUME)
    {
      self->n_resumes++;
      end_run (self, thread, t, NULL);
      if (c->flavour == WEFT_CORO_GREENLET)
        for (guint i = thread->depth; i > 0; i--)
          {
            WeftCoroutine *below = g_ptr_array_index (self->coroutines, thread->stack[i - 1]);

            if (below->flavour == WEFT_CORO_GREENLET)
              remove_from_stack (thread, below->index);
          }
      remove_from_stack (thread, c->index);
      if (thread->depth == CORO_STACK)
        remove_from_stack (thread, thread->stack[0]);
      thread->stack[thread->depth++] = c->index;
      start_run (self, thread, c, t, frame);
      return;
    }
  /* SUSPEND: the run of c ends here (it is the top, or it already ended
   * when another one started), and what it ran on top of goes on. */
  if (r->flags & WEFT_CORO_FINISHED)
    c->finished = TRUE;
  if (thread->depth && thread->stack[thread->depth - 1] == c->index)
    {
      end_run (self, thread, t, frame);
      g_array_index (thread->runs, WeftCoroRun, thread->runs->len - 1).finished = c->finished;
      thread->depth--;
      if (thread->depth)
        start_run (self, thread, g_ptr_array_index (self->coroutines, thread->stack[thread->depth - 1]), t, NULL);
    }
  else
    {
      /* Ended already: still say where it stopped. */
      for (guint i = thread->runs->len; i > 0; i--)
        {
          WeftCoroRun *run = &g_array_index (thread->runs, WeftCoroRun, i - 1);

          if (run->coroutine == c->index)
            {
              if (!run->suspended_at)
                run->suspended_at = frame;
              run->finished = c->finished;
              break;
            }
        }
      remove_from_stack (thread, c->index);
    }
}

guint
weft_coro_store_n_coroutines (WeftCoroStore *self)
{
  return self->coroutines->len;
}

const WeftCoroutine *
weft_coro_store_coroutine (WeftCoroStore *self, guint index)
{
  return index < self->coroutines->len ? g_ptr_array_index (self->coroutines, index) : NULL;
}

GPtrArray *
weft_coro_store_thread_coroutines (WeftCoroStore *self, guint32 tid)
{
  CoroThread *t = g_hash_table_lookup (self->threads, GUINT_TO_POINTER (tid));

  return t ? t->lanes : NULL;
}

const WeftCoroRun *
weft_coro_store_thread_runs (WeftCoroStore *self, guint32 tid, guint *n_runs)
{
  CoroThread *t = g_hash_table_lookup (self->threads, GUINT_TO_POINTER (tid));

  *n_runs = t ? t->runs->len : 0;
  return t && t->runs->len ? (const WeftCoroRun *) t->runs->data : NULL;
}

const WeftCoroRun *
weft_coro_store_run_at (WeftCoroStore *self, guint32 tid, guint64 t)
{
  guint n = 0;
  const WeftCoroRun *runs = weft_coro_store_thread_runs (self, tid, &n);
  guint lo = 0, hi = n;

  /* The last run that starts at or before t. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (runs[mid].start_ns <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return NULL;
  if (runs[lo - 1].end_ns != WEFT_TIME_NONE && runs[lo - 1].end_ns <= t)
    return NULL;
  return &runs[lo - 1];
}

guint64
weft_coro_store_next_switch (WeftCoroStore *self, guint64 t)
{
  guint lo = 0, hi = self->switch_times->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->switch_times, guint64, mid) <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->switch_times->len ? g_array_index (self->switch_times, guint64, lo) : WEFT_TIME_NONE;
}

guint
weft_coro_store_n_switches (WeftCoroStore *self)
{
  return self->n_resumes;
}

/* The public queries (weft-model-coro.h). */

guint
weft_model_get_n_coroutines (WeftModel *self)
{
  return weft_coro_store_n_coroutines (self->coro);
}

const WeftCoroutine *
weft_model_get_coroutine (WeftModel *self, guint index)
{
  return weft_coro_store_coroutine (self->coro, index);
}

GPtrArray *
weft_model_thread_get_coroutines (WeftModel *self, guint32 tid)
{
  return weft_coro_store_thread_coroutines (self->coro, tid);
}

const WeftCoroRun *
weft_model_thread_get_coro_runs (WeftModel *self, guint32 tid, guint *n_runs)
{
  return weft_coro_store_thread_runs (self->coro, tid, n_runs);
}

const WeftCoroRun *
weft_model_coro_run_at (WeftModel *self, guint32 tid, guint64 t)
{
  return weft_coro_store_run_at (self->coro, tid, t);
}

guint64
weft_model_next_coro_switch (WeftModel *self, guint64 t)
{
  return weft_coro_store_next_switch (self->coro, t);
}

guint
weft_model_get_n_coro_switches (WeftModel *self)
{
  return weft_coro_store_n_switches (self->coro);
}

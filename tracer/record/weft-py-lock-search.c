/*
 * weft-py-lock-search.c: which variable of a Python program holds the lock
 * a thread waits on, read from the process's memory.
 */
#include "weft-py-lock-search.h"

#include <string.h>

#include "weft-py-offsets.h"

#define MAX_LOCALS 64

typedef struct {
  WeftPyMemory *memory;
  guint64 addr;
  guint64 condition; /* when not 0: the Condition waited on, searched instead of the lock */
  const char *owner; /* "self" for "self.lock", NULL at the top level */
  gboolean instances_only; /* look into the attributes of class instances only (among globals) */
  guint *budget;     /* variables and attributes still to look at, shared by the whole search */
  char *found;
  guint64 found_object; /* the object named */
} LockSearch;

/* Spends one look from the search's budget: FALSE once it is spent.  The
 * program decides how many variables and attributes there are; the
 * recorder names a lock between two events and must not be held up. */
static gboolean
spend (LockSearch *search)
{
  if (*search->budget == 0)
    return FALSE;
  (*search->budget)--;
  return TRUE;
}

gboolean
weft_py_is_lock_at (WeftPyMemory *memory, guint64 object, guint64 addr)
{
  guint64 references;
  g_autofree char *type = NULL;

  /* A multiprocessing SemLock keeps its sem_t (in memory shared between
   * the processes) where a thread lock keeps its own: right after the
   * object header. */
  if (weft_py_read_ptr (memory, object + WEFT_PY_LOCK_SEM) != addr)
    return FALSE;
  /* A freed object keeps its fields, but its first word becomes the
   * allocator's next-free pointer (or 0): no live object has 0 or 2^32
   * references. */
  references = weft_py_read_ptr (memory, object + WEFT_PY_OBJECT_REFCNT);
  if (references == 0 || references >= G_GUINT64_CONSTANT (1) << 32)
    return FALSE;
  type = weft_py_type_name (memory, object);
  return g_strcmp0 (type, "_thread.lock") == 0 || g_strcmp0 (type, "_thread.RLock") == 0 ||
         g_strcmp0 (type, "_multiprocessing.SemLock") == 0;
}

static gboolean
is_searched_for (LockSearch *search, guint64 value)
{
  return search->condition ? value == search->condition : weft_py_is_lock_at (search->memory, value, search->addr);
}

static gboolean
match_lock (const char *key, guint64 value, gpointer data)
{
  LockSearch *search = data;

  if (!spend (search))
    return TRUE; /* stop looking */
  if (!is_searched_for (search, value))
    return FALSE;
  search->found = search->owner ? g_strdup_printf ("%s.%s", search->owner, key) : g_strdup (key);
  search->found_object = value;
  return TRUE;
}

/* Where the synchronisation objects keep what they wrap: a Condition its
 * lock, an Event or threading.Semaphore its Condition, a concurrent.futures
 * Future its Condition, a multiprocessing Lock or Semaphore its SemLock. */
static const char *const wrapped_in[] = { "_lock", "_block", "_cond", "_condition", "_semlock" };

/* threading's and multiprocessing's classes that wrap a lock or Condition:
 * a student names one of these by its own variable, not by what is inside. */
static const char *const wrapper_types[] = { "Condition", "Event", "Semaphore", "BoundedSemaphore",
                                             "Barrier", "Lock", "RLock", "Future" };

static gboolean
is_wrapped_in (const char *attribute)
{
  for (guint i = 0; i < G_N_ELEMENTS (wrapped_in); i++)
    if (g_str_equal (attribute, wrapped_in[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_wrapper_type (WeftPyMemory *memory, guint64 object)
{
  g_autofree char *type = weft_py_type_name (memory, object);

  for (guint i = 0; type && i < G_N_ELEMENTS (wrapper_types); i++)
    if (g_str_equal (type, wrapper_types[i]))
      return TRUE;
  return FALSE;
}

static gboolean
match_wrapped (const char *key, guint64 value, gpointer data)
{
  LockSearch *search = data;

  if (!spend (search))
    return TRUE;
  if (!is_wrapped_in (key) || !is_searched_for (search, value))
    return FALSE;
  search->found_object = value;
  return TRUE;
}

/* An attribute holding such a wrapper: a multiprocessing Queue's _sem (a
 * Semaphore around its SemLock), a Thread's _started (an Event around its
 * Condition).  Named "owner.attribute". */
static gboolean
match_wrapper (const char *key, guint64 value, gpointer data)
{
  LockSearch *search = data;
  LockSearch wrapper = *search;

  if (!spend (search))
    return TRUE;
  if (!weft_py_is_class_instance (search->memory, value))
    return FALSE;
  wrapper.found_object = 0;
  weft_py_attrs_foreach (search->memory, value, match_wrapped, &wrapper);
  if (!wrapper.found_object)
    return FALSE;
  search->found = g_strdup_printf ("%s.%s", search->owner, key);
  search->found_object = wrapper.found_object;
  return TRUE;
}

/* A lock, a Condition or Semaphore around one (its _lock / _cond), or an
 * object holding one in an attribute, or holding a wrapper of one. */
static gboolean
match_lock_or_holder (const char *key, guint64 value, gpointer data)
{
  LockSearch *search = data;
  LockSearch inner = { search->memory, search->addr, search->condition, key, FALSE, search->budget, NULL, 0 };

  /* (Among globals the direct variables had a pass of their own.) */
  if (!search->instances_only && match_lock (key, value, data))
    return TRUE;
  if (search->owner || (search->instances_only && !weft_py_is_class_instance (search->memory, value)))
    return FALSE;
  /* Its own attributes first, then what they wrap. */
  weft_py_attrs_foreach (search->memory, value, match_lock, &inner);
  if (!inner.found)
    weft_py_attrs_foreach (search->memory, value, match_wrapper, &inner);
  if (!inner.found)
    return *search->budget == 0;
  search->found_object = inner.found_object;
  /* cond._lock is what a student calls cond, an Event its _cond... but
   * a class of the program's own with a _lock is not a lock itself. */
  if (is_wrapped_in (inner.found + strlen (key) + 1) && is_wrapper_type (search->memory, value))
    {
      search->found = g_strdup (key);
      g_free (inner.found);
    }
  else
    search->found = inner.found;
  return TRUE;
}

guint64
weft_py_condition_waited_on (WeftPyMemory *memory, guint64 frame, const WeftPyCode *code,
                             WeftPyWaitLocals *locals, guint64 addr, guint64 *waiter)
{
  guint64 condition;

  if (g_strcmp0 (code->qualname, "Condition.wait") != 0)
    return 0;
  if (!locals->known)
    {
      locals->self_local = locals->waiter_local = -1;
      for (gint32 i = 0; i < code->n_localsplus && i < MAX_LOCALS; i++)
        {
          g_autofree char *name = weft_py_local_name (memory, code, i);

          if (g_strcmp0 (name, "self") == 0)
            locals->self_local = i;
          else if (g_strcmp0 (name, "waiter") == 0)
            locals->waiter_local = i;
        }
      locals->known = TRUE;
    }
  if (locals->self_local < 0 || locals->waiter_local < 0)
    return 0;
  *waiter = weft_py_frame_local (memory, frame, locals->waiter_local);
  condition = weft_py_frame_local (memory, frame, locals->self_local);
  if (!*waiter || !weft_py_is_lock_at (memory, *waiter, addr))
    return 0;
  return condition;
}

char *
weft_py_library_variable (WeftPyMemory *memory, guint64 frame, const WeftPyCode *code, guint64 condition)
{
  for (gint32 i = 0; condition && i < code->n_localsplus && i < MAX_LOCALS; i++)
    if (weft_py_frame_local (memory, frame, i) == condition)
      {
        g_autofree char *name = weft_py_local_name (memory, code, i);

        if (name && g_strcmp0 (name, "self") != 0)
          return g_steal_pointer (&name);
      }
  return NULL;
}

char *
weft_py_search_frame (WeftPyMemory *memory, guint64 frame, const WeftPyCode *code, guint64 addr, guint64 condition,
                      guint *budget, guint64 *searched_globals, guint64 *found_object)
{
  LockSearch search = { memory, addr, condition, NULL, FALSE, budget, NULL, 0 };
  guint64 globals = weft_py_frame_globals (memory, frame);

  for (gint32 i = 0; i < code->n_localsplus && i < MAX_LOCALS && !search.found && *budget > 0; i++)
    {
      guint64 value = weft_py_frame_local (memory, frame, i);
      g_autofree char *name = value ? weft_py_local_name (memory, code, i) : NULL;

      if (name)
        match_lock_or_holder (name, value, &search);
    }
  /* Among globals, the lock itself first; then inside an object ("ready"
   * for an Event, "jobs.not_empty"), but not inside modules and functions. */
  if (!search.found && globals != *searched_globals)
    {
      *searched_globals = globals;
      weft_py_dict_foreach (memory, globals, match_lock, &search);
      search.instances_only = TRUE;
      if (!search.found)
        weft_py_dict_foreach (memory, globals, match_lock_or_holder, &search);
    }
  *found_object = search.found_object;
  return search.found;
}

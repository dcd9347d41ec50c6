/*
 * weft-demo-expect.c: reading and describing a demo's expectations.
 * Strict on purpose: a misspelt key would otherwise make an expectation
 * weaker without anyone noticing.  The checks are in weft-demo-check.c.
 */
#include "weft-demo-expect.h"

#include <string.h>

#include "weft-demo-catalog.h"
#include "weft-event-text.h"
#include "weft-coro-text.h"

typedef struct {
  const char *name;
  const char *keys[5];     /* allowed keys besides "kind" */
  const char *required[3]; /* of those, the ones that must be there */
} KindSpec;

static const KindSpec kind_specs[WEFT_N_EXPECT_KINDS] = {
  [WEFT_EXPECT_PROCESSES] = { "processes", { "min" }, { "min" } },
  [WEFT_EXPECT_ALIVE] = { "alive", { "min" }, { "min" } },
  [WEFT_EXPECT_THREADS] = { "threads", { "min" }, { "min" } },
  [WEFT_EXPECT_ZOMBIES] = { "zombies", { "min", "min_ns" }, { "min", "min_ns" } },
  [WEFT_EXPECT_REPARENT] = { "reparent", { "min" }, { "min" } },
  [WEFT_EXPECT_AUTO_REAPED] = { "auto_reaped", { "min" }, { "min" } },
  [WEFT_EXPECT_EXIT] = { "exit", { "code", "signal", "min" }, { "min" } },
  [WEFT_EXPECT_SIGNAL] = { "signal", { "signal", "min" }, { "signal", "min" } },
  [WEFT_EXPECT_STATE] = { "state", { "state", "min_ns", "min_threads" }, { "state", "min_ns" } },
  [WEFT_EXPECT_LOCK_CONTENTIONS] = { "lock_contentions", { "min", "lock" }, { "min" } },
  [WEFT_EXPECT_DEADLOCK] = { "deadlock", { "type", "threads" }, { "type", "threads" } },
  [WEFT_EXPECT_IO_WAITS] = { "io_waits", { "io", "min" }, { "io", "min" } },
  [WEFT_EXPECT_QUEUE] = { "queue", { "queue", "min_bytes" }, { "queue", "min_bytes" } },
  [WEFT_EXPECT_PARALLEL] = { "parallel", { "min", "min_ns" }, { "min" } },
  [WEFT_EXPECT_SERIAL] = { "serial", { "max_percent" }, { "max_percent" } },
  [WEFT_EXPECT_MAX_THREADS] = { "max_threads", { "max" }, { "max" } },
  [WEFT_EXPECT_CUT_OFF] = { "cut_off", { "min" }, { "min" } },
  [WEFT_EXPECT_STATE_AT_ONCE] = { "state_at_once", { "state", "min", "max" }, { "state" } },
  [WEFT_EXPECT_EXEC] = { "exec", { "program", "min" }, { "program", "min" } },
  [WEFT_EXPECT_NO_DEADLOCK] = { "no_deadlock", { NULL }, { NULL } },
  [WEFT_EXPECT_COROUTINES] = { "coroutines", { "flavour", "lanes", "switches", "names" },
                               { "flavour", "lanes", "switches" } },
  [WEFT_EXPECT_PYTHON] = { "python", { "waits_in", "threads", "min" }, { "waits_in" } },
  [WEFT_EXPECT_COPY_ON_WRITE] = { "copy_on_write", { "min" }, { "min" } },
};

const char *
weft_demo_expect_kind_name (WeftDemoExpectKind kind)
{
  return kind < WEFT_N_EXPECT_KINDS ? kind_specs[kind].name : "?";
}

static gboolean
key_allowed (const KindSpec *spec, const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec->keys) && spec->keys[i]; i++)
    if (strcmp (spec->keys[i], key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
read_count (JsonObject *object, const char *key, guint64 fallback, guint64 *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = fallback;
  if (!node)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    {
      g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                   "\"%s\" must be a whole number ≥ 0", key);
      return FALSE;
    }
  *out = (guint64) json_node_get_int (node);
  return TRUE;
}

static const char *
read_string (JsonObject *object, const char *key, GError **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (!node)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID, "\"%s\" must be a string", key);
      return NULL;
    }
  return json_node_get_string (node);
}

/* A signal as a number (11) or a name ("SIGSEGV"). */
static gboolean
read_signal (JsonObject *object, int *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, "signal");

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value > 0 && value < 65)
        {
          *out = (int) value;
          return TRUE;
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *name = json_node_get_string (node);

      int number = weft_signal_from_name (name);

      if (number > 0)
        {
          *out = number;
          return TRUE;
        }
    }
  g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
               "\"signal\" must be a signal number (1–64) or a name such as \"SIGSEGV\"");
  return FALSE;
}

static gboolean
read_state (JsonObject *object, guint *out, GError **error)
{
  const char *name = read_string (object, "state", error);

  if (!name)
    return FALSE;
  if (strcmp (name, "disk") == 0)
    {
      *out = WEFT_EXPECT_STATE_DISK;
      return TRUE;
    }
  /* The model's states (ALIVE and NONE are only the viewer's). */
  for (guint s = 0; s < WEFT_STATE_ALIVE; s++)
    if (strcmp (name, weft_thread_state_name (s)) == 0)
      {
        *out = s;
        return TRUE;
      }
  g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
               "\"state\" is \"%s\"; use one of running, runnable, lock, join, gil, io, select, child, "
               "sleep, stopped, zombie, disk", name);
  return FALSE;
}

static gboolean
read_kind_keys (WeftDemoExpect *e, JsonObject *object, GError **error)
{
  const char *text;

  switch (e->kind)
    {
    case WEFT_EXPECT_EXIT:
      if (json_object_has_member (object, "code") == json_object_has_member (object, "signal"))
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "an \"exit\" expectation needs either \"code\" or \"signal\", not both");
          return FALSE;
        }
      e->has_code = json_object_has_member (object, "code");
      if (e->has_code)
        {
          guint64 code;

          if (!read_count (object, "code", 0, &code, error))
            return FALSE;
          if (code > 255)
            {
              g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                           "\"code\" must be an exit code from 0 to 255");
              return FALSE;
            }
          e->code = (int) code;
          return TRUE;
        }
      return read_signal (object, &e->signal, error);
    case WEFT_EXPECT_SIGNAL:
      return read_signal (object, &e->signal, error);
    case WEFT_EXPECT_STATE:
      return read_state (object, &e->state, error) &&
             read_count (object, "min_threads", 1, &e->min_threads, error);
    case WEFT_EXPECT_LOCK_CONTENTIONS:
      {
        GError *local = NULL;

        text = read_string (object, "lock", &local);
        if (local)
          {
            g_propagate_error (error, local);
            return FALSE;
          }
        e->lock = g_strdup (text);
        return TRUE;
      }
    case WEFT_EXPECT_DEADLOCK:
      text = read_string (object, "type", error);
      if (!text)
        return FALSE;
      if (strcmp (text, "cycle") != 0 && strcmp (text, "stall") != 0)
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "\"type\" is \"%s\"; use \"cycle\" or \"stall\"", text);
          return FALSE;
        }
      e->deadlock = strcmp (text, "cycle") == 0 ? WEFT_DEADLOCK_CYCLE : WEFT_DEADLOCK_STALL;
      return read_count (object, "threads", 2, &e->threads, error);
    case WEFT_EXPECT_IO_WAITS:
      text = read_string (object, "io", error);
      if (!text)
        return FALSE;
      if (!g_strv_contains (weft_model_io_kinds (), text))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) weft_model_io_kinds ());

          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "\"io\" is \"%s\"; use one of %s", text, known);
          return FALSE;
        }
      e->io = g_strdup (text);
      return TRUE;
    case WEFT_EXPECT_QUEUE:
      text = read_string (object, "queue", error);
      if (!text)
        return FALSE;
      if (strcmp (text, "pipe") == 0)
        e->queue = WEFT_OBJECT_PIPE;
      else if (strcmp (text, "mq") == 0)
        e->queue = WEFT_OBJECT_MQ;
      else if (strcmp (text, "socket") == 0)
        e->queue = WEFT_OBJECT_SOCKET;
      else
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "\"queue\" is \"%s\"; use \"pipe\", \"mq\" or \"socket\"", text);
          return FALSE;
        }
      return read_count (object, "min_bytes", 1, &e->min_bytes, error);
    case WEFT_EXPECT_SERIAL:
      if (!read_count (object, "max_percent", 0, &e->max_percent, error))
        return FALSE;
      if (e->max_percent > 100)
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "\"max_percent\" must be a percentage from 0 to 100");
          return FALSE;
        }
      return TRUE;
    case WEFT_EXPECT_MAX_THREADS:
      return read_count (object, "max", 1, &e->max, error);
    case WEFT_EXPECT_STATE_AT_ONCE:
      if (json_object_has_member (object, "min") == json_object_has_member (object, "max"))
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "a \"state_at_once\" expectation needs either \"min\" or \"max\", not both");
          return FALSE;
        }
      e->has_max = json_object_has_member (object, "max");
      return read_state (object, &e->state, error) && read_count (object, "max", 0, &e->max, error);
    case WEFT_EXPECT_EXEC:
      text = read_string (object, "program", error);
      if (!text)
        return FALSE;
      if (!*text || strchr (text, '/'))
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "\"program\" must be a file name such as \"sleep\", without a folder");
          return FALSE;
        }
      e->program = g_strdup (text);
      return TRUE;
    case WEFT_EXPECT_COROUTINES:
      text = read_string (object, "flavour", error);
      if (!text)
        return FALSE;
      if (strcmp (text, "greenlet") == 0)
        e->flavour = WEFT_CORO_GREENLET;
      else if (strcmp (text, "task") == 0)
        e->flavour = WEFT_CORO_TASK;
      else if (strcmp (text, "generator") == 0)
        e->flavour = WEFT_CORO_GENERATOR;
      else
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                       "\"flavour\" is \"%s\"; use \"greenlet\", \"task\" or \"generator\"", text);
          return FALSE;
        }
      if (json_object_has_member (object, "names"))
        {
          text = read_string (object, "names", error);
          if (!text)
            return FALSE;
          e->names = g_strsplit (text, ",", -1);
        }
      return read_count (object, "lanes", 1, &e->lanes, error) &&
             read_count (object, "switches", 0, &e->switches, error);
    case WEFT_EXPECT_PYTHON:
      text = read_string (object, "waits_in", error);
      if (!text)
        return FALSE;
      e->function = g_strdup (text);
      if (json_object_has_member (object, "threads"))
        {
          text = read_string (object, "threads", error);
          if (!text)
            return FALSE;
          e->names = g_strsplit (text, ",", -1);
          for (guint i = 0; e->names[i]; i++)
            g_strstrip (e->names[i]);
        }
      return TRUE;
    default:
      return TRUE;
    }
}

WeftDemoExpect *
weft_demo_expect_new_from_json (JsonObject *object, GError **error)
{
  g_autoptr (WeftDemoExpect) e = g_new0 (WeftDemoExpect, 1);
  g_autoptr (GList) members = NULL;
  const char *kind = NULL;
  const KindSpec *spec = NULL;

  if (json_object_has_member (object, "kind"))
    kind = read_string (object, "kind", error);
  if (!kind)
    {
      if (error && !*error)
        g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID, "an expectation has no \"kind\"");
      return NULL;
    }
  for (guint k = 0; k < WEFT_N_EXPECT_KINDS; k++)
    if (strcmp (kind, kind_specs[k].name) == 0)
      e->kind = k, spec = &kind_specs[k];
  if (!spec)
    {
      g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                   "unknown expectation kind \"%s\" (docs/demo-catalog.md lists the kinds)", kind);
      return NULL;
    }
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    if (strcmp (l->data, "kind") != 0 && !key_allowed (spec, l->data))
      {
        g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                     "a \"%s\" expectation has no key \"%s\"", kind, (const char *) l->data);
        return NULL;
      }
  for (guint i = 0; i < G_N_ELEMENTS (spec->required) && spec->required[i]; i++)
    if (!json_object_has_member (object, spec->required[i]))
      {
        g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_INVALID,
                     "a \"%s\" expectation needs \"%s\"", kind, spec->required[i]);
        return NULL;
      }
  if (!read_count (object, "min", 1, &e->min, error) ||
      !read_count (object, "min_ns", 0, &e->min_ns, error) ||
      !read_kind_keys (e, object, error))
    return NULL;
  return g_steal_pointer (&e);
}

void
weft_demo_expect_free (WeftDemoExpect *expect)
{
  if (!expect)
    return;
  g_free (expect->lock);
  g_free (expect->io);
  g_free (expect->program);
  g_strfreev (expect->names);
  g_free (expect->function);
  g_free (expect);
}

/* "1 s", "500 ms", "20 µs", "0 ns": the largest unit that divides it. */
static char *
format_duration (guint64 ns)
{
  if (ns >= 1000000000 && ns % 100000000 == 0)
    return ns % 1000000000 ? g_strdup_printf ("%.1f s", ns / 1e9)
                           : g_strdup_printf ("%" G_GUINT64_FORMAT " s", ns / 1000000000);
  if (ns >= 1000000 && ns % 1000000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " ms", ns / 1000000);
  if (ns >= 1000 && ns % 1000 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " µs", ns / 1000);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " ns", ns);
}

static char *
describe_signal (int sig)
{
  const char *name = weft_signal_lookup (sig);

  return name ? g_strdup_printf ("%d (%s)", sig, name) : g_strdup_printf ("%d", sig);
}

static const char *
state_keyword (guint state)
{
  return state == WEFT_EXPECT_STATE_DISK ? "disk" : weft_thread_state_name (state);
}

static const char *
queue_keyword (WeftObjectKind kind)
{
  return weft_object_kind_name (kind);
}

char *
weft_demo_expect_describe (const WeftDemoExpect *e)
{
  g_autofree char *ns = format_duration (e->min_ns);
  g_autofree char *sig = describe_signal (e->signal);

  switch (e->kind)
    {
    case WEFT_EXPECT_PROCESSES:
      return g_strdup_printf ("processes: ≥ %" G_GUINT64_FORMAT, e->min);
    case WEFT_EXPECT_ALIVE:
      return g_strdup_printf ("alive: ≥ %" G_GUINT64_FORMAT " processes alive at once", e->min);
    case WEFT_EXPECT_THREADS:
      return g_strdup_printf ("threads: ≥ %" G_GUINT64_FORMAT " at once in one process", e->min);
    case WEFT_EXPECT_ZOMBIES:
      return g_strdup_printf ("zombies: %" G_GUINT64_FORMAT " lasting ≥ %s", e->min, ns);
    case WEFT_EXPECT_REPARENT:
      return g_strdup_printf ("reparent: ≥ %" G_GUINT64_FORMAT " orphans adopted", e->min);
    case WEFT_EXPECT_AUTO_REAPED:
      return g_strdup_printf ("auto_reaped: ≥ %" G_GUINT64_FORMAT " children reaped at exit", e->min);
    case WEFT_EXPECT_EXIT:
      if (e->has_code)
        return g_strdup_printf ("exit: ≥ %" G_GUINT64_FORMAT " with code %d", e->min, e->code);
      return g_strdup_printf ("exit: ≥ %" G_GUINT64_FORMAT " killed by signal %s", e->min, sig);
    case WEFT_EXPECT_SIGNAL:
      return g_strdup_printf ("signal: %s sent ≥ %" G_GUINT64_FORMAT " times", sig, e->min);
    case WEFT_EXPECT_STATE:
      return g_strdup_printf ("state %s: ≥ %" G_GUINT64_FORMAT " threads for ≥ %s each",
                              state_keyword (e->state), e->min_threads, ns);
    case WEFT_EXPECT_LOCK_CONTENTIONS:
      if (e->lock)
        return g_strdup_printf ("lock_contentions: ≥ %" G_GUINT64_FORMAT " on %s", e->min, e->lock);
      return g_strdup_printf ("lock_contentions: ≥ %" G_GUINT64_FORMAT, e->min);
    case WEFT_EXPECT_DEADLOCK:
      return g_strdup_printf ("deadlock: a %s of ≥ %" G_GUINT64_FORMAT " threads",
                              e->deadlock == WEFT_DEADLOCK_CYCLE ? "cycle" : "stall", e->threads);
    case WEFT_EXPECT_IO_WAITS:
      return g_strdup_printf ("io_waits: ≥ %" G_GUINT64_FORMAT " %s calls", e->min, e->io);
    case WEFT_EXPECT_QUEUE:
      return g_strdup_printf ("queue: a %s carrying ≥ %" G_GUINT64_FORMAT " bytes from a writer to a reader",
                              queue_keyword (e->queue), e->min_bytes);
    case WEFT_EXPECT_PARALLEL:
      return e->min_ns ? g_strdup_printf ("parallel: ≥ %" G_GUINT64_FORMAT " threads running at once for ≥ %s",
                                          e->min, ns)
                       : g_strdup_printf ("parallel: ≥ %" G_GUINT64_FORMAT " threads running at once", e->min);
    case WEFT_EXPECT_SERIAL:
      return g_strdup_printf ("serial: threads of one process running at once for ≤ %" G_GUINT64_FORMAT
                              "%% of the time they ran", e->max_percent);
    case WEFT_EXPECT_MAX_THREADS:
      return g_strdup_printf ("max_threads: ≤ %" G_GUINT64_FORMAT " at once in every process", e->max);
    case WEFT_EXPECT_STATE_AT_ONCE:
      if (e->has_max)
        return g_strdup_printf ("state_at_once %s: 1 to %" G_GUINT64_FORMAT " threads at the same moment, never more",
                                state_keyword (e->state), e->max);
      return g_strdup_printf ("state_at_once %s: ≥ %" G_GUINT64_FORMAT " threads at the same moment",
                              state_keyword (e->state), e->min);
    case WEFT_EXPECT_EXEC:
      return g_strdup_printf ("exec: ≥ %" G_GUINT64_FORMAT " processes executed %s", e->min, e->program);
    case WEFT_EXPECT_NO_DEADLOCK:
      return g_strdup ("no_deadlock: no deadlock of any kind");
    case WEFT_EXPECT_CUT_OFF:
      return g_strdup_printf ("cut_off: ≥ %" G_GUINT64_FORMAT " threads still blocked when their main thread "
                              "ended the process, gone after it", e->min);
    case WEFT_EXPECT_COROUTINES:
      {
        g_autofree char *names = e->names ? g_strjoinv (", ", e->names) : NULL;

        return g_strdup_printf ("coroutines: ≥ %" G_GUINT64_FORMAT " %s lanes in one thread%s%s, "
                                "switched into ≥ %" G_GUINT64_FORMAT " times",
                                e->lanes, weft_coro_flavour_name (e->flavour), names ? " among them " : "",
                                names ? names : "", e->switches);
      }
    case WEFT_EXPECT_PYTHON:
      {
        g_autofree char *names = e->names ? g_strjoinv (", ", e->names) : NULL;

        return g_strdup_printf ("python: ≥ %" G_GUINT64_FORMAT " waits with %s() on their Python stack%s%s",
                                e->min, e->function, names ? ", threads named " : "", names ? names : "");
      }
    case WEFT_EXPECT_COPY_ON_WRITE:
      return g_strdup_printf ("copy_on_write: ≥ %" G_GUINT64_FORMAT " copy-on-write faults in one process", e->min);
    default:
      return g_strdup ("?");
    }
}

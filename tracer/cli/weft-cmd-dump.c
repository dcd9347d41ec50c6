/* weft-cmd-dump.c: `weft dump FILE`, every event as a line of text. */
#include <glib/gi18n-lib.h>
#include <glib.h>
#include <stdio.h>

#include "weft-commands.h"
#include "weft-error.h"
#include "weft-event-text.h"
#include "weft-trace-reader.h"

typedef struct {
  GString *line;
  guint64 t0;
  gboolean started;
  WeftTraceReader *reader;
  GHashTable *py_codes; /* "pid:address" -> "function() file:line" prefix */
} DumpState;

/* The frames of a Python stack, one line each, by the names of the
 * py-code records before it. */
static void
dump_py_event (DumpState *state, const struct weft_event_header *event)
{
  if (event->kind == WEFT_EV_PY_CODE)
    {
      const struct weft_py_code *c = (const void *) event;
      g_autofree char *function = NULL, *filename = NULL;

      weft_py_code_names (c, &function, &filename);
      g_hash_table_replace (state->py_codes,
                            g_strdup_printf ("%u:%" G_GINT64_MODIFIER "x", event->tgid, (guint64) c->code),
                            g_strdup_printf ("%s() %s", function, filename));
    }
  else if (event->kind == WEFT_EV_PY_STACK)
    {
      const struct weft_py_stack *s = (const void *) event;
      guint n = MIN (s->n_frames, (event->size - G_STRUCT_OFFSET (struct weft_py_stack, frames)) /
                                    sizeof (struct weft_py_frame));

      for (guint i = 0; i < n && i < WEFT_PY_MAX_FRAMES; i++)
        {
          g_autofree char *key = g_strdup_printf ("%u:%" G_GINT64_MODIFIER "x", event->tgid, (guint64) s->frames[i].code);
          const char *name = g_hash_table_lookup (state->py_codes, key);

          printf ("%32s#%u %s:%d\n", "", i, name ? name : "?", s->frames[i].line);
        }
    }
}

static void
print_header (DumpState *state)
{
  const WeftTraceInfo *info = weft_trace_reader_get_info (state->reader);
  g_autofree char *command = g_strjoinv (" ", info->argv);

  printf ("# command: %s\n# host %s, kernel %s, root pid %u\n", command, info->hostname,
          info->kernel, info->root_pid);
  printf ("#  time (s)      cpu   pid/tid    event          details\n");
  state->t0 = info->start_monotonic_ns;
  state->started = TRUE;
}

static void
dump_event (const struct weft_event_header *event, gpointer user_data)
{
  DumpState *state = user_data;

  if (!state->started)
    print_header (state);
  g_string_truncate (state->line, 0);
  weft_event_format (state->line, event, state->t0);
  fputs (state->line->str, stdout);
  dump_py_event (state, event);
}

int
weft_cmd_dump (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE — print every event of a trace");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceReader) reader = NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GHashTable) py_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  DumpState state = { .line = line, .py_codes = py_codes };
  gboolean truncated = FALSE;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return weft_print_option_error ("dump", error->message);
  if (argc != 2)
    {
      weft_print_error (_("dump needs exactly one trace file: weft dump FILE"));
      return 2;
    }

  reader = weft_trace_reader_new (dump_event, &state);
  state.reader = reader;
  if (!weft_trace_reader_read_file (reader, argv[1], &truncated, &error))
    {
      weft_print_error (error->message);
      return 1;
    }
  if (!state.started)
    print_header (&state);
  if (truncated)
    {
      g_autofree char *message = g_strdup_printf (_("warning: %s was cut short (the recording was interrupted); "
                                                    "the events before that are shown."), argv[1]);

      weft_print_note (message);
    }
  else
    printf ("# %" G_GUINT64_FORMAT " events, %" G_GUINT64_FORMAT " lost\n",
            weft_trace_reader_get_n_events (reader), weft_trace_reader_get_lost_events (reader));
  return 0;
}

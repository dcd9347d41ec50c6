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
} DumpState;

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
}

int
weft_cmd_dump (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE — print every event of a trace");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceReader) reader = NULL;
  g_autoptr (GString) line = g_string_new (NULL);
  DumpState state = { .line = line };
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

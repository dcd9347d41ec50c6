/* weft-cli-model.c: loading a trace for a CLI command, times for people. */
#include "weft-cli-model.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weft-commands.h"
#include "weft-trace-format.h"

WeftModel *
weft_cli_load_model (const char *path)
{
  g_autoptr (GError) error = NULL;
  gboolean truncated = FALSE;
  WeftModel *model = weft_model_new_from_file (path, &truncated, &error);

  if (!model)
    {
      weft_print_error (error->message);
      return NULL;
    }
  if (truncated)
    {
      g_autofree char *message = g_strdup_printf (_("warning: %s was cut short (the recording was interrupted); "
                                                    "showing the events before that."), path);

      weft_print_note (message);
    }
  if (weft_model_get_lost_events (model) > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, weft_model_get_lost_events (model));
      g_autofree char *message = g_strdup_printf (_("warning: %s events were lost while recording; "
                                                    "some states may be missing."), count);

      weft_print_note (message);
    }
  return model;
}

char *
weft_cli_format_seconds (guint64 ns)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%06" G_GUINT64_FORMAT " s",
                          ns / 1000000000, (ns % 1000000000) / 1000);
}

gboolean
weft_cli_parse_time (const char *option, const char *text, guint64 *ns)
{
  char *end = NULL;
  double value, scale;

  value = text && *text ? g_ascii_strtod (text, &end) : 0;
  if (!text || end == text || !isfinite (value) || value < 0)
    goto not_a_time;
  if (*end == '\0' || strcmp (end, "s") == 0)
    scale = 1e9;
  else if (strcmp (end, "ms") == 0)
    scale = 1e6;
  else if (strcmp (end, "us") == 0 || strcmp (end, "\302\265s") == 0)
    scale = 1e3;
  else if (strcmp (end, "ns") == 0)
    scale = 1;
  else
    goto not_a_time;
  /* Compared as doubles, before any conversion: 1e300 s has no guint64. */
  if (value * scale > (double) WEFT_TRACE_MAX_SPAN_NS)
    {
      g_autofree char *message = g_strdup_printf (_("%s %s is out of range: a recording lasts at most 100 days."),
                                                  option, text);
      weft_print_error (message);
      return FALSE;
    }
  *ns = (guint64) (value * scale + 0.5);
  return TRUE;

not_a_time:
  {
    g_autofree char *message = g_strdup_printf (_("%s needs a time such as 1.5, 1.5s, 200ms or 30us."), option);
    weft_print_error (message);
    return FALSE;
  }
}

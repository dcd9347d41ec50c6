/* weft-cmd-export.c: `weft export FILE --format png|svg|pdf|chrome-json -o OUT`. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "weft-cli-model.h"
#include "weft-commands.h"
#include "weft-error.h"
#include "weft-export-chrome.h"
#include "weft-model.h"
#include "weft-render-export.h"
#include "weft-timeline-renderer.h"

static int
usage_error (const char *message)
{
  weft_print_error (message);
  return 2;
}

int
weft_cmd_export (int argc, char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean presentation = FALSE;
  int width = 1600, height = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "png, svg, pdf or chrome-json", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "the file to write", "OUT" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, "start of the window (1.5, 1.5s, 200ms, 30us)", "T" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, "end of the window", "T" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "image width in pixels (1600)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "image height (default: every lane)", "H" },
    { "presentation", 0, 0, G_OPTION_ARG_NONE, &presentation, "large fonts, high contrast", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE — draw a trace or convert it");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftModel) model = NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (WeftTimelineRenderer) renderer = NULL;
  WeftImageFormat image_format = WEFT_IMAGE_PNG;
  gboolean chrome, truncated = FALSE;
  guint64 from = 0, to;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return weft_print_option_error ("export", error->message);
  if (argc != 2)
    return usage_error ("export needs exactly one trace file: weft export FILE --format png -o OUT.png");
  if (format_name == NULL || output == NULL)
    return usage_error ("export needs --format (png, svg, pdf or chrome-json) and -o OUT.");
  chrome = strcmp (format_name, "chrome-json") == 0;
  if (!chrome && !weft_image_format_from_string (format_name, &image_format))
    return usage_error ("unknown --format; use png, svg, pdf or chrome-json.");

  model = weft_model_new_from_file (argv[1], &truncated, &error);
  if (model == NULL)
    {
      weft_print_error (error->message);
      return 1;
    }
  if (truncated)
    g_printerr ("weft: warning: %s was cut short (the recording was interrupted); "
                "exporting the events before that.\n", argv[1]);

  if (chrome)
    {
      if (!weft_export_chrome_json (model, output, &error))
        {
          weft_print_error (error->message);
          return 1;
        }
      return 0;
    }

  tree = weft_timeline_tree_new (model);
  to = weft_timeline_tree_get_duration (tree);
  if (from_text && !weft_cli_parse_time ("--from", from_text, &from))
    return 2;
  if (to_text && !weft_cli_parse_time ("--to", to_text, &to))
    return 2;
  if (to <= from)
    return usage_error ("--to must be later than --from.");

  renderer = weft_timeline_renderer_new ();
  weft_timeline_renderer_set_tree (renderer, tree);
  weft_timeline_renderer_set_presentation (renderer, presentation);
  weft_timeline_renderer_set_window (renderer, from, to);
  if (!weft_render_export (renderer, image_format, output, width, height, &error))
    {
      weft_print_error (error->message);
      return g_error_matches (error, WEFT_ERROR, WEFT_ERROR_USAGE) ? 2 : 1;
    }
  return 0;
}

/* weft-main.c: `weft COMMAND ...` dispatch. */
#include <glib.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "weft-commands.h"
#include "weft-record-access.h"

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "record", weft_cmd_record, "record a command or a running process into a trace file" },
  { "dump", weft_cmd_dump, "print every event of a trace, one per line" },
  { "show", weft_cmd_show, "draw a trace's timeline in the terminal" },
  { "stats", weft_cmd_stats, "summarise a trace (--json for scripts and grading)" },
  { "export", weft_cmd_export, "draw a trace to PNG, SVG or PDF, or convert it to Chrome JSON" },
  { "demos", weft_cmd_demos, "list the course demos, record one and check what it shows" },
};

void
weft_print_note (const char *message)
{
  fprintf (stderr, "weft: %s\n", message);
}

/* To the user an error looks like any other line from weft. */
void
weft_print_error (const char *message)
{
  weft_print_note (message);
}

int
weft_print_option_error (const char *command, const char *message)
{
  fprintf (stderr, "weft: %s; run 'weft %s --help' for its options.\n", message, command);
  return 2;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: weft COMMAND [OPTIONS...]\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun 'weft COMMAND --help' for the options of a command.\n");
}

int
main (int argc, char **argv)
{
  g_autofree char *locale_dir = NULL;

  setlocale (LC_ALL, "");
  /* The messages' translations: $WEFT_LOCALEDIR, else the ones built next
   * to a weft run from its build tree, else the installed ones. */
  if (g_getenv ("WEFT_LOCALEDIR"))
    locale_dir = g_strdup (g_getenv ("WEFT_LOCALEDIR"));
  else if (weft_record_access_build_root ())
    locale_dir = g_build_filename (weft_record_access_build_root (), "po", NULL);
  else
    locale_dir = g_strdup (WEFT_LOCALEDIR);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("weft %s\n", WEFT_VERSION);
      return 0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("unknown command '%s'; run 'weft --help' to see the commands."),
                                                argv[1]);

    weft_print_error (message);
  }
  return 2;
}

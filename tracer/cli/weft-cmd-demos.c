/*
 * weft-cmd-demos.c: `weft demos list [--json]`, `weft demos run ID
 * [-o FILE]` and `weft demos check FILE ID`.
 *
 * run records with `weft record` itself (weft_cmd_record, the same code
 * path and options), then checks the trace against the demo's
 * expectations; check does the same for a trace saved earlier.
 */
#include <glib/gi18n-lib.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "weft-cli-model.h"
#include "weft-commands.h"
#include "weft-demo-catalog.h"

static WeftDemoCatalog *
load_catalog (void)
{
  g_autoptr (GError) error = NULL;
  WeftDemoCatalog *catalog = weft_demo_catalog_new (&error);

  if (!catalog)
    weft_print_error (error->message);
  return catalog;
}

static const char *
language_name (WeftDemoLanguage language)
{
  return language == WEFT_DEMO_LANGUAGE_C ? "c" : "python";
}

/* ---- list ---- */

static void
print_list (WeftDemoCatalog *catalog)
{
  GPtrArray *sections = weft_demo_catalog_get_sections (catalog);

  for (guint s = 0; s < sections->len; s++)
    {
      const WeftDemoSection *section = g_ptr_array_index (sections, s);

      printf ("%s%s (%s)\n", s ? "\n" : "", weft_demo_text_get (&section->title), section->id);
      for (guint i = 0; i < section->demos->len; i++)
        {
          const WeftDemo *demo = g_ptr_array_index (section->demos, i);

          printf ("  %-24s %-7s %s\n", demo->id, language_name (demo->language),
                  weft_demo_text_get (&demo->title));
        }
    }
  printf ("\n%s\n", _("Run one with: weft demos run ID -o FILE"));
}

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
add_demo_json (JsonBuilder *b, const WeftDemo *demo)
{
  json_builder_begin_object (b);
  add_string (b, "id", demo->id);
  add_string (b, "language", language_name (demo->language));
  add_string (b, "program", demo->program);
  json_builder_set_member_name (b, "args");
  json_builder_begin_array (b);
  for (guint i = 0; demo->args[i]; i++)
    json_builder_add_string_value (b, demo->args[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "interactive");
  json_builder_add_boolean_value (b, demo->interactive);
  json_builder_set_member_name (b, "uprobes");
  json_builder_add_boolean_value (b, demo->uprobes);
  /* What `weft demos run` would start with its output to a pipe, or
   * null when it is not built. */
  json_builder_set_member_name (b, "command");
  {
    g_auto (GStrv) command = weft_demo_get_argv (demo, WEFT_DEMO_OUTPUT_PIPE, NULL);

    if (command)
      {
        json_builder_begin_array (b);
        for (guint i = 0; command[i]; i++)
          json_builder_add_string_value (b, command[i]);
        json_builder_end_array (b);
      }
    else
      json_builder_add_null_value (b);
  }
  add_string (b, "title", weft_demo_text_get (&demo->title));
  add_string (b, "description", weft_demo_text_get (&demo->description));
  add_string (b, "look_for", weft_demo_text_get (&demo->look_for));
  json_builder_set_member_name (b, "tutorial");
  json_builder_begin_object (b);
  add_string (b, "seed", demo->tutorial_seed);
  add_string (b, "section", demo->tutorial_section);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "expect");
  json_builder_begin_array (b);
  for (guint i = 0; i < demo->expect->len; i++)
    {
      g_autofree char *text = weft_demo_expect_describe (g_ptr_array_index (demo->expect, i));
      json_builder_add_string_value (b, text);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_list_json (WeftDemoCatalog *catalog)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GPtrArray *sections = weft_demo_catalog_get_sections (catalog);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format_version");
  json_builder_add_int_value (b, 1);
  add_string (b, "language", weft_demo_user_language ());
  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint s = 0; s < sections->len; s++)
    {
      const WeftDemoSection *section = g_ptr_array_index (sections, s);

      json_builder_begin_object (b);
      add_string (b, "id", section->id);
      json_builder_set_member_name (b, "order");
      json_builder_add_int_value (b, section->order);
      add_string (b, "title", weft_demo_text_get (&section->title));
      json_builder_set_member_name (b, "demos");
      json_builder_begin_array (b);
      for (guint i = 0; i < section->demos->len; i++)
        add_demo_json (b, g_ptr_array_index (section->demos, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static int
demos_list (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the catalog as JSON", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- list the demos");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      weft_print_error (error->message);
      return 2;
    }
  if (argc > 1)
    {
      weft_print_error (_("'weft demos list' takes no arguments besides --json."));
      return 2;
    }
  catalog = load_catalog ();
  if (!catalog)
    return 1;
  if (json)
    print_list_json (catalog);
  else
    print_list (catalog);
  return 0;
}

/* ---- check ---- */

/* Prints each expectation as met or not; TRUE when all were met. */
static gboolean
check_and_print (const WeftDemo *demo, const char *path)
{
  g_autoptr (WeftModel) model = weft_cli_load_model (path);
  g_autoptr (GPtrArray) checks = NULL;
  gboolean all_met = FALSE;

  if (!model)
    return FALSE;
  checks = weft_demo_expect_check_all (demo->expect, model, &all_met);
  printf ("\nDemo %s, trace %s:\n", demo->id, path);
  for (guint i = 0; i < checks->len; i++)
    {
      const WeftDemoCheck *check = g_ptr_array_index (checks, i);

      printf ("  %-8s %s\n", check->met ? "met" : "NOT MET", check->reason);
    }
  if (all_met)
    printf ("Every expected phenomenon is in the trace.\n");
  else
    printf ("Some expected phenomena are missing from the trace (see NOT MET above).\n");
  return all_met;
}

static int
demos_check (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("FILE ID - check a trace against a demo's expectations");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = NULL;
  const WeftDemo *demo;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      weft_print_error (error->message);
      return 2;
    }
  if (argc != 3)
    {
      weft_print_error (_("give a trace file and a demo id, for example: weft demos check zombie.weft zombie"));
      return 2;
    }
  catalog = load_catalog ();
  if (!catalog)
    return 1;
  demo = weft_demo_catalog_get_demo (catalog, argv[2], &error);
  if (!demo)
    {
      weft_print_error (error->message);
      return 2;
    }
  return check_and_print (demo, argv[1]) ? 0 : 1;
}

/* ---- run ---- */

static int
demos_run (int argc, char **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the trace to FILE (default: ID.weft)", "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("ID [-o FILE] - record a demo and check what it shows");
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftDemoCatalog) catalog = NULL;
  g_autoptr (GPtrArray) record_argv = NULL;
  g_auto (GStrv) command = NULL;
  g_auto (GStrv) options = NULL;
  const WeftDemo *demo;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      weft_print_error (error->message);
      return 2;
    }
  if (argc != 2)
    {
      weft_print_error (_("give one demo id, for example: weft demos run zombie -o zombie.weft "
                          "('weft demos list' shows the ids)"));
      return 2;
    }
  catalog = load_catalog ();
  if (!catalog)
    return 1;
  demo = weft_demo_catalog_get_demo (catalog, argv[1], &error);
  if (!demo)
    {
      weft_print_error (error->message);
      return 2;
    }
  command = weft_demo_get_argv (demo, isatty (STDOUT_FILENO) ? WEFT_DEMO_OUTPUT_TERMINAL : WEFT_DEMO_OUTPUT_PIPE,
                               &error);
  if (!command)
    {
      weft_print_error (error->message);
      return 1;
    }
  if (!output)
    output = g_strconcat (demo->id, ".weft", NULL);

  options = weft_demo_get_record_options (demo);
  {
    g_autofree char *line = g_strjoinv (" ", command);
    g_autofree char *option_text = g_strjoinv (" ", options);

    printf ("%s\n%s\n\nweft record %s%s-o %s -- %s\n\n", weft_demo_text_get (&demo->title),
            weft_demo_text_get (&demo->description), option_text, *options ? " " : "", output, line);
  }
  fflush (stdout);

  record_argv = g_ptr_array_new ();
  g_ptr_array_add (record_argv, (char *) "record");
  for (guint i = 0; options[i]; i++)
    g_ptr_array_add (record_argv, options[i]);
  g_ptr_array_add (record_argv, (char *) "-o");
  g_ptr_array_add (record_argv, output);
  g_ptr_array_add (record_argv, (char *) "--");
  for (guint i = 0; command[i]; i++)
    g_ptr_array_add (record_argv, command[i]);
  g_ptr_array_add (record_argv, NULL);
  status = weft_cmd_record ((int) record_argv->len - 1, (char **) record_argv->pdata);
  if (!g_file_test (output, G_FILE_TEST_IS_REGULAR))
    return status ? status : 1;
  if (status != 0)
    {
      g_autofree char *message = g_strdup_printf (_("the demo ended with status %d."), status);

      weft_print_note (message);
    }

  printf ("\n%s %s\n", _("Look for:"), weft_demo_text_get (&demo->look_for));
  if (!check_and_print (demo, output))
    return 1;
  return status;
}

int
weft_cmd_demos (int argc, char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return demos_list (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "run") == 0)
    return demos_run (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "check") == 0)
    return demos_check (argc - 1, argv + 1);
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      printf ("Usage: weft demos list [--json]\n"
              "       weft demos run ID [-o FILE]    record a demo, then check what it shows\n"
              "       weft demos check FILE ID       check a saved trace against a demo\n");
      return 0;
    }
  weft_print_error (_("use 'weft demos list', 'weft demos run ID' or 'weft demos check FILE ID'."));
  return 2;
}

/*
 * weft-demo-paths.c: where the catalog and the demo programs are.
 *
 * Looked for in this order, each place only when it exists:
 *   1. $WEFT_DEMOS_DIR: catalog/, C programs in c/, c/more/ or the top,
 *      Python scripts in python/ or the top;
 *   2. the tree weft was built from (compiled-in paths): the catalog and
 *      scripts in the source tree, C programs in the build tree;
 *   3. the installed demos: C programs in libexecdir/weft/demos, the
 *      catalog and scripts in datadir/weft/demos.
 */
#include "weft-demo-catalog.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#define PYTHON "/usr/bin/python3"

static gboolean
is_dir (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

WeftDemoCatalog *
weft_demo_catalog_new (GError **error)
{
  const char *env = g_getenv ("WEFT_DEMOS_DIR");
  g_autofree char *from_env = env && *env ? g_build_filename (env, "catalog", NULL) : NULL;
  g_autofree char *source = g_build_filename (WEFT_DEMOS_SOURCE_DIR, "catalog", NULL);
  g_autofree char *installed = g_build_filename (WEFT_DEMOS_DATA_DIR, "catalog", NULL);

  if (env && *env && !is_dir (env))
    {
      g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_CATALOG,
                   _("WEFT_DEMOS_DIR is %s, which is not a directory; point it at a demos directory or unset it."),
                   env);
      return NULL;
    }
  /* A WEFT_DEMOS_DIR without catalog/ only overrides programs. */
  if (from_env && is_dir (from_env))
    return weft_demo_catalog_new_from_dir (from_env, error);
  if (is_dir (source))
    return weft_demo_catalog_new_from_dir (source, error);
  if (is_dir (installed))
    return weft_demo_catalog_new_from_dir (installed, error);
  g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_CATALOG,
               _("The demo catalog was not found (looked in %s%s%s); set WEFT_DEMOS_DIR to the demos "
                 "directory or install weft."), from_env ? from_env : "", from_env ? ", " : "", installed);
  return NULL;
}

static void
add_candidates (GPtrArray *candidates, const WeftDemo *demo)
{
  const char *env = g_getenv ("WEFT_DEMOS_DIR");
  gboolean c = demo->language == WEFT_DEMO_LANGUAGE_C;

  if (env && *env)
    {
      g_ptr_array_add (candidates, g_build_filename (env, c ? "c" : "python", demo->program, NULL));
      if (c)
        g_ptr_array_add (candidates, g_build_filename (env, "c", "more", demo->program, NULL));
      g_ptr_array_add (candidates, g_build_filename (env, demo->program, NULL));
    }
  if (c)
    {
      g_ptr_array_add (candidates, g_build_filename (WEFT_DEMOS_BUILD_DIR, "c", demo->program, NULL));
      g_ptr_array_add (candidates, g_build_filename (WEFT_DEMOS_BUILD_DIR, "c", "more", demo->program, NULL));
      g_ptr_array_add (candidates, g_build_filename (WEFT_DEMOS_LIBEXEC_DIR, demo->program, NULL));
    }
  else
    {
      g_ptr_array_add (candidates, g_build_filename (WEFT_DEMOS_SOURCE_DIR, "python", demo->program, NULL));
      g_ptr_array_add (candidates, g_build_filename (WEFT_DEMOS_DATA_DIR, "python", demo->program, NULL));
    }
}

char *
weft_demo_find_program (const WeftDemo *demo, GError **error)
{
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *looked = NULL;
  gboolean c = demo->language == WEFT_DEMO_LANGUAGE_C;

  add_candidates (candidates, demo);
  for (guint i = 0; i < candidates->len; i++)
    {
      const char *path = g_ptr_array_index (candidates, i);

      if (c ? g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) && !is_dir (path)
            : g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_strdup (path);
    }
  g_ptr_array_add (candidates, NULL);
  looked = g_strjoinv (", ", (char **) candidates->pdata);
  g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_PROGRAM,
               _("The program of demo \"%s\" (%s) was not found in %s; build weft (ninja -C build) "
                 "or set WEFT_DEMOS_DIR."), demo->id, demo->program, looked);
  return NULL;
}

char **
weft_demo_get_argv (const WeftDemo *demo, WeftDemoOutput output, GError **error)
{
  g_autofree char *program = weft_demo_find_program (demo, error);
  g_autoptr (GStrvBuilder) argv = NULL;

  if (!program)
    return NULL;
  argv = g_strv_builder_new ();
  if (demo->language == WEFT_DEMO_LANGUAGE_PYTHON)
    {
      if (access (PYTHON, X_OK) != 0)
        {
          g_set_error (error, WEFT_DEMO_ERROR, WEFT_DEMO_ERROR_NO_PROGRAM,
                       _("Demo \"%s\" needs %s; install the python3 package."), demo->id, PYTHON);
          return NULL;
        }
      g_strv_builder_add (argv, PYTHON);
      /* The class reads each line as the demo prints it.  On a terminal
       * Python does that itself, one write per line; -u would write a
       * print's text and its newline apart, and another process's or
       * thread's line could land between them. */
      if (output == WEFT_DEMO_OUTPUT_PIPE)
        g_strv_builder_add (argv, "-u");
    }
  g_strv_builder_add (argv, program);
  g_strv_builder_addv (argv, (const char **) demo->args);
  return g_strv_builder_end (argv);
}

char **
weft_demo_get_record_options (const WeftDemo *demo)
{
  GStrvBuilder *options = g_strv_builder_new ();
  char **result;

  if (demo->uprobes)
    g_strv_builder_add (options, "--uprobes");
  if (demo->generators)
    g_strv_builder_add (options, "--generators");
  result = g_strv_builder_end (options);
  g_strv_builder_unref (options);
  return result;
}

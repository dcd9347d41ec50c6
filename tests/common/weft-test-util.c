/* weft-test-util.c */
#include "weft-test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "weft-trace-reader.h"

void
weft_test_trace_free (WeftTestTrace *trace)
{
  if (trace->path)
    {
      g_autofree char *dir = g_path_get_dirname (trace->path);

      g_unlink (trace->path);
      g_rmdir (dir); /* the recording's own temporary folder */
    }
  g_free (trace->path);
  weft_trace_info_clear (&trace->info);
  g_clear_pointer (&trace->events, g_ptr_array_unref);
  g_free (trace->stdout_text);
  g_free (trace->stderr_text);
  g_free (trace);
}

const char *
weft_test_weft_bin (void)
{
  const char *bin = g_getenv ("WEFT_BIN");

  if (!bin)
    g_error ("WEFT_BIN is not set: run the tests with meson test");
  return bin;
}

char *
weft_test_program_path (const char *name)
{
  const char *root = g_getenv ("WEFT_BUILD_ROOT");

  if (!root)
    g_error ("WEFT_BUILD_ROOT is not set: run the tests with meson test");
  return g_build_filename (root, "tests", "programs", name, NULL);
}

static void
collect_event (const struct weft_event_header *event, gpointer user_data)
{
  g_ptr_array_add (user_data, g_memdup2 (event, event->size));
}

WeftTestTrace *
weft_test_load (const char *path, GError **error)
{
  g_autoptr (WeftTestTrace) trace = g_new0 (WeftTestTrace, 1);
  g_autoptr (WeftTraceReader) reader = NULL;
  const WeftTraceInfo *info;

  trace->events = g_ptr_array_new_with_free_func (g_free);
  reader = weft_trace_reader_new (collect_event, trace->events);
  if (!weft_trace_reader_read_file (reader, path, &trace->truncated, error))
    return NULL;
  info = weft_trace_reader_get_info (reader);
  trace->info.start_monotonic_ns = info->start_monotonic_ns;
  trace->info.start_realtime_ns = info->start_realtime_ns;
  trace->info.root_pid = info->root_pid;
  trace->info.flags = info->flags;
  trace->info.recorder_pid = info->recorder_pid;
  trace->info.hostname = g_strdup (info->hostname);
  trace->info.kernel = g_strdup (info->kernel);
  trace->info.argv = g_strdupv (info->argv);
  trace->lost_events = weft_trace_reader_get_lost_events (reader);
  return g_steal_pointer (&trace);
}

int
weft_test_run_record (const char *path, const char *const *argv, const char *const *record_options,
                      char **out, char **err)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  int status = 0;

  g_ptr_array_add (args, (char *) weft_test_weft_bin ());
  g_ptr_array_add (args, (char *) "record");
  g_ptr_array_add (args, (char *) "-o");
  g_ptr_array_add (args, (char *) path);
  for (guint i = 0; record_options && record_options[i]; i++)
    g_ptr_array_add (args, (char *) record_options[i]);
  g_ptr_array_add (args, (char *) "--");
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 :
         (WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status));
}

WeftTestTrace *
weft_test_record_python (const char *script)
{
  g_autofree char *path = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), script, NULL);
  const char *argv[] = { "/usr/bin/python3", path, NULL };

  return weft_test_record (argv, NULL);
}

WeftTestTrace *
weft_test_record (const char *const *argv, const char *const *record_options)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("weft-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL, *err = NULL;
  WeftTestTrace *trace;
  int exit_status;

  g_assert_no_error (error);
  path = g_build_filename (tmpdir, "test.weft", NULL);
  exit_status = weft_test_run_record (path, argv, record_options, &out, &err);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("weft record wrote no trace: %s", err);

  trace = weft_test_load (path, &error);
  if (!trace)
    g_error ("cannot load the recorded trace: %s (recorder said: %s)", error->message, err);
  trace->path = g_steal_pointer (&path);
  trace->exit_status = exit_status;
  trace->stdout_text = g_steal_pointer (&out);
  trace->stderr_text = g_steal_pointer (&err);
  return trace;
}

GPtrArray *
weft_test_events_of_kind (WeftTestTrace *trace, guint kind)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *event = g_ptr_array_index (trace->events, i);

      if (event->kind == kind)
        g_ptr_array_add (found, (gpointer) event);
    }
  return found;
}

const struct weft_event_header *
weft_test_find (WeftTestTrace *trace, guint kind, WeftTestEventPred pred, gpointer data)
{
  for (guint i = 0; i < trace->events->len; i++)
    {
      const struct weft_event_header *event = g_ptr_array_index (trace->events, i);

      if (event->kind == kind && (!pred || pred (event, data)))
        return event;
    }
  return NULL;
}

int
weft_test_run_cli_in (const char *dir, gboolean as_nobody, const char *const *args, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (as_nobody)
    {
      g_ptr_array_add (argv, (char *) "setpriv");
      g_ptr_array_add (argv, (char *) "--reuid=65534");
      g_ptr_array_add (argv, (char *) "--regid=65534");
      g_ptr_array_add (argv, (char *) "--clear-groups");
      g_ptr_array_add (argv, (char *) "--inh-caps=-all");
    }
  g_ptr_array_add (argv, (char *) weft_test_weft_bin ());
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

int
weft_test_run_cli (const char *const *args, char **out, char **err)
{
  return weft_test_run_cli_in (NULL, FALSE, args, out, err);
}

void
weft_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        weft_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
weft_test_demo_frame (const char *func, const char *file, const char *code, int nth)
{
  g_autofree char *path = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "demos", "python", file, NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  int found = 0, line = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i]; i++)
    if (strstr (lines[i], code) && (++found == nth || nth < 0))
      {
        line = i + 1;
        if (nth > 0)
          break;
      }
  g_assert_cmpint (line, >, 0);
  /* A module's frame is "<module>", a function's "name()". */
  return g_strdup_printf ("%s%s \342\200\224 %s:%d", func, func[0] == '<' ? "" : "()", file, line);
}

/* recorder-test-cli.c: what the `weft record` command-line tests share. */
#include "recorder-test-cli.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

char *
recorder_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("weft-cli-XXXXXX", &error);

  g_assert_no_error (error);
  g_chmod (dir, 01777);
  return dir;
}

void
recorder_test_assert_one_sentence (const char *err, const char *must_contain)
{
  g_assert_true (g_str_has_prefix (err, "weft: "));
  g_assert_nonnull (strstr (err, must_contain));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
}

void
recorder_test_assert_usage_refused (const char *const *args, const char *must_contain)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (weft_test_run_cli (args, &out, &err), ==, 2);
  recorder_test_assert_one_sentence (err, must_contain);
}

int
recorder_test_wait_for (GPid pid)
{
  int status;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

void
recorder_test_wait_for_file (const char *path, gsize min_size)
{
  for (int i = 0; i < 200; i++)
    {
      struct stat st;

      if (stat (path, &st) == 0 && (gsize) st.st_size >= min_size)
        return;
      g_usleep (50000);
    }
  g_error ("the recorder never wrote %s", path);
}

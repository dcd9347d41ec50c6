/*
 * test-py-text.c: Python files and frames as a student reads them — the
 * program's files by name, the library's by module path, so that the
 * library's pool.py is never taken for the program's.
 */
#include <glib.h>

#include "weft-event-text.h"

static void
check_file (const char *file, const char *text, gboolean library)
{
  g_autofree char *written = weft_py_file_text (file);

  g_assert_cmpstr (written, ==, text);
  g_assert_cmpint (weft_py_file_is_library (file), ==, library);
}

static void
test_files (void)
{
  check_file ("/home/student/pool.py", "pool.py", FALSE);
  check_file ("pool.py", "pool.py", FALSE);
  check_file ("/usr/lib/python3.11/threading.py", "threading.py", TRUE);
  check_file ("/usr/lib/python3.11/multiprocessing/pool.py", "multiprocessing/pool.py", TRUE);
  check_file ("/usr/lib/python3/dist-packages/gevent/hub.py", "gevent/hub.py", TRUE);
  /* Other layouts: lib64, /usr/local, a virtual environment. */
  check_file ("/usr/local/lib64/python3.12/asyncio/tasks.py", "asyncio/tasks.py", TRUE);
  check_file ("/home/student/venv/lib/python3.11/site-packages/greenlet/x.py", "greenlet/x.py", TRUE);
  check_file ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap>", TRUE);
  /* Not a file inside a library directory. */
  check_file ("/usr/lib/python3.11/", "python3.11", FALSE);
  check_file ("", "", FALSE);
}

static void
test_frames (void)
{
  g_autofree char *program = weft_py_frame_text ("worker", "/home/student/pool.py", 24);
  g_autofree char *library = weft_py_frame_text ("Pool._handle_tasks", "/usr/lib/python3.11/multiprocessing/pool.py", 531);
  g_autofree char *module = weft_py_frame_text ("<module>", "/home/student/pool.py", 3);

  g_assert_cmpstr (program, ==, "worker() — pool.py:24");
  g_assert_cmpstr (library, ==, "Pool._handle_tasks() — multiprocessing/pool.py:531");
  g_assert_cmpstr (module, ==, "<module> — pool.py:3");
  g_assert_null (weft_py_frame_text ("", "pool.py", 1));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/py-text/files", test_files);
  g_test_add_func ("/py-text/frames", test_frames);
  return g_test_run ();
}

/*
 * test-crafted: files made to break a reader, handed to every command that
 * reads a trace (dump, show, stats, stats --json, export).  Each must end
 * within two minutes, under a memory cap, with a correct result or one
 * sentence saying what is wrong: a 200 000-deep fork chain (no recursion
 * as deep as the file says), 300 000 children (memory per process), each
 * a quarter as big in the sanitized build, an event stamped at 2^63 ns (no arithmetic
 * that overflows), a chunk cut out of the middle (counted as missing), a
 * FIFO and /dev/zero (refused, never waited on).  The cap is `ulimit -v`;
 * in the sanitized build, whose shadow memory a virtual-memory cap would
 * forbid, it is AddressSanitizer's hard_rss_limit_mb.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "weft-test-crafted.h"
#include "weft-test-util.h"

/* Far below what the broken readers took (GBs, or forever), with room for
 * a loaded machine and AddressSanitizer's own redzones and quarantine. */
#ifdef WEFT_TEST_SANITIZED
#define MEMORY_CAP_MB 3072
#else
#define MEMORY_CAP_MB 1024
#endif
#define SECONDS_CAP "120"

/* The normal build checks the limits at full size.  The sanitized build
 * reads the same shapes a quarter as big: a bad read shows in the first
 * records as in the last, and its stack frames are several times larger,
 * so a recursion as deep as the file still overflows. */
#ifdef WEFT_TEST_SANITIZED
#define CHAIN_DEPTH 50000
#define N_CHILDREN 75000
#else
#define CHAIN_DEPTH 200000
#define N_CHILDREN 300000
#endif

static char *dir;

/* The same file without its second chunk (the first after the header). */
static char *
cut_out_second_chunk (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  char *cut = g_build_filename (dir, "middle-chunk-missing.weft", NULL);
  gsize length, pos;
  guint32 header_size, size1, size2;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  memcpy (&header_size, contents + 12, 4);
  pos = GUINT32_FROM_LE (header_size);
  memcpy (&size1, contents + pos + 8, 4);
  pos += 32 + GUINT32_FROM_LE (size1);
  memcpy (&size2, contents + pos + 8, 4);
  g_byte_array_append (out, (guint8 *) contents, pos);
  g_byte_array_append (out, (guint8 *) contents + pos + 32 + GUINT32_FROM_LE (size2),
                       length - pos - 32 - GUINT32_FROM_LE (size2));
  g_assert_true (g_file_set_contents (cut, (char *) out->data, out->len, NULL));
  return cut;
}

/* `weft ARGS` under the caps; its exit status, stderr in *err. */
static int
run_capped (const char *const *args, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;
  int status = 0;

#ifdef WEFT_TEST_SANITIZED
  {
    const char *asan = g_environ_getenv (env, "ASAN_OPTIONS");
    g_autofree char *capped = g_strdup_printf ("%s%shard_rss_limit_mb=%d", asan ? asan : "", asan ? ":" : "",
                                               MEMORY_CAP_MB);

    env = g_environ_setenv (env, "ASAN_OPTIONS", capped, TRUE);
    script = g_strdup ("exec timeout " SECONDS_CAP " \"$@\" >/dev/null");
  }
#else
  script = g_strdup_printf ("ulimit -v %d && exec timeout " SECONDS_CAP " \"$@\" >/dev/null", MEMORY_CAP_MB * 1024);
#endif
  g_ptr_array_add (argv, (char *) "/bin/sh");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) "sh");
  g_ptr_array_add (argv, (char *) weft_test_weft_bin ());
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

enum { DUMP = 1, SHOW = 2, STATS = 4, STATS_JSON = 8, EXPORT = 16 };

/* Every reading command on `file` (but those in `skip`): exit status `want` (0: a result, with
 * nothing on stderr but warnings; else one "weft: " sentence saying
 * `must_say`), never a crash (>= 128) or the time cap (124). */
static void
for_each_command_but (const char *file, int want, const char *must_say, guint skip)
{
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  const char *commands[][7] = {
    { "dump", file, NULL },
    { "show", file, "--width", "80", NULL },
    { "stats", file, NULL },
    { "stats", "--json", file, NULL },
    { "export", file, "--format", "png", "-o", png, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      gint64 started;
      int status;

      if (skip & (1u << i))
        continue;
      started = g_get_monotonic_time ();
      status = run_capped (commands[i], &err);

      g_test_message ("weft %s %s: exit %d in %.1f s", commands[i][0], file, status,
                      (g_get_monotonic_time () - started) / 1e6);
      if (status != want || (must_say && (!g_str_has_prefix (err, "weft: ") || !strstr (err, must_say))))
        g_error ("weft %s %s: exit %d, said \"%s\" (wanted exit %d%s%s)", commands[i][0], file, status, err, want,
                 must_say ? " saying " : "", must_say ? must_say : "");
    }
}

static void
for_each_command (const char *file, int want, const char *must_say)
{
  for_each_command_but (file, want, must_say, 0);
}

static void
test_deep_chain (void)
{
  g_autofree char *path = weft_test_write_crafted (dir, "deep-chain.weft", WEFT_CRAFTED_CHAIN, CHAIN_DEPTH);
  g_autofree char *png = g_build_filename (dir, "deep.png", NULL);
  const char *export[] = { "export", path, "--format", "png", "--height", "2000", "-o", png, NULL };
  g_autofree char *err = NULL;

  /* Not export with every lane (4.8 M pixels high, refused in one
   * sentence): with a height it draws. */
  for_each_command_but (path, 0, NULL, EXPORT);
  g_assert_cmpint (run_capped (export, &err), ==, 0);
}

/* 300 000 short-lived children of one parent: every command answers under
 * the cap, stats --json too (it once took 2.3 GB building its document). */
static void
test_many_children (void)
{
  g_autofree char *path = weft_test_write_crafted (dir, "many-children.weft", WEFT_CRAFTED_MANY_CHILDREN, N_CHILDREN);
  g_autofree char *png = g_build_filename (dir, "many.png", NULL);
  const char *export[] = { "export", path, "--format", "png", "--height", "2000", "-o", png, NULL };
  g_autofree char *err = NULL;

  for_each_command_but (path, 0, NULL, EXPORT);
  g_assert_cmpint (run_capped (export, &err), ==, 0);
}

static void
test_far_future (void)
{
  g_autofree char *path = weft_test_write_crafted (dir, "far-future.weft", WEFT_CRAFTED_FAR_FUTURE, 0);

  for_each_command (path, 1, "impossible time");
}

static void
test_missing_middle_chunk (void)
{
  g_autofree char *whole = weft_test_write_crafted (dir, "three-chunks.weft", WEFT_CRAFTED_CHUNKS, 300);
  g_autofree char *cut = cut_out_second_chunk (whole);

  for_each_command (whole, 0, NULL);
  for_each_command (cut, 1, "100 of its events are missing");
}

static void
test_fifo (void)
{
  g_autofree char *fifo = g_build_filename (dir, "fifo.weft", NULL);

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  for_each_command (fifo, 1, "not a regular file");
}

static void
test_device (void)
{
  for_each_command ("/dev/zero", 1, "not a regular file");
}

int
main (int argc, char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("weft-crafted-XXXXXX", NULL);
  g_test_add_func ("/crafted/deep-chain", test_deep_chain);
  g_test_add_func ("/crafted/many-children", test_many_children);
  g_test_add_func ("/crafted/far-future", test_far_future);
  g_test_add_func ("/crafted/missing-middle-chunk", test_missing_middle_chunk);
  g_test_add_func ("/crafted/fifo", test_fifo);
  g_test_add_func ("/crafted/device", test_device);
  result = g_test_run ();
  weft_test_remove_tree (dir);
  return result;
}

/* weft-test-crafted.c: the crafted traces' shapes, written for real. */
#include "weft-test-crafted.h"

#include <fcntl.h>
#include <glib/gstdio.h>

#include "weft-trace-writer.h"

#define ROOT 1000

static void
add (WeftTraceWriter *writer, gconstpointer record, gsize size)
{
  g_autoptr (GError) error = NULL;

  if (!weft_trace_writer_add (writer, record, size, &error))
    g_error ("%s", error->message);
}

static void
add_fork (WeftTraceWriter *writer, guint64 ts, guint32 parent, guint32 child)
{
  struct weft_fork fork = { .h = { .ts = ts, .tgid = parent, .tid = parent, .kind = WEFT_EV_FORK,
                                   .size = sizeof fork },
                            .child_tgid = child, .child_tid = child, .child_ppid = parent };

  add (writer, &fork, sizeof fork);
}

static void
add_child_life (WeftTraceWriter *writer, guint64 ts, guint32 child)
{
  struct weft_exit exit_ = { .h = { .ts = ts + 500, .tgid = child, .tid = child, .kind = WEFT_EV_EXIT,
                                    .size = sizeof exit_ },
                             .flags = WEFT_EXIT_GROUP_DEAD, .parent_tgid = ROOT };
  struct weft_reap reap = { .h = { .ts = ts + 900, .tgid = ROOT, .tid = ROOT, .kind = WEFT_EV_REAP,
                                   .size = sizeof reap },
                            .pid = child, .reaper = ROOT };

  add_fork (writer, ts, ROOT, child);
  add (writer, &exit_, sizeof exit_);
  add (writer, &reap, sizeof reap);
}

char *
weft_test_write_crafted (const char *dir, const char *name, WeftCraftedShape shape, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceWriter) writer = NULL;
  const char *argv[] = { "crafted", NULL };
  WeftTraceInfo info = { .start_monotonic_ns = 1000, .root_pid = ROOT, .hostname = (char *) "host",
                         .kernel = (char *) "6.1", .argv = (char **) argv };
  char *path = g_build_filename (dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);
  switch (shape)
    {
    case WEFT_CRAFTED_CHAIN:
      for (guint i = 0; i < n; i++)
        add_fork (writer, 2000 + i, ROOT + i, ROOT + 1 + i);
      break;
    case WEFT_CRAFTED_FAR_FUTURE:
      add_fork (writer, 2000, ROOT, ROOT + 1);
      add_fork (writer, G_GUINT64_CONSTANT (1) << 63, ROOT, ROOT + 2);
      break;
    case WEFT_CRAFTED_MANY_CHILDREN:
      for (guint i = 0; i < n; i++)
        add_child_life (writer, 2000 + (guint64) i * 1000, ROOT + 1 + i);
      break;
    case WEFT_CRAFTED_CHUNKS:
      for (guint i = 0; i < n; i++)
        {
          add_fork (writer, 2000 + (guint64) i * 1000, ROOT, 2 * ROOT + i);
          if (i % 100 == 99)
            g_assert_true (weft_trace_writer_flush (writer, &error));
        }
      break;
    }
  g_assert_true (weft_trace_writer_finish (writer, 0, 2000 + 1000000, &error));
  g_assert_no_error (error);
  return path;
}

/* weft-bookmarks.c: bookmarks as [bookmark N] groups of a key file. */
#include "weft-bookmarks.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

typedef struct {
  gint64 time_ns;
  char *note;
} Bookmark;

struct _WeftBookmarks {
  GObject parent_instance;

  char *path;
  GArray *items;  /* Bookmark, by time */
  GArray *times;  /* gint64, parallel */
};

G_DEFINE_FINAL_TYPE (WeftBookmarks, weft_bookmarks, G_TYPE_OBJECT)

static void
bookmark_clear (gpointer data)
{
  g_free (((Bookmark *) data)->note);
}

static void
weft_bookmarks_finalize (GObject *object)
{
  WeftBookmarks *self = WEFT_BOOKMARKS (object);

  g_free (self->path);
  g_array_unref (self->items);
  g_array_unref (self->times);
  G_OBJECT_CLASS (weft_bookmarks_parent_class)->finalize (object);
}

static void
weft_bookmarks_class_init (WeftBookmarksClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = weft_bookmarks_finalize;
}

static void
weft_bookmarks_init (WeftBookmarks *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Bookmark));
  g_array_set_clear_func (self->items, bookmark_clear);
  self->times = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static int
compare_bookmarks (gconstpointer a, gconstpointer b)
{
  gint64 ta = ((const Bookmark *) a)->time_ns, tb = ((const Bookmark *) b)->time_ns;
  return ta < tb ? -1 : ta > tb;
}

static void
reindex (WeftBookmarks *self)
{
  g_array_sort (self->items, compare_bookmarks);
  g_array_set_size (self->times, 0);
  for (guint i = 0; i < self->items->len; i++)
    g_array_append_val (self->times, g_array_index (self->items, Bookmark, i).time_ns);
}

static void
append (WeftBookmarks *self, gint64 time_ns, const char *note)
{
  Bookmark bookmark = { time_ns, g_strdup (note ? note : "") };
  g_array_append_val (self->items, bookmark);
}

WeftBookmarks *
weft_bookmarks_new_for_trace (const char *trace_path, GError **error)
{
  g_autoptr (WeftBookmarks) self = g_object_new (WEFT_TYPE_BOOKMARKS, NULL);
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) groups = NULL;

  self->path = g_strconcat (trace_path, ".bookmarks", NULL);
  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&self);
  if (!g_key_file_load_from_file (file, self->path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The bookmarks in %s cannot be read (%s); they are ignored."), self->path,
                   local_error->message);
      return g_steal_pointer (&self);
    }
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      gint64 t = g_key_file_get_int64 (file, groups[i], "time_ns", NULL);
      g_autofree char *note = g_key_file_get_string (file, groups[i], "note", NULL);
      if (t >= 0)
        append (self, t, note);
    }
  reindex (self);
  return g_steal_pointer (&self);
}

static gboolean
save (WeftBookmarks *self, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      const Bookmark *b = &g_array_index (self->items, Bookmark, i);
      g_autofree char *group = g_strdup_printf ("bookmark %u", i + 1);
      g_key_file_set_int64 (file, group, "time_ns", b->time_ns);
      g_key_file_set_string (file, group, "note", b->note);
    }
  if (self->items->len == 0)
    {
      /* Nothing left: no empty file next to the trace. */
      if (g_file_test (self->path, G_FILE_TEST_EXISTS) && g_remove (self->path) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       _("Cannot remove %s: %s."), self->path, g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  return g_key_file_save_to_file (file, self->path, error);
}

const char *
weft_bookmarks_get_path (WeftBookmarks *self)
{
  return self->path;
}

guint
weft_bookmarks_get_n (WeftBookmarks *self)
{
  return self->items->len;
}

gint64
weft_bookmarks_get_time (WeftBookmarks *self, guint index)
{
  g_return_val_if_fail (index < self->items->len, -1);
  return g_array_index (self->items, Bookmark, index).time_ns;
}

const char *
weft_bookmarks_get_note (WeftBookmarks *self, guint index)
{
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_array_index (self->items, Bookmark, index).note;
}

const gint64 *
weft_bookmarks_get_times (WeftBookmarks *self)
{
  return (const gint64 *) self->times->data;
}

gboolean
weft_bookmarks_add (WeftBookmarks *self, gint64 time_ns, const char *note, GError **error)
{
  append (self, MAX (time_ns, 0), note);
  reindex (self);
  return save (self, error);
}

gboolean
weft_bookmarks_remove (WeftBookmarks *self, guint index, GError **error)
{
  g_return_val_if_fail (index < self->items->len, FALSE);
  g_array_remove_index (self->items, index);
  reindex (self);
  return save (self, error);
}

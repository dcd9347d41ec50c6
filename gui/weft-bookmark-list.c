/* weft-bookmark-list.c: the bookmarks menu of the replay bar. */
#include "weft-bookmark-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "weft-duration.h"

struct _WeftBookmarkList {
  GObject parent_instance;

  GtkEntry *note_entry;
  GtkListBox *list;
  WeftReplay *replay;
  WeftTimelineView *view;
  WeftBookmarks *bookmarks;
};

G_DEFINE_FINAL_TYPE (WeftBookmarkList, weft_bookmark_list, G_TYPE_OBJECT)

static void
weft_bookmark_list_dispose (GObject *object)
{
  WeftBookmarkList *self = WEFT_BOOKMARK_LIST (object);

  g_clear_object (&self->replay);
  g_clear_object (&self->bookmarks);
  G_OBJECT_CLASS (weft_bookmark_list_parent_class)->dispose (object);
}

static void
weft_bookmark_list_class_init (WeftBookmarkListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_bookmark_list_dispose;
}

static void
weft_bookmark_list_init (WeftBookmarkList *self)
{
}

static void
refresh (WeftBookmarkList *self)
{
  GtkWidget *child;
  guint n = self->bookmarks ? weft_bookmarks_get_n (self->bookmarks) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *at = weft_format_duration (weft_bookmarks_get_time (self->bookmarks, i));
      const char *note = weft_bookmarks_get_note (self->bookmarks, i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note && *note ? note : _("(no note)"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), at);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
  weft_timeline_view_set_bookmarks (self->view, self->bookmarks ? weft_bookmarks_get_times (self->bookmarks) : NULL, n);
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, WeftBookmarkList *self)
{
  guint index = gtk_list_box_row_get_index (row);

  if (self->bookmarks && index < weft_bookmarks_get_n (self->bookmarks))
    weft_replay_seek (self->replay, weft_bookmarks_get_time (self->bookmarks, index));
}

WeftBookmarkList *
weft_bookmark_list_new (GtkEntry *note_entry, GtkListBox *list, WeftReplay *replay, WeftTimelineView *view)
{
  WeftBookmarkList *self = g_object_new (WEFT_TYPE_BOOKMARK_LIST, NULL);

  self->note_entry = note_entry;
  self->list = list;
  self->replay = g_object_ref (replay);
  self->view = view;
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated), self, 0);
  return self;
}

void
weft_bookmark_list_set_bookmarks (WeftBookmarkList *self, WeftBookmarks *bookmarks)
{
  g_set_object (&self->bookmarks, bookmarks);
  refresh (self);
}

gboolean
weft_bookmark_list_add (WeftBookmarkList *self, GError **error)
{
  gint64 t = weft_replay_get_playhead (self->replay);
  gboolean added;
  int thread;
  gint64 selected;

  if (self->bookmarks == NULL)
    return TRUE;
  /* Not replaying: bookmark the clicked moment, or the middle of the view. */
  if (t < 0)
    {
      weft_timeline_view_get_selection (self->view, &thread, &selected);
      if (thread >= 0 && selected >= 0)
        t = selected;
      else
        {
          gint64 t0, t1;
          weft_timeline_renderer_get_window (weft_timeline_view_get_renderer (self->view), &t0, &t1);
          t = MAX (t0 + (t1 - t0) / 2, 0);
        }
    }
  added = weft_bookmarks_add (self->bookmarks, t, gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), error);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  refresh (self);
  return added;
}

/* weft-recent-list.c: the traces opened lately. */
#include "weft-recent-list.h"

#include <adwaita.h>

/* Rows shown at most. */
#define MAX_RECENT 6

struct _WeftRecentList {
  GObject parent_instance;

  GtkListBox *list;
  GMenu *menu_section;
};

G_DEFINE_FINAL_TYPE (WeftRecentList, weft_recent_list, G_TYPE_OBJECT)

enum { SIGNAL_OPEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
weft_recent_list_class_init (WeftRecentListClass *klass)
{
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_FILE);
}

static void
weft_recent_list_init (WeftRecentList *self)
{
}

static void
on_row_activated (GtkListBox *list, GtkListBoxRow *row, WeftRecentList *self)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_object_get_data (G_OBJECT (row), "uri"));

  g_signal_emit (self, signals[SIGNAL_OPEN], 0, file);
}

/* Newest first: the manager lists its items in the order they were first
 * added, and a trace opened again is the one a teacher wants on top. */
static gint
newest_first (gconstpointer a, gconstpointer b)
{
  GDateTime *modified_a = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *modified_b = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  if (!modified_a || !modified_b)
    return (modified_a == NULL) - (modified_b == NULL);
  return g_date_time_compare (modified_b, modified_a);
}

static void
refresh (WeftRecentList *self)
{
  GList *items = g_list_sort (gtk_recent_manager_get_items (gtk_recent_manager_get_default ()), newest_first);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_menu_remove_all (self->menu_section);

  for (GList *l = items; l && shown < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *detailed = NULL;
      g_autofree char *where = NULL; /* gtk_recent_info_get_uri_display is (transfer full) */
      GtkWidget *row;

      if (!g_str_has_suffix (uri, ".weft") || !gtk_recent_info_exists (info))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      where = gtk_recent_info_get_uri_display (info);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->list, row);
      detailed = g_strdup_printf ("win.open-uri('%s')", uri);
      g_menu_append (self->menu_section, gtk_recent_info_get_display_name (info), detailed);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), shown > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

WeftRecentList *
weft_recent_list_new (GtkListBox *list, GMenu *menu_section)
{
  WeftRecentList *self = g_object_new (WEFT_TYPE_RECENT_LIST, NULL);

  self->list = list;
  self->menu_section = menu_section;
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated), self, 0);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}

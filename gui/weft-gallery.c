/* weft-gallery.c: the demos as one list, a heading before each section's,
 * each demo a card with what to look for and its Run button. */
#include "weft-gallery.h"

#include <glib/gi18n.h>
#include <string.h>

#define SECTION_KEY "section:"

struct _WeftGallery {
  GtkBox parent_instance;

  GtkWidget *scroller;
  WeftDemoCatalog *catalog;
  GHashTable *run_buttons; /* demo id -> GtkButton */
};

enum { SIGNAL_RUN_DEMO, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WeftGallery, weft_gallery, GTK_TYPE_BOX)

static void
on_run_clicked (GtkButton *button, WeftGallery *self)
{
  const WeftDemo *demo = g_object_get_data (G_OBJECT (button), "demo");

  if (demo)
    g_signal_emit (self, signals[SIGNAL_RUN_DEMO], 0, demo);
}

/* The widgets of one list item: a section heading, or a demo's card. */
typedef struct {
  GtkWidget *heading;
  GtkWidget *card;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *run;
} ItemWidgets;

static void
setup_item (GtkSignalListItemFactory *factory, GtkListItem *item, WeftGallery *self)
{
  ItemWidgets *w = g_new0 (ItemWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  w->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->heading), 0);
  gtk_widget_add_css_class (w->heading, "title-3");
  gtk_widget_set_margin_top (w->heading, 24);
  gtk_widget_set_margin_bottom (w->heading, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);

  w->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->title), 0);
  gtk_label_set_wrap (GTK_LABEL (w->title), TRUE);
  gtk_widget_add_css_class (w->title, "heading");
  w->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (w->subtitle), TRUE);
  gtk_label_set_use_markup (GTK_LABEL (w->subtitle), TRUE);
  gtk_box_append (GTK_BOX (text), w->title);
  gtk_box_append (GTK_BOX (text), w->subtitle);
  gtk_widget_set_hexpand (text, TRUE);

  w->run = gtk_button_new_with_label (_("Run"));
  gtk_widget_set_valign (w->run, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (w->run, "suggested-action");
  g_signal_connect (w->run, "clicked", G_CALLBACK (on_run_clicked), self);

  w->card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (w->card, "card");
  gtk_widget_set_margin_top (w->card, 6);
  gtk_widget_set_margin_bottom (w->card, 6);
  for (GtkWidget *edge = text; edge; edge = edge == text ? w->run : NULL)
    {
      gtk_widget_set_margin_top (edge, 12);
      gtk_widget_set_margin_bottom (edge, 12);
    }
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (w->run, 12);
  gtk_box_append (GTK_BOX (w->card), text);
  gtk_box_append (GTK_BOX (w->card), w->run);

  gtk_box_append (GTK_BOX (box), w->heading);
  gtk_box_append (GTK_BOX (box), w->card);
  g_object_set_data_full (G_OBJECT (item), "widgets", w, g_free);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, box);
}

static const WeftDemoSection *
find_section (WeftDemoCatalog *catalog, const char *id)
{
  GPtrArray *sections = weft_demo_catalog_get_sections (catalog);

  for (guint i = 0; i < sections->len; i++)
    {
      const WeftDemoSection *section = g_ptr_array_index (sections, i);

      if (g_str_equal (section->id, id))
        return section;
    }
  return NULL;
}

static void
bind_demo (WeftGallery *self, ItemWidgets *w, const WeftDemo *demo)
{
  g_autofree char *description = g_markup_escape_text (weft_demo_text_get (&demo->description), -1);
  g_autofree char *look_for = g_markup_escape_text (weft_demo_text_get (&demo->look_for), -1);
  g_autofree char *title = g_strconcat (weft_demo_text_get (&demo->title),
                                        demo->interactive ? _(" (type into its terminal)") : "", NULL);
  g_autofree char *subtitle = g_strdup_printf ("%s\n<b>%s</b> %s", description, _("Look for:"), look_for);

  gtk_label_set_text (GTK_LABEL (w->title), title);
  gtk_label_set_markup (GTK_LABEL (w->subtitle), subtitle);
  gtk_widget_set_tooltip_text (w->run, demo->language == WEFT_DEMO_LANGUAGE_PYTHON ? _("Record this Python demo live")
                                                                                    : _("Record this C demo live"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->run), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
  g_object_set_data (G_OBJECT (w->run), "demo", (gpointer) demo);
  g_hash_table_replace (self->run_buttons, g_strdup (demo->id), w->run);
}

/* An item's key is "section:ID" for a heading, else a demo's id. */
static void
bind_item (GtkSignalListItemFactory *factory, GtkListItem *item, WeftGallery *self)
{
  ItemWidgets *w = g_object_get_data (G_OBJECT (item), "widgets");
  const char *key = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const WeftDemoSection *section = NULL;
  const WeftDemo *demo = NULL;

  if (g_str_has_prefix (key, SECTION_KEY))
    section = find_section (self->catalog, key + strlen (SECTION_KEY));
  else
    demo = weft_demo_catalog_lookup (self->catalog, key);
  gtk_widget_set_visible (w->heading, section != NULL);
  gtk_widget_set_visible (w->card, demo != NULL);
  if (section)
    gtk_label_set_text (GTK_LABEL (w->heading), weft_demo_text_get (&section->title));
  if (demo)
    bind_demo (self, w, demo);
}

static void
unbind_item (GtkSignalListItemFactory *factory, GtkListItem *item, WeftGallery *self)
{
  ItemWidgets *w = g_object_get_data (G_OBJECT (item), "widgets");
  const WeftDemo *demo = g_object_get_data (G_OBJECT (w->run), "demo");

  if (demo && g_hash_table_lookup (self->run_buttons, demo->id) == w->run)
    g_hash_table_remove (self->run_buttons, demo->id);
  g_object_set_data (G_OBJECT (w->run), "demo", NULL);
}

/* A list view, not a box of rows: only the demos on screen are laid out.
 * Their wrapped descriptions are costly to measure, and all of them at
 * once froze the window for seconds when the gallery opened. */
void
weft_gallery_load (WeftGallery *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) keys = NULL;
  GtkListItemFactory *factory;
  GtkWidget *list, *clamp;
  GPtrArray *sections;

  g_clear_object (&self->catalog);
  g_hash_table_remove_all (self->run_buttons);
  self->catalog = weft_demo_catalog_new (&error);
  if (!self->catalog)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Demos Here"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), status);
      return;
    }

  keys = gtk_string_list_new (NULL);
  sections = weft_demo_catalog_get_sections (self->catalog);
  for (guint i = 0; i < sections->len; i++)
    {
      const WeftDemoSection *section = g_ptr_array_index (sections, i);
      g_autofree char *heading = g_strconcat (SECTION_KEY, section->id, NULL);

      gtk_string_list_append (keys, heading);
      for (guint j = 0; j < section->demos->len; j++)
        gtk_string_list_append (keys, ((const WeftDemo *) g_ptr_array_index (section->demos, j))->id);
    }
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&keys)))),
                            factory);
  gtk_widget_add_css_class (list, "weft-gallery");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_bottom (list, 24);
  clamp = adw_clamp_scrollable_new ();
  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (clamp), 900);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
}

WeftDemoCatalog *
weft_gallery_get_catalog (WeftGallery *self)
{
  return self->catalog;
}

GtkWidget *
weft_gallery_get_run_button (WeftGallery *self, const char *demo_id)
{
  return g_hash_table_lookup (self->run_buttons, demo_id);
}

static void
weft_gallery_dispose (GObject *object)
{
  WeftGallery *self = WEFT_GALLERY (object);

  g_clear_pointer (&self->run_buttons, g_hash_table_unref);
  G_OBJECT_CLASS (weft_gallery_parent_class)->dispose (object);
}

static void
weft_gallery_finalize (GObject *object)
{
  WeftGallery *self = WEFT_GALLERY (object);

  /* After the rows: their buttons point into the catalog. */
  g_clear_object (&self->catalog);
  G_OBJECT_CLASS (weft_gallery_parent_class)->finalize (object);
}

static void
weft_gallery_class_init (WeftGalleryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = weft_gallery_dispose;
  G_OBJECT_CLASS (klass)->finalize = weft_gallery_finalize;
  signals[SIGNAL_RUN_DEMO] = g_signal_new ("run-demo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
weft_gallery_init (WeftGallery *self)
{
  self->run_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_box_append (GTK_BOX (self), self->scroller);
}

GtkWidget *
weft_gallery_new (void)
{
  return g_object_new (WEFT_TYPE_GALLERY, NULL);
}

/* weft-gallery.c: one preferences group per section, one row per demo. */
#include "weft-gallery.h"

#include <glib/gi18n.h>

struct _WeftGallery {
  GtkBox parent_instance;

  GtkWidget *scroller;
  GtkWidget *content;
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

  g_signal_emit (self, signals[SIGNAL_RUN_DEMO], 0, demo);
}

static GtkWidget *
demo_row (WeftGallery *self, const WeftDemo *demo)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *run = gtk_button_new_with_label (_("Run"));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = g_markup_escape_text (weft_demo_text_get (&demo->description), -1);
  g_autofree char *look_for = g_markup_escape_text (weft_demo_text_get (&demo->look_for), -1);

  title = g_markup_printf_escaped ("%s%s", weft_demo_text_get (&demo->title),
                                   demo->interactive ? _(" (type into its terminal)") : "");
  subtitle = g_strdup_printf ("%s\n<b>%s</b> %s", description, _("Look for:"), look_for);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (run, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (run, "suggested-action");
  gtk_widget_set_tooltip_text (run, demo->language == WEFT_DEMO_LANGUAGE_PYTHON ? _("Record this Python demo live")
                                                                                : _("Record this C demo live"));
  g_object_set_data (G_OBJECT (run), "demo", (gpointer) demo);
  g_signal_connect (run, "clicked", G_CALLBACK (on_run_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), run);
  g_hash_table_insert (self->run_buttons, g_strdup (demo->id), run);
  return row;
}

void
weft_gallery_load (WeftGallery *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
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

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  sections = weft_demo_catalog_get_sections (self->catalog);
  for (guint i = 0; i < sections->len; i++)
    {
      const WeftDemoSection *section = g_ptr_array_index (sections, i);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), weft_demo_text_get (&section->title));
      for (guint j = 0; j < section->demos->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), demo_row (self, g_ptr_array_index (section->demos, j)));
      gtk_box_append (GTK_BOX (box), group);
    }
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
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

/* weft-search-controller.c: the search bar over the timeline. */
#include "weft-search-controller.h"

#include <glib/gi18n.h>

struct _WeftSearchController {
  GObject parent_instance;

  GtkSearchBar *bar;
  GtkSearchEntry *entry;
  GtkLabel *match_label;
  WeftTimelineView *view;
};

G_DEFINE_FINAL_TYPE (WeftSearchController, weft_search_controller, G_TYPE_OBJECT)

static void
weft_search_controller_class_init (WeftSearchControllerClass *klass)
{
}

static void
weft_search_controller_init (WeftSearchController *self)
{
}

static void
show_match_position (WeftSearchController *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  guint current, n;
  g_autofree char *position = NULL;

  weft_timeline_view_get_search_position (self->view, &current, &n);
  if (*text == '\0')
    position = g_strdup ("");
  else if (n == 0)
    position = g_strdup (_("no match"));
  else
    /* Translators: the match shown, of how many: "3 of 12" */
    position = g_strdup_printf (_("%u of %u"), current, n);
  gtk_label_set_text (self->match_label, position);
  if (n == 0 && *text)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static void
on_search_changed (GtkSearchEntry *entry, WeftSearchController *self)
{
  weft_timeline_view_search (self->view, gtk_editable_get_text (GTK_EDITABLE (entry)));
  show_match_position (self);
}

static void
on_next (GtkSearchEntry *entry, WeftSearchController *self)
{
  weft_search_controller_step (self, TRUE);
}

static void
on_previous (GtkSearchEntry *entry, WeftSearchController *self)
{
  weft_search_controller_step (self, FALSE);
}

WeftSearchController *
weft_search_controller_new (GtkSearchBar *bar, GtkSearchEntry *entry, GtkLabel *match_label, WeftTimelineView *view)
{
  WeftSearchController *self = g_object_new (WEFT_TYPE_SEARCH_CONTROLLER, NULL);

  self->bar = bar;
  self->entry = entry;
  self->match_label = match_label;
  self->view = view;
  /* Typing anywhere must not open it: plain keys drive the replay. */
  gtk_search_bar_set_key_capture_widget (bar, NULL);
  g_signal_connect_object (entry, "search-changed", G_CALLBACK (on_search_changed), self, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_next), self, 0);
  g_signal_connect_object (entry, "next-match", G_CALLBACK (on_next), self, 0);
  g_signal_connect_object (entry, "previous-match", G_CALLBACK (on_previous), self, 0);
  return self;
}

void
weft_search_controller_begin (WeftSearchController *self)
{
  gtk_search_bar_set_search_mode (self->bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

void
weft_search_controller_step (WeftSearchController *self, gboolean forward)
{
  weft_timeline_view_search_step (self->view, forward);
  show_match_position (self);
}

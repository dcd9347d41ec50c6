/* weft-details-dock.c: the details pane beside the timeline, or over it. */
#include "weft-details-dock.h"

#include <math.h>

struct _WeftDetailsDock {
  GObject parent_instance;

  GtkWidget *details;
  GtkPaned *side;
  GtkOverlay *over;
  WeftTimelineView *view;
  gboolean floating;
};

G_DEFINE_FINAL_TYPE (WeftDetailsDock, weft_details_dock, G_TYPE_OBJECT)

static void
weft_details_dock_class_init (WeftDetailsDockClass *klass)
{
}

static void
weft_details_dock_init (WeftDetailsDock *self)
{
}

/* Floating, the pane sits at the right from the top down to the legend,
 * which stays readable below it. */
static gboolean
place_floating (GtkOverlay *over, GtkWidget *child, GdkRectangle *allocation, WeftDetailsDock *self)
{
  WeftTimelineRenderer *renderer = weft_timeline_view_get_renderer (self->view);
  int width = gtk_widget_get_width (GTK_WIDGET (over));
  int height = gtk_widget_get_height (GTK_WIDGET (over));
  int legend = (int) ceil (weft_timeline_renderer_get_legend_height (renderer));
  int min_width, natural_width, min_height;

  if (child != self->details)
    return FALSE;
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural_width, NULL, NULL);
  allocation->width = MAX (min_width, MIN (natural_width, width));
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, allocation->width, &min_height, NULL, NULL, NULL);
  allocation->x = width - allocation->width;
  allocation->y = 0;
  allocation->height = MAX (min_height, height - legend);
  return TRUE;
}

WeftDetailsDock *
weft_details_dock_new (WeftDetailsPane *details, GtkPaned *side, GtkOverlay *over, WeftTimelineView *view)
{
  WeftDetailsDock *self = g_object_new (WEFT_TYPE_DETAILS_DOCK, NULL);

  self->details = GTK_WIDGET (details);
  self->side = side;
  self->over = over;
  self->view = view;
  g_signal_connect_object (over, "get-child-position", G_CALLBACK (place_floating), self, 0);
  return self;
}

void
weft_details_dock_set_floating (WeftDetailsDock *self, gboolean floating)
{
  int thread;
  gint64 t;

  self->floating = floating;
  if (floating == GTK_IS_OVERLAY (gtk_widget_get_parent (self->details)))
    return;
  g_object_ref (self->details);
  if (floating)
    {
      gtk_paned_set_end_child (self->side, NULL);
      gtk_widget_set_halign (self->details, GTK_ALIGN_END);
      gtk_widget_set_valign (self->details, GTK_ALIGN_FILL);
      gtk_widget_add_css_class (self->details, "floating");
      gtk_overlay_add_overlay (self->over, self->details);
      /* Shown over the timeline only for a lane clicked. */
      weft_timeline_view_get_selection (self->view, &thread, &t);
      gtk_widget_set_visible (self->details, thread >= 0);
    }
  else
    {
      gtk_overlay_remove_overlay (self->over, self->details);
      gtk_widget_set_halign (self->details, GTK_ALIGN_FILL);
      gtk_widget_set_valign (self->details, GTK_ALIGN_FILL);
      gtk_widget_remove_css_class (self->details, "floating");
      gtk_paned_set_end_child (self->side, self->details);
      gtk_widget_set_visible (self->details, TRUE);
    }
  g_object_unref (self->details);
}

gboolean
weft_details_dock_get_floating (WeftDetailsDock *self)
{
  return self->floating;
}

void
weft_details_dock_show (WeftDetailsDock *self, gboolean shown)
{
  if (self->floating)
    gtk_widget_set_visible (self->details, shown);
}

gboolean
weft_details_dock_is_shown (WeftDetailsDock *self)
{
  return gtk_widget_get_visible (self->details);
}

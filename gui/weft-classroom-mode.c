/* weft-classroom-mode.c: the window for a class in front of a projector. */
#include "weft-classroom-mode.h"

#include <vte/vte.h>

struct _WeftClassroomMode {
  GObject parent_instance;

  GtkWindow *window;
  GtkWidget *header_bar;
  WeftTimelineView *view;
  WeftLivePanel *panel;
  WeftDetailsDock *dock;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (WeftClassroomMode, weft_classroom_mode, G_TYPE_OBJECT)

static void
weft_classroom_mode_class_init (WeftClassroomModeClass *klass)
{
}

static void
weft_classroom_mode_init (WeftClassroomMode *self)
{
}

/* In classroom mode, and beside a live run's terminal, the timeline keeps
 * its width: the details pane floats over it. */
static void
place_details (WeftClassroomMode *self)
{
  weft_details_dock_set_floating (self->dock, self->active || gtk_widget_get_visible (GTK_WIDGET (self->panel)));
}

WeftClassroomMode *
weft_classroom_mode_new (GtkWindow *window, GtkWidget *header_bar, WeftTimelineView *view, WeftLivePanel *panel,
                         WeftDetailsDock *dock)
{
  WeftClassroomMode *self = g_object_new (WEFT_TYPE_CLASSROOM_MODE, NULL);

  self->window = window;
  self->header_bar = header_bar;
  self->view = view;
  self->panel = panel;
  self->dock = dock;
  g_signal_connect_object (panel, "notify::visible", G_CALLBACK (place_details), self, G_CONNECT_SWAPPED);
  return self;
}

gboolean
weft_classroom_mode_set_active (WeftClassroomMode *self, gboolean active)
{
  if (self->active == active)
    return FALSE;
  self->active = active;
  weft_timeline_view_set_presentation (self->view, active);
  /* The program's terminal must be readable from the back row too. */
  vte_terminal_set_font_scale (weft_live_panel_get_terminal (self->panel), active ? 1.6 : 1.0);
  /* Every pixel for the timeline: no header bar, no side pane. */
  gtk_widget_set_visible (self->header_bar, !active);
  place_details (self);
  if (active)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->window), "presentation");
      gtk_window_fullscreen (self->window);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->window), "presentation");
      gtk_window_unfullscreen (self->window);
    }
  return TRUE;
}

gboolean
weft_classroom_mode_get_active (WeftClassroomMode *self)
{
  return self->active;
}

/* gui-shot.h: what GTK draws for a widget, read back as pixels, for the
 * window tests (they run under Xvfb; gui-fixtures.h needs no display). */
#pragma once

#include <gtk/gtk.h>

#include "gui-fixtures.h"

G_BEGIN_DECLS

typedef struct {
  GdkTexture *texture;
  guint8 *pixels;
  GuiImage image; /* points into pixels */
} GuiShot;

/* The widget as it would be drawn now; waits for its first frame when it
 * was just laid out and has drawn nothing yet. */
GuiShot *gui_shot_take (GtkWidget *widget);
void gui_shot_free (GuiShot *shot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuiShot, gui_shot_free)

/* Saves the widget as WEFT_SCREENSHOT_DIR/name (PNG) when that variable is
 * set, for people to look at; does nothing otherwise. */
void gui_shot_save_if_asked (GtkWidget *widget, const char *name);

G_END_DECLS

/* gui-shot.c: a widget's pixels, as GTK renders them. */
#include "gui-shot.h"

GuiShot *
gui_shot_take (GtkWidget *widget)
{
  GuiShot *shot = g_new0 (GuiShot, 1);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GskRenderNode *node = NULL;
  int width, height;

  /* A loaded machine can be between two layouts (a window just opened
   * next to one just closed): wait for the widget's size, up to 5 s. */
  for (int i = 0; i < 500 && gtk_widget_get_width (widget) <= 0; i++)
    gui_wait_ms (10);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  for (int i = 0; i < 500 && node == NULL; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (i > 0)
        gui_wait_ms (10); /* just re-laid out: nothing drawn yet */
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  shot->texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  shot->image.width = gdk_texture_get_width (shot->texture);
  shot->image.height = gdk_texture_get_height (shot->texture);
  shot->image.stride = shot->image.width * 4;
  shot->pixels = g_malloc ((gsize) shot->image.stride * shot->image.height);
  gdk_texture_download (shot->texture, shot->pixels, shot->image.stride);
  shot->image.data = shot->pixels;
  return shot;
}

void
gui_shot_free (GuiShot *shot)
{
  g_clear_object (&shot->texture);
  g_free (shot->pixels);
  g_free (shot);
}

void
gui_shot_save_if_asked (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WEFT_SCREENSHOT_DIR");
  g_autoptr (GuiShot) shot = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  shot = gui_shot_take (widget);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (shot->texture, path));
}

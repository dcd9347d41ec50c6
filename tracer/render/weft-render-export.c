/* weft-render-export.c: cairo surfaces for each image format. */
#include "weft-render-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "weft-error.h"

#define MAX_SIDE 32000.0
/* 400 MB of pixels in memory at once; beyond that, SVG or PDF. */
#define MAX_PNG_PIXELS 100e6

gboolean
weft_image_format_from_string (const char *name, WeftImageFormat *format)
{
  if (g_ascii_strcasecmp (name, "png") == 0)
    *format = WEFT_IMAGE_PNG;
  else if (g_ascii_strcasecmp (name, "svg") == 0)
    *format = WEFT_IMAGE_SVG;
  else if (g_ascii_strcasecmp (name, "pdf") == 0)
    *format = WEFT_IMAGE_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_surface (cairo_surface_t *surface, const char *path, GError **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot write %s: %s."), path,
               status == CAIRO_STATUS_WRITE_ERROR ? g_strerror (errno) : cairo_status_to_string (status));
  return FALSE;
}

gboolean
weft_render_export (WeftTimelineRenderer *renderer, WeftImageFormat format, const char *path,
                    double width, double height, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double scroll;
  gboolean ok;

  if (height <= 0 && width >= 200 && width <= MAX_SIDE)
    {
      /* The banner and the legend wrap to the width: lay them out at it
       * before asking how tall everything is. */
      cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);

      cr = cairo_create (scratch);
      weft_timeline_renderer_draw (renderer, cr, width, weft_timeline_renderer_get_natural_height (renderer));
      cairo_destroy (cr);
      cairo_surface_destroy (scratch);
    }
  if (height <= 0)
    height = weft_timeline_renderer_get_natural_height (renderer);
  if (width < 200 || width > MAX_SIDE || height < 80 || height > MAX_SIDE)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                   _("The image would be %.0f x %.0f pixels; choose a width and height between 200 and 32000."),
                   width, height);
      return FALSE;
    }

  if (format == WEFT_IMAGE_PNG && width * height > MAX_PNG_PIXELS)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_USAGE,
                   _("The image would be %.0f x %.0f pixels, more than a PNG may have (100 million); "
                     "choose a smaller width or height, or export SVG or PDF."),
                   width, height);
      return FALSE;
    }
  switch (format)
    {
    case WEFT_IMAGE_SVG:
      surface = cairo_svg_surface_create (path, width, height);
      break;
    case WEFT_IMAGE_PDF:
      surface = cairo_pdf_surface_create (path, width, height);
      break;
    case WEFT_IMAGE_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      break;
    }
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  /* The picture is every lane from the top, whatever the view's scroll. */
  scroll = weft_timeline_renderer_get_scroll (renderer);
  weft_timeline_renderer_set_scroll (renderer, 0);
  cr = cairo_create (surface);
  weft_timeline_renderer_draw (renderer, cr, width, height);
  cairo_destroy (cr);
  weft_timeline_renderer_set_scroll (renderer, scroll);

  if (format == WEFT_IMAGE_PNG)
    {
      cairo_status_t status = cairo_surface_write_to_png (surface, path);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_FAILED, _("Cannot write %s: %s."), path,
                       status == CAIRO_STATUS_WRITE_ERROR ? _("the file cannot be created there")
                                                          : cairo_status_to_string (status));
          cairo_surface_destroy (surface);
          return FALSE;
        }
    }
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

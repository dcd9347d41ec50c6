/* weft-render-export.h: a timeline drawn into a PNG, SVG or PDF file. */
#pragma once

#include "weft-timeline-renderer.h"

G_BEGIN_DECLS

typedef enum {
  WEFT_IMAGE_PNG,
  WEFT_IMAGE_SVG,
  WEFT_IMAGE_PDF,
} WeftImageFormat;

/* "png", "svg" or "pdf"; FALSE for anything else. */
gboolean weft_image_format_from_string (const char *name, WeftImageFormat *format);

/* Draws the renderer's current window.  height <= 0 picks the height that
 * shows every lane. */
gboolean weft_render_export (WeftTimelineRenderer *renderer, WeftImageFormat format,
                             const char *path, double width, double height, GError **error);

G_END_DECLS

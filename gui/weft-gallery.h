/*
 * weft-gallery.h: the demo gallery — the course's demos from the catalog
 * (tracer/demos), grouped by topic, in the user's language, each with what
 * to look for and a Run button.
 */
#pragma once

#include <adwaita.h>

#include "weft-demo-catalog.h"

G_BEGIN_DECLS

#define WEFT_TYPE_GALLERY (weft_gallery_get_type ())
G_DECLARE_FINAL_TYPE (WeftGallery, weft_gallery, WEFT, GALLERY, GtkBox)

/* Signal "run-demo" (gpointer: a const WeftDemo * owned by the catalog). */
GtkWidget *weft_gallery_new (void);

/* Loads the catalog weft finds by itself; when there is none the gallery
 * says so in one sentence. */
void weft_gallery_load (WeftGallery *self);

WeftDemoCatalog *weft_gallery_get_catalog (WeftGallery *self);
/* The Run button of the demo with that id, or NULL (tests click it). */
GtkWidget *weft_gallery_get_run_button (WeftGallery *self, const char *demo_id);

G_END_DECLS

/* weft-application.h: the weft-gui application — one window per trace. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WEFT_TYPE_APPLICATION (weft_application_get_type ())
G_DECLARE_FINAL_TYPE (WeftApplication, weft_application, WEFT, APPLICATION, AdwApplication)

WeftApplication *weft_application_new (void);

G_END_DECLS

/* weft-duration.h: a duration as the viewer writes it, at the precision
 * its size deserves. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1.250 s", "35.2 ms", "800 µs", "12 ns"; negative ones with a sign. */
char *weft_format_duration (gint64 ns);

G_END_DECLS

/* weft-duration.c: a duration as the viewer writes it. */
#include "weft-duration.h"

char *
weft_format_duration (gint64 ns)
{
  double v = (double) ns;
  gint64 a = ABS (ns);

  if (a >= 10 * G_GINT64_CONSTANT (1000000000))
    return g_strdup_printf ("%.1f s", v / 1e9);
  if (a >= G_GINT64_CONSTANT (1000000000))
    return g_strdup_printf ("%.3f s", v / 1e9);
  if (a >= 1000000)
    return g_strdup_printf ("%.1f ms", v / 1e6);
  if (a >= 1000)
    return g_strdup_printf ("%.1f \302\265s", v / 1e3);
  return g_strdup_printf ("%" G_GINT64_FORMAT " ns", ns);
}

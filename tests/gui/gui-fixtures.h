/* gui-fixtures.h: synthetic traces for the viewer's tests, written as real
 * .weft files with the model's synthetic stream builder (WeftTraceWriter). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A two-thread ABBA deadlock: "worker-a" (tid 1001) holds mutex_a and waits
 * for mutex_b, "worker-b" (tid 1002) the other way round, from 0.8 s until
 * the trace ends at 2.0 s.  The main thread waits in pthread_join. */
#define FIXTURE_PID 1000
#define FIXTURE_TID_A 1001
#define FIXTURE_TID_B 1002
#define FIXTURE_DEADLOCK_MS 800
#define FIXTURE_END_MS 2000
void gui_fixture_write_deadlock (const char *path);

G_END_DECLS

/* Pixels of an RGB24/ARGB32 cairo image surface (or downloaded texture). */
typedef struct {
  const guint8 *data;
  int width, height, stride;
  gboolean bgra; /* cairo and GdkTexture downloads: B G R A in memory */
} GuiImage;

void gui_image_rgb (const GuiImage *image, int x, int y, double rgb[3]);
/* TRUE when the pixel is within tolerance (0..1 per channel) of r,g,b. */
gboolean gui_image_is (const GuiImage *image, int x, int y, double r, double g, double b);
/* Fraction of n_samples pixels along y between x0 and x1 that are r,g,b. */
double gui_image_fraction (const GuiImage *image, double x0, double x1, int y, double r, double g,
                           double b, int n_samples);

/* Runs the main loop for ms milliseconds of wall time (what a window
 * needs to lay out, draw, and handle timeouts). */
void gui_wait_ms (guint ms);

/* `xdotool ARGS`, as a user's hands: a real click, real key presses.
 * The test's windows go on handling events while it runs. */
void gui_xdotool (const char *args);

/* WEFT_BUILD_ROOT/tests/gui/NAME */
char *gui_test_program (const char *name);

/*
 * weft-timeline-palette.h: the colours and sizes of the timeline.  Two
 * palettes: the normal one (Perfetto's vocabulary: greens for running and
 * runnable, warm colours for blocking) and a high-contrast one with large
 * fonts for projectors.
 */
#pragma once

#include <glib.h>
#include "weft-timeline-tree.h"

G_BEGIN_DECLS

typedef struct {
  double r, g, b;
} WeftRgb;


typedef struct {
  WeftRgb state[WEFT_N_STATES];
  WeftRgb zombie_hatch;
  WeftRgb background;
  WeftRgb row_alternate;
  WeftRgb gutter;
  WeftRgb text;
  WeftRgb text_dim;
  WeftRgb grid;
  WeftRgb ruler;
  WeftRgb marker;       /* fork connectors, exec and exit marks */
  WeftRgb exit_bad;     /* exit with an error code or a signal */
  WeftRgb deadlock;
  WeftRgb banner_text;
  WeftRgb playhead;
  WeftRgb selection;
  WeftRgb search;
  WeftRgb flow[WEFT_N_FLOW_CLASSES];  /* by WeftFlowClass */
  const char *font;     /* Pango font description */
  const char *bold_font;
  double row_height;
  double ruler_height;
  double legend_height;
  double banner_height;
  double line_width;
  double indent;        /* per level of the process tree */
} WeftTimelinePalette;

const WeftTimelinePalette *weft_timeline_palette_get (gboolean presentation);

/* Index into flow[] for a single WeftFlowMask bit: its class. */
WeftFlowClass weft_timeline_palette_flow_index (WeftFlowMask kind);

G_END_DECLS

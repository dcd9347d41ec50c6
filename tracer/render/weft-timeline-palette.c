/* weft-timeline-palette.c: the two palettes. */
#include "weft-timeline-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* The states' fills are columns of their table (weft-thread-state.h). */
#define NORMAL_FILL(name, key, label, stat, symbol, ansi, meaning, colour, presentation) \
  [WEFT_STATE_##name] = RGB (colour),
#define PRESENTATION_FILL(name, key, label, stat, symbol, ansi, meaning, colour, presentation) \
  [WEFT_STATE_##name] = RGB (presentation),
/* ... and the arrows' colours, of their classes' (weft-flow-kind.h). */
#define NORMAL_ARROW(name, label, colour, presentation) [WEFT_FLOW_CLASS_##name] = RGB (colour),
#define PRESENTATION_ARROW(name, label, colour, presentation) [WEFT_FLOW_CLASS_##name] = RGB (presentation),

static const WeftTimelinePalette normal_palette = {
  .state = { WEFT_THREAD_STATES (NORMAL_FILL) },
  .zombie_hatch = RGB (0xd8f5a2),
  .background = RGB (0xffffff),
  .row_alternate = RGB (0xf6f7f9),
  .gutter = RGB (0xfafafa),
  .text = RGB (0x241f31),
  .text_dim = RGB (0x5e5c64),
  .grid = RGB (0xdeddda),
  .ruler = RGB (0xf0f0f2),
  .marker = RGB (0x241f31),
  .exit_bad = RGB (0xc01c28),
  .deadlock = RGB (0xe01b24),
  .banner_text = RGB (0xffffff),
  .playhead = RGB (0x1a5fb4),
  .selection = RGB (0x3584e4),
  .search = RGB (0xf6d32d),
  .flow = { WEFT_FLOW_CLASSES (NORMAL_ARROW) },
  .font = "Cantarell, Sans 9",
  .bold_font = "Cantarell, Sans Bold 9",
  .row_height = 24,
  .ruler_height = 30,
  .legend_height = 30,
  .banner_height = 30,
  .line_width = 1.5,
  .indent = 16,
};

/* High contrast for projectors: saturated, dark outlines, large text. */
static const WeftTimelinePalette presentation_palette = {
  .state = { WEFT_THREAD_STATES (PRESENTATION_FILL) },
  .zombie_hatch = RGB (0xc8ff00),
  .background = RGB (0xffffff),
  .row_alternate = RGB (0xeeeeee),
  .gutter = RGB (0xffffff),
  .text = RGB (0x000000),
  .text_dim = RGB (0x202020),
  .grid = RGB (0x808080),
  .ruler = RGB (0xe8e8e8),
  .marker = RGB (0x000000),
  .exit_bad = RGB (0xc00000),
  .deadlock = RGB (0xff0000),
  .banner_text = RGB (0xffffff),
  .playhead = RGB (0x0030c0),
  .selection = RGB (0x0050e0),
  .search = RGB (0xffd000),
  .flow = { WEFT_FLOW_CLASSES (PRESENTATION_ARROW) },
  .font = "Cantarell, Sans 15",
  .bold_font = "Cantarell, Sans Bold 15",
  .row_height = 40,
  .ruler_height = 44,
  .legend_height = 46,
  .banner_height = 46,
  .line_width = 3,
  .indent = 24,
};

const WeftTimelinePalette *
weft_timeline_palette_get (gboolean presentation)
{
  return presentation ? &presentation_palette : &normal_palette;
}

WeftFlowClass
weft_timeline_palette_flow_index (WeftFlowMask kind)
{
  int bit = g_bit_nth_lsf (kind, -1);

  return bit >= 0 && bit < WEFT_N_FLOW_CLASSES ? (WeftFlowClass) bit : WEFT_FLOW_CLASS_DATA;
}

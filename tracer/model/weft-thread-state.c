/* weft-thread-state.c: the columns of WEFT_THREAD_STATES, as lookups (the
 * colours are read by tracer/render/weft-timeline-palette.c). */
#include "weft-thread-state.h"

#include <glib/gi18n-lib.h>

typedef struct {
  const char *key;
  const char *label;
  char stat;
  char symbol;
  const char *ansi;
  const char *meaning;
} ThreadStateRow;

#define WEFT_THREAD_STATE_ROW(name, key, label, stat, symbol, ansi, meaning, colour, presentation) \
  [WEFT_STATE_##name] = { key, label, stat, symbol, ansi, meaning },
static const ThreadStateRow rows[WEFT_N_STATES] = { WEFT_THREAD_STATES (WEFT_THREAD_STATE_ROW) };
#undef WEFT_THREAD_STATE_ROW

/* An out-of-range state (a corrupt span, a caller's bug) reads as NONE. */
static const ThreadStateRow *
row (WeftThreadState state)
{
  return &rows[(guint) state < WEFT_N_STATES ? state : WEFT_STATE_NONE];
}

const char *
weft_thread_state_name (WeftThreadState state)
{
  return row (state)->key;
}

const char *
weft_thread_state_label (WeftThreadState state)
{
  return _(row (state)->label);
}

char
weft_thread_state_stat_letter (WeftThreadState state)
{
  return row (state)->stat;
}

char
weft_thread_state_symbol (WeftThreadState state)
{
  return row (state)->symbol;
}

const char *
weft_thread_state_ansi (WeftThreadState state)
{
  return row (state)->ansi;
}

const char *
weft_thread_state_meaning (WeftThreadState state)
{
  return row (state)->meaning;
}

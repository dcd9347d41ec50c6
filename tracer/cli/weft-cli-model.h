/* weft-cli-model.h: what the CLI commands that read a trace share. */
#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

/* Tree levels a listing indents, at most: a file decides how deep a tree
 * is, and 200 000 levels of indent would be 40 GB of spaces. */
#define WEFT_CLI_MAX_INDENT 16

/* Loads and analyses a trace for a command.  On failure prints one
 * sentence ("weft: ...") and returns NULL; a truncated trace loads with a
 * warning on stderr. */
WeftModel *weft_cli_load_model (const char *path);

/* "1.234567 s" style time for people, from ns. */
char *weft_cli_format_seconds (guint64 ns);

/* Parses option's value "1.5", "1.5s", "200ms", "30us", "100ns" into ns.
 * When it is not a time, or beyond any recording, prints one sentence
 * naming option and returns FALSE. */
gboolean weft_cli_parse_time (const char *option, const char *text, guint64 *ns);

G_END_DECLS
